/**
 * One custom-function call: reads arguments the way Excel passes them (numbers, dates as
 * serials, numbers and dates as text, booleans, empty cells as null/undefined/"", ranges as
 * 2-D arrays) through core's parsers, and turns bad input into #VALUE! with a message naming
 * the argument in the user's language. Deciding stays in src/core; this only translates.
 */
import { DEFAULT_EDGES, validateEdges } from "../src/core/aging/aging";
import { parseDateCell, type CivilDay } from "../src/core/dates";
import { cellText } from "../src/core/grid";
import { describe, type Lang, type Problem } from "../src/core/messages";
import { parseAmount, type Centavos, type DecimalChoice } from "../src/core/money";
import { parseRate, type Fraction } from "../src/core/rates";
import { lookupTerms } from "../src/core/terms";
import { FunctionError, toHostError } from "./errors";
import { today, userLang } from "./host";
import { fnMessage, type FnMessage } from "./messages";
import translations from "./translations.es.json";

type Params = Record<string, string | number>;
type Translations = Record<string, { parameters?: Record<string, { name: string }> } | string>;

export type Matrix = unknown[][];

export function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === "" || (typeof v === "string" && v.trim() === "");
}

/**
 * A range argument as rows × columns. Excel hands matrix parameters over as unknown[][]; a
 * single value typed in place (or a scalar from JavaScript) becomes a 1×1 range, an omitted
 * argument an empty one.
 */
export class Range {
  readonly rows: number;
  readonly cols: number;
  constructor(readonly cells: Matrix) {
    this.rows = cells.length;
    this.cols = this.rows === 0 ? 0 : cells[0].length;
  }
  static of(v: unknown): Range {
    if (v === undefined || v === null) return new Range([]);
    if (!Array.isArray(v)) return new Range([[v]]);
    if (v.length === 0) return new Range([]);
    return new Range(Array.isArray(v[0]) ? (v as Matrix) : [v]);
  }
  get size(): number {
    return this.rows * this.cols;
  }
  /** Cell i in reading order (across, then down). */
  at(i: number): unknown {
    return this.cols === 1 ? this.cells[i][0] : this.cells[Math.floor(i / this.cols)][i % this.cols];
  }
  isOmitted(): boolean {
    if (this.size === 0) return true;
    return this.size === 1 && isEmpty(this.at(0));
  }
}

export class Call {
  readonly lang: Lang;
  constructor(readonly fn: string) {
    this.lang = userLang();
  }

  /** The argument's name as Excel shows it in this language (Spanish names from the translation table). */
  label(arg: string): string {
    if (this.lang === "en") return arg;
    const entry = (translations as Translations)[this.fn];
    return (typeof entry === "object" && entry.parameters?.[arg]?.name) || arg;
  }

  text(code: FnMessage, params: Params = {}): string {
    return fnMessage(this.lang, code, params);
  }

  invalid(code: FnMessage, arg: string, params: Params = {}): FunctionError {
    return new FunctionError("#VALUE!", this.text(code, { ...params, arg: this.label(arg) }));
  }

  problem(arg: string, problem: Problem): FunctionError {
    return this.invalid("arg.problem", arg, { detail: describe(problem, this.lang) });
  }

  notAvailable(code: FnMessage, params: Params = {}): FunctionError {
    return new FunctionError("#N/A", this.text(code, params));
  }

  noAnswer(): FunctionError {
    return new FunctionError("#NUM!");
  }

  /** Where cell i of a range is, in the user's words: "fila 3" for a column, "columna 2" for a row. */
  position(range: Range, i: number): string {
    const row = Math.floor(i / Math.max(range.cols, 1)) + 1;
    const col = (i % Math.max(range.cols, 1)) + 1;
    if (range.cols === 1) return this.text("pos.row", { row });
    if (range.rows === 1) return this.text("pos.column", { col });
    return this.text("pos.cell", { row, col });
  }

  cellProblem(arg: string, range: Range, i: number, detail: string): FunctionError {
    return this.invalid("range.cell", arg, { pos: this.position(range, i), detail });
  }

