/**
 * Sample data for cash application, with known answers: a BBVA México web statement
 * (`FECHA, DESCRIPCIÓN, CARGO, ABONO, SALDO`), the open items it pays (an SAP FBL5N tab export
 * in Windows-1252) and the customer master with the identifiers payers use (bank reference,
 * RFC, accounts/CLABE, alternate names). Every deposit is generated from the invoices it pays,
 * so the answers file says what a correct application is.
 *
 *   npm run samples:payments   writes samples/bank-bbva.csv, samples/payments-ledger.txt,
 *                              samples/payments-customers.csv, samples/payments-answers.json
 *
 * The bench (`bench/payments.ts`) makes 20,000 deposits against 1,000,000 open items with the
 * same generator. What the deposits look like, with their share of the deposits:
 *   invoice reference in the concept (`FACT A-23456`, `A23456`, `F A 23456`)        30 %
 *   several references in one line                                                    6 %
 *   SAP document number without its leading zeros (`90012345` for `0090012345`)       4 %
 *   folio without its series (`FACTURA 23456`)                                        4 %
 *   a typo in the folio (two digits swapped or one digit wrong), amount exact         3 %
 *   partial payment naming the invoice (`ABONO FACT …`)                               3 %
 *   overpayment naming the invoice (the rest on account)                              1.5 %
 *   bank reference of the customer, one invoice's amount                              12 %
 *   BBVA-to-BBVA transfer from the customer's account, its oldest invoices            8 %
 *   the customer's reference, a combination of invoices that are not the oldest      4 %
 *   the customer's reference, an invoice less a bank fee                              4 %
 *   the customer's reference, a freight invoice less the 4 % VAT withholding          2 %
 *   the customer's name (cut to 30 characters) or an alternate name                   5 %
 *   the customer's RFC in the concept                                                 2 %
 *   cash at a branch quoting the customer's reference                                 4 %
 *   cash with nothing but its amount                                                  2 %
 *   a cheque deposit naming the invoice; half of them come back (`CHEQUE DEVUELTO`)   3 %
 *   the same transfer sent twice (the repeat is a duplicate for review)               0.8 %
 *   paying an invoice already cleared (a double payment for review)                   0.5 %
 *   an advance with no invoice (unapplied cash for review)                            0.7 %
 *   a reference two customers share in the master (review)                            0.3 %
 * plus bank fees, supplier payments, cheques paid and the fees of returned cheques.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { civilFromDay, dayFromCivil, weekday, type CivilDay } from "../src/core/dates";
import { clabeCheckDigit } from "../src/core/identifiers/clabe";
import { DEFAULT_POLICY } from "../src/core/reconcile/payments/policy";
import { withholdingOf } from "../src/core/reconcile/payments/engine";
import { DEFAULT_SEED, encodeCp1252, generateCustomers, mulberry32, sapAmount, type SampleCustomer } from "./generate";

export interface PaymentsSampleOptions {
  customers: number;
  /** Open invoices in the ledger (credit memos and cleared history come on top). */
  openItems: number;
  deposits: number;
  seed?: number;
  /** The statement's last day (`YYYY-MM-DD`); it covers the business days of the weeks before. */
  statementEnd?: string;
  /** Business days the statement covers. */
  days?: number;
}

export type ExpectedOutcome =
  | { kind: "match"; customer: string; documents: string[]; scenario: string }
  | { kind: "review"; scenario: string; customer?: string };

export interface PaymentsSample {
  customers: SampleCustomer[];
  extra: Map<string, CustomerExtra>;
  invoices: SampleInvoice[];
  lines: StatementLine[];
  /** By bankLine (1-based): what a correct application does with each deposit. */
  answers: Map<number, ExpectedOutcome>;
}

export interface CustomerExtra {
  bankReference: string;
  /** BBVA accounts (10 digits) and other banks' CLABEs. */
  accounts: string[];
  bbvaAccount: string | null;
  altNames: string[];
}

