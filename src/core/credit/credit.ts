/**
 * Credit lines and order release. Exposure is what SAP FD32/UKM counts against the line:
 * open items + open orders + open deliveries + billing not yet posted; available credit is the
 * limit minus the exposure, and may be negative when a customer is already over the line.
 * `CARTERA.CREDITAVAILABLE`, `CARTERA.RELEASE` and the credit review (`cartera credit`) all
 * decide here, with the same default tolerance and the same words.
 */
import { formatDayFirst, formatIsoDate, type CivilDay } from "../dates";
import type { Problem } from "../messages";
import { formatMoney, type Centavos } from "../money";

/** Days past due tolerated before orders are held, unless the policy says otherwise. */
export const DEFAULT_TOLERANCE_DAYS = 15;

/** Limit − (balance + each further exposure: open orders, deliveries, unposted billing). */
export function availableCredit(limit: Centavos, balance: Centavos, ...otherExposure: Centavos[]): Centavos {
  let exposure = balance;
  for (const e of otherExposure) exposure += e;
  return limit - exposure;
}

export interface ReleaseRequest {
  orderAmount: Centavos;
  /** Null when the customer has no credit limit on file. */
  limit: Centavos | null;
  /** Exposure before this order. */
  exposure: Centavos;
  /** Oldest debit item's days past due (0 when nothing is late). */
  maxDaysPastDue: number;
  /** Days past due tolerated before orders are held. */
  toleranceDays: number;
  /** The day the guarantee expired, when it has (expired guarantees hold orders). */
  guaranteeExpired?: CivilDay | null;
  /** Which of the holds apply (all by default, as in the default policy). */
  holds?: { overLimit?: boolean; expiredGuarantee?: boolean; noLimit?: boolean };
}

export type HoldReason =
  | { kind: "overdue"; days: number; toleranceDays: number }
  | { kind: "overLimit"; excess: Centavos }
  | { kind: "guaranteeExpired"; expired: CivilDay }
  | { kind: "noLimit" }
  | { kind: "currency"; limitCurrency: string; currencies: string[] };

export type ReleaseDecision = { release: true } | { release: false; reasons: HoldReason[] };

/**
 * Releases an order when the customer is not late beyond the tolerance, the order fits in
 * the line (available after it ≥ 0), the guarantee has not expired and a limit is on file;
 * otherwise holds it with every reason, so the analyst sees the whole picture.
 */
export function releaseDecision(r: ReleaseRequest): ReleaseDecision {
  const holds = r.holds ?? {};
  const reasons: HoldReason[] = [];
  if (r.maxDaysPastDue > r.toleranceDays) reasons.push({ kind: "overdue", days: r.maxDaysPastDue, toleranceDays: r.toleranceDays });
  if (r.limit !== null && holds.overLimit !== false) {
    const excess = r.exposure + r.orderAmount - r.limit;
    if (excess > 0) reasons.push({ kind: "overLimit", excess });
  }
  if (r.guaranteeExpired != null && holds.expiredGuarantee !== false) reasons.push({ kind: "guaranteeExpired", expired: r.guaranteeExpired });
  if (r.limit === null && holds.noLimit !== false) reasons.push({ kind: "noLimit" });
  return reasons.length === 0 ? { release: true } : { release: false, reasons };
}

/** A date as a message parameter in each language: `31/10/2026` in Spanish, `2026-10-31` in English. */
export function dateParams(name: string, day: CivilDay): Record<string, string> {
  return { [`${name}.es`]: formatDayFirst(day), [`${name}.en`]: formatIsoDate(day) };
}

/** A hold reason in words: the same sentence in `CARTERA.RELEASE` and in the credit review. */
export function holdReasonProblem(reason: HoldReason, currency = "MXN"): Problem {
  switch (reason.kind) {
    case "overdue":
      return { code: "credit.hold.overdue", params: { days: reason.days, tolerance: reason.toleranceDays } };
    case "overLimit":
      return { code: "credit.hold.overLimit", params: { excess: formatMoney(reason.excess, currency) } };
    case "guaranteeExpired":
      return { code: "credit.hold.guaranteeExpired", params: dateParams("date", reason.expired) };
    case "noLimit":
      return { code: "credit.hold.noLimit" };
    case "currency":
      return { code: "credit.hold.currency", params: { currencies: reason.currencies.join(", "), limitCurrency: reason.limitCurrency } };
  }
}
