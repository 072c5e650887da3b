/**
 * The credit policy: every threshold the order release, the flags and the limit
 * recommendations use, as one flat table of keys an analyst can read and edit (a JSON file or
 * a two-column key/value table), never a hidden constant. Percentages are held in basis points
 * (20 % = 2000) and money in centavos, so comparisons are exact.
 */
import { cellText, isEmptyCell } from "../grid";
import { message, type Lang, type MessageKey, type Problem } from "../messages";
import { parseAmount, type Centavos } from "../money";
import { DEFAULT_TOLERANCE_DAYS } from "./credit";

export type PolicyValueType = "days" | "signedDays" | "months" | "count" | "percent" | "money" | "boolean";

export interface CreditPolicy {
  /** Hold an order when any debit item is more than this many days past due. */
  "release.toleranceDays": number;
  /** Hold an order when the available credit after it would be negative. */
  "release.holdOverLimit": boolean;
  "release.holdExpiredGuarantee": boolean;
  "release.holdNoLimit": boolean;
  /** Flag (and list for renewal) guarantees expiring within this many days. */
  "guarantee.expiringDays": number;
  /** Payment behaviour is weighed over the payments of the last N months… */
  "history.months": number;
  /** …and its trend compares the last M months with the months before them. */
  "history.trendMonths": number;
  "block.daysPastDue": number;
  "decrease.guaranteeExpired": boolean;
  "decrease.avgDaysLate": number;
  "decrease.trendDays": number;
  /** Basis points; 0 turns the rule off. */
  "decrease.utilizationBelow": number;
  "decrease.percent": number;
  "decrease.termDays": number;
  "increase.avgDaysLate": number;
  "increase.utilizationAtLeast": number;
  "increase.minPayments": number;
  "increase.percent": number;
  "increase.termDays": number;
  /** Proposed limits are rounded down to a multiple of this (centavos). */
  "limit.roundTo": Centavos;
}

export type PolicyKey = keyof CreditPolicy;

interface KeyDef {
  key: PolicyKey;
  type: PolicyValueType;
  min: number;
  max: number;
}

/** The keys in the order the README and the Política sheet list them, with their types and bounds. */
export const POLICY_KEYS: readonly KeyDef[] = [
  { key: "release.toleranceDays", type: "days", min: 0, max: 3650 },
  { key: "release.holdOverLimit", type: "boolean", min: 0, max: 1 },
  { key: "release.holdExpiredGuarantee", type: "boolean", min: 0, max: 1 },
  { key: "release.holdNoLimit", type: "boolean", min: 0, max: 1 },
  { key: "guarantee.expiringDays", type: "days", min: 0, max: 3650 },
  { key: "history.months", type: "months", min: 1, max: 120 },
  { key: "history.trendMonths", type: "months", min: 1, max: 119 },
  { key: "block.daysPastDue", type: "days", min: 0, max: 3650 },
  { key: "decrease.guaranteeExpired", type: "boolean", min: 0, max: 1 },
  { key: "decrease.avgDaysLate", type: "signedDays", min: -3650, max: 3650 },
  { key: "decrease.trendDays", type: "days", min: 0, max: 3650 },
  { key: "decrease.utilizationBelow", type: "percent", min: 0, max: 10000 },
  { key: "decrease.percent", type: "percent", min: 0, max: 10000 },
  { key: "decrease.termDays", type: "days", min: 0, max: 3650 },
  { key: "increase.avgDaysLate", type: "signedDays", min: -3650, max: 3650 },
  { key: "increase.utilizationAtLeast", type: "percent", min: 0, max: 100000 },
  { key: "increase.minPayments", type: "count", min: 0, max: 1_000_000 },
  { key: "increase.percent", type: "percent", min: 0, max: 100000 },
  { key: "increase.termDays", type: "days", min: 0, max: 3650 },
  { key: "limit.roundTo", type: "money", min: 1, max: Number.MAX_SAFE_INTEGER },
];

export const DEFAULT_POLICY: Readonly<CreditPolicy> = Object.freeze({
  "release.toleranceDays": DEFAULT_TOLERANCE_DAYS,
  "release.holdOverLimit": true,
  "release.holdExpiredGuarantee": true,
  "release.holdNoLimit": true,
  "guarantee.expiringDays": 30,
  "history.months": 12,
  "history.trendMonths": 3,
  "block.daysPastDue": 90,
  "decrease.guaranteeExpired": true,
  "decrease.avgDaysLate": 15,
  "decrease.trendDays": 10,
  "decrease.utilizationBelow": 1000,
  "decrease.percent": 2000,
  "decrease.termDays": 15,
  "increase.avgDaysLate": 0,
  "increase.utilizationAtLeast": 8000,
  "increase.minPayments": 3,
  "increase.percent": 2000,
  "increase.termDays": 0,
  "limit.roundTo": 1000_00,
});

/** One key and value as a file gave it; `row` when it came from a table. */
export interface PolicyEntry {
  key: string;
  value: unknown;
  row?: number;
}

export interface PolicyProblem {
  row?: number;
  key: string;
  problem: Problem;
}

export interface ParsedPolicy {
  policy: CreditPolicy;
  /** Keys the file set (the rest are the defaults). */
  set: Set<PolicyKey>;
  problems: PolicyProblem[];
}

function normalizeKey(k: string): string {
  return k.replace(/[\s_-]/g, "").toLowerCase();
}

const BY_NORMALIZED = new Map(POLICY_KEYS.map((d) => [normalizeKey(d.key), d]));

