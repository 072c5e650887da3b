import type { AgingResult } from "../aging/aging";
import { checkClabe } from "../identifiers/clabe";
import type { CivilDay } from "../dates";
import { describe, type Lang, type Problem } from "../messages";
import { InputError } from "../errors";
import type { Centavos } from "../money";
import type { CustomerMaster } from "../tables/customers";
import type { LedgerItem } from "../tables/ledger";
import { checkAddresses } from "./address";

/**
 * A statement of account (estado de cuenta): one customer, one currency, at a key date. It is
 * built from the aging's own result — the same items, due dates, days and buckets the aging
 * report shows — so a statement can never disagree with the aging it came from.
 */
export interface StatementLine {
  document: string;
  type: string;
  reference: string;
  documentDate: CivilDay | null;
  dueDate: CivilDay;
  /** Days past due at the key date (negative: not yet due). */
  days: number;
  bucket: number;
  amount: Centavos;
  text: string;
  /** Row of the ledger it came from. */
  row: number;
}

export interface PaymentInstructions {
  bank: string;
  clabe: string;
  accountHolder: string;
  /** What the customer writes on its transfer: the master's payment reference, else its code. */
  reference: string;
}

export interface Signature {
  name: string;
  title: string;
  phone: string;
  email: string;
  company: string;
}

export interface Statement {
  /** Stable identity of this statement: customer, currency and key date. */
  id: string;
  customer: string;
  name: string;
  rfc: string;
  currency: string;
  asOf: CivilDay;
  lang: Lang;
  /** Bucket labels as the aging names them (`current`, `1-30`…). */
  labels: readonly string[];
  /** Every open item, debits and credits, by due date then document. */
  lines: StatementLine[];
  buckets: Centavos[];
  /** Sum of open debits (invoices, charges). */
  charges: Centavos;
  /** Sum of the credit items (negative): credit memos and payments not yet applied. */
  unappliedCredits: Centavos;
  /** Balance: charges + credits. */
  balance: Centavos;
  overdue: Centavos;
  maxDaysPastDue: number;
  to: string[];
  cc: string[];
  payment: PaymentInstructions;
  signature: Signature;
  /** The customer has open items in more than one currency (file names carry the currency). */
  multiCurrency: boolean;
}

/** Why a customer gets no statement, or what was dropped from one. */
export interface StatementProblem {
  customer: string;
  currency: string;
  name: string;
  problem: Problem;
  /** True when the statement was skipped; false when only part of it (an address) was. */
  skipped: boolean;
}

/**
 * What the settings hold for statements (the pane's `statement.*` settings, a JSON file for the
 * command line). Per-currency accounts: `statement.clabe.USD` overrides `statement.clabe`.
 */
export type StatementSettings = Readonly<Record<string, string | undefined>>;

export interface StatementInput {
  result: AgingResult;
  /** Items aligned with the result's per-item arrays (the aging job's `items`). */
  items: readonly LedgerItem[];
  master?: CustomerMaster;
  /** Language when the master says none. */
  lang: Lang;
  settings?: StatementSettings;
  /** Only these customer codes (as written in the ledger or master, with or without zeros). */
  only?: readonly string[];
}

export interface StatementsBuilt {
  statements: Statement[];
  problems: StatementProblem[];
}

const LANGS: Record<string, Lang> = {
  ES: "es", ESMX: "es", SPA: "es", ESPANOL: "es", SPANISH: "es", CASTELLANO: "es", S: "es",
  EN: "en", ENUS: "en", ENG: "en", INGLES: "en", ENGLISH: "en", E: "en",
};

/** `es`, `es-MX`, `Español`, `Inglés`, SAP's one-letter keys `S` and `E`; null when not understood. */
export function languageOf(text: string): Lang | null {
  const k = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toUpperCase().replace(/[^A-Z]/g, "");
  return LANGS[k] ?? null;
}

function stripZeros(code: string): string {
  return /^\d+$/.test(code) ? code.replace(/^0+(?=\d)/, "") : code.toUpperCase();
}

export function paymentInstructions(settings: StatementSettings, currency: string, reference: string): { payment: PaymentInstructions; problem?: Problem } {
  const get = (k: string) => (settings[`statement.${k}.${currency}`] ?? settings[`statement.${k}`] ?? "").trim();
  const clabeText = get("clabe");
  let bank = get("bank");
  let clabe = clabeText;
  let problem: Problem | undefined;
  if (clabeText) {
    const c = checkClabe(clabeText);
    if (c.ok) {
      clabe = c.clabe;
      if (!bank) bank = c.bank.name;
    } else problem = c.problem;
  }
  return { payment: { bank, clabe, accountHolder: get("accountHolder"), reference }, problem };
}

