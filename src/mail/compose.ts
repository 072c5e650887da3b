import { displayBucketLabels } from "../core/aging/agingReport";
import { formatIsoDate } from "../core/dates";
import { message } from "../core/messages";
import { isPromise, type Minutes } from "../core/statement/minutes";
import type { Statement } from "../core/statement/statement";
import { buildStatementReport, statementFileBase } from "../core/statement/statementReport";
import { fileSafe } from "../core/statement/statement";
import { reportToXlsxBuffer } from "../report/xlsx";
import { contentHashOf, PDF_TYPE, XLSX_TYPE, type MailAttachment, type MailMessage } from "./message";
import { minutesPdf, statementPdf } from "./pdf";
import type { TemplateSet } from "./templates";

/**
 * From a statement or minutes to a MailMessage: the template context (plain values; the
 * templates format them with helpers), the three rendered parts, and the attachments.
 */
export function statementContext(st: Statement, attachments: readonly string[]): Record<string, unknown> {
  const labels = displayBucketLabels(st.labels, st.lang);
  return {
    customer: { code: st.customer, name: st.name, rfc: st.rfc },
    currency: st.currency,
    asOf: st.asOf,
    lines: st.lines.map((l) => ({ ...l, bucketLabel: labels[l.bucket], overdue: l.days > 0 && l.amount > 0, credit: l.amount < 0 })),
    credits: st.lines.filter((l) => l.amount < 0),
    buckets: st.buckets.map((amount, i) => ({ label: labels[i], amount, overdue: i > 0 && amount > 0 })),
    charges: st.charges,
    unappliedCredits: st.unappliedCredits,
    hasCredits: st.unappliedCredits !== 0,
    balance: st.balance,
    overdue: st.overdue,
    hasOverdue: st.overdue > 0,
    maxDaysPastDue: st.maxDaysPastDue,
    payment: st.payment,
    signature: st.signature,
    attachments,
  };
}

async function finishMessage(m: Omit<MailMessage, "contentHash" | "key">): Promise<MailMessage> {
  const contentHash = await contentHashOf(m);
  return { ...m, contentHash, key: `${m.kind}|${m.customer}|${m.period}|${contentHash}` };
}

export interface ComposeOptions {
  /** Leave out the attachments (previews in the pane). */
  attachments?: boolean;
  /** Position in the batch, for the outbox folder name. */
  index: number;
}

export async function composeStatement(st: Statement, templates: TemplateSet, options: ComposeOptions): Promise<MailMessage> {
  const base = statementFileBase(st);
  const names = [`${base}.pdf`, `${base}.xlsx`];
  const ctx = statementContext(st, names);
  const attachments: MailAttachment[] = [];
  if (options.attachments !== false) {
    attachments.push({ name: names[0], contentType: PDF_TYPE, content: await statementPdf(st) });
    attachments.push({ name: names[1], contentType: XLSX_TYPE, content: await reportToXlsxBuffer(buildStatementReport(st)) });
  }
  return finishMessage({
    kind: "statement",
    customer: st.customer,
    period: `${formatIsoDate(st.asOf)} ${st.currency}`,
    template: templates.templateId("statement", st.lang),
    to: st.to,
    cc: st.cc,
    subject: templates.render("statement", st.lang, "subject", ctx),
    html: templates.render("statement", st.lang, "html", ctx),
    text: templates.render("statement", st.lang, "text", ctx),
    attachments,
    slug: `${String(options.index + 1).padStart(4, "0")}_${fileSafe(st.customer)}_${fileSafe(st.currency)}`,
  });
}

export function minutesFileBase(mn: Minutes): string {
  return `${message(mn.lang, "mail.minutes.fileName")}_${fileSafe(mn.customer)}_${formatIsoDate(mn.date)}`;
}

export function minutesContext(mn: Minutes, attachments: readonly string[]): Record<string, unknown> {
  return {
    customer: { code: mn.customer, name: mn.customerName },
    date: mn.date,
    place: mn.place,
    attendees: mn.attendees,
    topics: mn.topics,
    agreements: mn.agreements.map((a) => ({ ...a, promise: isPromise(a) })),
    balance: mn.balance,
    attachments,
  };
}

export async function composeMinutes(mn: Minutes, templates: TemplateSet, options: ComposeOptions): Promise<MailMessage> {
  const names = [`${minutesFileBase(mn)}.pdf`];
  const ctx = minutesContext(mn, names);
  const attachments: MailAttachment[] = options.attachments === false ? [] : [{ name: names[0], contentType: PDF_TYPE, content: await minutesPdf(mn) }];
  return finishMessage({
    kind: "minutes",
    customer: mn.customer,
    period: formatIsoDate(mn.date),
    template: templates.templateId("minutes", mn.lang),
    to: mn.to,
    cc: [],
    subject: templates.render("minutes", mn.lang, "subject", ctx),
    html: templates.render("minutes", mn.lang, "html", ctx),
    text: templates.render("minutes", mn.lang, "text", ctx),
    attachments,
    slug: `${String(options.index + 1).padStart(4, "0")}_${fileSafe(mn.customer)}_${formatIsoDate(mn.date)}`,
  });
}
