import type { TableSpec } from "../core/tables/columns";
import type { Report } from "../core/report/report";
import { MAX_CHUNK_ROWS, spans } from "../report/chunks";
import type { CapturedTable, FileIo } from "./fileIo";
import {
  throwIfAborted,
  yieldToEventLoop,
  type ReadOptions,
  type SettingsRecord,
  type SourcePreview,
  type SourceRef,
  type ListSpec,
  type WorkbookPort,
  type WriteOptions,
  type WriteResult,
} from "./port";

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
  /**
   * Reading and writing files: the pane passes a Web Worker's; by default the file readers
   * are loaded on first use and run in-thread.
   */
  io?: FileIo;
  /**
   * sessionStorage in the browser: the lists Cartera appends to (the send journal, the
   * promises) live for the browser session, as the workbook would keep them in Excel.
   */
  session?: Pick<Storage, "getItem" | "setItem"> | null;
}

interface OpenFile {
  ref: SourceRef;
  table: CapturedTable;
}

export const SETTINGS_STORAGE_KEY = "cartera.settings.v1";
/** sessionStorage key of a list (`cartera.list.v1.journal`). */
export const LIST_STORAGE_PREFIX = "cartera.list.v1.";

export class FileWorkbook implements WorkbookPort {
  readonly mode = "standalone" as const;
  private readonly files = new Map<string, OpenFile>();
  private readonly io: FileIo;
  private readonly lists = new Map<string, string[][]>();

  constructor(private readonly options: FileWorkbookOptions) {
    this.io = options.io ?? lazyInThreadIo();
  }

  /**
   * Reads a file the user picked. The file's own reader finds the header (the same synonyms,
   * title lines skipped); the rows are kept raw so a corrected mapping can be applied at run
   * time. Throws InputError with the reader's message for an empty, binary, encrypted or
   * headerless file.
   *
   * `slot` names a file that plays another part than the data source (the customer master):
   * it gets its own key (`file:customers:clientes.csv`), replaces the previous file of that
   * slot, and is never the preferred source.
   */
  async open(bytes: Uint8Array, fileName: string, spec: TableSpec, signal?: AbortSignal, slot?: string): Promise<SourceRef> {
    const table = await this.io.readTable(bytes, fileName, spec, signal);
    const prefix = slot ? `file:${slot}:` : "file:";
    const key = `${prefix}${fileName}`;
    const ref: SourceRef = {
      kind: "file",
      key,
      label: table.sheet ? `${fileName} (${table.sheet})` : fileName,
      sheet: table.sheet,
      rows: table.rows.length,
      columns: table.rows[0]?.length ?? 0,
      preferred: !slot,
    };
    if (slot) {
      for (const k of [...this.files.keys()]) if (k.startsWith(prefix)) this.files.delete(k);
    } else {
      for (const f of this.files.values()) f.ref.preferred = false;
    }
    this.files.set(key, { ref, table });
    return ref;
  }

  /** Forgets an opened file (the user removed the customer master). */
  close(source: SourceRef): void {
    this.files.delete(source.key);
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
    const { ref, table } = this.file(source);
    return {
      rows: table.rows.slice(0, rows),
      rowNumbers: table.rowNumbers.slice(0, rows),
      firstRow: table.rowNumbers[0],
      dateSystem: table.dateSystem,
      totalRows: table.rows.length,
      label: ref.label,
      dropped: table.dropped,
    };
  }

  async readGrid(source: SourceRef, options: ReadOptions): Promise<void> {
    const { rows, rowNumbers } = this.file(source).table;
    for (const [start, n] of spans(rows.length, MAX_CHUNK_ROWS)) {
      throwIfAborted(options.signal);
      await options.onChunk({ rows: rows.slice(start, start + n), rowNumbers: rowNumbers.slice(start, start + n), firstRow: rowNumbers[start] });
      options.onProgress?.({ done: start + n, total: rows.length });
      await yieldToEventLoop();
    }
  }

  async writeReport(report: Report, options: WriteOptions): Promise<WriteResult> {
    throwIfAborted(options.signal);
    const bytes = await this.io.writeXlsx(report, options.signal);
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

  async readList(list: ListSpec): Promise<string[][]> {
    return this.list(list).map((r) => r.slice());
  }

  async appendList(list: ListSpec, rows: readonly (readonly string[])[]): Promise<void> {
    const stored = this.list(list);
    if (stored.length === 0) stored.push([...list.header]);
    for (const r of rows) stored.push([...r]);
    try {
      this.options.session?.setItem(LIST_STORAGE_PREFIX + list.id, JSON.stringify(stored));
    } catch {
      // Session storage full or disabled: the list still lives in this page.
    }
  }

  private list(list: ListSpec): string[][] {
    let rows = this.lists.get(list.id);
    if (!rows) {
      rows = [];
      try {
        const parsed: unknown = JSON.parse(this.options.session?.getItem(LIST_STORAGE_PREFIX + list.id) ?? "[]");
        if (Array.isArray(parsed)) for (const r of parsed) if (Array.isArray(r)) rows.push(r.map((c) => String(c ?? "")));
      } catch {
        // A corrupt entry: start the list afresh.
      }
      this.lists.set(list.id, rows);
    }
    return rows;
  }
}

/** The in-thread readers and writer, loaded (with exceljs) only when first needed. */
function lazyInThreadIo(): FileIo {
  const load = () => import(/* webpackChunkName: "files" */ "./fileIo").then((m) => m.inThreadIo);
  return {
    readTable: async (bytes, fileName, spec, signal) => (await load()).readTable(bytes, fileName, spec, signal),
    writeXlsx: async (report, signal) => (await load()).writeXlsx(report, signal),
  };
}
