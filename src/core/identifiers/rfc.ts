/**
 * RFC (Registro Federal de Contribuyentes), the Mexican tax id printed on every CFDI:
 * - persona moral (company): 3 letters + YYMMDD + 2-character homoclave + check digit (12);
 * - persona física (individual): 4 letters + YYMMDD + homoclave + check digit (13), or the
 *   first 10 alone when the homoclave is not known yet;
 * - SAT's generic RFCs for sales to the general public and to foreign residents.
 * Letters include Ñ and &. The check digit is SAT's modulus-11 over the first 12 positions
 * (a company's RFC is left-padded with a space), each character valued by the table below.
 *
 * SAT has assigned real RFCs whose check digit does not verify (python-stdnum's tests list a
 * hundred, about 1.5 % of those it found in use), so by default an RFC is checked for shape and
 * date only, as python-stdnum's `mx.rfc` does; `strict` also requires the check digit.
 */
import type { Problem } from "../messages";

const VALUES = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ";

/** SAT's generic RFCs: sales to the general public and to foreign residents. */
export const GENERIC_RFCS: readonly string[] = ["XAXX010101000", "XEXX010101000"];

/**
 * SAT's "palabras inconvenientes": four letters that SAT never assigns as the start of a
 * person's RFC (it changes the last letter to X instead). The list is python-stdnum's
 * `_name_blacklist` (stdnum/mx/rfc.py, commit 5d4ad17, 2026-05-03), which reproduces the
 * table of SAT's algorithm for the RFC with homoclave (SAT's answer 0610100162005_065 on
 * infomex.org.mx, cited by that module).
 */
export const FORBIDDEN_WORDS: ReadonlySet<string> = new Set([
  "BUEI", "BUEY", "CACA", "CACO", "CAGA", "CAGO", "CAKA", "CAKO", "COGE",
  "COJA", "COJE", "COJI", "COJO", "CULO", "FETO", "GUEY", "JOTO", "KACA",
  "KACO", "KAGA", "KAGO", "KAKA", "KOGE", "KOJO", "KULO", "MAME", "MAMO",
  "MEAR", "MEAS", "MEON", "MION", "MOCO", "MULA", "PEDA", "PEDO", "PENE",
  "PUTA", "PUTO", "QULO", "RATA", "RUIN",
]);

// Name part, date, homoclave and the check-digit position. The last character is SAT's check
// digit, 0-9 or A, even where it does not verify: all 417 real RFCs in python-stdnum's tests end so.
const MORAL = /^[A-ZÑ&]{3}\d{6}[A-Z\d]{2}[A\d]$/;
const FISICA = /^[A-ZÑ&]{4}\d{6}[A-Z\d]{2}[A\d]$/;
const FISICA_SHORT = /^[A-ZÑ&]{4}\d{6}$/;

export type RfcKind = "moral" | "fisica" | "generic";

export interface RfcOptions {
  /** Also require a check digit that verifies (and so the homoclave). */
  strict?: boolean;
}

/** `homoclave` is false for a 10-character RFC. */
export type RfcCheck = { ok: true; rfc: string; kind: RfcKind; homoclave: boolean } | { ok: false; problem: Problem };

/** Uppercase, composed Ñ, no spaces or hyphens: RFCs are written `GODE 561231 GR8` or `MAB-930714-8T4`. */
export function normalizeRfc(text: string): string {
  return text.normalize("NFC").toUpperCase().replace(/[\s-]/g, "");
}

/** Check digit for an RFC's first 11 (company) or 12 (individual) characters; null if a character has no value. */
export function rfcCheckDigit(body: string): string | null {
  const padded = body.length === 11 ? " " + body : body;
  if (padded.length !== 12) return null;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const v = VALUES.indexOf(padded[i]);
    if (v < 0) return null;
    sum += v * (13 - i);
  }
  const r = sum % 11;
  if (r === 0) return "0";
  const d = 11 - r;
  return d === 10 ? "A" : String(d);
}

/** YYMMDD is a day of 19YY or 20YY; 29 February needs a leap year (00 counts as 2000). */
function isValidDate(yymmdd: string): boolean {
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  const dd = Number(yymmdd.slice(4, 6));
  if (mm < 1 || mm > 12 || dd < 1) return false;
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1];
  if (dd > days) return false;
  return !(mm === 2 && dd === 29 && yy % 4 !== 0);
}

export function checkRfc(text: string, options: RfcOptions = {}): RfcCheck {
  const value = text.trim();
  const rfc = normalizeRfc(text);
  if (GENERIC_RFCS.includes(rfc)) return { ok: true, rfc, kind: "generic", homoclave: true };
  const fail = (code: Problem["code"], params: Record<string, string | number> = {}): RfcCheck => ({ ok: false, problem: { code, params: { value, ...params } } });
  let name: number;
  if (rfc.length === 12) {
    if (!MORAL.test(rfc)) return fail("rfc.shapeMoral");
    name = 3;
  } else if (rfc.length === 13) {
    if (!FISICA.test(rfc)) return fail("rfc.shapeFisica");
    name = 4;
  } else if (rfc.length === 10) {
    if (!FISICA_SHORT.test(rfc)) return fail("rfc.shapeShort");
    name = 4;
  } else {
    return fail("rfc.length", { n: rfc.length });
  }
  if (name === 4 && FORBIDDEN_WORDS.has(rfc.slice(0, 4))) return fail("rfc.forbidden", { word: rfc.slice(0, 4) });
  const date = rfc.slice(name, name + 6);
  if (!isValidDate(date)) return fail("rfc.date", { date });
  const homoclave = rfc.length !== 10;
  if (options.strict) {
    if (!homoclave) return fail("rfc.noCheckDigit");
    if (rfcCheckDigit(rfc.slice(0, -1)) !== rfc.slice(-1)) return fail("rfc.checkDigit");
  }
  return { ok: true, rfc, kind: name === 3 ? "moral" : "fisica", homoclave };
}

export function isValidRfc(text: string, options: RfcOptions = {}): boolean {
  return checkRfc(text, options).ok;
}

export function rfcKind(text: string): RfcKind | null {
  const r = checkRfc(text);
  return r.ok ? r.kind : null;
}
