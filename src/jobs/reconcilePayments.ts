import { isOpenAt } from "../core/aging/aging";
import { formatIsoDate, type CivilDay } from "../core/dates";
import { describe, message, type Lang } from "../core/messages";
import { toUnits } from "../core/money";
import { PaymentsMatcher, type PaymentsResult } from "../core/reconcile/payments/engine";
import { buildPaymentsReport, evidenceText } from "../core/reconcile/payments/paymentsReport";
import { DEFAULT_POLICY, type PaymentsPolicy } from "../core/reconcile/payments/policy";
import { reviewPayments, type PaymentDecision, type PaymentsReview } from "../core/reconcile/payments/review";
import type { Report } from "../core/report/report";
import { BANK_STATEMENT_KIND, type BankLine } from "../core/tables/bankStatement";
import { CUSTOMER_KIND, type Customer } from "../core/tables/customers";
import { ledgerKind, type LedgerItem } from "../core/tables/ledger";
import { asWarnings, readAll, readTable, type TableRead, type Warning } from "./read";
import { throwIfAborted, yieldToEventLoop, type TableSource } from "./source";

/**
 * The cash-application job, for every door: a bank statement, the open items and (optionally)
 * the customer master as table sources in; the typed result and its Report out. Open items
 * come through the ledger kind and `isOpenAt`, as the aging reads them; invoices cleared by
 * the key date are kept aside for the double-payment review. It writes nothing.
 */
export type PaymentsPhase = "read" | "match" | "report";

export interface PaymentsJobInput {
  bank: TableSource;
  ledger: TableSource;
  customers?: TableSource;
  /** Key date of the open items; default the statement's last date, else `today`. */
  asOf?: CivilDay;
  /** The caller's today, for a statement without dates. */
  today: CivilDay;
  policy?: PaymentsPolicy;
  lang: Lang;
  /** Currency of a ledger without a currency column (and of the statement, unless the policy says). */
  currency?: string;
  /** Keep the matched deposits and posting rows in the Report (false when only its summary will be shown). */
  detail?: boolean;
  signal?: AbortSignal;
  onProgress?: (fraction: number, phase: PaymentsPhase) => void;
}

export interface PaymentsJobOutput {
  result: PaymentsResult;
  report: Report;
  asOf: CivilDay;
  policy: PaymentsPolicy;
  lines: BankLine[];
  bank: TableRead;
  ledger: TableRead & { open: number; cleared: number; notOpen: number };
  customers?: TableRead & { records: Customer[] };
  warnings: Warning[];
  /** Milliseconds spent matching once the files are read (each open item was indexed as it was read). */
  matchMs: number;
  /** A customer's open invoices, oldest first, as they were before the statement (for the review). */
  openInvoices(customer: string): LedgerItem[];
  /** Every customer with open items: code and name. */
  customerList(): { code: string; name: string }[];
}

const READ_SHARE = 0.9;

