/**
 * Payment terms: net days and cash-discount tiers (SAP's ZTERM with ZBD1T/ZBD1P, ZBD2T/ZBD2P
 * and ZBD3T). An item ages by its net period; discounts only say how much less it could have
 * been paid early.
 *
 * Every SAP installation defines its own keys, so a key means nothing by itself: users give
 * their own table (`TermsTable`, read with `TERMS_SPEC`), which is looked up first; then the
 * few keys SAP documents; then texts that spell the terms out (`2/10 neto 30`, `Z030`,
 * `30 días`, `contado`). Anything else is unknown and says so: never a silent 0 or 1 day.
 */
import type { CivilDay } from "./dates";
import type { Problem } from "./messages";
import { fractionFromNumber, reduce, type Fraction } from "./rates";

/** Ten years: nothing longer is a payment term. */
export const MAX_TERM_DAYS = 3650;

export interface CashDiscount {
  /** The discount as an exact fraction of the amount: 3 % is 3/100, 2.125 % is 17/800. */
  percent: Fraction;
  /** Days from the baseline date within which it may be taken. */
  days: number;
}

export interface PaymentTerms {
  /** The key or text the terms were found under, as written (trimmed, upper case). */
  key: string;
  /** Days from the baseline date to the net due date. */
  netDays: number;
  /** Earliest first: each tier's days are below the next one's and not above `netDays`. */
  discounts: readonly CashDiscount[];
}

/** Where the terms came from: the user's table, a key SAP documents, or the text itself. */
export type TermsSource = "table" | "sap" | "text" | "days";

export type TermsLookup = { ok: true; terms: PaymentTerms; source: TermsSource } | { ok: false; problem: Problem };

function pct(num: number, den = 100): Fraction {
  return reduce({ num: BigInt(num), den: BigInt(den) });
}

/**
 * Keys whose definition SAP documents.
 * - `0001`: SAP's standard key "Payable immediately Due net" (the parser read it as 0 days
 *   before this module had a table; kept).
 * - `ZB01`: the SAP reference client's "within 14 days 3 % cash discount, within 30 days 2 %,
 *   within 45 days due net", as the hardening issue states it. SAP Help's "Cash Discount
 *   Percentage Rates and Cash Discount Terms" documents that shape (three periods, no
 *   percentage on the last):
 *   https://help.sap.com/doc/8448d953189a424de10000000a174cb4/3.6/en-US/3348d953189a424de10000000a174cb4.html
 * ZB02, ZB03, ZB05 … are left out: no definition of them could be found to cite, and a key
 * read wrongly ages a whole customer wrongly. Users who have them put them in their table.
 */
const SAP_KEYS: ReadonlyMap<string, PaymentTerms> = new Map([
  ["0001", { key: "0001", netDays: 0, discounts: [] }],
  ["ZB01", { key: "ZB01", netDays: 45, discounts: [{ percent: pct(3), days: 14 }, { percent: pct(2), days: 30 }] }],
]);

/** Upper case, no accents, single spaces: how keys and texts are compared. */
export function normalizeTermsKey(text: string): string {
  return text.trim().toUpperCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ");
}

function net(key: string, days: number): PaymentTerms | null {
  return Number.isInteger(days) && days >= 0 && days <= MAX_TERM_DAYS ? { key, netDays: days, discounts: [] } : null;
}

const IMMEDIATE = /^(?:(?:PAGO )?(?:DE |AL )?CONTADO|(?:PAGO )?INMEDIATO|IMMEDIATE(?:LY)?|DUE (?:ON RECEIPT|NET|IMMEDIATELY)|COD|C\.O\.D\.|CASH)$/;
/** Keys named after their days: `Z030` (Z and three digits), `N30`, `NT30`, `NET30`, `NETO 30`. */
const DAY_KEY = /^(?:Z(\d{3})|(?:N|NT|NET|NETO) ?\/?(\d{1,4}))$/;
/** `30`, `30 días`, `30 DD`, `30D`, `NETO 30 DÍAS`, `CRÉDITO A 30 DÍAS`, `30 DÍAS NETOS`, `30 NET`. */
const DAY_TEXT = /^(?:(?:CREDITO|CREDIT|PLAZO|NETO|NET)(?: A)? )?(\d{1,4}) ?(?:DIAS?|DAYS?|D|DD|DN)?(?: (?:NETOS?|NET|NATURALES|CALENDARIO|DE CREDITO))?$/;
/** One discount tier at the start of the text: `2/10`, `2% 10`, `1.5/10`, `3 % 14 DÍAS`. */
const TIER = /^(\d{1,2}(?:[.,]\d{1,3})?) ?(?:% ?\/?|\/) ?(\d{1,4})(?: ?(?:DIAS?|DAYS?|D))?[ ,;]*/;
/** The net part after the tiers: `N30`, `NETO 30`, `NET 30 DAYS`, `N/30`. */
const NET_PART = /^(?:N|NT|NET|NETO) ?\/? ?(\d{1,4})(?: ?(?:DIAS?|DAYS?|D))?$/;

