/**
 * The open items as the matcher needs them: each customer's open invoices oldest first, what
 * is still open of each as deposits are applied, and the few items the statement's numbers
 * and amounts point at. Built for a million items: typed arrays, one pass, and the join runs
 * from the statement's (few) numbers to the ledger, never the other way round.
 */
import { customerKey } from "../../tables/customers";
import type { LedgerItem } from "../../tables/ledger";
import { canonicalCode } from "./text";

/** The civil day an item counts its age from: document date, else posting, baseline or due date. */
export function itemDay(it: LedgerItem): number {
  return it.documentDate ?? it.postingDate ?? it.baselineDate ?? it.netDueDate ?? 0;
}

/** The value of an all-digit string (SAP document numbers, numeric references), or -1. */
function digitsValue(s: string): number {
  const n = s.length;
  if (n === 0 || n > 15) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

/** The number a code ends with (`A-0023456` → 23456), or NaN. */
export function tailNumber(s: string): number {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 32) end--;
  let i = end;
  while (i > 0) {
    const c = s.charCodeAt(i - 1);
    if (c < 48 || c > 57) break;
    i--;
  }
  if (i === end || end - i > 15) return NaN;
  let v = 0;
  for (let k = i; k < end; k++) v = v * 10 + (s.charCodeAt(k) - 48);
  return v;
}

export interface KeyHits {
  /** Document numbers and all-digit references, by their number. */
  strongNumber: Map<number, number[]>;
  /** References with a series (`A23456`), canonical. */
  strongCode: Map<string, number[]>;
  /** A series' number alone (`23456` for `A-23456`): the series was left out. */
  weakNumber: Map<number, number[]>;
}

function push<K>(map: Map<K, number[]>, k: K, i: number): void {
  const l = map.get(k);
  if (l) {
    if (l[l.length - 1] !== i) l.push(i);
  } else map.set(k, [i]);
}

/** What the statement asks the ledger: its numbers, its codes and its deposit amounts. */
export interface StatementKeys {
  numbers: ReadonlySet<number>;
  codes: ReadonlySet<string>;
  amounts: ReadonlySet<number>;
}

/** Looks one item's document number and reference up among the statement's numbers and codes. */
class KeyFinder {
  readonly hits: KeyHits = { strongNumber: new Map(), strongCode: new Map(), weakNumber: new Map() };
  /** The numbers the codes end with: a code is only built for an item whose number is one of them. */
  private readonly tails = new Set<number>();
  constructor(private readonly keys: StatementKeys) {
    for (const c of keys.codes) {
      const t = tailNumber(c);
      if (t === t) this.tails.add(t);
    }
  }
  note(i: number, it: LedgerItem): void {
    const { numbers, codes } = this.keys;
    const hits = this.hits;
    const doc = it.documentNumber;
    const dn = digitsValue(doc);
    if (dn >= 0) {
      if (numbers.has(dn)) push(hits.strongNumber, dn, i);
    } else if (this.tails.size > 0) {
      const t = tailNumber(doc);
      if (t === t && this.tails.has(t)) {
        const c = canonicalCode(doc);
        if (codes.has(c)) push(hits.strongCode, c, i);
      }
    }
    const ref = it.reference;
    if (ref === "" || ref === doc) return;
    const rn = digitsValue(ref);
    if (rn >= 0) {
      if (numbers.has(rn)) push(hits.strongNumber, rn, i);
      return;
    }
    const t = tailNumber(ref);
    if (t !== t) return;
    if (numbers.has(t)) push(hits.weakNumber, t, i);
    if (this.tails.has(t)) {
      const c = canonicalCode(ref);
      if (codes.has(c)) push(hits.strongCode, c, i);
    }
  }
}

/** Finds the items whose document number or reference is among the statement's numbers and codes. */
export function findKeys(items: readonly LedgerItem[], keys: StatementKeys): KeyHits {
  const finder = new KeyFinder(keys);
  if (keys.numbers.size > 0 || keys.codes.size > 0) for (let i = 0; i < items.length; i++) finder.note(i, items[i]);
  return finder.hits;
}

