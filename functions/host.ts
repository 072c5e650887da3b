/**
 * What the custom functions need from their surroundings: the user's language (for the
 * messages Excel shows with #VALUE! and #N/A, and for text results) and today's date (the
 * default key date). Both are read lazily from Office and can be fixed by tests, the bench and
 * the sample-workbook script, which run without Office.
 */
import { dayFromCivil, type CivilDay } from "../src/core/dates";
import { langFromLocale, type Lang } from "../src/core/messages";

interface HostOverrides {
  lang?: Lang;
  today?: CivilDay;
}

let overrides: HostOverrides = {};

export function configureHost(next: HostOverrides): void {
  overrides = { ...next };
}

interface OfficeLike {
  context?: { displayLanguage?: string };
}

/** Spanish unless Excel's display language is English (the product's default is es-MX). */
export function userLang(): Lang {
  if (overrides.lang) return overrides.lang;
  const office = (globalThis as { Office?: OfficeLike }).Office;
  let locale: string | undefined;
  try {
    locale = office?.context?.displayLanguage;
  } catch {
    // Office.context is not usable before Office.onReady in some hosts; default to Spanish.
  }
  return langFromLocale(locale);
}

/**
 * Today in the user's time zone, as a civil date. The JS Date is read and dropped here: its
 * local calendar fields are the user's "today", and nothing else leaves this function.
 */
export function today(): CivilDay {
  if (overrides.today !== undefined) return overrides.today;
  const now = new Date();
  return dayFromCivil(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
