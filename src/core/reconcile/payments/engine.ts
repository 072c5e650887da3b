/**
 * Cash application: which customer and which open invoices each deposit of a bank statement
 * pays. Four rules, in this order, each match labelled with its rule and its evidence:
 *
 * 1. reference — invoice numbers or SAP references found in the description (with or without
 *    series and leading zeros, several in one line; one keystroke off when the amount is that
 *    invoice's exactly);
 * 2. payer — the payer identified (bank reference, RFC, account/CLABE, name) and the amount
 *    equal to one of its open invoices or a combination of them (oldest first, bounded search);
 * 3. tolerance — the same within the policy's tolerances (rounding, a bank fee, a withholding),
 *    with the difference and the account it goes to;
 * 4. uniqueAmount — nothing identifies the payer, and exactly one open invoice of any customer
 *    has the deposit's amount.
 *
 * A match is unambiguous or it is not made: where two answers fit equally, both are proposed
 * as suggestions and the line stays unmatched, with the reason. Rules run as passes over the
 * whole statement, strongest first, so a weaker rule never takes an invoice a later line names.
 */
import { formatDayFirst, formatIsoDate, type CivilDay } from "../../dates";
import { chequeIndemnity } from "../../collections/interest";
import { message, type MessageCode, type Problem } from "../../messages";
import { formatMoney, type Centavos } from "../../money";
import { fractionToNumber, scaleCentavos } from "../../rates";
import type { BankLine } from "../../tables/bankStatement";
import { customerKey, type Customer } from "../../tables/customers";
import type { LedgerItem } from "../../tables/ledger";
import { itemDay, KeyFinder, NumberSet, OpenBook, tailNumber, type KeyHits } from "./book";
import { PayerIndex, type PayerFinding, type SharedIdentifier } from "./payers";
import type { PaymentsPolicy, WithholdingRule } from "./policy";
import { findSubsets } from "./subsetSum";
import { canonicalCode, numberKey, oneEditApart, readLineText, saysAny, type LineText } from "./text";

/** The four automatic rules; "analyst" is a deposit the analyst assigned in review (review.ts). */
export type PaymentRule = "reference" | "payer" | "tolerance" | "uniqueAmount" | "analyst";
export const PAYMENT_RULES: readonly PaymentRule[] = ["reference", "payer", "tolerance", "uniqueAmount"];

export interface PaymentsInput {
  lines: readonly BankLine[];
  /** Source row of the statement's header: a line's `bankLine` is its row minus this. */
  headerRow: number;
  /** Items open at the key date (debits and credits). */
  open: readonly LedgerItem[];
  /** Invoices already cleared at the key date, for the double-payment review. */
  cleared?: readonly LedgerItem[];
  customers?: readonly Customer[];
  policy: PaymentsPolicy;
}

export interface AppliedDocument {
  item: LedgerItem;
  /** Open before this deposit. */
  open: Centavos;
  applied: Centavos;
  /** Still open after it (a partial payment). */
  residual: Centavos;
}

export type AdjustmentKind = "rounding" | "bankFee" | "withholding";

/** A difference booked to an account instead of left open: open total − deposit. */
export interface Adjustment {
  kind: AdjustmentKind;
  /** The withholding's name, for that kind. */
  name: string;
  account: string;
  amount: Centavos;
}

export interface PaymentMatch {
  line: BankLine;
  bankLine: number;
  rule: PaymentRule;
  customer: string;
  customerName: string;
  currency: string;
  amount: Centavos;
  applied: AppliedDocument[];
  /** What the documents had open before the deposit. */
  openTotal: Centavos;
  /** Deposit − open total: negative when short (a fee, a withholding, a partial payment), positive when over. */
  difference: Centavos;
  adjustment?: Adjustment;
  /** Left over for the customer's account (unapplied cash). */
  leftover: Centavos;
  evidence: Problem[];
  /** bankLine of a returned cheque or reversal that took this deposit back. */
  reversedBy?: number;
  /** Set by the analyst's review (review.ts): a proposal accepted, or a deposit assigned by hand. */
  reviewed?: "accepted" | "assigned";
}

export interface Suggestion {
  customer: string;
  customerName: string;
  documents: LedgerItem[];
  openTotal: Centavos;
  difference: Centavos;
  rule: PaymentRule;
  evidence: Problem[];
}

export interface PaymentUnmatched {
  line: BankLine;
  bankLine: number;
  amount: Centavos;
  currency: string;
  reason: Problem;
  /** The customer, when the payer was identified but nothing could be applied. */
  customer?: string;
  customerName?: string;
  suggestions: Suggestion[];
}

export interface DuplicateDeposits {
  bankLines: number[];
  date: CivilDay | null;
  amount: Centavos;
  reference: string;
}

export interface DoublePayment {
  bankLine: number;
  kind: "alreadyCleared" | "paidEarlier";
  document: string;
  customer: string;
  amount: Centavos;
  clearingDate?: CivilDay | null;
  earlierBankLine?: number;
}

export interface ChargeReversal {
  bankLine: number;
  date: CivilDay | null;
  amount: Centavos;
  description: string;
  /** The deposit it takes back; null when none or several fit (then `candidates`). */
  reverses: number | null;
  candidates: number[];
  customer: string;
  customerName: string;
}

export interface ReturnedCheque extends ChargeReversal {
  /** 20 % of the cheque (LGTOC art. 193): what the drawer owes as damages. */
  indemnity: Centavos;
}

export interface BankFee {
  bankLine: number;
  date: CivilDay | null;
  amount: Centavos;
  description: string;
}

export interface UnappliedCash {
  customer: string;
  customerName: string;
  currency: string;
  /** Left over after applying deposits to invoices. */
  leftover: Centavos;
  /** Whole deposits of this customer that could not be applied. */
  unapplied: Centavos;
  total: Centavos;
  bankLines: number[];
}

export interface PaymentsStats {
  lines: number;
  deposits: number;
  matched: number;
  unmatched: number;
  /** Matched by the automatic rules ÷ deposits (0 without deposits). */
  autoMatchRate: number;
  byRule: Record<PaymentRule, number>;
  amountByRule: Record<PaymentRule, Centavos>;
  depositAmount: Centavos;
  matchedAmount: Centavos;
  unmatchedAmount: Centavos;
  charges: number;
  chargeAmount: Centavos;
  zeroLines: number;
}

