import type { CivilDay } from "../dates";
import type { LedgerItem } from "../tables/ledger";
import { InputError } from "../errors";
import { unitsText, type Centavos } from "../money";

export type AgingBasis = "due" | "document";

/** Upper edges of the overdue buckets; `[30, 60, 90, 120]` gives current, 1-30 … 91-120, 120+. */
export const DEFAULT_EDGES: readonly number[] = [30, 60, 90, 120];

export function validateEdges(edges: readonly number[]): string | null {
  if (edges.length === 0) return "at least one edge is needed";
  for (let i = 0; i < edges.length; i++) {
    if (!Number.isInteger(edges[i]) || edges[i] < 1) return `${edges[i]} is not a whole number of days ≥ 1`;
    if (i > 0 && edges[i] <= edges[i - 1]) return "edges must increase";
  }
  return null;
}

/** `current`, `1-15`, `16-30`, …, `90+`. */
export function bucketLabels(edges: readonly number[]): string[] {
  const labels = ["current"];
  let prev = 0;
  for (const e of edges) {
    labels.push(`${prev + 1}-${e}`);
    prev = e;
  }
  labels.push(`${prev}+`);
  return labels;
}

/** Index into `bucketLabels(edges)` for a number of days past due. */
export function bucketIndex(days: number, edges: readonly number[]): number {
  if (days <= 0) return 0;
  for (let i = 0; i < edges.length; i++) if (days <= edges[i]) return i + 1;
  return edges.length + 1;
}

export interface AgingOptions {
  asOf: CivilDay;
  edges?: readonly number[];
  basis?: AgingBasis;
  /** Term days from the customer master, used when an item has neither due date nor terms. */
  customerTermDays?: (customer: string) => number | undefined;
  customerName?: (customer: string) => string | undefined;
}

export interface CustomerAging {
  customer: string;
  name: string;
  currency: string;
  buckets: Centavos[];
  total: Centavos;
  overdue: Centavos;
  /** Sum of the credit items (negative). */
  unappliedCredits: Centavos;
  /** Largest days past due among debit items; 0 when none is late. */
  maxDaysPastDue: number;
  items: number;
}

export interface AgingTotals {
  buckets: Centavos[];
  total: Centavos;
  overdue: Centavos;
  unappliedCredits: Centavos;
  items: number;
  customers: number;
}

export interface AgingResult {
  asOf: CivilDay;
  basis: AgingBasis;
  edges: readonly number[];
  labels: string[];
  /** Sorted by customer code, then currency. */
  customers: CustomerAging[];
  totalsByCurrency: Map<string, AgingTotals>;
  /** Per input item, aligned with the items array: -1 when the item was not open at the key date. */
  itemBucket: Int8Array;
  itemDays: Int32Array;
  itemDue: Int32Array;
  notOpenAtKeyDate: number;
}

/** The date an item falls due, following SAP: net due date, else baseline + terms, else the master's terms, else its own date. */
export function dueDate(item: LedgerItem, masterTermDays: number | undefined): CivilDay | null {
  if (item.netDueDate !== null) return item.netDueDate;
  const base = item.baselineDate ?? item.documentDate ?? item.postingDate;
  if (base === null) return null;
  // A credit is due on its own date: it does not wait for terms (SAP ages credit memos so).
  if (item.amount < 0) return base;
  if (item.termDays !== null) return base + item.termDays;
  if (masterTermDays !== undefined) return base + masterTermDays;
  return base;
}

/** Open at the key date (SAP FBL5N): posted on or before it, and not cleared or cleared after it. */
export function isOpenAt(item: LedgerItem, asOf: CivilDay): boolean {
  const posted = item.postingDate ?? item.documentDate;
  if (posted !== null && posted > asOf) return false;
  return item.clearingDate === null || item.clearingDate > asOf;
}

interface Acc {
  row: CustomerAging;
}

/**
 * Ages items at a key date. One pass, no allocation per item beyond the first item of each
 * customer and currency: the per-item results go into typed arrays.
 */
