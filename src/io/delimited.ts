import type { Delimiter } from "./sniff";

/**
 * Delimited text, split into rows without guessing. Every line break — CRLF, LF or a lone CR
 * (old Mac exports) — ends a line wherever it falls, so two exports pasted together with
 * different line endings read as every one of their lines. papaparse, which read these files
 * before, guesses one newline from the first chunk (a CRLF half then swallows the LF half into
 * one field per line, silently), cannot turn quoting off (its stand-in quote character made a
 * NUL byte open a field that ran to the next NUL) and re-parses an unclosed quoted field on
 * every chunk of a stream (quadratic time). The rules here are RFC 4180's, as Excel reads a
 * CSV: a quote opens a field only at its start, `""` inside one is a quote, and a quoted field
 * may hold line breaks. What those rules cannot read unambiguously is an error that names the
 * line, never a guess.
 */

export interface DelimitedFormat {
  delimiter: Delimiter;
  /** false: quotes are text (SAP tab and pipe files: `TUBO 1/2"`); a field wholly in quotes loses them. */
  quoting: boolean;
}

/** What a whole read saw: records handed over and the lines of text they came from. */
export interface DelimitedSummary {
  /** Records passed to the sink (numbered 1, 2, … as a spreadsheet shows them). */
  records: number;
  /** Lines of text read: records plus the extra lines of quoted fields that hold line breaks. */
  lines: number;
  /** Whether the sink asked to stop before the end of the text. */
  stopped: boolean;
}

/** Why the text cannot be split into rows; `line` is 1-based in the text. */
export class DelimitedError extends Error {
  constructor(
    readonly reason: "unclosedQuote" | "strayQuote" | "recordTooLong",
    readonly line: number,
    /** For a stray quote: the line where the quoted field began. For a long record: the limit. */
    readonly detail = 0,
  ) {
    super(`${reason} at line ${line}`);
    this.name = "DelimitedError";
  }
}

/**
 * The longest record read, in characters: far past Excel's 32,767 characters per cell times a
 * few hundred columns, and short enough that one line with no end (a binary file that passed
 * for text, a quote that never closes) cannot take the process's memory.
 */
export const MAX_RECORD_CHARS = 64 * 1024 * 1024;

const QUOTE = 34;
const SPACE = 32;

/** Removes quotes that enclose a whole field in an unquoted format ("1,234.56" from Excel's text export). */
function unquote(row: string[]): string[] {
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v.length >= 2 && v.charCodeAt(0) === QUOTE && v.charCodeAt(v.length - 1) === QUOTE) row[i] = v.slice(1, -1).replace(/""/g, '"');
  }
  return row;
}

/**
 * Splits text fed in pieces into rows. `sink` returns false to stop. Throws DelimitedError.
 * Pieces may break anywhere, even between the CR and LF of one line break.
 */
export class DelimitedSplitter {
  private carry = "";
  /** A piece ended in CR: if the next begins with LF, that LF belongs to the same break. */
  private pendingCR = false;
  private line = 0;
  private records = 0;
  private stopped = false;
  // A quoted field still open at the end of a line: the record so far.
  private openRow: string[] | null = null;
  private openField = "";
  private openLine = 0;
  private openChars = 0;

  constructor(
    private readonly format: DelimitedFormat,
    private readonly sink: (row: string[], recordNumber: number) => boolean,
  ) {}

  get summary(): DelimitedSummary {
    return { records: this.records, lines: this.line, stopped: this.stopped };
  }

  /** Feeds a piece of text; returns false once the sink asked to stop. */
  write(piece: string): boolean {
    if (this.stopped || piece === "") return !this.stopped;
    let text = piece;
    if (this.pendingCR) {
      this.pendingCR = false;
      if (text.charCodeAt(0) === 10) text = text.slice(1);
    }
    if (text.charCodeAt(text.length - 1) === 13) {
      this.pendingCR = true;
      text = text.slice(0, -1) + "\n";
    }
    if (text.indexOf("\r") >= 0) text = text.replace(/\r\n?/g, "\n");
    let start = 0;
    let nl = text.indexOf("\n");
    if (nl < 0) {
      this.carry += text;
      this.checkLength();
      return true;
    }
    // The first line completes what the last piece left over.
    let first = text.slice(0, nl);
    if (this.carry !== "") {
      first = this.carry + first;
      this.carry = "";
    }
    if (!this.takeLine(first)) return false;
    start = nl + 1;
    while ((nl = text.indexOf("\n", start)) >= 0) {
      if (!this.takeLine(text.slice(start, nl))) return false;
      start = nl + 1;
    }
    this.carry = text.slice(start);
    this.checkLength();
    return true;
  }

  /** After the last piece: the last line (when the text does not end in a line break) and any quote left open. */
  end(): DelimitedSummary {
    if (!this.stopped) {
      if (this.carry !== "") {
        const last = this.carry;
        this.carry = "";
        this.takeLine(last);
      }
      if (this.openRow !== null) throw new DelimitedError("unclosedQuote", this.openLine);
    }
    return this.summary;
  }

  private checkLength(): void {
    if (this.carry.length + this.openChars > MAX_RECORD_CHARS) throw new DelimitedError("recordTooLong", this.openRow ? this.openLine : this.line + 1, MAX_RECORD_CHARS);
  }

