import type { TableSpec } from "../core/columns";
import type { DateSystem } from "../core/dates";
import type { Row } from "../core/grid";
import type { Report } from "../core/report";
import { MAX_CHUNK_ROWS, spans } from "./chunks";
import {
  throwIfAborted,
  yieldToEventLoop,
  type ReadOptions,
  type SettingsRecord,
  type SourcePreview,
  type SourceRef,
  type WorkbookPort,
  type WriteOptions,
  type WriteResult,
} from "./port";

type FileIo = typeof import("./fileIo");

/**
 * The workbook port in a plain browser (no Office host): the user opens a file (.xlsx, .csv,
 * .txt), which `readTableBytes` reads exactly as the command line does, and results are
 * downloaded as an .xlsx made by the same writer as `cartera aging --out`. Settings stay in
 * the browser's localStorage, since there is no workbook to keep them in.
 */
export interface FileWorkbookOptions {
  /** Hands the result file to the user: a download in the browser, captured in tests. */
  save: (bytes: Uint8Array, fileName: string) => void;
  /** localStorage in the browser; null where there is none. */
  storage?: Pick<Storage, "getItem" | "setItem"> | null;
  /** Loads the readers and writer (exceljs) on first use. */
  io?: () => Promise<FileIo>;
}

interface OpenFile {
  ref: SourceRef;
  /** The header row first, then the data rows the reader kept, with their source row numbers. */
  rows: Row[];
  rowNumbers: number[];
  dateSystem: DateSystem;
  dropped: { blankRows: number; repeatedHeaders: number };
}

export const SETTINGS_STORAGE_KEY = "cartera.settings.v1";

export class FileWorkbook implements WorkbookPort {
  readonly mode = "standalone" as const;
  private readonly files = new Map<string, OpenFile>();
  private readonly io: () => Promise<FileIo>;

  constructor(private readonly options: FileWorkbookOptions) {
    this.io = options.io ?? (() => import(/* webpackChunkName: "files" */ "./fileIo"));
  }

  /**
   * Reads a file the user picked. The file's own reader finds the header (the same synonyms,
   * title lines skipped); the rows are kept raw so a corrected mapping can be applied at run
   * time. Throws InputError with the reader's message for an empty, binary, encrypted or
   * headerless file.
   */
  async open(bytes: Uint8Array, fileName: string, spec: TableSpec): Promise<SourceRef> {
    const io = await this.io();
    const rows: Row[] = [];
    const rowNumbers: number[] = [];
    const { reader, info } = await io.readTableBytes<never>(
      bytes,
      fileName,
      spec,
      (row, n) => {
        // Copied: a reader may reuse its row array for the next line.
        rows.push(row.slice());
        rowNumbers.push(n);
        return null;
      },
      () => undefined,
    );
    const header: Row = reader.headers.slice();
    const key = `file:${fileName}`;
    const ref: SourceRef = {
      kind: "file",
      key,
      label: info.sheet ? `${fileName} (${info.sheet})` : fileName,
      sheet: info.sheet,
      rows: rows.length + 1,
      columns: header.length,
      preferred: true,
    };
    for (const f of this.files.values()) f.ref.preferred = false;
    this.files.set(key, {
      ref,
      rows: [header, ...rows],
      rowNumbers: [reader.stats.headerRow, ...rowNumbers],
      dateSystem: info.dateSystem,
      dropped: { blankRows: reader.stats.blankRows, repeatedHeaders: reader.stats.repeatedHeaders },
    });
    return ref;
  }

  private file(source: SourceRef): OpenFile {
    const f = this.files.get(source.key);
    if (!f) throw new Error(`not open: ${source.key}`);
    return f;
  }

  async listSources(): Promise<SourceRef[]> {
    return [...this.files.values()].map((f) => f.ref);
  }

  async preview(source: SourceRef, rows: number): Promise<SourcePreview> {
    const f = this.file(source);
    return {
      rows: f.rows.slice(0, rows),
      rowNumbers: f.rowNumbers.slice(0, rows),
      firstRow: f.rowNumbers[0],
      dateSystem: f.dateSystem,
      totalRows: f.rows.length,
      label: f.ref.label,
      dropped: f.dropped,
    };
  }

  async readGrid(source: SourceRef, options: ReadOptions): Promise<void> {
    const f = this.file(source);
    for (const [start, n] of spans(f.rows.length, MAX_CHUNK_ROWS)) {
      throwIfAborted(options.signal);
      await options.onChunk({ rows: f.rows.slice(start, start + n), rowNumbers: f.rowNumbers.slice(start, start + n), firstRow: f.rowNumbers[start] });
      options.onProgress?.({ done: start + n, total: f.rows.length });
      await yieldToEventLoop();
    }
  }

  async writeReport(report: Report, options: WriteOptions): Promise<WriteResult> {
    throwIfAborted(options.signal);
    const io = await this.io();
    const bytes = await io.reportToXlsxBuffer(report);
    throwIfAborted(options.signal);
    const fileName = options.fileName ?? `${report.title}.xlsx`;
    this.options.save(bytes, fileName);
    return { sheets: report.sheets.map((s) => s.name), download: { fileName, bytes } };
  }

  async loadSettings(): Promise<SettingsRecord> {
    try {
      const text = this.options.storage?.getItem(SETTINGS_STORAGE_KEY);
      const parsed: unknown = text ? JSON.parse(text) : {};
      if (!parsed || typeof parsed !== "object") return {};
      return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).filter(([, v]) => typeof v === "string")) as SettingsRecord;
    } catch {
      // Private browsing or a corrupt entry: start from defaults rather than fail.
      return {};
    }
  }

  async saveSettings(values: SettingsRecord): Promise<void> {
    const current = await this.loadSettings();
    for (const [k, v] of Object.entries(values)) {
      if (v === "") delete current[k];
      else current[k] = v;
    }
    try {
      this.options.storage?.setItem(SETTINGS_STORAGE_KEY, JSON.stringify(current));
    } catch {
      // Storage full or disabled: settings are a convenience, the run itself succeeded.
    }
  }

  async selectCell(): Promise<boolean> {
    return false;
  }
}
