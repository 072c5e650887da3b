/**
 * RFC (Registro Federal de Contribuyentes), the Mexican tax id printed on every CFDI:
 * - persona moral (company): 3 letters + YYMMDD + 2-character homoclave + check digit (12);
 * - persona física (individual): 4 letters + YYMMDD + homoclave + check digit (13).
 * Letters include Ñ and &. The check digit is SAT's modulus-11 over the first 12 positions
 * (a company's RFC is left-padded with a space), each character valued by the table below.
 */
const VALUES = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ";

/** SAT's generic RFCs: sales to the general public and to foreign residents. */
export const GENERIC_RFCS: readonly string[] = ["XAXX010101000", "XEXX010101000"];

const SHAPE = /^([A-ZÑ&]{3,4})(\d{2})(\d{2})(\d{2})([A-Z\d]{2})([A\d])$/;

export function normalizeRfc(text: string): string {
  return text.trim().toUpperCase().replace(/[\s-]/g, "");
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

function isValidDate(yy: number, mm: number, dd: number): boolean {
  if (mm < 1 || mm > 12 || dd < 1) return false;
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1];
  if (dd > days) return false;
  // 29 February exists in 1900+yy or 2000+yy: yy divisible by 4 (00 is 2000, a leap year).
  return !(mm === 2 && dd === 29 && yy % 4 !== 0);
}

export function isValidRfc(text: string): boolean {
  const rfc = normalizeRfc(text);
  if (GENERIC_RFCS.includes(rfc)) return true;
  const m = SHAPE.exec(rfc);
  if (!m) return false;
  if (!isValidDate(Number(m[2]), Number(m[3]), Number(m[4]))) return false;
  return rfcCheckDigit(rfc.slice(0, -1)) === rfc.slice(-1);
}

export function rfcKind(text: string): "moral" | "fisica" | null {
  const rfc = normalizeRfc(text);
  if (!isValidRfc(rfc)) return null;
  return rfc.length === 12 ? "moral" : "fisica";
}
