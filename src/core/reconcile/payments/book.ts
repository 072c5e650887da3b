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

/** All digits (SAP document numbers, numeric references)? */
function allDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
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
  return Number(s.slice(i, end));
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

/** Finds the items whose document number or reference is among the numbers and codes given. */
export function findKeys(items: readonly LedgerItem[], numbers: ReadonlySet<number>, codes: ReadonlySet<string>): KeyHits {
  const hits: KeyHits = { strongNumber: new Map(), strongCode: new Map(), weakNumber: new Map() };
  if (numbers.size === 0 && codes.size === 0) return hits;
  // The numbers the codes end with: a code is only built for an item whose number is one of them.
  const tails = new Set<number>();
  for (const c of codes) {
    const t = tailNumber(c);
    if (t === t) tails.add(t);
  }
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const doc = it.documentNumber;
    if (allDigits(doc)) {
      const n = doc.length <= 15 ? Number(doc) : NaN;
      if (numbers.has(n)) push(hits.strongNumber, n, i);
    } else if (codes.size > 0) {
      const t = tailNumber(doc);
      if (t === t && tails.has(t)) {
        const c = canonicalCode(doc);
        if (codes.has(c)) push(hits.strongCode, c, i);
      }
    }
    const ref = it.reference;
    if (ref === "" || ref === doc) continue;
    if (allDigits(ref)) {
      const n = ref.length <= 15 ? Number(ref) : NaN;
      if (numbers.has(n)) push(hits.strongNumber, n, i);
      continue;
    }
    const t = tailNumber(ref);
    if (t !== t) continue;
    if (numbers.has(t)) push(hits.weakNumber, t, i);
    if (tails.has(t)) {
      const c = canonicalCode(ref);
      if (codes.has(c)) push(hits.strongCode, c, i);
    }
  }
  return hits;
}

export class OpenBook {
  /** What is still open of each item (centavos), as deposits are applied. */
  readonly remaining: Float64Array;
  /** bankLine that last took something from the item; 0 when none. */
  readonly takenBy: Int32Array;
  /** Customer id of each item. */
  readonly customerOf: Int32Array;
  /** Ledger code of each customer id, as the ledger writes it. */
  readonly customerCodes: string[] = [];
  readonly customerNames: string[] = [];
  private readonly idByKey = new Map<string, number>();
  /** Per customer, its open debit items (CSR): `list[start[c] .. start[c+1])`, sorted oldest first when asked. */
  private readonly start: Int32Array;
  private readonly list: Int32Array;
  private readonly sorted: Uint8Array;

  constructor(readonly items: readonly LedgerItem[]) {
    const n = items.length;
    this.remaining = new Float64Array(n);
    this.takenBy = new Int32Array(n);
    this.customerOf = new Int32Array(n);
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
      this.remaining[i] = it.amount > 0 ? it.amount : 0;
    }
    const m = this.customerCodes.length;
    this.start = new Int32Array(m + 1);
    for (let i = 0; i < n; i++) if (items[i].amount > 0) this.start[this.customerOf[i] + 1]++;
    for (let c = 0; c < m; c++) this.start[c + 1] += this.start[c];
    this.list = new Int32Array(this.start[m]);
    const fill = this.start.slice(0, m);
    for (let i = 0; i < n; i++) if (items[i].amount > 0) this.list[fill[this.customerOf[i]]++] = i;
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
      const sorted = Array.from(view).sort((x, y) => itemDay(items[x]) - itemDay(items[y]) || items[x].row - items[y].row);
      view.set(sorted);
      this.sorted[customer] = 1;
    }
    return view;
  }
}
