import type { AgingResult } from "./aging";
import type { CustomerMaster } from "../tables/customers";
import { formatDayFirst, formatIsoDate } from "../dates";
import type { LedgerItem } from "../tables/ledger";
import { message, type Lang } from "../messages";
import type { Report, ReportColumn, ReportSheet, ReportSummary, ReportValue } from "../report/report";
import type { Rejection } from "../tables/table";
import { rejectedSheet } from "../report/rejected";

export { rejectedSheet } from "../report/rejected";

export interface AgingReportInput {
  result: AgingResult;
  items: readonly LedgerItem[];
  rejected: readonly Rejection[];
  source: string;
  lang: Lang;
  master?: CustomerMaster;
  skipped?: { subtotalRows: number; blankRows: number; repeatedHeaders: number };
  /** Excel holds 1,048,576 rows a sheet; larger detail is split over several sheets. */
  maxDetailRowsPerSheet?: number;
}

type Key = Parameters<typeof message>[1];

/** A message of the catalogue in the report's language. */
function say(lang: Lang, key: Key, params?: Record<string, string | number>): string {
  return message(lang, key, params);
}

/**
 * The columns of an open item as every result that lists items shows them (the aging's
 * detail, a statement of account): document, type, reference, dates, days, bucket, amount.
 */
export function openItemColumns(lang: Lang, byDocument: boolean, currencyKey?: string): ReportColumn[] {
  const col = (k: string) => say(lang, `aging.col.${k}` as Key);
  return [
    { key: "document", header: col("document"), type: "code", width: 14 },
    { key: "type", header: col("type"), type: "code", width: 6 },
    { key: "reference", header: col("reference"), type: "code", width: 14 },
    { key: "docDate", header: col("docDate"), type: "date", width: 12 },
    { key: "due", header: col("due"), type: "date", width: 12 },
    { key: "days", header: col(byDocument ? "daysDocument" : "days"), type: "integer", width: 9 },
    { key: "bucket", header: col("bucket"), type: "text", width: 10 },
    { key: "amount", header: col("amount"), type: "money", width: 16, currencyKey, highlightPositive: false },
  ];
}

/** Bucket labels as the user reads them: `current` becomes `Corriente` in Spanish. */
export function displayBucketLabels(labels: readonly string[], lang: Lang): string[] {
  return labels.map((l) => (l === "current" ? say(lang, "aging.bucket.current") : l));
}


const GLIMPSE_ROWS = 15;

/**
 * The customers with the most overdue, within each currency (pesos and dollars are not
 * comparable amounts), the currency with the most customers first.
 */
function topOverdue(result: AgingResult, rows: readonly ReportValue[][], lang: Lang): ReportSheet["glimpse"] {
  const customersPer = new Map([...result.totalsByCurrency].map(([cur, t]) => [cur, t.customers]));
  const order = result.customers.map((_, i) => i);
  const c = result.customers;
  order.sort((a, b) => (customersPer.get(c[b].currency) ?? 0) - (customersPer.get(c[a].currency) ?? 0) || (c[a].currency < c[b].currency ? -1 : c[a].currency > c[b].currency ? 1 : 0) || c[b].overdue - c[a].overdue || a - b);
  const shown = order.slice(0, GLIMPSE_ROWS);
  return {
    heading: say(lang, "aging.glimpse", { shown: shown.length, of: rows.length }),
    columns: ["customer", "name", "currency", ...result.labels.map((_, i) => `b${i}`), "total", "overdue"],
    rows: shown,
  };
}

