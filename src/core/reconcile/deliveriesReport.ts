import { rejectedSheet } from "../report/rejected";
import { formatDayFirst, formatIsoDate, type CivilDay } from "../dates";
import { describe, message, type Lang, type MessageKey } from "../messages";
import { formatMoney } from "../money";
import type { Report, ReportColumn, ReportFigure, ReportSheet, ReportValue } from "../report/report";
import type { Rejection } from "../tables/table";
import type { DeliveriesResult, Difference } from "./deliveries";
import { formatQuantity } from "./quantity";

export interface DeliveriesReportInput {
  result: DeliveriesResult;
  lang: Lang;
  deliveriesSource: string;
  invoicesSource: string;
  rejected: { deliveries: readonly Rejection[]; invoices: readonly Rejection[] };
  /** How every row of each list was accounted for. */
  skipped: { deliveries: SkippedRows; invoices: SkippedRows };
}

export interface SkippedRows {
  subtotalRows: number;
  blankRows: number;
  repeatedHeaders: number;
}

function say(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  return message(lang, key, params);
}

function day(lang: Lang, d: CivilDay): string {
  return lang === "es" ? formatDayFirst(d) : formatIsoDate(d);
}

/** A problem sheet of one input: its own name and heading, so two lists' rejections never blur. */
export function rejectedSheetOf(id: string, name: string, heading: string, rejected: readonly Rejection[], lang: Lang): ReportSheet {
  return rejectedSheet(rejected, lang, { id, name, heading });
}

const GLIMPSE_ROWS = 15;

function sheet(id: string, name: string, columns: ReportColumn[], rows: ReportValue[][], extra: Partial<ReportSheet> = {}): ReportSheet {
  return { id, name, columns, rows, totals: [], notes: [], freezeHeader: true, autoFilter: true, ...extra };
}

function fieldLabel(lang: Lang, f: Difference["field"]): string {
  return say(lang, `reconcile.field.${f}` as MessageKey);
}

