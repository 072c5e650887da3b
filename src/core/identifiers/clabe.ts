/**
 * CLABE, Mexico's 18-digit standardised bank account number: bank (3) + plaza (3) +
 * account (11) + check digit. The check digit weighs the first 17 digits by 3, 7, 1 repeating:
 * check = (10 − Σ(dᵢ·wᵢ mod 10) mod 10) mod 10. The bank code must belong to a participant of
 * SPEI (banks.ts), and the plaza code is never 000.
 */
import type { Problem } from "../messages";
import { bankByCode, BANKS_AS_OF, type Bank } from "./banks";

const WEIGHTS = [3, 7, 1];

/** Check digit for the first 17 digits, or null when they are not 17 digits. */
export function clabeCheckDigit(first17: string): number | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ((first17.charCodeAt(i) - 48) * WEIGHTS[i % 3]) % 10;
  return (10 - (sum % 10)) % 10;
}

/** Digits only: people paste CLABEs with spaces or hyphens between the groups. */
export function normalizeClabe(text: string): string {
  return text.replace(/[\s-]/g, "");
}

export interface ClabeParts {
  bank: string;
  plaza: string;
  account: string;
  check: string;
}

export type ClabeCheck = { ok: true; clabe: string; parts: ClabeParts; bank: Bank } | { ok: false; problem: Problem };

/** "23/03/2026" and "2026-03-23": the catalogue's date as each language writes dates. */
function asOfParams(): Record<string, string> {
  const [y, m, d] = BANKS_AS_OF.split("-");
  return { "asOf.es": `${d}/${m}/${y}`, "asOf.en": BANKS_AS_OF };
}

/**
 * Checks a CLABE and says why it is wrong: the characters and length first, then the check
 * digit, then the plaza, and last whether the bank code is a SPEI participant — so a bank code
 * is only looked up in a CLABE that is otherwise well formed.
 */
export function checkClabe(text: string): ClabeCheck {
  const value = text.trim();
  const d = normalizeClabe(text);
  if (!/^\d*$/.test(d)) return { ok: false, problem: { code: "clabe.digits", params: { value } } };
  if (d.length !== 18) return { ok: false, problem: { code: "clabe.length", params: { value, n: d.length } } };
  // The message does not name the expected digit: a wrong check digit usually means a mistyped
  // digit elsewhere, and "fixing" the last one would make a wrong CLABE look right.
  if (clabeCheckDigit(d.slice(0, 17)) !== d.charCodeAt(17) - 48) return { ok: false, problem: { code: "clabe.checkDigit", params: { value } } };
  const parts: ClabeParts = { bank: d.slice(0, 3), plaza: d.slice(3, 6), account: d.slice(6, 17), check: d.slice(17) };
  if (parts.plaza === "000") return { ok: false, problem: { code: "clabe.plaza", params: { value, plaza: parts.plaza } } };
  const bank = bankByCode(parts.bank);
  if (!bank) return { ok: false, problem: { code: "clabe.bankUnknown", params: { value, bank: parts.bank, ...asOfParams() } } };
  return { ok: true, clabe: d, parts, bank };
}

/** 18 digits, a correct check digit, a plaza other than 000 and a SPEI participant's bank code. */
export function isValidClabe(text: string): boolean {
  return checkClabe(text).ok;
}

export function clabeParts(text: string): ClabeParts | null {
  const r = checkClabe(text);
  return r.ok ? r.parts : null;
}
