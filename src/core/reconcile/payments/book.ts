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

/**
 * A set of whole numbers up to 2^53 in a typed array (open addressing). SAP document numbers
 * are past 2^31, where a JS Set boxes every number it is asked about: over a million items
 * that is a million allocations per question.
 */
export class NumberSet {
  private readonly table: Float64Array;
  private readonly size: number;
  readonly count: number;
  constructor(values: Iterable<number>) {
    const list = [...values].filter((v) => v >= 0 && Number.isInteger(v));
    let size = 1021;
    while (size < list.length * 2 + 1) size = size * 2 + 1;
    this.size = size;
    this.table = new Float64Array(size).fill(-1);
    let count = 0;
    for (const v of list) {
      let h = v % size;
      while (this.table[h] !== -1 && this.table[h] !== v) h = h + 1 === size ? 0 : h + 1;
      if (this.table[h] === -1) count++;
      this.table[h] = v;
    }
    this.count = count;
  }
  has(v: number): boolean {
    if (!(v >= 0)) return false;
    const size = this.size;
    let h = v % size;
    for (;;) {
      const t = this.table[h];
      if (t === v) return true;
      if (t === -1) return false;
      h = h + 1 === size ? 0 : h + 1;
    }
  }
}

/** What the statement asks the ledger: its numbers, its codes and its deposit amounts. */
export interface StatementKeys {
  numbers: NumberSet;
  codes: ReadonlySet<string>;
  amounts: NumberSet;
}