export function age(items: readonly LedgerItem[], options: AgingOptions): AgingResult {
  const edges = options.edges ?? DEFAULT_EDGES;
  const basis = options.basis ?? "due";
  const asOf = options.asOf;
  const nb = edges.length + 2;
  // Lookup table: days 0..last edge → bucket index, so the hot loop has no inner search.
  const last = edges[edges.length - 1];
  const lut = new Uint8Array(last + 1);
  for (let d = 0; d <= last; d++) lut[d] = bucketIndex(d, edges);

  const n = items.length;
  const itemBucket = new Int8Array(n);
  const itemDays = new Int32Array(n);
  const itemDue = new Int32Array(n);
  const groups = new Map<string, Map<string, Acc>>();
  const termCache = new Map<string, number | undefined>();
  let notOpen = 0;
  let magnitude = 0;

  for (let i = 0; i < n; i++) {
    const it = items[i];
    if (!isOpenAt(it, asOf)) {
      itemBucket[i] = -1;
      notOpen++;
      continue;
    }
    let masterTerms: number | undefined;
    if (it.netDueDate === null && it.termDays === null && options.customerTermDays) {
      if (termCache.has(it.customer)) masterTerms = termCache.get(it.customer);
      else {
        masterTerms = options.customerTermDays(it.customer);
        termCache.set(it.customer, masterTerms);
      }
    }
    const due = dueDate(it, masterTerms) ?? asOf;
    const from = basis === "document" ? (it.documentDate ?? it.postingDate ?? due) : due;
    const days = asOf - from;
    const b = days <= 0 ? 0 : days > last ? nb - 1 : lut[days];
    itemBucket[i] = b;
    itemDays[i] = days;
    itemDue[i] = due;

    let byCurrency = groups.get(it.customer);
    if (byCurrency === undefined) {
      byCurrency = new Map();
      groups.set(it.customer, byCurrency);
    }
    let acc = byCurrency.get(it.currency);
    if (acc === undefined) {
      acc = {
        row: {
          customer: it.customer,
          name: it.customerName,
          currency: it.currency,
          buckets: new Array<number>(nb).fill(0),
          total: 0,
          overdue: 0,
          unappliedCredits: 0,
          maxDaysPastDue: 0,
          items: 0,
        },
      };
      byCurrency.set(it.currency, acc);
    }
    const r = acc.row;
    const amount = it.amount;
    magnitude += amount < 0 ? -amount : amount;
    r.buckets[b] += amount;
    r.total += amount;
    r.items++;
    if (amount < 0) r.unappliedCredits += amount;
    else if (amount > 0 && days > r.maxDaysPastDue) r.maxDaysPastDue = days;
    if (r.name === "" && it.customerName !== "") r.name = it.customerName;
  }
  // Every partial sum is exact while the sum of magnitudes stays an exact integer. Past it
  // (some 90 trillion pesos, beyond any real ledger) a total could be off by a centavo: say
  // so rather than print it.
  if (magnitude > Number.MAX_SAFE_INTEGER) throw new InputError({ code: "amount.totalTooLarge", params: { max: unitsText(Number.MAX_SAFE_INTEGER) } });

  const customers: CustomerAging[] = [];
  for (const byCurrency of groups.values()) for (const acc of byCurrency.values()) customers.push(acc.row);
  customers.sort((a, b) => (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));

  const totalsByCurrency = new Map<string, AgingTotals>();
  for (const c of customers) {
    c.overdue = c.total - c.buckets[0];
    if (c.name === "" && options.customerName) c.name = options.customerName(c.customer) ?? "";
    let t = totalsByCurrency.get(c.currency);
    if (!t) {
      t = { buckets: new Array<number>(nb).fill(0), total: 0, overdue: 0, unappliedCredits: 0, items: 0, customers: 0 };
      totalsByCurrency.set(c.currency, t);
    }
    for (let k = 0; k < nb; k++) t.buckets[k] += c.buckets[k];
    t.total += c.total;
    t.overdue += c.overdue;
    t.unappliedCredits += c.unappliedCredits;
    t.items += c.items;
    t.customers++;
  }
  return {
    asOf,
    basis,
    edges,
    labels: bucketLabels(edges),
    customers,
    totalsByCurrency: new Map([...totalsByCurrency.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
    itemBucket,
    itemDays,
    itemDue,
    notOpenAtKeyDate: notOpen,
  };
}
