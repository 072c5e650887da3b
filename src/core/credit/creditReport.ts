/**
 * The credit review as a Report: customers (figures, flags, recommendation), orders (held
 * first, with every reason and what would release them), the schedule of the next days, the
 * guarantees to renew, the policy in force, and every rejected row of every input table.
 */
import { rejectedSheet } from "../report/rejected";
import { holdReasonProblem, type HoldReason } from "./credit";
import { roundFraction } from "./behaviour";
import { POLICY_KEYS, DEFAULT_POLICY, policyValueText, type PolicyKey } from "./policy";
import { guaranteeTypeParams, type CreditAction } from "./recommend";
import type { OrderDecision, ToRelease } from "./release";
import type { CreditFlag, CreditResult, CustomerCredit } from "./review";
import { formatDayFirst, formatIsoDate, type CivilDay } from "../dates";
import { describe, message, type Lang, type MessageKey, type Problem } from "../messages";
import { formatMoney } from "../money";
import type { Fraction } from "../rates";
import type { Report, ReportColumn, ReportSheet, ReportSummary, ReportValue } from "../report/report";
import type { Rejection } from "../tables/table";

export interface CreditReportInput {
  result: CreditResult;
  lang: Lang;
  /** The ledger's label (a file name, a range). */
  source: string;
  /** Where the policy came from (a file), or undefined for the defaults. */
  policySource?: string;
  /** Keys the policy file set. */
  policySet: ReadonlySet<PolicyKey>;
  /** Where the payment behaviour came from. */
  historySource: { kind: "history" | "ledger" | "none"; label?: string };
  /** Rejected rows of every table read, with the table's label. */
  rejected: readonly { label: string; rows: readonly Rejection[] }[];
}

const GLIMPSE_ROWS = 15;

function say(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  return message(lang, key, params);
}

function dateText(day: CivilDay, lang: Lang): string {
  return say(lang, "credit.date", { "d.es": formatDayFirst(day), "d.en": formatIsoDate(day) });
}

const FLAG_KEYS: Record<CreditFlag, MessageKey> = {
  "over-limit": "credit.flag.overLimit",
  "overdue-beyond-tolerance": "credit.flag.overdue",
  "guarantee-expired": "credit.flag.guaranteeExpired",
  "guarantee-expiring": "credit.flag.guaranteeExpiring",
  "no-limit": "credit.flag.noLimit",
  "credit-balance": "credit.flag.creditBalance",
  "currency-mismatch": "credit.flag.currency",
};

export function flagText(flag: CreditFlag, lang: Lang): string {
  return say(lang, FLAG_KEYS[flag]);
}

export function actionText(action: CreditAction, lang: Lang): string {
  return say(lang, `credit.action.${action}` as MessageKey);
}

export function holdReasonsText(reasons: readonly HoldReason[], currency: string, lang: Lang): string[] {
  return reasons.map((r) => describe(holdReasonProblem(r, currency), lang));
}

/** The customer's figures could not be computed: the sentence that says why. */
export function currencyErrorProblem(c: CustomerCredit): Problem | null {
  if (c.otherCurrencies.length === 0) return null;
  return { code: "credit.error.currency", params: { currencies: c.otherCurrencies.join(", "), limitCurrency: c.currency } };
}

/** What would release a held order, as one sentence ("cobrar $X o aumentar el límite en $X; renovar la garantía"). */
export function toReleaseText(t: ToRelease | null, currency: string, lang: Lang): string {
  if (!t) return "";
  const money = (c: number) => formatMoney(c, currency);
  const parts: string[] = [];
  if (t.fixCurrency) parts.push(say(lang, "credit.toRelease.currency"));
  if (t.collect !== null && t.raiseLimitBy !== null) parts.push(say(lang, "credit.toRelease.collectOrRaise", { collect: money(t.collect), raise: money(t.raiseLimitBy) }));
  else if (t.collect !== null) parts.push(say(lang, "credit.toRelease.collect", { collect: money(t.collect) }));
  if (t.renewGuarantee) parts.push(say(lang, "credit.toRelease.renew"));
  if (t.setLimitAtLeast !== null) parts.push(say(lang, "credit.toRelease.setLimit", { limit: money(t.setLimitAtLeast) }));
  return parts.join("; ");
}

function ratio(f: Fraction | null, decimals: number): number | null {
  return f ? roundFraction(f, decimals) : null;
}