export interface SampleInvoice {
  customer: SampleCustomer;
  documentNumber: string;
  type: "RV" | "DR" | "DG";
  reference: string;
  date: CivilDay;
  due: CivilDay;
  amount: number;
  text: string;
  clearingDate: CivilDay | null;
  /** Paid by a deposit of the statement (the generator's bookkeeping). */
  paid: boolean;
}

export interface StatementLine {
  date: CivilDay;
  description: string;
  deposit: number;
  charge: number;
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  digits(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.length - 1;
  }
}

const SPEI_BANKS: readonly [string, string][] = [["BANORTE", "072"], ["SANTANDER", "014"], ["BANAMEX", "002"], ["HSBC", "021"], ["SCOTIABANK", "044"], ["BANBAJIO", "030"], ["BANREGIO", "058"], ["INBURSA", "036"], ["AZTECA", "127"], ["BANCOPPEL", "137"]];
const PRODUCTS = ["Cemento gris CPC 30R", "Concreto premezclado f'c 250", "Block hueco 15x20x40", "Varilla corrugada 3/8", "Malla electrosoldada", "Mortero 50 kg", "Grava 3/4", "Arena de río"];
const SERVICES = ["Flete a obra", "Flete foráneo", "Bombeo de concreto", "Maniobras de descarga"];
/** SPEI commissions of the payer's bank with VAT, which some customers deduct. */
const FEES = [348, 580, 696, 812, 928];

const SCENARIOS = [
  ["ref", 30], ["refMulti", 6], ["docNoZeros", 4], ["refNoSeries", 4], ["refTypo", 3], ["partial", 3], ["overpay", 1.5],
  ["bankRef", 12], ["accountOldest", 8], ["combination", 4], ["fee", 4], ["withholding", 2], ["name", 5], ["rfc", 2],
  ["cashRef", 4], ["cashAmount", 2], ["cheque", 3], ["duplicate", 0.8], ["alreadyCleared", 0.5], ["advance", 0.7], ["sharedRef", 0.3],
] as const;
type Scenario = (typeof SCENARIOS)[number][0];

function plainUpper(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toUpperCase();
}

/** The name as a payer types it: no accents, no legal form. */
function shortName(name: string): string {
  return plainUpper(name).replace(/,?\s*S\.?\s*(A\.?\s*P\.?\s*I\.?|A\.?\s*B\.?|A\.?|C\.?|DE R\.?L\.?)[\s\S]*$/, "").replace(/[^A-Z0-9 ]/g, "").replace(/\s+/g, " ").trim();
}

const MORE_SURNAMES = ["Arriaga", "Benítez", "Cabrera", "Durán", "Escobar", "Fajardo", "Galindo", "Hinojosa", "Iturbide", "Jaramillo", "Landa", "Montaño", "Nava", "Olvera", "Pineda", "Quintero", "Rocha", "Saucedo", "Tapia", "Uribe", "Valdez", "Zamora", "Becerra", "Cisneros", "Duarte", "Elizondo", "Franco", "Garza", "Hurtado", "Lozano", "Meza", "Noriega", "Osorio", "Paredes", "Quiroz", "Rentería", "Segura", "Treviño", "Urquiza", "Villarreal"];
const MORE_PLACES = ["Jalpan", "Tequisquiapan", "Amealco", "Cadereyta", "Tolimán", "Ezequiel Montes", "Pedro Escobedo", "Huimilpan", "Colón", "Pinal", "Xichú", "Tarimoro", "Jerécuaro", "Coroneo", "Tarandacuao", "Santiago Maravatío", "Salvatierra", "Jaral", "Cuerámaro", "Abasolo", "Manuel Doblado", "Romita", "Ocampo", "Atarjea", "Victoria", "Tierra Blanca", "Doctor Mora", "San Felipe", "San Diego", "Villagrán"];

