/**
 * What the CARTERA.* functions say to the user: the `fn.*` keys of the one catalogue
 * (src/core/i18n), shown with #VALUE! and #N/A and inside text results.
 */
import { message, type Lang, type MessageKey } from "../src/core/messages";

type FnKey = Extract<MessageKey, `fn.${string}`>;
export type FnMessage = FnKey extends `fn.${infer K}` ? K : never;

export function fnMessage(lang: Lang, code: FnMessage, params: Record<string, string | number> = {}): string {
  return message(lang, `fn.${code}` as FnKey, params);
}

/** Bucket labels come from core in English (`current`, `1-30` …); only `current` has words. */
export function localizeBucketLabel(label: string, lang: Lang): string {
  return label === "current" ? fnMessage(lang, "label.current") : label;
}
