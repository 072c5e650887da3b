import type { Problem } from "./messages";

/**
 * Money is an integer number of centavos. Sums stay exact while they stay below 2^53
 * centavos (about 90 trillion pesos), so plain numbers are enough and fast.
 */
export type Centavos = number;

export type AmountParse = { ok: true; value: Centavos } | { ok: false; problem: Problem };

const MAX_CENTAVOS = Number.MAX_SAFE_INTEGER;

/** Rounds a decimal written as digits half away from zero to centavos. */
function centavosFromDigits(intPart: string, fracPart: string, negative: boolean): Centavos {
  const whole = intPart === "" ? 0 : Number(intPart);
  const f = (fracPart + "000").slice(0, 3);
  let cents = whole * 100 + Number(f.slice(0, 2));
  if (f.charCodeAt(2) >= 53 /* '5' */) cents += 1;
  return negative && cents !== 0 ? -cents : cents;
}

/**
 * Converts a number to centavos, rounding half away from zero on its shortest decimal form,
 * so 1.005 (typed by a person) becomes 101 centavos even though its binary value is below it.
 */
export function centavosFromNumber(v: number): Centavos | null {
  if (!Number.isFinite(v)) return null;
  const scaled = v * 100;
  const r = Math.round(scaled);
  // Fast path: already a whole number of centavos (up to binary noise).
  if (Math.abs(scaled - r) < 1e-7 && Math.abs(r) <= MAX_CENTAVOS) return r === 0 ? 0 : r;
  const text = Math.abs(v).toPrecision(15);
  if (/e/i.test(text)) return Math.abs(v) < 1 ? 0 : null;
  const dot = text.indexOf(".");
  const result = dot < 0 ? centavosFromDigits(text, "", v < 0) : centavosFromDigits(text.slice(0, dot), text.slice(dot + 1), v < 0);
  return Math.abs(result) <= MAX_CENTAVOS ? result : null;
}

/**
 * The shapes SAP and Excel write nearly always (`-1,234.56`, `1,234.56-`, `1234.5`), read
 * without regular expressions or allocations; NaN means "not that simple", not "invalid".
 */
export function simpleAmount(s: string): number {
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
  let group = 0; // digits since the last comma, -1 before any comma
  let firstGroup = 0;
  let sawComma = false;
  let k = i;
  for (; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      units = units * 10 + (c - 48);
      group++;
    } else if (c === 44) {
      if (sawComma ? group !== 3 : group < 1 || group > 3) return NaN;
      if (!sawComma) firstGroup = group;
      sawComma = true;
      group = 0;
    } else break;
  }
  if (k === i || (sawComma && group !== 3) || firstGroup > 3 || units > 9e13) return NaN;
  let cents = 0;
  if (k < n) {
    if (s.charCodeAt(k) !== 46) return NaN;
    const digits = n - k - 1;
    if (digits < 1 || digits > 2) return NaN;
    const d1 = s.charCodeAt(k + 1) - 48;
    const d2 = digits === 2 ? s.charCodeAt(k + 2) - 48 : 0;
    if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return NaN;
    cents = d1 * 10 + d2;
  }
  const total = units * 100 + cents;
  return negative && total !== 0 ? -total : total;
}

const CURRENCY_NOISE = /\s|\u00a0|\$|MXN|MN|M\.N\.|USD|US|EUR|€/gi;

/**
 * Reads what users and SAP write for an amount: `1,234.56`, `1,234.56-` (SAP puts the sign
 * last), `-1,234.56`, `(1,234.56)`, `$1,234.56`, `1.234,56` (decimal comma) and numbers.
 * Empty cells are not amounts: callers decide whether that is an error.
 */
