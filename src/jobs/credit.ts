import { isOpenAt } from "../core/aging/aging";
import { roundFraction } from "../core/credit/behaviour";
import { holdReasonsText, buildCreditReport, currencyErrorProblem } from "../core/credit/creditReport";
import { parsePolicy, POLICY_KEYS, type ParsedPolicy, type PolicyEntry } from "../core/credit/policy";
import { paidItemsFromLedger, reviewCredit, type CreditResult } from "../core/credit/review";
import { addMonths, formatIsoDate, type CivilDay } from "../core/dates";
import { InputError } from "../core/errors";
import { describe, message, type Lang } from "../core/messages";
import { toUnits } from "../core/money";
import type { Report } from "../core/report/report";
import { POLICY_KIND } from "../core/tables/creditPolicy";
import { CUSTOMER_KIND, CustomerMaster } from "../core/tables/customers";
import { ledgerKind, type LedgerItem } from "../core/tables/ledger";
import { ORDER_KIND, UNBILLED_DELIVERY_KIND, type OpenOrder, type UnbilledDelivery } from "../core/tables/orders";
import { PAYMENT_HISTORY_KIND, type PaidItem } from "../core/tables/paymentHistory";
import { readAll, readTable, type TableRead, type Warning } from "./read";
import { throwIfAborted, yieldToEventLoop, type TableSource } from "./source";

/**
 * The credit review job, for every door: the command line hands it files, the task pane Excel
 * ranges or files parsed in a Web Worker. It reads the ledger (as the aging does), the customer
 * master, and the optional orders, deliveries not invoiced, payment history and policy; calls
 * core's `reviewCredit`; and returns the typed result and its Report. It writes nothing.
 */
export type CreditPhase = "read" | "review";

export type PolicyInput = { source: TableSource } | { entries: PolicyEntry[]; label: string };

export interface CreditJobInput {
  ledger: TableSource;
  customers: TableSource;
  orders?: TableSource;
  deliveries?: TableSource;
  /** Payment history; without it the ledger's own cleared items are the history. */
  history?: TableSource;
  policy?: PolicyInput;
  asOf: CivilDay;
  /** Days of the schedule view (default 7). */
  days?: number;
  lang: Lang;
  /** Currency of limits the master gives none for, and of tables without a currency column. */
  currency?: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number, phase: CreditPhase) => void;
}

export interface CreditJobOutput {
  result: CreditResult;
  report: Report;
  policy: ParsedPolicy & { label?: string };
  reads: { ledger: TableRead; customers: TableRead; orders?: TableRead; deliveries?: TableRead; history?: TableRead; policy?: TableRead };
  master: CustomerMaster;
  historySource: { kind: "history" | "ledger" | "none"; label?: string };
  /** Weak headings and the like: what did not stop the job. */
  warnings: Warning[];
}

export const DEFAULT_SCHEDULE_DAYS = 7;

/** A policy with problems stops the job, with the first problem (where, key, value, reason) in each language. */
function policyError(parsed: ParsedPolicy, label: string): InputError {
  const p = parsed.problems[0];
  const where = (lang: Lang) => (p.row !== undefined ? message(lang, "credit.policy.row", { row: p.row }) : "");
  return new InputError({
    code: "credit.policy.invalid",
    params: { file: label, "where.es": where("es"), "where.en": where("en"), "detail.es": describe(p.problem, "es"), "detail.en": describe(p.problem, "en") },
  });
}

