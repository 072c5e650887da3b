import { chartData, type ChartData } from "../core/report/chartData";
import { serialFromDay, type DateSystem } from "../core/dates";
import { excelMoneyFormat } from "../core/money";
import type { Report, ReportColumn, ReportSheet, ReportValue } from "../core/report/report";
import { columnLetter } from "../core/grid";
import { looksLikeFormula } from "./xlsxText";

/**
 * Where each part of a Report sheet goes in a worksheet and what its cells hold, for the
 * Office.js writer: the same layout as the .xlsx writer (title, subtitle, header on row 4,
 * data, totals, notes) plus the places of the Excel table, its totals and the chart.
 * Pure: no Office.js here, so it is tested directly.
 */
export interface ColumnLayout {
  column: ReportColumn;
  numberFormat: string;
  /** Points, from the Report's width in characters. */
  widthPoints: number;
  /** Index of the column holding this money column's currency. */
  currencyIndex?: number;
}

export type TotalsMode = "none" | "tableTotalsRow" | "rowsBelow";

export interface SheetLayout {
  sheet: ReportSheet;
  columns: ColumnLayout[];
  /** 1-based worksheet rows. */
  headerRow: number;
  firstDataRow: number;
  /** headerRow when there is no data. */
  lastDataRow: number;
  lastColumn: string;
  /**
   * One totals row goes in the Excel table's own totals row (SUBTOTAL follows the filter);
   * several (one per currency) go below the table, each adding only its currency.
   */
  totalsMode: TotalsMode;
  totalsFirstRow: number;
  notesFirstRow: number;
  /** Where the signature blocks start (the party's line), when the sheet has any. */
  signaturesFirstRow?: number;
  /** Columns whose positive values are highlighted (overdue buckets). */
  highlightColumns: number[];
  /** Columns whose non-empty cells are highlighted (flags, hold reasons). */
  highlightTextColumns: number[];
  chart?: ChartLayout;
}

export interface ChartLayout {
  title: string;
  data: ChartData;
  /** The chart's own small table (visible, so a reader sees what is plotted). */
  dataRow: number;
  dataColumn: number;
  /** Top-left and bottom-right cells the chart object covers (0-based indexes). */
  position: { row: number; column: number; rows: number; columns: number };
}

export const DATE_FORMAT = "dd/mm/yyyy";
export const TEXT_FORMAT = "@";
export const TABLE_STYLE = "TableStyleMedium2";
export { OVERDUE_FILL, OVERDUE_FONT, SERIES_COLORS, TITLE_COLOR } from "./palette";

export function numberFormatFor(col: ReportColumn, currency: string): string {
  switch (col.type) {
    case "money":
      return excelMoneyFormat(currency);
    case "date":
      return DATE_FORMAT;
    case "integer":
      return "#,##0";
    case "number":
      return "#,##0.00";
    case "quantity":
      // Loads of 7.5 m³ and scale weights of 12.345 t: two decimals at least, three when there are.
      return "#,##0.00#";
    case "percent":
      return "0.0%";
    case "text":
    case "code":
      // Text format keeps customer codes' leading zeros and stops Excel reading text as dates.
      return TEXT_FORMAT;
    default:
      return "General";
  }
}

export function layoutSheet(report: Report, sheet: ReportSheet): SheetLayout {
  const headerRow = sheet.title ? (sheet.subtitle ? 4 : 3) : 1;
  const index = new Map(sheet.columns.map((c, i) => [c.key, i]));
  const columns: ColumnLayout[] = sheet.columns.map((c) => ({
    column: c,
    numberFormat: numberFormatFor(c, report.currency),
    widthPoints: Math.round(((c.width ?? Math.max(10, c.header.length + 2)) * 7 + 5) * 0.75),
    currencyIndex: c.type === "money" && c.currencyKey ? index.get(c.currencyKey) : undefined,
  }));
  const firstDataRow = headerRow + 1;
  const lastDataRow = headerRow + sheet.rows.length;
  const totalsMode: TotalsMode = sheet.totals.length === 0 ? "none" : sheet.totals.length === 1 ? "tableTotalsRow" : "rowsBelow";
  const totalsFirstRow = lastDataRow + 1;
  const notesFirstRow = totalsFirstRow + sheet.totals.length + 1;
  const layout: SheetLayout = {
    sheet,
    columns,
    headerRow,
    firstDataRow,
    lastDataRow,
    lastColumn: columnLetter(sheet.columns.length - 1),
    totalsMode,
    totalsFirstRow,
    notesFirstRow,
    highlightColumns: sheet.columns.map((c, i) => (c.highlightPositive ? i : -1)).filter((i) => i >= 0),
    highlightTextColumns: sheet.columns.map((c, i) => (c.highlightNonEmpty ? i : -1)).filter((i) => i >= 0),
  };
  // Room to sign above the line: three rows below the notes (or the totals).
  if (sheet.signatures?.length) layout.signaturesFirstRow = (sheet.notes.length ? notesFirstRow + sheet.notes.length : totalsFirstRow + sheet.totals.length) + 3;
  if (sheet.chart && sheet.rows.length > 0) {
    const data = chartData(sheet, sheet.chart, report.currency);
    if (data.categories.length > 0) {
      // Chart beside the table, its data under the chart: both visible without hiding anything.
      const column = sheet.columns.length + 1;
      layout.chart = {
        title: sheet.chart.title,
        data,
        dataRow: headerRow + 22,
        dataColumn: column,
        position: { row: headerRow - 1, column, rows: 20, columns: 9 },
      };
    }
  }
  return layout;
}

