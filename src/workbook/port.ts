import type { DateSystem } from "../core/dates";
import type { Row } from "../core/grid";
import type { Report } from "../core/report/report";

/**
 * The one workbook interface the task pane talks to. Two adapters implement it: Excel through
 * Office.js (src/office/excelWorkbook.ts) and a file opened in a plain browser
 * (src/workbook/fileWorkbook.ts). Panels never know which one they hold, so there is no
 * second implementation of any panel.
 */

/** Where a table can be read from. */
export type SourceKind = "table" | "sheet" | "selection" | "file";

export interface SourceRef {
  kind: SourceKind;
  /** Stable across sessions (saved in settings to pick the same source next time). */
  key: string;
  /** Shown in the source picker. */
  label: string;
  /** Worksheet holding it (Excel) or the sheet a file was read from. */
  sheet?: string;
  /** A1 address of the whole source, sheet-qualified, when it lives in Excel. */
  address?: string;
  rows: number;
  columns: number;
  /** The adapter's suggestion: the table holding the active cell, the file just opened. */
  preferred?: boolean;
}

/**
 * A run of consecutive rows of a source. `rowNumbers` is present when the rows are not
 * consecutive in the source (a file whose title and blank lines were dropped); otherwise row i
 * is source row `firstRow + i`. Row numbers are what the user sees: Excel's row numbers, or
 * the line of a text file.
 */
export interface GridChunk {
  rows: Row[];
  firstRow: number;
  rowNumbers?: readonly number[];
}

/** The first rows of a source: enough to find the header and show the mapping. */
export interface SourcePreview extends GridChunk {
  dateSystem: DateSystem;
  /** Rows in the whole source, for progress. */
  totalRows: number;
  /** A name for messages: the file, or `Sheet!A1:T200`. */
  label: string;
  /** Rows a file reader already dropped before the pane saw them (blank lines, repeated headers). */
  dropped?: { blankRows: number; repeatedHeaders: number };
}

export interface Progress {
  /** Rows or cells done, in the unit of `total`. */
  done: number;
  total: number;
}

export interface ReadOptions {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** Receives the rows in order; may be async (the next chunk waits for it). */
  onChunk: (chunk: GridChunk) => void | Promise<void>;
}

export interface WriteOptions {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /**
   * The kind of result ("aging", "reconciliation"…): a new report replaces every sheet this
   * family wrote before, and only those.
   */
  family: string;
  /** Suggested file name when the adapter downloads a file. */
  fileName?: string;
}

export interface WriteResult {
  /** Sheet names as written (Excel may need `Resumen (2)` when the user has a `Resumen`). */
  sheets: string[];
  /** The standalone adapter's download, kept for a "download again" button. */
  download?: { fileName: string; bytes: Uint8Array };
}

/** Flat key → text settings: readable in a worksheet by an auditor, and in localStorage. */
export type SettingsRecord = Record<string, string>;

export interface WorkbookPort {
  readonly mode: "excel" | "standalone";
  /** Sources the user can pick from, the preferred one flagged. */
  listSources(): Promise<SourceRef[]>;
  preview(source: SourceRef, rows: number): Promise<SourcePreview>;
  /** Reads the whole source in chunks, yielding to the event loop between them. */
  readGrid(source: SourceRef, options: ReadOptions): Promise<void>;
  /** Writes a Report as new sheets (Excel) or a downloaded workbook (standalone). */
  writeReport(report: Report, options: WriteOptions): Promise<WriteResult>;
  loadSettings(): Promise<SettingsRecord>;
  /** Merges `values` into the stored settings (a key with value "" is removed). */
  saveSettings(values: SettingsRecord): Promise<void>;
  /**
   * Puts the cursor on a cell of the source: `row` is the source row number (as in a
   * Rejection), `columnIndex` 0-based within the source. False when the adapter cannot
   * (a file has no cursor).
   */
  selectCell(source: SourceRef, row: number, columnIndex: number): Promise<boolean>;
}

/** The user pressed Cancel. Panels show "cancelled", never an error. */
export class CancelledError extends Error {
  constructor() {
    super("cancelled");
    this.name = "CancelledError";
  }
}

export function isCancelled(e: unknown): boolean {
  return e instanceof CancelledError || (e instanceof Error && e.name === "AbortError");
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/**
 * Lets the browser paint and handle clicks (the Cancel button) between chunks of work. A
 * macrotask, not a microtask: awaiting a resolved promise would keep the event loop busy. Not
 * `scheduler.yield()` either: its continuation goes ahead of other waiting tasks, and the
 * point here is to let them (timers, Office.js messages) run.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Row number in the source of row `i` of a chunk. */
export function chunkRowNumber(chunk: GridChunk, i: number): number {
  return chunk.rowNumbers ? chunk.rowNumbers[i] : chunk.firstRow + i;
}