/** `2.5` or `2,5` (percentage points, up to SAP's 3 decimals) → 2.5/100. */
function percentFromText(t: string): Fraction {
  const [i, f = ""] = t.split(/[.,]/);
  return pct(Number(i + f), 100 * 10 ** f.length);
}

function parseDiscountText(key: string, t: string): PaymentTerms | null {
  const discounts: CashDiscount[] = [];
  let rest = t;
  for (let m = TIER.exec(rest); m; m = TIER.exec(rest)) {
    const percent = percentFromText(m[1]);
    const days = Number(m[2]);
    if (percent.num <= 0n || days > MAX_TERM_DAYS) return null;
    if (discounts.length > 0 && days <= discounts[discounts.length - 1].days) return null;
    discounts.push({ percent, days });
    rest = rest.slice(m[0].length);
    if (discounts.length > 3) return null;
  }
  if (discounts.length === 0) return null;
  const m = NET_PART.exec(rest);
  if (!m) return null;
  const netDays = Number(m[1]);
  if (netDays > MAX_TERM_DAYS || discounts[discounts.length - 1].days > netDays) return null;
  return { key, netDays, discounts };
}

/**
 * Reads terms spelled out in text: `2/10N30`, `2/10 neto 30`, `2/10 net 30`, `3/14 2/30 N45`,
 * `NT30`, `N30`, `Z030`, `30 días`, `30 DD`, `contado`, `de contado`. Null when the text does
 * not say its terms; `30 días hábiles` (business days) is one of those, since calendar days
 * would age it wrongly. Keys named any other way (`ZB02`, `PP30`) are null too: what they
 * mean is the installation's, not the text's.
 */
export function parsePaymentTerms(text: string): PaymentTerms | null {
  const t = normalizeTermsKey(text);
  if (t === "") return null;
  if (IMMEDIATE.test(t)) return { key: t, netDays: 0, discounts: [] };
  if (/^\d{1,4}$/.test(t)) {
    // `0002` … `0009` are SAP's own keys (with discounts), not 2 … 9 days.
    if (t.length === 4 && t.startsWith("000")) return null;
    return net(t, Number(t));
  }
  let m = DAY_KEY.exec(t);
  if (m) return net(t, Number(m[1] ?? m[2]));
  m = DAY_TEXT.exec(t);
  if (m) return net(t, Number(m[1]));
  return parseDiscountText(t, t);
}

// ---- the user's table -----------------------------------------------------------------

/** A row of the user's terms table. */
export interface TermsRecord extends PaymentTerms {
  /** 1-based row in the source, for messages. */
  row?: number;
  description?: string;
}

function sameTerms(a: PaymentTerms, b: PaymentTerms): boolean {
  if (a.netDays !== b.netDays || a.discounts.length !== b.discounts.length) return false;
  return a.discounts.every((d, i) => d.days === b.discounts[i].days && d.percent.num * b.discounts[i].percent.den === b.discounts[i].percent.num * d.percent.den);
}

/**
 * The installation's own keys. A key defined twice the same way is fine; defined two
 * different ways it is a problem on every item that uses it, never one of the two.
 */
export class TermsTable {
  private readonly byKey = new Map<string, TermsRecord>();
  private readonly conflicting = new Map<string, number[]>();
  private readonly cache = new Map<string, TermsLookup>();

