import type { ReadOptions, SourcePreview, Progress } from "../jobs/source";
import type { Report } from "../core/report/report";

export { CancelledError, chunkRowNumber, isCancelled, throwIfAborted, yieldToEventLoop } from "../jobs/source";
export type { GridChunk, Progress, ReadOptions, SourcePreview } from "../jobs/source";

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

/**
 * A list Cartera keeps in the workbook and only ever adds rows to: the send journal
 * (`Cartera envíos`), the promises to pay (`Compromisos`). Rows are text.
 */
export interface ListSpec {
  /** Stable identity (`journal`, `promises`): the sheet is found by it, whatever its name now. */
  id: string;
  /** The sheet's name when it is created (`Cartera envíos`). */
  name: string;
  /** Header row written when the list is created. */
  header: readonly string[];
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
  /** Every row of a list, its header first; [] when it does not exist yet. */
  readList(list: ListSpec): Promise<string[][]>;
  /**
   * Adds rows below the list's last row (creating it, with its header, when needed) and
   * resolves once they are stored. Excel: a visible sheet. Browser: the session (and any
   * workbook downloaded afterwards).
   */
  appendList(list: ListSpec, rows: readonly (readonly string[])[]): Promise<void>;
}