/**
 * A master of thousands of customers runs out of the base generator's name patterns, which then
 * numbers them (`Concretos López 2427, S.A. de C.V.`). Real masters carry distinct names: the
 * number becomes two more words of a name.
 */
function distinctNames(customers: SampleCustomer[], r: Rng): void {
  const used = new Set(customers.map((c) => c.name));
  for (const c of customers) {
    const m = / \d+(?=,? S\.|$)/.exec(c.name);
    if (!m) continue;
    for (let t = 0; t < 100; t++) {
      const words = r.chance(0.5) ? `${r.pick(MORE_SURNAMES)} ${r.pick(MORE_SURNAMES)}` : `${r.pick(MORE_SURNAMES)} de ${r.pick(MORE_PLACES)}`;
      const name = c.name.slice(0, m.index) + " " + words + c.name.slice(m.index + m[0].length);
      if (!used.has(name)) {
        used.delete(c.name);
        used.add(name);
        c.name = name;
        break;
      }
    }
  }
}

function parseDay(iso: string): CivilDay {
  const [y, m, d] = iso.split("-").map(Number);
  return dayFromCivil(y, m, d);
}

function clabe(bank: string, r: Rng): string {
  const first = bank + r.digits(3).replace(/^000$/, "180") + r.digits(11);
  return first + clabeCheckDigit(first);
}

