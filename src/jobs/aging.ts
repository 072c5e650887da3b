import { age, isOpenAt, type AgingBasis, type AgingResult } from "../core/aging/aging";
import { buildAgingReport } from "../core/aging/agingReport";
import { customerKind, CustomerMaster, masterAgingOptions } from "../core/tables/customers";
import { TERMS_KIND } from "../core/tables/terms";
import { TermsTable } from "../core/terms";
import { formatIsoDate, type CivilDay } from "../core/dates";
import { ledgerKind, type LedgerItem } from "../core/tables/ledger";
import { describe, type Lang } from "../core/messages";
import { toUnits } from "../core/money";
import type { Report } from "../core/report/report";
import { asWarnings, readAll, readTable, rowsOf, type TableRead, type Warning } from "./read";
import { throwIfAborted, yieldToEventLoop, type TableSource } from "./source";

/**
 * The aging job, for every door: the command line (files streamed from disk) and the task
 * pane (Excel ranges, or files parsed in a Web Worker) hand it table sources and get back the
 * typed result and its Report; each door then writes the Report its own way.
 */
export type AgingPhase = "read" | "age";

export interface AgingJobInput {
  ledger: TableSource;
  /** The customer master: names, payment terms, plaza and credit limit. */
  customers?: TableSource;
  /** The installation's terms of payment (key → net days and discounts). */
  terms?: TableSource;
  asOf: CivilDay;
  edges: readonly number[];
  basis: AgingBasis;
  lang: Lang;
  /** Currency of a ledger without a currency column. */
  currency?: string;
  /** Keep the detail rows in the Report (false when only the summary will be shown). */
  detail?: boolean;
  signal?: AbortSignal;
  /** Fraction done (0..1) and the phase it is in. */
  onProgress?: (fraction: number, phase: AgingPhase) => void;
}

export interface AgingJobOutput {
  result: AgingResult;
  report: Report;
  /** The items open at the key date, aligned with the result's per-item arrays. */
  items: LedgerItem[];
  ledger: TableRead;
  customers?: TableRead & { master: CustomerMaster };
  /** Everything worth a look that did not stop the job (master rows not used, weak headings). */
  warnings: Warning[];
}

/** Reading takes most of a run; aging itself a blink. */
const READ_SHARE = 0.95;

export async function runAgingJob(input: AgingJobInput): Promise<AgingJobOutput> {
  const { lang, signal } = input;
  const progress = input.onProgress ?? (() => undefined);
  progress(0, "read");

  const warnings: Warning[] = [];
  let terms: TermsTable | undefined;
  if (input.terms) {
    const { records, read } = await readAll(input.terms, TERMS_KIND, { lang, signal });
    terms = new TermsTable(records);
    warnings.push(...read.warnings);
    warnings.push(...asWarnings(read.kind, read.rejected));
    for (const c of terms.conflicts) warnings.push({ kind: read.kind, value: c.key, problem: { code: "terms.duplicateKey", params: { value: c.key, rows: c.rows.join(", ") } } });
  }

  let customers: AgingJobOutput["customers"];
  const masterShare = input.customers ? 0.1 : 0;
  if (input.customers) {
    const { records, read } = await readAll(input.customers, customerKind(terms), { lang, signal, onFraction: (f) => progress(READ_SHARE * masterShare * f, "read") });
    customers = { ...read, master: new CustomerMaster(records) };
  }

  // Items cleared before the key date (often most of an export) are counted, not kept:
  // holding them would only grow the heap the collector walks.
  const items: LedgerItem[] = [];
  let notOpen = 0;
  const asOf = input.asOf;
  const ledger = await readTable(input.ledger, ledgerKind({ defaultCurrency: input.currency ?? "MXN", terms }), {
    lang,
    signal,
    emit: (item) => (isOpenAt(item, asOf) ? items.push(item) : notOpen++),
    onFraction: (f) => progress(READ_SHARE * (masterShare + (1 - masterShare) * f), "read"),
  });
  throwIfAborted(signal);

  progress(READ_SHARE, "age");
  await yieldToEventLoop();
  const master = customers?.master;
  const result = age(items, { asOf, edges: input.edges, basis: input.basis, ...masterAgingOptions(master) });
  result.notOpenAtKeyDate += notOpen;
  const report = buildAgingReport({
    result,
    items: input.detail === false ? [] : items,
    rejected: ledger.rejected,
    source: ledger.label,
    lang,
    master,
    skipped: ledger.stats,
  });
  throwIfAborted(signal);
  progress(1, "age");
  warnings.push(...ledger.warnings);
  if (customers) {
    warnings.push(...customers.warnings);
    warnings.push(...asWarnings(customers.kind, customers.rejected));
  }
  return { result, report, items, ledger, customers, warnings };
}

/**
 * The command line's `--json` contract (README), as a view of the job's output: amounts in
 * currency units, exact to the centavo. `warnings` and `rows` are additions: what did not stop
 * the run, and how every row of the ledger was accounted for.
 */
export function agingJson(job: AgingJobOutput, lang: Lang): unknown {
  const { result, ledger } = job;
  const totals = (cur: string) => {
    const t = result.totalsByCurrency.get(cur)!;
    return { buckets: t.buckets.map(toUnits), total: toUnits(t.total), overdue: toUnits(t.overdue) };
  };
  const currencies = [...result.totalsByCurrency.keys()];
  const out: Record<string, unknown> = {
    asOf: formatIsoDate(result.asOf),
    basis: result.basis,
    buckets: result.labels,
    customers: result.customers.map((c) => ({
      customer: c.customer,
      name: c.name,
      currency: c.currency,
      buckets: c.buckets.map(toUnits),
      total: toUnits(c.total),
      overdue: toUnits(c.overdue),
      unappliedCredits: toUnits(c.unappliedCredits),
      maxDaysPastDue: c.maxDaysPastDue,
      items: c.items,
    })),
  };
  if (currencies.length <= 1) {
    out.totals = currencies.length ? totals(currencies[0]) : { buckets: result.labels.map(() => 0), total: 0, overdue: 0 };
  } else {
    out.totalsByCurrency = Object.fromEntries(currencies.map((c) => [c, totals(c)]));
  }
  out.rejected = ledger.rejected.map((r) => ({ row: r.row, column: r.column, value: r.value, reason: describe(r.problem, lang) }));
  out.warnings = job.warnings.map((w) => ({ table: w.kind, row: w.row, column: w.column, value: w.value, reason: describe(w.problem, lang) }));
  const s = ledger.stats;
  out.skipped = { subtotalRows: s.subtotalRows, notOpenAtKeyDate: result.notOpenAtKeyDate, blankRows: s.blankRows, repeatedHeaders: s.repeatedHeaders };
  const { records, ...rows } = rowsOf(s);
  out.rows = { ...rows, items: records, open: records - result.notOpenAtKeyDate };
  return out;
}
