import { DEFAULT_EDGES, validateEdges, type AgingBasis } from "../core/aging/aging";
import { parseIsoDate, type CivilDay } from "../core/dates";
import { message, type Lang } from "../core/messages";
import { currencyCode } from "../core/tables/fields";
import { textOptions, UsageError } from "./common";

/**
 * The options every command that ages a ledger shares (aging, statements, credit…), parsed
 * and checked in one place so they mean the same and say the same everywhere.
 */
export const AGING_OPTIONS = textOptions("as-of", "buckets", "basis", "customers", "terms", "currency", "sheet");

export interface AgingChoices {
  asOf: CivilDay;
  edges: number[];
  basis: AgingBasis;
  currency: string;
}

export function todayCivil(): CivilDay {
  const now = new Date(); // the user's own clock and zone decide what "today" is
  return parseIsoDate(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`)!;
}

/** `--as-of` (default today), or a usage error naming the value. */
export function keyDate(value: string | undefined, lang: Lang): CivilDay {
  if (value === undefined) return todayCivil();
  const d = parseIsoDate(value);
  if (d === null) throw new UsageError(message(lang, "cli.asOfInvalid", { value }));
  return d;
}

export function parseEdges(text: string, lang: Lang): number[] {
  const edges = text.split(",").map((s) => s.trim()).filter((s) => s !== "").map((s) => (/^\d+$/.test(s) ? Number(s) : NaN));
  if (validateEdges(edges)) throw new UsageError(message(lang, "cli.bucketsInvalid", { value: text }));
  return edges;
}

export function agingChoices(v: { "as-of"?: string; buckets?: string; basis?: string; currency?: string }, lang: Lang): AgingChoices {
  const basis = v.basis ?? "due";
  if (basis !== "due" && basis !== "document") throw new UsageError(message(lang, "cli.basisInvalid", { value: basis }));
  const currency = v.currency === undefined ? "MXN" : currencyCode(v.currency);
  if (currency === null) throw new UsageError(message(lang, "cli.currencyInvalid", { value: v.currency! }));
  return { asOf: keyDate(v["as-of"], lang), edges: v.buckets !== undefined ? parseEdges(v.buckets, lang) : [...DEFAULT_EDGES], basis, currency };
}
