import { dayFromCivil, isValidYmd, serialFromDay, type DateSystem } from "../core/dates";
import { dateStylesReader } from "./xlsxStyles";
import { localName, parseXmlEntry, type XmlTag } from "./xlsxXml";
import { readZipDirectory, XLSX_LIMITS, XlsxError, type XlsxLimits, type ZipEntry } from "./xlsxZip";

/**
 * A fast .xlsx → Grid rows reader for the CLI and the task pane alike (Uint8Array and
 * TextDecoder only; fflate inflates, saxes parses). exceljs builds a Row and a Cell object per
 * cell and converts dates to JS Dates; on a 200,000-row ledger that garbage dominates the run.
 * Here each row is one dense array of plain values, made once, exactly as Office.js
 * `range.values` would give them: numbers, strings, booleans, error texts like `#N/A`, dates as
 * serials in the workbook's date system, and null for an empty cell.
 */

export { XLSX_LIMITS, XlsxError, type XlsxErrorKind, type XlsxLimits } from "./xlsxZip";

export interface XlsxSheetInfo {
  name: string;
  /** 0-based position in the workbook's tab order; what `readSheet` takes. */
  index: number;
  state: "visible" | "hidden" | "veryHidden";
}

/**
 * Receives each `<row>` of the sheet as it completes. `cells` is the sink's to keep: column A is
 * index 0, gaps are null, and the array ends at the last cell that has a value. `rowNumber` is
 * the sheet's 1-based row number (rows with nothing in them are usually absent from the file,
 * so numbers can skip). `dateColumns`, only with `markDates`, lists the columns of this row
 * whose cell is a number formatted as a date or time. Returning false stops the read.
 */
export interface XlsxRowSink {
  (cells: unknown[], rowNumber: number, dateColumns?: readonly number[]): boolean | void;
}

export interface XlsxReadOptions {
  /** Pass `dateColumns` to the sink (allocates one small array per row that has dates). */
  markDates?: boolean;
}

export interface XlsxBook {
  sheets: XlsxSheetInfo[];
  dateSystem: DateSystem;
  /**
   * Streams one worksheet into `sink`, synchronously. Throws XlsxError("corrupt") when the
   * sheet's part is missing or damaged (possibly after some rows were delivered), RangeError
   * for an index outside `sheets`, and whatever the sink throws, unchanged.
   */
  readSheet(index: number, sink: XlsxRowSink, options?: XlsxReadOptions): void;
}

const REL_OFFICE_DOCUMENT = "/officeDocument";

/** Thrown from inside the parser callbacks to unwind a read the sink asked to stop. */
const STOP: unique symbol = Symbol("stop");

