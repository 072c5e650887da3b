/**
 * Every message a user can read, in Spanish (es-MX, the default) and English. Core code
 * reports problems as a code plus parameters so each door can speak the user's language.
 */
import { en } from "./i18n/en";
import { es, type MessageKey } from "./i18n/es";

export type Lang = "es" | "en";
export type { MessageKey };

export interface Problem {
  code: MessageCode;
  params?: Record<string, string | number>;
}

export type MessageCode = MessageKey;

const tables: Record<Lang, Record<MessageCode, string>> = { es, en };

/**
 * Fills `{name}` placeholders. A parameter may come in each language (`needed.es`,
 * `needed.en`), e.g. lists of field names.
 */
export function fillTemplate(template: string, lang: Lang, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)(#?)\}/g, (_, k: string, grouped: string) => {
    const v = params[`${k}.${lang}`] ?? params[k];
    if (v === undefined) return `{${k}}`;
    return grouped && typeof v === "number" ? groupDigits(v, lang) : String(v);
  });
}

/** `20000` → `20,000`: es-MX and en-US both group thousands with a comma. */
function groupDigits(n: number, _lang: Lang): string {
  const [int, frac] = String(Math.abs(n)).split(".");
  const g = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (n < 0 ? "-" : "") + g + (frac ? "." + frac : "");
}

export function message(lang: Lang, code: MessageCode, params: Record<string, string | number> = {}): string {
  return fillTemplate(tables[lang][code], lang, params);
}

export function describe(problem: Problem, lang: Lang = "es"): string {
  return message(lang, problem.code, problem.params);
}

/** Chooses es or en from a locale tag such as `es-MX`, `en-US` or `C.UTF-8` (Spanish by default). */
export function langFromLocale(locale: string | undefined | null): Lang {
  return locale && /^en\b/i.test(locale) ? "en" : "es";
}