  missingCell(arg: string, range: Range, i: number): FunctionError {
    return this.cellProblem(arg, range, i, describe({ code: "row.missing" }, this.lang));
  }

  sameSize(arg: string, a: Range, other: string, b: Range): void {
    if (a.size !== b.size) throw this.invalid("range.size", arg, { other: this.label(other), n: a.size, m: b.size });
  }

  // ---- scalars ------------------------------------------------------------------------

  day(v: unknown, arg: string): CivilDay {
    if (isEmpty(v)) throw this.invalid("arg.missing", arg);
    const r = parseDateCell(typeof v === "string" ? v.trim() : v);
    if (!r.ok) throw this.problem(arg, r.problem);
    return r.day;
  }

  optionalDay(v: unknown, arg: string): CivilDay | null {
    return isEmpty(v) ? null : this.day(v, arg);
  }

  /** The key date: today when omitted. */
  asOf(v: unknown, arg = "asOf"): CivilDay {
    return this.optionalDay(v, arg) ?? today();
  }

  amount(v: unknown, arg: string): Centavos {
    if (isEmpty(v)) throw this.invalid("arg.missing", arg);
    const r = parseAmount(v);
    if (!r.ok) throw this.problem(arg, r.problem);
    return r.value;
  }

  nonNegativeAmount(v: unknown, arg: string): Centavos {
    const c = this.amount(v, arg);
    if (c < 0) throw this.invalid("arg.nonNegative", arg);
    return c;
  }

  optionalAmount(v: unknown, arg: string, fallback: Centavos): Centavos {
    return isEmpty(v) ? fallback : this.amount(v, arg);
  }

  number(v: unknown, arg: string): number {
    if (isEmpty(v)) throw this.invalid("arg.missing", arg);
    if (typeof v === "number" && Number.isFinite(v)) return v;
    if (typeof v === "string" && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(v)) return Number(v);
    throw this.invalid("arg.number", arg, { value: cellText(v) });
  }

  positiveNumber(v: unknown, arg: string): number {
    const n = this.number(v, arg);
    if (!(n > 0)) throw this.invalid("arg.positive", arg);
    return n;
  }

  integer(v: unknown, arg: string, min: number, max: number, fallback?: number): number {
    if (isEmpty(v) && fallback !== undefined) return fallback;
    const n = this.number(v, arg);
    if (!Number.isInteger(n) || n < min || n > max) throw this.invalid("arg.integer", arg, { min, max });
    return n;
  }

  /** Optional TRUE/FALSE; also 1/0 and the words Excel users type in either language. */
  flag(v: unknown, arg: string): boolean {
    if (isEmpty(v)) return false;
    if (typeof v === "boolean") return v;
    if (typeof v === "number") return v !== 0;
    if (typeof v === "string") {
      const t = v.trim().toUpperCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      if (["TRUE", "VERDADERO", "SI", "YES", "1"].includes(t)) return true;
      if (["FALSE", "FALSO", "NO", "0"].includes(t)) return false;
    }
    throw this.invalid("arg.boolean", arg);
  }

  /**
   * An annual rate as an exact fraction, null when empty. Rates above 100 % are refused: a 6 in a
   * cell almost always means 6 %, and charging 600 % by mistake is worse than asking.
   */
  rate(v: unknown, arg: string): Fraction | null {
    if (isEmpty(v)) return null;
    const r = parseRate(v);
    if (!r.ok) throw this.invalid("arg.rate", arg, { value: cellText(v) });
    const { num, den } = r.rate;
    if (num < 0n) throw this.invalid("arg.nonNegative", arg);
    if (num > den) {
      const value = cellText(v);
      throw this.invalid("arg.rateTooHigh", arg, { value, percent: Number(num * 100n) / Number(den), fraction: String(Number(num) / Number(den) / 100) });
    }
    return r.rate;
  }

