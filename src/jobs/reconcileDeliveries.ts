import { formatIsoDate, type CivilDay } from "../core/dates";
import { InputError } from "../core/errors";
import { describe, message, type Lang, type MessageKey } from "../core/messages";
import { toUnits } from "../core/money";
import { reconcileDeliveries, type DeliveriesResult, type Difference, type Tolerance } from "../core/reconcile/deliveries";
import { buildDeliveriesReport } from "../core/reconcile/deliveriesReport";
import { quantityUnits } from "../core/reconcile/quantity";
import type { Report } from "../core/report/report";
import { deliveryKind, type Delivery } from "../core/tables/deliveries";
import type { TableKind } from "../core/tables/fields";
import { invoiceLineKind, type InvoiceLine } from "../core/tables/invoiceLines";
import { rowsOf } from "./read";
import { readAll, type ReadTableOptions, type TableRead, type Warning } from "./read";
import { throwIfAborted, yieldToEventLoop, type TableSource } from "./source";

/**
 * Billing vs deliveries for every door: the deliveries list and the invoice lines as table
 * sources in, the typed result and its Report out. Reads, decides, writes nothing.
 */
export type ReconcilePhase = "read" | "reconcile";

export interface ReconcileDeliveriesInput {
  deliveries: TableSource;
  invoices: TableSource;
  /** Age of what is not invoiced is counted to this day. */
  asOf: CivilDay;
  from?: CivilDay;
  to?: CivilDay;
  tolerance: Tolerance;
  lang: Lang;
  /** Currency of a list without a currency column. */
  currency?: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number, phase: ReconcilePhase) => void;
}

export interface ReconcileDeliveriesOutput {
  result: DeliveriesResult;
  report: Report;
  deliveries: TableRead;
  invoices: TableRead;
  warnings: Warning[];
}

/**
 * Runs the reading of one input, naming it in any error that stops the run: with two files,
 * "header not found" must say which one.
 */
export async function inTable<R>(table: MessageKey, run: () => Promise<R>): Promise<R> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new InputError({ code: "reconcile.inTable", params: { "table.es": message("es", table), "table.en": message("en", table), "detail.es": e.describe("es"), "detail.en": e.describe("en") } });
  }
}

function readInput<T>(source: TableSource, kind: TableKind<T>, table: MessageKey, options: Omit<ReadTableOptions<T>, "emit">): Promise<{ records: T[]; read: TableRead }> {
  return inTable(table, () => readAll(source, kind, options));
}


export async function runReconcileDeliveriesJob(input: ReconcileDeliveriesInput): Promise<ReconcileDeliveriesOutput> {
  const { lang, signal } = input;
  const progress = input.onProgress ?? (() => undefined);
  const currency = input.currency ?? "MXN";
  progress(0, "read");
  const d = await readInput<Delivery>(input.deliveries, deliveryKind({ defaultCurrency: currency }), "reconcile.table.deliveries", { lang, signal, onFraction: (f) => progress(0.45 * f, "read") });
  const i = await readInput<InvoiceLine>(input.invoices, invoiceLineKind({ defaultCurrency: currency }), "reconcile.table.invoiceLines", { lang, signal, onFraction: (f) => progress(0.45 + 0.45 * f, "read") });
  throwIfAborted(signal);
  progress(0.9, "reconcile");
  await yieldToEventLoop();
  const result = reconcileDeliveries(d.records, i.records, { asOf: input.asOf, from: input.from, to: input.to, tolerance: input.tolerance });
  throwIfAborted(signal);
  const report = buildDeliveriesReport({
    result,
    lang,
    deliveriesSource: d.read.label,
    invoicesSource: i.read.label,
    rejected: { deliveries: d.read.rejected, invoices: i.read.rejected },
    skipped: { deliveries: d.read.stats, invoices: i.read.stats },
  });
  const warnings: Warning[] = [...d.read.warnings, ...i.read.warnings];
  for (const r of result.repeatedRows) warnings.push({ kind: "deliveries", row: r.rows[0], problem: { code: "reconcile.warn.repeated", params: { remission: r.remission.remission, rows: r.rows.join(", ") } } });
  progress(1, "reconcile");
  return { result, report, deliveries: d.read, invoices: i.read, warnings };
}

