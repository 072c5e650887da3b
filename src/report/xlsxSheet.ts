import { serialFromDay } from "../core/dates";
import { columnLetter } from "../core/grid";
import { message } from "../core/messages";
import { excelMoneyFormat } from "../core/money";
import type { Report, ReportRowKind, ReportSheet, ReportValue } from "../core/report/report";
import { layoutSheet, type SheetLayout } from "./layout";
import { argb, HEADER_FILL, HEADER_FONT, HEADER_ROW_HEIGHT, NOTE_COLOR, OVERDUE_FILL, OVERDUE_FONT, TITLE_COLOR, TITLE_FONT_SIZE, TOTAL_FILL } from "./palette";
import type { StyleSheet, XfSpec } from "./xlsxStyles";
import { cutToCellLimit, escapeText, hasOuterSpace, isPlainText, looksLikeFormula, MAX_CELL_CHARS } from "./xlsxText";

/**
 * One worksheet part (xl/worksheets/sheetN.xml) of a result workbook, produced as a sequence
 * of UTF-8 chunks so a million-row detail sheet never exists whole in memory: the zip
 * compresses each chunk as it comes. Rows are built as strings, cells refer to shared styles
 * by index and text is written inline (`t="inlineStr"`), so nothing has to be collected
 * across the sheet (a shared-strings table would grow with the data). Each row's string is
 * encoded as soon as it is built, so it dies young: strings kept until a whole chunk was
 * ready outlived the young generation and, beside the ledger's million items in the heap,
 * made the collector take most of the time. (Writing every byte from JavaScript instead,
 * tried too, spared the collector but cost more than it saved.)
 */

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** Bytes handed to the zip at a time: big enough for deflate, small for memory. */
const CHUNK_BYTES = 1 << 20;
/** Cells named in a note about cut or replaced text; the rest are counted. */
const LISTED_CELLS = 20;

const TEXT = 0;
const MONEY = 1;
const DATE = 2;
const NUMBER = 3;
const QUANTITY = 4;

interface ColumnPlan {
  letter: string;
  kind: number;
  /** The data cells' style index, also the column's default. */
  style: number;
  /** ` s="N"` of data cells, of data cells holding formula-like text, of totals cells. */
  s: string;
  sQuote: string;
  sTotal: string;
  sTotalQuote: string;
  /** ` s="N"` of a subtotal row's cells (bold, a line above). */
  sSubtotal: string;
  /** Index of the column with the row's currency, or -1. */
  currencyIndex: number;
  /** Per currency other than the report's: data and totals styles with its money format. */
  currencyS?: Map<string, string>;
  currencyTotalS?: Map<string, string>;
  header: string;
}

/** Text the sheet could not hold as given, for the notes below it. */
class TextIssues {
  cut: string[] = [];
  cutCount = 0;
  replacedCells: string[] = [];
  replacedCellCount = 0;
  replacedChars = 0;
}

const encoder = new TextEncoder();

/** UTF-8 bytes in fresh chunks (a chunk given away may still be read by a compressor). */
class Utf8Chunks {
  private buf = new Uint8Array(CHUNK_BYTES);
  private at = 0;

  /** Appends `s`; returns the chunk that was full, if `s` did not fit after it. */
  write(s: string): Uint8Array | undefined {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    const need = s.length * 3;
    let full: Uint8Array | undefined;
    if (this.at + need > this.buf.length) {
      full = this.take();
      if (need > this.buf.length) this.buf = new Uint8Array(need);
    }
    this.at += encoder.encodeInto(s, this.buf.subarray(this.at)).written;
    return full;
  }

  /** What was written since the last chunk, and a fresh buffer for what follows. */
  take(): Uint8Array {
    const full = this.buf.subarray(0, this.at);
    this.buf = new Uint8Array(CHUNK_BYTES);
    this.at = 0;
    return full;
  }
}

/** Every currency is planned before writing; a miss would be a wrong format that looks right. */
function unplanned(currency: string): never {
  throw new Error(`no number format planned for currency ${currency}`);
}

const sAttr = (id: number) => (id ? ` s="${id}"` : "");