/**
 * A Report value as a cell value for `range.values`: money in currency units, dates as serials
 * of the workbook's date system, empty as "". Text that Excel would take for a formula
 * (`=…`, `+…`, `-…`, `@…`) is written with a leading apostrophe, which Excel keeps as text.
 */
export function cellValue(col: ReportColumn, v: ReportValue, dateSystem: DateSystem): string | number | boolean {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    if (col.type === "money") return v / 100;
    if (col.type === "quantity") return v / 1000;
    if (col.type === "date") return serialFromDay(v, dateSystem);
    if (col.type === "code" || col.type === "text") return String(v);
    return v;
  }
  if (typeof v === "string") return asTypedText(v);
  return v;
}

/** Text for `range.values`: what Excel would take for a formula gets the apostrophe Excel keeps as a text marker. */
export function asTypedText(s: string): string {
  return looksLikeFormula(s) ? `'${s}` : s;
}

export function rowValues(layout: SheetLayout, values: readonly ReportValue[], dateSystem: DateSystem): (string | number | boolean)[] {
  const out = new Array<string | number | boolean>(layout.columns.length);
  for (let i = 0; i < layout.columns.length; i++) out[i] = cellValue(layout.columns[i].column, values[i] ?? null, dateSystem);
  return out;
}

/**
 * Number formats of money cells whose row is in another currency than the report's, by
 * column: null when every row of the range uses the column's default format.
 */
export function currencyFormats(layout: SheetLayout, rows: readonly (readonly ReportValue[])[], currency: string): Map<number, string[][]> | null {
  let out: Map<number, string[][]> | null = null;
  layout.columns.forEach((c, i) => {
    if (c.currencyIndex === undefined) return;
    let differs = false;
    const formats = rows.map((r) => {
      const cur = r[c.currencyIndex!];
      if (typeof cur === "string" && cur !== "" && cur !== currency) {
        differs = true;
        return [excelMoneyFormat(cur)];
      }
      return [c.numberFormat];
    });
    if (differs) (out ??= new Map()).set(i, formats);
  });
  return out;
}

/** The currency column of a sheet whose money columns carry one (for per-currency totals). */
function currencyColumnIndex(layout: SheetLayout): number | undefined {
  return layout.columns.find((c) => c.currencyIndex !== undefined)?.currencyIndex;
}

/**
 * Totals rows as formulas: SUBTOTAL(109, …) in the table's totals row, so a filter changes
 * them; SUMIFS by currency when there is one row per currency, so currencies never mix. Text
 * (labels, the currency code) is written as is; a total the Report leaves empty stays empty.
 */
export function totalsFormulas(layout: SheetLayout): (string | number)[][] {
  const { sheet } = layout;
  const first = layout.firstDataRow;
  const last = Math.max(layout.lastDataRow, first);
  const curIdx = currencyColumnIndex(layout);
  return sheet.totals.map((t) => {
    const currency = curIdx === undefined ? undefined : t.values[curIdx];
    return layout.columns.map((c, i) => {
      const v = t.values[i];
      if (v === null || v === undefined || v === "") return "";
      if (typeof v !== "number" || !["money", "integer", "number", "quantity"].includes(c.column.type)) return typeof v === "string" ? (cellValue(c.column, v, 1900) as string) : String(v);
      const col = columnLetter(i);
      const range = `${col}${first}:${col}${last}`;
      if (layout.totalsMode === "rowsBelow" && curIdx !== undefined && typeof currency === "string") {
        const curCol = columnLetter(curIdx);
        return `=SUMIFS(${range},${curCol}${first}:${curCol}${last},"${currency.replace(/"/g, '""')}")`;
      }
      return `=SUBTOTAL(109,${range})`;
    });
  });
}

/** The chart's data table: header row, then one row per category (money in units). */
export function chartTable(layout: SheetLayout, categoryHeader: string): (string | number)[][] {
  const chart = layout.chart!;
  const rows: (string | number)[][] = [[categoryHeader, ...chart.data.series.map((s) => s.header)]];
  const isMoney = chart.data.series.map((s) => layout.sheet.columns.find((c) => c.key === s.key)?.type === "money");
  chart.data.categories.forEach((cat, r) => rows.push([cat, ...chart.data.series.map((s, k) => (isMoney[k] ? s.values[r] / 100 : s.values[r]))]));
  return rows;
}

/** `A1`-style address of a block, 0-based row/column indexes. */
export function blockAddress(row: number, column: number, rows: number, columns: number): string {
  return `${columnLetter(column)}${row + 1}:${columnLetter(column + columns - 1)}${row + rows}`;
}
