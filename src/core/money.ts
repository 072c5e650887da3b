import type { Problem } from "./messages";

/**
 * Money is an integer number of the currency's minor units: centavos for MXN (and cents for
 * USD/EUR), yen for JPY, fils for KWD. Every amount is below 10^15 minor units in magnitude
 * (`MAX_AMOUNT_MINOR`), so it is an exact double; sums stay exact while they stay below 2^53
 * (about 9 × 10^15). A sum of any 9 amounts always does; longer sums that could pass it go
 * through `addExact`, `CentavosSum` or `sumCentavos`.
 */
export type Centavos = number;

export type AmountParse = { ok: true; value: Centavos } | { ok: false; problem: Problem };

/** What a column writes as its decimal separator; "undecided" when nothing in it says. */
export type DecimalSeparator = "." | ",";
export type DecimalChoice = DecimalSeparator | "undecided";

export interface AmountOptions {
  /**
   * The column's decimal separator, as `decideDecimalSeparator` found it. With "undecided"
   * (the default) a text such as `1.000` or `1,000` is a problem, never a guess.
   */
  decimal?: DecimalChoice;
  /** ISO 4217 code: how many decimals an amount may carry (`minorUnits`). MXN by default. */
  currency?: string;
}

/**
 * The largest magnitude an amount may have, exclusive: 10^15 minor units, i.e. just under
 * 10 trillion (10^13) pesos. Far beyond any invoice, and still 9 times below 2^53.
 */
export const MAX_AMOUNT_MINOR = 1e15;

// ---- currencies -----------------------------------------------------------------------

/**
 * Decimals per currency from ISO 4217 List One (SIX Financial Information, the standard's
 * maintenance agency: https://www.six-group.com/en/products-services/financial-information/data-standards.html,
 * column "Minor unit"). Every active currency has 2 except these.
 */
const MINOR_UNIT_EXCEPTIONS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** Decimals of a currency's minor unit: MXN/USD/EUR 2, JPY/CLP 0, KWD/BHD 3. */
export function minorUnits(currency = "MXN"): number {
  return MINOR_UNIT_EXCEPTIONS[currency.toUpperCase()] ?? 2;
}

const POW10 = [1, 10, 100, 1000, 10000];

/** The largest amount, in units, as the message shows it: `9,999,999,999,999.99` for MXN. */
function maxText(minor: number): string {
  const units = "9".repeat(15 - minor).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return minor === 0 ? units : `${units}.${"9".repeat(minor)}`;
}

// ---- numbers (cells Excel typed as numbers) -------------------------------------------

type NumberReading = number | "tooLarge" | "tooManyDecimals";

/**
 * A number cell in minor units. Excel's binary noise (0.1 + 0.2 = 0.30000000000000004, a
 * product such as 100 × 1.16) sits far within a billionth of a unit of a whole centavo and is
 * rounded away; anything further off carries a real extra decimal (1.005, 0.001 in MXN) and is
 * refused rather than rounded. Past a million units a double has fewer digits than that
 * tolerance, so there the number is judged by the 15 significant digits Excel shows.
 */
function readNumber(v: number, minor: number): NumberReading | null {
  if (!Number.isFinite(v)) return null;
  const scale = POW10[minor];
  const scaled = v * scale;
  if (!(Math.abs(scaled) < MAX_AMOUNT_MINOR + 0.5)) return "tooLarge";
  const r = Math.round(scaled);
  if (Math.abs(scaled - r) <= 1e-9 * scale) {
    if (Math.abs(r) >= MAX_AMOUNT_MINOR) return "tooLarge";
    return r === 0 ? 0 : r;
  }
  const text = Math.abs(v).toPrecision(15);
  if (text.includes("e")) return "tooManyDecimals";
  const dot = text.indexOf(".");
  let frac = dot < 0 ? "" : text.slice(dot + 1);
  let end = frac.length;
  while (end > 0 && frac.charCodeAt(end - 1) === 48) end--;
  frac = frac.slice(0, end);
  if (frac.length > minor) return "tooManyDecimals";
  const whole = Number(dot < 0 ? text : text.slice(0, dot));
  const value = whole * scale + (frac === "" ? 0 : Number(frac) * POW10[minor - frac.length]);
  if (value >= MAX_AMOUNT_MINOR) return "tooLarge";
  return v < 0 && value !== 0 ? -value : value;
}

