import { findHeader, HEADER_SCAN_ROWS, isHeaderMatch, type ColumnMapping, type HeaderMiss, type TableSpec } from "./columns";
import type { DateOrder, DateSystem } from "../dates";
import type { DecimalChoice } from "../money";
import { cellText, isEmptyCell, type Row } from "../grid";
import type { Lang, Problem } from "../messages";

/** A row the mapping could not use: where it is, what it held and why. */
export interface Rejection {
  /** 1-based row number in the source, as the user sees it in Excel or a text editor. */
  row: number;
  /** The column's header as written in the source. */
  column: string;
  /** 0-based column index in the source. */
  columnIndex: number;
  value: string;
  problem: Problem;
}

/** How a column's texts are read, decided once for the whole column (never cell by cell). */
export interface ColumnFormat {
  decimal?: DecimalChoice;
  order?: DateOrder;
  /** The column cannot be read without guessing (dates both day-first and month-first). */
  unreadable?: Problem;
}

export interface RowContext {
  mapping: ColumnMapping;
  headers: string[];
  dateSystem: DateSystem;
  /** Per 0-based column; absent: day-first dates, and `1.000` refused as ambiguous. */
  formats?: readonly (ColumnFormat | undefined)[];
}

/** What a kind of table does with one data row: keep a record, or reject with problems. */
export type RowOutcome<T> = { record: T; warnings?: Rejection[] } | { problems: Rejection[] };

/** Per-row warnings kept in full; past this they are only counted (a million rows with one unknown key). */
export const MAX_ROW_WARNINGS = 1000;

export interface TableReadStats {
  headerRow: number;
  /** Rows above the header (report titles). */
  titleRows: number;
  /** Data rows converted: records plus rejected rows. */
  dataRows: number;
  records: number;
  rejectedRows: number;
  /** The last source row number seen (a sheet may skip empty rows, a text file does not). */
  lastRow: number;
  blankRows: number;
  /** Lines with content but no key (SAP `*`/`**` subtotals, separators). */
  subtotalRows: number;
  /** The header repeated inside the data, as SAP list exports do on each page. */
  repeatedHeaders: number;
  /** Rows used with a warning (an unknown terms key…), kept or not in `warnings`. */
  warningRows: number;
}

export class HeaderNotFoundError extends Error {
  constructor(readonly miss: HeaderMiss, readonly source: string | undefined) {
    super(`header not found: found ${miss.found.join(", ")}; needed ${miss.needed.join(", ")}`);
  }
}

/**
 * Streams rows into typed records: finds the header within the first rows, then hands each
 * data row to the kind's converter. The same object serves a whole Grid and a file read in
 * chunks, so there is one mapping step however the rows arrive.
 */
export class TableReader<T> {
  private pending: { row: Row; n: number }[] = [];
  private ctx: RowContext | null = null;
  private headerKey = "";
  /** A column to test cheaply whether a row repeats the header. */
  private probe = -1;
  readonly rejected: Rejection[] = [];
  /** Rows used, but with something to say (at most MAX_ROW_WARNINGS kept; `stats.warningRows` counts all). */
  readonly warnings: Rejection[] = [];
  readonly stats: TableReadStats = { headerRow: 0, titleRows: 0, dataRows: 0, records: 0, rejectedRows: 0, lastRow: 0, blankRows: 0, subtotalRows: 0, repeatedHeaders: 0, warningRows: 0 };
  miss: HeaderMiss | null = null;

  constructor(
    readonly spec: TableSpec,
    private readonly convert: (row: Row, rowNumber: number, ctx: RowContext) => RowOutcome<T> | null,
    private readonly emit: (record: T) => void,
    private readonly options: { dateSystem: DateSystem; lang?: Lang; mapping?: ColumnMapping; headerRow?: number; formats?: readonly (ColumnFormat | undefined)[] } = { dateSystem: 1900 },
  ) {}

  get mapping(): ColumnMapping | null {
    return this.ctx?.mapping ?? null;
  }

  get headers(): string[] {
    return this.ctx?.headers ?? [];
  }

  /** Feeds one row; `rowNumber` is 1-based in the source. Returns false once the table cannot be read. */
  push(row: Row, rowNumber: number): boolean {
    if (rowNumber > this.stats.lastRow) this.stats.lastRow = rowNumber;
    if (this.ctx) {
      this.process(row, rowNumber);
      return true;
    }
    if (this.miss) return false;
    this.pending.push({ row, n: rowNumber });
    if (this.options.headerRow !== undefined ? rowNumber >= this.options.headerRow : this.pending.length >= HEADER_SCAN_ROWS) this.decide();
    return this.miss === null;
  }

  /** Call after the last row. Throws HeaderNotFoundError when no header was recognised. */
  finish(source?: string): void {
    if (!this.ctx && !this.miss) this.decide();
    if (this.miss) throw new HeaderNotFoundError(this.miss, source);
  }

  private decide(): void {
    const rows = this.pending.map((p) => p.row);
    let headerIndex: number;
    let mapping: ColumnMapping;
    if (this.options.mapping && this.options.headerRow !== undefined) {
      headerIndex = this.pending.findIndex((p) => p.n === this.options.headerRow);
      mapping = this.options.mapping;
      if (headerIndex < 0) headerIndex = 0;
    } else {
      const found = findHeader(this.spec, rows, this.options.lang);
      if (!isHeaderMatch(found)) {
        this.miss = found;
        this.pending = [];
        return;
      }
      headerIndex = found.headerIndex;
      mapping = this.options.mapping ?? found.mapping;
    }
    const headerRow = rows[headerIndex] ?? [];
    this.ctx = { mapping, headers: headerRow.map(cellText), dateSystem: this.options.dateSystem, formats: this.options.formats };
    this.headerKey = this.keyOf(headerRow);
    const indexes = Object.values(mapping);
    this.probe = indexes.length ? Math.min(...indexes) : -1;
    this.stats.headerRow = this.pending[headerIndex]?.n ?? 0;
    this.stats.titleRows = headerIndex;
    const rest = this.pending.slice(headerIndex + 1);
    this.pending = [];
    for (const p of rest) this.process(p.row, p.n);
  }

  private keyOf(row: Row): string {
    return row.map((c) => cellText(c).toLowerCase()).join("\u0001");
  }

  private process(row: Row, n: number): void {
    let blank = true;
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (!isEmptyCell(v) && !(typeof v === "string" && /^[-=|+_\s]*$/.test(v))) {
        blank = false;
        break;
      }
    }
    if (blank) {
      this.stats.blankRows++;
      return;
    }
    const p = this.probe;
    if (p >= 0 && typeof row[p] === "string" && cellText(row[p]) === this.ctx!.headers[p] && this.keyOf(row) === this.headerKey) {
      this.stats.repeatedHeaders++;
      return;
    }
    const outcome = this.convert(row, n, this.ctx!);
    if (outcome === null) {
      this.stats.subtotalRows++;
      return;
    }
    this.stats.dataRows++;
    if ("record" in outcome) {
      this.stats.records++;
      if (outcome.warnings) {
        this.stats.warningRows++;
        for (const w of outcome.warnings) if (this.warnings.length < MAX_ROW_WARNINGS) this.warnings.push(w);
      }
      this.emit(outcome.record);
    } else {
      this.stats.rejectedRows++;
      for (const p of outcome.problems) this.rejected.push(p);
    }
  }
}
