import { fieldLabel, findHeader, HEADER_SCAN_ROWS, isHeaderMatch, mapHeaderRow, satisfies, type ColumnMapping, type HeaderMiss, type TableSpec } from "../core/tables/columns";
import { InputError } from "../core/errors";
import { cellText } from "../core/grid";
import { message, type Lang } from "../core/messages";
export { columnLetter } from "../core/grid";
import { chunkRowNumber, type SourcePreview } from "./port";

/**
 * The column mapping as the pane shows it: which column of the source means which field.
 * Detection is core's (`findHeader`, the same synonyms as for files); this module only adds
 * what a user correcting it needs: remembered corrections and a readable check.
 */
export interface DetectedTable {
  /** Source row number of the header row. */
  headerRow: number;
  /** Header texts by 0-based column. */
  headers: string[];
  /** What the synonyms recognised. */
  detected: ColumnMapping;
  /** What will be used: detected, with remembered corrections applied. */
  mapping: ColumnMapping;
  /** True when remembered corrections changed the detected mapping. */
  restored: boolean;
}

/** Field key → header text, as saved between sessions (texts survive reordered columns). */
export type SavedMapping = Record<string, string>;

export function detectTable(spec: TableSpec, preview: SourcePreview, saved?: SavedMapping): DetectedTable | InputError {
  const rows = preview.rows.slice(0, HEADER_SCAN_ROWS);
  const found = findHeader(spec, rows);
  if (!isHeaderMatch(found)) return headerNotFound(found);
  const headers = rows[found.headerIndex].map(cellText);
  const fromSaved = saved ? restoreMapping(spec, headers, saved) : null;
  const mapping = fromSaved && satisfies(spec, fromSaved) ? fromSaved : { ...found.mapping };
  return {
    headerRow: chunkRowNumber(preview, found.headerIndex),
    headers,
    detected: found.mapping,
    mapping,
    restored: !sameMapping(mapping, found.mapping),
  };
}

export function isDetected(x: DetectedTable | InputError): x is DetectedTable {
  return (x as DetectedTable).mapping !== undefined;
}

/**
 * Applies a saved mapping to this header row: each saved field whose header text is present
 * takes that column; a field saved as "" (the user removed it) is dropped; fields the saved
 * mapping does not mention keep what detection found. Null when nothing saved applies.
 */
export function restoreMapping(spec: TableSpec, headers: readonly string[], saved: SavedMapping): ColumnMapping | null {
  const detected = mapHeaderRow(spec, headers as unknown[]);
  const out: ColumnMapping = { ...detected };
  let applied = false;
  for (const field of spec.fields) {
    if (!(field.key in saved)) continue;
    const text = saved[field.key];
    if (text === "") {
      if (field.key in out) {
        delete out[field.key];
        applied = true;
      }
      continue;
    }
    const index = headers.findIndex((h) => h === text);
    if (index < 0) continue;
    // A column means one thing: a corrected field takes it from whichever field had it.
    for (const k of Object.keys(out)) if (out[k] === index && k !== field.key) delete out[k];
    out[field.key] = index;
    applied = true;
  }
  return applied ? out : null;
}

/**
 * The same message the file readers give (src/io/tableSource.ts `headerError`), built here so
 * the Excel path does not load the file readers (exceljs) at all.
 */
export function headerNotFound(miss: HeaderMiss): InputError {
  return new InputError({
    code: "header.notFound",
    params: {
      rows: HEADER_SCAN_ROWS,
      found: miss.found.length ? miss.found.map((h) => `"${h}"`).join(", ") : "—",
      "needed.es": miss.neededByLang.es.join("; "),
      "needed.en": miss.neededByLang.en.join("; "),
    },
  });
}

/** What to save: every field the user's mapping differs on from detection, as header text. */
export function mappingToSave(spec: TableSpec, table: DetectedTable): SavedMapping {
  const out: SavedMapping = {};
  for (const f of spec.fields) {
    const now = table.mapping[f.key];
    const was = table.detected[f.key];
    if (now === was) continue;
    out[f.key] = now === undefined ? "" : table.headers[now] ?? "";
  }
  return out;
}

function sameMapping(a: ColumnMapping, b: ColumnMapping): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** Why the mapping cannot be used yet (a needed meaning has no column), or null. */
export function mappingProblem(spec: TableSpec, mapping: ColumnMapping, lang: Lang): string | null {
  if (satisfies(spec, mapping)) return null;
  const missing = spec.required
    .filter((group) => !group.some((k) => k in mapping))
    .map((group) => group.map((k) => fieldLabel(spec, k, lang)).reduce((a, b) => message(lang, "pane.mapping.or", { a, b })));
  return message(lang, "pane.mapping.missing", { fields: missing.join("; ") });
}
