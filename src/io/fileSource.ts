import { promises as fsp } from "node:fs";
import { basename } from "node:path";
import { findHeader, HEADER_SCAN_ROWS, headerNotFound, isHeaderMatch, type HeaderMiss, type TableSpec } from "../core/tables/columns";
import { InputError } from "../core/errors";
import type { Row } from "../core/grid";
import { decodedText, readHead } from "./readTable";
import { TextChunkDecoder } from "./sniff";
import { classify, parseDelimited, textSetup, type TextSetup } from "./tableSource";
import { openXlsx, XlsxError, type XlsxBook } from "./xlsxGrid";
import type { GridChunk, ReadOptions, SourcePreview, TableSource } from "../jobs/source";

/**
 * A file on disk as a job's table source: the command line's door. What the file is comes from
 * its bytes, not its name; text is streamed, never held whole; the file is only ever opened
 * for reading. An .xlsx is read from memory (its compressed size is modest) and the sheet is
 * the one named, else the first (visible ones first) whose header the kind recognises.
 */
const HEAD_BYTES = 64 * 1024;
const CHUNK_ROWS = 256;
/**
 * Rows of the preview: the header is looked for in the first 30 (HEADER_SCAN_ROWS), and each
 * column's date order and decimal separator are decided from all of them.
 */
const FORMAT_SAMPLE_ROWS = 2000;

export interface FileSourceOptions {
  /** Worksheet of an .xlsx, matched ignoring case. */
  sheet?: string;
}

export function fileSource(path: string, spec: TableSpec, options: FileSourceOptions = {}): TableSource {
  const file = basename(path);
  let opened: Promise<Opened> | null = null;
  const open = () => (opened ??= openFile(path, file, spec, options));
  return {
    preview: async () => (await open()).preview,
    read: async (read) => (await open()).read(read),
  };
}

interface Opened {
  preview: SourcePreview;
  read(options: ReadOptions): Promise<void>;
}

async function openFile(path: string, file: string, spec: TableSpec, options: FileSourceOptions): Promise<Opened> {
  const { head, complete } = await readHead(path);
  if (classify(head, file) === "xlsx") return openXlsxFile(path, file, spec, options);
  const setup = textSetup(head, file, complete);
  return { preview: await textPreview(head, setup, file), read: (read) => readText(path, setup, file, read) };
}

/** Collects rows into chunks and hands each one over as it fills. */
class Chunker {
  private rows: Row[] = [];
  private numbers: number[] = [];
  private consecutive = true;
  constructor(private readonly onChunk: (chunk: GridChunk) => void | Promise<void>) {}
  push(row: Row, n: number): boolean {
    const len = this.numbers.length;
    if (len > 0 && this.numbers[len - 1] !== n - 1) this.consecutive = false;
    this.rows.push(row);
    this.numbers.push(n);
    if (this.rows.length >= CHUNK_ROWS) this.flush();
    return true;
  }
  flush(): void {
    if (this.rows.length === 0) return;
    // Job sinks are synchronous: readers cannot wait on them mid-parse.
    void this.onChunk(this.consecutive ? { rows: this.rows, firstRow: this.numbers[0] } : { rows: this.rows, firstRow: this.numbers[0], rowNumbers: this.numbers });
    this.rows = [];
    this.numbers = [];
    this.consecutive = true;
  }
}

async function textPreview(head: Uint8Array, setup: TextSetup, file: string): Promise<SourcePreview> {
  let text = new TextChunkDecoder(setup.encoding, setup.headIsAscii).decode(head.subarray(setup.bomLength), false);
  // The head may end inside a line: keep whole lines only (unless the head is one line).
  const cut = Math.max(text.lastIndexOf("\n"), text.lastIndexOf("\r"));
  if (cut > 0 && head.length >= HEAD_BYTES) text = text.slice(0, cut);
  const rows: Row[] = [];
  await parseDelimited(text, setup, { push: (row: Row) => rows.push(row) < FORMAT_SAMPLE_ROWS }, file);
  return { rows, firstRow: 1, dateSystem: 1900, totalRows: 0, label: file };
}

async function readText(path: string, setup: TextSetup, file: string, read: ReadOptions): Promise<void> {
  const chunker = new Chunker(read.onChunk);
  await parseDelimited(decodedText(path, setup, new TextChunkDecoder(setup.encoding, setup.headIsAscii), file), setup, chunker, file);
  chunker.flush();
}

async function openXlsxFile(path: string, file: string, spec: TableSpec, options: FileSourceOptions): Promise<Opened> {
  let book: XlsxBook;
  try {
    const bytes = await fsp.readFile(path);
    book = openXlsx(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
  } catch (e) {
    throw xlsxInputError(e, file);
  }
  let sheets = [...book.sheets].sort((a, b) => Number(a.state !== "visible") - Number(b.state !== "visible") || a.index - b.index);
  if (options.sheet !== undefined) {
    const wanted = options.sheet.trim().toLowerCase();
    sheets = sheets.filter((s) => s.name.trim().toLowerCase() === wanted);
    if (sheets.length === 0) throw new InputError({ code: "file.sheetNotFound", params: { file, sheet: options.sheet, sheets: book.sheets.map((s) => `"${s.name}"`).join(", ") || "—" } });
  }
  let firstMiss: HeaderMiss | null = null;
  for (const sheet of sheets) {
    const rows: Row[] = [];
    const numbers: number[] = [];
    try {
      book.readSheet(sheet.index, (cells, n) => {
        rows.push(cells);
        numbers.push(n);
        return rows.length < HEADER_SCAN_ROWS;
      });
    } catch (e) {
      throw xlsxInputError(e, file);
    }
    const found = findHeader(spec, rows);
    if (!isHeaderMatch(found)) {
      firstMiss ??= found;
      continue;
    }
    // The header was found in the first rows; a longer sample settles each column's formats.
    book.readSheet(sheet.index, (cells, n) => {
      if (n <= numbers[numbers.length - 1]) return true;
      rows.push(cells);
      numbers.push(n);
      return rows.length < FORMAT_SAMPLE_ROWS;
    });
    const label = file;
    return {
      preview: { rows, firstRow: numbers[0] ?? 1, rowNumbers: numbers, dateSystem: book.dateSystem, totalRows: 0, label },
      read: async (read) => {
        const chunker = new Chunker(read.onChunk);
        try {
          book.readSheet(sheet.index, (cells, n) => chunker.push(cells, n));
        } catch (e) {
          throw xlsxInputError(e, file);
        }
        chunker.flush();
      },
    };
  }
  if (firstMiss) throw headerNotFound(firstMiss);
  throw new InputError({ code: "file.noSheets", params: { file } });
}

function xlsxInputError(e: unknown, file: string): Error {
  if (e instanceof XlsxError) return new InputError({ code: "file.corruptXlsx", params: { file, detail: e.message } });
  if (e instanceof InputError) return e;
  if ((e as NodeJS.ErrnoException)?.code) return new InputError({ code: "file.unreadable", params: { file, detail: (e as Error).message } });
  return e as Error;
}
