/**
 * The file readers and the .xlsx writer, behind one module so the task pane loads them (and
 * exceljs) only when it runs in a plain browser; inside Excel they are never needed.
 */
export { readTableBytes } from "../io/tableSource";
export { reportToXlsxBuffer } from "../io/xlsxReport";
