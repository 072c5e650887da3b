import { InputError } from "../errors";
import { message } from "../messages";
import { cellText, isEmptyCell, type Row } from "../grid";

/**
 * Column recognition shared by every kind of table (ledger, customer master, bank statement…):
 * a header row is found among the first rows and its cells are matched to fields by synonyms,
 * case-, accent-, punctuation- and space-insensitively.
 */
/**
 * What a field holds, which decides how its cells are read (src/core/tables/fields.ts):
 * `code` keeps leading zeros and whole numbers without `.0`; `money` is centavos; `date` a
 * civil day; `indicator` a debit/credit flag (S/H, D/C, Debe/Haber); `terms` days or an SAP
 * key; `emails` a list.
 */
export type FieldType = "text" | "code" | "money" | "date" | "integer" | "number" | "terms" | "currency" | "emails" | "rfc" | "clabe" | "indicator";

export interface FieldSpec {
  key: string;
  type: FieldType;
  label: { es: string; en: string };
  synonyms: readonly string[];
  /**
   * Headings that may mean this field but often mean something else (`Fecha`, `Importe`,
   * `No`): recognised, and said so when an essential meaning rests on one of them.
   */
  weak?: readonly string[];
}

export interface TableSpec {
  kind: string;
  fields: readonly FieldSpec[];
  /** The table is recognised when every group has at least one of its fields present. */
  required: readonly (readonly string[])[];
}

/** Field key → 0-based column index. */
export type ColumnMapping = Record<string, number>;

export interface HeaderMatch {
  /** 0-based index of the header row within the rows examined. */
  headerIndex: number;
  mapping: ColumnMapping;
  headers: string[];
}

export interface HeaderMiss {
  found: string[];
  needed: string[];
  /** The same, in each language. */
  neededByLang: { es: string[]; en: string[] };
}

export const HEADER_SCAN_ROWS = 30;

export function normalizeHeader(text: string): string {
  return text
    .replace(/[º°ª]/g, "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

interface SynonymIndex {
  strong: Map<string, string>;
  weak: Map<string, string>;
}

const synonymIndexCache = new WeakMap<TableSpec, SynonymIndex>();

function synonymIndex(spec: TableSpec): SynonymIndex {
  let index = synonymIndexCache.get(spec);
  if (!index) {
    index = { strong: new Map(), weak: new Map() };
    for (const f of spec.fields) {
      for (const s of [f.key, f.label.es, f.label.en, ...f.synonyms]) {
        const n = normalizeHeader(s);
        if (n && !index.strong.has(n)) index.strong.set(n, f.key);
      }
    }
    for (const f of spec.fields) {
      for (const s of f.weak ?? []) {
        const n = normalizeHeader(s);
        if (n && !index.strong.has(n) && !index.weak.has(n)) index.weak.set(n, f.key);
      }
    }
    synonymIndexCache.set(spec, index);
  }
  return index;
}

export function fieldForHeader(spec: TableSpec, header: string): string | undefined {
  const index = synonymIndex(spec);
  const n = normalizeHeader(header);
  return index.strong.get(n) ?? index.weak.get(n);
}

/** True when the heading is only a weak synonym of its field. */
export function isWeakHeader(spec: TableSpec, header: string): boolean {
  const index = synonymIndex(spec);
  const n = normalizeHeader(header);
  return !index.strong.has(n) && index.weak.has(n);
}

/**
 * Maps one row's cells to fields; the first column wins when two mean the same, and a strong
 * synonym wins over a weak one wherever it stands (`Fecha` yields to `Fecha de documento`).
 */
export function mapHeaderRow(spec: TableSpec, row: Row): ColumnMapping {
  const mapping: ColumnMapping = {};
  const index = synonymIndex(spec);
  const weakCols: [string, number][] = [];
  for (let c = 0; c < row.length; c++) {
    if (typeof row[c] !== "string") continue;
    const n = normalizeHeader(row[c] as string);
    const key = index.strong.get(n);
    if (key !== undefined) {
      if (!(key in mapping)) mapping[key] = c;
    } else {
      const weak = index.weak.get(n);
      if (weak !== undefined) weakCols.push([weak, c]);
    }
  }
  const taken = new Set(Object.values(mapping));
  for (const [key, c] of weakCols) if (!(key in mapping) && !taken.has(c)) mapping[key] = c;
  return mapping;
}

export function satisfies(spec: TableSpec, mapping: ColumnMapping): boolean {
  return spec.required.every((group) => group.some((k) => k in mapping));
}

export function fieldLabel(spec: TableSpec, key: string, lang: "es" | "en" = "es"): string {
  return spec.fields.find((f) => f.key === key)?.label[lang] ?? key;
}

export function neededDescription(spec: TableSpec, lang: "es" | "en" = "es"): string[] {
  return spec.required.map((group) => group.map((k) => fieldLabel(spec, k, lang)).join(message(lang, "list.or")));
}

/**
 * Finds the header row: the row among the first `HEADER_SCAN_ROWS` that recognises the most
 * fields while satisfying the spec. Title lines above it are ignored.
 */
export function findHeader(spec: TableSpec, rows: readonly Row[], lang: "es" | "en" = "es"): HeaderMatch | HeaderMiss {
  let best: HeaderMatch | undefined;
  let bestCount = 0;
  const limit = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const mapping = mapHeaderRow(spec, rows[r]);
    const count = Object.keys(mapping).length;
    if (count > bestCount && satisfies(spec, mapping)) {
      best = { headerIndex: r, mapping, headers: rows[r].map(cellText) };
      bestCount = count;
    }
  }
  if (best) return best;
  // Report the most header-like row: the one with the most text cells.
  let found: string[] = [];
  for (let r = 0; r < limit; r++) {
    const texts = rows[r].filter((v) => typeof v === "string" && !isEmptyCell(v)).map(cellText);
    if (texts.length > found.length) found = texts;
  }
  return { found, needed: neededDescription(spec, lang), neededByLang: { es: neededDescription(spec, "es"), en: neededDescription(spec, "en") } };
}

export function isHeaderMatch(x: HeaderMatch | HeaderMiss): x is HeaderMatch {
  return (x as HeaderMatch).mapping !== undefined;
}

/** The headers seen, short enough for one line: a wrong file can have anything in its first row. */
function foundHeaders(found: readonly string[]): string {
  const shown = found.slice(0, 15).map((h) => `"${h.length > 40 ? h.slice(0, 39) + "…" : h}"`);
  return found.length > shown.length ? `${shown.join(", ")} (+${found.length - shown.length})` : shown.join(", ");
}

/** The one "header not found" message of every table kind, from every door. */
export function headerNotFound(miss: HeaderMiss): InputError {
  return new InputError({
    code: "header.notFound",
    params: {
      rows: HEADER_SCAN_ROWS,
      found: miss.found.length ? foundHeaders(miss.found) : "—",
      "needed.es": miss.neededByLang.es.join("; "),
      "needed.en": miss.neededByLang.en.join("; "),
    },
  });
}

/** Essential meanings (the only candidate of a required group) that rest on a weak heading. */
export function weakEssentials(spec: TableSpec, mapping: ColumnMapping, headers: readonly string[]): { key: string; column: number; header: string }[] {
  const out: { key: string; column: number; header: string }[] = [];
  for (const group of spec.required) {
    const present = group.filter((k) => k in mapping);
    if (present.length === 0) continue;
    if (present.every((k) => isWeakHeader(spec, headers[mapping[k]] ?? ""))) {
      for (const k of present) out.push({ key: k, column: mapping[k], header: headers[mapping[k]] ?? "" });
    }
  }
  return out;
}
