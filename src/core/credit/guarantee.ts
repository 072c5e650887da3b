/**
 * The guarantee behind a credit line, as the customer master records it: a promissory note
 * (pagaré), a surety bond (fianza), a mortgage (hipoteca), a letter of credit (carta de
 * crédito) or something else the master names (an aval, a pledge). The amount is in the
 * currency of the customer's credit limit.
 */
import type { CivilDay } from "../dates";
import type { Centavos } from "../money";

export type GuaranteeType = "pagaré" | "fianza" | "hipoteca" | "carta de crédito" | "otra";

export const GUARANTEE_TYPES: readonly GuaranteeType[] = ["pagaré", "fianza", "hipoteca", "carta de crédito", "otra"];

export interface Guarantee {
  type: GuaranteeType;
  /** The text the master wrote (kept for "otra": `Aval personal`, `Prenda`). */
  description: string;
  amount: Centavos | null;
  expires: CivilDay | null;
}

function plain(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9/]+/g, " ").trim();
}

/**
 * What a master's guarantee-type cell means: a type, `none` (ninguna, sin garantía, N/A) or
 * null for an empty cell. Words are matched at the start of the text, so `Pagaré firmado
 * 2026` is a pagaré; anything else is `otra` and keeps its text.
 */
export function guaranteeTypeOf(text: string): GuaranteeType | "none" | null {
  const t = plain(text);
  if (t === "") return null;
  if (/^(ninguna?|ningun|sin( garantia)?|no|none|n\/?a|no aplica|-)$/.test(t)) return "none";
  if (/^(pagare|promissory|note\b)/.test(t)) return "pagaré";
  if (/^(fianza|surety|bond\b|afianzadora)/.test(t)) return "fianza";
  if (/^(hipoteca|hipotecaria|mortgage)/.test(t)) return "hipoteca";
  if (/^(carta de credito|carta credito|letter of credit|l\/c\b|lc\b|standby|stand by)/.test(t)) return "carta de crédito";
  return "otra";
}

/** Days from the key date to the expiry: 0 on the day it expires, negative once expired. */
export function daysToExpiry(g: Guarantee | null, asOf: CivilDay): number | null {
  return g?.expires == null ? null : g.expires - asOf;
}

/** A guarantee is valid through its expiry date and expired from the day after. */
export function isExpired(g: Guarantee | null, asOf: CivilDay): boolean {
  return g?.expires != null && g.expires < asOf;
}

export function isExpiring(g: Guarantee | null, asOf: CivilDay, withinDays: number): boolean {
  const d = daysToExpiry(g, asOf);
  return d !== null && d >= 0 && d <= withinDays;
}