/** Builds the whole sample in memory (a million invoices are a few hundred MB). */
export function generatePayments(options: PaymentsSampleOptions): PaymentsSample {
  const seed = options.seed ?? DEFAULT_SEED;
  const r = new Rng((seed ^ 0x5eed10) >>> 0);
  const customers = generateCustomers(options.customers, seed);
  const end = parseDay(options.statementEnd ?? "2026-10-31");
  const businessDays: CivilDay[] = [];
  for (let d = end; businessDays.length < (options.days ?? 20); d--) if (weekday(d) < 5) businessDays.unshift(d);
  const start = businessDays[0];
  distinctNames(customers, r);

  // ---- master identifiers
  const extra = new Map<string, CustomerExtra>();
  const refs = new Set<string>();
  for (const c of customers) {
    let ref = "";
    do ref = String(r.int(1_000_000, 9_999_999));
    while (refs.has(ref));
    refs.add(ref);
    const bbva = r.chance(0.45) ? `01${r.digits(8)}` : null;
    const accounts: string[] = [];
    if (bbva) accounts.push(bbva);
    if (!bbva || r.chance(0.3)) accounts.push(clabe(r.pick(SPEI_BANKS)[1], r));
    const altNames: string[] = [];
    if (r.chance(0.2)) {
      const words = shortName(c.name).split(" ");
      altNames.push(words.length >= 3 ? `${words[0].slice(0, 5)} ${words.slice(1, 3).join(" ")}` : `${words.join(" ")} OBRAS`);
    }
    extra.set(c.code, { bankReference: ref, accounts, bbvaAccount: bbva, altNames });
  }
  // A few references typed twice into the master: two customers, one reference.
  const sharedPairs: [SampleCustomer, SampleCustomer][] = [];
  for (let k = 0; k < Math.max(1, Math.floor(customers.length / 400)); k++) {
    const a = customers[(k * 97 + 13) % customers.length];
    const b = customers[(k * 97 + 57) % customers.length];
    if (a === b) continue;
    extra.get(b.code)!.bankReference = extra.get(a.code)!.bankReference;
    sharedPairs.push([a, b]);
  }
  const shared = new Set(sharedPairs.flatMap(([a, b]) => [a.code, b.code]));

  // ---- open invoices, oldest first per customer
  let total = 0;
  for (const c of customers) total += c.weight;
  const byCustomer = new Map<string, SampleInvoice[]>();
  const invoices: SampleInvoice[] = [];
  let rv = 9_000_000_000 + r.int(1000, 9000);
  let dr = 90_000_000 + r.int(100, 900);
  let dg = 1_600_000_000 + r.int(100, 900);
  let folioA = options.openItems > 80_000 ? 100_000 : 20_000 + r.int(0, 5000);
  let folioB = 1000 + r.int(0, 500);
  const make = (c: SampleCustomer, date: CivilDay, cleared: CivilDay | null): SampleInvoice => {
    const service = r.chance(0.15);
    const pesos = Math.min(2_500_000, Math.max(350, Math.exp(Math.log(26000) + 0.3 * Math.log(c.weight) + 1.0 * r.normal())));
    const amount = Math.max(10_000, Math.round(pesos * 100));
    return service
      ? { customer: c, documentNumber: String(++dr).padStart(10, "0"), type: "DR", reference: `B-${++folioB}`, date, due: date + c.termDays, amount, text: r.pick(SERVICES), clearingDate: cleared, paid: false }
      : { customer: c, documentNumber: String(++rv), type: "RV", reference: `A-${++folioA}`, date, due: date + c.termDays, amount, text: r.pick(PRODUCTS), clearingDate: cleared, paid: false };
  };
  let left = options.openItems;
  customers.forEach((c, i) => {
    const n = i === customers.length - 1 ? left : Math.min(left, Math.round((options.openItems * c.weight) / total));
    left -= n;
    const list: SampleInvoice[] = [];
    for (let k = 0; k < n; k++) list.push(make(c, start - r.int(1, 150), null));
    list.sort((a, b) => a.date - b.date);
    // History: a few invoices already cleared before the statement, and a credit memo now and then.
    for (let k = 0; k < Math.max(1, Math.round(n * 0.03)); k++) {
      const d = start - r.int(60, 200);
      invoices.push(make(c, d, d + r.int(10, 50)));
    }
    if (r.chance(0.3)) invoices.push({ customer: c, documentNumber: String(++dg), type: "DG", reference: `NC-${r.int(100, 9999)}`, date: start - r.int(1, 60), due: start, amount: -r.int(10_000, 500_000), text: "Bonificación", clearingDate: null, paid: false });
    byCustomer.set(c.code, list);
    invoices.push(...list);
  });
  const clearedOf = new Map<string, SampleInvoice[]>();
  for (const it of invoices) if (it.clearingDate !== null) (clearedOf.get(it.customer.code) ?? clearedOf.set(it.customer.code, []).get(it.customer.code)!).push(it);

  // ---- the statement
  const lines: StatementLine[] = [];
  const answers = new Map<number, ExpectedOutcome>();
  const weights = customers.map((c) => c.weight);
  const scenarioWeights = SCENARIOS.map((s) => s[1]);
  const track = () => (r.chance(0.5) ? r.digits(7) : `0${r.digits(9)}`);
  const spei = (concept: string, numref = r.chance(0.5) ? "0000001" : r.digits(7)) => {
    const [bank, code] = r.pick(SPEI_BANKS);
    return `SPEI RECIBIDO${bank}${r.chance(0.5) ? " " : "    "}/ ${track()} ${code} ${numref}${concept}`;
  };
  const refText = (it: SampleInvoice) => {
    const [series, num] = it.reference.split("-");
    return r.pick([`${series}-${num}`, `${series}${num}`, `${series} ${num}`, `${series}-${num}`]);
  };
  const refConcept = (it: SampleInvoice) => r.pick(["FACT ", "FACTURA ", "PAGO FACT ", "PAGO ", "FAC ", "PAGO FACTURA "]) + refText(it);
  const unpaid = (c: SampleCustomer, limit = Infinity) => {
    const out: SampleInvoice[] = [];
    for (const it of byCustomer.get(c.code) ?? []) {
      if (!it.paid) out.push(it);
      if (out.length >= limit) break;
    }
    return out;
  };
  const pickCustomer = (ok: (c: SampleCustomer) => boolean): SampleCustomer | null => {
    for (let t = 0; t < 50; t++) {
      const c = customers[r.weighted(weights)];
      if (!shared.has(c.code) && ok(c)) return c;
    }
    return null;
  };
  const push = (line: StatementLine, answer?: ExpectedOutcome) => {
    lines.push(line);
    if (answer) answers.set(lines.length, answer);
  };
  const match = (c: SampleCustomer, docs: SampleInvoice[], scenario: string): ExpectedOutcome => {
    for (const d of docs) d.paid = true;
    return { kind: "match", customer: c.code, documents: docs.map((d) => d.documentNumber), scenario };
  };
  const returned: { date: CivilDay; number: string; amount: number }[] = [];

  const perDay = Math.ceil(options.deposits / businessDays.length);
  let made = 0;
  for (const date of businessDays) {
    for (const c of returned.filter((x) => x.date === date)) {
      push({ date, description: `CHEQUE DEVUELTO / ${c.number} ${r.pick(["FONDOS INSUFICIENTES", "FIRMA NO COINCIDE", "CUENTA CANCELADA"])}`, deposit: 0, charge: c.amount });
      push({ date, description: "COMISION CHEQUE DEVUELTO", deposit: 0, charge: 35_000 });
      push({ date, description: "IVA COMISION CHEQUE DEVUELTO", deposit: 0, charge: 5_600 });
    }
    for (let k = 0; k < perDay && made < options.deposits; k++) {
      made++;
      const scenario: Scenario = SCENARIOS[r.weighted(scenarioWeights)][0];
      this_deposit: {
        const c = pickCustomer((x) => unpaid(x, 3).length >= 3) ?? customers[0];
        const ext = extra.get(c.code)!;
        const open = unpaid(c, 12);
        if (open.length === 0) break this_deposit;
        const it = r.pick(open.slice(0, 8));
        switch (scenario) {
          case "ref":
            push({ date, description: spei(refConcept(it)), deposit: it.amount, charge: 0 }, match(c, [it], scenario));
            break;
          case "refMulti": {
            const docs = open.slice(0, r.int(2, Math.min(4, open.length)));
            const sep = r.pick([" Y ", ", ", " ", " / "]);
            const sum = docs.reduce((s, d) => s + d.amount, 0);
            push({ date, description: spei(`${r.pick(["FACTS ", "PAGO FACTURAS ", "FAC "])}${docs.map(refText).join(sep)}`.slice(0, 60)), deposit: sum, charge: 0 }, match(c, docs, scenario));
            break;
          }
          case "docNoZeros":
            push({ date, description: spei(`${r.pick(["PAGO ", "DOC ", "FACT "])}${it.documentNumber.replace(/^0+/, "")}`), deposit: it.amount, charge: 0 }, match(c, [it], scenario));
            break;
          case "refNoSeries":
            push({ date, description: spei(`${r.pick(["FACTURA ", "FACT ", "PAGO FOLIO "])}${it.reference.split("-")[1]}`), deposit: it.amount, charge: 0 }, match(c, [it], scenario));
            break;
          case "refTypo": {
            const [series, num] = it.reference.split("-");
            const d = num.split("");
            const p = r.int(0, d.length - 2);
            if (d[p] !== d[p + 1] && r.chance(0.5)) [d[p], d[p + 1]] = [d[p + 1], d[p]];
            else d[p + 1] = String((Number(d[p + 1]) + r.int(1, 9)) % 10);
            push({ date, description: spei(`FACT ${series}-${d.join("")}`), deposit: it.amount, charge: 0 }, match(c, [it], scenario));
            break;
          }
          case "partial": {
            const amount = Math.round(it.amount * (0.3 + 0.4 * r.float()));
            push({ date, description: spei(`${r.pick(["ABONO FACT ", "PAGO PARCIAL ", "ABONO A FACTURA "])}${refText(it)}`), deposit: amount, charge: 0 }, match(c, [it], scenario));
            break;
          }
          case "overpay":
            push({ date, description: spei(refConcept(it), ext.bankReference), deposit: it.amount + r.int(5, 200) * 10_000, charge: 0 }, match(c, [it], scenario));
            break;
          case "bankRef":
            push({ date, description: spei(r.pick(["PAGO MATERIALES", "PAGO PROVEEDOR", "PAGO", "MATERIALES OBRA", ""]), ext.bankReference), deposit: it.amount, charge: 0 }, match(c, [it], scenario));
            break;
          case "accountOldest": {
            const docs = open.slice(0, r.int(1, Math.min(4, open.length)));
            const sum = docs.reduce((s, d) => s + d.amount, 0);
            const description = ext.bbvaAccount
              ? `PAGO CUENTA DE TERCERO${r.chance(0.5) ? " " : "    "}/ ${r.digits(10)} BNET ${r.chance(0.5) ? " " : "    "}${ext.bbvaAccount} ${r.pick(["PAGO", "PROVEEDOR", "PAGO FACTURAS", "MATERIALES"])}`
              : spei(r.pick(["PAGO FACTURAS", "PAGO"]), ext.bankReference);
            push({ date, description, deposit: sum, charge: 0 }, match(c, docs, scenario));
            break;
          }
          case "combination": {
            const pool = open.slice(0, 10);
            const n = Math.min(pool.length, r.int(2, 3));
            const docs: SampleInvoice[] = [];
            while (docs.length < n) {
              const x = r.pick(pool);
              if (!docs.includes(x)) docs.push(x);
            }
            docs.sort((a, b) => a.date - b.date);
            push({ date, description: spei("PAGO VARIAS FACTURAS", ext.bankReference), deposit: docs.reduce((s, d) => s + d.amount, 0), charge: 0 }, match(c, docs, scenario));
            break;
          }
          case "fee":
            push({ date, description: spei("PAGO", ext.bankReference), deposit: it.amount - r.pick(FEES), charge: 0 }, match(c, [it], scenario));
            break;
          case "withholding": {
            const freight = open.find((x) => x.type === "DR") ?? it;
            const wh = withholdingOf(freight.amount, DEFAULT_POLICY.tolerance.withholdings[0]);
            push({ date, description: spei("PAGO FLETES RET IVA", ext.bankReference), deposit: freight.amount - wh, charge: 0 }, match(c, [freight], scenario));
            break;
          }
          case "name": {
            const name = ext.altNames.length && r.chance(0.4) ? ext.altNames[0] : shortName(c.name).slice(0, 30).trim();
            push({ date, description: spei(`${name}`), deposit: it.amount, charge: 0 }, match(c, [it], scenario));
            break;
          }
          case "rfc":
            push({ date, description: spei(`${r.pick(["RFC ", "PAGO ", ""])}${c.rfc}`), deposit: it.amount, charge: 0 }, match(c, [it], scenario));
            break;
          case "cashRef":
            push({ date, description: `DEPOSITO EFECTIVO PRACTIC / ${r.digits(7)} REF ${ext.bankReference}`, deposit: it.amount, charge: 0 }, match(c, [it], scenario));
            break;
          case "cashAmount":
            push({ date, description: r.pick([`DEPOSITO EFECTIVO PRACTIC / ****${r.digits(4)}`, `DEPOSITO EN EFECTIVO / ${r.digits(7)}`]), deposit: it.amount, charge: 0 }, match(c, [it], scenario));
            break;
          case "cheque": {
            const [bank] = r.pick(SPEI_BANKS);
            const number = r.digits(7);
            push({ date, description: `DEPOSITO DE CHEQUE ${bank} / ${number} ${refConcept(it)}`, deposit: it.amount, charge: 0 }, match(c, [it], scenario));
            if (r.chance(0.5)) {
              const back = businessDays[Math.min(businessDays.length - 1, businessDays.indexOf(date) + r.int(1, 3))];
              if (back !== date) returned.push({ date: back, number, amount: it.amount });
            }
            break;
          }
          case "duplicate": {
            const concept = refConcept(it);
            const numref = r.digits(7);
            const [bank, code] = r.pick(SPEI_BANKS);
            push({ date, description: `SPEI RECIBIDO${bank} / ${track()} ${code} ${numref}${concept}`, deposit: it.amount, charge: 0 }, match(c, [it], scenario));
            push({ date, description: `SPEI RECIBIDO${bank} / ${track()} ${code} ${numref}${concept}`, deposit: it.amount, charge: 0 }, { kind: "review", scenario, customer: c.code });
            made++;
            break;
          }
          case "alreadyCleared": {
            const old = clearedOf.get(c.code)?.[0];
            if (!old) {
              push({ date, description: spei(refConcept(it)), deposit: it.amount, charge: 0 }, match(c, [it], "ref"));
              break;
            }
            push({ date, description: spei(refConcept(old)), deposit: old.amount, charge: 0 }, { kind: "review", scenario, customer: c.code });
            break;
          }
          case "advance":
            push({ date, description: spei(r.pick(["ANTICIPO PEDIDO", "ANTICIPO OBRA", "PAGO ANTICIPADO"]), ext.bankReference), deposit: r.int(5, 80) * 1_000_000, charge: 0 }, { kind: "review", scenario, customer: c.code });
            break;
          case "sharedRef": {
            const [a] = sharedPairs[r.int(0, sharedPairs.length - 1)];
            const x = unpaid(a, 1)[0];
            if (!x) break;
            x.paid = true;
            push({ date, description: spei("PAGO", extra.get(a.code)!.bankReference), deposit: x.amount, charge: 0 }, { kind: "review", scenario, customer: a.code });
            break;
          }
        }
      }
      // Charges between the deposits: SPEI fees, supplier payments, cheques paid.
      if (r.chance(0.25)) {
        const kind = r.int(0, 3);
        if (kind === 0) {
          push({ date, description: "COMISION TRANSFERENCIA SPEI", deposit: 0, charge: 600 });
          push({ date, description: "IVA COMISION TRANSFERENCIA SPEI", deposit: 0, charge: 96 });
        } else if (kind === 1) {
          const [bank, code] = r.pick(SPEI_BANKS);
          push({ date, description: `SPEI ENVIADO${bank} / ${r.digits(10)} ${code} ${r.digits(7)}PAGO PROVEEDOR`, deposit: 0, charge: r.int(5_000, 900_000) * 10 });
        } else if (kind === 2) {
          push({ date, description: `CHEQUE PAGADO / ${r.digits(7)}`, deposit: 0, charge: r.int(1_000, 300_000) * 10 });
        } else {
          push({ date, description: `PAGO DE SERVICIO / ${r.digits(10)} ${r.pick(["CFE", "TELMEX", "SAT"])}`, deposit: 0, charge: r.int(1_000, 80_000) * 10 });
        }
      }
    }
  }
  return { customers, extra, invoices, lines, answers };
}

