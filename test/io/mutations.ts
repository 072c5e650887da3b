import { strFromU8, strToU8, unzipSync } from "fflate";
import { deflateRawSync, constants as zlibConstants } from "node:zlib";

/**
 * Seeded mutations of real files, shared by `test/io/robustness.test.ts` (a bounded number,
 * in the suite) and `bench/fuzz.ts` (`npm run fuzz`: many more, through the command line).
 * Each class imitates a way real files go wrong: cut downloads, flipped bits, two exports
 * pasted together, a re-save in another encoding, a cell pasted a megabyte long, a workbook
 * damaged inside its zip or built to exhaust whoever opens it.
 */

export type Rng = () => number;

export const TEXT_CLASSES = [
  "truncate",
  "byteFlip",
  "nul",
  "encoding",
  "mixedLineEndings",
  "duplicateLines",
  "deleteLines",
  "delimiterNoise",
  "bigCell",
  "wideRows",
  "oversizedAmount",
] as const;

export const XLSX_CLASSES = [
  "truncate",
  "byteFlip",
  "zipStructure",
  "xmlCorrupt",
  "entityExpansion",
  "externalEntity",
  "zipBomb",
  "oversizedRef",
  "oversizedAmount",
  "bigCell",
  "wideRows",
  "deleteRows",
] as const;

export type TextClass = (typeof TEXT_CLASSES)[number];
export type XlsxClass = (typeof XLSX_CLASSES)[number];
export type MutationClass = TextClass | XlsxClass;

export interface Mutant {
  kind: MutationClass;
  /** What was done, for a failure report: enough to rebuild it with the seed. */
  note: string;
  bytes: Uint8Array;
}

function int(r: Rng, n: number): number {
  return Math.floor(r() * n);
}

function pick<T>(r: Rng, xs: readonly T[]): T {
  return xs[int(r, xs.length)];
}

// ---- text ------------------------------------------------------------------------------

/** Windows-1252 (or ASCII) bytes as Latin-1 text and back: byte-exact, whatever the encoding. */
function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
}

function fromLatin1(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "latin1"));
}

/** The bytes of a Windows-1252 file as real text (0x80-0x9f are letters and signs there, not controls). */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function decodeCp1252(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    s += b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  }
  return s;
}

/** The text of a sample: UTF-8 when it is valid UTF-8 (a BOM dropped), Windows-1252 otherwise. */
function decodeSource(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return decodeCp1252(bytes);
  }
}

function splitLines(text: string): { lines: string[]; ending: string } {
  const ending = text.includes("\r\n") ? "\r\n" : text.includes("\r") ? "\r" : "\n";
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return { lines, ending };
}

