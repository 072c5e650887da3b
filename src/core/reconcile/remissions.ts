import type { Problem } from "../messages";

/**
 * Document numbers as people cite them: a remission on an invoice line (`R1001, R1002`,
 * `R1001;R1002`, `R1001 R1002`, `R1001-R1004`, `Rem. 0001001`), an invoice on a customer's
 * listing (`F-0012345`, `A 12345`, `12345`). Two citations of the same document compare equal
 * by their key: the digits without leading zeros (and a letter suffix, `1001A`), whatever the
 * prefix, case, spaces or punctuation. The prefix is kept apart: it may tell two series apart
 * (`A-1001`, `B-1001`), which the matcher uses to narrow candidates, never to widen them.
 */
export interface Cited {
  /** `R-0001001` → `1001`. */
  key: string;
  /** Letters before the number, upper case without accents (`R`, `REM`, `A`); may be empty. */
  prefix: string;
  /** As written (`R-0001001`); a range's members as its first one is written (`R1003` of `R1001-R1004`). */
  written: string;
}

export interface CitationResult {
  cited: Cited[];
  /** Set when part of the text cannot be read without guessing (`R1004-R1001`, `1001-04`); `cited` holds what could be read. */
  problem?: Problem;
}

/** Ranges wider than this are typing mistakes (`R1-R99999`), not a thousand loads on one line. */
export const MAX_RANGE = 1000;

const UUID = /[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/gi;
const RANGE_WORDS = new Set(["A", "AL", "HASTA", "TO", "THRU", "THROUGH"]);
const LIST_WORDS = new Set(["Y", "E", "AND"]);

/** CFDI folios fiscales (UUIDs) in a text, lower case with hyphens. */
export function findUuids(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(UUID)) {
    const h = m[0].replace(/-/g, "").toLowerCase();
    out.push(`${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`);
  }
  return out;
}

function stripZeros(digits: string): string {
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  return i === 0 ? digits : digits.slice(i);
}

function plainUpper(s: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\u0000-\u007f]*$/.test(s) ? s.toUpperCase() : s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toUpperCase();
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

interface Num {
  digits: string;
  suffix: string;
  prefix: string;
  /** Where the prefix (or the digits, without one) starts, and where the suffix ends. */
  start: number;
  end: number;
  /** Text between the previous number and this one's prefix. */
  connector: string;
}

const PREFIX_TAIL = /([A-Za-z\u00c0-\u024f]+)([\s.#ºª°-]*)$/;

function scan(text: string): Num[] {
  const nums: Num[] = [];
  let prevEnd = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && isDigit(text.charCodeAt(j))) j++;
    const digits = text.slice(i, j);
    // A letter or two right after the digits, not starting the next number, is part of it (`1001A`).
    let k = j;
    while (k < n && k - j < 2 && isLetter(text.charCodeAt(k))) k++;
    let suffix = "";
    if (k > j && (k === n || !isLetter(text.charCodeAt(k))) && !(k < n && isDigit(text.charCodeAt(k)))) suffix = plainUpper(text.slice(j, k));
    const end = suffix ? k : j;
    const gap = text.slice(prevEnd, i);
    let prefix = "";
    let start = i;
    const m = PREFIX_TAIL.exec(gap);
    if (m) {
      const word = plainUpper(m[1]);
      // Between two numbers, `a`/`al`/`y` standing alone join them (`1001 a 1004`); after a
      // comma or with no space before the digits they are a series (`A 5001, A 5002`, `A-5001`).
      const before = gap.slice(0, m.index);
      // A word the previous number also carried is its series again (`A 5001 A 5010`).
      const connectorWord = nums.length > 0 && /\s/.test(m[2]) && /^\s*$/.test(before) && (RANGE_WORDS.has(word) || LIST_WORDS.has(word)) && nums[nums.length - 1].prefix !== word;
      if (!connectorWord) {
        prefix = word;
        start = prevEnd + (m.index ?? 0);
      }
    }
    nums.push({ digits, suffix, prefix, start, end, connector: text.slice(prevEnd, start) });
    prevEnd = end;
    i = end;
  }
  return nums;
}

type Link = "list" | "range" | "joined" | "unreadable";

function linkOf(left: Num, right: Num): Link {
  const c = right.connector;
  if (c === "-" && right.prefix === "") {
    // `P01-001234` and `2026-004512` are one number with a hyphen; `R1001-1004` a range;
    // `1001-04` a shorthand whose meaning is a guess.
    const l = left.digits.length;
    const r = right.digits.length;
    if (r < l) return "unreadable";
    if (r === l || (r === l + 1 && right.digits.charCodeAt(0) !== 48)) return "range";
    return "joined";
  }
  const upper = plainUpper(c);
  let range = /[-–—]|\.\.|…/.test(upper);
  let list = /[,;/|&+\n\r\t]/.test(upper);
  for (const w of upper.match(/[A-Z]+/g) ?? []) {
    if (RANGE_WORDS.has(w)) range = true;
    else if (LIST_WORDS.has(w)) list = true;
  }
  if (range && list) return "unreadable";
  return range ? "range" : "list";
}

function citedOf(text: string, n: Num): Cited {
  return { key: stripZeros(n.digits) + n.suffix, prefix: n.prefix, written: text.slice(n.start, n.end) };
}

/**
 * Every document a cell cites, in order, ranges expanded (`R1001-R1004` is four). UUIDs are
 * taken out first so their digits are not read as numbers. What cannot be read without a
 * guess is reported as a problem, and the rest is still returned.
 */