/**
 * Converts a number cell to minor units (centavos by default). Null when it is not finite,
 * past `MAX_AMOUNT_MINOR`, or carries more decimals than the currency has; `parseAmount`
 * says which.
 */
export function centavosFromNumber(v: number, minor = 2): Centavos | null {
  const r = readNumber(v, minor);
  return typeof r === "number" ? r : null;
}

// ---- text: the fast path --------------------------------------------------------------

/**
 * The shapes SAP and Excel write nearly always (`-1,234.56`, `1,234.56-`, `1234.5`), read
 * in centavos (2-decimal currencies) without regular expressions or allocations. NaN means
 * "not that simple", not "invalid": the caller falls back to `parseAmount`.
 *
 * `decimal` is the column's separator: with "," the roles swap (`1.234,56-`). "undecided"
 * reads the SAP form (`.` decimal, `,` thousands) but leaves ambiguous text such as `1,000`
 * to `parseAmount`, which reports it.
 */
export function simpleAmount(s: string, decimal: DecimalChoice = "undecided"): number {
  const dec = decimal === "," ? 44 : 46;
  const sep = decimal === "," ? 46 : 44;
  let i = 0;
  let n = s.length;
  while (i < n && s.charCodeAt(i) === 32) i++;
  while (n > i && s.charCodeAt(n - 1) === 32) n--;
  let negative = false;
  if (i < n && s.charCodeAt(i) === 45) {
    negative = true;
    i++;
  } else if (n > i && s.charCodeAt(n - 1) === 45) {
    negative = true;
    n--;
  }
  if (i >= n) return NaN;
  let units = 0;
  let group = 0;
  let firstGroup = 0;
  let separators = 0;
  let k = i;
  for (; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      units = units * 10 + (c - 48);
      group++;
    } else if (c === sep) {
      // A leading group such as `0,` is no thousands group: `0,313` is left to parseAmount.
      if (separators > 0 ? group !== 3 : group < 1 || group > 3 || s.charCodeAt(i) === 48) return NaN;
      if (separators === 0) firstGroup = group;
      separators++;
      group = 0;
    } else break;
  }
  if (k === i || (separators > 0 && group !== 3) || firstGroup > 3 || units > 9e13) return NaN;
  let cents = 0;
  if (k < n) {
    if (s.charCodeAt(k) !== dec) return NaN;
    const digits = n - k - 1;
    if (digits < 1 || digits > 2) return NaN;
    const d1 = s.charCodeAt(k + 1) - 48;
    const d2 = digits === 2 ? s.charCodeAt(k + 2) - 48 : 0;
    if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return NaN;
    cents = d1 * 10 + d2;
  } else if (separators === 1 && decimal === "undecided") {
    return NaN; // `1,000`: a thousand, or one with a decimal comma
  }
  const total = units * 100 + cents;
  if (total >= MAX_AMOUNT_MINOR) return NaN;
  return negative && total !== 0 ? -total : total;
}

// ---- text: what a value says about its separators -------------------------------------

/**
 * What one text says about the decimal separator: "." or "," when it can only be read one
 * way, "ambiguous" for a single separator followed by exactly three digits (`1.000`: a
 * thousand or one), "none" without separators (`1234`), "invalid" when it is not an amount.
 */
export type DecimalEvidence = DecimalSeparator | "ambiguous" | "none" | "invalid";

interface AmountText {
  negative: boolean;
  evidence: DecimalEvidence;
  /** Digits before the decimal separator (thousands separators removed). */
  int: string;
  /** Digits after it. For "ambiguous", the three digits after the separator. */
  frac: string;
  /** The separator of an ambiguous text. */
  sep: DecimalSeparator | null;
}

const INVALID: AmountText = { negative: false, evidence: "invalid", int: "", frac: "", sep: null };

const CURRENCY_NOISE = /\s|\u00a0|\$|MXN|MN|M\.N\.|USD|US|EUR|€/gi;