export class OpenBook {
  /** What is still open of each item (centavos), as deposits are applied. */
  readonly remaining: Float64Array;
  /** bankLine that last took something from the item; 0 when none. */
  readonly takenBy: Int32Array;
  /** Customer id of each item. */
  readonly customerOf: Int32Array;
  /** `itemDay` of each item. */
  readonly dayOf: Int32Array;
  /** Each item's amount (centavos), to scan without touching the item objects. */
  readonly amountOf: Float64Array;
  /** Ledger code of each customer id, as the ledger writes it. */
  readonly customerCodes: string[] = [];
  readonly customerNames: string[] = [];
  private readonly idByKey = new Map<string, number>();
  /** Per customer, its open debit items (CSR): `list[start[c] .. start[c+1])`, sorted oldest first when asked. */
  private readonly start: Int32Array;
  private readonly list: Int32Array;
  private readonly sorted: Uint8Array;

  /** The open items the statement's numbers and codes point at. */
  readonly hits: KeyHits;
  /** Open debit items by amount, for the statement's deposit amounts only. */
  readonly byAmount = new Map<number, number[]>();

  /** One pass over the items: customers, days, amounts, and what the statement looks for. */
  constructor(readonly items: readonly LedgerItem[], keys: StatementKeys = { numbers: new Set(), codes: new Set(), amounts: new Set() }) {
    const n = items.length;
    const finder = new KeyFinder(keys);
    const look = keys.numbers.size > 0 || keys.codes.size > 0;
    const amounts = keys.amounts;
    this.remaining = new Float64Array(n);
    this.takenBy = new Int32Array(n);
    this.customerOf = new Int32Array(n);
    this.dayOf = new Int32Array(n);
    this.amountOf = new Float64Array(n);
    const byRaw = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const it = items[i];
      let id = byRaw.get(it.customer);
      if (id === undefined) {
        const key = customerKey(it.customer);
        id = this.idByKey.get(key);
        if (id === undefined) {
          id = this.customerCodes.length;
          this.idByKey.set(key, id);
          this.customerCodes.push(it.customer);
          this.customerNames.push(it.customerName);
        }
        byRaw.set(it.customer, id);
      }
      if (this.customerNames[id] === "" && it.customerName !== "") this.customerNames[id] = it.customerName;
      this.customerOf[i] = id;
      this.dayOf[i] = itemDay(it);
      const a = it.amount;
      this.amountOf[i] = a;
      this.remaining[i] = a > 0 ? a : 0;
      if (look) finder.note(i, it);
      if (a > 0 && amounts.has(a)) {
        const l = this.byAmount.get(a);
        if (l) l.push(i);
        else this.byAmount.set(a, [i]);
      }
    }
    this.hits = finder.hits;
    const m = this.customerCodes.length;
    this.start = new Int32Array(m + 1);
    const amount = this.amountOf;
    const of = this.customerOf;
    for (let i = 0; i < n; i++) if (amount[i] > 0) this.start[of[i] + 1]++;
    for (let c = 0; c < m; c++) this.start[c + 1] += this.start[c];
    this.list = new Int32Array(this.start[m]);
    const fill = this.start.slice(0, m);
    for (let i = 0; i < n; i++) if (amount[i] > 0) this.list[fill[of[i]]++] = i;
    this.sorted = new Uint8Array(m);
  }

  get customers(): number {
    return this.customerCodes.length;
  }

  /** Customer id for a code from anywhere (master, ledger): SAP's leading zeros do not matter. */
  customerId(code: string): number {
    return this.idByKey.get(customerKey(code)) ?? -1;
  }

  /** The customer's open debit items, oldest first (by document date, then source row). */
  invoicesOf(customer: number): Int32Array {
    const a = this.start[customer];
    const b = this.start[customer + 1];
    const view = this.list.subarray(a, b);
    if (!this.sorted[customer]) {
      const items = this.items;
      const day = this.dayOf;
      const sorted = Array.from(view).sort((x, y) => day[x] - day[y] || items[x].row - items[y].row);
      view.set(sorted);
      this.sorted[customer] = 1;
    }
    return view;
  }
}
