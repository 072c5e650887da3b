/**
 * Cash application as a Report: a summary per rule with the closing note (how many deposits
 * were applied automatically, by which rule), the posting sheet (the same rows as
 * `--posting`), matched deposits with their evidence, unmatched ones with suggestions, the
 * review lists and the rejected rows of each input.
 */
import { rejectedSheet } from "../../report/rejected";
import { formatDayFirst, formatIsoDate, type CivilDay } from "../../dates";
import { describe, message, type Lang, type MessageCode, type Problem } from "../../messages";
import { formatMoney } from "../../money";
import type { Report, ReportColumn, ReportSheet, ReportValue } from "../../report/report";
import type { Rejection } from "../../tables/table";
import { PAYMENT_RULES, type PaymentRule, type PaymentsResult, type Suggestion } from "./engine";
import { postingRows } from "./posting";

export interface PaymentsReportInput {
  result: PaymentsResult;
  lang: Lang;
  asOf: CivilDay;
  bankSource: string;
  ledgerSource: string;
  openItems: number;
  customersInMaster?: number;
  rejected: { bank: readonly Rejection[]; ledger: readonly Rejection[]; customers?: readonly Rejection[] };
  /** Keep the matched deposits and the posting rows (false when only the summary will be shown). */
  detail?: boolean;
}

type Say = (key: MessageCode, params?: Record<string, string | number>) => string;

export function ruleLabel(lang: Lang, rule: PaymentRule): string {
  return message(lang, `payments.rule.${rule}` as MessageCode);
}

export function evidenceText(evidence: readonly Problem[], lang: Lang): string {
  return evidence.map((e) => describe(e, lang)).join("; ");
}

export function suggestionText(s: Suggestion, lang: Lang, currency: string): string {
  return message(lang, "payments.suggestion", {
    customer: s.customer,
    name: s.customerName,
    documents: s.documents.map((d) => d.documentNumber).join(", "),
    open: formatMoney(s.openTotal, currency),
    difference: formatMoney(s.difference, currency),
    rule: ruleLabel(lang, s.rule),
    evidence: evidenceText(s.evidence, lang),
  });
}

function problemsSheet(id: string, name: string, rejected: readonly Rejection[], _say: Say, lang: Lang): ReportSheet {
  return rejectedSheet(rejected, lang, { id, name });
}

function sheet(id: string, name: string, columns: ReportColumn[], rows: ReportValue[][], extra: Partial<ReportSheet> = {}): ReportSheet {
  return { id, name, columns, rows, totals: [], notes: [], freezeHeader: true, autoFilter: true, ...extra };
}

