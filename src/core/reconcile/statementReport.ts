import { formatDayFirst, formatIsoDate, type CivilDay } from "../dates";
import { describe, message, type Lang, type MessageKey } from "../messages";
import { formatMoney } from "../money";
import type { Report, ReportFigure, ReportRowKind, ReportSheet, ReportValue } from "../report/report";
import type { Rejection } from "../tables/table";
import { rejectedSheetOf, type SkippedRows } from "./deliveriesReport";
import type { ItemType, StatementResult } from "./statement";

export interface StatementReportInput {
  result: StatementResult;
  lang: Lang;
  customer: string;
  customerName: string;
  currency: string;
  oursSource: string;
  theirsSource: string;
  rejected: { ours: readonly Rejection[]; theirs: readonly Rejection[] };
  skipped: { ours: SkippedRows; theirs: SkippedRows };
  /** Their rows in another currency than the statement's, left out. */
  otherCurrencyRows: number;
  /** Their rows read as items (in the statement's currency). */
  theirRows: number;
}

function say(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  return message(lang, key, params);
}

function day(lang: Lang, d: CivilDay): string {
  return lang === "es" ? formatDayFirst(d) : formatIsoDate(d);
}

export function itemTypeLabel(lang: Lang, type: ItemType): string {
  return say(lang, `statement.type.${type}` as MessageKey);
}

/**
 * The reconciliation as both parties sign it: our balance, each reconciling item grouped by
 * type with its subtotal, their balance, and a signature block for each party; then the
 * documents matched and the rows either file could not use.
 */
