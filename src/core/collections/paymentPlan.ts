/**
 * Payment plans ("convenios de pago"): a balance repaid in equal instalments with interest on
 * the outstanding balance (French amortisation). Every figure is whole centavos: the level
 * payment is rounded, each period's interest is rounded, and the last instalment absorbs the
 * rounding so principal adds up to the amount exactly and the balance ends at zero.
 */
import type { CivilDay } from "../dates";
import type { Centavos } from "../money";
import { roundDiv, scaleCentavos, type Fraction } from "../rates";

export interface Instalment {
  /** 1-based. */
  n: number;
  date: CivilDay;
  payment: Centavos;
  interest: Centavos;
  principal: Centavos;
  /** Balance after this instalment. */
  balance: Centavos;
}

export interface PlanTerms {
  amount: Centavos;
  instalments: number;
  annualRate: Fraction;
  firstDate: CivilDay;
  /** Days between instalments; 30 with the 360-day year makes the rate exactly rate/12 a month. */
  frequencyDays: number;
  /** Days in the interest year: 360, the commercial year Mexican banks use, unless told otherwise. */
  basis?: 360 | 365;
}

export const MAX_INSTALMENTS = 600;

export function paymentPlan(t: PlanTerms): Instalment[] {
  const basis = BigInt(t.basis ?? 360);
  // Periodic rate as an exact fraction: annual × days ÷ basis.
  const pNum = t.annualRate.num * BigInt(t.frequencyDays);
  const pDen = t.annualRate.den * basis;
  const n = t.instalments;
  let payment: Centavos;
  if (pNum === 0n) {
    payment = Number(roundDiv(BigInt(t.amount), BigInt(n)));
  } else {
    // Level payment A·r / (1 − (1 + r)^−n); floating point is fine here because the result is
    // only a target that gets rounded, and the schedule below settles every centavo.
    const r = Number(pNum) / Number(pDen);
    payment = Math.round((t.amount * r) / (1 - Math.pow(1 + r, -n)));
  }
  const rows: Instalment[] = [];
  let balance = t.amount;
  for (let k = 1; k <= n; k++) {
    const interest = scaleCentavos(balance, pNum, pDen);
    let principal = k === n ? balance : Math.min(payment - interest, balance);
    if (principal < 0) principal = 0;
    balance -= principal;
    rows.push({ n: k, date: t.firstDate + (k - 1) * t.frequencyDays, payment: principal + interest, interest, principal, balance });
  }
  return rows;
}