/** The aging as an analyst hands it to a manager: summary, detail and rejected rows. */
export function buildAgingReport(input: AgingReportInput): Report {
  const { result, items, lang, master } = input;
  const col = (k: string) => say(lang, `aging.col.${k}` as Key);
  const byDocument = result.basis === "document";
  const labels = displayBucketLabels(result.labels, lang);
  const currencies = [...result.totalsByCurrency.keys()];
  const single = currencies.length === 1 ? currencies[0] : undefined;

  const bucketColumns: ReportColumn[] = labels.map((l, i) => ({ key: `b${i}`, header: l, type: "money", width: 16, currencyKey: "currency", highlightPositive: i > 0 }));
  const summaryColumns: ReportColumn[] = [
    { key: "customer", header: col("customer"), type: "code", width: 13 },
    { key: "name", header: col("name"), type: "text", width: 40 },
    { key: "currency", header: col("currency"), type: "code", width: 8 },
    ...bucketColumns,
    { key: "total", header: col("total"), type: "money", width: 17, currencyKey: "currency" },
    { key: "overdue", header: col("overdue"), type: "money", width: 17, currencyKey: "currency", highlightPositive: true },
    { key: "unapplied", header: col("unapplied"), type: "money", width: 17, currencyKey: "currency" },
    { key: "maxDays", header: col(byDocument ? "maxDaysDocument" : "maxDays"), type: "integer", width: 10 },
    { key: "items", header: col("items"), type: "integer", width: 9 },
  ];
  // A limit is in the master's currency for it when the master says so, else in the
  // customer's own currency (a USD customer's limit in dollars).
  const limitCurrencies = master?.customers.some((c) => c.currency !== null) ?? false;
  if (master) {
    summaryColumns.push({ key: "plaza", header: col("plaza"), type: "text", width: 16 });
    summaryColumns.push({ key: "limit", header: col("limit"), type: "money", width: 17, currencyKey: limitCurrencies ? "limitCurrency" : "currency" });
    if (limitCurrencies) summaryColumns.push({ key: "limitCurrency", header: col("limitCurrency"), type: "code", width: 8 });
  }
  const summaryRows: ReportValue[][] = result.customers.map((c) => {
    const m = master?.get(c.customer);
    const row: ReportValue[] = [c.customer, c.name || m?.name || "", c.currency, ...c.buckets, c.total, c.overdue, c.unappliedCredits, c.maxDaysPastDue, c.items];
    if (master) row.push(m?.plaza ?? "", m?.creditLimit ?? null);
    if (limitCurrencies) row.push(m?.creditLimit === null || m?.creditLimit === undefined ? "" : (m.currency ?? c.currency));
    return row;
  });
  const totals = currencies.map((cur) => {
    const tt = result.totalsByCurrency.get(cur)!;
    const label = say(lang, "aging.totalOf", { currency: cur });
    const values: ReportValue[] = [label, "", cur, ...tt.buckets, tt.total, tt.overdue, tt.unappliedCredits, null, tt.items];
    if (master) values.push(null, null);
    if (limitCurrencies) values.push(null);
    return { label, values };
  });
  const skipped = input.skipped ?? { subtotalRows: 0, blankRows: 0, repeatedHeaders: 0 };
  const summary: ReportSheet = {
    id: "aging-summary",
    name: say(lang, "aging.sheet.summary"),
    title: say(lang, "aging.title"),
    subtitle: say(lang, "aging.subtitle", {
      asOf: say(lang, "format.dateStyle") === "iso" ? formatIsoDate(result.asOf) : formatDayFirst(result.asOf),
      basis: say(lang, byDocument ? "aging.basis.document" : "aging.basis.due"),
      source: input.source,
    }),
    columns: summaryColumns,
    rows: summaryRows,
    totals,
    notes: [
      say(lang, "aging.note.skipped", skipped),
      say(lang, "aging.note.notOpen", { count: result.notOpenAtKeyDate }),
      say(lang, input.rejected.length ? "aging.note.rejected" : "aging.note.rejectedNone", { count: input.rejected.length }),
      say(lang, "aging.note.credits"),
    ],
    freezeHeader: true,
    autoFilter: true,
    glimpse: topOverdue(result, summaryRows, lang),
    chart: { kind: "stackedBar", title: say(lang, "aging.chart"), categoryKey: "customer", seriesKeys: bucketColumns.map((c) => c.key), maxCategories: 15 },
  };

  const detailColumns: ReportColumn[] = [
    { key: "customer", header: col("customer"), type: "code", width: 13 },
    { key: "name", header: col("name"), type: "text", width: 32 },
    ...openItemColumns(lang, byDocument, "currency"),
    { key: "currency", header: col("currency"), type: "code", width: 8 },
    { key: "text", header: col("text"), type: "text", width: 30 },
    { key: "row", header: say(lang, "report.col.row"), type: "integer", width: 8 },
  ];
  const names = new Map<string, string>();
  for (const c of result.customers) if (c.name) names.set(c.customer, c.name);
  const detailRows: ReportValue[][] = [];
  for (let i = 0; i < items.length; i++) {
    const b = result.itemBucket[i];
    if (b < 0) continue;
    const it = items[i];
    detailRows.push([
      it.customer,
      it.customerName || names.get(it.customer) || "",
      it.documentNumber,
      it.documentType,
      it.reference,
      it.documentDate,
      result.itemDue[i],
      result.itemDays[i],
      labels[b],
      it.amount,
      it.currency,
      it.text,
      it.row,
    ]);
  }
  const perSheet = input.maxDetailRowsPerSheet ?? 1_048_000;
  const detailSheets: ReportSheet[] = [];
  for (let start = 0, part = 1; start < detailRows.length || part === 1; start += perSheet, part++) {
    detailSheets.push({
      id: part === 1 ? "aging-detail" : `aging-detail-${part}`,
      name: part === 1 ? say(lang, "aging.sheet.detail") : say(lang, "aging.sheet.detailPart", { part }),
      columns: detailColumns,
      rows: detailRows.slice(start, start + perSheet),
      totals: [],
      notes: [],
      freezeHeader: true,
      autoFilter: true,
    });
    if (start + perSheet >= detailRows.length) break;
  }
  let open = 0;
  for (const t of result.totalsByCurrency.values()) open += t.items;
  const distinct = new Set(result.customers.map((c) => c.customer)).size;
  const facts = [say(lang, distinct === result.customers.length ? "aging.fact.counts" : "aging.fact.countsByCurrency", { customers: distinct, rows: result.customers.length, items: open })];
  if (master) facts.push(say(lang, "aging.fact.master", { count: master.size }));
  if (result.totalsByCurrency.size === 0) facts.push(say(lang, "aging.fact.noItems"));
  return {
    title: say(lang, "aging.title"),
    lang,
    currency: single ?? "MXN",
    summaries: agingSummaries(result, labels, lang),
    facts,
    sheets: [summary, ...detailSheets, rejectedSheet(input.rejected, lang)],
  };
}

/** Per currency: the balance of each bucket, the total and the overdue part. */
function agingSummaries(result: AgingResult, labels: readonly string[], lang: Lang): ReportSummary[] {
  return [...result.totalsByCurrency].map(([currency, t]) => ({
    id: `totals-${currency}`,
    caption: say(lang, "aging.summary.caption", { currency }),
    currency,
    labelHeader: say(lang, "aging.summary.bucket"),
    valueHeader: say(lang, "aging.summary.amount"),
    figures: [
      ...labels.map((label, i) => ({ key: String(i), label, type: "money" as const, value: t.buckets[i], highlight: i > 0 })),
      { key: "total", label: say(lang, "aging.col.total"), type: "money" as const, value: t.total, total: true },
      { key: "overdue", label: say(lang, "aging.col.overdue"), type: "money" as const, value: t.overdue, total: true },
    ],
  }));
}