// ---- writers --------------------------------------------------------------------------------

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function dmy(day: CivilDay, sep: string): string {
  const { y, m, d } = civilFromDay(day);
  return `${String(d).padStart(2, "0")}${sep}${String(m).padStart(2, "0")}${sep}${y}`;
}

/** BBVA México's web CSV: UTF-8, `FECHA,DESCRIPCIÓN,CARGO,ABONO,SALDO`, charges negative, amounts quoted. */
export function bbvaCsv(lines: readonly StatementLine[], opening = 250_000_000): string {
  const out = ["FECHA,DESCRIPCIÓN,CARGO,ABONO,SALDO"];
  let balance = opening;
  for (const l of lines) {
    balance += l.deposit - l.charge;
    out.push([dmy(l.date, "/"), l.description, l.charge ? `-${sapAmount(l.charge)}` : "", l.deposit ? sapAmount(l.deposit) : "", sapAmount(balance)].map(csvField).join(","));
  }
  return "\ufeff" + out.join("\r\n") + "\r\n";
}

export const PAYMENTS_LEDGER_HEADERS = ["Cuenta", "Nº documento", "Clase de documento", "Referencia", "Fecha de documento", "Vencimiento neto", "Importe en moneda local", "Moneda local", "Fecha de compensación", "Texto"];