function delimiterOf(lines: string[]): string {
  const sample = lines.slice(0, 40).join("\n");
  const counts = ["\t", ";", "|", ","].map((d) => [d, sample.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0][0];
}

/** The index of a data-looking line (one with many fields), away from the title lines. */
function dataLine(r: Rng, lines: string[], d: string): number {
  for (let tries = 0; tries < 50; tries++) {
    const i = 1 + int(r, lines.length - 1);
    if (lines[i].split(d).length > 3) return i;
  }
  return lines.length - 1;
}

/**
 * One mutant of a text file. Classes that come in several shapes take `variant` (a counter,
 * taken modulo the number of shapes) or draw one at random.
 */
export function mutateText(bytes: Uint8Array, kind: TextClass, r: Rng, variant?: number): Mutant {
  const out = new Uint8Array(bytes);
  const n = 1 + int(r, 20);
  const shape = (count: number) => (variant === undefined ? int(r, count) : variant % count);
  const text = latin1(bytes);
  const { lines, ending } = splitLines(text);
  const d = delimiterOf(lines);
  const join = (ls: string[], e = ending) => fromLatin1(ls.join(e) + e);
  switch (kind) {
    case "truncate": {
      const at = int(r, bytes.length);
      return { kind, note: `cut at byte ${at}`, bytes: bytes.subarray(0, at) };
    }
    case "byteFlip": {
      for (let i = 0; i < n; i++) out[int(r, out.length)] ^= 1 << int(r, 8);
      return { kind, note: `${n} bits flipped`, bytes: out };
    }
    case "nul": {
      const at: number[] = [];
      for (let i = 0; i < n; i++) at.push(int(r, out.length));
      // Past the first 8 KB, where a NUL is not taken for a binary file.
      if (r() < 0.7) for (let i = 0; i < at.length; i++) at[i] = Math.min(out.length - 1, 8192 + int(r, Math.max(1, out.length - 8192)));
      for (const i of at) out[i] = 0;
      return { kind, note: `${n} NUL bytes`, bytes: out };
    }
    case "encoding": {
      const decoded = decodeSource(bytes);
      const v = shape(5);
      if (v === 0) return { kind, note: "UTF-8 with BOM", bytes: new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(decoded, "utf8")])) };
      if (v === 1) return { kind, note: "UTF-8 without BOM", bytes: new Uint8Array(Buffer.from(decoded, "utf8")) };
      if (v === 2) return { kind, note: "UTF-16LE with BOM", bytes: new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(decoded, "utf16le")])) };
      if (v === 3) {
        const le = Buffer.from(decoded, "utf16le");
        for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
        return { kind, note: "UTF-16BE with BOM", bytes: new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), le])) };
      }
      // UTF-8 from the middle on: a file put together from two exports in two encodings.
      const half = Math.floor(decoded.length / 2);
      return { kind, note: "first half Windows-1252, second half UTF-8", bytes: new Uint8Array(Buffer.concat([Buffer.from(decoded.slice(0, half), "latin1"), Buffer.from(decoded.slice(half), "utf8")])) };
    }
    case "mixedLineEndings": {
      const v = shape(4);
      if (v === 0) {
        // Two exports pasted together: CRLF, then LF.
        const half = Math.floor(lines.length / 2);
        return { kind, note: `CRLF for ${half} lines, then LF`, bytes: fromLatin1(lines.slice(0, half).join("\r\n") + "\r\n" + lines.slice(half).join("\n") + "\n") };
      }
      if (v === 1) {
        const half = Math.floor(lines.length / 2);
        return { kind, note: `LF for ${half} lines, then CRLF`, bytes: fromLatin1(lines.slice(0, half).join("\n") + "\n" + lines.slice(half).join("\r\n") + "\r\n") };
      }
      if (v === 2) return { kind, note: "lone CR (old Mac)", bytes: join(lines, "\r") };
      let s = "";
      let last = "";
      for (const l of lines) {
        // CR, then an empty line ended by LF, would be one CRLF: a text nobody could read back.
        last = pick(r, last === "\r" && l === "" ? ["\r\n", "\r"] : ["\r\n", "\n", "\r"]);
        s += l + last;
      }
      return { kind, note: "random ending per line", bytes: fromLatin1(s) };
    }
    case "duplicateLines": {
      const ls = [...lines];
      for (let i = 0; i < n; i++) {
        const at = int(r, ls.length);
        ls.splice(at, 0, ls[at]);
      }
      return { kind, note: `${n} lines duplicated`, bytes: join(ls) };
    }
    case "deleteLines": {
      const ls = [...lines];
      for (let i = 0; i < n && ls.length > 1; i++) ls.splice(int(r, ls.length), 1);
      return { kind, note: `${n} lines deleted`, bytes: join(ls) };
    }
    case "delimiterNoise": {
      for (let i = 0; i < n; i++) out[int(r, out.length)] = pick(r, [0x09, 0x0a, 0x0d, 0x22, 0x2c, 0x3b, 0x7c, 0x2d]);
      return { kind, note: `${n} bytes set to delimiters, quotes and breaks`, bytes: out };
    }
    case "bigCell": {
      const ls = [...lines];
      const at = dataLine(r, ls, d);
      const fields = ls[at].split(d);
      const f = int(r, fields.length);
      const size = 1_000_000 + int(r, 100_000);
      fields[f] = (fields[f] + " ").repeat(Math.ceil(size / (fields[f].length + 1))).slice(0, size);
      ls[at] = fields.join(d);
      return { kind, note: `1 MB cell in line ${at + 1}, field ${f + 1}`, bytes: join(ls) };
    }
    case "wideRows": {
      const at = lines.findIndex((l) => l.split(d).length > 3);
      const extra = Math.max(1, 200 - lines[Math.max(at, 0)].split(d).length);
      const v = shape(3);
      if (v === 0) {
        // An export of 200 columns: headers and values for all of them.
        const ls = lines.map((l, i) => (i < at ? l : l + Array.from({ length: extra }, (_, k) => (i === at ? `Campo ${k + 1}` : `${k}`)).map((x) => d + x).join("")));
        return { kind, note: "200 columns on every line", bytes: join(ls) };
      }
      if (v === 1) {
        // Excel's CSV and text exports drop empty cells at the end of a row after the first rows.
        const ls = lines.map((l, i) => (i <= at + 16 ? l + d.repeat(extra) : l + (r() < 0.3 ? d.repeat(extra - 1) + "x" : "")));
        return { kind, note: "200 columns, trailing empties dropped after row 16", bytes: join(ls) };
      }
      const ls = lines.map((l) => (r() < 0.5 ? l + d.repeat(extra) : l));
      return { kind, note: "200 columns on half the lines, at random", bytes: join(ls) };
    }
    case "oversizedAmount": {
      const ls = [...lines];
      const huge = ["999999999999999.99", "99999999999999999999", "90071992547409.93", "1e308", "9,007,199,254,740.99", "123456789012345678901234567890.00-", "9999999999999.99", "-9999999999999.99"];
      for (let i = 0; i < n; i++) {
        const at = dataLine(r, ls, d);
        const fields = ls[at].split(d);
        // The amount columns of an FBL5N line look like 1,234.56 or 1,234.56-.
        const amounts = fields.map((v, k) => (/^-?[\d,]+\.\d\d-?$/.test(v.trim()) ? k : -1)).filter((k) => k >= 0);
        const k = amounts.length ? pick(r, amounts) : int(r, fields.length);
        fields[k] = pick(r, huge);
        ls[at] = fields.join(d);
      }
      return { kind, note: `${n} amounts made huge`, bytes: join(ls) };
    }
  }
}

