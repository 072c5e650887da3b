import type { ColumnMapping } from "../core/tables/columns";
import type { DateSystem } from "../core/dates";
import type { Row } from "../core/grid";

/**
 * The one way a job reads a table, whoever holds it: the command line streams a file, the
 * task pane reads an Excel range or a file parsed in a Web Worker. A source shows its first
 * rows (to find the header), then hands over every row in chunks with the row numbers the
 * user sees, reporting progress and stopping on cancel.
 */
export interface TableSource {
  preview(): Promise<SourcePreview>;
  read(options: ReadOptions): Promise<void>;
  /** The header row and mapping a person checked (the pane); without it the job detects them. */
  table?: { headerRow: number; mapping: ColumnMapping };
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
  /** Rows a file reader already dropped before the job saw them (blank lines, repeated headers). */
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