function allDigits(s: string): boolean {
  if (s === "") return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `1,234,567` with `sep` = ",": a first group of 1-3 digits, then groups of exactly 3. */
function validGroups(s: string, sep: string): boolean {
  const groups = s.split(sep);
  if (groups[0].length < 1 || groups[0].length > 3 || !allDigits(groups[0])) return false;
  for (let i = 1; i < groups.length; i++) if (groups[i].length !== 3 || !allDigits(groups[i])) return false;
  return true;
}

/** Splits a text amount into sign, digits and what its separators say, without deciding. */
function readAmountText(value: string): AmountText {
  let s = value.replace(CURRENCY_NOISE, "");
  let negative = false;
  let signs = 0;
  if (s.startsWith("(") && s.endsWith(")")) {
    negative = true;
    signs++;
    s = s.slice(1, -1);
  }
  if (s.endsWith("-")) {
    negative = !negative;
    signs++;
    s = s.slice(0, -1);
  } else if (s.startsWith("-")) {
    negative = !negative;
    signs++;
    s = s.slice(1);
  } else if (s.startsWith("+")) {
    signs++;
    s = s.slice(1);
  }
  // Two signs (`(1,234.56-)`) would silently flip a credit into a debit.
  if (signs > 1 || s === "") return INVALID;
  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");
  if (lastDot < 0 && lastComma < 0) return allDigits(s) ? { negative, evidence: "none", int: s, frac: "", sep: null } : INVALID;
  if (lastDot >= 0 && lastComma >= 0) {
    // Both present: the one further right is the decimal separator, the other groups thousands.
    const decimal: DecimalSeparator = lastDot > lastComma ? "." : ",";
    const thousands = decimal === "." ? "," : ".";
    const at = decimal === "." ? lastDot : lastComma;
    const int = s.slice(0, at);
    const frac = s.slice(at + 1);
    if (int.indexOf(decimal) >= 0 || !validGroups(int, thousands) || !allDigits(frac)) return INVALID;
    return { negative, evidence: decimal, int: int.split(thousands).join(""), frac, sep: null };
  }
  const sep: DecimalSeparator = lastDot >= 0 ? "." : ",";
  const other: DecimalSeparator = sep === "." ? "," : ".";
  const first = s.indexOf(sep);
  if (first !== (sep === "." ? lastDot : lastComma)) {
    // The separator repeats (`1.000.000`): it groups thousands, so the other one is the decimal.
    if (!validGroups(s, sep)) return INVALID;
    return { negative, evidence: other, int: s.split(sep).join(""), frac: "", sep: null };
  }
  const before = s.slice(0, first);
  const after = s.slice(first + 1);
  if ((before !== "" && !allDigits(before)) || !allDigits(after)) return INVALID;
  // Only a decimal separator can have other than three digits after it, none or more than
  // three before it, or a group starting with 0 before it (`0.500`).
  if (after.length !== 3 || before.length === 0 || before.length > 3 || before.charCodeAt(0) === 48) {
    return { negative, evidence: sep, int: before, frac: after, sep: null };
  }
  return { negative, evidence: "ambiguous", int: before, frac: after, sep };
}

/** Digits from `start` to `end` grouped by `sep`: a first group of 1-3 digits, then groups of 3. */
function groupedDigits(s: string, start: number, end: number, sep: number): boolean {
  let group = 0;
  let groups = 0;
  for (let k = start; k < end; k++) {
    const c = s.charCodeAt(k);
    if (c === sep) {
      if (groups === 0 ? group < 1 || group > 3 : group !== 3) return false;
      groups++;
      group = 0;
    } else if (c >= 48 && c <= 57) group++;
    else return false;
  }
  return groups === 0 ? group > 0 : group === 3;
}

/**
 * `readAmountText(value).evidence` for the shapes nearly every cell has (digits, separators,
 * one sign, `$`, spaces), reading char codes only; null sends anything else to the full reader.
 */
function quickEvidence(s: string): DecimalEvidence | null {
  let i = 0;
  let n = s.length;
  let signs = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 45 || c === 43) signs++;
    else if (c !== 32 && c !== 36) break;
  }
  for (; n > i; n--) {
    const c = s.charCodeAt(n - 1);
    if (c === 45) signs++;
    else if (c !== 32) break;
  }
  if (signs > 1 || i >= n) return null;
  let dots = 0, commas = 0, lastDot = -1, lastComma = -1;
  for (let k = i; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c === 46) {
      dots++;
      lastDot = k;
    } else if (c === 44) {
      commas++;
      lastComma = k;
    } else if (c < 48 || c > 57) return null;
  }
  if (dots === 0 && commas === 0) return "none";
  if (dots > 0 && commas > 0) {
    const decimalAt = lastDot > lastComma ? lastDot : lastComma;
    if ((lastDot > lastComma ? dots : commas) !== 1 || decimalAt === n - 1) return "invalid";
    return groupedDigits(s, i, decimalAt, lastDot > lastComma ? 44 : 46) ? (lastDot > lastComma ? "." : ",") : "invalid";
  }
  const sep = dots > 0 ? 46 : 44;
  const at = dots > 0 ? lastDot : lastComma;
  if ((dots > 0 ? dots : commas) > 1) return groupedDigits(s, i, n, sep) ? (sep === 46 ? "," : ".") : "invalid";
  const before = at - i;
  const after = n - at - 1;
  if (after === 0) return "invalid";
  if (after !== 3 || before === 0 || before > 3 || s.charCodeAt(i) === 48) return sep === 46 ? "." : ",";
  return "ambiguous";
}

