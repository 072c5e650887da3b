import ExcelJS from "exceljs";
import { createReadStream, promises as fsp } from "node:fs";
import { basename } from "node:path";
import { Readable } from "node:stream";
import Papa from "papaparse";
import { HEADER_SCAN_ROWS, type ColumnMapping, type TableSpec } from "../core/columns";
import type { DateSystem } from "../core/dates";
import { InputError } from "../core/errors";
import type { Row } from "../core/grid";
import type { Lang } from "../core/messages";
import { HeaderNotFoundError, TableReader, type RowContext, type RowOutcome } from "../core/table";
import { gridRowFromExcelJs } from "./cells";
import { detectDelimiter, detectEncoding, sniff, type Delimiter, type TextEncoding } from "./sniff";

export interface SourceInfo {
  file: string;
  format: "xlsx" | "text";
  encoding?: TextEncoding;
  delimiter?: Delimiter;
  sheet?: string;
  dateSystem: DateSystem;
}

export interface ReadTableOptions {
  lang?: Lang;
  /** Worksheet name for .xlsx; by default the first sheet with a recognisable header. */
  sheet?: string;
  mapping?: ColumnMapping;
}

export type Convert<T> = (row: Row, rowNumber: number, ctx: RowContext) => RowOutcome<T> | null;

const HEAD_BYTES = 64 * 1024;

async function readHead(path: string): Promise<Uint8Array> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(path, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError({ code: "file.notFound", params: { file: path } });
    throw new InputError({ code: "file.unreadable", params: { file: path, detail: (e as Error).message } });
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new InputError({ code: "file.unreadable", params: { file: path, detail: "es un directorio / is a directory" } });
    const buf = Buffer.alloc(Math.min(HEAD_BYTES, stat.size));
    await handle.read(buf, 0, buf.length, 0);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
  } finally {
    await handle.close();
  }
}

/**
 * Streams a ledger-like file (.xlsx, .csv, .txt) into a TableReader. What the file is comes
 * from its bytes, not its name. The file is only ever opened for reading.
 */
export async function readTableFile<T>(
  path: string,
  spec: TableSpec,
  convert: Convert<T>,
  emit: (record: T) => void,
  options: ReadTableOptions = {},
): Promise<{ reader: TableReader<T>; info: SourceInfo }> {
  const head = await readHead(path);
  const kind = sniff(head);
  const file = basename(path);
  switch (kind) {
    case "empty":
      throw new InputError({ code: "file.empty", params: { file } });
    case "ole":
      throw new InputError({ code: "file.encrypted", params: { file } });
    case "binary":
      throw new InputError({ code: "file.binary", params: { file } });
    case "xlsx":
      return readXlsx(path, file, spec, convert, emit, options);
    default:
      return readDelimited(path, file, head, spec, convert, emit, options);
  }
}

async function readDelimited<T>(
  path: string,
  file: string,
  head: Uint8Array,
  spec: TableSpec,
  convert: Convert<T>,
  emit: (record: T) => void,
  options: ReadTableOptions,
): Promise<{ reader: TableReader<T>; info: SourceInfo }> {
  const { encoding, bomLength } = detectEncoding(head);
  const sample = new TextDecoder(encoding).decode(head.subarray(bomLength));
  if (sample.trim() === "") throw new InputError({ code: "file.empty", params: { file } });
  const delimiter = detectDelimiter(sample);
  const info: SourceInfo = { file, format: "text", encoding, delimiter, dateSystem: 1900 };
  const reader = new TableReader<T>(spec, convert, emit, { dateSystem: 1900, lang: options.lang, mapping: options.mapping });

  const decoder = new TextDecoder(encoding);
  const bytes = createReadStream(path, { start: bomLength, highWaterMark: 1 << 20 });
  async function* decoded() {
    for await (const chunk of bytes) {
      const text = decoder.decode(chunk as Buffer, { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  }
  const input = Readable.from(decoded(), { objectMode: false, encoding: "utf8" });
  let rowNumber = 0;
  // SAP writes tab and pipe files without quoting; a lone `"` in a text (`TUBO 1/2"`) must stay text.
  const quoting = delimiter === "," || delimiter === ";";
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(input as unknown as File, {
      delimiter,
      quoteChar: quoting ? '"' : "\u0000",
      skipEmptyLines: false,
      chunk: (results, parser) => {
        const rows = results.data;
        for (let i = 0; i < rows.length; i++) {
          rowNumber++;
          const row = quoting ? rows[i] : unquote(rows[i]);
          if (!reader.push(row, rowNumber)) {
            parser.abort();
            return;
          }
        }
      },
      complete: () => resolve(),
      error: (err: Error) => reject(new InputError({ code: "file.unreadable", params: { file, detail: err.message } })),
    });
  });
  input.destroy();
  bytes.destroy();
  finish(reader, file);
  return { reader, info };
}

/** Removes quotes that enclose a whole field in an unquoted format ("1,234.56" from Excel's text export). */
function unquote(row: string[]): string[] {
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v.length >= 2 && v.charCodeAt(0) === 34 && v.charCodeAt(v.length - 1) === 34) row[i] = v.slice(1, -1).replace(/""/g, '"');
  }
  return row;
}