/** `{ "release": { "toleranceDays": 15 } }` and `{ "release.toleranceDays": 15 }` are the same policy. */
export function flattenPolicyJson(value: unknown, prefix = ""): PolicyEntry[] | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const out: PolicyEntry[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const inner = flattenPolicyJson(v, key);
      if (inner) out.push(...inner);
    } else out.push({ key, value: v });
  }
  return out;
}

const TRUE_WORDS = new Set(["true", "verdadero", "si", "sí", "yes", "1", "x"]);
const FALSE_WORDS = new Set(["false", "falso", "no", "0"]);

type ValueParse = { ok: true; value: number | boolean } | { ok: false; problem: Problem };

/** What a key takes, in each language, for the message about a value it cannot take. */
function invalid(def: KeyDef, value: unknown, code: MessageKey = "credit.policy.badValue"): ValueParse {
  const what = `credit.policy.expected.${def.type}` as MessageKey;
  const bounds = { min: def.min, max: def.max };
  return { ok: false, problem: { code, params: { key: def.key, value: cellText(value), "expected.es": message("es", what, bounds), "expected.en": message("en", what, bounds) } } };
}

/** A whole number of days or months: `15`, `15 días`, `15 days`. */
function wholeNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isInteger(value) ? value : null;
  const m = /^([+-]?\d+)(\s*(d[ií]as?|days?|meses|mes|months?))?$/i.exec(cellText(value));
  return m ? Number(m[1]) : null;
}

/**
 * A percentage as basis points: `20`, `20%`, `12.5 %`, `12,5%` (at most two decimals). A bare
 * number between 0 and 1 (`0.2`) is refused: it could mean 20 % or 0.2 %, and guessing would
 * move every limit.
 */
function percentBp(value: unknown): number | "ambiguous" | null {
  const text = typeof value === "number" ? String(value) : cellText(value);
  const m = /^(\d+)(?:[.,](\d{1,2}))?\s*(%?)$/.exec(text);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  if (m[3] === "" && bp > 0 && bp < 100) return "ambiguous";
  return bp;
}

function parseValue(def: KeyDef, value: unknown): ValueParse {
  if (value === undefined || isEmptyCell(value)) return invalid(def, value, "credit.policy.empty");
  let v: number | boolean | null = null;
  switch (def.type) {
    case "boolean": {
      if (typeof value === "boolean") v = value;
      else {
        const t = cellText(value).toLowerCase();
        v = TRUE_WORDS.has(t) ? true : FALSE_WORDS.has(t) ? false : null;
      }
      break;
    }
    case "days":
    case "signedDays":
    case "months":
    case "count":
      v = wholeNumber(value);
      break;
    case "percent": {
      const bp = percentBp(value);
      if (bp === "ambiguous") return invalid(def, value, "credit.policy.percentAmbiguous");
      v = bp;
      break;
    }
    case "money": {
      const p = parseAmount(value);
      v = p.ok ? p.value : null;
      break;
    }
  }
  if (v === null) return invalid(def, value);
  if (typeof v === "number" && (v < def.min || v > def.max)) return invalid(def, value, "credit.policy.outOfRange");
  return { ok: true, value: v };
}

/**
 * The policy a file describes: every key it names replaces the default, every problem is
 * reported (an unknown key, a value that is not what the key takes, a trend window not shorter
 * than the history) and the caller refuses to run on a policy with problems: a typo must never
 * leave a default in force unseen.
 */
export function parsePolicy(entries: readonly PolicyEntry[]): ParsedPolicy {
  const policy: CreditPolicy = { ...DEFAULT_POLICY };
  const set = new Set<PolicyKey>();
  const problems: PolicyProblem[] = [];
  for (const e of entries) {
    const def = BY_NORMALIZED.get(normalizeKey(e.key));
    if (!def) {
      problems.push({ row: e.row, key: e.key, problem: { code: "credit.policy.unknownKey", params: { key: e.key, known: POLICY_KEYS.map((d) => d.key).join(", ") } } });
      continue;
    }
    if (set.has(def.key)) {
      problems.push({ row: e.row, key: def.key, problem: { code: "credit.policy.repeated", params: { key: def.key } } });
      continue;
    }
    const parsed = parseValue(def, e.value);
    if (!parsed.ok) {
      problems.push({ row: e.row, key: def.key, problem: parsed.problem });
      continue;
    }
    (policy as unknown as Record<string, number | boolean>)[def.key] = parsed.value;
    set.add(def.key);
  }
  if (policy["history.trendMonths"] >= policy["history.months"]) {
    problems.push({ key: "history.trendMonths", problem: { code: "credit.policy.trendWindow", params: { trend: policy["history.trendMonths"], months: policy["history.months"] } } });
  }
  return { policy, set, problems };
}

export function policyKeyDef(key: PolicyKey): KeyDef {
  return POLICY_KEYS.find((d) => d.key === key)!;
}

/** A policy value as the policy file writes it (`15`, `20%`, `sí`/`yes`, `1000.00`). */
export function policyValueText(key: PolicyKey, value: number | boolean, lang: Lang): string {
  const def = policyKeyDef(key);
  if (def.type === "boolean") return message(lang, value ? "credit.policy.true" : "credit.policy.false");
  if (def.type === "percent") {
    const bp = value as number;
    return `${Math.floor(bp / 100)}${bp % 100 ? "." + String(bp % 100).padStart(2, "0").replace(/0$/, "") : ""}%`;
  }
  if (def.type === "money") {
    const c = value as number;
    return `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;
  }
  return String(value);
}
