import { isOpenAt } from "../core/aging/aging";
import { formatIsoDate, type CivilDay } from "../core/dates";
import { InputError } from "../core/errors";
import { describe, type Lang } from "../core/messages";
import { toUnits, type Centavos } from "../core/money";
import { partyKey } from "../core/reconcile/deliveries";
import { reconcileStatement, type StatementResult, type TheirSign } from "../core/reconcile/statement";
import { buildStatementReport } from "../core/reconcile/statementReport";
import type { Report } from "../core/report/report";
import { COUNTERPARTY_KIND, type TheirItem } from "../core/tables/counterparty";
import { ledgerKind, type LedgerItem } from "../core/tables/ledger";
import { readAll, readTable, type TableRead, type Warning } from "./read";
import { inTable, type ReconcilePhase } from "./reconcileDeliveries";
import { rowsOf } from "./read";
import { throwIfAborted, yieldToEventLoop, type TableSource } from "./source";

/**
 * Our ledger vs the customer's, for every door: our open-items export (all customers, as
 * FBL5N gives it) and the customer's listing as table sources in; the signed reconciliation
 * of one customer in one currency out.
 */
export interface ReconcileStatementInput {
  ours: TableSource;
  theirs: TableSource;
  /** The customer's code in our books (with or without SAP's leading zeros). */
  customer: string;
  asOf: CivilDay;
  /** The statement's currency; by default the one the customer's open items are in. */
  currency?: string;
  theirSign?: TheirSign;
  theirBalance?: Centavos;
  lang: Lang;
  signal?: AbortSignal;
  onProgress?: (fraction: number, phase: ReconcilePhase) => void;
}

export interface ReconcileStatementOutput {
  result: StatementResult;
  report: Report;
  customer: string;
  customerName: string;
  currency: string;
  ours: TableRead;
  theirs: TableRead;
  /** Their rows in another currency, left out. */
  otherCurrencyRows: number;
  warnings: Warning[];
}

export async function runReconcileStatementJob(input: ReconcileStatementInput): Promise<ReconcileStatementOutput> {
  const { lang, signal } = input;
  const progress = input.onProgress ?? (() => undefined);
  progress(0, "read");
  const wanted = partyKey(input.customer);
  // Our export holds every customer: only this one's items are kept.
  const mine: LedgerItem[] = [];
  const ours = await inTable("reconcile.table.ledger", () =>
    readTable(input.ours, ledgerKind({ defaultCurrency: input.currency ?? "MXN" }), {
      lang,
      signal,
      emit: (item) => {
        if (partyKey(item.customer) === wanted) mine.push(item);
      },
      onFraction: (f) => progress(0.7 * f, "read"),
    }),
  );
  const theirsRead = await inTable("reconcile.table.counterparty", () => readAll(input.theirs, COUNTERPARTY_KIND, { lang, signal, onFraction: (f) => progress(0.7 + 0.2 * f, "read") }));
  throwIfAborted(signal);

  const warnings: Warning[] = [...ours.warnings, ...theirsRead.read.warnings];
  if (mine.length === 0) warnings.push({ kind: "ledger", problem: { code: "statement.warn.noOurItems", params: { customer: input.customer } } });
  let currency = input.currency;
  if (currency === undefined) {
    const open = [...new Set(mine.filter((o) => isOpenAt(o, input.asOf)).map((o) => o.currency))].sort();
    if (open.length > 1) throw new InputError({ code: "statement.currencyAmbiguous", params: { customer: input.customer, currencies: open.join(", ") } });
    currency = open[0] ?? mine[0]?.currency ?? "MXN";
  }
  const ourItems = mine.filter((o) => o.currency === currency);
  const theirItems: TheirItem[] = [];
  let otherCurrencyRows = 0;
  for (const t of theirsRead.records) {
    if (t.currency !== null && t.currency !== currency) otherCurrencyRows++;
    else theirItems.push(t);
  }
  const customerName = mine.find((o) => o.customerName)?.customerName ?? "";
  const customer = mine[0]?.customer ?? input.customer;

  progress(0.9, "reconcile");
  await yieldToEventLoop();
  const result = reconcileStatement(ourItems, theirItems, { asOf: input.asOf, theirSign: input.theirSign, theirStatedBalance: input.theirBalance });
  const report = buildStatementReport({
    result,
    lang,
    customer,
    customerName,
    currency,
    oursSource: ours.label,
    theirsSource: theirsRead.read.label,
    rejected: { ours: ours.rejected, theirs: theirsRead.read.rejected },
    skipped: { ours: ours.stats, theirs: theirsRead.read.stats },
    otherCurrencyRows,
    theirRows: theirItems.length,
  });
  progress(1, "reconcile");
  return { result, report, customer, customerName, currency, ours, theirs: theirsRead.read, otherCurrencyRows, warnings };
}

