import ExcelJS from "exceljs";
import { civilFromDay } from "../core/dates";
import { excelMoneyFormat } from "../core/money";
import type { Report, ReportColumn, ReportSheet, ReportValue } from "../core/report/report";
import { columnLetter } from "../core/grid";
import { layoutSheet } from "./layout";

/**
 * Renders a Report as an .xlsx an analyst can hand to a manager: title, frozen header,
 * filters, currency formats, totals and overdue highlighting. Works with exceljs' in-memory
 * Workbook (browser) and its streaming WorkbookWriter (command line, big detail sheets).
 */
type AnyWorkbook = ExcelJS.Workbook | ExcelJS.stream.xlsx.WorkbookWriter;
type AnyRow = ExcelJS.Row & { commit?: () => void };

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E79" } };
const TOTAL_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const HIGHLIGHT_STYLE: Partial<ExcelJS.Style> = { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } }, font: { color: { argb: "FF9C0006" } } };

export function excelDate(day: number): Date {
  const { y, m, d } = civilFromDay(day);
  // exceljs turns a Date into a serial from its UTC time, so UTC midnight keeps the civil day.
  return new Date(Date.UTC(y, m - 1, d));
}

function cellValue(col: ReportColumn, v: ReportValue): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (col.type === "money" && typeof v === "number") return v / 100;
  if (col.type === "date" && typeof v === "number") return excelDate(v);
  return v;
}

function commit(row: AnyRow): void {
  if (typeof row.commit === "function") row.commit();
}

function writeSheet(wb: AnyWorkbook, sheet: ReportSheet, report: Report): void {
  // The same layout and formats as the sheets the task pane writes through Office.js.
  const layout = layoutSheet(report, sheet);
  const headerRowNumber = layout.headerRow;
  const ws = wb.addWorksheet(sheet.name.slice(0, 31), {
    views: sheet.freezeHeader ? [{ state: "frozen", ySplit: headerRowNumber, xSplit: 0, showGridLines: true }] : undefined,
    // Printed for a manager: landscape, all columns on one page wide, header repeated.
    pageSetup: {
      orientation: "landscape",
      paperSize: 1 as unknown as ExcelJS.PaperSize,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRowNumber}:${headerRowNumber}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "&L&A&R&P / &N" },
  });
  ws.columns = layout.columns.map((c) => ({
    key: c.column.key,
    width: c.column.width ?? Math.max(10, c.column.header.length + 2),
    style: { numFmt: c.numberFormat },
  }));
  const last = layout.lastColumn;
  if (sheet.title) {
    const r = ws.getRow(1) as AnyRow;
    r.getCell(1).value = sheet.title;
    r.getCell(1).font = { bold: true, size: 14, color: { argb: "FF1F4E79" } };
    commit(r);
    if (sheet.subtitle) {
      const s = ws.getRow(2) as AnyRow;
      s.getCell(1).value = sheet.subtitle;
      s.getCell(1).font = { italic: true, color: { argb: "FF595959" } };
      commit(s);
    }
  }
  const header = ws.getRow(headerRowNumber) as AnyRow;
  sheet.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true, color: { argb: "FFFFFFFF" } };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: "middle", horizontal: c.type === "text" || c.type === "code" ? "left" : "center", wrapText: true };
  });
  header.height = 30;
  commit(header);

  // exceljs serialises a cell's style unless it has seen that very object before, so every
  // cell gets a shared style object: one per column, and one per currency format.
  const columnStyles = layout.columns.map((c) => ({ numFmt: c.numberFormat }) as Partial<ExcelJS.Style>);
  const currencyStyles = new Map<string, Partial<ExcelJS.Style>>();
  const currencyStyle = (cur: string) => {
    let st = currencyStyles.get(cur);
    if (!st) currencyStyles.set(cur, (st = { numFmt: excelMoneyFormat(cur) }));
    return st;
  };
  const currencyOf = layout.columns.map((c) => c.currencyIndex ?? -1);
  const writeValues = (values: readonly ReportValue[], rowNumber: number, total: boolean) => {
    const row = ws.getRow(rowNumber) as AnyRow;
    for (let i = 0; i < sheet.columns.length; i++) {
      const v = values[i];
      if (v === null || v === undefined || v === "") continue;
      const cell = row.getCell(i + 1);
      cell.value = cellValue(sheet.columns[i], v);
      const cur = currencyOf[i] >= 0 ? values[currencyOf[i]] : undefined;
      // Money in another currency than the report's default needs its own format.
      cell.style = typeof cur === "string" && cur !== "" && cur !== report.currency ? currencyStyle(cur) : columnStyles[i];
    }
    if (total) {
      for (let i = 1; i <= sheet.columns.length; i++) {
        const cell = row.getCell(i);
        cell.style = { ...cell.style, font: { bold: true }, fill: TOTAL_FILL, border: { top: { style: "thin" }, bottom: { style: "double" } } };
      }
    }
    commit(row);
  };
  let r = headerRowNumber + 1;
  for (const values of sheet.rows) writeValues(values, r++, false);
  const lastDataRow = r - 1;
  for (const t of sheet.totals) writeValues(t.values, r++, true);

  if (sheet.autoFilter) ws.autoFilter = `A${headerRowNumber}:${last}${Math.max(lastDataRow, headerRowNumber)}`;
  if (lastDataRow > headerRowNumber) {
    // A cell that says anything (a flag, a hold reason) is drawn as a warning.
    layout.highlightTextColumns.forEach((i) => {
      const col = columnLetter(i);
      ws.addConditionalFormatting({
        ref: `${col}${headerRowNumber + 1}:${col}${lastDataRow}`,
        rules: [{ type: "containsText", operator: "notContainsBlanks", priority: 1, style: HIGHLIGHT_STYLE }],
      });
    });
    layout.highlightColumns.forEach((i) => {
      const col = columnLetter(i);
      ws.addConditionalFormatting({
        ref: `${col}${headerRowNumber + 1}:${col}${lastDataRow}`,
        rules: [
          {
            type: "cellIs",
            operator: "greaterThan",
            formulae: ["0"],
            priority: 1,
            style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } }, font: { color: { argb: "FF9C0006" } } },
          },
        ],
      });
    });
  }
  if (sheet.notes.length) {
    r++;
    for (const note of sheet.notes) {
      const row = ws.getRow(r++) as AnyRow;
      row.getCell(1).value = note;
      row.getCell(1).font = { italic: true, color: { argb: "FF595959" } };
      commit(row);
    }
  }
  const maybeCommit = ws as unknown as { commit?: () => void };
  if (typeof maybeCommit.commit === "function") maybeCommit.commit();
}

function setProperties(wb: AnyWorkbook, report: Report): void {
  wb.creator = "Cartera";
  wb.title = report.title;
  wb.created = new Date();
}

/** Streams the report to a file (command line). */
export async function writeReportXlsxFile(report: Report, path: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  setProperties(wb, report);
  for (const sheet of report.sheets) writeSheet(wb, sheet, report);
  await wb.commit();
}

/** Builds the report in memory and returns the .xlsx bytes (browser download, tests). */
export async function reportToXlsxBuffer(report: Report): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  setProperties(wb, report);
  for (const sheet of report.sheets) writeSheet(wb, sheet, report);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
