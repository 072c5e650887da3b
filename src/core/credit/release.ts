/**
 * Order release (liberación de pedidos), per customer in order-date order (then order
 * number): each order is released or held under the policy, and
 *   availableAfter = limit − (open items + deliveries not invoiced + orders of that customer
 *                             already released + this order).
 * A held order does not consume credit; a released one does. For each held order it also
 * works out what would release it: how much to collect (the debit items past the tolerance,
 * and at least the shortfall), or by how much to raise the limit, or to renew the guarantee,
 * or which limit to set — assuming the orders before it stay as decided.
 */
import { releaseDecision, type HoldReason } from "./credit";
import type { CreditPolicy } from "./policy";
import type { CivilDay } from "../dates";
import type { Centavos } from "../money";
import type { OpenOrder } from "../tables/orders";

export type OrderVerdict = "release" | "hold";

export interface ToRelease {
  /** Collect at least this much (applied to the oldest items first). */
  collect: Centavos | null;
  /** Or raise the limit by this much (only when the shortfall is the one reason). */
  raiseLimitBy: Centavos | null;
  renewGuarantee: boolean;
  /** With no limit on file: the smallest limit that releases the order. */
  setLimitAtLeast: Centavos | null;
  /** The customer's amounts are in another currency than its limit's: nothing is computed. */
  fixCurrency: boolean;
}

export interface OrderDecision {
  order: OpenOrder;
  /** The customer's code as the review shows it (the master's spelling when it has one). */
  customer: string;
  currency: string;
  decision: OrderVerdict;
  reasons: HoldReason[];
  /** Null without a limit or when the currencies cannot be added. */
  availableAfter: Centavos | null;
  toRelease: ToRelease | null;
}

/** What the release needs to know about one customer. */
export interface ReleaseCustomer {
  customer: string;
  currency: string;
  limit: Centavos | null;
  /** Open items + deliveries not invoiced, in the limit's currency. */
  baseExposure: Centavos;
  maxDaysPastDue: number;
  /** Debit items more than the tolerance past due: collecting them lifts the overdue hold. */
  overdueBeyondTolerance: Centavos;
  guaranteeExpired: CivilDay | null;
  /** Set when amounts in other currencies than the limit's make the exposure unknowable. */
  currencyError: HoldReason | null;
}

/** Order numbers compare as numbers when both are digits (`9` before `10`), else as text. */
export function compareOrderNumbers(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const x = a.replace(/^0+(?=\d)/, "");
    const y = b.replace(/^0+(?=\d)/, "");
    if (x.length !== y.length) return x.length - y.length;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareOrders(a: OpenOrder, b: OpenOrder): number {
  return a.orderDate - b.orderDate || compareOrderNumbers(a.order, b.order) || a.row - b.row;
}

/** Releases or holds one customer's orders, in order-date order; returns the decisions and what was released. */
export function releaseOrders(c: ReleaseCustomer, orders: readonly OpenOrder[], p: CreditPolicy): { decisions: OrderDecision[]; released: Centavos; held: Centavos } {
  const sorted = [...orders].sort(compareOrders);
  const decisions: OrderDecision[] = [];
  let released = 0;
  let held = 0;
  for (const order of sorted) {
    if (c.currencyError) {
      held += order.amount;
      decisions.push({
        order,
        customer: c.customer,
        currency: c.currency,
        decision: "hold",
        reasons: [c.currencyError],
        availableAfter: null,
        toRelease: { collect: null, raiseLimitBy: null, renewGuarantee: false, setLimitAtLeast: null, fixCurrency: true },
      });
      continue;
    }
    const exposureBefore = c.baseExposure + released;
    const availableAfter = c.limit === null ? null : c.limit - exposureBefore - order.amount;
    const verdict = releaseDecision({
      orderAmount: order.amount,
      limit: c.limit,
      exposure: exposureBefore,
      maxDaysPastDue: c.maxDaysPastDue,
      toleranceDays: p["release.toleranceDays"],
      guaranteeExpired: c.guaranteeExpired,
      holds: { overLimit: p["release.holdOverLimit"], expiredGuarantee: p["release.holdExpiredGuarantee"], noLimit: p["release.holdNoLimit"] },
    });
    if (verdict.release) {
      released += order.amount;
      decisions.push({ order, customer: c.customer, currency: c.currency, decision: "release", reasons: [], availableAfter, toRelease: null });
      continue;
    }
    held += order.amount;
    const reasons = verdict.reasons;
    const overdue = reasons.some((r) => r.kind === "overdue");
    const overLimit = reasons.find((r) => r.kind === "overLimit");
    const shortfall = overLimit?.kind === "overLimit" ? overLimit.excess : 0;
    const collectNeeded = overdue || shortfall > 0;
    decisions.push({
      order,
      customer: c.customer,
      currency: c.currency,
      decision: "hold",
      reasons,
      availableAfter,
      toRelease: {
        // Paying the late items lowers the exposure by as much, so one payment covers both.
        collect: collectNeeded ? Math.max(overdue ? c.overdueBeyondTolerance : 0, shortfall) : null,
        raiseLimitBy: shortfall > 0 && !overdue ? shortfall : null,
        renewGuarantee: reasons.some((r) => r.kind === "guaranteeExpired"),
        setLimitAtLeast: reasons.some((r) => r.kind === "noLimit") ? Math.max(0, exposureBefore + order.amount) : null,
        fixCurrency: false,
      },
    });
  }
  return { decisions, released, held };
}

export interface ScheduleDay {
  day: CivilDay;
  /** Requested before the key date and still open. */
  late: boolean;
  orders: OrderDecision[];
}

/**
 * The programme of the next `days` days (the key date first), day by day, with every day of
 * the window listed even when nothing ships; orders requested before the key date and still
 * open come first, under their own dates. Within a day, held orders first, then by customer.
 */
export function schedule(decisions: readonly OrderDecision[], asOf: CivilDay, days: number): ScheduleDay[] {
  const last = asOf + days - 1;
  const byDay = new Map<CivilDay, OrderDecision[]>();
  for (let d = asOf; d <= last; d++) byDay.set(d, []);
  for (const o of decisions) {
    const d = o.order.shipDate;
    if (d === null || d > last) continue;
    let list = byDay.get(d);
    if (!list) byDay.set(d, (list = []));
    list.push(o);
  }
  return [...byDay.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([day, orders]) => ({
      day,
      late: day < asOf,
      orders: orders.sort((a, b) => (a.decision === b.decision ? 0 : a.decision === "hold" ? -1 : 1) || (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0) || compareOrders(a.order, b.order)),
    }));
}
