/**
 * Reading what a bank line says: the words of its description (for names and keywords) and
 * the numbers in it (invoice numbers, references, accounts), the way banks write them —
 * upper case without accents, fields glued together (`SPEI RECIBIDOBANORTE`, `9990008PAGO`),
 * invoice numbers with or without their series and leading zeros.
 */

/** Upper case, accents and `Ñ` folded to plain letters, as bank descriptions come. */
export function plainUpper(s: string): string {
  // eslint-disable-next-line no-control-regex
  return (/[^\u0000-\u007f]/.test(s) ? s.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : s).toUpperCase();
}

/**
 * A code as a key both sides can agree on: letters and digits only, and a series' number
 * without its leading zeros (`A-0023456`, `a 23456` and `A23456` are one key).
 */
export function canonicalCode(s: string): string {
  let clean = true;
  for (let i = 0; i < s.length; i++) {
    if (!isAlnum(s.charCodeAt(i))) {
      clean = false;
      break;
    }
  }
  const c = clean ? s : plainUpper(s).replace(/[^A-Z0-9]/g, "");
  // Letters then digits, or digits alone: the zeros in front of the number go.
  let i = 0;
  while (i < c.length && !isDigit(c.charCodeAt(i))) i++;
  for (let k = i; k < c.length; k++) if (!isDigit(c.charCodeAt(k))) return c;
  if (i === c.length) return c;
  let z = i;
  while (z < c.length - 1 && c.charCodeAt(z) === 48) z++;
  return z === i ? c : c.slice(0, i) + c.slice(z);
}

/** A number without leading zeros as a JS number key, or NaN when it is not one (or too long to be exact). */
export function numberKey(digits: string): number {
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  const len = digits.length - i;
  if (len > 15) return NaN;
  return Number(digits.slice(i));
}

export interface LineText {
  /** Everything the line says, plain upper case. */
  text: string;
  /** ` WORD WORD 123 ` — words and numbers split apart, for phrase searches. */
  spaced: string;
  /** Letter words in order (numbers dropped), for phrases. */
  words: string[];
  /** Words and numbers in order, split where letters meet digits (`9990008PAGO` → `9990008`, `PAGO`), for names. */
  pieces: string[];
  /** Codes with letters (`A23456`, `FACT23456` — a series glued to its number), canonical. */
  codes: string[];
  /** Numbers as written, with their leading zeros (accounts, references, invoice numbers). */
  digits: string[];
  /** Numbers that look like RFCs in the text. */
  rfcs: string[];
}

const DATE_LIKE = /\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}(:\d{2})?\b/g;
const AMOUNT_LIKE = /\$?\s?\d{1,3}(,\d{3})+(\.\d{2})?\b|\$?\s?\d+\.\d{2}\b/g;
const RFC_LIKE = /(?:^|[^A-Z&])([A-Z&]{3,4}\d{6}[A-Z0-9]{3})(?![A-Z0-9])/g;

/**
 * Splits a line's texts into what the matcher reads. Dates, times and amounts written in the
 * description (`15/10/2026`, `12,500.00`) are not invoice numbers: they are taken out first.
 */
