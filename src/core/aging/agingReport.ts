import type { AgingResult } from "./aging";
import type { CustomerMaster } from "../tables/customers";
import { formatDayFirst, formatIsoDate } from "../dates";
import type { LedgerItem } from "../tables/ledger";
import { describe, type Lang } from "../messages";
import type { Report, ReportColumn, ReportSheet, ReportValue } from "../report/report";
import type { Rejection } from "../tables/table";

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

const T = {
  es: {
    title: "Antigüedad de saldos",
    summary: "Resumen",
    detail: "Detalle",
    rejected: "Rechazados",
    customer: "Cliente",
    name: "Nombre",
    currency: "Moneda",
    total: "Total",
    overdue: "Vencido",
    unapplied: "Créditos sin aplicar",
    maxDays: "Máx. días vencido",
    items: "Partidas",
    plaza: "Plaza",
    limit: "Límite de crédito",
    document: "Nº documento",
    type: "Clase",
    reference: "Referencia",
    docDate: "Fecha documento",
    due: "Vencimiento",
    days: "Días vencido",
    bucket: "Rango",
    amount: "Importe",
    text: "Texto",
    row: "Fila",
    column: "Columna",
    value: "Valor",
    reason: "Motivo",
    current: "Corriente",
    totalOf: (c: string) => `Total ${c}`,
    subtitle: (asOf: string, basis: string, source: string) => `Al ${asOf} · base: ${basis === "due" ? "fecha de vencimiento" : "fecha de documento"} · origen: ${source}`,
    chart: "Saldo por rango de antigüedad (clientes con mayor saldo vencido)",
    notes: (s: { subtotalRows: number; blankRows: number; repeatedHeaders: number }, notOpen: number, rejected: number) =>
      [
        `Filas de subtotal omitidas: ${s.subtotalRows}; filas en blanco: ${s.blankRows}; encabezados repetidos: ${s.repeatedHeaders}.`,
        `Partidas no abiertas a la fecha clave (compensadas antes o contabilizadas después): ${notOpen}.`,
        `Filas rechazadas: ${rejected} (ver hoja Rechazados).`,
        "Los créditos (notas de crédito, anticipos) se agrupan por su propia fecha y se muestran también como créditos sin aplicar.",
      ],
  },
  en: {
    title: "Accounts receivable aging",
    summary: "Summary",
    detail: "Detail",
    rejected: "Rejected",
    customer: "Customer",
    name: "Name",
    currency: "Currency",
    total: "Total",
    overdue: "Overdue",
    unapplied: "Unapplied credits",
    maxDays: "Max. days past due",
    items: "Items",
    plaza: "Branch",
    limit: "Credit limit",
    document: "Document no.",
    type: "Type",
    reference: "Reference",
    docDate: "Document date",
    due: "Due date",
    days: "Days past due",
    bucket: "Bucket",
    amount: "Amount",
    text: "Text",
    row: "Row",
    column: "Column",
    value: "Value",
    reason: "Reason",
    current: "Current",
    totalOf: (c: string) => `Total ${c}`,
    subtitle: (asOf: string, basis: string, source: string) => `As of ${asOf} · basis: ${basis === "due" ? "due date" : "document date"} · source: ${source}`,
    chart: "Balance by aging bucket (customers with the most overdue)",
    notes: (s: { subtotalRows: number; blankRows: number; repeatedHeaders: number }, notOpen: number, rejected: number) =>
      [
        `Subtotal rows skipped: ${s.subtotalRows}; blank rows: ${s.blankRows}; repeated headers: ${s.repeatedHeaders}.`,
        `Items not open at the key date (cleared before or posted after): ${notOpen}.`,
        `Rejected rows: ${rejected} (see the Rejected sheet).`,
        "Credits (credit memos, payments on account) are aged by their own date and also shown as unapplied credits.",
      ],
  },
};

/** Bucket labels as the user reads them: `current` becomes `Corriente` in Spanish. */
export function displayBucketLabels(labels: readonly string[], lang: Lang): string[] {
  return labels.map((l) => (l === "current" ? T[lang].current : l));
}

export function rejectedSheet(rejected: readonly Rejection[], lang: Lang): ReportSheet {
  const t = T[lang];
  return {
    id: "rejected",
    name: t.rejected,
    columns: [
      { key: "row", header: t.row, type: "integer", width: 8 },
      { key: "column", header: t.column, type: "text", width: 28 },
      { key: "value", header: t.value, type: "text", width: 24 },
      { key: "reason", header: t.reason, type: "text", width: 70 },
    ],
    rows: rejected.map((r) => [r.row, r.column, r.value, describe(r.problem, lang)]),
    totals: [],
    notes: [],
    freezeHeader: true,
    autoFilter: true,
  };
}

