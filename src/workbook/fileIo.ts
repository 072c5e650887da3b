import type { TableSpec } from "../core/tables/columns";
import type { DateSystem } from "../core/dates";
import type { Row } from "../core/grid";
import type { Report } from "../core/report/report";
import { readTableBytes } from "../io/tableSource";
import { reportToXlsxBuffer } from "../report/xlsx";

/**
 * What the standalone adapter needs from files: read one into raw rows (the file readers find
 * the header exactly as the command line does) and write a Report as .xlsx. The task pane runs
 * this in a Web Worker (src/workbook/fileWorker.ts) so a 100,000-row file neither freezes the
 * page while it is parsed nor while the result is written; tests run it in-thread.
 */
export interface CapturedTable {
  /** The header row first, then the data rows the reader kept. */
  rows: Row[];
  /** Source row number of each row (title lines and blank lines are not in `rows`). */
  rowNumbers: number[];
  sheet?: string;
  dateSystem: DateSystem;
  dropped: { blankRows: number; repeatedHeaders: number };
}

export interface FileIo {
  readTable(bytes: Uint8Array, fileName: string, spec: TableSpec, signal?: AbortSignal): Promise<CapturedTable>;
  writeXlsx(report: Report, signal?: AbortSignal): Promise<Uint8Array>;
}

/**
 * Reads a file and keeps its rows raw, so a mapping the user corrects later can be applied at
 * run time. Throws the readers' InputError for an empty, binary, encrypted or headerless file.
 */
export async function captureTable(bytes: Uint8Array, fileName: string, spec: TableSpec): Promise<CapturedTable> {
  const rows: Row[] = [];
  const rowNumbers: number[] = [];
  const { reader, info } = await readTableBytes<never>(
    bytes,
    fileName,
    spec,
    (row, n) => {
      // Copied: a reader may reuse its row array for the next line.
      rows.push(row.slice());
      rowNumbers.push(n);
      return null;
    },
    () => undefined,
  );
  return {
    rows: [reader.headers.slice(), ...rows],
    rowNumbers: [reader.stats.headerRow, ...rowNumbers],
    sheet: info.sheet,
    dateSystem: info.dateSystem,
    dropped: { blankRows: reader.stats.blankRows, repeatedHeaders: reader.stats.repeatedHeaders },
  };
}

/** The same work on the calling thread (tests, or a browser without workers). */
export const inThreadIo: FileIo = {
  readTable: (bytes, fileName, spec) => captureTable(bytes, fileName, spec),
  writeXlsx: (report) => reportToXlsxBuffer(report),
};
