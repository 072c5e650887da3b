import { headerNotFound, type ColumnMapping, type TableSpec } from "../core/tables/columns";
import type { DateSystem } from "../core/dates";
import { InputError } from "../core/errors";
import type { Row } from "../core/grid";
import type { Lang } from "../core/messages";
import { HeaderNotFoundError, TableReader, type RowContext, type RowOutcome } from "../core/tables/table";
import { detectDelimiter, detectEncoding, isAscii, sniff, TextChunkDecoder, type Delimiter, type TextEncoding } from "./sniff";
import { openXlsx, XlsxError, type XlsxBook } from "./xlsxGrid";
import { DelimitedError, splitDelimited, type DelimitedSummary } from "./delimited";

/**
 * Reading a table from the bytes of a file, the same way in the browser (task pane without
 * Office) and in Node (command line, which streams big text files through `parseDelimited`).
 * No Node APIs here.
 */
export interface SourceInfo {
  file: string;
  format: "xlsx" | "text";
  encoding?: TextEncoding;
  delimiter?: Delimiter;
  sheet?: string;
  dateSystem: DateSystem;
  /**
   * Rows handed to the table reader: the records of a text file, the `<row>` elements of the
   * sheet read. With the reader's stats they account for every row of the source.
   */
  rows?: number;
  /** Text: the lines read, more than `rows` when quoted fields hold line breaks. */
  lines?: number;
}

export interface ReadTableOptions {
  lang?: Lang;
  /** Worksheet name for .xlsx; by default the first sheet with a recognisable header. */
  sheet?: string;
  /** A mapping the user corrected; used instead of the one found. */
  mapping?: ColumnMapping;
  headerRow?: number;
}

export type Convert<T> = (row: Row, rowNumber: number, ctx: RowContext) => RowOutcome<T> | null;

export interface TableRead<T> {
  reader: TableReader<T>;
  info: SourceInfo;
}

/** Bytes that are not a table at all get one clear message. */
export function classify(head: Uint8Array, file: string): "xlsx" | "text" {
  switch (sniff(head)) {
    case "empty":
      throw new InputError({ code: "file.empty", params: { file } });
    case "ole":
      throw new InputError({ code: "file.encrypted", params: { file } });
    case "binary":
      throw new InputError({ code: "file.binary", params: { file } });
    case "xlsx":
      return "xlsx";
    default:
      return "text";
  }
}

export interface TextSetup {
  encoding: TextEncoding;
  /** The first bytes were plain ASCII: the encoding is only settled by what follows. */
  headIsAscii: boolean;
  bomLength: number;
  delimiter: Delimiter;
  /** SAP writes tab and pipe files without quoting; a lone `"` in a text (`TUBO 1/2"`) must stay text. */
  quoting: boolean;
}

/** `complete`: `head` holds the whole file (so its last bytes are not a character cut short). */
export function textSetup(head: Uint8Array, file: string, complete = false): TextSetup {
  const { encoding, bomLength } = detectEncoding(head, complete);
  const sample = new TextDecoder(encoding).decode(head.subarray(bomLength));
  if (sample.trim() === "") throw new InputError({ code: "file.empty", params: { file } });
  const delimiter = detectDelimiter(sample);
  return { encoding, headIsAscii: isAscii(head), bomLength, delimiter, quoting: delimiter === "," || delimiter === ";" };
}

export function newReader<T>(spec: TableSpec, convert: Convert<T>, emit: (record: T) => void, options: ReadTableOptions, dateSystem: DateSystem): TableReader<T> {
  return new TableReader<T>(spec, convert, emit, { dateSystem, lang: options.lang, mapping: options.mapping, headerRow: options.headerRow });
}

/**
 * Feeds delimited text to a TableReader. `input` is the whole text, or pieces of decoded text
 * (an async iterable such as a Node stream with an encoding, or a web ReadableStream). Every
 * line of the text becomes a row, numbered as a spreadsheet numbers it; the summary says how
 * many records and lines were read, so a caller can check that nothing went unseen.
 */