export async function runCreditJob(input: CreditJobInput): Promise<CreditJobOutput> {
  const { lang, signal, asOf } = input;
  const currency = input.currency ?? "MXN";
  const progress = input.onProgress ?? (() => undefined);
  const warnings: Warning[] = [];
  progress(0, "read");

  // The policy first: a bad policy should not cost a million-row read.
  let policyRead: TableRead | undefined;
  let entries: PolicyEntry[] = [];
  let policyLabel: string | undefined;
  if (input.policy && "source" in input.policy) {
    const r = await readAll(input.policy.source, POLICY_KIND, { lang, signal });
    policyRead = r.read;
    entries = r.records;
    policyLabel = r.read.label;
    if (r.read.rejected.length) {
      const x = r.read.rejected[0];
      throw new InputError({ code: "credit.policy.invalid", params: { file: policyLabel, "where.es": message("es", "credit.policy.row", { row: x.row }), "where.en": message("en", "credit.policy.row", { row: x.row }), "detail.es": describe(x.problem, "es"), "detail.en": describe(x.problem, "en") } });
    }
  } else if (input.policy) {
    entries = input.policy.entries;
    policyLabel = input.policy.label;
  }
  const parsed = parsePolicy(entries);
  if (parsed.problems.length) throw policyError(parsed, policyLabel ?? "");
  const policy = parsed.policy;

  const { records: masterRows, read: customersRead } = await readAll(input.customers, CUSTOMER_KIND, { lang, signal, onFraction: (f) => progress(0.05 * f, "read") });
  const master = new CustomerMaster(masterRows);

  // Cleared items are counted, not kept, unless they are the payment history (and recent).
  const items: LedgerItem[] = [];
  const cleared: LedgerItem[] = [];
  const historyFrom = addMonths(asOf, -policy["history.months"]);
  const keepCleared = input.history === undefined;
  const ledgerRead = await readTable(input.ledger, ledgerKind({ defaultCurrency: currency }), {
    lang,
    signal,
    emit: (item) => {
      if (isOpenAt(item, asOf)) items.push(item);
      else if (keepCleared && item.clearingDate !== null && item.clearingDate <= asOf && item.clearingDate > historyFrom && item.amount > 0) cleared.push(item);
    },
    onFraction: (f) => progress(0.05 + 0.8 * f, "read"),
  });

  const orders: OpenOrder[] = [];
  const ordersRead = input.orders ? await readTable(input.orders, ORDER_KIND, { lang, signal, emit: (o) => orders.push(o), onFraction: (f) => progress(0.85 + 0.05 * f, "read") }) : undefined;
  const deliveries: UnbilledDelivery[] = [];
  const deliveriesRead = input.deliveries ? await readTable(input.deliveries, UNBILLED_DELIVERY_KIND, { lang, signal, emit: (d) => deliveries.push(d) }) : undefined;
  let history: PaidItem[] = [];
  let historyRead: TableRead | undefined;
  if (input.history) {
    const r = await readAll(input.history, PAYMENT_HISTORY_KIND, { lang, signal, onFraction: (f) => progress(0.9 + 0.05 * f, "read") });
    history = r.records;
    historyRead = r.read;
  } else {
    history = paidItemsFromLedger(cleared, asOf, master);
  }
  const historySource: CreditJobOutput["historySource"] = historyRead ? { kind: "history", label: historyRead.label } : history.length ? { kind: "ledger", label: ledgerRead.label } : { kind: "none" };
  throwIfAborted(signal);

  progress(0.95, "review");
  await yieldToEventLoop();
  const days = input.days ?? DEFAULT_SCHEDULE_DAYS;
  const result = reviewCredit({ asOf, items, master, orders, deliveries, history, policy, currency, scheduleDays: days });
  const reads = { ledger: ledgerRead, customers: customersRead, orders: ordersRead, deliveries: deliveriesRead, history: historyRead, policy: policyRead };
  const tables = [ledgerRead, customersRead, ordersRead, deliveriesRead, historyRead].filter((r): r is TableRead => r !== undefined);
  for (const t of tables) warnings.push(...t.warnings);
  const report = buildCreditReport({
    result,
    lang,
    source: ledgerRead.label,
    policySource: policyLabel,
    policySet: parsed.set,
    historySource,
    rejected: tables.map((t) => ({ label: t.label, rows: t.rejected })),
  });
  throwIfAborted(signal);
  progress(1, "review");
  return { result, report, policy: { ...parsed, label: policyLabel }, reads, master, historySource, warnings };
}

const units = (c: number | null | undefined) => (c === null || c === undefined ? null : toUnits(c));

/**
 * The command line's `--json` contract (issue 11, README), as a view of the job's output:
 * amounts in units of each customer's limit currency, exact to the centavo; `limit` and
 * `available` null without a limit on file; every figure null, and `error` set, for a
 * customer whose amounts are in another currency than its limit's. Additions to the
 * contract: `name`, `currency`, `avgDaysToPayTrend`, `payments`, `deliveries`, `coverage`,
 * `rule`, `error`; per order its dates, `currency` and `toRelease`; `schedule`, `renewals`,
 * `policy`, `history`, `rejected` and `warnings`.
 */