export async function runPaymentsJob(input: PaymentsJobInput): Promise<PaymentsJobOutput> {
  const { lang, signal } = input;
  const progress = input.onProgress ?? (() => undefined);
  const policy = input.policy ?? DEFAULT_POLICY;
  progress(0, "read");

  const { records: lines, read: bank } = await readAll(input.bank, BANK_STATEMENT_KIND, { lang, signal, onFraction: (f) => progress(READ_SHARE * 0.05 * f, "read") });
  let customers: PaymentsJobOutput["customers"];
  if (input.customers) {
    const { records, read } = await readAll(input.customers, CUSTOMER_KIND, { lang, signal, onFraction: (f) => progress(READ_SHARE * (0.05 + 0.05 * f), "read") });
    customers = { ...read, records };
  }
  let last: CivilDay | null = null;
  for (const l of lines) if (l.date !== null && (last === null || l.date > last)) last = l.date;
  const asOf = input.asOf ?? last ?? input.today;

  // The statement is read first, so each open item is indexed for it the moment it is read.
  const matcher = new PaymentsMatcher({ lines, headerRow: bank.headerRow, customers: customers?.records, policy: input.currency ? { ...policy, currency: input.currency } : policy });
  let notOpen = 0;
  const ledger = await readTable(input.ledger, ledgerKind({ defaultCurrency: input.currency ?? policy.currency }), {
    lang,
    signal,
    emit: (item: LedgerItem) => {
      if (isOpenAt(item, asOf)) matcher.addOpen(item);
      else if (item.clearingDate !== null && item.clearingDate <= asOf && item.amount > 0) matcher.addCleared(item);
      else notOpen++;
    },
    onFraction: (f) => progress(READ_SHARE * (0.1 + 0.9 * f), "read"),
  });
  throwIfAborted(signal);
  progress(READ_SHARE, "match");
  await yieldToEventLoop();

  const t0 = performance.now();
  const result = matcher.run();
  const matchMs = performance.now() - t0;
  throwIfAborted(signal);
  progress(0.97, "report");
  const open = { length: matcher.openItems };
  const cleared = { length: matcher.clearedItems };

  const parts = { asOf, bank, ledger, customers, openItems: open.length };
  const report = paymentsReport(parts, result, lang, input.detail);
  const warnings: Warning[] = [...bank.warnings, ...ledger.warnings];
  if (customers) {
    warnings.push(...customers.warnings);
    warnings.push(...asWarnings(customers.kind, customers.rejected));
    for (const s of result.sharedIdentifiers) {
      const how = `payments.how.${s.how}` as const;
      warnings.push({ kind: "customers", problem: { code: "payments.warn.shared", params: { "how.es": message("es", how), "how.en": message("en", how), value: s.value, customers: s.customers.join(", ") } } });
    }
  }
  progress(1, "report");
  return {
    result,
    report,
    asOf,
    policy,
    lines,
    bank,
    ledger: { ...ledger, open: open.length, cleared: cleared.length, notOpen },
    customers,
    warnings,
    matchMs,
    openInvoices: (customer) => matcher.openInvoices(customer),
    customerList: () => matcher.customerList(),
  };
}

function paymentsReport(job: Pick<PaymentsJobOutput, "asOf" | "bank" | "customers"> & { ledger: TableRead; openItems: number }, result: PaymentsResult, lang: Lang, detail?: boolean): Report {
  return buildPaymentsReport({
    result,
    lang,
    asOf: job.asOf,
    bankSource: job.bank.label,
    ledgerSource: job.ledger.label,
    openItems: job.openItems,
    customersInMaster: job.customers?.records.length,
    rejected: { bank: job.bank.rejected, ledger: job.ledger.rejected, customers: job.customers?.rejected },
    detail,
  });
}

/**
 * The analyst's review, after the job (the pane's Pagos section): the decisions applied to the
 * job's result (`core/reconcile/payments/review.ts`) and the same Report built from what was
 * decided. Nothing is read again; the job's open items stay where the matcher indexed them.
 */
export function reviewPaymentsJob(job: PaymentsJobOutput, decisions: ReadonlyMap<number, PaymentDecision>, lang: Lang): PaymentsReview & { report: Report } {
  const review = reviewPayments({ result: job.result, decisions, lines: job.lines, policy: job.policy });
  return { ...review, report: paymentsReport({ ...job, openItems: job.ledger.open }, review.result, lang) };
}

/**
 * The command line's `--json` contract (README): amounts in currency units, dates
 * `YYYY-MM-DD`, `bankLine` the 1-based position among the statement's data rows after the
 * header, `documents` ledger document numbers. Every key of the example is there;
 * the rest (applied detail, review lists, rows) are additions.
 */
