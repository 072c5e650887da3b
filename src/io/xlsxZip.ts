import { Inflate } from "fflate";

/**
 * Zip access for the .xlsx reader: the central directory for where each part is, fflate for
 * inflating it. No Node APIs, so it runs in the task pane as well as the CLI.
 */

/** `tooLarge`: past one of the limits below (XLSX_LIMITS): a zip bomb, or more than a workbook holds. */
export type XlsxErrorKind = "notZip" | "corrupt" | "noWorkbook" | "tooLarge";

/** Why a workbook could not be read; `kind` is for callers to choose a message by. */
export class XlsxError extends Error {
  constructor(
    readonly kind: XlsxErrorKind,
    detail: string,
  ) {
    super(detail);
    this.name = "XlsxError";
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  crc: number;
  localOffset: number;
}

/**
 * What a workbook may hold before reading it stops with `tooLarge`. Each bounds the memory or
 * the time a file can make the reader spend, whatever its headers claim: Excel's own grid
 * (16,384 columns, 1,048,576 rows), and beyond it sizes far past a real ledger's (a
 * 1,000,000-row FBL5N export has a ~700 MB sheet part and ~5 million shared strings).
 */
export const XLSX_LIMITS = {
  columns: 16_384,
  rows: 1_048_576,
  /** Inflated bytes of one worksheet part. */
  sheetBytes: 4 * 1024 ** 3,
  /** Inflated bytes of any other part (workbook, relationships, styles, shared strings). */
  partBytes: 1024 ** 3,
  /** Once a part has inflated this much, it may not inflate to more than `ratio` times its compressed bytes. */
  ratioAfter: 8 * 1024 ** 2,
  /**
   * Real parts inflate 3 to 20 times (a 20,000-row FBL5N sheet: 6.5); a bomb of repeated rows
   * or strings, 200 to 250; deflate's ceiling is about 1,032.
   */
  ratio: 100,
  cellsPerSheet: 64 * 1024 ** 2,
  sharedStrings: 8 * 1024 ** 2,
  /** Characters in all shared strings together (memory: one or two bytes each). */
  sharedStringChars: 128 * 1024 ** 2,
  /** Characters in one cell or shared string (Excel's own limit is 32,767). */
  cellChars: 2 * 1024 ** 2,
  sheets: 10_000,
  /** Characters of XML without a tag or text ending (one name, attribute, text node or comment). */
  xmlToken: 8 * 1024 ** 2,
  /** Elements open at once: real parts nest about ten deep. */
  xmlDepth: 256,
} as const;

/** The limits a read applies; tests and callers with other needs may lower or raise all but the grid's. */
export type XlsxLimits = { readonly [K in keyof typeof XLSX_LIMITS]: number };

function mib(n: number): string {
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_LOCATOR64 = 0x07064b50;
/** Compressed bytes handed to the inflater at a time: small enough to stop early, big enough to amortise calls. */
const CHUNK = 1 << 16;

function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}

function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
}

/** Zip64 fields are 64-bit; anything past 2^53 is not a workbook we can hold in memory anyway. */
function u64(b: Uint8Array, i: number): number {
  return u32(b, i) + u32(b, i + 4) * 0x100000000;
}

const utf8 = new TextDecoder("utf-8");

/**
 * Reads the central directory. fflate's streaming `Unzip` finds the end of an entry written
 * with a data descriptor (as exceljs and other streaming writers do) by scanning for a
 * signature, which can match inside compressed data; the directory gives exact sizes instead,
 * and lets the parts be read in any order whatever order the zip stores them in.
 */
export function readZipDirectory(bytes: Uint8Array): Map<string, ZipEntry> {
  if (bytes.length < 2 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new XlsxError("notZip", "not a zip archive (an .xlsx file is one)");
  }
  if (bytes.length < 22) throw new XlsxError("corrupt", "zip archive is truncated");
  let end = -1;
  // The end record sits in the last 22 bytes plus a comment of at most 65,535 bytes.
  for (let i = bytes.length - 22, stop = Math.max(0, bytes.length - 22 - 0xffff); i >= stop; i--) {
    if (u32(bytes, i) === SIG_END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new XlsxError("corrupt", "zip archive is truncated or damaged (no end of central directory)");
  let count = u16(bytes, end + 10);
  let dirOffset = u32(bytes, end + 16);
  if ((count === 0xffff || dirOffset === 0xffffffff) && end >= 20 && u32(bytes, end - 20) === SIG_LOCATOR64) {
    const end64 = u64(bytes, end - 12);
    if (end64 + 56 > bytes.length || u32(bytes, end64) !== SIG_END64) throw new XlsxError("corrupt", "zip64 end record is damaged");
    count = u64(bytes, end64 + 32);
    dirOffset = u64(bytes, end64 + 48);
  }
  const entries = new Map<string, ZipEntry>();
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== SIG_CENTRAL) throw new XlsxError("corrupt", "zip central directory is damaged");
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const crc = u32(bytes, p + 16);
    let compressedSize = u32(bytes, p + 20);
    let size = u32(bytes, p + 24);
    const nameLength = u16(bytes, p + 28);
    const extraLength = u16(bytes, p + 30);
    const commentLength = u16(bytes, p + 32);
    let localOffset = u32(bytes, p + 42);
    const nameEnd = p + 46 + nameLength;
    if (nameEnd + extraLength > bytes.length) throw new XlsxError("corrupt", "zip central directory is damaged");
    // Some writers use backslashes; part names are case-insensitive in OPC.
    const name = utf8.decode(bytes.subarray(p + 46, nameEnd)).replace(/\\/g, "/");
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      for (let x = nameEnd, xEnd = nameEnd + extraLength; x + 4 <= xEnd; ) {
        const id = u16(bytes, x);
        const len = u16(bytes, x + 2);
        if (id === 0x0001) {
          let f = x + 4;
          if (size === 0xffffffff) {
            size = u64(bytes, f);
            f += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = u64(bytes, f);
            f += 8;
          }
          if (localOffset === 0xffffffff) localOffset = u64(bytes, f);
          break;
        }
        x += 4 + len;
      }
    }
    entries.set(name.toLowerCase(), { name, method, flags, compressedSize, size, crc, localOffset });
    p = nameEnd + extraLength + commentLength;
  }
  return entries;
}

