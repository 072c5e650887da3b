import { findHeader, headerNotFound, HEADER_SCAN_ROWS, isHeaderMatch, weakEssentials, type ColumnMapping } from "../core/tables/columns";
import { cellText } from "../core/grid";
import { decideDateOrder, decideDecimalSeparator } from "../core/columnFormats";
import type { Lang, Problem } from "../core/messages";
import { kindConverter, type TableKind } from "../core/tables/fields";
import { TableReader, type ColumnFormat, type Rejection, type TableReadStats } from "../core/tables/table";
import { chunkRowNumber, throwIfAborted, type SourcePreview, type TableSource } from "./source";

/** Something the user should know that did not stop the job: where, what, why. */
export interface Warning {
  /** The table it concerns (`ledger`, `customers`…). */
  kind: string;
  row?: number;
  column?: string;
  columnIndex?: number;
  value?: string;
  problem: Problem;
}

/** Rows a table's reader set aside (or used with a remark), as warnings of that table. */
export function asWarnings(kind: string, rows: readonly Rejection[]): Warning[] {
  return rows.map((r) => ({ kind, row: r.row, column: r.column, columnIndex: r.columnIndex, value: r.value, problem: r.problem }));
}

/** What reading one table gave: its rows were emitted; here is everything else. */
export interface TableRead {
  kind: string;
  label: string;
  headerRow: number;
  headers: string[];
  mapping: ColumnMapping;
  rejected: Rejection[];
  warnings: Warning[];
  stats: TableReadStats;
}

export interface ReadTableOptions<T> {
  lang: Lang;
  emit: (record: T) => void;
  signal?: AbortSignal;
  /** Fraction of this table read, 0..1. */
  onFraction?: (fraction: number) => void;
}

/** Where the header is: the person's choice when the source carries one, else what the synonyms find. */
export function locateHeader(spec: TableKind<unknown>["spec"], preview: SourcePreview, table: TableSource["table"]): { headerRow: number; mapping: ColumnMapping; headers: string[] } {
  if (table) {
    const i = preview.rows.findIndex((_, k) => chunkRowNumber(preview, k) === table.headerRow);
    return { ...table, headers: (preview.rows[i] ?? []).map(cellText) };
  }
  const rows = preview.rows.slice(0, HEADER_SCAN_ROWS);
  const found = findHeader(spec, rows);
  if (!isHeaderMatch(found)) throw headerNotFound(found);
  return { headerRow: chunkRowNumber(preview, found.headerIndex), mapping: found.mapping, headers: rows[found.headerIndex].map(cellText) };
}

/**
 * Reads every row of a source as records of a kind: the header from the preview, then the
 * rows in chunks through the kind's converter. The only place any job turns rows into records.
 */
export async function readTable<T>(source: TableSource, kind: TableKind<T>, options: ReadTableOptions<T>): Promise<TableRead> {
  const preview = await source.preview();
  const { headerRow, mapping, headers } = locateHeader(kind.spec, preview, source.table);
  const decided = decideFormats(kind.spec, preview, headerRow, mapping, headers);
  const reader = new TableReader<T>(kind.spec, kindConverter(kind), options.emit, {
    dateSystem: preview.dateSystem,
    lang: options.lang,
    mapping,
    headerRow,
    formats: decided.formats,
  });
  const warnings: Warning[] = decided.warnings.map((w) => ({ ...w, kind: kind.spec.kind }));
  warnings.push(
    ...weakEssentials(kind.spec, mapping, headers).map((w) => ({
    kind: kind.spec.kind,
    row: headerRow,
    column: w.header,
    columnIndex: w.column,
    value: w.header,
      problem: { code: "header.weak", params: { header: w.header, "field.es": fieldLabelOf(kind, w.key, "es"), "field.en": fieldLabelOf(kind, w.key, "en") } } as Problem,
    })),
  );
  await source.read({
    signal: options.signal,
    onProgress: options.onFraction ? (p) => options.onFraction!(p.total ? p.done / p.total : 1) : undefined,
    onChunk: (chunk) => {
      const rows = chunk.rows;
      for (let i = 0; i < rows.length; i++) reader.push(rows[i], chunkRowNumber(chunk, i));
    },
  });
  reader.finish(preview.label);
  throwIfAborted(options.signal);
  warnings.push(...asWarnings(kind.spec.kind, reader.warnings));
  if (reader.stats.warningRows > reader.warnings.length) {
    warnings.push({ kind: kind.spec.kind, problem: { code: "table.moreWarnings", params: { count: reader.stats.warningRows - reader.warnings.length } } });
  }
  const dropped = preview.dropped ?? { blankRows: 0, repeatedHeaders: 0 };
  const stats = { ...reader.stats, blankRows: reader.stats.blankRows + dropped.blankRows, repeatedHeaders: reader.stats.repeatedHeaders + dropped.repeatedHeaders };
  return { kind: kind.spec.kind, label: preview.label, headerRow, headers, mapping, rejected: reader.rejected, warnings, stats };
}

