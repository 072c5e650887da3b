import type { AgingBasis, AgingResult } from "../core/aging/aging";
import type { CustomerMaster } from "../core/tables/customers";
import type { CivilDay } from "../core/dates";
import type { Lang } from "../core/messages";
import type { Report } from "../core/report/report";
import type { Rejection, TableReadStats } from "../core/tables/table";
import { runAgingJob as runJob } from "../jobs/aging";
import type { DetectedTable } from "./mapping";
import { portSource, type TableInput } from "./portSource";
import { throwIfAborted, yieldToEventLoop, type SourcePreview, type SourceRef, type WorkbookPort, type WriteResult } from "./port";

export type { TableInput } from "./portSource";

/**
 * The pane's door to the aging job (src/jobs/aging.ts): workbook sources in, the job's Report
 * written through the port (Excel sheets, or a downloaded workbook in a browser). It decides
 * nothing: the job does.
 */
export type JobPhase = "read" | "age" | "write";

export interface AgingJobInput {
  port: WorkbookPort;
  source: SourceRef;
  preview: SourcePreview;
  table: DetectedTable;
  asOf: CivilDay;
  edges: readonly number[];
  basis: AgingBasis;
  lang: Lang;
  /** Currency of a ledger without a currency column. */
  currency?: string;
  signal?: AbortSignal;
  /** Overall fraction done (0..1) and the phase it is in. */
  onProgress?: (fraction: number, phase: JobPhase) => void;
  /** False to compute without writing (the pane's preview of totals in tests). */
  write?: boolean;
  fileName?: string;
  /** The customer master: names, payment terms, plaza and credit limit. */
  master?: TableInput;
}

export interface AgingJobResult {
  result: AgingResult;
  report: Report;
  rejected: Rejection[];
  stats: TableReadStats;
  items: number;
  written?: WriteResult;
  /** The customers read from the master (absent without one). */
  master?: CustomerMaster;
  /** Master rows that could not be used: warnings, the aging goes on without them. */
  masterRejected: Rejection[];
  /** What the ledger's reading noticed without stopping (column decisions, weak headings, unknown terms). */
  ledgerWarnings: Rejection[];
}

/** Reading and aging take this share of a run; writing the result sheets the rest. */
const JOB_SHARE = 0.65;

export async function runAgingJob(input: AgingJobInput): Promise<AgingJobResult> {
  const { port, signal } = input;
  const progress = input.onProgress ?? (() => undefined);
  const job = await runJob({
    ledger: portSource(port, input),
    customers: input.master ? portSource(port, input.master) : undefined,
    asOf: input.asOf,
    edges: input.edges,
    basis: input.basis,
    lang: input.lang,
    currency: input.currency,
    signal,
    onProgress: (f, phase) => progress(JOB_SHARE * f, phase),
  });
  throwIfAborted(signal);
  progress(JOB_SHARE, "write");
  await yieldToEventLoop();
  let written: WriteResult | undefined;
  if (input.write !== false) {
    written = await port.writeReport(job.report, {
      family: "aging",
      signal,
      fileName: input.fileName,
      onProgress: (p) => progress(JOB_SHARE + (1 - JOB_SHARE) * (p.total ? p.done / p.total : 1), "write"),
    });
  }
  progress(1, "write");
  return {
    result: job.result,
    report: job.report,
    rejected: job.ledger.rejected,
    stats: job.ledger.stats,
    items: job.items.length,
    written,
    master: job.customers?.master,
    masterRejected: job.customers?.rejected ?? [],
    ledgerWarnings: job.warnings
      .filter((w) => w.kind === "ledger")
      .map((w) => ({ row: w.row ?? 0, column: w.column ?? "", columnIndex: w.columnIndex ?? 0, value: w.value ?? "", problem: w.problem })),
  };
}
