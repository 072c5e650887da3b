/**
 * Late interest and returned-cheque damages under Mexican commercial law.
 *
 * - Código de Comercio art. 362: a late debtor owes the agreed late interest from the day after
 *   the due date, or 6 % a year when none was agreed.
 * - Ley General de Títulos y Operaciones de Crédito art. 193: the drawer of a cheque returned
 *   unpaid owes the holder at least 20 % of its value as damages.
 */
import type { Centavos } from "../money";
import { scaleCentavos, type Fraction } from "../rates";

/** 6 % a year (Código de Comercio art. 362). */
export const LEGAL_ANNUAL_RATE: Fraction = { num: 6n, den: 100n };

/** 20 % of the cheque (LGTOC art. 193). */
export const CHEQUE_INDEMNITY_RATE: Fraction = { num: 20n, den: 100n };

export type DayBasis = 360 | 365;

export function chequeIndemnity(amount: Centavos): Centavos {
  return scaleCentavos(amount, CHEQUE_INDEMNITY_RATE.num, CHEQUE_INDEMNITY_RATE.den);
}

/** Days of late interest: from the day after the due date through the payment date. */
export function daysLate(due: number, paid: number): number {
  return paid > due ? paid - due : 0;
}

/** Simple interest: amount × annual rate × days ÷ basis, exact to the centavo. */
export function simpleInterest(amount: Centavos, annualRate: Fraction, days: number, basis: DayBasis): Centavos {
  if (days <= 0) return 0;
  return scaleCentavos(amount, annualRate.num * BigInt(days), annualRate.den * BigInt(basis));
}

export function lateInterest(amount: Centavos, annualRate: Fraction | null, due: number, paid: number, basis: DayBasis): Centavos {
  return simpleInterest(amount, annualRate ?? LEGAL_ANNUAL_RATE, daysLate(due, paid), basis);
}