/** Looks one item's document number and reference up among the statement's numbers and codes. */
export class KeyFinder {
  readonly hits: KeyHits = { strongNumber: new Map(), strongCode: new Map(), weakNumber: new Map() };
  /** The numbers the codes end with: a code is only built for an item whose number is one of them. */
  private readonly tails: NumberSet;
  constructor(private readonly keys: StatementKeys) {
    const tails: number[] = [];
    for (const c of keys.codes) {
      const t = tailNumber(c);
      if (t === t) tails.push(t);
    }
    this.tails = new NumberSet(tails);
  }
  note(i: number, it: LedgerItem): void {
    const { numbers, codes } = this.keys;
    const hits = this.hits;
    const doc = it.documentNumber;
    const dn = digitsValue(doc);
    if (dn >= 0) {
      if (numbers.has(dn)) push(hits.strongNumber, dn, i);
    } else if (this.tails.count > 0) {
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
  if (keys.numbers.count > 0 || keys.codes.size > 0) for (let i = 0; i < items.length; i++) finder.note(i, items[i]);
  return finder.hits;
}

/**
 * The open items, added one by one as the ledger is read (while each item is fresh in memory)
 * or all at once, then closed with `finish()` before matching.
 */
export class OpenBook {
  readonly items: LedgerItem[] = [];
  /** What is still open of each item (centavos), as deposits are applied. */
  remaining = new Float64Array(0);
  /** bankLine that last took something from the item; 0 when none. */
  takenBy = new Int32Array(0);
  /** Customer id of each item. */
  customerOf = new Int32Array(1 << 12);
  /** `itemDay` of each item. */
  dayOf = new Int32Array(1 << 12);
  /** Each item's amount (centavos), to scan without touching the item objects. */
  amountOf = new Float64Array(1 << 12);
  /** Each item's currency, as an index into `currencies`. */
  currencyOf = new Uint16Array(1 << 12);
  readonly currencies: string[] = [];
  /** Ledger code of each customer id, as the ledger writes it. */
  readonly customerCodes: string[] = [];
  readonly customerNames: string[] = [];
  /** The open items the statement's numbers and codes point at. */
  readonly hits: KeyHits;
  /** Open debit items by amount, for the statement's deposit amounts only. */
  readonly byAmount = new Map<number, number[]>();
  private readonly idByKey = new Map<string, number>();
  private readonly byRaw = new Map<string, number>();
  private readonly byCurrency = new Map<string, number>();
  private readonly finder: KeyFinder;
  private readonly look: boolean;
  private readonly amounts: NumberSet;
  private lastCustomer = "";
  private lastCustomerId = -1;
  private lastCurrency = "";
  private lastCurrencyId = -1;
  /** Per customer, its open debit items (CSR): `list[start[c] .. start[c+1])`, sorted oldest first when asked. */
  private start = new Int32Array(1);
  private list = new Int32Array(0);
  private sorted = new Uint8Array(0);

  constructor(keys: StatementKeys = { numbers: new NumberSet([]), codes: new Set(), amounts: new NumberSet([]) }, items?: readonly LedgerItem[]) {
    this.finder = new KeyFinder(keys);
    this.hits = this.finder.hits;
    this.look = keys.numbers.count > 0 || keys.codes.size > 0;
    this.amounts = keys.amounts;
    if (items) {
      for (const it of items) this.add(it);
      this.finish();
    }
  }

  get size(): number {
    return this.items.length;
  }

  add(it: LedgerItem): void {
    const i = this.items.length;
    if (i === this.dayOf.length) this.grow();
    this.items.push(it);
    let id = it.customer === this.lastCustomer ? this.lastCustomerId : this.byRaw.get(it.customer);
    if (id === undefined) {
      const key = customerKey(it.customer);
      id = this.idByKey.get(key);
      if (id === undefined) {
        id = this.customerCodes.length;
        this.idByKey.set(key, id);
        this.customerCodes.push(it.customer);
        this.customerNames.push(it.customerName);
      }
      this.byRaw.set(it.customer, id);
    }
    this.lastCustomer = it.customer;
    this.lastCustomerId = id;
    if (this.customerNames[id] === "" && it.customerName !== "") this.customerNames[id] = it.customerName;
    this.customerOf[i] = id;
    this.dayOf[i] = itemDay(it);
    let cur = it.currency === this.lastCurrency ? this.lastCurrencyId : this.byCurrency.get(it.currency);
    if (cur === undefined) {
      cur = this.currencies.length;
      this.byCurrency.set(it.currency, cur);
      this.currencies.push(it.currency);
    }
    this.lastCurrency = it.currency;
    this.lastCurrencyId = cur;
    this.currencyOf[i] = cur;
    const a = it.amount;
    this.amountOf[i] = a;
    if (this.look) this.finder.note(i, it);
    if (a > 0 && this.amounts.has(a)) {
      const l = this.byAmount.get(a);
      if (l) l.push(i);
      else this.byAmount.set(a, [i]);
    }
  }

  private grow(): void {
    const n = this.dayOf.length * 2;
    const grow = <T extends Int32Array | Float64Array | Uint16Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.customerOf = grow(this.customerOf, (k) => new Int32Array(k));
    this.dayOf = grow(this.dayOf, (k) => new Int32Array(k));
    this.amountOf = grow(this.amountOf, (k) => new Float64Array(k));
    this.currencyOf = grow(this.currencyOf, (k) => new Uint16Array(k));
  }

  /** After the last item: what is open of each, and each customer's open invoices. */
  finish(): void {
    const n = this.items.length;
    this.customerOf = this.customerOf.subarray(0, n);
    this.dayOf = this.dayOf.subarray(0, n);
    this.amountOf = this.amountOf.subarray(0, n);
    this.currencyOf = this.currencyOf.subarray(0, n);
    this.remaining = new Float64Array(n);
    this.takenBy = new Int32Array(n);
    const amount = this.amountOf;
    for (let i = 0; i < n; i++) this.remaining[i] = amount[i] > 0 ? amount[i] : 0;
    const m = this.customerCodes.length;
    const of = this.customerOf;
    this.start = new Int32Array(m + 1);
    for (let i = 0; i < n; i++) if (amount[i] > 0) this.start[of[i] + 1]++;
    for (let c = 0; c < m; c++) this.start[c + 1] += this.start[c];
    this.list = new Int32Array(this.start[m]);
    const fill = this.start.slice(0, m);
    for (let i = 0; i < n; i++) if (amount[i] > 0) this.list[fill[of[i]]++] = i;
    this.sorted = new Uint8Array(m);
  }

  /** The index of a currency in `currencies`, or −1 when no item has it. */
  currencyId(currency: string): number {
    return this.currencies.indexOf(currency);
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
      // Ledger exports usually list a customer's items by date already: then there is nothing to sort.
      let inOrder = true;
      for (let k = 1; k < view.length && inOrder; k++) inOrder = day[view[k - 1]] <= day[view[k]];
      if (!inOrder) view.set(Array.from(view).sort((x, y) => day[x] - day[y] || items[x].row - items[y].row));
      this.sorted[customer] = 1;
    }
    return view;
  }
}