/** Where only a few customers fit: over the limit, blocked, without figures, the most flags; then the largest exposure. */
function customerGlimpseOrder(customers: readonly CustomerCredit[]): number[] {
  // A customer without figures is said plainly in its row; over the line and blocked come first.
  const severity = (c: CustomerCredit) => (c.figures === null ? 8 : 0) + (c.flags.includes("over-limit") ? 10 : 0) + (c.recommendation?.action === "block" ? 5 : 0) + c.flags.length;
  return customers
    .map((c, i) => ({ i, s: severity(c), e: c.figures?.exposure ?? 0 }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || b.e - a.e || a.i - b.i)
    .slice(0, GLIMPSE_ROWS)
    .map((x) => x.i);
}

function customersSheet(input: CreditReportInput): ReportSheet {
  const { result, lang } = input;
  const col = (k: string) => say(lang, `credit.col.${k}` as MessageKey);
  const columns: ReportColumn[] = [
    { key: "customer", header: col("customer"), type: "code", width: 13 },
    { key: "name", header: col("name"), type: "text", width: 36 },
    { key: "currency", header: col("currency"), type: "code", width: 8 },
    { key: "plaza", header: col("plaza"), type: "text", width: 14 },
    { key: "analyst", header: col("analyst"), type: "text", width: 14 },
    { key: "riskClass", header: col("riskClass"), type: "code", width: 8 },
    { key: "limit", header: col("limit"), type: "money", width: 16, currencyKey: "currency" },
    { key: "termDays", header: col("termDays"), type: "integer", width: 8 },
    { key: "balance", header: col("balance"), type: "money", width: 16, currencyKey: "currency" },
    { key: "overdue", header: col("overdue"), type: "money", width: 16, currencyKey: "currency", highlightPositive: true },
    { key: "maxDays", header: col("maxDays"), type: "integer", width: 9 },
    { key: "openOrders", header: col("openOrders"), type: "money", width: 16, currencyKey: "currency" },
    { key: "deliveries", header: col("deliveries"), type: "money", width: 16, currencyKey: "currency" },
    { key: "exposure", header: col("exposure"), type: "money", width: 16, currencyKey: "currency" },
    { key: "available", header: col("available"), type: "money", width: 16, currencyKey: "currency" },
    { key: "utilization", header: col("utilization"), type: "percent", width: 10 },
    { key: "avgDays", header: col("avgDays"), type: "number", width: 10 },
    { key: "trend", header: col("trend"), type: "number", width: 10 },
    { key: "payments", header: col("payments"), type: "integer", width: 9 },
    { key: "guaranteeType", header: col("guaranteeType"), type: "text", width: 16 },
    { key: "guaranteeAmount", header: col("guaranteeAmount"), type: "money", width: 16, currencyKey: "currency" },
    { key: "guaranteeExpires", header: col("guaranteeExpires"), type: "date", width: 12 },
    { key: "daysToExpiry", header: col("daysToExpiry"), type: "integer", width: 9 },
    { key: "coverage", header: col("coverage"), type: "percent", width: 10 },
    { key: "flags", header: col("flags"), type: "text", width: 40, highlightNonEmpty: true },
    { key: "action", header: col("action"), type: "text", width: 12 },
    { key: "proposedLimit", header: col("proposedLimit"), type: "money", width: 16, currencyKey: "currency" },
    { key: "proposedTerm", header: col("proposedTerm"), type: "integer", width: 9 },
    { key: "rule", header: col("rule"), type: "code", width: 26 },
    { key: "reasons", header: col("reasons"), type: "text", width: 80 },
    { key: "error", header: col("error"), type: "text", width: 60, highlightNonEmpty: true },
  ];
  const rows: ReportValue[][] = result.customers.map((c) => {
    const f = c.figures;
    const g = c.guarantee;
    const r = c.recommendation;
    const error = currencyErrorProblem(c);
    return [
      c.customer,
      c.name,
      c.currency,
      c.master?.plaza ?? "",
      c.master?.analyst ?? "",
      c.master?.riskClass ?? "",
      c.limit,
      c.termDays,
      f?.balance ?? null,
      f?.overdue ?? null,
      f?.maxDaysPastDue ?? null,
      f?.openOrders ?? null,
      f?.deliveries ?? null,
      f?.exposure ?? null,
      f?.available ?? null,
      ratio(f?.utilization ?? null, 4),
      ratio(c.behaviour.avgDaysToPay, 1),
      ratio(c.behaviour.trend, 1),
      c.behaviour.payments,
      g ? guaranteeLabel(c, lang) : "",
      g?.amount ?? null,
      g?.expires ?? null,
      c.daysToExpiry,
      ratio(f?.coverage ?? null, 4),
      c.flags.map((fl) => flagText(fl, lang)).join(", "),
      r ? actionText(r.action, lang) : "",
      r?.limit ?? null,
      r?.termDays ?? null,
      r?.rule ?? "",
      r ? r.reasons.map((p) => describe(p, lang)).join(" · ") : "",
      error ? describe(error, lang) : "",
    ];
  });
  const currencies = [...new Set(result.customers.filter((c) => c.figures).map((c) => c.currency))].sort();
  const sumKeys = ["limit", "balance", "overdue", "openOrders", "deliveries", "exposure"];
  const totals = currencies.map((cur) => {
    const label = say(lang, "credit.totalOf", { currency: cur });
    const values: ReportValue[] = columns.map(() => null);
    values[0] = label;
    values[2] = cur;
    for (const k of sumKeys) {
      const i = columns.findIndex((c) => c.key === k);
      let s = 0;
      for (const r of rows) if (r[2] === cur && typeof r[i] === "number" && r[columns.length - 1] === "") s += r[i] as number;
      values[i] = s;
    }
    return { label, values };
  });
  const p = result.policy;
  const errors = result.customers.filter((c) => c.figures === null).length;
  const notes = [
    say(lang, "credit.note.exposure"),
    say(lang, "credit.note.release", { tolerance: p["release.toleranceDays"] }),
    say(lang, input.historySource.kind === "history" ? "credit.note.historyFile" : input.historySource.kind === "ledger" ? "credit.note.historyLedger" : "credit.note.historyNone", {
      months: p["history.months"],
      trend: p["history.trendMonths"],
      used: result.historyUsed,
      ignored: result.historyIgnored,
      source: input.historySource.label ?? "",
    }),
    say(lang, input.policySource ? "credit.note.policyFile" : "credit.note.policyDefault", { file: input.policySource ?? "" }),
  ];
  if (errors > 0) notes.push(say(lang, "credit.note.currencyErrors", { count: errors }));
  const rejectedCount = input.rejected.reduce((n, t) => n + t.rows.length, 0);
  notes.push(say(lang, rejectedCount ? "credit.note.rejected" : "credit.note.rejectedNone", { count: rejectedCount }));
  const shown = customerGlimpseOrder(result.customers);
  return {
    id: "credit-customers",
    name: say(lang, "credit.sheet.customers"),
    title: say(lang, "credit.title"),
    subtitle: say(lang, "credit.subtitle", { asOf: dateText(result.asOf, lang), source: input.source, policy: input.policySource ?? say(lang, "credit.policy.defaults") }),
    columns,
    rows,
    totals,
    notes,
    freezeHeader: true,
    autoFilter: true,
    glimpse: {
      heading: say(lang, shown.length ? "credit.glimpse.customers" : "credit.glimpse.customersNone", { shown: shown.length, of: rows.length }),
      columns: ["customer", "name", "currency", "limit", "exposure", "available", "utilization", "maxDays", "flags", "action"],
      rows: shown,
    },
  };
}

function guaranteeLabel(c: CustomerCredit, lang: Lang): string {
  const g = c.guarantee!;
  const params = guaranteeTypeParams("t", g.type);
  const label = params[`t.${lang}`];
  return g.type === "otra" && g.description ? `${label}: ${g.description}` : label;
}

const ORDER_COLUMNS = ["customer", "name", "order", "orderDate", "shipDate", "amount", "currency", "decision", "reasons", "availableAfter", "collect", "raiseLimitBy", "toRelease", "plant", "text", "row"] as const;

function orderColumns(lang: Lang, first?: ReportColumn): ReportColumn[] {
  const col = (k: string) => say(lang, `credit.col.${k}` as MessageKey);
  const all: Record<(typeof ORDER_COLUMNS)[number], ReportColumn> = {
    customer: { key: "customer", header: col("customer"), type: "code", width: 13 },
    name: { key: "name", header: col("name"), type: "text", width: 32 },
    order: { key: "order", header: col("order"), type: "code", width: 13 },
    orderDate: { key: "orderDate", header: col("orderDate"), type: "date", width: 12 },
    shipDate: { key: "shipDate", header: col("shipDate"), type: "date", width: 12 },
    amount: { key: "amount", header: col("amount"), type: "money", width: 16, currencyKey: "currency" },
    currency: { key: "currency", header: col("currency"), type: "code", width: 8 },
    decision: { key: "decision", header: col("decision"), type: "text", width: 10 },
    reasons: { key: "reasons", header: col("holdReasons"), type: "text", width: 60, highlightNonEmpty: true },
    availableAfter: { key: "availableAfter", header: col("availableAfter"), type: "money", width: 16, currencyKey: "currency" },
    collect: { key: "collect", header: col("collect"), type: "money", width: 16, currencyKey: "currency" },
    raiseLimitBy: { key: "raiseLimitBy", header: col("raiseLimitBy"), type: "money", width: 16, currencyKey: "currency" },
    toRelease: { key: "toRelease", header: col("toRelease"), type: "text", width: 60 },
    plant: { key: "plant", header: col("plant"), type: "text", width: 10 },
    text: { key: "text", header: col("text"), type: "text", width: 28 },
    row: { key: "row", header: say(lang, "report.col.row"), type: "integer", width: 8 },
  };
  return [...(first ? [first] : []), ...ORDER_COLUMNS.map((k) => all[k])];
}

function orderRow(o: OrderDecision, names: ReadonlyMap<string, string>, lang: Lang): ReportValue[] {
  const t = o.toRelease;
  return [
    o.customer,
    names.get(o.customer) || o.order.customerName,
    o.order.order,
    o.order.orderDate,
    o.order.shipDate,
    o.order.amount,
    o.currency,
    say(lang, o.decision === "release" ? "credit.decision.release" : "credit.decision.hold"),
    holdReasonsText(o.reasons, o.currency, lang).join("; "),
    o.availableAfter,
    t?.collect ?? null,
    t?.raiseLimitBy ?? null,
    toReleaseText(t, o.currency, lang),
    o.order.plant,
    o.order.text,
    o.order.row,
  ];
}

function ordersSheet(input: CreditReportInput, names: ReadonlyMap<string, string>): ReportSheet {
  const { result, lang } = input;
  const held = result.orders.filter((o) => o.decision === "hold");
  const released = result.orders.filter((o) => o.decision === "release");
  const rows = [...held, ...released].map((o) => orderRow(o, names, lang));
  // The terminal shows the largest held orders; the sheet lists them all, held first.
  const shown = held.map((o, i) => ({ a: o.order.amount, i })).sort((x, y) => y.a - x.a || x.i - y.i).slice(0, GLIMPSE_ROWS).map((x) => x.i);
  return {
    id: "credit-orders",
    name: say(lang, "credit.sheet.orders"),
    title: say(lang, "credit.title.orders"),
    subtitle: say(lang, "credit.subtitle.orders", { orders: result.orders.length, held: held.length, released: released.length }),
    columns: orderColumns(lang),
    rows,
    totals: [],
    notes: [say(lang, "credit.note.orders")],
    freezeHeader: true,
    autoFilter: true,
    glimpse: result.orders.length
      ? { heading: say(lang, held.length ? "credit.glimpse.held" : "credit.glimpse.heldNone", { shown: shown.length, of: held.length }), columns: ["customer", "name", "order", "shipDate", "amount", "currency", "reasons", "toRelease"], rows: shown }
      : undefined,
  };
}

function scheduleSheet(input: CreditReportInput, names: ReadonlyMap<string, string>): ReportSheet {
  const { result, lang } = input;
  const dayColumn: ReportColumn = { key: "day", header: say(lang, "credit.col.day"), type: "date", width: 12 };
  const columns = orderColumns(lang, dayColumn).filter((c) => c.key !== "shipDate");
  const shipIndex = ORDER_COLUMNS.indexOf("shipDate");
  const rows: ReportValue[][] = [];
  const heldRows: number[] = [];
  for (const d of result.schedule) {
    if (d.orders.length === 0) {
      const empty: ReportValue[] = columns.map(() => null);
      empty[0] = d.day;
      empty[columns.findIndex((c) => c.key === "reasons")] = "";
      empty[columns.findIndex((c) => c.key === "decision")] = say(lang, "credit.schedule.nothing");
      rows.push(empty);
      continue;
    }
    for (const o of d.orders) {
      const r = orderRow(o, names, lang);
      r.splice(shipIndex, 1);
      if (o.decision === "hold") heldRows.push(rows.length);
      rows.push([d.day, ...r]);
    }
  }
  const to = result.asOf + result.scheduleDays - 1;
  return {
    id: "credit-schedule",
    name: say(lang, "credit.sheet.schedule"),
    title: say(lang, "credit.title.schedule"),
    subtitle: say(lang, "credit.subtitle.schedule", { from: dateText(result.asOf, lang), to: dateText(to, lang), days: result.scheduleDays }),
    columns,
    rows,
    totals: [],
    notes: [say(lang, "credit.note.schedule")],
    freezeHeader: true,
    autoFilter: true,
    glimpse: {
      heading: say(lang, heldRows.length ? "credit.glimpse.schedule" : "credit.glimpse.scheduleNone", { days: result.scheduleDays, shown: Math.min(heldRows.length, GLIMPSE_ROWS), of: heldRows.length }),
      columns: ["day", "customer", "name", "order", "amount", "currency", "toRelease"],
      rows: heldRows.slice(0, GLIMPSE_ROWS),
    },
  };
}

function renewalsSheet(input: CreditReportInput): ReportSheet {
  const { result, lang } = input;
  const col = (k: string) => say(lang, `credit.col.${k}` as MessageKey);
  const columns: ReportColumn[] = [
    { key: "customer", header: col("customer"), type: "code", width: 13 },
    { key: "name", header: col("name"), type: "text", width: 36 },
    { key: "guaranteeType", header: col("guaranteeType"), type: "text", width: 16 },
    { key: "guaranteeAmount", header: col("guaranteeAmount"), type: "money", width: 16, currencyKey: "currency" },
    { key: "currency", header: col("currency"), type: "code", width: 8 },
    { key: "guaranteeExpires", header: col("guaranteeExpires"), type: "date", width: 12 },
    { key: "daysToExpiry", header: col("daysToExpiry"), type: "integer", width: 9 },
    { key: "status", header: col("status"), type: "text", width: 18, highlightNonEmpty: true },
    { key: "limit", header: col("limit"), type: "money", width: 16, currencyKey: "currency" },
    { key: "exposure", header: col("exposure"), type: "money", width: 16, currencyKey: "currency" },
    { key: "contact", header: col("contact"), type: "text", width: 24 },
    { key: "emails", header: col("emails"), type: "text", width: 40 },
    { key: "phone", header: col("phone"), type: "text", width: 16 },
    { key: "analyst", header: col("analyst"), type: "text", width: 14 },
    { key: "plaza", header: col("plaza"), type: "text", width: 14 },
  ];
  const rows = result.renewals.map((c) => {
    const d = c.daysToExpiry!;
    return [
      c.customer,
      c.name,
      guaranteeLabel(c, lang),
      c.guarantee!.amount,
      c.currency,
      c.guarantee!.expires,
      d,
      d < 0 ? say(lang, "credit.renewal.expired", { days: -d }) : say(lang, "credit.renewal.expiring", { days: d }),
      c.limit,
      c.figures?.exposure ?? null,
      c.master?.contact ?? "",
      (c.master?.emails ?? []).join("; "),
      c.master?.phone ?? "",
      c.master?.analyst ?? "",
      c.master?.plaza ?? "",
    ];
  });
  return {
    id: "credit-renewals",
    name: say(lang, "credit.sheet.renewals"),
    title: say(lang, "credit.title.renewals"),
    subtitle: say(lang, "credit.subtitle.renewals", { days: result.policy["guarantee.expiringDays"], asOf: dateText(result.asOf, lang) }),
    columns,
    rows,
    totals: [],
    notes: [],
    freezeHeader: true,
    autoFilter: true,
    glimpse: {
      heading: say(lang, rows.length ? "credit.glimpse.renewals" : "credit.glimpse.renewalsNone", { shown: Math.min(rows.length, GLIMPSE_ROWS), of: rows.length }),
      columns: ["customer", "name", "guaranteeType", "guaranteeAmount", "currency", "guaranteeExpires", "status", "contact"],
      rows: rows.slice(0, GLIMPSE_ROWS).map((_, i) => i),
    },
  };
}

function policySheet(input: CreditReportInput): ReportSheet {
  const { result, lang } = input;
  const col = (k: string) => say(lang, `credit.col.${k}` as MessageKey);
  return {
    id: "credit-policy",
    name: say(lang, "credit.sheet.policy"),
    title: say(lang, "credit.title.policy"),
    subtitle: input.policySource ? say(lang, "credit.subtitle.policyFile", { file: input.policySource }) : say(lang, "credit.subtitle.policyDefault"),
    columns: [
      { key: "key", header: col("policyKey"), type: "code", width: 30 },
      { key: "value", header: col("policyValue"), type: "text", width: 12 },
      { key: "default", header: col("policyDefault"), type: "text", width: 12 },
      { key: "origin", header: col("policyOrigin"), type: "text", width: 14 },
      { key: "description", header: col("policyDescription"), type: "text", width: 100 },
    ],
    rows: POLICY_KEYS.map((d) => [
      d.key,
      policyValueText(d.key, result.policy[d.key], lang),
      policyValueText(d.key, DEFAULT_POLICY[d.key], lang),
      say(lang, input.policySet.has(d.key) ? "credit.policy.fromFile" : "credit.policy.fromDefault"),
      say(lang, `credit.policyKey.${d.key}` as MessageKey),
    ]),
    totals: [],
    notes: [say(lang, "credit.note.policyEdit")],
    freezeHeader: true,
    autoFilter: false,
  };
}

function creditRejectedSheet(input: CreditReportInput): ReportSheet {
  const rows = input.rejected.flatMap((t) => t.rows);
  const labels = input.rejected.flatMap((t) => t.rows.map(() => t.label));
  return rejectedSheet(rows, input.lang, { files: { header: say(input.lang, "credit.col.file"), labels } });
}

function summaries(result: CreditResult, lang: Lang): ReportSummary[] {
  const currencies = [...new Set(result.customers.filter((c) => c.figures).map((c) => c.currency))].sort();
  return currencies.map((currency) => {
    const cs = result.customers.filter((c) => c.figures && c.currency === currency);
    const os = result.orders.filter((o) => o.currency === currency && o.toRelease?.fixCurrency !== true);
    const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
    const held = os.filter((o) => o.decision === "hold");
    return {
      id: `credit-${currency}`,
      caption: say(lang, "credit.summary.caption", { currency }),
      currency,
      labelHeader: say(lang, "credit.summary.label"),
      valueHeader: say(lang, "credit.summary.value"),
      figures: [
        { key: "customers", label: say(lang, "credit.summary.customers"), type: "integer", value: cs.length },
        { key: "exposure", label: say(lang, "credit.col.exposure"), type: "money", value: sum(cs.map((c) => c.figures!.exposure)), total: true },
        { key: "overLimit", label: say(lang, "credit.summary.overLimit"), type: "integer", value: cs.filter((c) => c.flags.includes("over-limit")).length, highlight: true },
        { key: "released", label: say(lang, "credit.summary.released"), type: "money", value: sum(os.filter((o) => o.decision === "release").map((o) => o.order.amount)) },
        { key: "held", label: say(lang, "credit.summary.held"), type: "money", value: sum(held.map((o) => o.order.amount)), highlight: true },
        { key: "heldOrders", label: say(lang, "credit.summary.heldOrders"), type: "integer", value: held.length, highlight: true },
        { key: "renewals", label: say(lang, "credit.summary.renewals"), type: "integer", value: result.renewals.filter((c) => c.currency === currency).length, highlight: true },
      ],
    };
  });
}

/** The credit review as a Report, every text in `lang`. */
export function buildCreditReport(input: CreditReportInput): Report {
  const { result, lang } = input;
  const names = new Map(result.customers.map((c) => [c.customer, c.name]));
  const held = result.orders.filter((o) => o.decision === "hold").length;
  const facts = [
    say(lang, "credit.fact.counts", { customers: result.customers.length, orders: result.orders.length, released: result.orders.length - held, held, renewals: result.renewals.length }),
  ];
  const errors = result.customers.filter((c) => c.figures === null).length;
  if (errors > 0) facts.push(say(lang, "credit.fact.currencyErrors", { count: errors }));
  const single = new Set(result.customers.map((c) => c.currency));
  return {
    title: say(lang, "credit.title"),
    lang,
    currency: single.size === 1 ? [...single][0] : result.currency,
    summaries: summaries(result, lang),
    facts,
    sheets: [customersSheet(input), ordersSheet(input, names), scheduleSheet(input, names), renewalsSheet(input), policySheet(input), creditRejectedSheet(input)],
  };
}
