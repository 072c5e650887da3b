import type { Row } from "../core/grid";

/**
 * Excel on the web rejects a request whose payload passes about 5 MB, and a single huge
 * request freezes Excel while it runs. Big ranges are therefore read and written in chunks of
 * at most MAX_CHUNK_ROWS rows and at most MAX_CHUNK_BYTES of JSON, whichever is smaller.
 */
export const MAX_CHUNK_ROWS = 5000;
/** Under the 5 MB cap with room for the request's own envelope and per-cell overhead. */
export const MAX_CHUNK_BYTES = 3_500_000;
const MIN_CHUNK_ROWS = 50;

/** Serialized size of one cell in a `range.values` payload, close enough to plan chunks. */
export function cellBytes(v: unknown): number {
  if (v === null || v === undefined || v === "") return 3;
  if (typeof v === "number") return Number.isInteger(v) ? String(v).length + 1 : 19;
  if (typeof v === "boolean") return 6;
  // Quotes, comma, and escapes for non-ASCII text that some hosts send as \uXXXX.
  const s = String(v);
  let extra = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127 || s.charCodeAt(i) === 34 || s.charCodeAt(i) === 92) extra += 5;
  return s.length + extra + 3;
}

export function rowBytes(row: readonly unknown[], columns = row.length): number {
  let n = 2;
  for (let c = 0; c < columns; c++) n += cellBytes(row[c]);
  return n;
}

/**
 * Rows per chunk for rows shaped like `sample` (`columns` wide). `factor` counts parallel
 * arrays sent with the values (number formats, formulas).
 */
export function chunkRows(sample: readonly Row[], columns: number, factor = 1): number {
  let bytes = 0;
  const n = Math.min(sample.length, 200);
  for (let i = 0; i < n; i++) bytes = Math.max(bytes, rowBytes(sample[i], columns));
  // No sample (only the size is known): assume long texts, 40 characters a cell.
  if (n === 0) bytes = columns * 43 + 2;
  const perRow = Math.max(1, bytes * factor);
  return Math.max(MIN_CHUNK_ROWS, Math.min(MAX_CHUNK_ROWS, Math.floor(MAX_CHUNK_BYTES / perRow)));
}

/** Splits [0, total) into [start, count) runs of at most `size`. */
export function* spans(total: number, size: number): Generator<[number, number]> {
  for (let start = 0; start < total; start += size) yield [start, Math.min(size, total - start)];
}
