import { createReadStream, promises as fsp } from "node:fs";
import { basename } from "node:path";
import type { TableSpec } from "../core/tables/columns";
import { InputError } from "../core/errors";
import { TextChunkDecoder } from "./sniff";
import { classify, finishReader, newReader, parseDelimited, readXlsxBytes, textSetup, type Convert, type ReadTableOptions, type TableRead, type TextSetup } from "./tableSource";

export type { Convert, ReadTableOptions, SourceInfo } from "./tableSource";

const HEAD_BYTES = 64 * 1024;

/** The first bytes of the file, and whether they are all of it. */
export async function readHead(path: string): Promise<{ head: Uint8Array; complete: boolean }> {
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
    if (stat.isDirectory()) throw new InputError({ code: "file.isDirectory", params: { file: path } });
    const buf = Buffer.alloc(Math.min(HEAD_BYTES, stat.size));
    await handle.read(buf, 0, buf.length, 0);
    return { head: new Uint8Array(buf.buffer, buf.byteOffset, buf.length), complete: stat.size <= HEAD_BYTES };
  } finally {
    await handle.close();
  }
}

/**
 * Streams a ledger-like file (.xlsx, .csv, .txt) into a TableReader: the command line's way
 * in. What the file is comes from its bytes, not its name; it is only opened for reading.
 */
export async function readTableFile<T>(path: string, spec: TableSpec, convert: Convert<T>, emit: (record: T) => void, options: ReadTableOptions = {}): Promise<TableRead<T>> {
  const { head, complete } = await readHead(path);
  const file = basename(path);
  if (classify(head, file) === "xlsx") return readXlsxFile(path, file, spec, convert, emit, options);

  const setup = textSetup(head, file, complete);
  const reader = newReader(spec, convert, emit, options, 1900);
  const decoder = new TextChunkDecoder(setup.encoding, setup.headIsAscii);
  const read = await parseDelimited(decodedText(path, setup, decoder, file), setup, reader, file);
  finishReader(reader, file);
  return { reader, info: { file, format: "text", encoding: decoder.encoding, delimiter: setup.delimiter, dateSystem: 1900, rows: read.records, lines: read.lines } };
}

async function readXlsxFile<T>(path: string, file: string, spec: TableSpec, convert: Convert<T>, emit: (record: T) => void, options: ReadTableOptions): Promise<TableRead<T>> {
  // The zip is read from memory (its compressed size is modest); sheets stream out of it.
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(path);
  } catch (e) {
    throw new InputError({ code: "file.unreadable", params: { file, detail: (e as Error).message } });
  }
  return readXlsxBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), file, spec, convert, emit, options);
}

/**
 * The file's text after its byte-order mark, decoded piece by piece as it streams from disk
 * (never held whole). A read error mid-way is one clear message.
 */
export async function* decodedText(path: string, setup: TextSetup, decoder: TextChunkDecoder, file: string): AsyncGenerator<string> {
  const bytes = createReadStream(path, { start: setup.bomLength, highWaterMark: 1 << 20 });
  try {
    const chunks = bytes[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = (await chunks.next()) as IteratorResult<Buffer>;
      } catch (e) {
        throw new InputError({ code: "file.unreadable", params: { file, detail: (e as Error).message } });
      }
      if (next.done) break;
      const text = decoder.decode(next.value);
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    bytes.destroy();
  }
}

/** Reads a whole (small) table into memory: customer masters, settings lists. */
export async function readAllRecords<T>(path: string, spec: TableSpec, convert: Convert<T>, options: ReadTableOptions = {}) {
  const records: T[] = [];
  const { reader, info } = await readTableFile(path, spec, convert, (r) => records.push(r), options);
  return { records, reader, info };
}

