import { InputError } from "../src/core/errors";
import { message, type Lang, type MessageKey } from "../src/core/messages";

/**
 * The pane's words come from the one catalogue (src/core/i18n/es.ts, en.ts, `pane.*` keys);
 * this is only a typed accessor bound to the pane's language, so panels never test the
 * language themselves.
 */
export type PaneKey = Extract<MessageKey, `pane.${string}`>;
export type Params = Record<string, string | number>;

export interface Translator {
  (key: PaneKey, params?: Params): string;
  readonly lang: Lang;
}

export function translator(lang: Lang): Translator {
  return Object.assign((key: PaneKey, params?: Params) => message(lang, key, params), { lang });
}

/** What the user reads for a failure: the readers' one-line message, never a stack trace. */
export function errorText(t: Translator, e: unknown): string {
  if (e instanceof InputError) return e.describe(t.lang);
  return t("pane.unexpected", { detail: e instanceof Error ? e.message : String(e) });
}