/** ST_Xstring escapes (`_x000D_` for a carriage return; `_x005F_` escapes the underscore itself). */
function decodeXString(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function ignore(): void {}

/** What a message quotes of a value from the file: enough to find it, never a megabyte. */
function clip(s: string): string {
  return s.length > 24 ? s.slice(0, 23) + "…" : s;
}

/**
 * The 0-based column of a cell reference (`B7` → 1), or -1 when it is not one within Excel's
 * grid (`XFDXFD2`, `A0`, `7`, `A1048577`): the reader sizes each row by its last column, so a
 * reference past XFD must stop the read, not allocate up to it.
 */
function columnOfRef(ref: string): number {
  const n = ref.length;
  let i = 0;
  let c = 0;
  for (; i < n && i < 4; i++) {
    const code = ref.charCodeAt(i) & ~32; // upper-cases a-z
    if (code < 65 || code > 90) break;
    c = c * 26 + (code - 64);
  }
  if (i === 0 || i > 3 || c > XLSX_LIMITS.columns) return -1;
  return rowOfAttribute(ref, i) > 0 ? c - 1 : -1;
}

/** A row number written as digits from `from` on, within 1..1,048,576; otherwise -1. */
function rowOfAttribute(s: string, from = 0): number {
  const n = s.length;
  if (from >= n || n - from > 7) return -1;
  let r = 0;
  for (let i = from; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    r = r * 10 + d;
  }
  return r >= 1 && r <= XLSX_LIMITS.rows ? r : -1;
}

/**
 * V8 makes a substring of 13 or more characters a view into its parent: here a decoded chunk
 * of ~64 KB of compressed sheet. A caller that keeps a few strings from each row would pin the
 * whole decoded sheet; copying the strings that are kept costs far less.
 */
function detach(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `+text` for the decimals spreadsheets are made of, without V8's slow string-to-number
 * runtime call (a few million of them per ledger). With at most 15 digits the digits are an
 * exact integer and the power of ten is exact, so one division rounds correctly: the same
 * double `+text` gives. Anything else (exponents, more digits, junk) goes to `+text`.
 */
function parseDecimal(s: string): number {
  const n = s.length;
  if (n === 0 || n > 17) return +s;
  let i = 0;
  let neg = false;
  if (s.charCodeAt(0) === 45 /* - */) {
    neg = true;
    i = 1;
  }
  let m = 0;
  let digits = 0;
  let scale = -1;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
    } else if (c === 46 /* . */ && scale < 0) {
      scale = 0;
      continue;
    } else {
      return +s;
    }
    if (scale >= 0) scale++;
  }
  if (digits === 0 || digits > 15) return +s;
  const v = scale > 0 ? m / POW10[scale] : m;
  return neg ? -v : v;
}

function isTrue(v: string | undefined): boolean {
  return v === "1" || v === "true" || v === "on";
}

/** A `t="d"` cell (ISO 8601, written by some non-Excel tools and Strict OOXML) as a serial. */
function isoToSerial(text: string, system: DateSystem): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(text.trim());
  if (!m) return null;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  if (!isValidYmd(y, mo, d)) return null;
  const serial = serialFromDay(dayFromCivil(y, mo, d), system);
  const seconds = m[4] ? +m[4] * 3600 + +m[5] * 60 + (m[6] ? +m[6] : 0) : 0;
  return serial + seconds / 86400;
}

interface Relationship {
  type: string;
  target: string;
}

