/**
 * Interest rates and percentages as exact fractions. A rate such as 0.06 has no exact binary
 * value, so `centavos × 0.06 × days / 360` in floating point can land a hair below a half
 * centavo and round the wrong way. Carrying the rate as the decimal the user wrote (6/100)
 * and doing the arithmetic in BigInt keeps every interest amount exact to the centavo.
 */
import type { Centavos } from "./money";

export interface Fraction {
  num: bigint;
  /** Always positive. */
  den: bigint;
}

/** Integer division rounding half away from zero, the rounding used for money everywhere. */
export function roundDiv(num: bigint, den: bigint): bigint {
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const q = num / den; // truncates toward zero
  const r = num - q * den;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= den) return num < 0n ? q - 1n : q + 1n;
  return q;
}

/**
 * The decimal a number was written as, as a fraction: 0.06 → 6/100, 1e-7 → 1/10000000.
 * JavaScript prints the shortest decimal that round-trips, which is what the user typed.
 */
export function fractionFromNumber(x: number): Fraction | null {
  if (!Number.isFinite(x)) return null;
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) return null;
  const digits = m[2] + (m[3] ?? "");
  const exp = -(m[3]?.length ?? 0) + (m[4] ? Number(m[4]) : 0);
  let num = BigInt(digits);
  let den = 1n;
  if (exp >= 0) num *= 10n ** BigInt(exp);
  else den = 10n ** BigInt(-exp);
  if (m[1] === "-") num = -num;
  return reduce({ num, den });
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function reduce(f: Fraction): Fraction {
  const g = gcd(f.num, f.den);
  return g > 1n ? { num: f.num / g, den: f.den / g } : f;
}

export function fractionToNumber(f: Fraction): number {
  return Number(f.num) / Number(f.den);
}

export type RateParse = { ok: true; rate: Fraction } | { ok: false };

/**
 * Reads a rate as Excel hands it over: a number (0.06, what a cell formatted as 6 % holds) or
 * text such as `6%`, `6.5 %`, `6,5%` or `0.06`. Text without `%` is a fraction, like a number.
 */
export function parseRate(value: unknown): RateParse {
  if (typeof value === "number") {
    const rate = fractionFromNumber(value);
    return rate ? { ok: true, rate } : { ok: false };
  }
  if (typeof value !== "string") return { ok: false };
  const m = /^([+-]?)(\d*)(?:[.,](\d+))?\s*(%?)$/.exec(value.trim());
  if (!m || (m[2] === "" && m[3] === undefined)) return { ok: false };
  const frac = m[3] ?? "";
  let num = BigInt((m[2] || "0") + frac);
  let den = 10n ** BigInt(frac.length);
  if (m[4] === "%") den *= 100n;
  if (m[1] === "-") num = -num;
  return { ok: true, rate: reduce({ num, den }) };
}

/** centavos × num / den, rounded half away from zero to whole centavos. */
export function scaleCentavos(amount: Centavos, num: bigint, den: bigint): Centavos {
  return Number(roundDiv(BigInt(amount) * num, den));
}