// ---- xlsx ------------------------------------------------------------------------------

let crcTable: Int32Array | undefined;

export function crc32(data: Uint8Array, crc = 0): number {
  let t = crcTable;
  if (!t) {
    t = crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      t[n] = c;
    }
  }
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** One member of a zip built by hand: its stored bytes and what its headers claim. */
export interface RawPart {
  name: string;
  /** Deflated (method 8) or stored (method 0) bytes, as they go in the archive. */
  data: Uint8Array;
  method: 0 | 8;
  size: number;
  crc: number;
}

export function deflatedPart(name: string, content: Uint8Array): RawPart {
  return { name, data: new Uint8Array(deflateRawSync(content)), method: 8, size: content.length, crc: crc32(content) };
}

/**
 * A zip written field by field, so sizes and checksums can say whatever a test needs (zip32:
 * a declared size is at most 4 GiB − 1).
 */
export function writeZip(parts: RawPart[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(p.method, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(Math.min(p.size, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    chunks.push(local, name, Buffer.from(p.data.buffer, p.data.byteOffset, p.data.length));
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(p.method, 10);
    c.writeUInt32LE(p.crc >>> 0, 16);
    c.writeUInt32LE(p.data.length, 20);
    c.writeUInt32LE(Math.min(p.size, 0xffffffff), 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + p.data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, dir, end]));
}

/** The parts of a workbook, deflated again after `edit` changed the ones it wanted (checksums right). */
export function rezip(bytes: Uint8Array, edit: (parts: Record<string, Uint8Array>) => RawPart[] | void): Uint8Array {
  const files = unzipSync(bytes);
  const replaced = edit(files) ?? [];
  const names = new Set(replaced.map((p) => p.name));
  const parts = Object.entries(files)
    .filter(([name]) => !names.has(name))
    .map(([name, content]) => deflatedPart(name, content));
  return writeZip([...parts, ...replaced]);
}

/**
 * A deflate stream that inflates to `repeat` copies of `unit` (gigabytes from a few MB): the
 * unit is deflated once with a full flush, which leaves it byte-aligned and free of references
 * to what came before, so its bytes can be repeated as they are; an empty final block ends it.
 */
export function repeatedDeflate(unit: Uint8Array, repeat: number, head: Uint8Array = new Uint8Array(0), tail: Uint8Array = new Uint8Array(0)): Uint8Array {
  const flush = { finishFlush: zlibConstants.Z_FULL_FLUSH, level: 9 };
  const h = deflateRawSync(head, flush);
  const u = deflateRawSync(unit, flush);
  const t = deflateRawSync(tail);
  const out = new Uint8Array(h.length + u.length * repeat + t.length);
  out.set(h, 0);
  for (let i = 0; i < repeat; i++) out.set(u, h.length + i * u.length);
  out.set(t, h.length + u.length * repeat);
  return out;
}

/** A part that inflates to gigabytes; `declared` is what its headers claim (the truth by default). */
export function bombPart(name: string, unit: string, repeat: number, head = "", tail = "", declared?: number): RawPart {
  const data = repeatedDeflate(strToU8(unit), repeat, strToU8(head), strToU8(tail));
  const size = head.length + unit.length * repeat + tail.length;
  // The checksum of gigabytes is not worth computing: no reader should get that far.
  return { name, data, method: 8, size: declared ?? Math.min(size, 0xffffffff), crc: 0 };
}

const SHEET = "xl/worksheets/sheet1.xml";
const SST = "xl/sharedStrings.xml";
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

function sheetName(files: Record<string, Uint8Array>): string {
  return files[SHEET] ? SHEET : (Object.keys(files).find((n) => /worksheets\/.*\.xml$/.test(n)) ?? SHEET);
}

function editXml(bytes: Uint8Array, part: (files: Record<string, Uint8Array>) => string, change: (xml: string) => string): Uint8Array {
  return rezip(bytes, (files) => {
    const name = part(files);
    if (files[name]) files[name] = strToU8(change(strFromU8(files[name])));
  });
}

/** The positions of every match of `re` in `s`. */
function matches(s: string, re: RegExp): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  const g = new RegExp(re.source, "g");
  let m: RegExpExecArray | null;
  while ((m = g.exec(s)) !== null) out.push(m);
  return out;
}

export function mutateXlsx(bytes: Uint8Array, kind: XlsxClass, r: Rng, variant?: number): Mutant {
  const n = 1 + int(r, 20);
  const shape = (count: number) => (variant === undefined ? int(r, count) : variant % count);
  switch (kind) {
    case "truncate": {
      const at = int(r, bytes.length);
      return { kind, note: `cut at byte ${at}`, bytes: bytes.subarray(0, at) };
    }
    case "byteFlip": {
      const out = new Uint8Array(bytes);
      for (let i = 0; i < n; i++) out[int(r, out.length)] ^= 1 << int(r, 8);
      return { kind, note: `${n} bits flipped`, bytes: out };
    }
    case "zipStructure": {
      const v = shape(6);
      // Damage where a reader trusts the zip's own bookkeeping: sizes, offsets, counts, checksums.
      const out = new Uint8Array(bytes);
      const view = Buffer.from(out.buffer, out.byteOffset, out.length);
      let end = -1;
      for (let i = out.length - 22; i >= 0; i--) if (view.readUInt32LE(i) === 0x06054b50) {
        end = i;
        break;
      }
      const dir = end >= 0 ? view.readUInt32LE(end + 16) : 0;
      const centrals: number[] = [];
      for (let p = dir; end >= 0 && p + 46 <= end && view.readUInt32LE(p) === 0x02014b50; p += 46 + view.readUInt16LE(p + 28) + view.readUInt16LE(p + 30) + view.readUInt16LE(p + 32)) centrals.push(p);
      const at = centrals.length ? pick(r, centrals) : 0;
      const value = pick(r, [0, 1, 0xffffffff, 0x7fffffff, int(r, 0xffffffff), int(r, out.length)]);
      if (end < 0 || !centrals.length) return { kind, note: "no directory found: bits flipped", bytes: mutateXlsx(bytes, "byteFlip", r).bytes };
      if (v === 0) view.writeUInt32LE(value >>> 0, at + 24); // uncompressed size
      else if (v === 1) view.writeUInt32LE(value >>> 0, at + 20); // compressed size
      else if (v === 2) view.writeUInt32LE(value >>> 0, at + 42); // local header offset
      else if (v === 3) view.writeUInt32LE(value >>> 0, at + 16); // CRC
      else if (v === 4) view.writeUInt16LE(int(r, 0x10000), end + 10); // entry count
      else view.writeUInt32LE(value >>> 0, end + 16); // directory offset
      return { kind, note: `zip field ${["size", "compressedSize", "localOffset", "crc", "count", "dirOffset"][v]} of ${centralName(view, at)} set to ${value}`, bytes: out };
    }
    case "xmlCorrupt": {
      const part = (files: Record<string, Uint8Array>) => pick(r, [sheetName(files), sheetName(files), SST, "xl/workbook.xml", "xl/styles.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"]);
      const variant = shape(5);
      const note = ["range deleted", "range duplicated", "characters replaced by markup", "tag renamed", "cut short"][variant];
      return {
        kind,
        note: `XML ${note}`,
        bytes: editXml(bytes, part, (xml) => {
          const a = int(r, xml.length);
          const b = Math.min(xml.length, a + 1 + int(r, 2000));
          if (variant === 0) return xml.slice(0, a) + xml.slice(b);
          if (variant === 1) return xml.slice(0, b) + xml.slice(a, b) + xml.slice(b);
          if (variant === 2) {
            const chars = xml.split("");
            for (let i = 0; i < n; i++) chars[int(r, chars.length)] = pick(r, ["<", ">", "&", '"', "/", "=", "\u0000", "\uffff", "é"]);
            return chars.join("");
          }
          if (variant === 3) {
            const tags = matches(xml, /<(\/?)(row|c|v|si|t|sheetData|sheet)\b/);
            if (!tags.length) return xml.slice(0, a);
            const m = pick(r, tags);
            return xml.slice(0, m.index) + `<${m[1]}${pick(r, ["rowx", "cc", "x:v", "sheetData", "row", "c"])}` + xml.slice(m.index + m[0].length);
          }
          return xml.slice(0, a);
        }),
      };
    }
    case "entityExpansion": {
      // Billion laughs: ten entities of ten, a gigabyte if expanded.
      let dtd = '<!ENTITY l0 "lollollollollollollollollollol">';
      for (let i = 1; i < 10; i++) dtd += `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`;
      const target = r() < 0.5 ? SST : SHEET;
      return {
        kind,
        note: `billion laughs in ${target}`,
        bytes: editXml(
          bytes,
          (files) => (target === SHEET ? sheetName(files) : SST),
          (xml) => {
            const body = xml.replace(/^<\?xml[^>]*\?>/, "");
            const root = /<([\w:]+)/.exec(body)?.[1] ?? "worksheet";
            const withRef = target === SST ? body.replace(/<t>([^<]*)<\/t>/, "<t>$1&l9;</t>") : body.replace(/<v>([^<]*)<\/v>/, '<v>&l9;</v>');
            return `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE ${root} [${dtd}]>${withRef}`;
          },
        ),
      };
    }
    case "externalEntity": {
      const target = pick(r, ["file:///etc/passwd", "http://127.0.0.1:9/x.xml", "file:///dev/zero"]);
      const part = pick(r, [SHEET, SST, "xl/workbook.xml"]);
      return {
        kind,
        note: `external entity ${target} in ${part}`,
        bytes: editXml(
          bytes,
          (files) => (part === SHEET ? sheetName(files) : part),
          (xml) => {
            const body = xml.replace(/^<\?xml[^>]*\?>/, "");
            const root = /<([\w:]+)/.exec(body)?.[1] ?? "worksheet";
            const withRef = body.replace(/<(v|t)>([^<]*)<\/(v|t)>/, "<$1>&xxe;</$3>").replace(/name="([^"]*)"/, 'name="$1&xxe;"');
            return `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE ${root} [<!ENTITY xxe SYSTEM "${target}">]>${withRef}`;
          },
        ),
      };
    }
    case "zipBomb":
      return rezipBomb(bytes, shape(BOMB_SHAPES), 2 * 1024 ** 3, r);
    case "oversizedRef": {
      const variant = shape(6);
      const note = ["cell reference XFDXFD2", "cell reference past XFD", "row past 1,048,576", "dimension past the grid", "merged cells past the grid", "cell reference of letters only"][variant];
      return {
        kind,
        note,
        bytes: editXml(bytes, sheetName, (xml) => {
          const cells = matches(xml, /<c r="([A-Z]+)(\d+)"/);
          const rows = matches(xml, /<row r="(\d+)"/);
          if (variant === 0 && cells.length) return replaceAt(xml, pick(r, cells), (m) => `<c r="${pick(r, ["XFDXFD", "ZZZZZ", "AAAA"])}${m[2]}"`);
          if (variant === 1 && cells.length) return replaceAt(xml, pick(r, cells), (m) => `<c r="${pick(r, ["XFE", "ZZZ", "XGA"])}${m[2]}"`);
          if (variant === 2 && rows.length) return replaceAt(xml, pick(r, rows), () => `<row r="${pick(r, ["1048577", "99999999999", "0", "-5", "4294967297"])}"`);
          if (variant === 3) return xml.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFDXFD99999999"/>').replace(/<sheetData/, (s) => (xml.includes("<dimension") ? s : '<dimension ref="A1:XFD1048577"/>' + s));
          if (variant === 4) return xml.replace(/<\/sheetData>/, '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFDXFD99999999"/></mergeCells>');
          if (cells.length) return replaceAt(xml, pick(r, cells), (m) => `<c r="${m[1]}"`);
          return xml;
        }),
      };
    }
    case "oversizedAmount": {
      const huge = ["1e308", "9007199254740993", "99999999999999999999", "-1.7976931348623157e308", "123456789012345.67", "9e15", "Infinity", "NaN"];
      return {
        kind,
        note: `${n} numbers made huge`,
        bytes: editXml(bytes, sheetName, (xml) => {
          const values = matches(xml, /<c r="[A-Z]+\d+"(?: s="\d+")?><v>(-?[\d.]+)<\/v>/);
          let out = xml;
          for (let i = 0; i < n && values.length; i++) {
            const m = pick(r, values);
            const v = pick(r, huge);
            out = out.replace(m[0], m[0].replace(`<v>${m[1]}</v>`, `<v>${v}</v>`));
          }
          return out;
        }),
      };
    }
    case "bigCell": {
      const size = 1_000_000 + int(r, 100_000);
      const inSst = r() < 0.5;
      return {
        kind,
        note: `1 MB ${inSst ? "shared string" : "inline string"}`,
        bytes: editXml(
          bytes,
          (files) => (inSst && files[SST] ? SST : sheetName(files)),
          (xml) => {
            const big = "PISO CERÁMICO 30X30 ".repeat(Math.ceil(size / 20)).slice(0, size);
            if (inSst && xml.includes("<sst")) {
              const ts = matches(xml, /<t>([^<]*)<\/t>/);
              return ts.length ? replaceAt(xml, pick(r, ts), () => `<t>${big}</t>`) : xml;
            }
            const cells = matches(xml, /<c r="([A-Z]+\d+)"[^>]*>(?:<v>[^<]*<\/v>)?<\/c>/);
            return cells.length ? replaceAt(xml, pick(r, cells), (m) => `<c r="${m[1]}" t="inlineStr"><is><t>${big}</t></is></c>`) : xml;
          },
        ),
      };
    }
    case "wideRows": {
      return {
        kind,
        note: "200 more columns on a third of the rows",
        bytes: editXml(bytes, sheetName, (xml) =>
          xml.replace(/(<row r="(\d+)"[^>]*>)(.*?)(<\/row>)/g, (m, open: string, row: string, cells: string, close: string) => {
            if (r() > 0.33) return m;
            // Past the table's own columns: numbers and text out to column HR.
            let extra = "";
            for (let c = 0; c < 200; c++) extra += c % 2 ? `<c r="${columnName(25 + c)}${row}"><v>${c}</v></c>` : `<c r="${columnName(25 + c)}${row}" t="inlineStr"><is><t>x${c}</t></is></c>`;
            return open.replace(/ spans="[^"]*"/, "") + cells + extra + close;
          }),
        ),
      };
    }
    case "deleteRows": {
      return {
        kind,
        note: `${n} rows deleted`,
        bytes: editXml(bytes, sheetName, (xml) => {
          let out = xml;
          for (let i = 0; i < n; i++) {
            const rows = matches(out, /<row [^>]*>.*?<\/row>/);
            if (rows.length < 2) break;
            const m = rows[1 + int(r, rows.length - 1)];
            out = out.slice(0, m.index) + out.slice(m.index + m[0].length);
          }
          return out;
        }),
      };
    }
  }
}