/** Part names in an OPC package are absolute; relationship targets are relative to the source part's folder. */
function resolvePart(fromPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = fromPart.split("/");
  parts.pop();
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

function relsPathFor(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function readRels(bytes: Uint8Array, entries: Map<string, ZipEntry>, part: string, limits: XlsxLimits): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  const entry = entries.get(relsPathFor(part).toLowerCase());
  if (!entry) return rels;
  parseXmlEntry(bytes, entry, {
    open: (tag: XmlTag) => {
      if (localName(tag.name) !== "Relationship") return;
      const a = tag.attributes;
      // External targets (hyperlinks, linked workbooks) are not parts of this package.
      if (a.TargetMode === "External") return;
      if (a.Id && a.Target) rels.set(a.Id, { type: a.Type ?? "", target: resolvePart(part, a.Target) });
    },
    close: ignore,
    text: ignore,
  }, undefined, limits);
  return rels;
}

class Book implements XlsxBook {
  sheets: XlsxSheetInfo[] = [];
  dateSystem: DateSystem = 1900;
  private readonly sheetParts: (string | null)[] = [];
  private sharedStringsPart: string | null = null;
  private stylesPart: string | null = null;
  private strings: string[] | undefined;
  private dateStyles: Uint8Array | undefined;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly entries: Map<string, ZipEntry>,
    private readonly limits: XlsxLimits,
  ) {
    const rootRels = readRels(bytes, entries, "", limits);
    let workbookPart = "xl/workbook.xml";
    for (const rel of rootRels.values()) {
      if (rel.type.endsWith(REL_OFFICE_DOCUMENT)) {
        workbookPart = rel.target;
        break;
      }
    }
    const workbook = entries.get(workbookPart.toLowerCase());
    if (!workbook) {
      const binary = entries.has("xl/workbook.bin");
      throw new XlsxError("noWorkbook", binary ? "binary workbook (.xlsb) is not supported; save it as .xlsx" : `no workbook part (${workbookPart}) in the archive`);
    }
    const rels = readRels(bytes, entries, workbookPart, limits);
    for (const rel of rels.values()) {
      if (rel.type.endsWith("/sharedStrings")) this.sharedStringsPart = rel.target;
      else if (rel.type.endsWith("/styles")) this.stylesPart = rel.target;
    }

    parseXmlEntry(bytes, workbook, {
      open: (tag: XmlTag) => {
        const name = localName(tag.name);
        const a = tag.attributes;
        if (name === "workbookPr") {
          if (isTrue(a.date1904)) this.dateSystem = 1904;
        } else if (name === "sheet") {
          let relId: string | undefined;
          // The relationship id is `r:id`, but the prefix is whatever the writer bound it to.
          for (const key in a) if (key.endsWith(":id")) relId = a[key];
          const rel = relId !== undefined ? rels.get(relId) : undefined;
          const state: XlsxSheetInfo["state"] = a.state === "hidden" ? "hidden" : a.state === "veryHidden" ? "veryHidden" : "visible";
          if (this.sheets.length >= limits.sheets) throw new XlsxError("tooLarge", `the workbook lists more than ${limits.sheets} sheets`);
          this.sheets.push({ name: a.name ?? `Sheet${this.sheets.length + 1}`, index: this.sheets.length, state });
          this.sheetParts.push(rel ? rel.target : null);
        }
      },
      close: ignore,
      text: ignore,
    }, undefined, limits);
  }

  private sharedStrings(): string[] {
    if (this.strings) return this.strings;
    const limits = this.limits;
    const strings: string[] = [];
    const entry = this.entries.get((this.sharedStringsPart ?? "xl/sharedStrings.xml").toLowerCase());
    if (entry) {
      // Rich text is runs of <r><t>; <rPh> holds phonetic readings that Excel does not show.
      let text = "";
      let inT = false;
      let inPhonetic = false;
      let chars = 0;
      parseXmlEntry(this.bytes, entry, {
        open: (tag: XmlTag) => {
          const name = localName(tag.name);
          if (name === "t") inT = !inPhonetic;
          else if (name === "si") text = "";
          else if (name === "rPh") inPhonetic = true;
        },
        close: (tag: XmlTag) => {
          const name = localName(tag.name);
          if (name === "t") inT = false;
          else if (name === "si") {
            if (strings.length >= limits.sharedStrings) throw new XlsxError("tooLarge", `${entry.name} holds more than ${limits.sharedStrings} strings`);
            chars += text.length;
            if (chars > limits.sharedStringChars) throw new XlsxError("tooLarge", `${entry.name} holds more than ${limits.sharedStringChars} characters`);
            strings.push(detach(decodeXString(text)));
          } else if (name === "rPh") inPhonetic = false;
        },
        text: (t: string) => {
          if (!inT) return;
          text += t;
          if (text.length > limits.cellChars) throw new XlsxError("tooLarge", `${entry.name} has a string longer than ${limits.cellChars} characters`);
        },
      }, undefined, limits);
    }
    return (this.strings = strings);
  }

  private styles(): Uint8Array {
    if (this.dateStyles) return this.dateStyles;
    const entry = this.entries.get((this.stylesPart ?? "xl/styles.xml").toLowerCase());
    let flags: Uint8Array = new Uint8Array(1);
    if (entry) {
      const reader = dateStylesReader();
      parseXmlEntry(this.bytes, entry, reader, undefined, this.limits);
      flags = reader.flags();
    }
    return (this.dateStyles = flags);
  }

  readSheet(index: number, sink: XlsxRowSink, options: XlsxReadOptions = {}): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.sheets.length) {
      throw new RangeError(`sheet index ${index} is outside 0..${this.sheets.length - 1}`);
    }
    const part = this.sheetParts[index];
    const entry = part !== null ? this.entries.get(part.toLowerCase()) : undefined;
    if (!entry) throw new XlsxError("corrupt", `sheet "${this.sheets[index].name}" has no part in the archive`);
    const strings = this.sharedStrings();
    const dateStyles = this.styles();
    const markDates = options.markDates === true;
    const system = this.dateSystem;
    const limits = this.limits;

    // Per-row scratch: cells land here by column and the row is copied out once, at its end.
    const scratch: unknown[] = [];
    let rowNumber = 0;
    let lastCol = -1;
    let lastValued = -1;
    let dateCols: number[] | undefined;
    // Per-cell state; kinds: 0 number, 1 shared string, 2 formula string, 3 inline string, 4 boolean, 5 error, 6 ISO date.
    let col = 0;
    let kind = 0;
    let style = 0;
    let text = "";
    let hasValue = false;
    let inV = false;
    let inT = false;
    let inIs = false;
    let inPhonetic = false;
    let inSheetData = false;
    let inRow = false;
    let rows = 0;
    let cells = 0;
    let ref: string | undefined;
    let sinkThrew = false;
    let sinkError: unknown = undefined;

    const open = (tag: XmlTag) => {
      // Tags are told apart by length and first letter: millions of string compares add up.
      let name = tag.name;
      // One-letter names (c, v: nearly every tag) cannot carry a prefix; indexOf showed in profiles.
      if (name.length !== 1 && name.indexOf(":") >= 0) name = localName(name);
      if (!inSheetData) {
        // Outside the cell table nothing is read, so no other part of the sheet can pass for a cell.
        if (name === "sheetData") inSheetData = true;
        return;
      }
      const first = name.charCodeAt(0);
      if (name.length === 1) {
        if (first === 99 /* c */) {
          if (!inRow) throw new XlsxError("corrupt", `${entry.name} has a cell outside a row`);
          if (++cells > limits.cellsPerSheet) throw new XlsxError("tooLarge", `${entry.name} has more than ${limits.cellsPerSheet} cells`);
          const a = tag.attributes;
          ref = a.r;
          const c = ref !== undefined ? columnOfRef(ref) : lastCol + 1;
          if (c < 0) throw new XlsxError("corrupt", `${entry.name}: "${clip(ref!)}" is not a cell reference within A1:XFD1048576`);
          if (c >= XLSX_LIMITS.columns) throw new XlsxError("corrupt", `${entry.name}: row ${rowNumber} has a cell past column XFD`);
          col = c;
          if (c > lastCol) {
            for (let k = lastCol + 1; k < c; k++) scratch[k] = null;
            lastCol = c;
          }
          scratch[c] = null;
          const t = a.t;
          kind = t === undefined || t === "n" ? 0 : t === "s" ? 1 : t === "str" ? 2 : t === "inlineStr" ? 3 : t === "b" ? 4 : t === "e" ? 5 : t === "d" ? 6 : 0;
          const s = a.s;
          style = s === undefined ? 0 : parseDecimal(s) | 0;
          text = "";
          hasValue = false;
        } else if (first === 118 /* v */) {
          inV = true;
          text = "";
        } else if (first === 116 /* t */) {
          inT = inIs && !inPhonetic;
        }
      } else if (first === 114 /* r */) {
        if (name === "row") {
          if (inRow) throw new XlsxError("corrupt", `${entry.name} has a row inside row ${rowNumber}`);
          if (++rows > limits.rows) throw new XlsxError("tooLarge", `${entry.name} has more than ${limits.rows} rows`);
          inRow = true;
          const r = tag.attributes.r;
          const n = r !== undefined ? rowOfAttribute(r) : rowNumber + 1;
          if (!(n >= 1 && n <= XLSX_LIMITS.rows)) throw new XlsxError("corrupt", r !== undefined ? `${entry.name}: row number "${clip(r)}" is not within 1 to ${XLSX_LIMITS.rows}` : `${entry.name} has more than ${XLSX_LIMITS.rows} rows`);
          rowNumber = n;
          lastCol = -1;
          lastValued = -1;
          dateCols = undefined;
        } else if (name === "rPh") {
          inPhonetic = true;
        }
      } else if (name === "is") {
        inIs = true;
        text = "";
      }
    };
    const onText = (t: string) => {
      if (!inV && !inT) return;
      text += t;
      if (text.length > limits.cellChars) throw new XlsxError("tooLarge", `${entry.name}: a cell in row ${rowNumber} holds more than ${limits.cellChars} characters`);
    };
    const close = (tag: XmlTag) => {
      if (!inSheetData) return;
      let name = tag.name;
      if (name.length !== 1 && name.indexOf(":") >= 0) name = localName(name);
      const first = name.charCodeAt(0);
      if (name.length === 1) {
        if (first === 118 /* v */) {
          inV = false;
          hasValue = true;
        } else if (first === 99 /* c */) {
          // An empty <v/> is an empty cell, except for a formula's text result: an empty string.
          if (!hasValue || (text === "" && kind !== 2 && kind !== 3)) return;
          let value: unknown = null;
          switch (kind) {
            case 0: {
              const n = parseDecimal(text);
              // Not a number is not something to lose: keep what the file says.
              value = n === n ? n : detach(text);
              if (markDates && dateStyles[style] === 1) (dateCols ??= []).push(col);
              break;
            }
            case 1: {
              const str = strings[parseDecimal(text)];
              // A cell that names a string the workbook does not have lost its value: not an empty cell.
              if (str === undefined) throw new XlsxError("corrupt", `${entry.name}: cell ${clip(ref ?? `in row ${rowNumber}`)} refers to shared string "${clip(text)}", but the workbook has ${strings.length}`);
              value = str;
              break;
            }
            case 2:
            case 3:
              value = detach(decodeXString(text));
              break;
            case 4:
              value = text === "1" || text === "true";
              break;
            case 5:
              value = detach(text);
              break;
            case 6:
              value = isoToSerial(text, system) ?? detach(text);
              if (markDates && typeof value === "number") (dateCols ??= []).push(col);
              break;
          }
          scratch[col] = value;
          if (value !== null && col > lastValued) lastValued = col;
        } else if (first === 116 /* t */) {
          inT = false;
        }
      } else if (first === 114 /* r */) {
        if (name === "row") {
          inRow = false;
          const values = scratch.slice(0, lastValued + 1);
          let more: boolean | void;
          try {
            more = markDates ? sink(values, rowNumber, dateCols) : sink(values, rowNumber);
          } catch (e) {
            sinkThrew = true;
            sinkError = e;
            throw e;
          }
          if (more === false) throw STOP;
        } else if (name === "rPh") {
          inPhonetic = false;
        }
      } else if (name === "is") {
        inIs = false;
        hasValue = true;
      } else if (name === "sheetData") {
        inSheetData = false;
      }
    };
    try {
      parseXmlEntry(this.bytes, entry, { open, close, text: onText }, (e) => e === STOP || (sinkThrew && e === sinkError), limits, limits.sheetBytes);
    } catch (e) {
      if (e === STOP) return;
      throw e;
    }
  }
}

export interface XlsxOpenOptions {
  /** Other bounds than XLSX_LIMITS on what the workbook may hold (not the grid's). */
  limits?: Partial<XlsxLimits>;
}

/**
 * Opens an .xlsx held in memory: reads the zip directory, the workbook's sheet list and date
 * system. Shared strings and styles are read on the first `readSheet`, so listing the sheets
 * of a big workbook is quick. Throws XlsxError: `notZip` when the bytes are not a zip at all,
 * `corrupt` when it is truncated or damaged, `noWorkbook` for a zip that holds no workbook.
 */
export function openXlsx(bytes: Uint8Array | ArrayBuffer, options: XlsxOpenOptions = {}): XlsxBook {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  // Excel's grid is not a setting: past XFD1048576 a reference is damage.
  const limits: XlsxLimits = { ...XLSX_LIMITS, ...options.limits, columns: XLSX_LIMITS.columns, rows: XLSX_LIMITS.rows };
  return new Book(data, readZipDirectory(data), limits);
}