export interface PaymentsResult {
  matches: PaymentMatch[];
  unmatched: PaymentUnmatched[];
  duplicates: DuplicateDeposits[];
  doublePayments: DoublePayment[];
  returnedCheques: ReturnedCheque[];
  reversals: ChargeReversal[];
  fees: BankFee[];
  unapplied: UnappliedCash[];
  /** Bank references, RFCs and accounts the master gives to several customers. */
  sharedIdentifiers: (Omit<SharedIdentifier, "customers"> & { customers: string[] })[];
  stats: PaymentsStats;
  /** Statement currency when its lines carry none. */
  currency: string;
  /** After the analyst's review (review.ts): how many proposals were accepted, rejected, assigned or left pending. */
  review?: ReviewCounts;
}

export interface ReviewCounts {
  accepted: number;
  rejected: number;
  assigned: number;
  /** Proposals nobody decided: not posted. */
  pending: number;
}

// ---- evidence ---------------------------------------------------------------------------

function money(c: Centavos, currency: string): string {
  return formatMoney(c, currency);
}

/** How a payer was identified, in each language, as a message parameter. */
function howParams(how: PayerFinding["how"]): Record<string, string> {
  const code = `payments.how.${how}` as const;
  return { "how.es": message("es", code), "how.en": message("en", code) };
}

function dateParams(key: string, day: CivilDay | null | undefined): Record<string, string> {
  if (day === null || day === undefined) return { [`${key}.es`]: "—", [`${key}.en`]: "—" };
  return { [`${key}.es`]: formatDayFirst(day), [`${key}.en`]: formatIsoDate(day) };
}

/** `9000012345 (A-23456)`: how an analyst finds an item in SAP. */
export function docLabel(it: LedgerItem): string {
  return it.reference && it.reference !== it.documentNumber ? `${it.documentNumber} (${it.reference})` : it.documentNumber;
}

/** Where a difference goes, as evidence: `diferencia $12.30 (comisión bancaria) a Comisiones bancarias`. */
export function adjustmentEvidence(a: Adjustment, currency: string): Problem {
  return { code: `payments.ev.${a.kind}` as MessageCode, params: { amount: money(a.amount, currency), account: a.account, name: a.name } };
}

function docList(items: readonly LedgerItem[]): string {
  const shown = items.slice(0, 6).map(docLabel).join(", ");
  return items.length > 6 ? `${shown} (+${items.length - 6})` : shown;
}

// ---- the deposit being decided ------------------------------------------------------------

interface Fit {
  customer: number;
  docs: number[];
  openTotal: Centavos;
  /** 0 exact · 1 named plus found by amount · 2 within tolerance · 3 over (leftover) · 4 partial. */
  rank: number;
  adjustment?: Adjustment;
  partial: boolean;
  leftover: Centavos;
  rule: PaymentRule;
  evidence: Problem[];
}

interface Deposit {
  line: BankLine;
  bankLine: number;
  amount: Centavos;
  currency: string;
  date: CivilDay | null;
  text: LineText;
  /** Invoice-like numbers in the line, as number keys with what was written. */
  numbers: { n: number; shown: string }[];
  codes: string[];
  payer: PayerFinding | null;
  /** Book customer ids of the payer (−1 for a master customer without open items). */
  payerIds: number[];
  /** The deposit's currency in the book (−1: no open item has it). */
  currencyId: number;
  state: "open" | "matched" | "held";
  /** References resolved to open items: nothing else identifies better. */
  referenced: boolean;
  reasons: Problem[];
  suggestions: Fit[];
  match?: PaymentMatch;
}

const RANK_EXACT = 0;
const RANK_NAMED_PLUS = 1;
const RANK_TOLERANCE = 2;
const RANK_OVER = 3;
const RANK_PARTIAL = 4;

/** Applies a statement to open items held in memory. */
export function applyPayments(input: PaymentsInput): PaymentsResult {
  const m = new PaymentsMatcher(input);
  for (const it of input.open) m.addOpen(it);
  for (const it of input.cleared ?? []) m.addCleared(it);
  return m.run();
}

export interface PaymentsStatement {
  lines: readonly BankLine[];
  headerRow: number;
  customers?: readonly Customer[];
  policy: PaymentsPolicy;
}

/**
 * The matcher in three steps, for a ledger read as a stream: the statement first (what its
 * lines say, what they look for), then each open or cleared item as it is read — indexed
 * while it is fresh in memory, a million of them in one pass — then `run()`.
 */
export class PaymentsMatcher {
  private readonly policy: PaymentsPolicy;
  private readonly lines: readonly BankLine[];
  private readonly headerRow: number;
  private readonly book: OpenBook;
  private readonly payers: PayerIndex;
  /** Master customer index → book customer id. */
  private masterToBook: Int32Array = new Int32Array(0);
  private readonly master: Customer[];
  /** Book customer id → master customer (names). */
  private readonly bookToMaster = new Map<number, Customer>();
  private readonly deposits: Deposit[] = [];
  private readonly hits: KeyHits;
  private readonly clearedFinder: KeyFinder;
  private readonly clearedHits: KeyHits;
  private readonly cleared: LedgerItem[] = [];
  private readonly byAmount: Map<number, number[]>;
  private readonly duplicates: DuplicateDeposits[] = [];
  private readonly doublePayments: DoublePayment[] = [];
  /** rate ÷ (1 + VAT) of each withholding, as a float, to skip exact arithmetic far from it. */
  private readonly withholdingShare: number[];
  private ran = false;

