/**
 * Civil dates: a day number (days since 1970-01-01) with no time and no time zone.
 * A JS Date is never used to carry a civil date: `new Date("2026-10-31")` is UTC midnight
 * and shows as the 30th in Mexico.
 */
import type { MessageCode, Problem } from "./messages";

export type CivilDay = number;

/** Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's algorithm). */
export function dayFromCivil(y: number, m: number, d: number): CivilDay {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function civilFromDay(day: CivilDay): Ymd {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) &&
    y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : "0".repeat(width - s.length) + s;
}

/** `YYYY-MM-DD`. */
export function formatIsoDate(day: CivilDay): string {
  const { y, m, d } = civilFromDay(day);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** `DD/MM/YYYY`, the way Mexican users write dates. */
export function formatDayFirst(day: CivilDay): string {
  const { y, m, d } = civilFromDay(day);
  return `${pad(d, 2)}/${pad(m, 2)}/${pad(y, 4)}`;
}

/** Strict `YYYY-MM-DD` (command-line options, JSON). Returns null when invalid. */
export function parseIsoDate(text: string): CivilDay | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const y = +m[1], mo = +m[2], d = +m[3];
  return isValidYmd(y, mo, d) ? dayFromCivil(y, mo, d) : null;
}

/** 0 = Monday … 6 = Sunday. 1970-01-01 was a Thursday. */
export function weekday(day: CivilDay): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function addMonths(day: CivilDay, months: number): CivilDay {
  const { y, m, d } = civilFromDay(day);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return dayFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

// ---- Excel serial numbers -------------------------------------------------------------

export type DateSystem = 1900 | 1904;

/** Serial 25569 is 1970-01-01 in the 1900 system; serial 0 is 1904-01-01 in the 1904 system. */
const EPOCH_1900 = 25569;
const EPOCH_1904 = 24107;
/** Largest serial Excel accepts (9999-12-31 in the 1900 system). */
export const MAX_SERIAL = 2958465;

/**
 * Converts an Excel serial (fractions are the time of day and are dropped) to a civil day.
 * In the 1900 system serial 60 is the phantom 1900-02-29 Lotus kept, so it has no civil day;
 * serials below it are one day off from the arithmetic used above it.
 */
export function dayFromSerial(serial: number, system: DateSystem = 1900): CivilDay | null {
  if (!Number.isFinite(serial)) return null;
  const whole = Math.floor(serial);
  if (system === 1904) {
    if (whole < 0 || whole > MAX_SERIAL - 1462) return null;
    return whole - EPOCH_1904;
  }
  if (whole < 1 || whole > MAX_SERIAL || whole === 60) return null;
  return whole < 60 ? whole - EPOCH_1900 + 1 : whole - EPOCH_1900;
}

export function serialFromDay(day: CivilDay, system: DateSystem = 1900): number {
  if (system === 1904) return day + EPOCH_1904;
  const serial = day + EPOCH_1900;
  return serial <= 60 ? serial - 1 : serial;
}

// ---- Reading dates the way users type them ----------------------------------------------

const MONTHS: Record<string, number> = {
  ene: 1, enero: 1, jan: 1, january: 1,
  feb: 2, febrero: 2, february: 2,
  mar: 3, marzo: 3, march: 3,
  abr: 4, abril: 4, apr: 4, april: 4,
  may: 5, mayo: 5,
  jun: 6, junio: 6, june: 6,
  jul: 7, julio: 7, july: 7,
  ago: 8, agosto: 8, aug: 8, august: 8,
  sep: 9, sept: 9, septiembre: 9, setiembre: 9, september: 9,
  oct: 10, octubre: 10, october: 10,
  nov: 11, noviembre: 11, november: 11,
  dic: 12, diciembre: 12, dec: 12, december: 12,
};

export type DateParse = { ok: true; day: CivilDay } | { ok: false; problem: Problem };

const TIME = "[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:\\s*[ap]\\.?\\s*m\\.?)?(?:Z|[+-]\\d{2}:?\\d{2})?";
const NUMERIC_DATE = new RegExp(`^(\\d{1,4})[./-](\\d{1,2})[./-](\\d{1,4})(?:${TIME})?$`, "i");
/** The time after a date, matched from `lastIndex` to the end. */
const TIME_SUFFIX = new RegExp(`${TIME}$`, "iy");
const NAMED_MONTH = /^(\d{1,2})[\s./-]*([a-záéíóú]{3,10})\.?[\s./-]*(\d{2,4})$/i;

function fullYear(y: string): number {
  const n = +y;
  return y.length <= 2 ? 2000 + n : n;
}

function digit2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

/** Day first (`31/10/2026`, the rule in Mexico) or month first (`10/31/2026`, Excel in en-US). */
export type DateOrder = "dayFirst" | "monthFirst";

/**
 * `dd.mm.yyyy`, `dd/mm/yyyy`, `dd-mm-yyyy` and `yyyy-mm-dd` read without regular expressions,
 * as SAP writes every date of a million-row export; `mm/dd/yyyy` when the column was decided
 * month first. NaN when the text is not one of them.
 */
export function simpleDate(s: string, order: DateOrder = "dayFirst"): CivilDay {
  if (s.length !== 10) return NaN;
  const c2 = s.charCodeAt(2);
  let y: number, m: number, d: number;
  if ((c2 === 46 || c2 === 47 || c2 === 45) && s.charCodeAt(5) === c2) {
    const a = digit2(s, 0);
    const b = digit2(s, 3);
    if (order === "dayFirst") {
      d = a;
      m = b;
    } else {
      m = a;
      d = b;
    }
    y = digit2(s, 6) * 100 + digit2(s, 8);
  } else if (s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    y = digit2(s, 0) * 100 + digit2(s, 2);
    m = digit2(s, 5);
    d = digit2(s, 8);
  } else return NaN;
  return y === y && m === m && d === d && isValidYmd(y, m, d) ? dayFromCivil(y, m, d) : NaN;
}

/**
 * What one text says about its column's date order: "dayFirst" or "monthFirst" when only one
 * reading is a real date (`13/02/2013`, `2/13/2013`), "either" when both are (`03/04/2026`),
 * "neutral" when the order does not matter or the text is no d/m/y date at all (ISO
 * `2026-10-31`, `20261031`, `31-oct-2026`, serials, garbage the parser will reject).
 * Reads char codes only: it runs over whole columns.
 */
export type DateOrderEvidence = DateOrder | "either" | "neutral";

export function dateOrderEvidence(text: string): DateOrderEvidence {
  let i = 0;
  let n = text.length;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  while (n > i && isSpace(text.charCodeAt(n - 1))) n--;
  let a = 0, b = 0, y = 0, la = 0, lb = 0, ly = 0;
  for (; i < n && la < 5; i++, la++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    a = a * 10 + c;
  }
  if (la === 0 || la > 2 || i >= n || !isDateSeparator(text.charCodeAt(i))) return "neutral";
  for (i++; i < n && lb < 3; i++, lb++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    b = b * 10 + c;
  }
  if (lb === 0 || lb > 2 || i >= n || !isDateSeparator(text.charCodeAt(i))) return "neutral";
  for (i++; i < n && ly < 5; i++, ly++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    y = y * 10 + c;
  }
  if (ly === 0 || ly === 3 || ly > 4) return "neutral";
  // A time may follow (`2/13/2013 10:30 AM`), checked as parseDateText checks it.
  if (i < n) {
    TIME_SUFFIX.lastIndex = i;
    if (!TIME_SUFFIX.test(n === text.length ? text : text.slice(0, n))) return "neutral";
  }
  if (ly <= 2) y += 2000;
  const asDayFirst = isValidYmd(y, b, a);
  const asMonthFirst = isValidYmd(y, a, b);
  if (asDayFirst && asMonthFirst) return a === b ? "neutral" : "either";
  if (asDayFirst) return "dayFirst";
  if (asMonthFirst) return "monthFirst";
  return "neutral";
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 160 || c === 10 || c === 13;
}

function isDateSeparator(c: number): boolean {
  return c === 46 || c === 47 || c === 45;
}

function fail(code: MessageCode, value: string, detail?: string): DateParse {
  return { ok: false, problem: { code, params: detail === undefined ? { value } : { value, detail } } };
}

function fromParts(y: number, m: number, d: number, text: string): DateParse {
  if (!isValidYmd(y, m, d)) return fail("date.invalid", text, `${pad(d, 2)}/${pad(m, 2)}/${y}`);
  return { ok: true, day: dayFromCivil(y, m, d) };
}

/**
 * Reads a cell as a civil date. Text is day first (`31.10.2026`, `31/10/2026`, `31-oct-2026`)
 * unless the column was decided month first (`decideDateOrder`), or ISO (`2026-10-31`);
 * numbers are Excel serials or SAP's `20261031`.
 */
export function parseDateCell(value: unknown, system: DateSystem = 1900, order: DateOrder = "dayFirst"): DateParse {
  if (typeof value === "number") {
    if (Number.isInteger(value) && value >= 19000101 && value <= 99991231) {
      const y = Math.floor(value / 10000), m = Math.floor(value / 100) % 100, d = value % 100;
      return fromParts(y, m, d, String(value));
    }
    const day = dayFromSerial(value, system);
    return day === null ? fail("date.serial", String(value)) : { ok: true, day };
  }
  if (value instanceof Date) {
    // Readers hand over date cells as UTC midnight of the civil date (exceljs does).
    if (Number.isNaN(value.getTime())) return fail("date.expected", "");
    return { ok: true, day: dayFromCivil(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()) };
  }
  if (typeof value !== "string") return fail("date.expected", String(value));
  return parseDateText(value, order, system);
}

/**
 * Reads date text in the column's order: `dd/mm/yyyy` (or `mm/dd/yyyy` when `order` is
 * "monthFirst", with `.`, `/` or `-`, 2- or 4-digit years, an optional time), ISO
 * `yyyy-mm-dd`, SAP's `20261031`, a day and a month name (`31-oct-2026`), or a serial as text.
 */
export function parseDateText(value: string, order: DateOrder = "dayFirst", system: DateSystem = 1900): DateParse {
  const fast = simpleDate(value, order);
  if (fast === fast) return { ok: true, day: fast };
  const text = value.trim();
  let m = NUMERIC_DATE.exec(text);
  if (m) {
    if (m[1].length === 4) return fromParts(+m[1], +m[2], +m[3], text);
    if (m[3].length === 3) return fail("date.unrecognized", text);
    return order === "dayFirst" ? fromParts(fullYear(m[3]), +m[2], +m[1], text) : fromParts(fullYear(m[3]), +m[1], +m[2], text);
  }
  if (/^\d{8}$/.test(text)) return fromParts(+text.slice(0, 4), +text.slice(4, 6), +text.slice(6, 8), text);
  if (/^\d+(\.\d+)?$/.test(text)) return parseDateCell(Number(text), system);
  m = NAMED_MONTH.exec(text);
  if (m) {
    const month = MONTHS[m[2].toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")];
    if (month) return fromParts(fullYear(m[3]), month, +m[1], text);
  }
  return fail("date.unrecognized", text);
}