export async function parseDelimited<T>(input: string | object, setup: TextSetup, reader: Pick<TableReader<T>, "push">, file: string): Promise<DelimitedSummary> {
  try {
    return await splitDelimited(input, setup, (row, n) => reader.push(row, n));
  } catch (e) {
    if (e instanceof DelimitedError) throw delimitedInputError(e, file);
    throw e;
  }
}

function delimitedInputError(e: DelimitedError, file: string): InputError {
  switch (e.reason) {
    case "unclosedQuote":
      return new InputError({ code: "text.unclosedQuote", params: { file, line: e.line } });
    case "strayQuote":
      return new InputError({ code: "text.strayQuote", params: { file, line: e.line, start: e.detail } });
    case "recordTooLong":
      return new InputError({ code: "text.recordTooLong", params: { file, line: e.line, max: e.detail } });
  }
}

export function headerError(e: HeaderNotFoundError): InputError {
  return headerNotFound(e.miss);
}

export function finishReader<T>(reader: TableReader<T>, file: string): void {
  try {
    reader.finish(file);
  } catch (e) {
    if (e instanceof HeaderNotFoundError) throw headerError(e);
    throw e;
  }
}

/**
 * Reads an .xlsx held in memory: the first sheet (in tab order, visible ones first) with a
 * recognisable header, or the one named. Records are emitted as rows stream by.
 */
export function readXlsxBytes<T>(bytes: Uint8Array, file: string, spec: TableSpec, convert: Convert<T>, emit: (record: T) => void, options: ReadTableOptions): TableRead<T> {
  let book: XlsxBook;
  try {
    book = openXlsx(bytes);
  } catch (e) {
    throw xlsxInputError(e, file);
  }
  const system = book.dateSystem;
  const sheets = [...book.sheets].sort((a, b) => Number(a.state !== "visible") - Number(b.state !== "visible") || a.index - b.index);
  let firstMiss: HeaderNotFoundError | null = null;
  for (const sheet of sheets) {
    if (options.sheet !== undefined && sheet.name !== options.sheet) continue;
    const reader = newReader(spec, convert, emit, options, system);
    let rows = 0;
    try {
      // A sheet without the header stops at row 30 and emits nothing.
      book.readSheet(sheet.index, (cells, rowNumber) => {
        rows++;
        return reader.push(cells, rowNumber);
      });
    } catch (e) {
      throw xlsxInputError(e, file);
    }
    try {
      reader.finish(file);
    } catch (e) {
      if (!(e instanceof HeaderNotFoundError)) throw e;
      firstMiss ??= e;
      continue;
    }
    return { reader, info: { file, format: "xlsx", sheet: sheet.name, dateSystem: system, rows } };
  }
  if (firstMiss) throw headerError(firstMiss);
  throw new InputError({ code: "file.noSheets", params: { file } });
}

function xlsxInputError(e: unknown, file: string): Error {
  if (e instanceof XlsxError) return new InputError({ code: e.kind === "tooLarge" ? "file.xlsxTooLarge" : "file.corruptXlsx", params: { file, detail: e.message } });
  return e as Error;
}

/** Reads a table from a file's bytes, whatever it is: the browser's way in. */
export async function readTableBytes<T>(bytes: Uint8Array, file: string, spec: TableSpec, convert: Convert<T>, emit: (record: T) => void, options: ReadTableOptions = {}): Promise<TableRead<T>> {
  const head = bytes.subarray(0, 64 * 1024);
  if (classify(head, file) === "xlsx") return readXlsxBytes(bytes, file, spec, convert, emit, options);

  const setup = textSetup(head, file, head.length === bytes.length);
  const reader = newReader(spec, convert, emit, options, 1900);
  const decoder = new TextChunkDecoder(setup.encoding, setup.headIsAscii);
  const text = decoder.decode(bytes.subarray(setup.bomLength), false);
  const read = await parseDelimited(text, setup, reader, file);
  finishReader(reader, file);
  return { reader, info: { file, format: "text", encoding: decoder.encoding, delimiter: setup.delimiter, dateSystem: 1900, rows: read.records, lines: read.lines } };
}