/** An FBL5N "all items" layout trimmed to what cash application reads, as SAP writes it: tabs, Windows-1252, title lines. */
export function* ledgerTxt(sample: PaymentsSample): Generator<Buffer> {
  const head = ["Materiales y Concretos del Bajío, S.A. de C.V.", "Partidas individuales de deudores", "", PAYMENTS_LEDGER_HEADERS.join("\t")];
  yield encodeCp1252(head.join("\r\n") + "\r\n");
  let chunk: string[] = [];
  const dates = new Map<number, string>();
  const date = (d: CivilDay | null) => {
    if (d === null) return "";
    let s = dates.get(d);
    if (s === undefined) dates.set(d, (s = dmy(d, ".")));
    return s;
  };
  for (const it of sample.invoices) {
    chunk.push([it.customer.code, it.documentNumber, it.type, it.reference, date(it.date), date(it.due), sapAmount(it.amount), "MXN", date(it.clearingDate), it.text].join("\t"));
    if (chunk.length >= 20_000) {
      yield encodeCp1252(chunk.join("\r\n") + "\r\n");
      chunk = [];
    }
  }
  if (chunk.length) yield encodeCp1252(chunk.join("\r\n") + "\r\n");
}

export function customersCsv(sample: PaymentsSample): string {
  const out = ["Cliente,Nombre,RFC,Plazo,Límite de crédito,Plaza,Referencia bancaria,Cuentas bancarias,Nombres alternos"];
  for (const c of sample.customers) {
    const e = sample.extra.get(c.code)!;
    out.push([c.code.replace(/^0+/, ""), c.name, c.rfc, String(c.termDays), String(c.creditLimit), c.plaza, e.bankReference, e.accounts.join(";"), e.altNames.join(";")].map(csvField).join(","));
  }
  return "\ufeff" + out.join("\r\n") + "\r\n";
}

