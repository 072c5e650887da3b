/** What a file really is, from its first bytes, whatever its name says. */
export type FileKind = "empty" | "xlsx" | "ole" | "binary" | "text";

export function sniff(head: Uint8Array): FileKind {
  if (head.length === 0) return "empty";
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) return "xlsx";
  // Compound File Binary: an encrypted .xlsx or a legacy .xls.
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return "ole";
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (utf16) return "text";
  let control = 0;
  const n = Math.min(head.length, 8192);
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) return "binary";
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > n * 0.01 ? "binary" : "text";
}

export type TextEncoding = "utf-8" | "windows-1252" | "utf-16le" | "utf-16be";

/**
 * UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or, when the bytes are not
 * valid UTF-8, Windows-1252 — what SAP GUI writes on Spanish Windows. `complete`: `head` is
 * the whole file.
 */
export function detectEncoding(head: Uint8Array, complete = false): { encoding: TextEncoding; bomLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", bomLength: 2 };
  // A sample may end inside a multi-byte character: drop a partial sequence at the end (not
  // when the sample is the whole file: there a lone `Ñ` at the very end is Windows-1252).
  let end = head.length;
  for (let k = 1; k <= 3 && end - k >= 0 && !complete; k++) {
    const b = head[end - k];
    if ((b & 0xc0) === 0xc0) {
      end -= k;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, end));
    return { encoding: "utf-8", bomLength: 0 };
  } catch {
    return { encoding: "windows-1252", bomLength: 0 };
  }
}

export type Delimiter = "\t" | "," | ";" | "|";

/**
 * A tab on most lines; otherwise the delimiter whose count is the same on the most lines:
 * title lines have none, amounts and names carry commas at random, so consistency beats
 * frequency.
 */
export function detectDelimiter(sample: string): Delimiter {
  const lines = sample.split(/\r\n|\r|\n/).filter((l) => l.trim() !== "").slice(0, 60);
  // No name, amount or address holds a tab: on most lines it is the delimiter, however the
  // number of fields varies (Excel's text export drops a row's empty cells at its end).
  let tabbed = 0;
  for (const line of lines) if (line.indexOf("\t") >= 0) tabbed++;
  if (lines.length > 0 && tabbed * 2 >= lines.length) return "\t";
  let best: Delimiter = ",";
  let bestScore = -1;
  for (const d of ["\t", ";", "|", ","] as Delimiter[]) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      let c = 0;
      for (let i = 0; i < line.length; i++) if (line[i] === d) c++;
      if (c > 0) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    let score = 0;
    for (const [count, lineCount] of counts) score = Math.max(score, lineCount * 1000 + Math.min(count, 999));
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Decodes a text file chunk by chunk. When the first bytes were plain ASCII they could not tell
 * UTF-8 from Windows-1252, so it starts as UTF-8 and, at the first byte that is not valid
 * UTF-8 while everything before was ASCII, switches to Windows-1252 for that chunk and the
 * rest: an `ñ` on row 5,000 of an English-headed SAP export is not lost.
 */
const NON_ASCII = /[\u0080-\uffff]/;
const EMPTY = new Uint8Array(0);

/** The last bytes of a chunk that could begin a multi-byte UTF-8 character (at most 3). */
function trailingNonAscii(chunk: Uint8Array): Uint8Array {
  let k = chunk.length;
  while (k > 0 && chunk.length - k < 3 && chunk[k - 1] >= 0x80) k--;
  return k === chunk.length ? EMPTY : chunk.slice(k);
}

export class TextChunkDecoder {
  private decoder: InstanceType<typeof TextDecoder>;
  private undecided: boolean;
  /** While undecided: the bytes at the end of the last chunk that the UTF-8 decoder is holding. */
  private held: Uint8Array = EMPTY;
  encoding: TextEncoding;

  constructor(encoding: TextEncoding, headIsAscii: boolean) {
    this.encoding = encoding;
    this.undecided = encoding === "utf-8" && headIsAscii;
    this.decoder = new TextDecoder(encoding, { fatal: this.undecided });
  }

  decode(chunk: Uint8Array, stream = true): string {
    if (!this.undecided) return this.decoder.decode(chunk, { stream });
    try {
      const text = this.decoder.decode(chunk, { stream });
      // Real UTF-8 beyond ASCII settles it; from here on a bad byte is just a bad byte.
      if (NON_ASCII.test(text)) this.settle("utf-8");
      else this.held = stream ? trailingNonAscii(chunk) : EMPTY;
      return text;
    } catch {
      // The decoder kept the first bytes of what looked like a character split across chunks:
      // they are Windows-1252 letters too (`Ã` then a space), decoded here with the rest.
      const held = this.held;
      this.settle("windows-1252");
      if (held.length === 0) return this.decoder.decode(chunk, { stream });
      const joined = new Uint8Array(held.length + chunk.length);
      joined.set(held);
      joined.set(chunk, held.length);
      return this.decoder.decode(joined, { stream });
    }
  }

  end(): string {
    if (!this.undecided) return this.decoder.decode();
    try {
      return this.decoder.decode();
    } catch {
      // The file ends in what began a UTF-8 character: Windows-1252 letters after all.
      const held = this.held;
      this.settle("windows-1252");
      return this.decoder.decode(held);
    }
  }

  private settle(encoding: TextEncoding): void {
    this.undecided = false;
    this.held = EMPTY;
    this.encoding = encoding;
    this.decoder = new TextDecoder(encoding);
  }
}

export function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
  return true;
}
