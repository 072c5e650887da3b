/**
 * How a customer pays: the amount-weighted average days between due date and payment
 * (Σ amount × days ÷ Σ amount, negative when it pays early: the Credit Research Foundation's
 * weighted average days to pay, as `CARTERA.AVGDAYSTOPAY` computes it) over the invoices paid
 * in the last N months, and its trend: the average of the last M months minus the average of
 * the months before them (positive: paying later than it used to). Kept as exact fractions,
 * so a rule comparing "15 days late" never trips over a rounding.
 */
import { addMonths, type CivilDay } from "../dates";
import type { Centavos } from "../money";
import { reduce, roundDiv, type Fraction } from "../rates";

export interface Behaviour {
  /** Invoices paid in the window (only positive amounts weigh). */
  payments: number;
  avgDaysToPay: Fraction | null;
  /** Average of the recent window minus that of the earlier one; null unless both have payments. */
  trend: Fraction | null;
  recent: Fraction | null;
  earlier: Fraction | null;
}

export const NO_BEHAVIOUR: Behaviour = Object.freeze({ payments: 0, avgDaysToPay: null, trend: null, recent: null, earlier: null });

export interface BehaviourWindow {
  /** Payments on or before this day count; later ones are after the key date. */
  asOf: CivilDay;
  /** Payments after this day count (the window is (from, asOf]). */
  from: CivilDay;
  /** Payments after this day are "recent". */
  recentFrom: CivilDay;
}

export function behaviourWindow(asOf: CivilDay, months: number, trendMonths: number): BehaviourWindow {
  return { asOf, from: addMonths(asOf, -months), recentFrom: addMonths(asOf, -trendMonths) };
}

/** Sums of one customer's payments: BigInt products, so a large customer's sums stay exact. */
export class BehaviourSums {
  private recentWeighted = 0n;
  private recentTotal = 0n;
  private earlierWeighted = 0n;
  private earlierTotal = 0n;
  payments = 0;

  /** Adds one paid item when it is an invoice paid inside the window; returns whether it counted. */
  add(w: BehaviourWindow, amount: Centavos, due: CivilDay, paid: CivilDay): boolean {
    if (amount <= 0 || paid > w.asOf || paid <= w.from) return false;
    const a = BigInt(amount);
    const weighted = a * BigInt(paid - due);
    if (paid > w.recentFrom) {
      this.recentWeighted += weighted;
      this.recentTotal += a;
    } else {
      this.earlierWeighted += weighted;
      this.earlierTotal += a;
    }
    this.payments++;
    return true;
  }

  result(): Behaviour {
    if (this.payments === 0) return NO_BEHAVIOUR;
    const total = this.recentTotal + this.earlierTotal;
    const avg = reduce({ num: this.recentWeighted + this.earlierWeighted, den: total });
    const recent = this.recentTotal > 0n ? reduce({ num: this.recentWeighted, den: this.recentTotal }) : null;
    const earlier = this.earlierTotal > 0n ? reduce({ num: this.earlierWeighted, den: this.earlierTotal }) : null;
    const trend = recent && earlier ? reduce({ num: recent.num * earlier.den - earlier.num * recent.den, den: recent.den * earlier.den }) : null;
    return { payments: this.payments, avgDaysToPay: avg, trend, recent, earlier };
  }
}

/** f > n, exactly. */
export function exceeds(f: Fraction, n: number): boolean {
  return f.num > BigInt(n) * f.den;
}

/** f ≤ n, exactly. */
export function atMost(f: Fraction, n: number): boolean {
  return !exceeds(f, n);
}

/** A fraction rounded half away from zero to `decimals` places, for display and JSON. */
export function roundFraction(f: Fraction, decimals: number): number {
  const scale = 10n ** BigInt(decimals);
  return Number(roundDiv(f.num * scale, f.den)) / Number(scale);
}