export function signatureFrom(settings: StatementSettings): Signature {
  const g = (k: string) => (settings[`statement.signature.${k}`] ?? "").trim();
  return { name: g("name"), title: g("title"), phone: g("phone"), email: g("email"), company: (settings["statement.company"] ?? "").trim() };
}

/**
 * One statement per customer and currency with open items at the key date. A customer the
 * master does not know, or whose master row has no valid address, is reported and skipped:
 * a statement is never sent to an address nobody wrote down for that customer.
 */
export function buildStatements(input: StatementInput): StatementsBuilt {
  const { result, items, master } = input;
  const settings = input.settings ?? {};
  const only = input.only ? new Set(input.only.map(stripZeros)) : undefined;
  const linesBy = new Map<string, StatementLine[]>();
  for (let i = 0; i < items.length; i++) {
    const b = result.itemBucket[i];
    if (b < 0) continue;
    const it = items[i];
    const k = `${it.customer}\u0000${it.currency}`;
    let list = linesBy.get(k);
    if (!list) linesBy.set(k, (list = []));
    list.push({
      document: it.documentNumber,
      type: it.documentType,
      reference: it.reference,
      documentDate: it.documentDate ?? it.postingDate,
      dueDate: result.itemDue[i],
      days: result.itemDays[i],
      bucket: b,
      amount: it.amount,
      text: it.text,
      row: it.row,
    });
  }
  const currenciesOf = new Map<string, number>();
  for (const c of result.customers) currenciesOf.set(c.customer, (currenciesOf.get(c.customer) ?? 0) + 1);

  const statements: Statement[] = [];
  const problems: StatementProblem[] = [];
  const signature = signatureFrom(settings);
  for (const c of result.customers) {
    if (only && !only.has(stripZeros(c.customer))) continue;
    const m = master?.get(c.customer);
    const name = c.name || m?.name || "";
    const report = (problem: Problem, skipped: boolean) => problems.push({ customer: c.customer, currency: c.currency, name, problem, skipped });
    if (!m) {
      report({ code: master ? "statement.notInMaster" : "statement.noMaster", params: { customer: c.customer } }, true);
      continue;
    }
    const to = checkAddresses(m.emails);
    const cc = checkAddresses(m.cc ?? []);
    for (const bad of [...to.invalid, ...cc.invalid]) report({ code: "statement.badAddress", params: { customer: c.customer, address: bad } }, false);
    if (to.valid.length === 0) {
      report({ code: m.emails.length || to.invalid.length ? "statement.noValidAddress" : "statement.noAddress", params: { customer: c.customer, row: m.row } }, true);
      continue;
    }
    let lang = input.lang;
    if (m.language) {
      const l = languageOf(m.language);
      if (l) lang = l;
      else report({ code: "statement.languageUnknown", params: { customer: c.customer, value: m.language, row: m.row } }, false);
    }
    const lines = (linesBy.get(`${c.customer}\u0000${c.currency}`) ?? []).sort((a, b) => a.dueDate - b.dueDate || (a.document < b.document ? -1 : a.document > b.document ? 1 : a.row - b.row));
    let charges = 0;
    for (const l of lines) if (l.amount > 0) charges += l.amount;
    const { payment, problem } = paymentInstructions(settings, c.currency, m.paymentReference || c.customer);
    // A wrong CLABE printed on hundreds of statements sends payments nowhere: nothing goes out.
    if (problem) throw new InputError({ code: "statement.clabeInvalid", params: { currency: c.currency, "reason.es": describe(problem, "es"), "reason.en": describe(problem, "en") } });
    statements.push({
      id: `${c.customer}|${c.currency}|${result.asOf}`,
      customer: c.customer,
      name,
      rfc: m.rfc,
      currency: c.currency,
      asOf: result.asOf,
      lang,
      labels: result.labels,
      lines,
      buckets: c.buckets.slice(),
      charges,
      unappliedCredits: c.unappliedCredits,
      balance: c.total,
      overdue: c.overdue,
      maxDaysPastDue: c.maxDaysPastDue,
      to: to.valid,
      cc: cc.valid.filter((a) => !to.valid.some((t) => t.toLowerCase() === a.toLowerCase())),
      payment,
      signature,
      multiCurrency: (currenciesOf.get(c.customer) ?? 0) > 1,
    });
  }
  return { statements, problems };
}

/** A file-name-safe form of a code: letters, digits, `-` and `_` only. */
export function fileSafe(text: string): string {
  const t = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
  return t.slice(0, 60) || "x";
}
