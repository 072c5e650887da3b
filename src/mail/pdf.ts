// pdfmake exports one instance whose methods live on its prototype: a namespace import
// (copying own properties) would lose them, so the module object itself is taken — with a
// plain require, which both Node and webpack (the pane, where pdfmake's browser build is
// picked) resolve; an `import … = require` is dropped when the pane's bundle is compiled.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfmake = require("pdfmake") as typeof import("pdfmake");
import type { Content, TableCell, TDocumentDefinitions } from "pdfmake/interfaces";
import { displayBucketLabels } from "../core/aging/agingReport";
import { formatIsoDate } from "../core/dates";
import { message, type Lang, type MessageKey } from "../core/messages";
import { formatMoney } from "../core/money";
import type { Minutes } from "../core/statement/minutes";
import type { Statement } from "../core/statement/statement";
import { statementDate } from "../core/statement/statementReport";
import { TITLE_COLOR } from "../report/palette";

/**
 * PDFs of statements and minutes with pdfmake, which runs in Node and in the browser. The
 * PDF standard fonts (Helvetica) cover Spanish; no font file and no URL is ever read, so a
 * customer's text can make pdfmake fetch nothing.
 */
const STANDARD = ["Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"];
let configured = false;

function configure(): void {
  if (configured) return;
  pdfmake.setFonts({ Helvetica: { normal: STANDARD[0], bold: STANDARD[1], italics: STANDARD[2], bolditalics: STANDARD[3] } });
  pdfmake.setUrlAccessPolicy(() => false);
  // Node's build reads font files from disk: only the standard fonts' own. (The browser build
  // has no disk, only its virtual file system, and no such policy.)
  if (typeof pdfmake.setLocalAccessPolicy === "function") pdfmake.setLocalAccessPolicy((path) => STANDARD.includes(path));
  configured = true;
}

function say(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  return message(lang, key, params);
}

const HEADER_FILL = "#1F4E79";
const TOTAL_FILL = "#DDEBF7";

/** Header cells; the last `right` of them head figures and align with them. */
function head(cells: string[], right = 0): TableCell[] {
  return cells.map((t, i) => ({ text: t, bold: true, color: "#FFFFFF", fillColor: HEADER_FILL, alignment: i >= cells.length - right ? "right" : "left" }));
}

function civilDate(day: number): Date {
  const iso = formatIsoDate(day);
  return new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
}

async function render(doc: TDocumentDefinitions): Promise<Uint8Array> {
  configure();
  const buf = await pdfmake.createPdf({ pageSize: "LETTER", pageMargins: [40, 50, 40, 50], defaultStyle: { font: "Helvetica", fontSize: 9 }, ...doc }).getBuffer();
  return new Uint8Array(buf);
}

function footer(lang: Lang, what: string) {
  return (page: number, pages: number): Content => ({ text: `${what} · ${say(lang, "mail.pdf.page", { page, pages })}`, alignment: "right", fontSize: 7, color: "#595959", margin: [40, 10, 40, 0] });
}

export function statementPdf(st: Statement): Promise<Uint8Array> {
  const lang = st.lang;
  const col = (k: string) => say(lang, `aging.col.${k}` as MessageKey);
  const m = (c: number) => formatMoney(c, st.currency);
  const labels = displayBucketLabels(st.labels, lang);
  const body: TableCell[][] = [head([col("document"), col("type"), col("reference"), col("docDate"), col("due"), col("days"), col("amount")], 2)];
  for (const l of st.lines) {
    body.push([l.document, l.type, l.reference, l.documentDate === null ? "" : statementDate(l.documentDate, lang), statementDate(l.dueDate, lang), { text: String(l.days), alignment: "right", color: l.days > 0 && l.amount > 0 ? "#9C0006" : undefined }, { text: m(l.amount), alignment: "right" }]);
  }
  const totalRow = (label: string, amount: number): TableCell[] => [{ text: label, colSpan: 6, bold: true, fillColor: TOTAL_FILL }, "", "", "", "", "", { text: m(amount), alignment: "right", bold: true, fillColor: TOTAL_FILL }];
  body.push(totalRow(say(lang, "statement.charges"), st.charges), totalRow(say(lang, "statement.credits"), st.unappliedCredits), totalRow(say(lang, "statement.balance"), st.balance));
  const aging: TableCell[][] = [head(labels.concat([col("total")]), labels.length + 1)];
  aging.push([...st.buckets.map((b, i): TableCell => ({ text: m(b), alignment: "right", color: i > 0 && b > 0 ? "#9C0006" : undefined })), { text: m(st.balance), alignment: "right", bold: true }]);
  const p = st.payment;
  const s = st.signature;
  const content: Content[] = [
    s.company ? { text: s.company, bold: true, fontSize: 11, color: TITLE_COLOR } : "",
    { text: say(lang, "statement.title"), fontSize: 16, bold: true, color: TITLE_COLOR, margin: [0, 4, 0, 2] },
    { text: say(lang, "statement.subtitle", { name: st.name, customer: st.customer, currency: st.currency, asOf: statementDate(st.asOf, lang) }), color: "#595959", margin: [0, 0, 0, 10] },
    st.rfc ? { text: `RFC: ${st.rfc}`, margin: [0, 0, 0, 8] } : "",
    { table: { headerRows: 1, widths: [60, 28, 70, 55, 55, 35, "*"], body }, layout: "lightHorizontalLines" },
    { text: say(lang, "statement.agingTitle"), bold: true, margin: [0, 14, 0, 4] },
    { table: { headerRows: 1, widths: Array(labels.length + 1).fill("*"), body: aging }, layout: "lightHorizontalLines" },
    { text: say(lang, "mail.pdf.payment"), bold: true, margin: [0, 14, 0, 4] },
    {
      ul: [
        ...(p.bank ? [`${say(lang, "mail.pdf.bank")}: ${p.bank}`] : []),
        ...(p.clabe ? [`CLABE: ${p.clabe}`] : []),
        ...(p.accountHolder ? [`${say(lang, "mail.pdf.holder")}: ${p.accountHolder}`] : []),
        `${say(lang, "mail.pdf.reference")}: ${p.reference}`,
      ],
    },
    { text: [s.name, s.title, s.phone, s.email].filter((x) => x).join("\n"), margin: [0, 24, 0, 0] },
  ];
  return render({
    info: { title: `${say(lang, "statement.title")} ${st.customer} ${formatIsoDate(st.asOf)}`, author: s.company || "Cartera", creator: "Cartera", creationDate: civilDate(st.asOf) },
    footer: footer(lang, `${st.customer} · ${statementDate(st.asOf, lang)}`),
    content,
  });
}

