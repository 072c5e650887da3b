/**
 * Credit lines and order release. Exposure is what SAP FD32/UKM counts against the line:
 * open items + open orders + open deliveries + billing not yet posted; available credit is the
 * limit minus the exposure, and may be negative when a customer is already over the line.
 */
import type { Centavos } from "../money";

/** Limit − (balance + each further exposure: open orders, deliveries, unposted billing). */
export function availableCredit(limit: Centavos, balance: Centavos, ...otherExposure: Centavos[]): Centavos {
  let exposure = balance;
  for (const e of otherExposure) exposure += e;
  return limit - exposure;
}

export interface ReleaseRequest {
  orderAmount: Centavos;
  limit: Centavos;
  /** Exposure before this order. */
  exposure: Centavos;
  /** Oldest debit item's days past due (0 when nothing is late). */
  maxDaysPastDue: number;
  /** Days past due tolerated before orders are held. */
  toleranceDays: number;
}

export type HoldReason =
  | { kind: "overdue"; days: number; toleranceDays: number }
  | { kind: "overLimit"; excess: Centavos };

export type ReleaseDecision = { release: true } | { release: false; reasons: HoldReason[] };

/**
 * Releases an order when the customer is not late beyond the tolerance and the order fits in
 * the line; otherwise holds it with every reason, so the analyst sees the whole picture.
 */
export function releaseDecision(r: ReleaseRequest): ReleaseDecision {
  const reasons: HoldReason[] = [];
  if (r.maxDaysPastDue > r.toleranceDays) reasons.push({ kind: "overdue", days: r.maxDaysPastDue, toleranceDays: r.toleranceDays });
  const excess = r.exposure + r.orderAmount - r.limit;
  if (excess > 0) reasons.push({ kind: "overLimit", excess });
  return reasons.length === 0 ? { release: true } : { release: false, reasons };
}