function differenceJson(x: Difference): Record<string, unknown> {
  const remissions = x.remissions.map((r) => r.remission);
  const out: Record<string, unknown> = { remission: remissions.join(", "), invoice: x.invoice, field: x.field };
  if (x.field === "quantity") {
    out.delivered = x.delivered === null ? null : quantityUnits(x.delivered);
    out.invoiced = x.invoiced === null ? null : quantityUnits(x.invoiced);
    if (x.product) out.product = x.product;
    out.deliveredUnit = x.deliveredUnit;
    out.invoicedUnit = x.invoicedUnit;
  } else if (x.field === "amount") {
    out.delivered = toUnits(x.delivered);
    out.invoiced = toUnits(x.invoiced);
    out.deliveredCurrency = x.deliveredCurrency;
    out.invoicedCurrency = x.invoicedCurrency;
  } else {
    out.delivered = x.delivered;
    out.invoiced = x.invoiced;
  }
  if (remissions.length > 1) out.remissions = remissions;
  out.rows = { deliveries: [...new Set(x.remissions.flatMap((r) => r.items.map((it) => it.row)))], invoices: [...new Set(x.lines.map((l) => l.row))] };
  return out;
}

/**
 * The command line's `--json` contract (issue 9): quantities in their units, amounts in
 * currency units, dates `YYYY-MM-DD`. Beyond the contract: `ambiguous` and `uncited` (what
 * needs a person), `warnings`, and `rows` (how every row of each file was accounted for).
 */
export function reconcileDeliveriesJson(job: ReconcileDeliveriesOutput, lang: Lang): unknown {
  const { result } = job;
  const q = (t: number | null) => (t === null ? null : quantityUnits(t));
  const a = (c: number | null) => (c === null ? null : toUnits(c));
  const date = (d: CivilDay | null) => (d === null ? null : formatIsoDate(d));
  const o = result.options;
  return {
    period: { from: o.from === undefined ? null : formatIsoDate(o.from), to: o.to === undefined ? null : formatIsoDate(o.to) },
    asOf: formatIsoDate(o.asOf),
    tolerance: o.tolerance.relativePpm !== undefined ? { relative: o.tolerance.relativePpm / 1_000_000 } : { amount: toUnits(o.tolerance.amount), quantity: quantityUnits(o.tolerance.quantity) },
    matched: result.matched.map((m) => ({ remission: m.remission.remission, invoice: m.invoice })),
    notInvoiced: result.notInvoiced.map((n) => ({
      remission: n.remission.remission,
      customer: n.remission.customer,
      date: formatIsoDate(n.remission.date),
      quantity: q(n.quantity),
      amount: a(n.amount),
      ageDays: n.ageDays,
      name: n.remission.customerName,
      product: n.product,
      unit: n.unit,
      plant: n.remission.plant,
      jobsite: n.remission.jobsite,
      currency: n.currency,
      row: n.remission.items[0].row,
    })),
    missingRemissions: result.missingRemissions.map((m) => ({ invoice: m.invoice, remission: m.cited.written, reason: m.reason, customer: m.line.customer, date: date(m.line.date), row: m.line.row })),
    differences: result.differences.map(differenceJson),
    duplicates: result.duplicates.map((x) => ({ remission: x.remission.remission, invoices: x.invoices, customer: x.remission.customer, date: formatIsoDate(x.remission.date) })),
    summary: result.summary.map((s) => ({
      customer: s.customer,
      name: s.customerName,
      product: s.product,
      ...(result.byPlant ? { plant: s.plant } : {}),
      unit: s.unit,
      currency: s.currency,
      deliveredQuantity: quantityUnits(s.deliveredQuantity),
      invoicedQuantity: quantityUnits(s.invoicedQuantity),
      deliveredAmount: toUnits(s.deliveredAmount),
      invoicedAmount: toUnits(s.invoicedAmount),
    })),
    ambiguous: result.ambiguous.map((x) => ({
      invoice: x.invoice,
      cited: x.cited,
      reason: x.reason,
      detail: x.problem ? describe(x.problem, lang) : undefined,
      candidates: x.candidates.map((r) => ({ remission: r.remission, customer: r.customer, plant: r.plant, row: r.items[0].row })),
      row: x.line.row,
    })),
    uncited: result.uncited.map((u) => ({ invoice: u.invoice, product: u.line.product, quantity: q(u.line.quantity), amount: a(u.line.amount), row: u.line.row })),
    rejected: [
      ...job.deliveries.rejected.map((r) => ({ file: job.deliveries.label, row: r.row, column: r.column, value: r.value, reason: describe(r.problem, lang) })),
      ...job.invoices.rejected.map((r) => ({ file: job.invoices.label, row: r.row, column: r.column, value: r.value, reason: describe(r.problem, lang) })),
    ],
    warnings: job.warnings.map((w) => ({ table: w.kind, row: w.row, column: w.column, value: w.value, reason: describe(w.problem, lang) })),
    rows: { deliveries: rowsOf(job.deliveries.stats), invoices: rowsOf(job.invoices.stats) },
    counts: result.counts,
  };
}