function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== SIG_LOCAL) throw new XlsxError("corrupt", `zip entry ${entry.name} is damaged`);
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  if (start + entry.compressedSize > bytes.length) throw new XlsxError("corrupt", `zip entry ${entry.name} is truncated`);
  if (entry.flags & 1) throw new XlsxError("corrupt", `zip entry ${entry.name} is encrypted`);
  return bytes.subarray(start, start + entry.compressedSize);
}

let crcTables: Int32Array | undefined;

/** CRC-32 eight bytes at a time (slicing-by-8): a byte-wise loop cost a tenth of the whole read. */
function crc32Update(crc: number, data: Uint8Array): number {
  let t = crcTables;
  if (!t) {
    t = crcTables = new Int32Array(256 * 8);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      t[n] = c;
    }
    for (let n = 0; n < 256; n++) for (let k = 1; k < 8; k++) t[k * 256 + n] = t[(k - 1) * 256 + n] >>> 8 ^ t[t[(k - 1) * 256 + n] & 0xff];
  }
  let c = ~crc;
  let i = 0;
  const end8 = data.length - (data.length & 7);
  for (; i < end8; i += 8) {
    const lo = c ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
    c =
      t[1792 + (lo & 0xff)] ^
      t[1536 + ((lo >>> 8) & 0xff)] ^
      t[1280 + ((lo >>> 16) & 0xff)] ^
      t[1024 + (lo >>> 24)] ^
      t[768 + data[i + 4]] ^
      t[512 + data[i + 5]] ^
      t[256 + data[i + 6]] ^
      t[data[i + 7]];
  }
  for (; i < data.length; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * Hands an entry's uncompressed bytes to `onBytes` in pieces as they are inflated. A part that
 * inflates to the wrong length or checksum throws `corrupt` after its last piece: callers may
 * already have seen rows by then, but a damaged file is never reported as read in full. The
 * inflated bytes are counted as they come, since headers lie: past the declared size is
 * `corrupt` at once; past `maxBytes` or an implausible compression ratio is `tooLarge`, before
 * the next piece is inflated.
 */
export function streamZipEntry(bytes: Uint8Array, entry: ZipEntry, onBytes: (chunk: Uint8Array) => void, maxBytes: number = XLSX_LIMITS.partBytes, limits: XlsxLimits = XLSX_LIMITS): void {
  const data = entryData(bytes, entry);
  if (entry.size > maxBytes) throw new XlsxError("tooLarge", `${entry.name} declares ${mib(entry.size)} uncompressed; the limit is ${mib(maxBytes)}`);
  let total = 0;
  let fed = 0;
  let crc = 0;
  let done = false;
  // Tells the inflater's own errors (damage) from the consumer's, which must pass unchanged.
  let downstream: unknown = undefined;
  const take = (chunk: Uint8Array, final: boolean) => {
    if (chunk.length) {
      total += chunk.length;
      if (total > entry.size) {
        downstream = new XlsxError("corrupt", `zip entry ${entry.name} inflates past its declared ${entry.size} bytes`);
        throw downstream;
      }
      if (total > limits.ratioAfter && total > limits.ratio * Math.max(fed, 1)) {
        downstream = new XlsxError("tooLarge", `${entry.name} inflates to more than ${limits.ratio} times its compressed size, as a zip bomb does`);
        throw downstream;
      }
      crc = crc32Update(crc, chunk);
      try {
        onBytes(chunk);
      } catch (e) {
        downstream = e;
        throw e;
      }
    }
    if (final) done = true;
  };
  if (entry.method === 0) {
    for (let off = 0; off < data.length; off += CHUNK) {
      fed = Math.min(data.length, off + CHUNK);
      take(data.subarray(off, off + CHUNK), false);
    }
    done = true;
  } else if (entry.method === 8) {
    const inflater = new Inflate(take);
    try {
      if (data.length === 0) inflater.push(data, true);
      for (let off = 0; off < data.length; off += CHUNK) {
        fed = Math.min(data.length, off + CHUNK);
        inflater.push(data.subarray(off, off + CHUNK), off + CHUNK >= data.length);
      }
    } catch (e) {
      if (e === downstream) throw e;
      throw new XlsxError("corrupt", `zip entry ${entry.name} is damaged (${e instanceof Error ? e.message : String(e)})`);
    }
  } else {
    throw new XlsxError("corrupt", `zip entry ${entry.name} uses unsupported compression method ${entry.method}`);
  }
  if (!done || total !== entry.size || crc !== entry.crc) throw new XlsxError("corrupt", `zip entry ${entry.name} is damaged (size or checksum mismatch)`);
}