/** Billing vs deliveries as an analyst hands it on: the summary, then one sheet per list. */
export function buildDeliveriesReport(input: DeliveriesReportInput): Report {
  const { result, lang } = input;
  const col = (k: string) => say(lang, `reconcile.col.${k}` as MessageKey);
  const { options } = result;
  const currencies = [...new Set(result.summary.map((s) => s.currency))];
  const single = currencies.length === 1 ? currencies[0] : undefined;

  // ---- Summary per customer and product (and plant).
  const summaryColumns: ReportColumn[] = [
    { key: "customer", header: col("customer"), type: "code", width: 13 },
    { key: "name", header: col("name"), type: "text", width: 34 },
    { key: "product", header: col("product"), type: "code", width: 14 },
    { key: "productName", header: col("productName"), type: "text", width: 28 },
    ...(result.byPlant ? [{ key: "plant", header: col("plant"), type: "code" as const, width: 9 }] : []),
    { key: "unit", header: col("unit"), type: "code", width: 7 },
    { key: "deliveredQty", header: col("deliveredQty"), type: "quantity", width: 13 },
    { key: "invoicedQty", header: col("invoicedQty"), type: "quantity", width: 13 },
    { key: "qtyDiff", header: col("qtyDiff"), type: "quantity", width: 13, highlightPositive: true },
    { key: "currency", header: col("currency"), type: "code", width: 8 },
    { key: "deliveredAmount", header: col("deliveredAmount"), type: "money", width: 16, currencyKey: "currency" },
    { key: "invoicedAmount", header: col("invoicedAmount"), type: "money", width: 16, currencyKey: "currency" },
    { key: "amountDiff", header: col("amountDiff"), type: "money", width: 16, currencyKey: "currency", highlightPositive: true },
    { key: "remissions", header: col("remissions"), type: "integer", width: 10 },
    { key: "lines", header: col("lines"), type: "integer", width: 10 },
  ];
  const summaryRows: ReportValue[][] = result.summary.map((s) => [
    s.customer,
    s.customerName,
    s.product,
    s.productName,
    ...(result.byPlant ? [s.plant] : []),
    s.unit,
    s.deliveredQuantity,
    s.invoicedQuantity,
    s.deliveredQuantity - s.invoicedQuantity,
    s.currency,
    s.deliveredAmount,
    s.invoicedAmount,
    s.deliveredAmount - s.invoicedAmount,
    s.remissions,
    s.invoiceLines,
  ]);
  const at = (k: string) => summaryColumns.findIndex((c) => c.key === k);
  const totals = currencies.map((cur) => {
    const label = say(lang, "reconcile.totalOf", { currency: cur });
    const values: ReportValue[] = summaryColumns.map(() => null);
    values[0] = label;
    values[at("currency")] = cur;
    let d = 0;
    let i = 0;
    let n = 0;
    let m = 0;
    for (const s of result.summary) {
      if (s.currency !== cur) continue;
      d += s.deliveredAmount;
      i += s.invoicedAmount;
      n += s.remissions;
      m += s.invoiceLines;
    }
    values[at("deliveredAmount")] = d;
    values[at("invoicedAmount")] = i;
    values[at("amountDiff")] = d - i;
    values[at("remissions")] = n;
    values[at("lines")] = m;
    return { label, values };
  });
  const order = summaryRows.map((_, k) => k);
  const diffAmount = at("amountDiff");
  const diffQty = at("qtyDiff");
  order.sort((a, b) => Math.abs(summaryRows[b][diffAmount] as number) - Math.abs(summaryRows[a][diffAmount] as number) || Math.abs(summaryRows[b][diffQty] as number) - Math.abs(summaryRows[a][diffQty] as number) || a - b);
  const shown = order.filter((k) => summaryRows[k][diffAmount] !== 0 || summaryRows[k][diffQty] !== 0).slice(0, GLIMPSE_ROWS);

  const period =
    options.from !== undefined && options.to !== undefined
      ? say(lang, "reconcile.period.between", { from: day(lang, options.from), to: day(lang, options.to) })
      : options.from !== undefined
        ? say(lang, "reconcile.period.from", { from: day(lang, options.from) })
        : options.to !== undefined
          ? say(lang, "reconcile.period.to", { to: day(lang, options.to) })
          : say(lang, "reconcile.period.all");
  const t = options.tolerance;
  const tolerance = t.relativePpm !== undefined ? `${t.relativePpm / 10000}%` : `${formatMoney(t.amount, single ?? "MXN")} / ${formatQuantity(t.quantity)}`;
  const sd = input.skipped.deliveries;
  const si = input.skipped.invoices;
  const c = result.counts;
  const summary = sheet("reconcile-deliveries-summary", say(lang, "reconcile.sheet.summary"), summaryColumns, summaryRows, {
    title: say(lang, "reconcile.deliveries.title"),
    subtitle: say(lang, "reconcile.deliveries.subtitle", { period, asOf: day(lang, options.asOf), tolerance, deliveries: input.deliveriesSource, invoices: input.invoicesSource }),
    totals,
    glimpse: shown.length ? { heading: say(lang, "reconcile.deliveries.glimpse", { shown: shown.length, of: summaryRows.length }), columns: ["customer", "name", "product", "unit", "deliveredQty", "invoicedQty", "qtyDiff", "deliveredAmount", "invoicedAmount", "amountDiff"], rows: shown } : { heading: say(lang, "reconcile.deliveries.glimpseNone"), columns: ["customer"], rows: [] },
    notes: [
      say(lang, "reconcile.deliveries.note.counts", { remissions: c.remissionsInPeriod, lines: c.invoiceLinesInPeriod, invoices: c.invoices, cancelledRemissions: c.cancelledRemissions, cancelledLines: c.cancelledLines }),
      say(lang, "reconcile.deliveries.note.skipped", { dSub: sd.subtotalRows, dBlank: sd.blankRows, dHeaders: sd.repeatedHeaders, iSub: si.subtotalRows, iBlank: si.blankRows, iHeaders: si.repeatedHeaders }),
      say(lang, input.rejected.deliveries.length + input.rejected.invoices.length ? "reconcile.deliveries.note.rejected" : "reconcile.deliveries.note.rejectedNone", { deliveries: input.rejected.deliveries.length, invoices: input.rejected.invoices.length }),
      say(lang, "reconcile.deliveries.note.period"),
      say(lang, "reconcile.deliveries.note.units"),
    ],
  });

  // ---- Delivered, not invoiced (oldest first).
  const notInvoiced = sheet(
    "reconcile-not-invoiced",
    say(lang, "reconcile.sheet.notInvoiced"),
    [
      { key: "remission", header: col("remission"), type: "code", width: 13 },
      { key: "date", header: col("date"), type: "date", width: 12 },
      { key: "age", header: col("age"), type: "integer", width: 8 },
      { key: "customer", header: col("customer"), type: "code", width: 13 },
      { key: "name", header: col("name"), type: "text", width: 32 },
      { key: "jobsite", header: col("jobsite"), type: "text", width: 24 },
      { key: "plant", header: col("plant"), type: "code", width: 9 },
      { key: "product", header: col("product"), type: "code", width: 14 },
      { key: "quantity", header: col("quantity"), type: "quantity", width: 11 },
      { key: "unit", header: col("unit"), type: "code", width: 7 },
      { key: "amount", header: col("amount"), type: "money", width: 15, currencyKey: "currency" },
      { key: "currency", header: col("currency"), type: "code", width: 8 },
      { key: "row", header: say(lang, "report.col.row"), type: "integer", width: 8 },
    ],
    result.notInvoiced.map((n) => [n.remission.remission, n.remission.date, n.ageDays, n.remission.customer, n.remission.customerName, n.remission.jobsite, n.remission.plant, n.product, n.quantity, n.unit, n.amount, n.currency, n.remission.items[0].row]),
  );

  const rowsOf = (ls: readonly { row: number }[]) => [...new Set(ls.map((l) => l.row))].sort((a, b) => a - b).join(", ");
  const differences = sheet(
    "reconcile-differences",
    say(lang, "reconcile.sheet.differences"),
    [
      { key: "remission", header: col("remission"), type: "code", width: 16 },
      { key: "invoice", header: col("invoice"), type: "code", width: 13 },
      { key: "field", header: col("field"), type: "text", width: 12 },
      { key: "customer", header: col("deliveredCustomer"), type: "code", width: 13 },
      { key: "invoiceCustomer", header: col("invoicedCustomer"), type: "code", width: 13 },
      { key: "product", header: col("deliveredProduct"), type: "code", width: 14 },
      { key: "invoiceProduct", header: col("invoicedProduct"), type: "code", width: 14 },
      { key: "deliveredQty", header: col("deliveredQty"), type: "quantity", width: 12 },
      { key: "invoicedQty", header: col("invoicedQty"), type: "quantity", width: 12 },
      { key: "unit", header: col("unit"), type: "text", width: 9 },
      { key: "deliveredAmount", header: col("deliveredAmount"), type: "money", width: 15, currencyKey: "currency" },
      { key: "invoicedAmount", header: col("invoicedAmount"), type: "money", width: 15, currencyKey: "currency" },
      { key: "currency", header: col("currency"), type: "code", width: 8 },
      { key: "rows", header: col("rows"), type: "text", width: 14 },
    ],
    result.differences.map((d) => {
      const customers = [...new Set(d.remissions.map((r) => r.customer))].join(", ");
      const products = [...new Set(d.remissions.flatMap((r) => r.items.map((it) => it.product)).filter((p) => p))].join(", ");
      const lineCustomers = [...new Set(d.lines.map((l) => l.customer))].join(", ");
      const lineProducts = [...new Set(d.lines.map((l) => l.product).filter((p) => p))].join(", ");
      const base: ReportValue[] = [d.remissions.map((r) => r.remission).join(", "), d.invoice, fieldLabel(lang, d.field), customers, lineCustomers, products, lineProducts];
      const rows = `${rowsOf(d.remissions.flatMap((r) => r.items))} / ${rowsOf(d.lines)}`;
      if (d.field === "quantity") {
        const unit = d.deliveredUnit === d.invoicedUnit || !d.invoicedUnit ? d.deliveredUnit : `${d.deliveredUnit} / ${d.invoicedUnit}`;
        return [...base.slice(0, 5), d.product || products, lineProducts, d.delivered, d.invoiced, unit, null, null, "", rows];
      }
      if (d.field === "amount") {
        const currency = d.deliveredCurrency === d.invoicedCurrency ? d.deliveredCurrency : `${d.deliveredCurrency} / ${d.invoicedCurrency}`;
        return [...base, null, null, "", d.delivered, d.invoiced, currency, rows];
      }
      return [...base, null, null, "", null, null, "", rows];
    }),
  );

  const missing = sheet(
    "reconcile-missing",
    say(lang, "reconcile.sheet.missing"),
    [
      { key: "invoice", header: col("invoice"), type: "code", width: 13 },
      { key: "date", header: col("invoiceDate"), type: "date", width: 12 },
      { key: "customer", header: col("customer"), type: "code", width: 13 },
      { key: "cited", header: col("cited"), type: "code", width: 14 },
      { key: "reason", header: col("reason"), type: "text", width: 40 },
      { key: "row", header: say(lang, "report.col.row"), type: "integer", width: 8 },
    ],
    result.missingRemissions.map((m) => [m.invoice, m.line.date, m.line.customer, m.cited.written, say(lang, m.reason === "cancelled" ? "reconcile.missing.cancelled" : "reconcile.missing.notOnFile"), m.line.row]),
  );

  const review = sheet(
    "reconcile-review",
    say(lang, "reconcile.sheet.review"),
    [
      { key: "invoice", header: col("invoice"), type: "code", width: 13 },
      { key: "date", header: col("invoiceDate"), type: "date", width: 12 },
      { key: "customer", header: col("customer"), type: "code", width: 13 },
      { key: "cited", header: col("cited"), type: "text", width: 24 },
      { key: "reason", header: col("reason"), type: "text", width: 60 },
      { key: "row", header: say(lang, "report.col.row"), type: "integer", width: 8 },
    ],
    [
      ...result.ambiguous.map((a): ReportValue[] => [
        a.invoice,
        a.line.date,
        a.line.customer,
        a.cited,
        a.reason === "severalRemissions"
          ? say(lang, "reconcile.review.several", { candidates: a.candidates.map((r) => say(lang, "reconcile.review.candidate", { remission: r.remission, customer: r.customer, plant: r.plant || "—", row: r.items[0].row })).join("; ") })
          : describe(a.problem!, lang),
        a.line.row,
      ]),
      ...result.uncited.map((u): ReportValue[] => [u.invoice, u.line.date, u.line.customer, "", say(lang, "reconcile.review.uncited", { product: u.line.product || u.line.productName || "—" }), u.line.row]),
    ],
  );

  const duplicates = sheet(
    "reconcile-duplicates",
    say(lang, "reconcile.sheet.duplicates"),
    [
      { key: "remission", header: col("remission"), type: "code", width: 13 },
      { key: "date", header: col("date"), type: "date", width: 12 },
      { key: "customer", header: col("customer"), type: "code", width: 13 },
      { key: "name", header: col("name"), type: "text", width: 32 },
      { key: "invoices", header: col("invoices"), type: "text", width: 30 },
      { key: "count", header: col("count"), type: "integer", width: 8 },
    ],
    result.duplicates.map((d) => [d.remission.remission, d.remission.date, d.remission.customer, d.remission.customerName, d.invoices.join(", "), d.invoices.length]),
  );

  const matched = sheet(
    "reconcile-matched",
    say(lang, "reconcile.sheet.matched"),
    [
      { key: "remission", header: col("remission"), type: "code", width: 13 },
      { key: "invoice", header: col("invoice"), type: "code", width: 13 },
      { key: "date", header: col("date"), type: "date", width: 12 },
      { key: "customer", header: col("customer"), type: "code", width: 13 },
      { key: "plant", header: col("plant"), type: "code", width: 9 },
      { key: "product", header: col("product"), type: "code", width: 14 },
    ],
    result.matched.map((m) => [m.remission.remission, m.invoice, m.remission.date, m.remission.customer, m.remission.plant, m.remission.items[0].product]),
  );

  const notInvoicedAmount = new Map<string, number>();
  for (const n of result.notInvoiced) if (n.amount !== null) notInvoicedAmount.set(n.currency, (notInvoicedAmount.get(n.currency) ?? 0) + n.amount);
  const figures: ReportFigure[] = [
    { key: "remissions", label: say(lang, "reconcile.figure.remissions"), type: "integer", value: c.remissionsInPeriod },
    { key: "matched", label: say(lang, "reconcile.figure.matched"), type: "integer", value: result.matched.length },
    { key: "notInvoiced", label: say(lang, "reconcile.figure.notInvoiced"), type: "integer", value: result.notInvoiced.length, highlight: true },
    { key: "missing", label: say(lang, "reconcile.figure.missing"), type: "integer", value: result.missingRemissions.length, highlight: true },
    { key: "differences", label: say(lang, "reconcile.figure.differences"), type: "integer", value: result.differences.length, highlight: true },
    { key: "duplicates", label: say(lang, "reconcile.figure.duplicates"), type: "integer", value: result.duplicates.length, highlight: true },
    { key: "review", label: say(lang, "reconcile.figure.review"), type: "integer", value: result.ambiguous.length + result.uncited.length, highlight: true },
  ];
  const facts = [
    say(lang, "reconcile.deliveries.fact.lists", { notInvoiced: result.notInvoiced.length, missing: result.missingRemissions.length, differences: result.differences.length, duplicates: result.duplicates.length, review: result.ambiguous.length + result.uncited.length, matched: result.matched.length }),
    ...[...notInvoicedAmount].map(([cur, a]) => say(lang, "reconcile.deliveries.fact.notInvoicedAmount", { amount: formatMoney(a, cur) })),
  ];
  if (result.repeatedRows.length) facts.push(say(lang, "reconcile.deliveries.fact.repeated", { count: result.repeatedRows.length }));

  return {
    title: say(lang, "reconcile.deliveries.title"),
    lang,
    currency: single ?? "MXN",
    summaries: [{ id: "reconcile-deliveries", caption: say(lang, "reconcile.deliveries.title"), labelHeader: say(lang, "reconcile.figure.list"), valueHeader: say(lang, "reconcile.figure.count"), figures }],
    facts,
    sheets: [
      summary,
      notInvoiced,
      differences,
      missing,
      duplicates,
      review,
      matched,
      rejectedSheetOf("rejected-deliveries", say(lang, "reconcile.sheet.rejectedDeliveries"), say(lang, "reconcile.rejectedHeading", { file: input.deliveriesSource }), input.rejected.deliveries, lang),
      rejectedSheetOf("rejected-invoices", say(lang, "reconcile.sheet.rejectedInvoices"), say(lang, "reconcile.rejectedHeading", { file: input.invoicesSource }), input.rejected.invoices, lang),
    ],
  };
}