export function buildPaymentsReport(input: PaymentsReportInput): Report {
  const { result, lang } = input;
  const say: Say = (key, params) => message(lang, key, params);
  const col = (k: string) => say(`payments.col.${k}` as MessageCode);
  const cur = result.currency;
  const s = result.stats;
  const day = (d: CivilDay) => (lang === "es" ? formatDayFirst(d) : formatIsoDate(d));
  const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)} %`;

  // ---- summary per rule
  const summaryColumns: ReportColumn[] = [
    { key: "rule", header: col("rule"), type: "text", width: 44 },
    { key: "deposits", header: col("deposits"), type: "integer", width: 11 },
    { key: "amount", header: col("amount"), type: "money", width: 18 },
    { key: "share", header: col("share"), type: "percent", width: 10 },
  ];
  const share = (n: number) => (s.deposits ? n / s.deposits : 0);
  const summaryRows: ReportValue[][] = PAYMENT_RULES.map((r, i) => [`${i + 1}. ${ruleLabel(lang, r)}`, s.byRule[r], s.amountByRule[r], share(s.byRule[r])]);
  if (s.byRule.analyst > 0) summaryRows.push([ruleLabel(lang, "analyst"), s.byRule.analyst, s.amountByRule.analyst, share(s.byRule.analyst)]);
  summaryRows.push([say("payments.summary.unmatched"), s.unmatched, s.unmatchedAmount, share(s.unmatched)]);
  const byRule = PAYMENT_RULES.map((r) => `${ruleLabel(lang, r)} ${s.byRule[r]}`).join(", ");
  const notes = [
    say("payments.note.rate", { matched: s.matched - s.byRule.analyst, deposits: s.deposits, rate: pct(s.autoMatchRate), byRule }),
    say("payments.note.reviews", { duplicates: result.duplicates.length, doubles: result.doublePayments.length, cheques: result.returnedCheques.length, reversals: result.reversals.length, unapplied: result.unapplied.length }),
    say("payments.note.lines", { lines: s.lines, deposits: s.deposits, charges: s.charges, zero: s.zeroLines, rejected: input.rejected.bank.length }),
    say("payments.note.ledger", { open: input.openItems, rejected: input.rejected.ledger.length }),
    say("payments.note.never"),
  ];
  if (result.review) notes.splice(1, 0, say("payments.note.review", { ...result.review }));
  if (result.sharedIdentifiers.length) notes.push(say("payments.note.shared", { count: result.sharedIdentifiers.length, list: result.sharedIdentifiers.slice(0, 5).map((x) => `${x.value} (${x.customers.join(", ")})`).join("; ") }));
  const summary = sheet("payments-summary", say("payments.sheet.summary"), summaryColumns, summaryRows, {
    title: say("payments.title"),
    subtitle: say("payments.subtitle", { asOf: day(input.asOf), bank: input.bankSource, ledger: input.ledgerSource }),
    totals: [{ label: say("payments.summary.total"), values: [say("payments.summary.total"), s.deposits, s.depositAmount, s.deposits ? 1 : 0] }],
    notes,
  });

  // ---- posting
  const detail = input.detail !== false;
  const posting = detail ? postingRows(result) : [];
  const postingSheet = sheet(
    "payments-posting",
    say("payments.sheet.posting"),
    [
      { key: "type", header: col("type"), type: "code", width: 11 },
      { key: "customer", header: col("customer"), type: "code", width: 13 },
      { key: "document", header: col("document"), type: "code", width: 14 },
      { key: "invoiceReference", header: col("invoiceReference"), type: "code", width: 14 },
      { key: "amount", header: col("applied"), type: "money", width: 16, currencyKey: "currency" },
      { key: "currency", header: col("currency"), type: "code", width: 8 },
      { key: "bankDate", header: col("bankDate"), type: "date", width: 12 },
      { key: "bankReference", header: col("bankReference"), type: "code", width: 14 },
      { key: "residual", header: col("residual"), type: "money", width: 16, currencyKey: "currency" },
      { key: "bankLine", header: col("bankLine"), type: "integer", width: 9 },
      { key: "rule", header: col("rule"), type: "code", width: 13 },
      { key: "account", header: col("account"), type: "text", width: 28 },
    ],
    posting.map((r) => [r.type, r.customer, r.document, r.invoiceReference, r.amount, r.currency, r.bankDate, r.bankReference, r.residual, r.bankLine, r.rule, r.account]),
    { notes: [say("payments.note.posting")] },
  );

  // ---- matched
  const lineCols = (): ReportColumn[] => [
    { key: "bankLine", header: col("bankLine"), type: "integer", width: 9 },
    { key: "date", header: col("date"), type: "date", width: 12 },
    { key: "description", header: col("description"), type: "text", width: 50 },
    { key: "amount", header: col("deposit"), type: "money", width: 16, currencyKey: "currency" },
    { key: "currency", header: col("currency"), type: "code", width: 8 },
  ];
  const matched = sheet(
    "payments-matched",
    say("payments.sheet.matched"),
    [
      ...lineCols(),
      { key: "customer", header: col("customer"), type: "code", width: 13 },
      { key: "name", header: col("name"), type: "text", width: 34 },
      { key: "documents", header: col("documents"), type: "text", width: 30 },
      { key: "open", header: col("open"), type: "money", width: 16, currencyKey: "currency" },
      { key: "difference", header: col("difference"), type: "money", width: 14, currencyKey: "currency" },
      { key: "goesTo", header: col("goesTo"), type: "text", width: 28 },
      { key: "rule", header: col("rule"), type: "text", width: 26 },
      { key: "evidence", header: col("evidence"), type: "text", width: 80 },
      { key: "reversedBy", header: col("reversedBy"), type: "integer", width: 10 },
    ],
    (detail ? result.matches : []).map((m) => {
      const goesTo = m.adjustment ? `${say(`payments.adjustment.${m.adjustment.kind}` as MessageCode)}: ${m.adjustment.account}` : m.leftover > 0 ? say("payments.goesTo.onAccount") : m.applied.some((a) => a.residual > 0) ? say("payments.goesTo.residual") : "";
      return [m.bankLine, m.line.date, m.line.description, m.amount, m.currency, m.customer, m.customerName, m.applied.map((a) => a.item.documentNumber).join(", "), m.openTotal, m.difference, goesTo, ruleLabel(lang, m.rule), evidenceText(m.evidence, lang), m.reversedBy ?? null];
    }),
  );

  // ---- unmatched
  const unmatched = sheet(
    "payments-unmatched",
    say("payments.sheet.unmatched"),
    [
      ...lineCols(),
      { key: "customer", header: col("customer"), type: "code", width: 13 },
      { key: "reason", header: col("reason"), type: "text", width: 60 },
      { key: "suggestions", header: col("suggestions"), type: "text", width: 100 },
    ],
    result.unmatched.map((u) => [u.bankLine, u.line.date, u.line.description, u.amount, u.currency, u.customer ?? "", describe(u.reason, lang), u.suggestions.map((x) => suggestionText(x, lang, u.currency)).join(" | ")]),
    { glimpse: { heading: say("payments.glimpse.unmatched", { shown: Math.min(10, result.unmatched.length), of: result.unmatched.length }), columns: ["bankLine", "date", "amount", "reason"], rows: result.unmatched.slice(0, 10).map((_, i) => i) } },
  );

  // ---- review lists
  const duplicates = sheet(
    "payments-duplicates",
    say("payments.sheet.duplicates"),
    [
      { key: "bankLines", header: col("bankLines"), type: "text", width: 16 },
      { key: "date", header: col("date"), type: "date", width: 12 },
      { key: "amount", header: col("deposit"), type: "money", width: 16 },
      { key: "reference", header: col("reference"), type: "text", width: 60 },
    ],
    result.duplicates.map((d) => [d.bankLines.join(", "), d.date, d.amount, d.reference]),
  );
  const doubles = sheet(
    "payments-double",
    say("payments.sheet.double"),
    [
      { key: "bankLine", header: col("bankLine"), type: "integer", width: 9 },
      { key: "kind", header: col("kind"), type: "text", width: 34 },
      { key: "customer", header: col("customer"), type: "code", width: 13 },
      { key: "document", header: col("document"), type: "code", width: 14 },
      { key: "amount", header: col("documentAmount"), type: "money", width: 16 },
      { key: "clearingDate", header: col("clearingDate"), type: "date", width: 12 },
      { key: "earlier", header: col("earlierLine"), type: "integer", width: 10 },
    ],
    result.doublePayments.map((d) => [d.bankLine, say(`payments.double.${d.kind}` as MessageCode), d.customer, d.document, d.amount, d.clearingDate ?? null, d.earlierBankLine ?? null]),
  );
  const cheques = sheet(
    "payments-cheques",
    say("payments.sheet.cheques"),
    [
      { key: "bankLine", header: col("bankLine"), type: "integer", width: 9 },
      { key: "date", header: col("date"), type: "date", width: 12 },
      { key: "description", header: col("description"), type: "text", width: 44 },
      { key: "amount", header: col("cheque"), type: "money", width: 16 },
      { key: "reverses", header: col("reverses"), type: "integer", width: 10 },
      { key: "candidates", header: col("candidates"), type: "text", width: 14 },
      { key: "customer", header: col("customer"), type: "code", width: 13 },
      { key: "name", header: col("name"), type: "text", width: 34 },
      { key: "indemnity", header: col("indemnity"), type: "money", width: 16 },
    ],
    result.returnedCheques.map((c) => [c.bankLine, c.date, c.description, c.amount, c.reverses, c.candidates.join(", "), c.customer, c.customerName, c.indemnity]),
    { notes: [say("payments.note.indemnity")] },
  );
  const reversals = sheet(
    "payments-reversals",
    say("payments.sheet.reversals"),
    [
      { key: "bankLine", header: col("bankLine"), type: "integer", width: 9 },
      { key: "date", header: col("date"), type: "date", width: 12 },
      { key: "description", header: col("description"), type: "text", width: 44 },
      { key: "amount", header: col("charge"), type: "money", width: 16 },
      { key: "reverses", header: col("reverses"), type: "integer", width: 10 },
      { key: "candidates", header: col("candidates"), type: "text", width: 14 },
      { key: "customer", header: col("customer"), type: "code", width: 13 },
    ],
    result.reversals.map((c) => [c.bankLine, c.date, c.description, c.amount, c.reverses, c.candidates.join(", "), c.customer]),
  );
  const unapplied = sheet(
    "payments-unapplied",
    say("payments.sheet.unapplied"),
    [
      { key: "customer", header: col("customer"), type: "code", width: 13 },
      { key: "name", header: col("name"), type: "text", width: 34 },
      { key: "currency", header: col("currency"), type: "code", width: 8 },
      { key: "leftover", header: col("leftover"), type: "money", width: 16, currencyKey: "currency" },
      { key: "unapplied", header: col("unappliedDeposits"), type: "money", width: 16, currencyKey: "currency" },
      { key: "total", header: col("total"), type: "money", width: 16, currencyKey: "currency" },
      { key: "bankLines", header: col("bankLines"), type: "text", width: 24 },
    ],
    result.unapplied.map((u) => [u.customer, u.customerName, u.currency, u.leftover, u.unapplied, u.total, u.bankLines.join(", ")]),
  );
  let feeTotal = 0;
  for (const f of result.fees) feeTotal += f.amount;
  const fees = sheet(
    "payments-fees",
    say("payments.sheet.fees"),
    [
      { key: "bankLine", header: col("bankLine"), type: "integer", width: 9 },
      { key: "date", header: col("date"), type: "date", width: 12 },
      { key: "description", header: col("description"), type: "text", width: 50 },
      { key: "amount", header: col("charge"), type: "money", width: 16 },
    ],
    result.fees.map((f) => [f.bankLine, f.date, f.description, f.amount]),
    { totals: result.fees.length ? [{ label: say("payments.summary.total"), values: [null, null, say("payments.summary.total"), feeTotal]}] : [] },
  );

  const sheets = [summary, postingSheet, matched, unmatched, duplicates, doubles, cheques, reversals, unapplied, fees, problemsSheet("payments-rejected-bank", say("payments.sheet.rejectedBank"), input.rejected.bank, say, lang), problemsSheet("payments-rejected-ledger", say("payments.sheet.rejectedLedger"), input.rejected.ledger, say, lang)];
  if (input.rejected.customers?.length) sheets.push(problemsSheet("payments-rejected-customers", say("payments.sheet.rejectedCustomers"), input.rejected.customers, say, lang));

  const facts = [say("payments.fact.counts", { deposits: s.deposits, matched: s.matched, rate: pct(s.autoMatchRate), open: input.openItems })];
  if (input.customersInMaster !== undefined) facts.push(say("payments.fact.master", { count: input.customersInMaster }));
  if (s.deposits === 0) facts.push(say("payments.fact.noDeposits"));
  return {
    title: say("payments.title"),
    lang,
    currency: cur,
    summaries: [
      {
        id: "payments-totals",
        caption: say("payments.summary.caption", { currency: cur }),
        currency: cur,
        labelHeader: col("rule"),
        valueHeader: col("amount"),
        figures: [
          { key: "deposits", label: col("deposits"), type: "integer", value: s.deposits },
          { key: "matched", label: say("payments.summary.matched"), type: "integer", value: s.matched },
          { key: "rate", label: say("payments.summary.rate"), type: "percent", value: s.autoMatchRate },
          { key: "depositAmount", label: say("payments.summary.depositAmount"), type: "money", value: s.depositAmount, total: true },
          { key: "matchedAmount", label: say("payments.summary.matchedAmount"), type: "money", value: s.matchedAmount },
          { key: "unmatchedAmount", label: say("payments.summary.unmatchedAmount"), type: "money", value: s.unmatchedAmount, highlight: true },
        ],
      },
    ],
    facts,
    sheets,
  };
}
