/**
 * Limit and term recommendations: `increase`, `maintain`, `decrease` or `block`, from the rules
 * of the policy table (src/core/credit/policy.ts), checked in a fixed order; the first rule
 * that fires decides and names itself, and the reasons say in plain words why (with the other
 * restrictive rules that fired too). Proposed limits are rounded down to `limit.roundTo`.
 */
import { dateParams } from "./credit";
import { atMost, exceeds, roundFraction, type Behaviour } from "./behaviour";
import type { Guarantee, GuaranteeType } from "./guarantee";
import { isExpired } from "./guarantee";
import type { CreditPolicy } from "./policy";
import type { CivilDay } from "../dates";
import { message, type MessageKey, type Problem } from "../messages";
import { formatMoney, type Centavos } from "../money";
import { scaleCentavos, type Fraction } from "../rates";

export type CreditAction = "increase" | "maintain" | "decrease" | "block";

export type RuleId =
  | "block-days-past-due"
  | "no-limit"
  | "decrease-guarantee-expired"
  | "decrease-late-payer"
  | "decrease-trend"
  | "decrease-unused"
  | "increase-good-payer"
  | "maintain";

/** The rules in the order they are checked; the README's policy table lists them so. */
export const RULES: readonly { id: RuleId; action: CreditAction }[] = [
  { id: "block-days-past-due", action: "block" },
  { id: "no-limit", action: "maintain" },
  { id: "decrease-guarantee-expired", action: "decrease" },
  { id: "decrease-late-payer", action: "decrease" },
  { id: "decrease-trend", action: "decrease" },
  { id: "decrease-unused", action: "decrease" },
  { id: "increase-good-payer", action: "increase" },
  { id: "maintain", action: "maintain" },
];

export interface Recommendation {
  action: CreditAction;
  /** The rule that decided. */
  rule: RuleId;
  /** Proposed limit (null when there is none to propose: no limit on file). */
  limit: Centavos | null;
  termDays: number | null;
  /** The deciding rule's sentence first, then those of the other restrictive rules that fired. */
  reasons: Problem[];
  fired: RuleId[];
}

export interface RecommendInput {
  asOf: CivilDay;
  limit: Centavos | null;
  termDays: number | null;
  currency: string;
  exposure: Centavos;
  maxDaysPastDue: number;
  /** Exposure ÷ limit; null without a positive limit. */
  utilization: Fraction | null;
  guarantee: Guarantee | null;
  behaviour: Behaviour;
}

const GUARANTEE_IDS: Record<GuaranteeType, string> = { pagaré: "pagare", fianza: "fianza", hipoteca: "hipoteca", "carta de crédito": "cartaCredito", otra: "otra" };

/** The guarantee type's words in each language, as message parameters. */
export function guaranteeTypeParams(name: string, type: GuaranteeType): Record<string, string> {
  const key = `credit.guaranteeType.${GUARANTEE_IDS[type]}` as MessageKey;
  return { [`${name}.es`]: message("es", key), [`${name}.en`]: message("en", key) };
}

/** `20` for 2000 bp, `12.5` for 1250 bp. */
export function bpText(bp: number): string {
  const s = (bp / 100).toFixed(2);
  return s.replace(/\.?0+$/, "");
}

/** A fraction as a percentage with at most one decimal: 0.9512 → `95.1`. */
export function percentText(f: Fraction): string {
  return String(roundFraction({ num: f.num * 100n, den: f.den }, 1));
}

/** Days with at most one decimal, without sign: −3.25 → `3.3`. */
function daysText(f: Fraction): string {
  return String(Math.abs(roundFraction(f, 1)));
}

/** `3 días antes`, `a tiempo`, `2.5 días tarde` as message parameters in each language. */
function paidParams(avg: Fraction): Record<string, string> {
  const r = roundFraction(avg, 1);
  const key: MessageKey = r < 0 ? "credit.paid.early" : r > 0 ? "credit.paid.late" : "credit.paid.onTime";
  const days = daysText(avg);
  return { "paid.es": message("es", key, { days }), "paid.en": message("en", key, { days }) };
}

function roundDown(c: Centavos, step: Centavos): Centavos {
  if (c <= 0) return 0;
  return c - (c % step);
}

/** limit × (1 ± bp/10,000), exactly, rounded down to the policy's step. */
function scaled(limit: Centavos, bp: number, sign: 1 | -1, step: Centavos): Centavos {
  return roundDown(scaleCentavos(limit, BigInt(10000 + sign * bp), 10000n), step);
}

interface Fired {
  id: RuleId;
  limit: Centavos | null;
  termDays: number | null;
  reason: Problem;
}