function replaceAt(s: string, m: RegExpExecArray, f: (m: RegExpExecArray) => string): string {
  return s.slice(0, m.index) + f(m) + s.slice(m.index + m[0].length);
}

export function columnName(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const BOMB_SHAPES = 6;

function centralName(view: Buffer, at: number): string {
  return view.toString("utf8", at + 46, at + 46 + view.readUInt16LE(at + 28));
}

/** Bombs: parts that inflate to gigabytes, in the shapes that hurt a reader in different ways. */
function rezipBomb(bytes: Uint8Array, variant: number, size: number, r: Rng): Mutant {
  const files = unzipSync(bytes);
  const sheet = sheetName(files);
  // The sheet's own first rows (its header among them), then one of its data rows again and
  // again, without row numbers: a reader has to take every one of them.
  const xml = files[sheet] ? strFromU8(files[sheet]) : `<worksheet ${NS}><sheetData></sheetData></worksheet>`;
  const rowEnds = matches(xml, /<\/row>/);
  const cut = rowEnds.length > 12 ? rowEnds[11].index + 6 : xml.indexOf("</sheetData>");
  const head = xml.slice(0, cut);
  const lastRow = matches(head, /<row [^>]*>.*?<\/row>/).pop()?.[0] ?? "<row/>";
  const rowXml = lastRow.replace(/ r="[^"]*"/g, "").replace(/ spans="[^"]*"/, "");
  const shapes: { note: string; part: RawPart }[] = [
    { note: "sheet of 2 GB of rows", part: bombPart(sheet, rowXml.repeat(1000), Math.floor(size / (rowXml.length * 1000)), head, "</sheetData></worksheet>") },
    { note: "shared strings of 2 GB", part: bombPart(SST, "<si><t>Constructora del Bajío</t></si>".repeat(1000), Math.floor(size / 33000), `<?xml version="1.0"?><sst ${NS}>`, "</sst>") },
    { note: "one 2 GB cell", part: bombPart(sheet, "9".repeat(65536), Math.floor(size / 65536), `<?xml version="1.0"?><worksheet ${NS}><sheetData><row r="1"><c r="A1"><v>`, "</v></c></row></sheetData></worksheet>") },
    { note: "elements nested 2 GB deep", part: bombPart(sheet, "<x>".repeat(65536), Math.floor(size / (3 * 65536)), `<?xml version="1.0"?><worksheet ${NS}><sheetData>`) },
    { note: "2 GB of whitespace", part: bombPart(sheet, " ".repeat(65536), Math.floor(size / 65536), `<?xml version="1.0"?><worksheet ${NS}><sheetData><row r="1">`, "</row></sheetData></worksheet>") },
    { note: "sheet of 2 GB declaring 100 KB", part: bombPart(sheet, rowXml.repeat(1000), Math.floor(size / (rowXml.length * 1000)), head, "</sheetData></worksheet>", 100_000 + int(r, 1000)) },
  ];
  const { note, part } = shapes[variant % shapes.length];
  const parts = Object.entries(files)
    .filter(([name]) => name !== part.name)
    .map(([name, content]) => deflatedPart(name, content));
  return { kind: "zipBomb", note, bytes: writeZip([...parts, part]) };
}

/** Draws a class for mutant `i` so every class comes round evenly. */
export function classFor<T>(classes: readonly T[], i: number): T {
  return classes[i % classes.length];
}
