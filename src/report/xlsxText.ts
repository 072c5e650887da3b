/**
 * Text as SpreadsheetML holds it, for any string a ledger can carry. Pure (browser and Node).
 *
 * XML 1.0 cannot hold most control characters, not even as `&#1;`, nor lone UTF-16 surrogates,
 * U+FFFE or U+FFFF; Excel stores control characters in its own ST_Xstring escape `_xHHHH_`,
 * which makes a literal `_x0041_` in the data ambiguous unless its underscore is escaped too
 * (`_x005F_x0041_`). Excel refuses cells longer than 32,767 characters. Each of these would
 * otherwise give a file Excel calls corrupt or text that reads back different.
 */

/** Excel's limit on the characters of one cell. */
export const MAX_CELL_CHARS = 32767;

/**
 * What needs more than the fast path: markup characters, every character below U+0020 (tab,
 * newline and CR are legal but ask for xml:space), surrogates (paired ones are kept, checked
 * one by one), the two non-characters, and text that looks like an ST_Xstring escape.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NEEDS_CARE = /[\u0000-\u001f&<>\ud800-\udfff\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/;
const ESCAPE_AHEAD = /^x[0-9A-Fa-f]{4}_/;

function hex4(c: number): string {
  return c.toString(16).toUpperCase().padStart(4, "0");
}

export interface EscapedText {
  /** The XML character data. */
  xml: string;
  /** Leading or trailing whitespace, or a tab or line break, that a reader must keep. */
  preserve: boolean;
  /** Characters XML cannot hold that were replaced with U+FFFD. */
  replaced: number;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Most text (codes, names, amounts as text) is written as it is: the test the writer runs first. */
export function isPlainText(s: string): boolean {
  return !NEEDS_CARE.test(s);
}

/** Leading or trailing whitespace that a reader would otherwise be free to drop. */
export function hasOuterSpace(s: string): boolean {
  return s.length > 0 && (isSpace(s.charCodeAt(0)) || isSpace(s.charCodeAt(s.length - 1)));
}

/** Character data for `<t>` or any element; `&`, `<` and `>` escaped (quotes need not be). */
export function escapeText(s: string): EscapedText {
  const n = s.length;
  const preserve = hasOuterSpace(s);
  if (isPlainText(s)) return { xml: s, preserve, replaced: 0 };
  let out = "";
  let from = 0;
  let replaced = 0;
  let breaks = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let rep: string;
    if (c < 32) {
      if (c === 9 || c === 10) {
        breaks = true;
        continue;
      }
      // A literal CR would be read back as LF (XML end-of-line handling); a character
      // reference survives. Other control characters are not XML at all: Excel's escape.
      rep = c === 13 ? "&#13;" : `_x${hex4(c)}_`;
      if (c === 13) breaks = true;
    } else if (c === 38) rep = "&amp;";
    else if (c === 60) rep = "&lt;";
    else if (c === 62) rep = "&gt;";
    else if (c === 95) {
      if (!ESCAPE_AHEAD.test(s.slice(i + 1, i + 7))) continue;
      rep = "_x005F_";
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      rep = "\ufffd";
      replaced++;
    } else if ((c >= 0xdc00 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) {
      rep = "\ufffd";
      replaced++;
    } else continue;
    out += s.slice(from, i) + rep;
    from = i + 1;
  }
  out += s.slice(from);
  return { xml: out, preserve: preserve || breaks, replaced };
}

/** An attribute value in double quotes (sheet names, number formats). */
export function escapeAttr(s: string): string {
  const t = escapeText(s).xml;
  return /["\t\n]/.test(t) ? t.replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;") : t;
}

/**
 * `s` cut to Excel's cell limit, never between the two halves of a surrogate pair; `s`
 * itself when it fits.
 */
export function cutToCellLimit(s: string): string {
  if (s.length <= MAX_CELL_CHARS) return s;
  const c = s.charCodeAt(MAX_CELL_CHARS - 1);
  return s.slice(0, c >= 0xd800 && c <= 0xdbff ? MAX_CELL_CHARS - 1 : MAX_CELL_CHARS);
}

/** Text Excel would take for a formula when typed: the writer marks it as text (quotePrefix). */
export function looksLikeFormula(s: string): boolean {
  const c = s.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64; // = + - @
}