  /** Net days of payment terms: days, or a key or text such as Z030, NT30, 2/10 neto 30, contado. */
  termDays(v: unknown, arg: string): number {
    if (isEmpty(v)) throw this.invalid("arg.missing", arg);
    const r = lookupTerms(typeof v === "string" ? v.trim() : v);
    if (!r.ok) throw this.problem(arg, r.problem);
    return r.terms.netDays;
  }

  /** The decimal separator of an amount written as text: "." or ","; undecided when omitted. */
  decimalSeparator(v: unknown, arg: string): DecimalChoice {
    if (isEmpty(v)) return "undecided";
    const t = typeof v === "string" ? v.trim() : v;
    if (t === "." || t === ",") return t;
    throw this.invalid("arg.decimalSeparator", arg);
  }

  /** An amount read with a known separator; an ambiguous text names both readings and the argument that settles it. */
  amountWithSeparator(v: unknown, arg: string, decimal: DecimalChoice, decimalArg: string): Centavos {
    if (isEmpty(v)) throw this.invalid("arg.missing", arg);
    const r = parseAmount(v, { decimal });
    if (r.ok) return r.value;
    if (r.problem.code === "amount.ambiguous") throw this.invalid("amount.ambiguous", arg, { ...r.problem.params, decimalArg: this.label(decimalArg) });
    throw this.problem(arg, r.problem);
  }

  // ---- ranges -------------------------------------------------------------------------

  /** Bucket edges from a range of numbers or text such as "15,30,60,90"; the default when omitted. */
  edges(v: unknown, arg = "edges"): readonly number[] {
    const range = Range.of(v);
    if (range.isOmitted()) return DEFAULT_EDGES;
    const edges: number[] = [];
    for (let i = 0; i < range.size; i++) {
      const cell = range.at(i);
      if (isEmpty(cell)) continue;
      const parts = typeof cell === "string" ? cell.split(/[,;\s]+/).filter((p) => p !== "") : [cell];
      for (const p of parts) {
        const n = typeof p === "number" ? p : typeof p === "string" && /^\d+$/.test(p) ? Number(p) : NaN;
        edges.push(n);
      }
    }
    if (validateEdges(edges) !== null) throw this.invalid("arg.edges", arg);
    return edges;
  }

  /** Dates of a range (empty cells skipped), e.g. holidays. */
  daySet(v: unknown, arg: string): Set<CivilDay> {
    const range = Range.of(v);
    const days = new Set<CivilDay>();
    for (let i = 0; i < range.size; i++) {
      const cell = range.at(i);
      if (isEmpty(cell)) continue;
      const r = parseDateCell(typeof cell === "string" ? cell.trim() : cell);
      if (!r.ok) throw this.cellProblem(arg, range, i, describe(r.problem, this.lang));
      days.add(r.day);
    }
    return days;
  }

  /** Cell i of a range as centavos; the caller has checked it is not empty. */
  cellAmount(range: Range, i: number, arg: string): Centavos {
    const v = range.at(i);
    const r = parseAmount(v);
    if (!r.ok) throw this.cellProblem(arg, range, i, describe(r.problem, this.lang));
    return r.value;
  }

  /** Cell i of a range as a civil day; empty is an error unless `optional`. */
  cellDay(range: Range, i: number, arg: string): CivilDay;
  cellDay(range: Range, i: number, arg: string, optional: true): CivilDay | null;
  cellDay(range: Range, i: number, arg: string, optional = false): CivilDay | null {
    const v = range.at(i);
    if (isEmpty(v)) {
      if (optional) return null;
      throw this.missingCell(arg, range, i);
    }
    const r = parseDateCell(typeof v === "string" ? v.trim() : v);
    if (!r.ok) throw this.cellProblem(arg, range, i, describe(r.problem, this.lang));
    return r.day;
  }
}

/**
 * Runs a function body for Excel: the body reads its arguments through `Call`, and whatever it
 * throws leaves as the error Excel can show (CustomFunctions.Error inside Excel).
 */
export function run<T>(fn: string, body: (call: Call) => T): T {
  try {
    return body(new Call(fn));
  } catch (e) {
    throw toHostError(e);
  }
}