/** What a text amount says about its column's decimal separator (see `decideDecimalSeparator`). */
export function decimalEvidence(value: string): DecimalEvidence {
  return quickEvidence(value) ?? readAmountText(value).evidence;
}

function fail(code: Problem["code"], params: Record<string, string | number>): AmountParse {
  return { ok: false, problem: { code, params } };
}

function trimZeros(digits: string): string {
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  return digits.slice(i);
}

/**
 * Reads what users and SAP write for an amount: `1,234.56`, `1,234.56-` (SAP puts the sign
 * last), `-1,234.56`, `(1,234.56)`, `$1,234.56`, `1.234,56` (decimal comma) and numbers, in
 * minor units of `options.currency`.
 *
 * Text whose separator could be either (`1.000`, `12,345`) is read the way the column's
 * `decimal` says; with "undecided" it is a problem naming both readings. Text that can only
 * be read the other way than the column's separator is a problem too. More decimals than
 * the currency has (`0.001` in MXN) are refused, never rounded; so is anything past
 * `MAX_AMOUNT_MINOR`. Empty cells are not amounts: callers decide whether that is an error.
 */
export function parseAmount(value: unknown, options: AmountOptions = {}): AmountParse {
  const decimal = options.decimal ?? "undecided";
  const currency = (options.currency ?? "MXN").toUpperCase();
  const minor = minorUnits(currency);
  if (typeof value === "number") {
    const r = readNumber(value, minor);
    if (typeof r === "number") return { ok: true, value: r };
    const text = String(value);
    if (r === "tooManyDecimals") return fail("amount.tooManyDecimals", { value: text, currency, digits: minor });
    return fail("amount.tooLarge", { value: text, max: maxText(minor) });
  }
  if (typeof value !== "string") return fail("amount.expected", { value: String(value) });
  if (minor === 2) {
    const fast = simpleAmount(value, decimal);
    if (fast === fast) return { ok: true, value: fast };
  }
  const shown = value.trim();
  const t = readAmountText(value);
  if (t.evidence === "invalid") return fail("amount.unrecognized", { value: shown });
  let int = t.int;
  let frac = t.frac;
  if (t.evidence === "ambiguous") {
    if (decimal === "undecided") {
      const asDecimal = `${trimZeros(int)}.${frac}`.replace(/\.?0+$/, "");
      return fail("amount.ambiguous", { value: shown, asThousands: trimZeros(int + frac), asDecimal });
    }
    if (decimal !== t.sep) {
      int += frac;
      frac = "";
    }
  } else if ((t.evidence === "." || t.evidence === ",") && decimal !== "undecided" && t.evidence !== decimal) {
    return fail("amount.decimalMismatch", { value: shown, found: t.evidence, decimal });
  }
  // Zeros past the currency's decimals change nothing (`1.000` read with "." is one peso).
  let end = frac.length;
  while (end > minor && frac.charCodeAt(end - 1) === 48) end--;
  if (end > minor) return fail("amount.tooManyDecimals", { value: shown, currency, digits: minor });
  frac = frac.slice(0, end);
  if (int === "" && frac === "") return fail("amount.unrecognized", { value: shown });
  int = trimZeros(int === "" ? "0" : int);
  if (int.length > 16) return fail("amount.tooLarge", { value: shown, max: maxText(minor) });
  const units = Number(int) * POW10[minor] + (frac === "" ? 0 : Number(frac) * POW10[minor - frac.length]);
  if (units >= MAX_AMOUNT_MINOR) return fail("amount.tooLarge", { value: shown, max: maxText(minor) });
  return { ok: true, value: t.negative && units !== 0 ? -units : units };
}

// ---- exact totals ---------------------------------------------------------------------