export function answersJson(sample: PaymentsSample): string {
  return JSON.stringify(Object.fromEntries([...sample.answers].map(([k, v]) => [String(k), v])), null, 1);
}

export interface PaymentsFiles {
  bank: string;
  ledger: string;
  customers: string;
  answers: string;
}

export function writePaymentsSample(files: PaymentsFiles, options: PaymentsSampleOptions): PaymentsSample {
  const sample = generatePayments(options);
  for (const f of Object.values(files)) mkdirSync(dirname(f), { recursive: true });
  writeFileSync(files.bank, bbvaCsv(sample.lines), "utf8");
  writeFileSync(files.ledger, Buffer.concat([...ledgerTxt(sample)]));
  writeFileSync(files.customers, customersCsv(sample), "utf8");
  writeFileSync(files.answers, answersJson(sample), "utf8");
  return sample;
}

export const PAYMENTS_SAMPLE_OPTIONS: PaymentsSampleOptions = { customers: 300, openItems: 6000, deposits: 600, seed: DEFAULT_SEED, statementEnd: "2026-10-31", days: 20 };

if (require.main === module) {
  const root = __dirname.includes(join("dist", "samples")) ? join(__dirname, "..", "..") : join(__dirname, "..");
  const dir = join(root, "samples");
  const files = { bank: join(dir, "bank-bbva.csv"), ledger: join(dir, "payments-ledger.txt"), customers: join(dir, "payments-customers.csv"), answers: join(dir, "payments-answers.json") };
  const s = writePaymentsSample(files, PAYMENTS_SAMPLE_OPTIONS);
  const deposits = s.lines.filter((l) => l.deposit > 0).length;
  console.log(`${files.bank}: ${s.lines.length} lines, ${deposits} deposits; ${files.ledger}: ${s.invoices.length} items; ${files.customers}: ${s.customers.length} customers`);
}
