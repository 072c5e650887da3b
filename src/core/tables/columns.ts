import { cellText, isEmptyCell, type Row } from "../grid";

/**
 * Column recognition shared by every kind of table (ledger, customer master, bank statement…):
 * a header row is found among the first rows and its cells are matched to fields by synonyms,
 * case-, accent-, punctuation- and space-insensitively.
 */
export interface FieldSpec {
  key: string;
  label: { es: string; en: string };
  synonyms: readonly string[];
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

const synonymIndexCache = new WeakMap<TableSpec, Map<string, string>>();

function synonymIndex(spec: TableSpec): Map<string, string> {
  let index = synonymIndexCache.get(spec);
  if (!index) {
    index = new Map();
    for (const f of spec.fields) {
      for (const s of [f.key, f.label.es, f.label.en, ...f.synonyms]) {
        const n = normalizeHeader(s);
        if (n && !index.has(n)) index.set(n, f.key);
      }
    }
    synonymIndexCache.set(spec, index);
  }
  return index;
}

export function fieldForHeader(spec: TableSpec, header: string): string | undefined {
  return synonymIndex(spec).get(normalizeHeader(header));
}

/** Maps one row's cells to fields; the first column wins when two mean the same. */
export function mapHeaderRow(spec: TableSpec, row: Row): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (let c = 0; c < row.length; c++) {
    if (typeof row[c] !== "string") continue;
    const key = fieldForHeader(spec, row[c] as string);
    if (key !== undefined && !(key in mapping)) mapping[key] = c;
  }
  return mapping;
}

export function satisfies(spec: TableSpec, mapping: ColumnMapping): boolean {
  return spec.required.every((group) => group.some((k) => k in mapping));
}

export function fieldLabel(spec: TableSpec, key: string, lang: "es" | "en" = "es"): string {
  return spec.fields.find((f) => f.key === key)?.label[lang] ?? key;
}

export function neededDescription(spec: TableSpec, lang: "es" | "en" = "es"): string[] {
  return spec.required.map((group) => group.map((k) => fieldLabel(spec, k, lang)).join(lang === "es" ? " o " : " or "));
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
