import { DEFAULT_EDGES, validateEdges, type AgingBasis } from "../core/aging/aging";
import { formatIsoDate, parseIsoDate, type CivilDay } from "../core/dates";
import type { SavedMapping } from "./mapping";
import type { SettingsRecord } from "./port";

/**
 * What the pane remembers between sessions, as flat `key → text` pairs so the Excel adapter
 * can keep them in a visible sheet an auditor can read (`aging.asOf | 2026-10-31`) and the
 * standalone adapter in localStorage. Unknown or malformed values fall back to defaults.
 */
export interface AgingSettings {
  asOf?: CivilDay;
  edges: readonly number[];
  basis: AgingBasis;
  /** SourceRef.key of the last source aged. */
  source?: string;
  /**
   * The customer master last used: a SourceRef.key in Excel (`sheet:Clientes`), the file's key
   * in a browser (a file cannot be reopened for the user, so it is only named). None when absent.
   */
  customers?: string;
  /** Corrections to the detected ledger mapping: field key → header text ("" = no column). */
  mapping: SavedMapping;
}

const MAPPING_PREFIX = "ledger.mapping.";

export function agingSettingsFrom(record: SettingsRecord): AgingSettings {
  const edges = parseEdgesText(record["aging.buckets"] ?? "") ?? DEFAULT_EDGES;
  const basis: AgingBasis = record["aging.basis"] === "document" ? "document" : "due";
  const asOf = record["aging.asOf"] ? parseIsoDate(record["aging.asOf"]) ?? undefined : undefined;
  const mapping: SavedMapping = {};
  for (const [k, v] of Object.entries(record)) if (k.startsWith(MAPPING_PREFIX)) mapping[k.slice(MAPPING_PREFIX.length)] = v === "-" ? "" : v;
  return { asOf, edges, basis, source: record["aging.source"] || undefined, customers: record["aging.customers"] || undefined, mapping };
}

/**
 * Settings to merge into the store. Every mapping key of `fields` is written, so a field the
 * user put back to its detected column stops being remembered ("" removes the key).
 */
export function agingSettingsRecord(s: AgingSettings, fields: readonly string[]): SettingsRecord {
  const out: SettingsRecord = {
    "aging.asOf": s.asOf === undefined ? "" : formatIsoDate(s.asOf),
    "aging.buckets": s.edges.join(","),
    "aging.basis": s.basis,
    "aging.source": s.source ?? "",
    "aging.customers": s.customers ?? "",
  };
  // "-" stands for "no column" because "" means "forget this key".
  for (const f of fields) out[MAPPING_PREFIX + f] = f in s.mapping ? s.mapping[f] || "-" : "";
  return out;
}

/** `30,60,90,120` → edges, or null when it is not a valid increasing list of days. */
export function parseEdgesText(text: string): number[] | null {
  const parts = text.split(/[,;\s]+/).filter((p) => p !== "");
  if (parts.length === 0 || !parts.every((p) => /^\d+$/.test(p))) return null;
  const edges = parts.map(Number);
  return validateEdges(edges) === null ? edges : null;
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
