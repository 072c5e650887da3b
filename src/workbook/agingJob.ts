import { age, type AgingBasis, type AgingResult } from "../core/aging/aging";
import { buildAgingReport } from "../core/aging/agingReport";
import { CUSTOMER_SPEC, CustomerMaster, customerRow, masterAgingOptions, type Customer } from "../core/tables/customers";
import type { CivilDay } from "../core/dates";
import { LEDGER_SPEC, ledgerRow, type LedgerItem } from "../core/tables/ledger";
import type { Lang } from "../core/messages";
import type { Report } from "../core/report/report";
import type { TableSpec } from "../core/tables/columns";
import type { Row } from "../core/grid";
import { TableReader, type Rejection, type RowContext, type RowOutcome, type TableReadStats } from "../core/tables/table";
import type { DetectedTable } from "./mapping";
import { chunkRowNumber, throwIfAborted, yieldToEventLoop, type SourcePreview, type SourceRef, type WorkbookPort, type WriteResult } from "./port";

/**
 * Aging from a workbook source, the way the command line's `runAging` does it from a file:
 * rows → ledger items (the user's mapping) → `age` → `buildAgingReport` → the port writes it.
 * An optional customer master (`--customers`) is read first through the same port and the same
 * TableReader, with CUSTOMER_SPEC. Only orchestration lives here (chunks, progress, cancel);
 * every decision is core's.
 */
export type JobPhase = "read" | "age" | "write";

/** A source read as a table of some kind: where it is, its first rows, and its header and mapping. */
export interface TableInput {
  source: SourceRef;
  preview: SourcePreview;
  table: DetectedTable;
}

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
}

const READ_SHARE = 0.6;
const AGE_SHARE = 0.05;

export async function runAgingJob(input: AgingJobInput): Promise<AgingJobResult> {
  const { port, source, preview, table, signal, lang } = input;
  const progress = input.onProgress ?? (() => undefined);
  const items: LedgerItem[] = [];
  const options = { defaultCurrency: input.currency ?? "MXN" };
  const reader = new TableReader<LedgerItem>(LEDGER_SPEC, (row, n, ctx) => ledgerRow(row, n, ctx, options), (item) => items.push(item), {
    dateSystem: preview.dateSystem,
    lang,
    mapping: table.mapping,
    headerRow: table.headerRow,
  });

  progress(0, "read");
  let master: CustomerMaster | undefined;
  let masterRejected: Rejection[] = [];
  // The master's share of the reading, by rows (it is usually far smaller than the ledger).
  const masterShare = input.master ? READ_SHARE * (input.master.preview.totalRows / Math.max(1, input.master.preview.totalRows + preview.totalRows)) : 0;
  if (input.master) {
    const read = await readTable<Customer>(port, input.master, CUSTOMER_SPEC, customerRow, lang, signal, (f) => progress(masterShare * f, "read"));
    master = new CustomerMaster(read.records);
    masterRejected = read.rejected;
  }
  await port.readGrid(source, {
    signal,
    onProgress: (p) => progress(masterShare + (READ_SHARE - masterShare) * (p.total ? p.done / p.total : 1), "read"),
    onChunk: (chunk) => {
      for (let i = 0; i < chunk.rows.length; i++) reader.push(chunk.rows[i], chunkRowNumber(chunk, i));
    },
  });
  reader.finish(preview.label);
  throwIfAborted(signal);

  progress(READ_SHARE, "age");
  await yieldToEventLoop();
  const result = age(items, { asOf: input.asOf, edges: input.edges, basis: input.basis, ...masterAgingOptions(master) });
  const dropped = preview.dropped ?? { blankRows: 0, repeatedHeaders: 0 };
  const skipped = {
    subtotalRows: reader.stats.subtotalRows,
    blankRows: reader.stats.blankRows + dropped.blankRows,
    repeatedHeaders: reader.stats.repeatedHeaders + dropped.repeatedHeaders,
  };
  const report = buildAgingReport({ result, items, rejected: reader.rejected, source: preview.label, lang, master, skipped });
  throwIfAborted(signal);
  progress(READ_SHARE + AGE_SHARE, "write");
  await yieldToEventLoop();

  let written: WriteResult | undefined;
  if (input.write !== false) {
    written = await port.writeReport(report, {
      family: "aging",
      signal,
      fileName: input.fileName,
      onProgress: (p) => progress(READ_SHARE + AGE_SHARE + (1 - READ_SHARE - AGE_SHARE) * (p.total ? p.done / p.total : 1), "write"),
    });
  }
  progress(1, "write");
  return { result, report, rejected: reader.rejected, stats: { ...reader.stats, ...skipped }, items: items.length, written, master, masterRejected };
}

/** Every record of a source, read in chunks through the port with the table's mapping. */
async function readTable<T>(
  port: WorkbookPort,
  input: TableInput,
  spec: TableSpec,
  convert: (row: Row, rowNumber: number, ctx: RowContext) => RowOutcome<T> | null,
  lang: Lang,
  signal: AbortSignal | undefined,
  onFraction: (fraction: number) => void,
): Promise<{ records: T[]; rejected: Rejection[] }> {
  const records: T[] = [];
  const reader = new TableReader<T>(spec, convert, (r) => records.push(r), {
    dateSystem: input.preview.dateSystem,
    lang,
    mapping: input.table.mapping,
    headerRow: input.table.headerRow,
  });
  await port.readGrid(input.source, {
    signal,
    onProgress: (p) => onFraction(p.total ? p.done / p.total : 1),
    onChunk: (chunk) => {
      for (let i = 0; i < chunk.rows.length; i++) reader.push(chunk.rows[i], chunkRowNumber(chunk, i));
    },
  });
  reader.finish(input.preview.label);
  throwIfAborted(signal);
  return { records, rejected: reader.rejected };
}