export function buildStatementReport(input: StatementReportInput): Report {
  const { result, lang, currency } = input;
  const col = (k: string) => say(lang, `statement.col.${k}` as MessageKey);
  const rows: ReportValue[][] = [];
  const kinds: (ReportRowKind | null)[] = [];
  const push = (kind: ReportRowKind | null, values: ReportValue[]) => {
    rows.push(values);
    kinds.push(kind);
  };
  push("balance", [say(lang, "statement.row.ourBalance"), "", "", result.asOf, result.ourBalance, null, result.ourBalance]);
  for (const sub of result.subtotals) {
    if (sub.count === 0) continue;
    push("section", [itemTypeLabel(lang, sub.type), "", "", null, null, null, null]);
    for (const it of result.items) {
      if (it.type !== sub.type) continue;
      push(null, [it.note ? describe(it.note, lang) : it.text, it.document, it.reference, it.date, it.ourItems.length || it.type === "amount-difference" ? it.ours : null, it.theirItems.length || it.type === "amount-difference" ? it.theirs : null, it.effect]);
    }
    push("subtotal", [say(lang, "statement.row.subtotal", { count: sub.count }), "", "", null, null, null, sub.effect]);
  }
  push("balance", [say(lang, "statement.row.theirBalance"), "", "", result.asOf, null, result.theirBalance, result.theirBalance]);

  const effects = result.items.reduce((a, i) => a + i.effect, 0);
  const name = input.customerName ? `${input.customerName} (${input.customer})` : input.customer;
  const sign = result.sign;
  const statement: ReportSheet = {
    id: "reconcile-statement",
    name: say(lang, "statement.sheet.statement"),
    title: say(lang, "statement.title", { customer: name }),
    subtitle: say(lang, "statement.subtitle", { asOf: day(lang, result.asOf), currency, ours: input.oursSource, theirs: input.theirsSource }),
    columns: [
      { key: "concept", header: col("concept"), type: "text", width: 46 },
      { key: "document", header: col("document"), type: "code", width: 16 },
      { key: "reference", header: col("reference"), type: "code", width: 14 },
      { key: "date", header: col("date"), type: "date", width: 12 },
      { key: "ours", header: col("ours"), type: "money", width: 17 },
      { key: "theirs", header: col("theirs"), type: "money", width: 17 },
      { key: "effect", header: col("effect"), type: "money", width: 17 },
    ],
    rows,
    rowKinds: kinds,
    totals: [],
    notes: [
      say(lang, result.reconciles ? "statement.note.reconciles" : "statement.note.doesNotReconcile", { ours: formatMoney(result.ourBalance, currency), theirs: formatMoney(result.theirBalance, currency), op: effects < 0 ? "−" : "+", effect: formatMoney(Math.abs(effects), currency) }),
      say(lang, sign.decidedBy === "option" ? (sign.sign === "payable" ? "statement.note.signPayableOption" : "statement.note.signReceivableOption") : sign.sign === "payable" ? "statement.note.signPayable" : "statement.note.signReceivable", { agree: sign.agree, disagree: sign.disagree, total: sign.agree + sign.disagree }),
      say(lang, "statement.note.skipped", { sub: input.skipped.theirs.subtotalRows, blank: input.skipped.theirs.blankRows, headers: input.skipped.theirs.repeatedHeaders, otherCurrency: input.otherCurrencyRows }),
      say(lang, input.rejected.ours.length + input.rejected.theirs.length ? "statement.note.rejected" : "statement.note.rejectedNone", { ours: input.rejected.ours.length, theirs: input.rejected.theirs.length }),
    ],
    freezeHeader: true,
    autoFilter: false,
    signatures: [
      { party: say(lang, "statement.sign.ours"), lines: [say(lang, "statement.sign.name"), say(lang, "statement.sign.position"), say(lang, "statement.sign.date")] },
      { party: say(lang, "statement.sign.theirs", { customer: input.customerName || input.customer }), lines: [say(lang, "statement.sign.name"), say(lang, "statement.sign.position"), say(lang, "statement.sign.date")] },
    ],
  };

  const matched: ReportSheet = {
    id: "reconcile-statement-matched",
    name: say(lang, "statement.sheet.matched"),
    columns: [
      { key: "ours", header: col("ourDocument"), type: "code", width: 14 },
      { key: "reference", header: col("reference"), type: "code", width: 14 },
      { key: "date", header: col("date"), type: "date", width: 12 },
      { key: "ourAmount", header: col("ours"), type: "money", width: 17 },
      { key: "theirs", header: col("theirDocument"), type: "text", width: 22 },
      { key: "theirDate", header: col("theirDate"), type: "date", width: 12 },
      { key: "theirAmount", header: col("theirs"), type: "money", width: 17 },
      { key: "difference", header: col("difference"), type: "money", width: 15, highlightPositive: true },
      { key: "row", header: col("theirRow"), type: "integer", width: 8 },
    ],
    rows: result.matched.map((m) => [m.ours.documentNumber, m.ours.reference, m.ours.documentDate ?? m.ours.postingDate, m.ourAmount, m.theirs.reference || m.theirs.document || m.theirs.uuid, m.theirs.date, m.theirAmount, m.ourAmount - m.theirAmount, m.theirs.row]),
    totals: [],
    notes: [],
    freezeHeader: true,
    autoFilter: true,
  };

  const review: ReportSheet = {
    id: "reconcile-statement-review",
    name: say(lang, "statement.sheet.review"),
    columns: [
      { key: "theirs", header: col("theirDocument"), type: "text", width: 22 },
      { key: "cited", header: col("cited"), type: "text", width: 22 },
      { key: "reason", header: col("reason"), type: "text", width: 70 },
      { key: "row", header: col("theirRow"), type: "integer", width: 8 },
    ],
    rows: [
      ...result.ambiguous.map((a): ReportValue[] => [a.theirs.reference || a.theirs.document, a.cited, say(lang, "statement.review.ambiguous", { candidates: a.candidates.map((c) => c.documentNumber).join(", ") }), a.theirs.row]),
      ...result.unreadable.map((u): ReportValue[] => [u.theirs.reference || u.theirs.document, u.theirs.reference, describe(u.problem, lang), u.theirs.row]),
    ],
    totals: [],
    notes: [],
    freezeHeader: true,
    autoFilter: true,
  };

  const figures: ReportFigure[] = [
    { key: "ourBalance", label: say(lang, "statement.row.ourBalance"), type: "money", value: result.ourBalance, total: true },
    ...result.subtotals.filter((s) => s.count > 0).map((s): ReportFigure => ({ key: s.type, label: itemTypeLabel(lang, s.type), type: "money", value: s.effect, highlight: s.type === "unexplained" })),
    { key: "theirBalance", label: say(lang, "statement.row.theirBalance"), type: "money", value: result.theirBalance, total: true },
  ];
  const facts = [say(lang, "statement.fact.counts", { open: result.open.length, theirs: input.theirRows, matched: result.matched.length, items: result.items.length })];
  if (result.ambiguous.length + result.unreadable.length) facts.push(say(lang, "statement.fact.review", { count: result.ambiguous.length + result.unreadable.length }));

  return {
    title: say(lang, "statement.title", { customer: name }),
    lang,
    currency,
    summaries: [{ id: "reconcile-statement", caption: say(lang, "statement.summary.caption", { currency }), currency, labelHeader: col("concept"), valueHeader: col("effect"), figures }],
    facts,
    sheets: [
      statement,
      matched,
      review,
      rejectedSheetOf("rejected-ours", say(lang, "statement.sheet.rejectedOurs"), say(lang, "reconcile.rejectedHeading", { file: input.oursSource }), input.rejected.ours, lang),
      rejectedSheetOf("rejected-theirs", say(lang, "statement.sheet.rejectedTheirs"), say(lang, "reconcile.rejectedHeading", { file: input.theirsSource }), input.rejected.theirs, lang),
    ],
  };
}