export function paymentsJson(job: PaymentsJobOutput, lang: Lang): unknown {
  const r = job.result;
  const iso = (d: CivilDay | null | undefined) => (d === null || d === undefined ? null : formatIsoDate(d));
  const s = r.stats;
  const unit = (rec: Record<string, number>) => Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, toUnits(v)]));
  const b = job.bank.stats;
  return {
    asOf: iso(job.asOf),
    currency: r.currency,
    matches: r.matches.map((m) => ({
      bankLine: m.bankLine,
      date: iso(m.line.date),
      customer: m.customer,
      name: m.customerName,
      documents: m.applied.map((a) => a.item.documentNumber),
      applied: m.applied.map((a) => ({ document: a.item.documentNumber, reference: a.item.reference, amount: toUnits(a.applied), residual: toUnits(a.residual) })),
      amount: toUnits(m.amount),
      difference: toUnits(m.difference),
      ...(m.adjustment ? { differenceTo: { kind: m.adjustment.kind, account: m.adjustment.account, amount: toUnits(m.adjustment.amount) } } : {}),
      leftover: toUnits(m.leftover),
      rule: m.rule,
      evidence: evidenceText(m.evidence, lang),
      ...(m.reversedBy !== undefined ? { reversedBy: m.reversedBy } : {}),
    })),
    unmatched: r.unmatched.map((u) => ({
      bankLine: u.bankLine,
      date: iso(u.line.date),
      description: u.line.description,
      amount: toUnits(u.amount),
      reason: describe(u.reason, lang),
      ...(u.customer ? { customer: u.customer } : {}),
      suggestions: u.suggestions.map((x) => ({ customer: x.customer, documents: x.documents.map((d) => d.documentNumber), amount: toUnits(x.openTotal), difference: toUnits(x.difference), rule: x.rule, evidence: evidenceText(x.evidence, lang) })),
    })),
    duplicates: r.duplicates.map((d) => ({ bankLines: d.bankLines, date: iso(d.date), amount: toUnits(d.amount), reason: message(lang, "payments.duplicates.reason", { lines: d.bankLines.join(", ") }) })),
    doublePayments: r.doublePayments.map((d) => ({
      bankLine: d.bankLine,
      kind: d.kind,
      document: d.document,
      customer: d.customer,
      amount: toUnits(d.amount),
      ...(d.kind === "alreadyCleared" ? { clearedOn: iso(d.clearingDate) } : { earlierBankLine: d.earlierBankLine }),
    })),
    returnedCheques: r.returnedCheques.map((c) => ({ bankLine: c.bankLine, date: iso(c.date), reverses: c.reverses, candidates: c.candidates, customer: c.customer, amount: toUnits(c.amount), indemnity: toUnits(c.indemnity) })),
    reversals: r.reversals.map((c) => ({ bankLine: c.bankLine, date: iso(c.date), reverses: c.reverses, candidates: c.candidates, customer: c.customer, amount: toUnits(c.amount) })),
    unapplied: r.unapplied.map((u) => ({ customer: u.customer, name: u.customerName, currency: u.currency, leftover: toUnits(u.leftover), unapplied: toUnits(u.unapplied), total: toUnits(u.total), bankLines: u.bankLines })),
    fees: r.fees.map((f) => ({ bankLine: f.bankLine, date: iso(f.date), amount: toUnits(f.amount), description: f.description })),
    stats: {
      deposits: s.deposits,
      matched: s.matched,
      unmatched: s.unmatched,
      autoMatchRate: Math.round(s.autoMatchRate * 10000) / 10000,
      byRule: s.byRule,
      amountByRule: unit(s.amountByRule),
      depositAmount: toUnits(s.depositAmount),
      matchedAmount: toUnits(s.matchedAmount),
      unmatchedAmount: toUnits(s.unmatchedAmount),
      lines: s.lines,
      charges: s.charges,
      zeroLines: s.zeroLines,
    },
    rejected: {
      bank: job.bank.rejected.map((x) => ({ row: x.row, column: x.column, value: x.value, reason: describe(x.problem, lang) })),
      ledger: job.ledger.rejected.map((x) => ({ row: x.row, column: x.column, value: x.value, reason: describe(x.problem, lang) })),
    },
    warnings: job.warnings.map((w) => ({ table: w.kind, ...(w.row !== undefined ? { row: w.row } : {}), ...(w.column !== undefined ? { column: w.column } : {}), ...(w.value !== undefined ? { value: w.value } : {}), reason: describe(w.problem, lang) })),
    rows: {
      bank: { headerRow: b.headerRow, lines: s.lines, rejected: b.rejectedRows, blankRows: b.blankRows, repeatedHeaders: b.repeatedHeaders, lastRow: b.lastRow },
      ledger: { headerRow: job.ledger.stats.headerRow, items: job.ledger.stats.records, open: job.ledger.open, cleared: job.ledger.cleared, notOpen: job.ledger.notOpen, rejected: job.ledger.stats.rejectedRows, subtotalRows: job.ledger.stats.subtotalRows },
    },
  };
}