/** The aging as an analyst hands it to a manager: summary, detail and rejected rows. */
export function buildAgingReport(input: AgingReportInput): Report {
  const { result, items, lang, master } = input;
  const t = T[lang];
  const labels = displayBucketLabels(result.labels, lang);
  const currencies = [...result.totalsByCurrency.keys()];
  const single = currencies.length === 1 ? currencies[0] : undefined;

  const bucketColumns: ReportColumn[] = labels.map((l, i) => ({ key: `b${i}`, header: l, type: "money", width: 16, currencyKey: "currency", highlightPositive: i > 0 }));
  const summaryColumns: ReportColumn[] = [
    { key: "customer", header: t.customer, type: "code", width: 13 },
    { key: "name", header: t.name, type: "text", width: 40 },
    { key: "currency", header: t.currency, type: "code", width: 8 },
    ...bucketColumns,
    { key: "total", header: t.total, type: "money", width: 17, currencyKey: "currency" },
    { key: "overdue", header: t.overdue, type: "money", width: 17, currencyKey: "currency", highlightPositive: true },
    { key: "unapplied", header: t.unapplied, type: "money", width: 17, currencyKey: "currency" },
    { key: "maxDays", header: t.maxDays, type: "integer", width: 10 },
    { key: "items", header: t.items, type: "integer", width: 9 },
  ];
  if (master) {
    summaryColumns.push({ key: "plaza", header: t.plaza, type: "text", width: 16 });
    // The master's limits are in the company's (local) currency, whatever the row's currency.
    summaryColumns.push({ key: "limit", header: t.limit, type: "money", width: 17 });
  }
  const summaryRows: ReportValue[][] = result.customers.map((c) => {
    const m = master?.get(c.customer);
    const row: ReportValue[] = [c.customer, c.name || m?.name || "", c.currency, ...c.buckets, c.total, c.overdue, c.unappliedCredits, c.maxDaysPastDue, c.items];
    if (master) row.push(m?.plaza ?? "", m?.creditLimit ?? null);
    return row;
  });
  const totals = currencies.map((cur) => {
    const tt = result.totalsByCurrency.get(cur)!;
    const values: ReportValue[] = [t.totalOf(cur), "", cur, ...tt.buckets, tt.total, tt.overdue, tt.unappliedCredits, null, tt.items];
    if (master) values.push(null, null);
    return { label: t.totalOf(cur), values };
  });
  const skipped = input.skipped ?? { subtotalRows: 0, blankRows: 0, repeatedHeaders: 0 };
  const summary: ReportSheet = {
    id: "aging-summary",
    name: t.summary,
    title: t.title,
    subtitle: t.subtitle(lang === "es" ? formatDayFirst(result.asOf) : formatIsoDate(result.asOf), result.basis, input.source),
    columns: summaryColumns,
    rows: summaryRows,
    totals,
    notes: t.notes(skipped, result.notOpenAtKeyDate, input.rejected.length),
    freezeHeader: true,
    autoFilter: true,
    chart: { kind: "stackedBar", title: t.chart, categoryKey: "customer", seriesKeys: bucketColumns.map((c) => c.key), maxCategories: 15 },
  };

  const detailColumns: ReportColumn[] = [
    { key: "customer", header: t.customer, type: "code", width: 13 },
    { key: "name", header: t.name, type: "text", width: 32 },
    { key: "document", header: t.document, type: "code", width: 14 },
    { key: "type", header: t.type, type: "code", width: 6 },
    { key: "reference", header: t.reference, type: "code", width: 14 },
    { key: "docDate", header: t.docDate, type: "date", width: 12 },
    { key: "due", header: t.due, type: "date", width: 12 },
    { key: "days", header: t.days, type: "integer", width: 9 },
    { key: "bucket", header: t.bucket, type: "text", width: 10 },
    { key: "amount", header: t.amount, type: "money", width: 16, currencyKey: "currency", highlightPositive: false },
    { key: "currency", header: t.currency, type: "code", width: 8 },
    { key: "text", header: t.text, type: "text", width: 30 },
    { key: "row", header: t.row, type: "integer", width: 8 },
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
      name: part === 1 ? t.detail : `${t.detail} (${part})`,
      columns: detailColumns,
      rows: detailRows.slice(start, start + perSheet),
      totals: [],
      notes: [],
      freezeHeader: true,
      autoFilter: true,
    });
    if (start + perSheet >= detailRows.length) break;
  }
  return { title: t.title, lang, currency: single ?? "MXN", sheets: [summary, ...detailSheets, rejectedSheet(input.rejected, lang)] };
}