export function minutesPdf(mn: Minutes): Promise<Uint8Array> {
  const lang = mn.lang;
  const w = (k: MessageKey) => say(lang, k);
  const attendees: TableCell[][] = [head([w("mail.minutes.name"), w("mail.minutes.company"), w("mail.minutes.role"), w("mail.minutes.email")])];
  for (const a of mn.attendees) attendees.push([a.name, a.company, a.role, a.email]);
  const agreements: TableCell[][] = [head(["#", w("mail.minutes.agreement"), w("mail.minutes.responsible"), w("mail.minutes.due"), w("mail.minutes.amount")], 1)];
  mn.agreements.forEach((a, i) => agreements.push([String(i + 1), a.description, a.responsible, a.dueDate === null ? "" : statementDate(a.dueDate, lang), { text: a.amount === null ? "" : formatMoney(a.amount, a.currency), alignment: "right" }]));
  // Two signature blocks a row: a line to sign on, then name, role and company.
  const signatures: Content[] = [];
  for (let i = 0; i < mn.attendees.length; i += 2) {
    signatures.push({
      columns: mn.attendees.slice(i, i + 2).map((a) => ({
        stack: [
          { canvas: [{ type: "line", x1: 0, y1: 0, x2: 220, y2: 0, lineWidth: 0.7 }], margin: [0, 36, 0, 2] },
          { text: a.name, bold: true },
          { text: [a.role, a.company].filter((x) => x).join(" · "), color: "#595959" },
        ],
      })),
      columnGap: 30,
      unbreakable: true,
    } as Content);
  }
  const content: Content[] = [
    { text: w("mail.minutes.title"), fontSize: 16, bold: true, color: TITLE_COLOR },
    { text: say(lang, "mail.minutes.subtitle", { name: mn.customerName || mn.customer, customer: mn.customer, date: statementDate(mn.date, lang), place: mn.place || "—" }), color: "#595959", margin: [0, 2, 0, 12] },
    { text: w("mail.minutes.attendees"), bold: true, margin: [0, 0, 0, 4] },
    { table: { headerRows: 1, widths: ["*", "*", "*", "*"], body: attendees }, layout: "lightHorizontalLines" },
    { text: w("mail.minutes.topics"), bold: true, margin: [0, 12, 0, 4] },
    mn.topics.length ? { ol: mn.topics.slice() } : { text: "—" },
    ...(mn.balance ? [{ text: `${w("mail.minutes.balance")}: ${formatMoney(mn.balance.amount, mn.balance.currency)}`, bold: true, margin: [0, 12, 0, 0] } as Content] : []),
    { text: w("mail.minutes.agreements"), bold: true, margin: [0, 12, 0, 4] },
    mn.agreements.length ? { table: { headerRows: 1, widths: [14, "*", 90, 60, 80], body: agreements }, layout: "lightHorizontalLines" } : { text: "—" },
    { text: w("mail.minutes.signatures"), bold: true, margin: [0, 20, 0, 0] },
    ...signatures,
  ];
  return render({
    info: { title: `${w("mail.minutes.title")} ${mn.customer} ${formatIsoDate(mn.date)}`, creator: "Cartera", creationDate: civilDate(mn.date) },
    footer: footer(lang, `${mn.customer} · ${statementDate(mn.date, lang)}`),
    content,
  });
}