export function parseCitations(text: string, maxRange = MAX_RANGE): CitationResult {
  const one = singleCitation(text);
  if (one) return { cited: [one] };
  const clean = text.replace(UUID, " ");
  const nums = scan(clean);
  const cited: Cited[] = [];
  let problem: Problem | undefined;
  const unreadable = (from: Num, to: Num, code: "citation.unreadable" | "citation.rangeReversed" | "citation.rangeTooLarge" = "citation.unreadable") => {
    problem ??= { code, params: { value: clean.slice(from.start, to.end).trim(), max: maxRange } };
  };
  for (let i = 0; i < nums.length; i++) {
    const cur = nums[i];
    const next = nums[i + 1];
    const link = next ? linkOf(cur, next) : "list";
    if (link === "list") {
      cited.push(citedOf(clean, cur));
      continue;
    }
    if (link === "unreadable") {
      // Neither side is certain (`1001-04` might be one number or four): both are reported, not used.
      unreadable(cur, next);
      i++;
      continue;
    }
    if (link === "joined") {
      nums[i + 1] = { ...next, digits: cur.digits + next.digits, prefix: cur.prefix, start: cur.start, connector: cur.connector };
      continue;
    }
    // A range: same series, ascending, not absurdly wide, and not chained (`1-5-9`).
    i++;
    const after = nums[i + 1];
    if (after && linkOf(next, after) === "range") {
      unreadable(cur, after);
      i++;
      continue;
    }
    if (cur.suffix || next.suffix || (cur.prefix && next.prefix && cur.prefix !== next.prefix)) {
      unreadable(cur, next);
      continue;
    }
    const lo = BigInt(cur.digits);
    const hi = BigInt(next.digits);
    if (hi < lo) {
      unreadable(cur, next, "citation.rangeReversed");
      continue;
    }
    if (hi - lo >= BigInt(maxRange)) {
      unreadable(cur, next, "citation.rangeTooLarge");
      continue;
    }
    const lead = clean.slice(cur.start, cur.end - cur.digits.length);
    const width = cur.digits.length;
    for (let v = lo; v <= hi; v++) {
      const digits = v.toString();
      cited.push({ key: digits, prefix: cur.prefix || next.prefix, written: lead + digits.padStart(width, "0") });
    }
  }
  return problem ? { cited, problem } : { cited };
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

// Where `matchSingle` found the parts of a one-number cell (no allocation per call).
let sStart = 0;
let sLetters = 0;
let sDigits = 0;
let sDigitsEnd = 0;
let sEnd = 0;

/**
 * The shape nearly every cell has, one number with an ASCII prefix (`R1001`, `R-0001001`,
 * `Rem. 1001`, `1001A`), recognised without regular expressions; false for anything else,
 * which takes the general path.
 */
function matchSingle(text: string): boolean {
  let i = 0;
  let n = text.length;
  while (i < n && text.charCodeAt(i) === 32) i++;
  while (n > i && text.charCodeAt(n - 1) === 32) n--;
  const start = i;
  // Prefix: letters, then at most two of `-`, `.`, `#` and spaces before the digits.
  let letters = i;
  while (letters < n && isAsciiLetter(text.charCodeAt(letters))) letters++;
  let d = letters;
  while (d < n) {
    const c = text.charCodeAt(d);
    if (c === 45 || c === 46 || c === 35 || c === 32) d++;
    else break;
  }
  if (d - letters > 2 || d >= n || !isDigit(text.charCodeAt(d)) || (d > letters && letters === start)) return false;
  let e = d;
  while (e < n && isDigit(text.charCodeAt(e))) e++;
  let t = e;
  while (t < n && isAsciiLetter(text.charCodeAt(t))) t++;
  if (t !== n || t - e > 2) return false;
  // `A 5001` may be the Spanish "a" of a range in a longer text; alone it is series A, read by the general path.
  if (d > letters && letters - start <= 5 && RANGE_WORDS.has(text.slice(start, letters).toUpperCase())) return false;
  sStart = start;
  sLetters = letters;
  sDigits = d;
  sDigitsEnd = e;
  sEnd = n;
  return true;
}

function singleCitation(text: string): Cited | null {
  if (!matchSingle(text)) return null;
  return { key: stripZeros(text.slice(sDigits, sDigitsEnd)) + text.slice(sDigitsEnd, sEnd).toUpperCase(), prefix: text.slice(sStart, sLetters).toUpperCase(), written: sStart === 0 && sEnd === text.length ? text : text.slice(sStart, sEnd) };
}

/** The key alone of a cell citing one number (`R-0001001` → `1001`), or null when it is anything else. */
export function singleKey(text: string): string | null {
  if (!matchSingle(text)) return null;
  const digits = stripZeros(text.slice(sDigits, sDigitsEnd));
  return sDigitsEnd === sEnd ? digits : digits + text.slice(sDigitsEnd, sEnd).toUpperCase();
}

/**
 * The key of one document's own number (a remission's ticket, our SAP document, a folio):
 * the letters before the first digit are its prefix; the rest, without punctuation or leading
 * zeros, its key, so `P01-001234` reads as the citation `P01-001234` does. Null without digits.
 */
export function documentKey(text: string): Cited | null {
  const one = singleCitation(text);
  if (one) return one;
  const t = text.trim();
  let i = 0;
  while (i < t.length && !isDigit(t.charCodeAt(i))) i++;
  if (i === t.length) return null;
  const prefix = plainUpper(t.slice(0, i)).replace(/[^A-Z]/g, "");
  const rest = plainUpper(t.slice(i)).replace(/[^A-Z0-9]/g, "");
  // A tail of one or two letters is a suffix (`1001A`); longer words after the number are not part of it.
  const tail = /[A-Z]+$/.exec(rest)?.[0] ?? "";
  const body = rest.slice(0, rest.length - tail.length);
  return { key: stripZeros(body) + (tail.length <= 2 ? tail : ""), prefix, written: t };
}
