import type { DateSystem } from "../core/dates";
import { columnLetter } from "../core/grid";
import type { Report, ReportSheet } from "../core/report/report";
import { throwIfAborted, yieldToEventLoop, type Progress } from "../jobs/source";
import { chunkRows, spans } from "./chunks";
import {
  blockAddress,
  chartTable,
  currencyFormats,
  rowValues,
  TABLE_STYLE,
  TEXT_FORMAT,
  totalsFormulas,
  type SheetLayout,
} from "./layout";
import { HEADER_ROW_HEIGHT, NOTE_COLOR, OVERDUE_FILL, OVERDUE_FONT, SERIES_COLORS, TITLE_COLOR, TITLE_FONT_SIZE, TOTAL_FILL } from "./palette";

/**
 * The Excel-sheets writer (Office.js): a Report's sheets laid out by `layoutSheet` exactly as
 * the .xlsx writer lays them out, written in three steps so a run can be cancelled without
 * harm: the frame of each new sheet, its rows in chunks under the request cap, then the
 * finish (table, totals, highlighting, frozen header, notes, chart). Which sheets to replace
 * and what to call them is the Office adapter's business (src/office).
 */

/** Title, subtitle, header row, column formats and widths of a result sheet. */
export function queueSheetFrame(ws: Excel.Worksheet, layout: SheetLayout): void {
  const { sheet } = layout;
  if (sheet.title) {
    const t = ws.getRange("A1");
    t.values = [[sheet.title]];
    t.format.font.bold = true;
    t.format.font.size = TITLE_FONT_SIZE;
    t.format.font.color = TITLE_COLOR;
  }
  if (sheet.subtitle) {
    const s = ws.getRange("A2");
    s.values = [[sheet.subtitle]];
    s.format.font.italic = true;
    s.format.font.color = NOTE_COLOR;
  }
  const header = ws.getRange(`A${layout.headerRow}:${layout.lastColumn}${layout.headerRow}`);
  header.values = [sheet.columns.map((c) => c.header)];
  header.format.wrapText = true;
  header.format.rowHeight = HEADER_ROW_HEIGHT;
  header.format.verticalAlignment = "Center";
  const lastRow = layout.lastDataRow + sheet.totals.length;
  layout.columns.forEach((c, i) => {
    const letter = columnLetter(i);
    ws.getRange(`${letter}:${letter}`).format.columnWidth = c.widthPoints;
    // One value for the whole column range: Excel applies it to every cell (single input copy).
    if (lastRow > layout.headerRow) ws.getRange(`${letter}${layout.firstDataRow}:${letter}${lastRow}`).numberFormat = [[c.numberFormat]];
  });
}

/** The rows of every sheet, in chunks sized for the 5 MB request cap, one sync each. */
export async function writeSheetRows(
  ctx: Excel.RequestContext,
  created: readonly Excel.Worksheet[],
  layouts: readonly SheetLayout[],
  report: Report,
  dateSystem: DateSystem,
  options: { signal?: AbortSignal; onProgress?: (p: Progress) => void },
): Promise<void> {
  const total = layouts.reduce((n, l) => n + l.sheet.rows.length, 0);
  let done = 0;
  for (let s = 0; s < layouts.length; s++) {
    const layout = layouts[s];
    const rows = layout.sheet.rows;
    if (rows.length === 0) continue;
    const size = chunkRows(rows.slice(0, 200).map((r) => rowValues(layout, r, dateSystem)), layout.columns.length, 1.2);
    for (const [start, n] of spans(rows.length, size)) {
      throwIfAborted(options.signal);
      const slice = rows.slice(start, start + n);
      const top = layout.firstDataRow - 1 + start;
      ctx.workbook.application.suspendApiCalculationUntilNextSync();
      created[s].getRangeByIndexes(top, 0, n, layout.columns.length).values = slice.map((r) => rowValues(layout, r, dateSystem));
      const formats = currencyFormats(layout, slice, report.currency);
      if (formats) for (const [col, f] of formats) created[s].getRangeByIndexes(top, col, n, 1).numberFormat = f;
      await ctx.sync();
      done += n;
      options.onProgress?.({ done, total });
      await yieldToEventLoop();
    }
  }
  throwIfAborted(options.signal);
}