export class SheetPlan {
  readonly layout: SheetLayout;
  private readonly cols: ColumnPlan[];
  private readonly headerS: string[];
  private readonly titleS: string;
  private readonly noteS: string;
  private readonly sectionS: string;
  private readonly signS: { party: string; rule: string; line: string };
  private readonly dxfId: number;
  readonly lastRow: number;

  constructor(
    private readonly report: Report,
    readonly sheet: ReportSheet,
    /** Unique, valid sheet name (see sheetNames). */
    readonly name: string,
    /** 0-based position in the workbook. */
    readonly index: number,
    styles: StyleSheet,
  ) {
    const layout = (this.layout = layoutSheet(report, sheet));
    const n = sheet.columns.length;
    if (n > MAX_COLUMNS) throw new RangeError(`sheet "${name}" has ${n} columns; Excel holds ${MAX_COLUMNS}`);
    // Two rows are kept for the notes about cut or replaced text.
    this.lastRow = layout.notesFirstRow + sheet.notes.length + 1;
    if (layout.signaturesFirstRow !== undefined && sheet.signatures?.length) this.lastRow = Math.max(this.lastRow, layout.signaturesFirstRow + Math.max(...sheet.signatures.map((b) => b.lines.length)));
    if (this.lastRow > MAX_ROWS) throw new RangeError(`sheet "${name}" needs ${this.lastRow} rows; Excel holds ${MAX_ROWS}`);

    const totalSpec: XfSpec = { font: { bold: true }, fill: argb(TOTAL_FILL), totalBorder: true };
    // Every currency a row carries, so each gets its money format before styles.xml is written.
    // Money columns may name different currency columns (a credit limit in its own currency).
    const currencies = new Set<string>();
    const currencyColumns = new Set(layout.columns.map((c) => c.currencyIndex).filter((i): i is number => i !== undefined));
    for (const i of currencyColumns)
      for (const rows of [sheet.rows, sheet.totals.map((t) => t.values)])
        for (const r of rows) {
          const cur = r[i];
          if (typeof cur === "string" && cur !== "" && cur !== report.currency) currencies.add(cur);
        }
    this.cols = layout.columns.map((c, i) => {
      const t = c.column.type;
      const kind = t === "money" ? MONEY : t === "date" ? DATE : t === "quantity" ? QUANTITY : t === "text" || t === "code" ? TEXT : NUMBER;
      const numFmt = c.numberFormat;
      const style = styles.xf({ numFmt });
      const plan: ColumnPlan = {
        letter: columnLetter(i),
        kind,
        style,
        s: sAttr(style),
        sQuote: sAttr(styles.xf({ numFmt, quotePrefix: true })),
        sTotal: sAttr(styles.xf({ ...totalSpec, numFmt })),
        sTotalQuote: sAttr(styles.xf({ ...totalSpec, numFmt, quotePrefix: true })),
        sSubtotal: sAttr(styles.xf({ numFmt, font: { bold: true }, topBorder: "thin" })),
        currencyIndex: c.currencyIndex ?? -1,
        header: c.column.header,
      };
      if (c.currencyIndex !== undefined && currencies.size) {
        plan.currencyS = new Map();
        plan.currencyTotalS = new Map();
        for (const cur of currencies) {
          const f = excelMoneyFormat(cur);
          plan.currencyS.set(cur, sAttr(styles.xf({ numFmt: f })));
          plan.currencyTotalS.set(cur, sAttr(styles.xf({ ...totalSpec, numFmt: f })));
        }
      }
      return plan;
    });
    const headerFont = { bold: true, color: argb(HEADER_FONT) };
    this.headerS = sheet.columns.map((c) =>
      sAttr(styles.xf({ font: headerFont, fill: argb(HEADER_FILL), horizontal: c.type === "text" || c.type === "code" ? "left" : "center", verticalCenter: true, wrap: true })),
    );
    this.titleS = sAttr(styles.xf({ font: { bold: true, size: TITLE_FONT_SIZE, color: argb(TITLE_COLOR) } }));
    this.noteS = sAttr(styles.xf({ font: { italic: true, color: argb(NOTE_COLOR) } }));
    this.sectionS = sAttr(styles.xf({ numFmt: "@", font: { bold: true, color: argb(TITLE_COLOR) } }));
    this.signS = {
      party: sAttr(styles.xf({ numFmt: "@", font: { bold: true }, topBorder: "medium" })),
      rule: sAttr(styles.xf({ topBorder: "medium" })),
      line: sAttr(styles.xf({ numFmt: "@", font: { color: argb(NOTE_COLOR) } })),
    };
    this.dxfId = layout.highlightColumns.length || layout.highlightTextColumns.length ? styles.dxf({ fontColor: argb(OVERDUE_FONT), fillColor: argb(OVERDUE_FILL) }) : -1;
  }

