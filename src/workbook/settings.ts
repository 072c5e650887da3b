import type { SavedMapping } from "./mapping";
import type { SettingsRecord } from "./port";

/**
 * What the pane remembers between sessions, as flat `key → text` pairs so the Excel adapter
 * can keep them in a visible sheet an auditor can read (`aging.asOf | 2026-10-31`) and the
 * standalone adapter in localStorage. Three families of keys, none tied to one panel:
 *
 * - `mapping.<kind>.<field>`: a correction of the detected column mapping of a kind of table
 *   (`mapping.ledger.clearingDate`, `mapping.customers.plaza`), by header text; `-` = no column;
 * - `<panel>.<option>`: a panel's options as text (`aging.asOf`, `aging.buckets`, `aging.source`);
 * - `owned.<family>.<sheet id>`: result sheets Cartera wrote (see below).
 *
 * In a SettingsRecord to save, "" means "forget this key".
 */

const MAPPING_PREFIX = "mapping.";
/** "No column": "" already means "forget". */
const NO_COLUMN = "-";

export function mappingKey(kind: string, field: string): string {
  return `${MAPPING_PREFIX}${kind}.${field}`;
}

/** Before corrections were kept for every kind, the ledger's were `ledger.mapping.<field>`. */
function legacyMappingKey(kind: string, field: string): string {
  return `${kind}.mapping.${field}`;
}

/** The remembered corrections of one kind of table: field → header text ("" = no column). */
export function savedMappingFrom(record: SettingsRecord, kind: string): SavedMapping {
  const out: SavedMapping = {};
  const read = (prefix: string) => {
    for (const [k, v] of Object.entries(record)) if (k.startsWith(prefix) && v !== "") out[k.slice(prefix.length)] = v === NO_COLUMN ? "" : v;
  };
  read(`${kind}.mapping.`);
  // The current keys win over the old ones.
  read(`${MAPPING_PREFIX}${kind}.`);
  return out;
}

/**
 * The corrections of one kind to merge into the store. Every field of `fields` is written, so
 * a field the user put back to its detected column stops being remembered; the old
 * `<kind>.mapping.<field>` keys are removed, which moves them to the new ones on the first save.
 */
export function savedMappingRecord(kind: string, fields: readonly string[], mapping: SavedMapping): SettingsRecord {
  const out: SettingsRecord = {};
  for (const f of fields) {
    out[mappingKey(kind, f)] = f in mapping ? mapping[f] || NO_COLUMN : "";
    out[legacyMappingKey(kind, f)] = "";
  }
  return out;
}

/** A panel's options (`aging.asOf` → `asOf`), as stored text; empty values are absent. */
export function optionsFrom(record: SettingsRecord, panel: string): Record<string, string> {
  const prefix = `${panel}.`;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) {
    const name = k.slice(prefix.length);
    // `aging.mapping.x` is a correction of the old kind, not an option.
    if (k.startsWith(prefix) && v !== "" && !name.startsWith("mapping.")) out[name] = v;
  }
  return out;
}

/** A panel's options to merge into the store; an undefined option is forgotten. */
export function optionsRecord(panel: string, options: Record<string, string | undefined>): SettingsRecord {
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [`${panel}.${k}`, v ?? ""]));
}

/** Keys of owned result sheets: `owned.<family>.<report sheet id>` → worksheet id. */
export function ownedKey(family: string, sheetId: string): string {
  return `owned.${family}.${sheetId}`;
}

export function ownedSheets(record: SettingsRecord, family: string): { key: string; sheetId: string; worksheetId: string }[] {
  const prefix = `owned.${family}.`;
  return Object.entries(record)
    .filter(([k, v]) => k.startsWith(prefix) && v !== "")
    .map(([k, v]) => ({ key: k, sheetId: k.slice(prefix.length), worksheetId: v }));
}

/** Every worksheet id Cartera owns, of any family (kept out of the source list). */
export function allOwnedWorksheetIds(record: SettingsRecord): Set<string> {
  return new Set(Object.entries(record).filter(([k, v]) => k.startsWith("owned.") && v !== "").map(([, v]) => v));
}