/** Every rule that fires for a customer, in policy order. */
function firedRules(x: RecommendInput, p: CreditPolicy): Fired[] {
  const out: Fired[] = [];
  const step = p["limit.roundTo"];
  const money = (c: Centavos) => formatMoney(c, x.currency);
  const b = x.behaviour;
  const months = p["history.months"];

  if (x.maxDaysPastDue > p["block.daysPastDue"]) {
    out.push({ id: "block-days-past-due", limit: x.limit, termDays: x.termDays, reason: { code: "credit.rule.block", params: { days: x.maxDaysPastDue, max: p["block.daysPastDue"] } } });
  }
  if (x.limit === null) {
    out.push({ id: "no-limit", limit: null, termDays: x.termDays, reason: { code: "credit.rule.noLimit" } });
    return out;
  }
  const limit = x.limit;
  const decreased = scaled(limit, p["decrease.percent"], -1, step);
  const pct = bpText(p["decrease.percent"]);

  if (p["decrease.guaranteeExpired"] && isExpired(x.guarantee, x.asOf)) {
    const g = x.guarantee!;
    const withoutIt = g.amount !== null ? roundDown(limit - g.amount, step) : decreased;
    const params = { ...guaranteeTypeParams("type", g.type), ...dateParams("date", g.expires!), limit: money(withoutIt), pct };
    out.push({
      id: "decrease-guarantee-expired",
      limit: Math.min(withoutIt, limit),
      termDays: x.termDays,
      reason: g.amount !== null ? { code: "credit.rule.guaranteeExpired", params: { ...params, amount: money(g.amount) } } : { code: "credit.rule.guaranteeExpiredNoAmount", params },
    });
  }
  if (b.avgDaysToPay && exceeds(b.avgDaysToPay, p["decrease.avgDaysLate"])) {
    const term = x.termDays === null ? null : Math.max(0, x.termDays - p["decrease.termDays"]);
    const params = { days: daysText(b.avgDaysToPay), months, max: p["decrease.avgDaysLate"], pct, limit: money(decreased), term: term ?? "" };
    const shorter = term !== null && term !== x.termDays;
    out.push({ id: "decrease-late-payer", limit: decreased, termDays: term, reason: { code: shorter ? "credit.rule.latePayerTerm" : "credit.rule.latePayer", params } });
  }
  if (b.trend && exceeds(b.trend, p["decrease.trendDays"])) {
    out.push({
      id: "decrease-trend",
      limit: decreased,
      termDays: x.termDays,
      reason: { code: "credit.rule.trend", params: { days: daysText(b.trend), recent: p["history.trendMonths"], earlier: months - p["history.trendMonths"], max: p["decrease.trendDays"], pct, limit: money(decreased) } },
    });
  }
  const below = p["decrease.utilizationBelow"];
  if (below > 0 && x.utilization && x.utilization.num * 10000n < BigInt(below) * x.utilization.den) {
    out.push({ id: "decrease-unused", limit: decreased, termDays: x.termDays, reason: { code: "credit.rule.unused", params: { util: percentText(x.utilization), min: bpText(below), pct, limit: money(decreased) } } });
  }
  const u = x.utilization;
  if (
    u &&
    b.avgDaysToPay &&
    b.payments >= p["increase.minPayments"] &&
    atMost(b.avgDaysToPay, p["increase.avgDaysLate"]) &&
    u.num * 10000n >= BigInt(p["increase.utilizationAtLeast"]) * u.den &&
    x.maxDaysPastDue <= p["release.toleranceDays"] &&
    !isExpired(x.guarantee, x.asOf)
  ) {
    const increased = scaled(limit, p["increase.percent"], 1, step);
    const term = x.termDays === null ? null : x.termDays + p["increase.termDays"];
    const params = { ...paidParams(b.avgDaysToPay), months, util: percentText(u), pct: bpText(p["increase.percent"]), limit: money(increased), term: term ?? "" };
    const longer = term !== null && term !== x.termDays;
    out.push({ id: "increase-good-payer", limit: increased, termDays: term, reason: { code: longer ? "credit.rule.increaseTerm" : "credit.rule.increase", params } });
  }
  return out;
}

/** The recommendation for one customer: the first rule that fires, else `maintain`. */
export function recommend(x: RecommendInput, p: CreditPolicy): Recommendation {
  const fired = firedRules(x, p);
  if (fired.length === 0) {
    return { action: "maintain", rule: "maintain", limit: x.limit, termDays: x.termDays, reasons: [{ code: "credit.rule.maintain" }], fired: [] };
  }
  const first = fired[0];
  const action = RULES.find((r) => r.id === first.id)!.action;
  const others = fired.slice(1).filter((f) => f.id !== "increase-good-payer");
  return { action, rule: first.id, limit: first.limit, termDays: first.termDays, reasons: [first.reason, ...others.map((f) => f.reason)], fired: fired.map((f) => f.id) };
}