  private emit(row: string[]): boolean {
    this.records++;
    if (this.sink(row, this.records)) return true;
    this.stopped = true;
    return false;
  }

  private takeLine(line: string): boolean {
    this.line++;
    if (line.length > MAX_RECORD_CHARS) throw new DelimitedError("recordTooLong", this.openRow ? this.openLine : this.line, MAX_RECORD_CHARS);
    const { delimiter, quoting } = this.format;
    if (!quoting) return this.emit(unquote(line.split(delimiter)));
    if (this.openRow === null && line.indexOf('"') < 0) return this.emit(line.split(delimiter));
    return this.quotedLine(line);
  }

  /** One line of a quoting format, continuing a quoted field left open by the line before. */
  private quotedLine(line: string): boolean {
    const d = this.format.delimiter;
    const n = line.length;
    let row: string[];
    let pos = 0;
    let field: string;
    if (this.openRow !== null) {
      row = this.openRow;
      field = this.openField + "\n";
      this.openChars += line.length + 1;
      if (this.openChars > MAX_RECORD_CHARS) throw new DelimitedError("recordTooLong", this.openLine, MAX_RECORD_CHARS);
      this.openRow = null;
      const r = this.closeQuoted(line, 0, field);
      if (r.open) return this.leaveOpen(row, r.field);
      if (r.next < 0) throw new DelimitedError("strayQuote", this.line, this.openLine);
      row.push(r.field);
      if (r.next >= n) return this.emit(row);
      pos = r.next;
    } else {
      row = [];
      this.openLine = this.line;
      this.openChars = line.length;
    }
    // pos is the start of a field.
    for (;;) {
      if (pos < n && line.charCodeAt(pos) === QUOTE) {
        const r = this.closeQuoted(line, pos + 1, "");
        if (r.open) return this.leaveOpen(row, r.field);
        if (r.next < 0) {
          // `"ESPECIAL" PISO`: not a quoted field after all. On its own line it is plain text up to the next delimiter.
          const end = line.indexOf(d, pos);
          row.push(end < 0 ? line.slice(pos) : line.slice(pos, end));
          if (end < 0) return this.emit(row);
          pos = end + d.length;
          continue;
        }
        row.push(r.field);
        if (r.next >= n) return this.emit(row);
        pos = r.next;
        continue;
      }
      const end = line.indexOf(d, pos);
      if (end < 0) {
        row.push(line.slice(pos));
        return this.emit(row);
      }
      row.push(line.slice(pos, end));
      pos = end + d.length;
    }
  }

  private leaveOpen(row: string[], field: string): boolean {
    this.openRow = row;
    this.openField = field;
    return true;
  }

  /**
   * Reads a quoted field's text from `from` to its closing quote. `next` is where the next
   * field starts (past the delimiter; `n` at the end of the line), -1 when a quote inside is
   * followed by something else (the field is not well formed); `open` when the line ends first.
   */
  private closeQuoted(line: string, from: number, prefix: string): { field: string; next: number; open: boolean } {
    const d = this.format.delimiter;
    const n = line.length;
    let field = prefix;
    let at = from;
    for (;;) {
      const q = line.indexOf('"', at);
      if (q < 0) return { field: field + line.slice(at), next: n, open: true };
      field += line.slice(at, q);
      if (q + 1 < n && line.charCodeAt(q + 1) === QUOTE) {
        field += '"';
        at = q + 2;
        continue;
      }
      // Excel tolerates spaces between a closing quote and the delimiter; so does papaparse.
      let k = q + 1;
      while (k < n && line.charCodeAt(k) === SPACE) k++;
      if (k >= n) return { field, next: n, open: false };
      if (line.startsWith(d, k)) return { field, next: k + d.length, open: false };
      return { field, next: -1, open: false };
    }
  }
}

function isAsyncIterable(x: object): x is AsyncIterable<unknown> {
  return typeof (x as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function";
}

interface StreamReader {
  read(): Promise<{ done: boolean; value?: unknown }>;
  releaseLock?(): void;
  cancel?(): Promise<void>;
}

/**
 * Pieces of text from a string, an async iterable of strings (a Node stream with an encoding,
 * an async generator) or a web ReadableStream of strings. Stopping early returns the iterator,
 * which closes a stream.
 */
export async function splitDelimited(input: string | object, format: DelimitedFormat, sink: (row: string[], recordNumber: number) => boolean): Promise<DelimitedSummary> {
  const splitter = new DelimitedSplitter(format, sink);
  if (typeof input === "string") {
    splitter.write(input);
    return splitter.end();
  }
  if (isAsyncIterable(input)) {
    for await (const piece of input) {
      if (!splitter.write(typeof piece === "string" ? piece : String(piece))) break;
    }
    return splitter.end();
  }
  const getReader = (input as { getReader?: () => StreamReader }).getReader;
  if (typeof getReader === "function") {
    const reader = getReader.call(input);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!splitter.write(typeof value === "string" ? value : String(value))) {
          await reader.cancel?.();
          break;
        }
      }
    } finally {
      reader.releaseLock?.();
    }
    return splitter.end();
  }
  throw new TypeError("splitDelimited: input must be a string, an async iterable of strings or a ReadableStream");
}
