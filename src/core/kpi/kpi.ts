/**
 * Collection KPIs as the Credit Research Foundation defines them (see DESIGN.md):
 * DSO (simple and count-back), Best Possible DSO, Average Days Delinquent, the Collection
 * Effectiveness Index and the amount-weighted average days to pay.
 *
 * Inputs are centavos and civil days; differences of money are taken in integers before any
 * division, so a KPI never inherits a floating-point residue from its inputs.
 */
import type { CivilDay } from "../dates";
import type { Centavos } from "../money";

/** Why a KPI has no value: the caller maps these to the user's language and an Excel error. */
export type KpiFailure =
  /** The period's days are not a positive number. */
  | "period"
  /** Credit sales are zero or negative: no sales, no days of sales. */
  | "noSales"
  /** A month's sales are negative (count-back counts sales, not returns). */
  | "negativeSales"
  /** Receivables are negative: a net credit balance has no days of sales. */
  | "negativeAr"
  /** The receivables exceed every month of sales given: count-back needs more months. */
  | "salesExhausted"
  /** The CEI denominator is zero. */
  | "zeroDenominator"
  /** The number of months is not a whole number ≥ 1. */
  | "months"
  /** Nothing was paid, so there is no average. */
  | "noPayments";

export type Kpi = { ok: true; value: number } | { ok: false; failure: KpiFailure };

const fail = (failure: KpiFailure): Kpi => ({ ok: false, failure });
const ok = (value: number): Kpi => ({ ok: true, value });

function ratioDays(part: Centavos, sales: Centavos, days: number): Kpi {
  if (!(days > 0) || !Number.isFinite(days)) return fail("period");
  if (!(sales > 0)) return fail("noSales");
  return ok((part / sales) * days);
}

/** DSO = receivables ÷ credit sales × days in the period. */
export function dso(ar: Centavos, creditSales: Centavos, days: number): Kpi {
  return ratioDays(ar, creditSales, days);
}

/** Best Possible DSO = current (not yet due) receivables ÷ credit sales × days. */
export function bestPossibleDso(currentAr: Centavos, creditSales: Centavos, days: number): Kpi {
  return ratioDays(currentAr, creditSales, days);
}

/** Average Days Delinquent = DSO − Best Possible DSO = past-due receivables ÷ credit sales × days. */
export function averageDaysDelinquent(totalAr: Centavos, currentAr: Centavos, creditSales: Centavos, days: number): Kpi {
  return ratioDays(totalAr - currentAr, creditSales, days);
}

/**
 * Count-back DSO: starting with the latest month, take each month's sales off the receivables
 * and count its days while the receivables still exceed them; the month that covers the rest
 * counts in proportion. `monthlySales` runs oldest to latest, the way a worksheet lists months.
 */
export function dsoCountBack(ar: Centavos, monthlySales: readonly Centavos[], monthDays: readonly number[]): Kpi {
  if (ar < 0) return fail("negativeAr");
  if (monthlySales.length === 0) return fail("noSales");
  for (let i = 0; i < monthlySales.length; i++) {
    if (monthlySales[i] < 0) return fail("negativeSales");
    if (!(monthDays[i] > 0) || !Number.isFinite(monthDays[i])) return fail("period");
  }
  let remaining = ar;
  let days = 0;
  for (let i = monthlySales.length - 1; i >= 0; i--) {
    const sales = monthlySales[i];
    if (remaining <= sales) {
      return ok(sales === 0 ? days : days + (remaining / sales) * monthDays[i]);
    }
    remaining -= sales;
    days += monthDays[i];
  }
  return fail("salesExhausted");
}

/**
 * Collection Effectiveness Index, in percent:
 * (begin AR + sales/N − end total AR) ÷ (begin AR + sales/N − end current AR) × 100.
 * Both terms are multiplied by N so the money stays in whole centavos.
 */
export function collectionEffectivenessIndex(beginAr: Centavos, creditSales: Centavos, endAr: Centavos, endCurrentAr: Centavos, months = 1): Kpi {
  if (!Number.isInteger(months) || months < 1) return fail("months");
  const collectible = beginAr * months + creditSales;
  const numerator = collectible - endAr * months;
  const denominator = collectible - endCurrentAr * months;
  if (denominator === 0) return fail("zeroDenominator");
  return ok((numerator / denominator) * 100);
}

export interface Payment {
  amount: Centavos;
  due: CivilDay;
  paid: CivilDay;
}

/**
 * Amount-weighted average days paid after the due date: Σ(amount × days) ÷ Σ amount.
 * Negative when customers pay early. Only positive amounts weigh (an invoice is paid; a
 * credit memo is applied, not paid).
 */
export function averageDaysToPay(payments: Iterable<Payment>): Kpi {
  let weighted = 0;
  let total = 0;
  for (const p of payments) {
    if (p.amount <= 0) continue;
    weighted += p.amount * (p.paid - p.due);
    total += p.amount;
  }
  if (total === 0) return fail("noPayments");
  return ok(weighted / total);
}