export function creditJson(job: CreditJobOutput, lang: Lang): unknown {
  const { result } = job;
  const orderJson = (o: CreditResult["orders"][number]) => ({
    order: o.order.order,
    customer: o.customer,
    amount: toUnits(o.order.amount),
    currency: o.currency,
    orderDate: formatIsoDate(o.order.orderDate),
    shipDate: o.order.shipDate === null ? null : formatIsoDate(o.order.shipDate),
    decision: o.decision,
    reasons: holdReasonsText(o.reasons, o.currency, lang),
    availableAfter: units(o.availableAfter),
    toRelease: o.toRelease && {
      collect: units(o.toRelease.collect),
      raiseLimitBy: units(o.toRelease.raiseLimitBy),
      renewGuarantee: o.toRelease.renewGuarantee,
      setLimitAtLeast: units(o.toRelease.setLimitAtLeast),
    },
  });
  const p = result.policy;
  return {
    asOf: formatIsoDate(result.asOf),
    customers: result.customers.map((c) => {
      const f = c.figures;
      const g = c.guarantee;
      const r = c.recommendation;
      const error = currencyErrorProblem(c);
      return {
        customer: c.customer,
        name: c.name,
        currency: c.currency,
        limit: units(c.limit),
        termDays: c.termDays,
        balance: units(f?.balance),
        overdue: units(f?.overdue),
        maxDaysPastDue: f ? f.maxDaysPastDue : null,
        openOrders: units(f?.openOrders),
        deliveries: units(f?.deliveries),
        exposure: units(f?.exposure),
        available: units(f?.available),
        utilization: f?.utilization ? roundFraction(f.utilization, 4) : null,
        avgDaysToPay: c.behaviour.avgDaysToPay ? roundFraction(c.behaviour.avgDaysToPay, 1) : null,
        avgDaysToPayTrend: c.behaviour.trend ? roundFraction(c.behaviour.trend, 1) : null,
        payments: c.behaviour.payments,
        guarantee: g && {
          type: g.type,
          amount: units(g.amount),
          expires: g.expires === null ? null : formatIsoDate(g.expires),
          daysToExpiry: c.daysToExpiry,
          coverage: f?.coverage ? roundFraction(f.coverage, 4) : null,
        },
        flags: c.flags,
        recommendation: r && { action: r.action, rule: r.rule, limit: units(r.limit), termDays: r.termDays, reasons: r.reasons.map((x) => describe(x, lang)) },
        error: error ? describe(error, lang) : null,
      };
    }),
    orders: result.orders.map(orderJson),
    schedule: {
      from: formatIsoDate(result.asOf),
      to: formatIsoDate(result.asOf + result.scheduleDays - 1),
      days: result.schedule.map((d) => ({ date: formatIsoDate(d.day), late: d.late, orders: d.orders.map(orderJson) })),
    },
    renewals: result.renewals.map((c) => ({
      customer: c.customer,
      name: c.name,
      type: c.guarantee!.type,
      amount: units(c.guarantee!.amount),
      currency: c.currency,
      expires: formatIsoDate(c.guarantee!.expires!),
      daysToExpiry: c.daysToExpiry,
      expired: c.daysToExpiry! < 0,
      contact: c.master?.contact ?? "",
      emails: c.master?.emails ?? [],
      phone: c.master?.phone ?? "",
      analyst: c.master?.analyst ?? "",
    })),
    // As a JSON policy file writes them: percentages as 20 (not basis points), money in units.
    policy: Object.fromEntries(POLICY_KEYS.map((d) => [d.key, d.type === "money" ? toUnits(p[d.key] as number) : d.type === "percent" ? (p[d.key] as number) / 100 : p[d.key]])),
    history: { source: job.historySource.kind, used: result.historyUsed, ignored: result.historyIgnored },
    rejected: Object.entries(job.reads).flatMap(([, t]) => (t ? t.rejected.map((x) => ({ file: t.label, row: x.row, column: x.column, value: x.value, reason: describe(x.problem, lang) })) : [])),
    warnings: job.warnings.map((w) => ({ table: w.kind, row: w.row, column: w.column, value: w.value, reason: describe(w.problem, lang) })),
  };
}