/**
 * The command line's `--json` contract (issue 9), amounts in currency units in our sign
 * (what the customer owes us is positive). Beyond it: the statement's currency, how their
 * signs were read, subtotals per type, a note per item that needs one, what needs a person,
 * the rows either file could not use, and how every row was accounted for.
 */
export function reconcileStatementJson(job: ReconcileStatementOutput, lang: Lang): unknown {
  const r = job.result;
  const date = (d: CivilDay | null) => (d === null ? null : formatIsoDate(d));
  return {
    customer: job.customer,
    name: job.customerName,
    currency: job.currency,
    asOf: formatIsoDate(r.asOf),
    ourBalance: toUnits(r.ourBalance),
    theirBalance: toUnits(r.theirBalance),
    matched: r.matched.map((m) => ({ ours: m.ours.documentNumber, theirs: m.theirs.reference || m.theirs.document || m.theirs.uuid, amount: toUnits(m.ourAmount), theirAmount: toUnits(m.theirAmount), reference: m.ours.reference })),
    items: r.items.map((i) => {
      const out: Record<string, unknown> = { type: i.type, document: i.document, date: date(i.date), ours: toUnits(i.ours), theirs: toUnits(i.theirs), effect: toUnits(i.effect) };
      if (i.reference) out.reference = i.reference;
      if (i.note) out.note = describe(i.note, lang);
      out.rows = { ours: i.ourItems.map((o) => o.row), theirs: i.theirItems.map((t) => t.row) };
      return out;
    }),
    reconciles: r.reconciles,
    subtotals: Object.fromEntries(r.subtotals.map((s) => [s.type, toUnits(s.effect)])),
    theirListedBalance: toUnits(r.theirListedBalance),
    theirSign: { sign: r.sign.sign, decidedBy: r.sign.decidedBy, agree: r.sign.agree, disagree: r.sign.disagree },
    ambiguous: [
      ...r.ambiguous.map((a) => ({ theirs: a.theirs.reference || a.theirs.document, cited: a.cited, candidates: a.candidates.map((c) => c.documentNumber), row: a.theirs.row })),
      ...r.unreadable.map((u) => ({ theirs: u.theirs.reference || u.theirs.document, cited: u.theirs.reference, reason: describe(u.problem, lang), row: u.theirs.row })),
    ],
    rejected: [
      ...job.ours.rejected.map((x) => ({ file: job.ours.label, row: x.row, column: x.column, value: x.value, reason: describe(x.problem, lang) })),
      ...job.theirs.rejected.map((x) => ({ file: job.theirs.label, row: x.row, column: x.column, value: x.value, reason: describe(x.problem, lang) })),
    ],
    warnings: job.warnings.map((w) => ({ table: w.kind, row: w.row, column: w.column, value: w.value, reason: describe(w.problem, lang) })),
    rows: { ours: rowsOf(job.ours.stats), theirs: rowsOf(job.theirs.stats), theirOtherCurrency: job.otherCurrencyRows },
  };
}