export function parseAmount(value: unknown): AmountParse {
  if (typeof value === "number") {
    const c = centavosFromNumber(value);
    return c === null ? { ok: false, problem: { code: "amount.tooLarge", params: { value: String(value) } } } : { ok: true, value: c };
  }
  if (typeof value !== "string") return { ok: false, problem: { code: "amount.expected", params: { value: String(value) } } };
  const fast = simpleAmount(value);
  if (fast === fast) return { ok: true, value: fast };
  const original = value;
  let s = value.replace(CURRENCY_NOISE, "");
  let negative = false;
  if (s.startsWith("(") && s.endsWith(")")) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (s.endsWith("-")) {
    negative = !negative;
    s = s.slice(0, -1);
  } else if (s.startsWith("-")) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith("+")) {
    s = s.slice(1);
  }
  // A sign may sit outside the currency symbol: "-$1,234.56" was stripped to "-1,234.56" above.
  const bad = (): AmountParse => ({ ok: false, problem: { code: "amount.unrecognized", params: { value: original.trim() } } });
  if (s === "" || !/^[\d.,]+$/.test(s)) return bad();
  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");
  let intPart: string;
  let fracPart = "";
  if (lastDot >= 0 && lastComma >= 0) {
    // Both present: the one further right is the decimal separator.
    const decimal = lastDot > lastComma ? "." : ",";
    const thousands = decimal === "." ? "," : ".";
    const [i, f, extra] = s.split(decimal);
    if (extra !== undefined || !/^\d{1,3}(\d{3})*$/.test(i.split(thousands).join("")) || !validGroups(i, thousands)) return bad();
    intPart = i.split(thousands).join("");
    fracPart = f;
  } else if (lastComma >= 0) {
    const groups = s.split(",");
    if (groups.length === 2 && groups[1].length !== 3) {
      intPart = groups[0]; // decimal comma: 1234,5 or 1234,56
      fracPart = groups[1];
    } else {
      if (!validGroups(s, ",")) return bad();
      intPart = groups.join("");
    }
  } else if (lastDot >= 0) {
    const groups = s.split(".");
    if (groups.length === 2) {
      intPart = groups[0];
      fracPart = groups[1];
    } else {
      if (!validGroups(s, ".")) return bad();
      intPart = groups.join("");
    }
  } else {
    intPart = s;
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(fracPart) || (intPart === "" && fracPart === "")) return bad();
  if (intPart.length > 15) return { ok: false, problem: { code: "amount.tooLarge", params: { value: original.trim() } } };
  return { ok: true, value: centavosFromDigits(intPart, fracPart, negative) };
}

function validGroups(s: string, sep: string): boolean {
  const groups = s.split(sep);
  if (groups.length === 1) return true;
  if (groups[0].length < 1 || groups[0].length > 3) return false;
  for (let i = 1; i < groups.length; i++) if (groups[i].length !== 3) return false;
  return true;
}

/** Currency units as a JSON number: exact to the centavo, at most two decimals. */
export function toUnits(c: Centavos): number {
  return c / 100;
}

const SYMBOLS: Record<string, string> = { MXN: "$", USD: "US$", EUR: "€" };

/** `$1,234,567.89` (es-MX and en-US group the same way); other currencies get their code. */
export function formatMoney(c: Centavos, currency = "MXN"): string {
  const negative = c < 0;
  const abs = Math.abs(c);
  const units = Math.floor(abs / 100);
  const cents = abs - units * 100;
  const grouped = String(units).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const symbol = SYMBOLS[currency];
  const body = `${grouped}.${cents < 10 ? "0" : ""}${cents}`;
  const text = symbol === undefined ? `${body} ${currency}` : `${symbol}${body}`;
  return negative ? `-${text}` : text;
}

/** Excel number format for a currency, as an analyst would set it by hand. */
export function excelMoneyFormat(currency = "MXN"): string {
  const symbol = SYMBOLS[currency];
  const body = "#,##0.00";
  const prefix = symbol === undefined ? "" : `"${symbol}"`;
  const suffix = symbol === undefined ? ` "${currency}"` : "";
  return `${prefix}${body}${suffix};[Red]-${prefix}${body}${suffix}`;
}