/** Table, totals, overdue highlighting, frozen header, notes and chart. */
export function queueSheetFinish(ws: Excel.Worksheet, layout: SheetLayout, report: Report, names: { table: string; chart: string }): void {
  const { sheet } = layout;
  const width = layout.columns.length;
  const hasRows = sheet.rows.length > 0;
  // A table needs a body row; an empty result gets one blank row.
  const tableLast = hasRows ? layout.lastDataRow : layout.headerRow + 1;
  // A Range, not an address: an address without a sheet name would mean the active sheet.
  const table = ws.tables.add(ws.getRange(`A${layout.headerRow}:${layout.lastColumn}${tableLast}`), true);
  table.name = names.table;
  table.style = TABLE_STYLE;
  if (!sheet.autoFilter) table.showFilterButton = false;
  const formulas = totalsFormulas(layout);
  if (layout.totalsMode === "tableTotalsRow" && hasRows) {
    table.showTotals = true;
    table.getTotalRowRange().formulas = formulas;
  } else if (hasRows && formulas.length > 0) {
    const totals = ws.getRangeByIndexes(layout.totalsFirstRow - 1, 0, formulas.length, width);
    totals.formulas = formulas;
    totals.format.font.bold = true;
    totals.format.fill.color = TOTAL_FILL;
    totals.format.borders.getItem("EdgeTop").style = "Continuous";
    totals.format.borders.getItem("EdgeBottom").style = "Double";
    const formats = currencyFormats(layout, sheet.totals.map((t) => t.values), report.currency);
    if (formats) for (const [col, f] of formats) ws.getRangeByIndexes(layout.totalsFirstRow - 1, col, formulas.length, 1).numberFormat = f;
  }
  if (hasRows) {
    for (const i of layout.highlightColumns) {
      const letter = columnLetter(i);
      const cf = ws.getRange(`${letter}${layout.firstDataRow}:${letter}${layout.lastDataRow}`).conditionalFormats.add("CellValue");
      cf.cellValue.format.fill.color = OVERDUE_FILL;
      cf.cellValue.format.font.color = OVERDUE_FONT;
      cf.cellValue.rule = { formula1: "0", operator: "GreaterThan" };
    }
    for (const i of layout.highlightTextColumns) {
      const letter = columnLetter(i);
      const cf = ws.getRange(`${letter}${layout.firstDataRow}:${letter}${layout.lastDataRow}`).conditionalFormats.add("CellValue");
      cf.cellValue.format.fill.color = OVERDUE_FILL;
      cf.cellValue.format.font.color = OVERDUE_FONT;
      // An empty cell equals "": only cells that say something (a flag, a hold reason) light up.
      cf.cellValue.rule = { formula1: '=""', operator: "NotEqualTo" };
    }
  }
  // A statement's rows: section headings, subtotals and balance lines, as the .xlsx writer draws them.
  sheet.rowKinds?.forEach((kind, k) => {
    if (!kind) return;
    const r = layout.firstDataRow - 1 + k;
    const range = kind === "section" ? ws.getRangeByIndexes(r, 0, 1, 1) : ws.getRangeByIndexes(r, 0, 1, width);
    range.format.font.bold = true;
    if (kind === "section") range.format.font.color = TITLE_COLOR;
    if (kind === "subtotal") range.format.borders.getItem("EdgeTop").style = "Continuous";
    if (kind === "balance") {
      range.format.fill.color = TOTAL_FILL;
      range.format.borders.getItem("EdgeTop").style = "Continuous";
      range.format.borders.getItem("EdgeBottom").style = "Double";
    }
  });
  if (sheet.signatures?.length && layout.signaturesFirstRow !== undefined) queueSignatures(ws, sheet, layout.signaturesFirstRow);
  if (sheet.freezeHeader) ws.freezePanes.freezeRows(layout.headerRow);
  if (sheet.notes.length) {
    const notes = ws.getRange(`A${layout.notesFirstRow}:A${layout.notesFirstRow + sheet.notes.length - 1}`);
    notes.numberFormat = [[TEXT_FORMAT]];
    notes.values = sheet.notes.map((n) => [n]);
    notes.format.font.italic = true;
    notes.format.font.color = NOTE_COLOR;
  }
  const chart = layout.chart;
  if (chart) {
    const data = chartTable(layout, sheet.columns.find((c) => c.key === sheet.chart!.categoryKey)?.header ?? "");
    const cols = data[0].length;
    const block = ws.getRange(blockAddress(chart.dataRow - 1, chart.dataColumn, data.length, cols));
    ws.getRange(blockAddress(chart.dataRow - 1, chart.dataColumn, data.length, 1)).numberFormat = [[TEXT_FORMAT]];
    ws.getRange(blockAddress(chart.dataRow, chart.dataColumn + 1, data.length - 1, cols - 1)).numberFormat = [[layout.columns.find((c) => c.column.key === chart.data.series[0]?.key)?.numberFormat ?? "General"]];
    block.values = data;
    ws.getRange(blockAddress(chart.dataRow - 1, chart.dataColumn, 1, cols)).format.font.bold = true;
    const c = ws.charts.add("BarStacked", block, "Columns");
    c.name = names.chart;
    c.title.text = chart.title;
    c.legend.position = "Bottom";
    // Bars list bottom-up by default; the customer with the most overdue belongs on top.
    c.axes.categoryAxis.reversePlotOrder = true;
    const p = chart.position;
    c.setPosition(blockAddress(p.row, p.column, 1, 1).split(":")[0], blockAddress(p.row + p.rows - 1, p.column + p.columns - 1, 1, 1).split(":")[0]);
    chart.data.series.forEach((_, k) => c.series.getItemAt(k).format.fill.setSolidColor(SERIES_COLORS[Math.min(k, SERIES_COLORS.length - 1)]));
  }
}

/** Signature blocks side by side under a statement: a line to sign on, the party, the lines to fill. */
function queueSignatures(ws: Excel.Worksheet, sheet: ReportSheet, firstRow: number): void {
  const blocks = sheet.signatures!;
  const width = Math.max(1, Math.floor(sheet.columns.length / blocks.length));
  const span = Math.max(1, width - 1);
  blocks.forEach((b, i) => {
    const col = i * width;
    const texts = [b.party, ...b.lines];
    const cells = ws.getRangeByIndexes(firstRow - 1, col, texts.length, 1);
    cells.numberFormat = texts.map(() => [TEXT_FORMAT]);
    cells.values = texts.map((t) => [t]);
    ws.getRangeByIndexes(firstRow - 1, col, 1, 1).format.font.bold = true;
    ws.getRangeByIndexes(firstRow - 1, col, 1, span).format.borders.getItem("EdgeTop").style = "Continuous";
    if (texts.length > 1) ws.getRangeByIndexes(firstRow, col, texts.length - 1, 1).format.font.color = NOTE_COLOR;
  });
}
