import { displayBucketLabels, openItemColumns } from "../aging/agingReport";
import { formatDayFirst, formatIsoDate } from "../dates";
import { message, type Lang, type MessageKey } from "../messages";
import type { Report, ReportSheet, ReportValue } from "../report/report";
import { fileSafe, type Statement } from "./statement";

function say(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  return message(lang, key, params);
}

export function statementDate(day: number, lang: Lang): string {
  return lang === "es" ? formatDayFirst(day) : formatIsoDate(day);
}

/**
 * `EstadoDeCuenta_0001000128_2026-10-31` (Spanish) or `Statement_…` (English); a customer with
 * open items in several currencies gets one statement per currency, so the currency joins the
 * name (`EstadoDeCuenta_0001000128_USD_2026-10-31`).
 */
export function statementFileBase(st: Statement): string {
  const cur = st.multiCurrency ? `_${fileSafe(st.currency)}` : "";
  return `${say(st.lang, "statement.fileName")}_${fileSafe(st.customer)}${cur}_${formatIsoDate(st.asOf)}`;
}

/**
 * The statement as a Report, for its `.xlsx` attachment (formatted like the result workbooks)
 * and any other writer: the open items with totals, and the balance by bucket.
 */
export function buildStatementReport(st: Statement): Report {
  const lang = st.lang;
  const col = (k: string) => say(lang, `aging.col.${k}` as MessageKey);
  const labels = displayBucketLabels(st.labels, lang);
  const title = say(lang, "statement.title");
  const subtitle = say(lang, "statement.subtitle", { name: st.name, customer: st.customer, currency: st.currency, asOf: statementDate(st.asOf, lang) });
  const items: ReportSheet = {
    id: "statement-items",
    name: say(lang, "statement.sheet.items"),
    title: `${title} · ${st.name || st.customer}`,
    subtitle,
    columns: [
      ...openItemColumns(lang, false),
      { key: "text", header: col("text"), type: "text", width: 30 },
    ],
    rows: st.lines.map((l): ReportValue[] => [l.document, l.type, l.reference, l.documentDate, l.dueDate, l.days, labels[l.bucket], l.amount, l.text]),
    totals: [
      { label: say(lang, "statement.charges"), values: [say(lang, "statement.charges"), null, null, null, null, null, null, st.charges, null] },
      { label: say(lang, "statement.credits"), values: [say(lang, "statement.credits"), null, null, null, null, null, null, st.unappliedCredits, null] },
      { label: say(lang, "statement.balance"), values: [say(lang, "statement.balance"), null, null, null, null, null, null, st.balance, null] },
    ],
    notes: paymentNotes(st),
    freezeHeader: true,
    autoFilter: true,
  };
  const aging: ReportSheet = {
    id: "statement-aging",
    name: say(lang, "statement.sheet.aging"),
    title: say(lang, "statement.agingTitle"),
    subtitle,
    columns: [
      { key: "bucket", header: say(lang, "aging.summary.bucket"), type: "text", width: 22 },
      { key: "amount", header: say(lang, "aging.summary.amount"), type: "money", width: 18 },
    ],
    rows: labels.map((l, i) => [l, st.buckets[i]]),
    totals: [
      { label: col("total"), values: [col("total"), st.balance] },
      { label: col("overdue"), values: [col("overdue"), st.overdue] },
    ],
    notes: [],
    freezeHeader: false,
    autoFilter: false,
  };
  return { title: `${title} ${st.customer} ${formatIsoDate(st.asOf)}`, lang, currency: st.currency, sheets: [items, aging] };
}

function paymentNotes(st: Statement): string[] {
  const p = st.payment;
  const lang = st.lang;
  const notes: string[] = [];
  if (p.clabe || p.bank) notes.push(say(lang, "statement.note.pay", { bank: p.bank || "—", clabe: p.clabe || "—", holder: p.accountHolder || "—" }));
  notes.push(say(lang, "statement.note.reference", { reference: p.reference }));
  return notes;
}