function finish<T>(reader: TableReader<T>, file: string): void {
  try {
    reader.finish(file);
  } catch (e) {
    if (e instanceof HeaderNotFoundError) throw headerError(e);
    throw e;
  }
}

export function headerError(e: HeaderNotFoundError): InputError {
  return new InputError({
    code: "header.notFound",
    params: {
      rows: HEADER_SCAN_ROWS,
      found: e.miss.found.length ? e.miss.found.map((h) => `"${h}"`).join(", ") : "—",
      "needed.es": e.miss.neededByLang.es.join("; "),
      "needed.en": e.miss.neededByLang.en.join("; "),
    },
  });
}

async function readXlsx<T>(
  path: string,
  file: string,
  spec: TableSpec,
  convert: Convert<T>,
  emit: (record: T) => void,
  options: ReadTableOptions,
): Promise<{ reader: TableReader<T>; info: SourceInfo }> {
  const wb = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    worksheets: "emit",
    entries: "ignore",
  });
  let chosen: { reader: TableReader<T>; info: SourceInfo } | null = null;
  let firstMiss: HeaderNotFoundError | null = null;
  let sheets = 0;
  try {
    for await (const ws of wb) {
      sheets++;
      const sheetName = (ws as unknown as { name?: string }).name ?? `Sheet${sheets}`;
      const props = (wb as unknown as { properties?: { model?: { date1904?: boolean } } }).properties;
      const system: DateSystem = props?.model?.date1904 ? 1904 : 1900;
      const wanted: boolean = chosen === null && (options.sheet === undefined || options.sheet === sheetName);
      const reader: TableReader<T> | null = wanted ? new TableReader<T>(spec, convert, emit, { dateSystem: system, lang: options.lang, mapping: options.mapping }) : null;
      let alive = reader !== null;
      for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
        if (!alive) continue; // keep draining: the zip is read in order
        alive = reader!.push(gridRowFromExcelJs(row.values, system), row.number);
      }
      if (reader) {
        try {
          reader.finish(file);
          chosen = { reader, info: { file, format: "xlsx", sheet: sheetName, dateSystem: system } };
        } catch (e) {
          if (!(e instanceof HeaderNotFoundError)) throw e;
          firstMiss ??= e;
        }
      }
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError({ code: "file.corruptXlsx", params: { file, detail: (e as Error).message } });
  }
  if (chosen) return chosen;
  if (firstMiss) throw headerError(firstMiss);
  throw new InputError({ code: "file.noSheets", params: { file } });
}

/** Reads a whole (small) table into memory: customer masters, settings lists. */
export async function readAllRecords<T>(path: string, spec: TableSpec, convert: Convert<T>, options: ReadTableOptions = {}) {
  const records: T[] = [];
  const { reader, info } = await readTableFile(path, spec, convert, (r) => records.push(r), options);
  return { records, reader, info };
}