  /** The range the autofilter covers: header and data rows (an empty sheet: the header). */
  filterRange(): string | undefined {
    if (!this.sheet.autoFilter || !this.cols.length) return undefined;
    const { headerRow, lastDataRow, lastColumn } = this.layout;
    return `A${headerRow}:${lastColumn}${Math.max(lastDataRow, headerRow)}`;
  }

  /** The worksheet XML, chunk by chunk. */
  *chunks(): Generator<Uint8Array> {
    const w = new Utf8Chunks();
    const { sheet, layout, cols } = this;
    const { headerRow, firstDataRow, lastDataRow } = layout;
    const issues = new TextIssues();
    let out =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      // Printed for a manager: fit all columns on one page wide (with pageSetup below).
      '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
      `<sheetViews><sheetView workbookViewId="0"${this.index === 0 ? ' tabSelected="1"' : ""}>` +
      (sheet.freezeHeader
        ? `<pane ySplit="${headerRow}" topLeftCell="A${firstDataRow}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${firstDataRow}" sqref="A${firstDataRow}"/>`
        : "") +
      "</sheetView></sheetViews>";
    if (cols.length) {
      out += "<cols>";
      layout.columns.forEach((c, i) => {
        const width = c.column.width ?? Math.max(10, c.column.header.length + 2);
        out += `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1" style="${cols[i].style}"/>`;
      });
      out += "</cols>";
    }
    out += "<sheetData>";

    if (sheet.title) {
      out += `<row r="1">${this.textCell("A1", sheet.title, this.titleS, issues)}</row>`;
      if (sheet.subtitle) out += `<row r="2">${this.textCell("A2", sheet.subtitle, this.noteS, issues)}</row>`;
    }
    out += `<row r="${headerRow}" ht="${HEADER_ROW_HEIGHT}" customHeight="1">`;
    for (let i = 0; i < cols.length; i++) out += this.textCell(cols[i].letter + headerRow, cols[i].header, this.headerS[i], issues);
    out += "</row>";

    w.write(out);
    out = "";
    let r = firstDataRow;
    const kinds = sheet.rowKinds;
    for (let k = 0; k < sheet.rows.length; k++) {
      const full = w.write(this.row(sheet.rows[k], r++, kinds?.[k] === "balance", issues, kinds?.[k]));
      if (full) yield full;
    }
    for (const t of sheet.totals) out += this.row(t.values, r++, true, issues);

    // Notes about the text are written last: only now is every cell known.
    r = layout.notesFirstRow;
    for (const note of sheet.notes) {
      out += `<row r="${r}">${this.textCell(`A${r}`, note, this.noteS, issues)}</row>`;
      r++;
    }
    for (const note of this.issueNotes(issues)) {
      out += `<row r="${r}">${this.textCell(`A${r}`, note, this.noteS, null)}</row>`;
      r++;
    }
    if (sheet.signatures?.length && layout.signaturesFirstRow !== undefined) out += this.signatureRows(layout.signaturesFirstRow, issues);
    out += "</sheetData>";

    const filter = this.filterRange();
    if (filter) out += `<autoFilter ref="${filter}"/>`;
    if (lastDataRow > headerRow) {
      layout.highlightColumns.forEach((i, k) => {
        const ref = `${cols[i].letter}${firstDataRow}:${cols[i].letter}${lastDataRow}`;
        out += `<conditionalFormatting sqref="${ref}"><cfRule type="cellIs" dxfId="${this.dxfId}" priority="${k + 1}" operator="greaterThan"><formula>0</formula></cfRule></conditionalFormatting>`;
      });
      // A cell that says anything (a flag, a hold reason) is drawn as a warning.
      layout.highlightTextColumns.forEach((i, k) => {
        const first = `${cols[i].letter}${firstDataRow}`;
        const ref = `${first}:${cols[i].letter}${lastDataRow}`;
        out += `<conditionalFormatting sqref="${ref}"><cfRule type="notContainsBlanks" dxfId="${this.dxfId}" priority="${layout.highlightColumns.length + k + 1}"><formula>LEN(TRIM(${first}))&gt;0</formula></cfRule></conditionalFormatting>`;
      });
    }
    out +=
      '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>' +
      '<pageSetup paperSize="1" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
      // Sheet name on the left, "page / pages" on the right.
      "<headerFooter><oddFooter>&amp;L&amp;A&amp;R&amp;P / &amp;N</oddFooter></headerFooter>" +
      "</worksheet>";
    const full = w.write(out);
    if (full) yield full;
    const last = w.take();
    if (last.length) yield last;
  }

