/**
 * CLABE, Mexico's 18-digit standardised bank account number: bank (3) + plaza (3) +
 * account (11) + check digit. The check digit weighs the first 17 digits by 3, 7, 1 repeating:
 * check = (10 − Σ(dᵢ·wᵢ mod 10) mod 10) mod 10.
 */
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

export function isValidClabe(text: string): boolean {
  const digits = normalizeClabe(text);
  if (!/^\d{18}$/.test(digits)) return false;
  return clabeCheckDigit(digits.slice(0, 17)) === digits.charCodeAt(17) - 48;
}

export interface ClabeParts {
  bank: string;
  plaza: string;
  account: string;
  check: string;
}

export function clabeParts(text: string): ClabeParts | null {
  const d = normalizeClabe(text);
  if (!isValidClabe(d)) return null;
  return { bank: d.slice(0, 3), plaza: d.slice(3, 6), account: d.slice(6, 17), check: d.slice(17) };
}
