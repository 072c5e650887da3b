import type { DateSystem } from "./dates";

/** One cell as Office.js `range.values` gives it: number, string, boolean or empty. */
export type Cell = unknown;
export type Row = Cell[];

/**
 * The one input seam: rows of cell values. Dates are Excel serials in `dateSystem`; readers
 * of files hand over text as text and let the column mapping decide what it means.
 */
export interface Grid {
  rows: Row[];
  dateSystem: DateSystem;
  /** Where the rows came from, for messages: a file name, a sheet, a range address. */
  source?: string;
  /** 1-based row number of `rows[0]` in the source (a range may start below row 1). */
  firstRow?: number;
}

export function isEmptyCell(v: Cell): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** Text of a cell for messages and identifiers. */
export function cellText(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return String(v);
}

/** Excel's column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = "";
  for (let x = index + 1; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
