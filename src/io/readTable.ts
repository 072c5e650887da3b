import ExcelJS from "exceljs";
import { createReadStream, promises as fsp } from "node:fs";
import { basename } from "node:path";
import { Readable } from "node:stream";
import type { TableSpec } from "../core/columns";
import type { DateSystem } from "../core/dates";
import { InputError } from "../core/errors";
import { HeaderNotFoundError, type TableReader } from "../core/table";
import { gridRowFromExcelJs } from "./cells";
import { classify, finishReader, headerError, newReader, parseDelimited, textSetup, type Convert, type ReadTableOptions, type TableRead } from "./tableSource";

export type { Convert, ReadTableOptions, SourceInfo } from "./tableSource";

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
 * Streams a ledger-like file (.xlsx, .csv, .txt) into a TableReader: the command line's way
 * in. What the file is comes from its bytes, not its name; it is only opened for reading.
 */
export async function readTableFile<T>(path: string, spec: TableSpec, convert: Convert<T>, emit: (record: T) => void, options: ReadTableOptions = {}): Promise<TableRead<T>> {
  const head = await readHead(path);
  const file = basename(path);
  if (classify(head, file) === "xlsx") return readXlsxFile(path, file, spec, convert, emit, options);

  const setup = textSetup(head, file);
  const reader = newReader(spec, convert, emit, options, 1900);
  const decoder = new TextDecoder(setup.encoding);
  const bytes = createReadStream(path, { start: setup.bomLength, highWaterMark: 1 << 20 });
  async function* decoded() {
    for await (const chunk of bytes) {
      const text = decoder.decode(chunk as Buffer, { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  }
  const input = Readable.from(decoded(), { objectMode: false, encoding: "utf8" });
  try {
    await parseDelimited(input, setup, reader, file);
  } finally {
    input.destroy();
    bytes.destroy();
  }
  finishReader(reader, file);
  return { reader, info: { file, format: "text", encoding: setup.encoding, delimiter: setup.delimiter, dateSystem: 1900 } };
}

async function readXlsxFile<T>(path: string, file: string, spec: TableSpec, convert: Convert<T>, emit: (record: T) => void, options: ReadTableOptions): Promise<TableRead<T>> {
  const wb = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    worksheets: "emit",
    entries: "ignore",
  });
  let chosen: TableRead<T> | null = null;
  let firstMiss: HeaderNotFoundError | null = null;
  let sheets = 0;
  try {
    for await (const ws of wb) {
      sheets++;
      const sheetName = (ws as unknown as { name?: string }).name ?? `Sheet${sheets}`;
      const props = (wb as unknown as { properties?: { model?: { date1904?: boolean } } }).properties;
      const system: DateSystem = props?.model?.date1904 ? 1904 : 1900;
      const wanted: boolean = chosen === null && (options.sheet === undefined || options.sheet === sheetName);
      const reader: TableReader<T> | null = wanted ? newReader(spec, convert, emit, options, system) : null;
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

