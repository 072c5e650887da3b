import type { SourceRef } from "../workbook/port";

/** Excel addresses, sheet names and the ranges behind the pane's sources. */
export interface Extent {
  sheet: string;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

/** `'My sheet'!B3:T200` → sheet and 0-based corners. */
export function parseAddress(address: string): { sheet: string; row: number; column: number; rows: number; columns: number } {
  const bang = address.lastIndexOf("!");
  let sheet = bang >= 0 ? address.slice(0, bang) : "";
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  const ref = bang >= 0 ? address.slice(bang + 1) : address;
  const [a, b = a] = ref.split(":");
  const cell = (s: string) => {
    const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(s);
    if (!m) return { row: 0, column: 0 };
    let col = 0;
    for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    return { row: Number(m[2]) - 1, column: col - 1 };
  };
  const p = cell(a);
  const q = cell(b);
  return { sheet, row: p.row, column: p.column, rows: q.row - p.row + 1, columns: q.column - p.column + 1 };
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Excel forbids : \ / ? * [ ] in sheet names, a leading or trailing apostrophe, and more than 31 characters. */
export function cleanSheetName(name: string): string {
  const s = name.replace(/[:\\/?*[\]]/g, " ").replace(/^'+|'+$/g, "").trim().slice(0, 31);
  return s === "" ? "Cartera" : s;
}

/** `name`, else `name (2)`, `name (3)`… not in `taken` (compared case-insensitively, as Excel does). */
export function uniqueSheetName(name: string, taken: Set<string>): string {
  const base = cleanSheetName(name);
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    candidate = base.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

export function tableName(family: string, sheetId: string): string {
  return `Cartera_${family}_${sheetId}`.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 250);
}

export const EXTENT_PROPS = "address,rowIndex,columnIndex,rowCount,columnCount";

export function extentOf(r: Excel.Range): Extent {
  return { sheet: parseAddress(r.address).sheet, rowIndex: r.rowIndex, columnIndex: r.columnIndex, rowCount: r.rowCount, columnCount: r.columnCount };
}

/** The source's range as it is now (a table or used range may have grown since it was listed). */
export function sourceRange(ctx: Excel.RequestContext, source: SourceRef): Excel.Range {
  const wb = ctx.workbook;
  if (source.kind === "table") return wb.tables.getItem(source.key.slice("table:".length)).getRange();
  if (source.kind === "sheet") return wb.worksheets.getItem(source.sheet!).getUsedRange(true);
  const address = source.address!;
  return wb.worksheets.getItem(source.sheet!).getRange(address.slice(address.lastIndexOf("!") + 1));
}

/** The workbook's date system, read in the same batch as other work. */
export function dateProbe(ctx: Excel.RequestContext): Excel.FunctionResult<number> {
  // Office.js exposes no date-system property; DATE(1904,1,1) is serial 0 only in the 1904 system.
  const probe = ctx.workbook.functions.date(1904, 1, 1);
  probe.load("value");
  return probe;
}