  /**
   * Signature blocks side by side under the sheet: a line to sign on with the party under it,
   * then the lines to fill in (name, position, date).
   */
  private signatureRows(first: number, issues: TextIssues): string {
    const blocks = this.sheet.signatures!;
    const width = Math.max(1, Math.floor(this.cols.length / blocks.length));
    const span = Math.max(1, width - 1);
    const height = 1 + Math.max(...blocks.map((b) => b.lines.length));
    let out = "";
    for (let k = 0; k < height; k++) {
      const rn = first + k;
      out += `<row r="${rn}">`;
      blocks.forEach((b, i) => {
        const col = i * width;
        const text = k === 0 ? b.party : b.lines[k - 1];
        if (text === undefined) return;
        out += this.textCell(`${columnLetter(col)}${rn}`, text, k === 0 ? this.signS.party : this.signS.line, issues);
        if (k === 0) for (let c = col + 1; c < col + span; c++) out += `<c r="${columnLetter(c)}${rn}"${this.signS.rule}/>`;
      });
      out += "</row>";
    }
    return out;
  }

  /** One `<row>`: data cells typed by their column, totals styled across the whole row. */
  private row(values: readonly ReportValue[], rn: number, total: boolean, issues: TextIssues, kind?: ReportRowKind | null): string {
    const cols = this.cols;
    const currency = this.report.currency;
    let out = `<row r="${rn}">`;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i];
      const v = values[i];
      let s = total ? c.sTotal : kind === "subtotal" ? c.sSubtotal : kind === "section" && i === 0 ? this.sectionS : c.s;
      if (v === null || v === undefined || v === "") {
        if (total || kind === "subtotal") out += `<c r="${c.letter}${rn}"${s}/>`;
        continue;
      }
      if (c.currencyIndex >= 0 && c.currencyS) {
        // Money in another currency than the report's carries that currency's format.
        const cur = values[c.currencyIndex];
        if (typeof cur === "string" && cur !== "" && cur !== currency) s = (total ? c.currencyTotalS! : c.currencyS).get(cur) ?? unplanned(cur);
      }
      const ref = c.letter + rn;
      if (typeof v === "number") {
        if (c.kind === TEXT) {
          // A number in a text column (a code) stays text, as the Office.js writer writes it.
          out += this.textCell(ref, String(v), s, issues);
          continue;
        }
        const x = c.kind === MONEY ? v / 100 : c.kind === QUANTITY ? v / 1000 : c.kind === DATE ? serialFromDay(v) : v;
        // NaN and infinities have no place in a cell: an error value shows the fault.
        out += Number.isFinite(x) ? `<c r="${ref}"${s}><v>${x}</v></c>` : `<c r="${ref}"${s} t="e"><v>#NUM!</v></c>`;
      } else if (typeof v === "string") {
        out += this.textCell(ref, v, looksLikeFormula(v) ? (total ? c.sTotalQuote : c.sQuote) : s, issues);
      } else if (typeof v === "boolean") {
        out += `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
      }
    }
    return out + "</row>";
  }

  /**
   * An inline-string cell. Inline text is never a formula, whatever it starts with; it is cut
   * to Excel's limit and escaped so any string reads back as written (see xlsxText).
   */
  private textCell(ref: string, text: string, s: string, issues: TextIssues | null): string {
    let t = text;
    if (t.length > MAX_CELL_CHARS) {
      t = cutToCellLimit(t);
      if (issues && issues.cutCount++ < LISTED_CELLS) issues.cut.push(this.cellName(ref));
    }
    if (isPlainText(t)) return `<c r="${ref}"${s} t="inlineStr"><is>${hasOuterSpace(t) ? '<t xml:space="preserve">' : "<t>"}${t}</t></is></c>`;
    const e = escapeText(t);
    if (e.replaced && issues) {
      issues.replacedChars += e.replaced;
      if (issues.replacedCellCount++ < LISTED_CELLS) issues.replacedCells.push(this.cellName(ref));
    }
    return `<c r="${ref}"${s} t="inlineStr"><is><t${e.preserve ? ' xml:space="preserve"' : ""}>${e.xml}</t></is></c>`;
  }

  /** `L17 (Texto)`: the address and the column's header, when the cell is below the header. */
  private cellName(ref: string): string {
    const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
    const i = this.cols.findIndex((c) => c.letter === m[1]);
    return Number(m[2]) > this.layout.headerRow && i >= 0 ? `${ref} (${this.cols[i].header})` : ref;
  }

  private issueNotes(issues: TextIssues): string[] {
    const lang = this.report.lang;
    const list = (cells: string[], count: number) =>
      count > cells.length ? message(lang, "report.note.more", { cells: cells.join(", "), count: count - cells.length }) : cells.join(", ");
    const notes: string[] = [];
    if (issues.cutCount) notes.push(message(lang, "report.note.cut", { limit: MAX_CELL_CHARS, cells: list(issues.cut, issues.cutCount) }));
    if (issues.replacedCellCount)
      notes.push(message(lang, "report.note.replaced", { count: issues.replacedChars, cells: list(issues.replacedCells, issues.replacedCellCount) }));
    return notes;
  }
}

/**
 * Sheet names Excel accepts: at most 31 characters, none of `: \ / ? * [ ]` nor control
 * characters, not starting or ending with an apostrophe, not "History" (Excel keeps it for
 * change tracking), unique regardless of case. A name that had to change keeps what fits.
 */
export function sheetNames(report: Report): string[] {
  const taken = new Set<string>(["history"]);
  return report.sheets.map((sheet, i) => {
    const base = cleanSheetName(sheet.name) || message(report.lang, "report.sheet.default", { n: i + 1 });
    for (let k = 1; ; k++) {
      const suffix = k === 1 ? "" : ` (${k})`;
      const name = cutChars(base, 31 - suffix.length) + suffix;
      if (!taken.has(name.toLowerCase())) {
        taken.add(name.toLowerCase());
        return name;
      }
    }
  });
}

function cleanSheetName(name: string): string {
  let out = "";
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 32 || c === 0xfffe || c === 0xffff) continue;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < name.length && name.charCodeAt(i + 1) >= 0xdc00 && name.charCodeAt(i + 1) <= 0xdfff) {
      out += name[i] + name[++i];
    } else if (c >= 0xd800 && c <= 0xdfff) out += "\ufffd";
    else out += ":\\/?*[]".includes(name[i]) ? "_" : name[i];
  }
  return out.trim().replace(/^'+|'+$/g, "").trim();
}

/** `s` cut to `n` UTF-16 units without splitting a surrogate pair. */
function cutChars(s: string, n: number): string {
  if (s.length <= n) return s;
  const c = s.charCodeAt(n - 1);
  return s.slice(0, c >= 0xd800 && c <= 0xdbff ? n - 1 : n).trimEnd();
}