  constructor(input: PaymentsStatement) {
    const p = (this.policy = input.policy);
    this.lines = input.lines;
    this.headerRow = input.headerRow;
    this.withholdingShare = p.tolerance.withholdings.map((w) => fractionToNumber(w.rate) / (1 + fractionToNumber(w.vat)));
    const seen = new Set<string>();
    this.master = (input.customers ?? []).filter((c) => {
      const k = customerKey(c.code);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    this.payers = new PayerIndex(this.master);
    // The smallest number with `minDigits` digits (no leading zeros).
    const minNumber = 10 ** (p.reference.minDigits - 1);
    for (const line of this.lines) {
      if (line.kind !== "deposit") continue;
      const text = readLineText([line.description, line.detail, line.reference, line.payer]);
      const numbers: { n: number; shown: string }[] = [];
      for (const d of text.digits) {
        const n = numberKey(d);
        if (n === n && n >= minNumber && !numbers.some((x) => x.n === n)) numbers.push({ n, shown: d });
      }
      const payer = this.payers.size ? this.payers.identify(text, line, p.payer) : null;
      this.deposits.push({
        line,
        bankLine: line.row - this.headerRow,
        amount: line.deposit,
        currency: line.currency ?? p.currency,
        date: line.date,
        text,
        numbers,
        codes: [...new Set(text.codes)],
        payer,
        payerIds: [],
        currencyId: -1,
        state: "open",
        referenced: false,
        reasons: [],
        suggestions: [],
      });
    }
    // Deposits are decided in the order they happened: by date, and within a day in the order
    // the bank lists them (a statement listed newest first is read from its end).
    const dated = this.deposits.filter((d) => d.date !== null);
    const newestFirst = dated.length > 1 && dated[0].date! > dated[dated.length - 1].date!;
    this.deposits.sort((a, b) => (a.date ?? Infinity) - (b.date ?? Infinity) || (newestFirst ? b.bankLine - a.bankLine : a.bankLine - b.bankLine));
    // What the statement looks for in the ledger: its numbers, codes and amounts.
    const numbers: number[] = [];
    const codes = new Set<string>();
    const amounts: number[] = [];
    for (const d of this.deposits) {
      for (const x of d.numbers) numbers.push(x.n);
      for (const c of d.codes) codes.add(c);
      amounts.push(d.amount);
    }
    const keys = { numbers: new NumberSet(numbers), codes, amounts: new NumberSet(amounts) };
    this.book = new OpenBook(keys);
    this.hits = this.book.hits;
    this.byAmount = this.book.byAmount;
    this.clearedFinder = new KeyFinder(keys);
    this.clearedHits = this.clearedFinder.hits;
  }

  /** An item open at the key date (debit or credit). */
  addOpen(item: LedgerItem): void {
    this.book.add(item);
  }

  /** An invoice already cleared at the key date (the double-payment review looks it up). */
  addCleared(item: LedgerItem): void {
    this.clearedFinder.note(this.cleared.length, item);
    this.cleared.push(item);
  }

  get openItems(): number {
    return this.book.size;
  }

  get clearedItems(): number {
    return this.cleared.length;
  }

  /** After `run()`: a customer's open invoices, oldest first: what the analyst may assign a deposit to in review. */
  openInvoices(customer: string): LedgerItem[] {
    const id = this.book.customerId(customer);
    return id < 0 ? [] : Array.from(this.book.invoicesOf(id), (i) => this.book.items[i]);
  }

  /** After `run()`: the customers with open items (ledger code, name from the master or the ledger). */
  customerList(): { code: string; name: string }[] {
    return this.book.customerCodes.map((code, id) => ({ code, name: this.customerName(id) }));
  }

  run(): PaymentsResult {
    if (this.ran) throw new Error("PaymentsMatcher.run() runs once");
    this.ran = true;
    const p = this.policy;
    this.book.finish();
    this.masterToBook = new Int32Array(this.master.length);
    this.master.forEach((c, i) => {
      const id = this.book.customerId(c.code);
      this.masterToBook[i] = id;
      if (id >= 0) this.bookToMaster.set(id, c);
    });
    for (const d of this.deposits) {
      d.payerIds = d.payer ? d.payer.customers.map((c) => this.masterToBook[c]) : [];
      d.currencyId = this.book.currencyId(d.currency);
    }
    this.holdDuplicates();
    if (p.rules.reference) for (const d of this.deposits) if (d.state === "open") this.referenceRule(d);
    if (p.rules.payer || p.rules.tolerance) for (const d of this.deposits) if (d.state === "open" && d.payer) this.payerRule(d);
    if (p.rules.uniqueAmount) for (const d of this.deposits) if (d.state === "open" && !d.payer && !d.referenced) this.uniqueAmountRule(d);
    const inLineOrder = [...this.deposits].sort((a, b) => a.bankLine - b.bankLine);
    const unmatched = inLineOrder.filter((d) => d.state !== "matched").map((d) => this.unmatchedOf(d));
    const matches = inLineOrder.filter((d) => d.match).map((d) => d.match!);
    const { returnedCheques, reversals, fees } = this.reviewCharges(matches);
    return {
      matches,
      unmatched,
      duplicates: this.duplicates,
      doublePayments: this.doublePayments,
      returnedCheques,
      reversals,
      fees,
      unapplied: unappliedCash(matches, unmatched),
      sharedIdentifiers: this.payers.shared.map((s) => ({ how: s.how, value: s.value, customers: s.customers.map((c) => this.payers.customers[c].code) })),
      stats: paymentStats(this.lines, this.deposits.reduce((a, d) => a + d.amount, 0), this.deposits.length, matches, unmatched),
      currency: p.currency,
    };
  }

  // ---- duplicates ---------------------------------------------------------------------

  /** Same date, amount and reference (the reference column, else the whole description): the later ones wait for review. */
  private holdDuplicates(): void {
    const groups = new Map<string, Deposit[]>();
    for (const d of this.deposits) {
      // The bank's own tracking number differs between two sendings of the same payment: it is left out.
      const track = /\/\s*(\d{6,})/.exec(d.line.description)?.[1];
      const ref = d.line.reference || (track ? d.text.spaced.replace(` ${track} `, " ") : d.text.spaced).trim();
      const k = `${d.date}|${d.amount}|${d.currency}|${ref}`;
      const g = groups.get(k);
      if (g) g.push(d);
      else groups.set(k, [d]);
    }
    for (const g of groups.values()) {
      if (g.length < 2) continue;
      this.duplicates.push({ bankLines: g.map((d) => d.bankLine), date: g[0].date, amount: g[0].amount, reference: g[0].line.reference || g[0].line.description });
      for (const d of g.slice(1)) {
        d.state = "held";
        d.reasons.push({ code: "payments.why.duplicate", params: { line: g[0].bankLine } });
      }
    }
  }

  // ---- helpers ------------------------------------------------------------------------

  private customerCode(id: number): string {
    return this.book.customerCodes[id];
  }

  private customerName(id: number): string {
    return this.bookToMaster.get(id)?.name || this.book.customerNames[id] || "";
  }

  /** Open, same currency, something left, and (unless the policy allows it) not dated after the deposit. */
  private usable(i: number, d: Deposit, anyDate = false): boolean {
    if (this.book.remaining[i] <= 0 || this.book.currencyOf[i] !== d.currencyId) return false;
    if (!anyDate && !this.policy.invoicesAfterDeposit && d.date !== null && this.book.dayOf[i] > d.date) return false;
    return true;
  }

  private sum(docs: readonly number[]): Centavos {
    let s = 0;
    for (const i of docs) s += this.book.remaining[i];
    return s;
  }

  private items(docs: readonly number[]): LedgerItem[] {
    return docs.map((i) => this.book.items[i]);
  }

  /** What a shortfall (open total − deposit, > 0) or small excess is, by the policy's tolerances. */
  private classify(openTotal: Centavos, deposit: Centavos, docs: number): Adjustment | null {
    return classifyDifference(this.policy.tolerance, openTotal, deposit, docs, this.withholdingShare);
  }

  private corroborates(d: Deposit, customer: number): boolean {
    return d.payerIds.includes(customer);
  }

  /** The payer is identified as one customer, by something stronger than a name, and it is not this one. */
  private conflicts(d: Deposit, customer: number): boolean {
    return d.payer !== null && d.payer.how !== "name" && d.payerIds.length === 1 && d.payerIds[0] !== customer;
  }

  private payerEvidence(d: Deposit, customer: number): Problem[] {
    if (!d.payer || !this.corroborates(d, customer)) return [];
    return [{ code: `payments.ev.payer.${d.payer.how}` as MessageCode, params: { value: d.payer.value, customer: this.customerCode(customer) } }];
  }

  // ---- rule 1: references -------------------------------------------------------------

  private referenceRule(d: Deposit): void {
    // Most lines name nothing the ledger knows: only the keystroke-off check is left for them.
    const h = this.hits;
    const c = this.clearedHits;
    const known = d.numbers.some((x) => h.strongNumber.has(x.n) || h.weakNumber.has(x.n) || c.strongNumber.has(x.n)) || d.codes.some((k) => h.strongCode.has(k) || c.strongCode.has(k));
    if (!known) {
      if (this.policy.reference.approximate && this.byAmount.has(d.amount)) this.approximateReference(d);
      return;
    }
    const strong = new Map<number, Problem>();
    const weak = new Map<number, Problem>();
    const cleared: number[] = [];
    const note = (map: Map<number, Problem>, list: number[] | undefined, ev: (i: number) => Problem) => {
      for (const i of list ?? []) if (!map.has(i)) map.set(i, ev(i));
    };
    const items = this.book.items;
    for (const x of d.numbers) {
      note(strong, this.hits.strongNumber.get(x.n), (i) => ({ code: "payments.ev.reference", params: { token: x.shown, document: docLabel(items[i]) } }));
      for (const i of this.clearedHits.strongNumber.get(x.n) ?? []) cleared.push(i);
    }
    for (const c of d.codes) {
      note(strong, this.hits.strongCode.get(c), (i) => ({ code: "payments.ev.reference", params: { token: c, document: docLabel(items[i]) } }));
      for (const i of this.clearedHits.strongCode.get(c) ?? []) if (!cleared.includes(i)) cleared.push(i);
    }
    for (const x of d.numbers) {
      for (const i of this.hits.weakNumber.get(x.n) ?? []) {
        if (!strong.has(i) && !weak.has(i)) weak.set(i, { code: "payments.ev.referenceSeries", params: { token: x.shown, document: docLabel(items[i]) } });
      }
    }
    const clearedItems = this.cleared;
    // A named invoice that is already cleared, or taken by an earlier line: a possible double payment.
    const doubles: DoublePayment[] = [];
    for (const i of cleared) {
      const it = clearedItems[i];
      if (it.currency !== d.currency || it.amount <= 0) continue;
      const id = this.book.customerId(it.customer);
      const consistent = it.amount === d.amount || (id >= 0 && this.corroborates(d, id)) || (d.payer?.customers.some((c) => customerKey(this.payers.customers[c].code) === customerKey(it.customer)) ?? false);
      if (!consistent) continue;
      doubles.push({ bankLine: d.bankLine, kind: "alreadyCleared", document: it.documentNumber, customer: it.customer, amount: it.amount, clearingDate: it.clearingDate });
    }
    for (const i of strong.keys()) {
      if (this.book.remaining[i] <= 0 && this.book.takenBy[i] > 0 && items[i].currency === d.currency) {
        doubles.push({ bankLine: d.bankLine, kind: "paidEarlier", document: items[i].documentNumber, customer: items[i].customer, amount: items[i].amount, earlierBankLine: this.book.takenBy[i] });
      }
    }

    // Group what is still open by customer; references to a payer's invoices count for it alone.
    const groups = new Map<number, { strong: number[]; weak: number[] }>();
    const group = (i: number) => {
      const c = this.book.customerOf[i];
      let g = groups.get(c);
      if (!g) groups.set(c, (g = { strong: [], weak: [] }));
      return g;
    };
    for (const i of strong.keys()) if (this.usable(i, d, true)) group(i).strong.push(i);
    const payerKnown = d.payerIds.some((c) => c >= 0);
    for (const i of weak.keys()) {
      if (!this.usable(i, d, true)) continue;
      if (payerKnown && !this.corroborates(d, this.book.customerOf[i])) continue;
      group(i).weak.push(i);
    }
    const fits: Fit[] = [];
    for (const [c, g] of groups) {
      const byAge = (xs: number[]) => xs.sort((a, b) => itemDay(items[a]) - itemDay(items[b]) || items[a].row - items[b].row);
      const ev = (xs: number[]) => xs.map((i) => strong.get(i) ?? weak.get(i)!);
      const tries: { docs: number[]; strongOnly: boolean }[] = [];
      if (g.strong.length && g.weak.length) tries.push({ docs: byAge([...g.strong, ...g.weak]), strongOnly: false });
      if (g.strong.length) tries.push({ docs: byAge([...g.strong]), strongOnly: true });
      else if (g.weak.length) tries.push({ docs: byAge([...g.weak]), strongOnly: false });
      let best: Fit | null = null;
      for (const t of tries) {
        const f = this.fitNamed(d, c, t.docs, t.strongOnly, ev(t.docs));
        if (f && (!best || f.rank < best.rank)) best = f;
      }
      // Weak numbers alone (no series) must fit exactly or within tolerance.
      if (best && g.strong.length === 0 && best.rank > RANK_TOLERANCE) best = null;
      if (best && this.conflicts(d, c) && best.rank !== RANK_EXACT) best = null;
      if (best) fits.push(best);
    }
    // Only a document number or a folio with its series says the line names invoices; a bare
    // number that happens to be a folio is noise unless the amount agrees.
    const named = [...groups.values()].some((g) => g.strong.length > 0);
    if (named) d.referenced = true;

    const decided = this.decide(d, fits);
    if (decided) {
      // The double payment is worth a look even when the rest of the line was applied.
      for (const x of doubles) this.doublePayments.push(x);
      return;
    }
    if (doubles.length) {
      for (const x of doubles) this.doublePayments.push(x);
      const x = doubles[0];
      d.state = "held";
      d.reasons.unshift(
        x.kind === "alreadyCleared"
          ? { code: "payments.why.alreadyCleared", params: { document: x.document, ...dateParams("date", x.clearingDate) } }
          : { code: "payments.why.paidEarlier", params: { document: x.document, line: x.earlierBankLine ?? 0 } },
      );
      return;
    }
    if (d.state === "open" && this.policy.reference.approximate) this.approximateReference(d);
    if (d.state === "open" && named && d.reasons.length === 0) {
      const docs = [...groups.values()].flatMap((g) => g.strong);
      d.reasons.push({ code: "payments.why.referenceNoFit", params: { documents: docList(this.items(docs)), open: money(this.sum(docs), d.currency) } });
    }
  }

  /** How well named invoices fit the deposit: exactly, with more found by amount, within tolerance, over or partial. */
  private fitNamed(d: Deposit, c: number, docs: number[], strongOnly: boolean, evidence: Problem[]): Fit | null {
    const p = this.policy;
    const openTotal = this.sum(docs);
    const base = { customer: c, docs, openTotal, partial: false, leftover: 0, rule: "reference" as PaymentRule };
    const ev = [...evidence, ...this.payerEvidence(d, c)];
    if (openTotal === d.amount) return { ...base, rank: RANK_EXACT, evidence: ev };
    const adj = p.rules.tolerance ? this.classify(openTotal, d.amount, docs.length) : null;
    if (adj) return { ...base, rank: RANK_TOLERANCE, adjustment: adj, rule: "tolerance", evidence: [...ev, adjustmentEvidence(adj, d.currency)] };
    const corroborated = this.corroborates(d, c);
    if (openTotal > d.amount) {
      if (!p.reference.partialPayments) return null;
      if (!corroborated && !saysAny(d.text, p.reference.partialWords)) return null;
      if (!strongOnly && !corroborated) return null;
      return { ...base, rank: RANK_PARTIAL, partial: true, evidence: [...ev, { code: "payments.ev.partial", params: { open: money(openTotal, d.currency) } }] };
    }
    // More than the named invoices: the rest may pay others of the customer's invoices, by amount.
    const rest = d.amount - openTotal;
    // Unless the payer is this customer, only one more invoice of exactly the rest: a chance
    // combination of a stranger's invoices must not ride on a mistyped reference.
    const more = this.exactCombination(d, c, rest, new Set(docs), corroborated);
    if (more.kind === "one") {
      const all = [...docs, ...more.docs];
      return { ...base, docs: all, openTotal: d.amount, rank: RANK_NAMED_PLUS, evidence: [...ev, { code: "payments.ev.plusAmount", params: { documents: docList(this.items(more.docs)), amount: money(rest, d.currency) } }] };
    }
    if (!corroborated || !strongOnly) return null;
    return { ...base, rank: RANK_OVER, leftover: rest, evidence: [...ev, { code: "payments.ev.leftover", params: { amount: money(rest, d.currency) } }] };
  }

  /** A number one keystroke off an open invoice's, when the deposit is exactly that invoice's amount. */
  private approximateReference(d: Deposit): void {
    const tokens = [...d.numbers.map((x) => ({ key: String(x.n), shown: x.shown })), ...d.codes.map((c) => ({ key: c, shown: c }))];
    if (tokens.length === 0) return;
    // Invoices of exactly this amount, of any customer (an item partly paid by an earlier line no longer is).
    const candidates = this.byAmount.get(d.amount);
    if (!candidates) return;
    const items = this.book.items;
    const fits: Fit[] = [];
    for (const i of candidates) {
      if (!this.usable(i, d, true) || this.book.remaining[i] !== d.amount) continue;
      const c = this.book.customerOf[i];
      if (this.conflicts(d, c)) continue;
      const it = items[i];
      const keys = [String(numberKey(it.documentNumber.replace(/\D/g, "") || "x")), canonicalCode(it.reference)];
      const tail = tailNumber(it.reference);
      if (tail === tail) keys.push(String(tail));
      const hit = tokens.find((t) => t.key.length >= this.policy.reference.minDigits && keys.some((k) => k.length >= this.policy.reference.minDigits && oneEditApart(t.key, k)));
      if (!hit) continue;
      fits.push({ customer: c, docs: [i], openTotal: d.amount, rank: RANK_EXACT, partial: false, leftover: 0, rule: "reference", evidence: [{ code: "payments.ev.referenceApprox", params: { token: hit.shown, document: docLabel(it) } }, ...this.payerEvidence(d, c), { code: "payments.ev.amountExact" }] });
    }
    this.decide(d, fits);
  }

  /**
   * Chooses among fits: the best rank wins if it is the only one at that rank; otherwise every
   * fit becomes a suggestion and the line waits. Returns true when a match was made.
   */
  private decide(d: Deposit, fits: Fit[]): boolean {
    if (fits.length === 0) return false;
    fits.sort((a, b) => a.rank - b.rank);
    const best = fits.filter((f) => f.rank === fits[0].rank);
    if (best.length === 1) {
      this.apply(d, best[0]);
      return true;
    }
    for (const f of fits) this.suggest(d, f);
    d.state = "held";
    d.reasons.push({ code: "payments.why.ambiguous", params: { count: best.length } });
    return false;
  }

  private suggest(d: Deposit, f: Fit): void {
    const key = f.docs.join(",");
    if (!d.suggestions.some((s) => s.docs.join(",") === key)) d.suggestions.push(f);
  }

  private apply(d: Deposit, f: Fit): void {
    const book = this.book;
    const items = this.book.items;
    let left = d.amount;
    const applied: AppliedDocument[] = [];
    for (const i of f.docs) {
      const open = book.remaining[i];
      let take = open;
      if (f.partial) take = Math.min(open, left);
      if (take <= 0) break;
      left -= take;
      book.remaining[i] = open - take;
      book.takenBy[i] = d.bankLine;
      applied.push({ item: items[i], open, applied: take, residual: open - take });
    }
    const c = f.customer;
    d.state = "matched";
    d.match = {
      line: d.line,
      bankLine: d.bankLine,
      rule: f.rule,
      customer: this.customerCode(c),
      customerName: this.customerName(c),
      currency: d.currency,
      amount: d.amount,
      applied,
      openTotal: f.openTotal,
      difference: d.amount - f.openTotal,
      adjustment: f.adjustment,
      leftover: f.leftover,
      evidence: f.evidence,
    };
  }

  // ---- rules 2 and 3: the payer ---------------------------------------------------------

  /**
   * Exact combinations of a customer's open invoices: one invoice, else the oldest ones in a
   * row, else any combination the bounded search finds. "one" only when it is the only one.
   */
  private exactCombination(d: Deposit, c: number, target: Centavos, exclude: ReadonlySet<number> = new Set(), combinations = true): { kind: "none" } | { kind: "one"; docs: number[]; how: "single" | "sameAmount" | "oldest" | "search"; count: number } | { kind: "many"; options: number[][] } | { kind: "limit"; docs: number[] } {
    const all = this.book.invoicesOf(c);
    const singles: number[] = [];
    const cands: number[] = [];
    const rem = this.book.remaining;
    const day = this.book.dayOf;
    const currencyOf = this.book.currencyOf;
    const cur = d.currencyId;
    const latest = this.policy.invoicesAfterDeposit || d.date === null ? Infinity : d.date;
    const maxInvoices = this.policy.combination.maxInvoices;
    for (let k = 0; k < all.length; k++) {
      const i = all[k];
      const r = rem[i];
      if (r <= 0 || day[i] > latest || currencyOf[i] !== cur || (exclude.size > 0 && exclude.has(i))) continue;
      if (r === target) singles.push(i);
      if (cands.length < maxInvoices) cands.push(i);
    }
    if (singles.length === 1) return { kind: "one", docs: singles, how: "single", count: 1 };
    if (singles.length > 1) {
      if (this.policy.sameAmountInvoices === "oldest") return { kind: "one", docs: [singles[0]], how: "sameAmount", count: singles.length };
      return { kind: "many", options: singles.map((i) => [i]) };
    }
    const max = this.policy.combination.maxSize;
    if (!combinations) return { kind: "none" };
    let run = 0;
    for (let k = 0; k < cands.length; k++) {
      run += this.book.remaining[cands[k]];
      if (run === target && k >= 1) return { kind: "one", docs: cands.slice(0, k + 1), how: "oldest", count: k + 1 };
      if (run > target) break;
    }
    // The oldest in a row but one (an invoice in dispute, or paid some other way).
    const options: number[][] = [];
    if (cands.length >= 3) {
      // The first k+1 candidates without one of them (without the last is the plain run, tried above).
      let sum = rem[cands[0]];
      let largest = sum;
      for (let k = 1; k < cands.length; k++) {
        const a = rem[cands[k]];
        sum += a;
        if (a > largest) largest = a;
        if (k >= 2) for (let skip = 0; skip < k; skip++) if (sum - rem[cands[skip]] === target) options.push(cands.slice(0, k + 1).filter((_, j) => j !== skip));
        if (sum - largest > target) break;
      }
    }
    const small = cands.filter((i) => rem[i] < target);
    let complete = true;
    if (small.length >= 2 && max >= 2) {
      const s = findSubsets(small.map((i) => rem[i]), target, target, max, this.policy.combination.maxSteps, 3);
      complete = s.complete;
      for (const sol of s.solutions) {
        const docs = sol.map((k) => small[k]).sort((a, b) => cands.indexOf(a) - cands.indexOf(b));
        if (!options.some((o) => o.join() === docs.join())) options.push(docs);
      }
    }
    if (options.length >= 2) return { kind: "many", options };
    if (options.length === 1) return complete ? { kind: "one", docs: options[0], how: "search", count: options[0].length } : { kind: "limit", docs: options[0] };
    return complete ? { kind: "none" } : { kind: "limit", docs: [] };
  }

  /** Within tolerance: one invoice, or the oldest ones in a row (no free search: a wide window would find chance sums). */
  private toleranceFits(d: Deposit, c: number): Fit[] {
    const fits: Fit[] = [];
    const all = this.book.invoicesOf(c);
    const items = this.book.items;
    let run = 0;
    let k = 0;
    const prefix: number[] = [];
    for (const i of all) {
      if (!this.usable(i, d)) continue;
      const open = this.book.remaining[i];
      const adj = this.classify(open, d.amount, 1);
      if (adj && open !== d.amount) fits.push(this.toleranceFit(d, c, [i], adj, { code: "payments.ev.single", params: { document: docLabel(items[i]) } }));
      if (k < this.policy.combination.maxInvoices) {
        run += open;
        prefix.push(i);
        k++;
        if (k >= 2) {
          const a = this.classify(run, d.amount, k);
          if (a && run !== d.amount) fits.push(this.toleranceFit(d, c, [...prefix], a, { code: "payments.ev.oldest", params: { count: k, documents: docList(this.items(prefix)) } }));
        }
      }
    }
    return fits;
  }

  private toleranceFit(d: Deposit, c: number, docs: number[], adj: Adjustment, how: Problem): Fit {
    return { customer: c, docs, openTotal: this.sum(docs), rank: RANK_TOLERANCE, adjustment: adj, partial: false, leftover: 0, rule: "tolerance", evidence: [...this.payerEvidence(d, c), how, adjustmentEvidence(adj, d.currency)] };
  }

  private payerRule(d: Deposit): void {
    const payer = d.payer!;
    const p = this.policy;
    const ids = [...new Set(d.payerIds.filter((c) => c >= 0))];
    const shared = payer.how !== "name" && payer.customers.length > 1;
    if (ids.length === 0) {
      const who = payer.customers.map((c) => this.payers.customers[c].code).join(", ");
      d.reasons.push({ code: "payments.why.noOpenItems", params: { customer: who, ...howParams(payer.how), value: payer.value } });
      return;
    }
    const exact: Fit[] = [];
    let limited = false;
    if (p.rules.payer) {
      for (const c of ids) {
        const r = this.exactCombination(d, c, d.amount);
        const base = { customer: c, openTotal: d.amount, rank: RANK_EXACT, partial: false, leftover: 0, rule: "payer" as PaymentRule };
        if (r.kind === "one") {
          const how: Problem =
            r.how === "single" ? { code: "payments.ev.single", params: { document: docLabel(this.book.items[r.docs[0]]) } }
            : r.how === "sameAmount" ? { code: "payments.ev.sameAmountOldest", params: { count: r.count, document: docLabel(this.book.items[r.docs[0]]) } }
            : r.how === "oldest" ? { code: "payments.ev.oldest", params: { count: r.count, documents: docList(this.items(r.docs)) } }
            : { code: "payments.ev.combination", params: { count: r.count, documents: docList(this.items(r.docs)) } };
          exact.push({ ...base, docs: r.docs, evidence: [...this.payerEvidence(d, c), how] });
        } else if (r.kind === "many") {
          for (const docs of r.options.slice(0, 3)) exact.push({ ...base, docs, evidence: [...this.payerEvidence(d, c), { code: "payments.ev.combination", params: { count: docs.length, documents: docList(this.items(docs)) } }] });
        } else if (r.kind === "limit") {
          limited = true;
          if (r.docs.length) this.suggest(d, { ...base, docs: r.docs, evidence: [...this.payerEvidence(d, c), { code: "payments.ev.combination", params: { count: r.docs.length, documents: docList(this.items(r.docs)) } }] });
        }
      }
    }
    if (shared) {
      // An identifier two customers share identifies neither: review, never a guess.
      for (const f of exact) this.suggest(d, f);
      if (p.rules.tolerance) for (const c of ids) for (const f of this.toleranceFits(d, c)) this.suggest(d, f);
      d.state = "held";
      d.reasons.push({ code: "payments.why.shared", params: { ...howParams(payer.how), value: payer.value, customers: payer.customers.map((c) => this.payers.customers[c].code).join(", ") } });
      return;
    }
    if (exact.length === 1 && !limited) {
      this.apply(d, exact[0]);
      return;
    }
    if (exact.length > 1 || (exact.length === 1 && limited)) {
      for (const f of exact) this.suggest(d, f);
      d.state = "held";
      d.reasons.push(exact.length > 1 ? { code: "payments.why.ambiguous", params: { count: exact.length } } : { code: "payments.why.searchLimit", params: { steps: p.combination.maxSteps } });
      return;
    }
    if (p.rules.tolerance) {
      const all: Fit[] = [];
      for (const c of ids) all.push(...this.toleranceFits(d, c));
      // A withholding matches to the centavo, a fee or rounding only within a window: when one
      // invoice fits by its exact withholding, a window that also fits another is no rival.
      const exactWithholding = all.filter((f) => f.adjustment?.kind === "withholding");
      const tol = exactWithholding.length === 1 ? exactWithholding : all;
      if (tol.length === 1 && !limited) {
        if (tol !== all) tol[0].evidence.push({ code: "payments.ev.withholdingExact", params: { others: all.length - 1 } });
        this.apply(d, tol[0]);
        return;
      }
      if (tol.length > 1) {
        for (const f of tol) this.suggest(d, f);
        d.state = "held";
        d.reasons.push({ code: "payments.why.ambiguous", params: { count: tol.length } });
        return;
      }
    }
    if (limited) {
      d.reasons.push({ code: "payments.why.searchLimit", params: { steps: p.combination.maxSteps } });
      return;
    }
    // Nothing fits: show the payer's oldest invoices, the likeliest partial payment.
    for (const c of ids) {
      const oldest = [...this.book.invoicesOf(c)].filter((i) => this.usable(i, d)).slice(0, 1);
      if (oldest.length) this.suggest(d, { customer: c, docs: oldest, openTotal: this.sum(oldest), rank: RANK_PARTIAL, partial: true, leftover: 0, rule: "payer", evidence: [...this.payerEvidence(d, c), { code: "payments.ev.oldestOpen", params: { document: docLabel(this.book.items[oldest[0]]) } }] });
    }
    const any = ids.some((c) => [...this.book.invoicesOf(c)].some((i) => this.book.remaining[i] > 0 && this.book.items[i].currency === d.currency));
    d.reasons.push(any ? { code: "payments.why.payerNoFit", params: { ...howParams(payer.how), value: payer.value, customer: ids.map((c) => this.customerCode(c)).join(", ") } } : { code: "payments.why.noOpenItems", params: { customer: ids.map((c) => this.customerCode(c)).join(", "), ...howParams(payer.how), value: payer.value } });
  }

  // ---- rule 4: a unique amount ----------------------------------------------------------

  private uniqueAmountRule(d: Deposit): void {
    const hits = (this.byAmount.get(d.amount) ?? []).filter((i) => this.usable(i, d) && this.book.remaining[i] === d.amount);
    const fit = (i: number): Fit => ({ customer: this.book.customerOf[i], docs: [i], openTotal: d.amount, rank: RANK_EXACT, partial: false, leftover: 0, rule: "uniqueAmount", evidence: [{ code: "payments.ev.uniqueAmount", params: { document: docLabel(this.book.items[i]), count: this.book.items.length } }] });
    if (hits.length === 1 && d.amount >= this.policy.uniqueAmount.minimum) {
      this.apply(d, fit(hits[0]));
      return;
    }
    for (const i of hits.slice(0, 3)) this.suggest(d, fit(i));
    if (hits.length > 1) d.reasons.push({ code: "payments.why.sameAmount", params: { count: hits.length } });
    else if (hits.length === 1) d.reasons.push({ code: "payments.why.belowMinimum", params: { minimum: money(this.policy.uniqueAmount.minimum, d.currency) } });
  }

  // ---- what is left ---------------------------------------------------------------------

  private unmatchedOf(d: Deposit): PaymentUnmatched {
    const reason = d.reasons[0] ?? { code: "payments.why.nothing" };
    const single = d.payerIds.length === 1 ? d.payerIds[0] : -2;
    const master = d.payer && d.payer.customers.length === 1 ? this.payers.customers[d.payer.customers[0]] : undefined;
    const customer = single >= 0 ? this.customerCode(single) : master?.code;
    const customerName = single >= 0 ? this.customerName(single) : master?.name;
    const suggestions = d.suggestions.slice().sort((a, b) => a.rank - b.rank).slice(0, 3).map((f) => ({
      customer: this.customerCode(f.customer),
      customerName: this.customerName(f.customer),
      documents: this.items(f.docs),
      openTotal: f.openTotal,
      difference: d.amount - f.openTotal,
      rule: f.rule,
      evidence: f.evidence,
    }));
    return { line: d.line, bankLine: d.bankLine, amount: d.amount, currency: d.currency, reason, customer, customerName, suggestions };
  }

  /**
   * Charges: bank fees, returned cheques (linked to the deposit they take back, with the 20 %
   * indemnity of LGTOC art. 193) and other reversals of a credit.
   */
  private reviewCharges(matches: PaymentMatch[]): { returnedCheques: ReturnedCheque[]; reversals: ChargeReversal[]; fees: BankFee[] } {
    const lines = this.lines;
    const headerRow = this.headerRow;
    const w = this.policy.words;
    const returnedCheques: ReturnedCheque[] = [];
    const reversals: ChargeReversal[] = [];
    const fees: BankFee[] = [];
    const linked = new Set<number>();
    const byLine = new Map(this.deposits.map((d) => [d.bankLine, d]));
    const byAmount = new Map<number, Deposit[]>();
    for (const d of [...this.deposits].sort((a, b) => a.bankLine - b.bankLine)) {
      const l = byAmount.get(d.amount);
      if (l) l.push(d);
      else byAmount.set(d.amount, [d]);
    }
    const matchOf = new Map(matches.map((m) => [m.bankLine, m]));
    for (const line of lines) {
      if (line.kind !== "charge") continue;
      const bankLine = line.row - headerRow;
      const text = readLineText([line.description, line.detail, line.reference]);
      const cheque = saysAny(text, w.returnedCheque);
      if (saysAny(text, w.fee) && !line.reversal) {
        fees.push({ bankLine, date: line.date, amount: line.charge, description: line.description });
        continue;
      }
      if (!cheque && !line.reversal && !saysAny(text, w.reversal)) continue;
      // The deposit taken back: same amount, not after the charge, not already linked.
      const same = (byAmount.get(line.charge) ?? []).filter((d) => !linked.has(d.bankLine) && (line.date === null || d.date === null || d.date <= line.date));
      const numbers = new Set(text.digits.map(numberKey).filter((n) => n === n && String(n).length >= 4));
      const tiers = [
        same.filter((d) => d.numbers.some((x) => numbers.has(x.n))),
        cheque ? same.filter((d) => saysAny(d.text, w.cheque)) : [],
        same,
      ];
      const tier = tiers.find((t) => t.length > 0) ?? [];
      const reverses = tier.length === 1 ? tier[0].bankLine : null;
      if (reverses !== null) linked.add(reverses);
      const m = reverses !== null ? matchOf.get(reverses) : undefined;
      if (m) m.reversedBy = bankLine;
      let customer = m?.customer ?? "";
      let customerName = m?.customerName ?? "";
      const d = reverses !== null ? byLine.get(reverses) : undefined;
      const finding = !customer ? (d?.payer ?? (this.payers.size ? this.payers.identify(text, line, this.policy.payer) : null)) : null;
      if (finding && finding.customers.length === 1) {
        const c = this.payers.customers[finding.customers[0]];
        customer = c.code;
        customerName = c.name;
      }
      const entry: ChargeReversal = { bankLine, date: line.date, amount: line.charge, description: line.description, reverses, candidates: reverses === null ? tier.map((x) => x.bankLine) : [], customer, customerName };
      if (cheque) returnedCheques.push({ ...entry, indemnity: chequeIndemnity(line.charge) });
      else reversals.push(entry);
    }
    return { returnedCheques, reversals, fees };
  }

}

/** The withholding on an invoice total: rate × subtotal, subtotal = total ÷ (1 + VAT). */
export function withholdingOf(total: Centavos, w: WithholdingRule): Centavos {
  // rate × total ÷ (1 + vat) = total × (r.num · v.den) ÷ (r.den · (v.den + v.num))
  return scaleCentavos(total, w.rate.num * w.vat.den, w.rate.den * (w.vat.den + w.vat.num));
}

/** What a shortfall (open total − deposit, > 0) or small excess is, by the policy's tolerances. */
export function classifyDifference(t: PaymentsPolicy["tolerance"], openTotal: Centavos, deposit: Centavos, docs: number, shares?: readonly number[]): Adjustment | null {
  const diff = openTotal - deposit;
  if (diff === 0) return null;
  if (Math.abs(diff) <= t.rounding) return { kind: "rounding", name: "", account: t.accounts.rounding, amount: diff };
  if (diff > 0 && diff <= t.bankFee) return { kind: "bankFee", name: "", account: t.accounts.bankFee, amount: diff };
  if (diff > 0) {
    for (let k = 0; k < t.withholdings.length; k++) {
      const w = t.withholdings[k];
      // A float estimate first (the matcher tries thousands of sums): the exact centavos only for a difference near it.
      if (shares && Math.abs(diff - shares[k] * openTotal) > docs + 2) continue;
      const expected = withholdingOf(openTotal, w);
      // Each invoice's withholding is rounded on its own: a centavo per invoice either way.
      if (Math.abs(diff - expected) <= docs) return { kind: "withholding", name: w.name, account: w.account, amount: diff };
    }
  }
  return null;
}

/** Per customer: what was left over after applying, and whole deposits identified to it but not applied. */
export function unappliedCash(matches: PaymentMatch[], unmatched: PaymentUnmatched[]): UnappliedCash[] {
  const by = new Map<string, UnappliedCash>();
  const entry = (customer: string, name: string, currency: string) => {
    const k = `${customerKey(customer)}|${currency}`;
    let e = by.get(k);
    if (!e) by.set(k, (e = { customer, customerName: name, currency, leftover: 0, unapplied: 0, total: 0, bankLines: [] }));
    return e;
  };
  for (const m of matches) {
    if (m.leftover <= 0 || m.reversedBy !== undefined) continue;
    const e = entry(m.customer, m.customerName, m.currency);
    e.leftover += m.leftover;
    e.total += m.leftover;
    e.bankLines.push(m.bankLine);
  }
  for (const u of unmatched) {
    if (!u.customer) continue;
    const e = entry(u.customer, u.customerName ?? "", u.currency);
    e.unapplied += u.amount;
    e.total += u.amount;
    e.bankLines.push(u.bankLine);
  }
  return [...by.values()].sort((a, b) => b.total - a.total || (a.customer < b.customer ? -1 : 1));
}

/** The figures of a result: what was matched by which rule, against the whole statement. */
export function paymentStats(lines: readonly BankLine[], depositAmount: Centavos, deposits: number, matches: readonly PaymentMatch[], unmatched: readonly PaymentUnmatched[]): PaymentsStats {
  const byRule = { reference: 0, payer: 0, tolerance: 0, uniqueAmount: 0, analyst: 0 };
  const amountByRule = { reference: 0, payer: 0, tolerance: 0, uniqueAmount: 0, analyst: 0 };
  let matchedAmount = 0;
  for (const m of matches) {
    byRule[m.rule]++;
    amountByRule[m.rule] += m.amount;
    matchedAmount += m.amount;
  }
  let charges = 0;
  let chargeAmount = 0;
  let zeroLines = 0;
  for (const l of lines) {
    if (l.kind === "charge") {
      charges++;
      chargeAmount += l.charge;
    } else if (l.kind === "zero") zeroLines++;
  }
  return {
    lines: lines.length,
    deposits,
    matched: matches.length,
    unmatched: unmatched.length,
    autoMatchRate: deposits ? (matches.length - byRule.analyst) / deposits : 0,
    byRule,
    amountByRule,
    depositAmount,
    matchedAmount,
    unmatchedAmount: depositAmount - matchedAmount,
    charges,
    chargeAmount,
    zeroLines,
  };
}