  constructor(records: readonly TermsRecord[] = []) {
    for (const r of records) {
      const key = normalizeTermsKey(r.key);
      const seen = this.byKey.get(key);
      if (!seen) {
        this.byKey.set(key, { ...r, key });
      } else if (!sameTerms(seen, r)) {
        const rows = this.conflicting.get(key) ?? (seen.row !== undefined ? [seen.row] : []);
        if (r.row !== undefined) rows.push(r.row);
        this.conflicting.set(key, rows);
      }
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Keys defined two different ways, with the rows that define them. */
  get conflicts(): { key: string; rows: number[] }[] {
    return [...this.conflicting].map(([key, rows]) => ({ key, rows }));
  }

  /** The terms a ledger's cell names: the table, then SAP's documented keys, then the text. */
  lookup(value: unknown): TermsLookup {
    if (typeof value === "number") {
      const terms = net(String(value), value);
      return terms ? { ok: true, terms, source: "days" } : { ok: false, problem: { code: "terms.days", params: { value: String(value), max: MAX_TERM_DAYS } } };
    }
    if (typeof value !== "string") return { ok: false, problem: { code: "terms.unknownKey", params: { value: String(value) } } };
    // A ledger repeats a handful of distinct terms: read each once.
    const cached = this.cache.get(value);
    if (cached) return cached;
    const found = this.find(value);
    if (this.cache.size < 5000) this.cache.set(value, found);
    return found;
  }

  private find(value: string): TermsLookup {
    const key = normalizeTermsKey(value);
    const rows = this.conflicting.get(key);
    if (rows) return { ok: false, problem: { code: "terms.duplicateKey", params: { value: key, rows: rows.join(", ") } } };
    const own = this.byKey.get(key);
    if (own) return { ok: true, terms: own, source: "table" };
    const sap = SAP_KEYS.get(key);
    if (sap) return { ok: true, terms: sap, source: "sap" };
    const parsed = parsePaymentTerms(key);
    if (parsed) return { ok: true, terms: parsed, source: "text" };
    return { ok: false, problem: { code: "terms.unknownKey", params: { value: value.trim() } } };
  }
}

const noTable = new TermsTable();

/** Terms from a key, a text or a number of days, with the user's table when there is one. */
export function lookupTerms(value: unknown, table: TermsTable = noTable): TermsLookup {
  return table.lookup(value);
}

/**
 * Net days of payment terms (days, a key SAP documents, or text that spells them out), null
 * when they say no number of days. Without the user's table: see `TermsTable.lookup`.
 */
export function parseTermDays(value: unknown): number | null {
  const r = noTable.lookup(value);
  return r.ok ? r.terms.netDays : null;
}

// ---- due dates and discounts ----------------------------------------------------------

/**
 * The net due date SAP computes from a line item's baseline date (ZFBDT) and its payment
 * periods: baseline + ZBD3T when set, else + ZBD2T, else + ZBD1T; 0 or empty means "not set",
 * and with no period at all the item is due on its baseline date.
 *
 * Sources: SAP's data element NETDT ("calculated from the baseline date for payment and the
 * maximum permissible target dates in the terms of payment",
 * https://www.sapdatasheet.org/abap/dtel/netdt.html); DZFBDT ("If the cash discount rates (and
 * days) have not been entered, the baseline date for payment is the same as the due date");
 * and Google's Cortex Data Foundation, which reimplements SAP's function module
 * NET_DUE_DATE_GET for customer items (KOART D) as exactly this cascade
 * (GoogleCloudPlatform/cortex-data-foundation, src/SAP/SAP_REPORTING/NetDueDateCalc.sql).
 * That module also dates a credit memo not tied to an invoice (SHKZG H, no REBZG) at its
 * baseline whatever its terms; the aging already ages credits by their own date.
 */
export function netDueFromBaseline(baseline: CivilDay, zbd1t?: number | null, zbd2t?: number | null, zbd3t?: number | null): CivilDay {
  const days = zbd3t ? zbd3t : zbd2t ? zbd2t : zbd1t ? zbd1t : 0;
  return baseline + days;
}

/** The net due date of terms from a baseline date. */
export function netDueDate(baseline: CivilDay, terms: PaymentTerms): CivilDay {
  return baseline + terms.netDays;
}

/**
 * The cash discount a payment `daysAfterBaseline` days after the baseline date may take:
 * the first tier whose days it is within; null past them all.
 */
export function discountAt(terms: PaymentTerms, daysAfterBaseline: number): Fraction | null {
  for (const d of terms.discounts) if (daysAfterBaseline <= d.days) return d.percent;
  return null;
}

// ---- reading a table's cells ----------------------------------------------------------

export type DaysParse = { ok: true; days: number } | { ok: false; problem: Problem };

/** A whole number of days, 0 to MAX_TERM_DAYS, from a number or text (`30`, `030`, `30 días`). */
export function parseDays(value: unknown): DaysParse {
  const text = typeof value === "string" ? value.trim() : String(value);
  let n = NaN;
  if (typeof value === "number") n = value;
  else if (typeof value === "string") {
    const m = /^(\d{1,4})(?:\s*(?:d[ií]as?|days?|d))?$/i.exec(text);
    if (m) n = Number(m[1]);
  }
  if (Number.isInteger(n) && n >= 0 && n <= MAX_TERM_DAYS) return { ok: true, days: n };
  return { ok: false, problem: { code: "terms.days", params: { value: text, max: MAX_TERM_DAYS } } };
}

export type PercentParse = { ok: true; percent: Fraction } | { ok: false; problem: Problem };

/**
 * A cash-discount percentage in percentage points, as SAP writes ZBD1P (`3.000`) and people
 * type it (`3`, `3 %`, `2,5`): 0 ≤ p < 100, at most 3 decimals. A number between 0 and 1 is
 * refused: `0.03` is 3 % in a cell formatted as percent but 0.03 % typed as it stands, and
 * the cell cannot say which.
 */
export function parsePercent(value: unknown): PercentParse {
  const shown = typeof value === "string" ? value.trim() : String(value);
  const bad: PercentParse = { ok: false, problem: { code: "terms.percent", params: { value: shown } } };
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0 || value >= 100) return bad;
    if (value > 0 && value < 1) {
      const asPercentFormat = String(Math.round(value * 1e6) / 1e4);
      return { ok: false, problem: { code: "terms.percentAmbiguous", params: { value: shown, asPoints: shown, asPercentFormat } } };
    }
    const f = fractionFromNumber(value);
    if (!f || 1000n % f.den !== 0n) return bad;
    return { ok: true, percent: reduce({ num: f.num, den: f.den * 100n }) };
  }
  if (typeof value !== "string") return bad;
  const m = /^(\d{1,2}(?:[.,]\d{1,3})?)\s*%?$/.exec(shown);
  if (!m) return bad;
  return { ok: true, percent: percentFromText(m[1]) };
}