/** a + b, or null when the sum is no longer exact (past 2^53 − 1 minor units). */
export function addExact(a: Centavos, b: Centavos): Centavos | null {
  const s = a + b;
  // Rounding is monotonic: an exact sum of 2^53 or more never comes out as a safe integer.
  return Number.isSafeInteger(s) ? s : null;
}

/**
 * A running total that is always exact: plain numbers while every partial sum stays within
 * 2^53, BigInt past it. Costs one comparison per amount on the common path.
 */
export class CentavosSum {
  private small = 0;
  private big = 0n;
  private spilled = false;

  add(c: Centavos): void {
    const s = this.small + c;
    if (s <= Number.MAX_SAFE_INTEGER && s >= -Number.MAX_SAFE_INTEGER) {
      this.small = s;
    } else {
      this.big += BigInt(this.small) + BigInt(c);
      this.small = 0;
      this.spilled = true;
    }
  }

  /** The exact total. */
  get total(): bigint {
    return this.big + BigInt(this.small);
  }

  /** The total as a number, or null when it has no exact double (past 2^53 − 1). */
  toNumber(): Centavos | null {
    if (!this.spilled) return this.small;
    const t = this.total;
    return t <= BigInt(Number.MAX_SAFE_INTEGER) && t >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(t) : null;
  }
}

/** The exact sum of amounts in minor units, however many and however large. */
export function sumCentavos(values: Iterable<Centavos> | ArrayLike<Centavos>): bigint {
  const sum = new CentavosSum();
  if (typeof (values as Iterable<Centavos>)[Symbol.iterator] === "function") {
    for (const v of values as Iterable<Centavos>) sum.add(v);
  } else {
    const a = values as ArrayLike<Centavos>;
    for (let i = 0; i < a.length; i++) sum.add(a[i]);
  }
  return sum.total;
}

// ---- output ---------------------------------------------------------------------------

/**
 * Currency units as a JSON number: exact to the centavo, at most two decimals. One parameter
 * only, so `amounts.map(toUnits)` stays right; other currencies' minor units: `unitsOf`. For
 * totals past 2^53 minor units use `unitsText`, which a JSON number cannot carry exactly.
 */
export function toUnits(c: Centavos): number {
  return c / 100;
}

/** Currency units of an amount in minor units with `minor` decimals (`minorUnits(currency)`). */
export function unitsOf(c: Centavos, minor: number): number {
  return c / POW10[minor];
}

/** Currency units as exact decimal text (`90071992547409.93`), for numbers or BigInt totals. */
export function unitsText(c: Centavos | bigint, minor = 2): string {
  const negative = c < 0;
  const digits = (negative ? -BigInt(c) : BigInt(c)).toString().padStart(minor + 1, "0");
  const int = digits.slice(0, digits.length - minor);
  const frac = digits.slice(digits.length - minor);
  return (negative ? "-" : "") + int + (minor > 0 ? "." + frac : "");
}

const SYMBOLS: Record<string, string> = { MXN: "$", USD: "US$", EUR: "€" };

/**
 * `$1,234,567.89` (es-MX and en-US group the same way); other currencies get their code.
 * `minor` is the number of decimals `c` carries (2, centavos, unless the caller parsed the
 * amount in another currency's minor units, see `minorUnits`). Takes BigInt totals too.
 */
export function formatMoney(c: Centavos | bigint, currency = "MXN", minor = 2): string {
  const text = unitsText(c, minor);
  const negative = text.startsWith("-");
  const body = negative ? text.slice(1) : text;
  const dot = body.indexOf(".");
  const int = dot < 0 ? body : body.slice(0, dot);
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (dot < 0 ? "" : body.slice(dot));
  const symbol = SYMBOLS[currency];
  const out = symbol === undefined ? `${grouped} ${currency}` : `${symbol}${grouped}`;
  return negative ? `-${out}` : out;
}

/** Excel number format for a currency, as an analyst would set it by hand. */
export function excelMoneyFormat(currency = "MXN", minor = 2): string {
  const symbol = SYMBOLS[currency];
  const body = minor > 0 ? `#,##0.${"0".repeat(minor)}` : "#,##0";
  const prefix = symbol === undefined ? "" : `"${symbol}"`;
  const suffix = symbol === undefined ? ` "${currency}"` : "";
  return `${prefix}${body}${suffix};[Red]-${prefix}${body}${suffix}`;
}