export function readLineText(parts: readonly string[]): LineText {
  const text = plainUpper(parts.length === 1 ? parts[0] : parts.filter((p) => p !== "").join(" "));
  const rfcs: string[] = [];
  if (text.length >= 12) {
    for (let m = RFC_LIKE.exec(text); m; m = RFC_LIKE.exec(text)) rfcs.push(m[1]);
    RFC_LIKE.lastIndex = 0;
  }
  const cleaned = text.replace(DATE_LIKE, " ").replace(AMOUNT_LIKE, " ");
  const codes: string[] = [];
  const digits: string[] = [];
  const words: string[] = [];
  const pieces: string[] = [];
  // Runs of letters and digits; inside a run, pieces where letters meet digits.
  let prevRun = "";
  let prevLetters = false;
  const n = cleaned.length;
  let i = 0;
  while (i < n) {
    while (i < n && !isAlnum(cleaned.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let hasDigit = false;
    let hasLetter = false;
    let pieceStart = i;
    let pieceDigit = isDigit(cleaned.charCodeAt(i));
    while (i < n && isAlnum(cleaned.charCodeAt(i))) {
      const d = isDigit(cleaned.charCodeAt(i));
      if (d) hasDigit = true;
      else hasLetter = true;
      if (d !== pieceDigit) {
        const piece = cleaned.slice(pieceStart, i);
        pieces.push(piece);
        (pieceDigit ? digits : words).push(piece);
        pieceStart = i;
        pieceDigit = d;
      }
      i++;
    }
    const piece = cleaned.slice(pieceStart, i);
    pieces.push(piece);
    (pieceDigit ? digits : words).push(piece);
    const run = cleaned.slice(start, i);
    // A series and its number (`A23456`); digits glued to a following word (`9990008PAGO`) are two fields.
    if (hasDigit && hasLetter && !isDigit(run.charCodeAt(0))) codes.push(canonicalCode(run));
    // A short series standing apart from its number (`A-23456`, `F 23456`).
    else if (hasDigit && prevLetters && prevRun.length <= 3) codes.push(canonicalCode(prevRun + run));
    prevRun = run;
    prevLetters = hasLetter && !hasDigit;
  }
  return { text, spaced: ` ${pieces.join(" ")} `, words, pieces, codes, digits, rfcs };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}

/** Whether the line says a phrase (`CHEQUE DEVUELTO`), word for word. */
export function saysAny(line: LineText, phrases: readonly string[]): boolean {
  for (const p of phrases) if (line.spaced.includes(` ${spacedPhrase(p)} `)) return true;
  return false;
}

const phraseCache = new Map<string, string>();

function spacedPhrase(p: string): string {
  let s = phraseCache.get(p);
  if (s === undefined) {
    s = plainUpper(p).split(/[^A-Z0-9]+|(?<=\d)(?=[A-Z])|(?<=[A-Z])(?=\d)/).filter((w) => w !== "").join(" ");
    if (phraseCache.size < 1000) phraseCache.set(p, s);
  }
  return s;
}

/** Words of a company's legal form and joining words: not part of what a name is called. */
const NAME_NOISE = new Set([
  "SA", "S", "A", "DE", "CV", "C", "V", "RL", "R", "L", "SAPI", "SAB", "SC", "SPR", "SCL", "SAS", "SRL", "AC", "I", "B", "P",
  "SOCIEDAD", "ANONIMA", "CAPITAL", "VARIABLE", "RESPONSABILIDAD", "LIMITADA",
  "DEL", "LA", "LAS", "LOS", "EL", "Y", "E", "EN", "PARA",
]);

/** A name as the words a bank would show of it: plain upper case, without legal form or joining words. */
export function nameWords(name: string): string[] {
  return plainUpper(name)
    .split(/[^A-Z0-9]+/)
    .filter((w) => w !== "" && !NAME_NOISE.has(w));
}

/** The description's words in the same form, so names line up word for word. */
export function descriptionNameWords(line: LineText): string[] {
  return line.pieces.filter((w) => !NAME_NOISE.has(w));
}

/** Levenshtein distance ≤ 1, or one adjacent transposition: one keystroke away. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  if (la === lb) {
    let first = -1;
    let diffs = 0;
    for (let i = 0; i < la; i++) {
      if (a.charCodeAt(i) !== b.charCodeAt(i)) {
        if (++diffs === 1) first = i;
        else if (diffs > 2) return false;
      }
    }
    if (diffs === 1) return true;
    // Two adjacent swapped characters.
    return diffs === 2 && first + 1 < la && a[first] === b[first + 1] && a[first + 1] === b[first] && a.slice(first + 2) === b.slice(first + 2);
  }
  const [s, l] = la < lb ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === l.charCodeAt(i)) i++;
  return s.slice(i) === l.slice(i + 1);
}
