/**
 * The one palette and the fixed formats of every writer that draws a result (.xlsx, Excel
 * sheets through Office.js, HTML): the same colours wherever a report is read.
 */
export const TITLE_COLOR = "#1F4E79";
export const HEADER_FILL = "#1F4E79";
export const HEADER_FONT = "#FFFFFF";
export const NOTE_COLOR = "#595959";
export const TOTAL_FILL = "#DDEBF7";
export const OVERDUE_FILL = "#FFC7CE";
export const OVERDUE_FONT = "#9C0006";
/** Bucket colours from current (green) to oldest (dark red), as analysts colour an aging. */
export const SERIES_COLORS = ["#5B9A3C", "#F2C14E", "#F29544", "#E0603A", "#C0392B", "#7B1E1E", "#4A1010", "#2B0808"];

/** exceljs and SpreadsheetML want `FFRRGGBB`. */
export function argb(hex: string): string {
  return `FF${hex.replace(/^#/, "").toUpperCase()}`;
}

/** The title's size in points and the header row's height in points. */
export const TITLE_FONT_SIZE = 14;
export const HEADER_ROW_HEIGHT = 30;
