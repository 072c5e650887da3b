import { DEFAULT_EDGES, validateEdges, type AgingBasis } from "../../src/core/aging/aging";
import { formatIsoDate, parseIsoDate, type CivilDay } from "../../src/core/dates";

/**
 * The Aging panel's options as stored text (`aging.asOf | 2026-10-31`, `aging.buckets |
 * 30,60,90,120`, `aging.basis | due`), through the generic `<panel>.<option>` settings.
 * Anything malformed falls back to the defaults.
 */
export interface AgingOptions {
  asOf?: CivilDay;
  edges: readonly number[];
  basis: AgingBasis;
}

export function agingOptionsFrom(options: Record<string, string>): AgingOptions {
  return {
    asOf: options.asOf ? (parseIsoDate(options.asOf) ?? undefined) : undefined,
    edges: parseEdgesText(options.buckets ?? "") ?? DEFAULT_EDGES,
    basis: options.basis === "document" ? "document" : "due",
  };
}

export function agingOptionsText(o: AgingOptions): Record<string, string | undefined> {
  return { asOf: o.asOf === undefined ? undefined : formatIsoDate(o.asOf), buckets: o.edges.join(","), basis: o.basis };
}

/** `30,60,90,120` → edges, or null when it is not a valid increasing list of days. */
export function parseEdgesText(text: string): number[] | null {
  const parts = text.split(/[,;\s]+/).filter((p) => p !== "");
  if (parts.length === 0 || !parts.every((p) => /^\d+$/.test(p))) return null;
  const edges = parts.map(Number);
  return validateEdges(edges) === null ? edges : null;
}