/**
 * How each date and money column is read, decided once from the sample the source's preview
 * gives (the rows after the header): month-first dates only when some value can only be
 * month-first (a warning says so), a column with both kinds unreadable (its dates rejected
 * with the reason), the decimal separator from the values that can only be one way.
 */
export function decideFormats(
  spec: TableKind<unknown>["spec"],
  preview: SourcePreview,
  headerRow: number,
  mapping: ColumnMapping,
  headers: readonly string[],
): { formats: (ColumnFormat | undefined)[]; warnings: Omit<Warning, "kind">[] } {
  const formats: (ColumnFormat | undefined)[] = [];
  const warnings: Omit<Warning, "kind">[] = [];
  const start = preview.rows.findIndex((_, k) => chunkRowNumber(preview, k) > headerRow);
  const sample = start < 0 ? [] : preview.rows.slice(start);
  for (const field of spec.fields) {
    const col = mapping[field.key];
    if (col === undefined || (field.type !== "date" && field.type !== "money")) continue;
    const values = sample.map((r) => r[col]);
    const where = { row: headerRow, column: headers[col] ?? "", columnIndex: col, value: headers[col] ?? "" };
    if (field.type === "date") {
      const d = decideDateOrder(values);
      if (d.order === "monthFirst") {
        formats[col] = { order: "monthFirst" };
        warnings.push({ ...where, problem: d.warning });
      } else if (d.order === "mixed") {
        formats[col] = { unreadable: d.problem };
        warnings.push({ ...where, problem: d.problem });
      }
    } else {
      const d = decideDecimalSeparator(values);
      if (d.decimal !== "undecided") formats[col] = { decimal: d.decimal };
      else if (d.why !== "noSeparators") warnings.push({ ...where, problem: d.reason });
    }
  }
  return { formats, warnings };
}

function fieldLabelOf(kind: TableKind<unknown>, key: string, lang: Lang): string {
  return kind.spec.fields.find((f) => f.key === key)?.label[lang] ?? key;
}

/** Every record of a (small) table in memory: customer masters, terms tables. */
export async function readAll<T>(source: TableSource, kind: TableKind<T>, options: Omit<ReadTableOptions<T>, "emit">): Promise<{ records: T[]; read: TableRead }> {
  const records: T[] = [];
  const read = await readTable(source, kind, { ...options, emit: (r) => records.push(r) });
  return { records, read };
}

/** Every row of a table, accounted for (the JSON's `rows`). */
export function rowsOf(s: TableReadStats): Record<string, number> {
  return {
    titleRows: s.titleRows,
    headerRow: s.headerRow,
    records: s.records,
    rejected: s.rejectedRows,
    subtotalRows: s.subtotalRows,
    blankRows: s.blankRows,
    repeatedHeaders: s.repeatedHeaders,
    total: s.titleRows + 1 + s.records + s.rejectedRows + s.subtotalRows + s.blankRows + s.repeatedHeaders,
    lastRow: s.lastRow,
  };
}
