/**
 * Sample data for the reconciliations (issue 9), from one fixed seed, with the answers the
 * engine must find planted in them (the tests check both the files and the answers):
 *
 *   samples/deliveries.csv          a plant dispatch system's remissions for October 2026
 *                                   (UTF-8 with BOM, title lines, repeated headers, items,
 *                                   blank quantities, a cancelled load, a mistyped date)
 *   samples/invoice-lines.csv       the billing system's invoice lines citing them (lists,
 *                                   ranges, prefixes and zeros in every style; a cancelled and
 *                                   re-issued invoice, freight lines, a mistyped amount)
 *   samples/customer-statement.csv  one customer's statement of our account, from its own
 *                                   system (Windows-1252, Cargo/Abono, running balance), against
 *                                   samples/ledger-fbl5n.txt
 *
 *   npm run samples   (after samples/generate.ts, whose ledger the statement reconciles with)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dayFromCivil, formatDayFirst, weekday, type CivilDay } from "../src/core/dates";
import { COMPANY, DEFAULT_SEED, encodeCp1252, generateCustomers, generateLedger, mulberry32, SAMPLE_OPTIONS, type SampleCustomer, type SampleItem } from "./generate";

// ---- Randomness ----------------------------------------------------------------------------

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
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Removes and returns a random element satisfying `ok`. */
  take<T>(xs: T[], ok: (x: T) => boolean): T {
    const candidates = xs.filter(ok);
    if (candidates.length === 0) throw new Error("samples/reconcile: no candidate left to plant");
    const x = this.pick(candidates);
    xs.splice(xs.indexOf(x), 1);
    return x;
  }
}

// ---- Formatting ----------------------------------------------------------------------------

function money(centavos: number): string {
  const neg = centavos < 0;
  const abs = Math.abs(centavos);
  const units = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${neg ? "-" : ""}${String(units).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${String(cents).padStart(2, "0")}`;
}

function qty(t: number, decimals: number): string {
  const units = Math.floor(t / 1000);
  const frac = String(t % 1000).padStart(3, "0").slice(0, decimals);
  return `${String(units).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${decimals ? "." + frac : ""}`;
}

function csv(fields: readonly string[]): string {
  return fields.map((s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)).join(",");
}

const oct = (d: number) => dayFromCivil(2026, 10, d);

// ---- Deliveries and invoice lines ----------------------------------------------------------

interface Product {
  code: string;
  name: string;
  unit: string;
  /** Centavos per unit. */
  price: number;
  decimals: number;
  quantity: (r: Rng) => number;
}

const CONCRETE: Product[] = [
  { code: "CON200", name: "Concreto premezclado f'c 200", unit: "M3", price: 215000, decimals: 2, quantity: (r) => r.pick([5000, 6000, 6500, 7000, 7500, 8000]) },
  { code: "CON250", name: "Concreto premezclado f'c 250", unit: "M3", price: 235000, decimals: 2, quantity: (r) => r.pick([5000, 6000, 6500, 7000, 7500, 8000]) },
  { code: "CON300", name: "Concreto premezclado f'c 300", unit: "M3", price: 260000, decimals: 2, quantity: (r) => r.pick([6000, 7000, 7500, 8000]) },
];
const AGGREGATES: Product[] = [
  { code: "GRAVA34", name: "Grava 3/4 pulg.", unit: "T", price: 42000, decimals: 3, quantity: (r) => r.int(12000, 28000) },
  { code: "ARENA", name: "Arena de río", unit: "T", price: 38000, decimals: 3, quantity: (r) => r.int(12000, 28000) },
  { code: "BLOCK15", name: "Block hueco 15x20x40", unit: "PZA", price: 1450, decimals: 0, quantity: (r) => r.int(10, 50) * 50000 },
];
const ADDITIVE: Product = { code: "ADIT-IMP", name: "Aditivo impermeabilizante", unit: "L", price: 3800, decimals: 0, quantity: (r) => r.int(10, 40) * 1000 };
const FREIGHT: Product = { code: "FLETE", name: "Flete a obra", unit: "SERV", price: 85000, decimals: 0, quantity: () => 1000 };
const PLANTS = [
  { code: "P01", name: "León" },
  { code: "P02", name: "Querétaro" },
  { code: "P03", name: "Celaya" },
];
const JOBSITES = ["Torre Reforma", "Fracc. Los Olivos", "Nave Industrial Puerto Interior", "Plaza Comercial Altacia", "Hospital Regional", "Puente Vehicular Blvd. López Mateos", "Conjunto Habitacional Las Joyas", "Escuela Secundaria Técnica 12", "Bodega Parque Castro del Río", "Residencial Campestre"];

interface Item {
  product: Product;
  /** Thousandths; null is a blank cell. */
  quantity: number | null;
  amount: number;
}

interface Rem {
  number: number;
  date: CivilDay;
  customer: Cust;
  plant: (typeof PLANTS)[number];
  jobsite: string;
  items: Item[];
  status: string;
  /** The date cell as typed when it is wrong on purpose. */
  badDate?: string;
  /** Filled when written: the data rows of its items. */
  rows: number[];
}

interface Cust {
  c: SampleCustomer;
  kind: "concrete" | "aggregates";
  /** One line per remission (some billing clerks), or one per product and invoice. */
  perRemission: boolean;
  main: Product;
  plant: (typeof PLANTS)[number];
  jobsite: string;
}

interface Line {
  invoice: string;
  date: CivilDay;
  customerCode: string;
  product: Product;
  remissions: Rem[];
  quantity: number | null;
  amount: number;
  /** The citation as written when it is planted so (else formatted from `remissions`). */
  citation?: string;
  amountText?: string;
  cancelled?: boolean;
}

const remText = (n: number) => `R${n}`;

/** The citation styles of the billing clerks: prefixes, zeros, separators and ranges. */
function formatCitation(r: Rng, rems: readonly Rem[]): string {
  const ns = rems.map((x) => x.number);
  const style = r.int(0, 3);
  const one = (n: number) => (style === 0 ? `R${n}` : style === 1 ? `r${n}` : style === 2 ? `R-0${n}` : `Rem. ${n}`);
  const consecutive = ns.length >= 3 && ns.every((n, i) => i === 0 || n === ns[i - 1] + 1);
  if (consecutive && r.chance(0.6)) return r.chance(0.5) ? `R${ns[0]}-R${ns[ns.length - 1]}` : `R${ns[0]}-${ns[ns.length - 1]}`;
  return ns.map(one).join(r.pick([", ", ";", " ", " / "]));
}

export interface DeliveriesAnswers {
  /** Remission numbers as written on the deliveries list. */
  notInvoiced: string[];
  missing: { invoice: string; remission: string; reason: "notOnFile" | "cancelled" }[];
  duplicates: { remission: string; invoices: string[] }[];
  differences: { remission: string; invoice: string; field: "customer" | "product" | "quantity" | "amount" }[];
  ambiguous: { invoice: string; cited: string }[];
  uncited: string[];
  rejected: { file: "deliveries" | "invoices"; row: number; column: string }[];
  matched: number;
  cancelledLines: number;
  /** Remissions on file (read, not cancelled). */
  remissions: number;
  repeatedHeaders: number;
}

export interface DeliveriesSample {
  deliveries: string;
  invoices: string;
  answers: DeliveriesAnswers;
}

const DELIVERY_HEADER = ["Remisión", "Pos.", "Fecha remisión", "Cliente", "Nombre del cliente", "Obra", "Planta", "Material", "Descripción", "Cantidad", "Unidad", "Importe", "Estatus"];
const INVOICE_HEADER = ["Factura", "Pos.", "Fecha factura", "Cliente", "Nombre del cliente", "Material", "Descripción", "Cantidad facturada", "Unidad", "Valor neto", "Moneda", "Remisiones", "Anulada"];

export function generateDeliveriesSample(seed = DEFAULT_SEED): DeliveriesSample {
  const r = new Rng((seed ^ 0x5eed0901) >>> 0);
  const customers: Cust[] = generateCustomers(300, seed)
    .filter((c) => !c.usd)
    .slice(0, 36)
    .map((c) => {
      const kind = r.chance(0.7) ? "concrete" : "aggregates";
      return { c, kind, perRemission: r.chance(0.3), main: r.pick(kind === "concrete" ? CONCRETE : AGGREGATES), plant: r.pick(PLANTS), jobsite: r.pick(JOBSITES) };
    });
  // Every customer in both lists, and one of each billing style at least.
  customers[0].perRemission = true;
  customers[0].kind = "concrete";
  customers[0].main = CONCRETE[1];
  customers[1].perRemission = false;

  // ---- Loads, day by day: a customer's loads of a day get consecutive numbers.
  const rems: Rem[] = [];
  let next = 100001;
  const item = (p: Product): Item => {
    const q = p.quantity(r);
    return { product: p, quantity: q, amount: Math.round((q * p.price) / 1000) };
  };
  for (let d = 1; d <= 31; d++) {
    const day = oct(d);
    if (weekday(day) === 6) continue; // Sundays the plants rest
    for (const cu of customers) {
      if (!r.chance(0.45)) continue;
      const loads = 1 + r.int(0, 3);
      for (let k = 0; k < loads; k++) {
        const p = r.chance(0.8) ? cu.main : r.pick(cu.kind === "concrete" ? CONCRETE : AGGREGATES);
        const items = [item(p)];
        if (cu.kind === "concrete" && r.chance(0.12)) items.push(item(ADDITIVE));
        rems.push({ number: next++, date: day, customer: cu, plant: cu.plant, jobsite: cu.jobsite, items, status: "", rows: [] });
      }
    }
  }

  // ---- Weekly invoices on Mondays for the loads up to the Saturday before, and the month-end
  // cut on the 31st for the loads up to the 30th.
  const lines: Line[] = [];
  let folio = 5000;
  const invoiceDays = [oct(5), oct(12), oct(19), oct(26), oct(31)];
  const invoicesOf = new Map<Cust, { invoice: string; date: CivilDay }[]>();
  let covered = oct(0);
  for (const day of invoiceDays) {
    const upTo = day === oct(31) ? day - 1 : day - 2;
    for (const cu of customers) {
      const mine = rems.filter((x) => x.customer === cu && x.date > covered && x.date <= upTo);
      if (mine.length === 0) continue;
      const invoice = `A-${++folio}`;
      const list = invoicesOf.get(cu) ?? [];
      list.push({ invoice, date: day });
      invoicesOf.set(cu, list);
      const products = [...new Set(mine.flatMap((x) => x.items.map((it) => it.product)))];
      for (const p of products) {
        const citing = mine.filter((x) => x.items.some((it) => it.product === p));
        const groups = cu.perRemission ? citing.map((x) => [x]) : [citing];
        for (const g of groups) {
          const its = g.flatMap((x) => x.items.filter((it) => it.product === p));
          lines.push({ invoice, date: day, customerCode: cu.c.code.replace(/^0+/, ""), product: p, remissions: g, quantity: its.reduce((s, it) => s + (it.quantity ?? 0), 0), amount: its.reduce((s, it) => s + it.amount, 0) });
        }
      }
    }
    covered = upTo;
  }

  const answers: DeliveriesAnswers = { notInvoiced: [], missing: [], duplicates: [], differences: [], ambiguous: [], uncited: [], rejected: [], matched: 0, cancelledLines: 0, remissions: 0, repeatedHeaders: 0 };
  const linesOf = (x: Rem) => lines.filter((l) => l.remissions.includes(x));
  const simple = (x: Rem) => x.items.length === 1 && linesOf(x).length === 1;
  const unplanted = rems.filter((x) => linesOf(x).length > 0);
  /** A remission's own line: split from a grouped line, its figures moved with it. */
  const ownLine = (x: Rem): Line => {
    const l = linesOf(x)[0];
    if (l.remissions.length === 1) return l;
    l.remissions = l.remissions.filter((y) => y !== x);
    l.quantity = (l.quantity ?? 0) - (x.items[0].quantity ?? 0);
    l.amount -= x.items[0].amount;
    const own: Line = { ...l, remissions: [x], quantity: x.items[0].quantity, amount: x.items[0].amount, citation: undefined };
    lines.splice(lines.indexOf(l) + 1, 0, own);
    return own;
  };
  const early = (x: Rem) => x.date <= oct(17);

  // Forgotten: invoiced by nobody (oldest first in the answer, by the engine).
  for (let k = 0; k < 5; k++) {
    const x = r.take(unplanted, (y) => early(y));
    for (const l of linesOf(x)) {
      const its = x.items.filter((it) => it.product === l.product);
      l.remissions = l.remissions.filter((y) => y !== x);
      l.quantity = (l.quantity ?? 0) - its.reduce((s, it) => s + (it.quantity ?? 0), 0);
      l.amount -= its.reduce((s, it) => s + it.amount, 0);
      if (l.remissions.length === 0) lines.splice(lines.indexOf(l), 1);
    }
  }
  // A cancelled load that was billed all the same.
  const cancelled = r.take(unplanted, simple);
  cancelled.status = "Cancelada";
  const cancelledLine = ownLine(cancelled);
  cancelledLine.citation = remText(cancelled.number);
  answers.missing.push({ invoice: cancelledLine.invoice, remission: remText(cancelled.number), reason: "cancelled" });
  // A load whose date was mistyped on the list: rejected, so its invoice cites one not on file.
  const misdated = r.take(unplanted, simple);
  misdated.badDate = "31/09/2026";
  const misdatedLine = ownLine(misdated);
  misdatedLine.citation = remText(misdated.number);
  answers.missing.push({ invoice: misdatedLine.invoice, remission: remText(misdated.number), reason: "notOnFile" });
  // A line whose amount was mistyped: rejected, so its remission shows as not invoiced.
  const mistyped = r.take(unplanted, simple);
  ownLine(mistyped).amountText = "1,2x3.00";
  // A remission nobody delivered, cited on an invoice.
  {
    const host = r.pick(lines.filter((l) => l.product.unit === "M3"));
    const ghost: Line = { ...host, remissions: [], citation: "R-099999", quantity: 7000, amount: 7 * host.product.price, amountText: undefined, cancelled: undefined };
    lines.splice(lines.indexOf(host) + 1, 0, ghost);
    answers.missing.push({ invoice: ghost.invoice, remission: "R-099999", reason: "notOnFile" });
  }
  // Invoiced twice: billed again on a later invoice of the same customer.
  for (let k = 0; k < 2; k++) {
    const x = r.take(unplanted, (y) => simple(y) && y.date <= oct(10) && (invoicesOf.get(y.customer)?.length ?? 0) >= 3);
    const first = linesOf(x)[0];
    const later = invoicesOf.get(x.customer)!.filter((i) => i.date > first.date).pop()!;
    lines.push({ invoice: later.invoice, date: later.date, customerCode: first.customerCode, product: x.items[0].product, remissions: [x], quantity: x.items[0].quantity, amount: x.items[0].amount });
    answers.duplicates.push({ remission: remText(x.number), invoices: [first.invoice, later.invoice] });
  }
  // Differences on lines of their own: quantity, amount, customer, product; and a centavo within the tolerance.
  const diff = (field: DeliveriesAnswers["differences"][number]["field"], plant: (l: Line, x: Rem) => void, ok: (x: Rem) => boolean = () => true) => {
    const x = r.take(unplanted, (y) => simple(y) && ok(y));
    const l = ownLine(x);
    plant(l, x);
    answers.differences.push({ remission: remText(x.number), invoice: l.invoice, field });
  };
  diff("quantity", (l) => (l.quantity = (l.quantity ?? 0) + 500), (y) => y.items[0].product.unit === "M3");
  diff("quantity", (l) => (l.quantity = (l.quantity ?? 0) + 1000));
  diff("amount", (l) => (l.amount += 35000));
  diff("amount", (l) => (l.amount -= 120050));
  diff("customer", (l) => (l.customerCode = customers.find((c) => c.c.code.replace(/^0+/, "") !== l.customerCode)!.c.code.replace(/^0+/, "")));
  diff("product", (l) => (l.product = CONCRETE.find((p) => p !== l.product)!), (y) => y.items[0].product.unit === "M3");
  // Blank quantities on the list: unknown, so the billed quantity cannot be confirmed.
  diff("quantity", (_l, x) => (x.items[0].quantity = null));
  diff("quantity", (_l, x) => (x.items[0].quantity = null));
  for (let k = 0; k < 2; k++) {
    const x = r.take(unplanted, simple);
    ownLine(x).amount += 1; // one centavo of rounding: within the default tolerance
  }
  // A shorthand range (`R100701-03`): unreadable without a guess, so its loads stay not invoiced.
  {
    const l = r.pick(
      lines.filter((y) => {
        const ns = y.remissions.map((x) => x.number);
        return ns.length >= 3 && ns.length <= 8 && ns.every((n, i) => i === 0 || n === ns[i - 1] + 1) && ns[0] % 100 < 90 && y.remissions.every((x) => x.items.length === 1 && linesOf(x).length === 1 && unplanted.includes(x));
      }),
    );
    const a = l.remissions[0].number;
    const b = l.remissions[l.remissions.length - 1].number;
    l.citation = `R${a}-${String(b % 100).padStart(2, "0")}`;
    answers.ambiguous.push({ invoice: l.invoice, cited: l.citation });
    for (const x of l.remissions) unplanted.splice(unplanted.indexOf(x), 1);
    l.remissions = [];
  }
  // Freight billed on its own lines, citing nothing.
  for (let k = 0; k < 3; k++) {
    const host = r.pick(lines);
    const f: Line = { invoice: host.invoice, date: host.date, customerCode: host.customerCode, product: FREIGHT, remissions: [], citation: "", quantity: 1000, amount: FREIGHT.price };
    lines.splice(lines.indexOf(host) + 1, 0, f);
    answers.uncited.push(f.invoice);
  }
  // The same number at two plants for two customers: each invoice's customer tells them apart.
  {
    const x = r.pick(rems.filter((y) => simple(y) && y.plant.code === "P01" && unplanted.includes(y) && y.date >= oct(5) && y.date <= oct(10)));
    const other = customers.find((c) => c.plant.code === "P03" && (invoicesOf.get(c) ?? []).some((i) => i.date === oct(12)))!;
    const twin: Rem = { number: x.number, date: x.date, customer: other, plant: PLANTS[2], jobsite: other.jobsite, items: [item(other.main)], status: "", rows: [] };
    rems.splice(rems.indexOf(x) + 1, 0, twin);
    const inv = invoicesOf.get(other)!.find((i) => i.date === oct(12))!;
    lines.push({ invoice: inv.invoice, date: inv.date, customerCode: other.c.code.replace(/^0+/, ""), product: twin.items[0].product, remissions: [twin], quantity: twin.items[0].quantity, amount: twin.items[0].amount });
  }
  // A cancelled invoice, re-issued under a new folio: its lines bill nothing.
  {
    const cu = customers[1];
    const inv = invoicesOf.get(cu)![0];
    const copy = lines.filter((l) => l.invoice === inv.invoice).map((l): Line => ({ ...l, invoice: `A-${4000 + cu.c.code.length}`, cancelled: true, amountText: undefined }));
    lines.splice(lines.findIndex((l) => l.invoice === inv.invoice), 0, ...copy);
    answers.cancelledLines = copy.length;
  }

  // ---- The deliveries list.
  const out: string[] = [`Reporte de remisiones – ${COMPANY}`, "Plantas León, Querétaro y Celaya – del 01/10/2026 al 31/10/2026", "", csv(DELIVERY_HEADER)];
  let dataRows = 0;
  for (const x of rems) {
    x.items.forEach((it, k) => {
      if (dataRows > 0 && dataRows % 700 === 0) {
        out.push(csv(DELIVERY_HEADER)); // the plant system repeats its header on each page
        answers.repeatedHeaders++;
      }
      out.push(
        csv([
          remText(x.number),
          String((k + 1) * 10),
          x.badDate ?? formatDayFirst(x.date),
          x.customer.c.code,
          x.customer.c.name,
          x.jobsite,
          x.plant.code,
          it.product.code,
          it.product.name,
          it.quantity === null ? "" : qty(it.quantity, it.product.decimals),
          it.product.unit,
          money(it.amount),
          x.status,
        ]),
      );
      x.rows.push(out.length);
      dataRows++;
    });
  }
  out.push("");
  answers.rejected.push({ file: "deliveries", row: misdated.rows[0], column: "Fecha remisión" });

  // ---- The invoice lines.
  const inv: string[] = [csv(INVOICE_HEADER)];
  const item10 = new Map<string, number>();
  const names = new Map(customers.map((c) => [c.c.code.replace(/^0+/, ""), c.c.name]));
  for (const l of lines) {
    const pos = (item10.get(l.invoice) ?? 0) + 10;
    item10.set(l.invoice, pos);
    const citation = l.citation ?? formatCitation(r, l.remissions);
    inv.push(csv([l.invoice, String(pos), formatDayFirst(l.date), l.customerCode, names.get(l.customerCode) ?? "", l.product.code, l.product.name, l.quantity === null ? "" : qty(l.quantity, l.product.decimals), l.product.unit, l.amountText ?? money(l.amount), "MXN", citation, l.cancelled ? "X" : ""]));
    if (l.amountText) answers.rejected.push({ file: "invoices", row: inv.length, column: "Valor neto" });
  }

  // ---- What the engine must find.
  const rejectedRems = new Set([misdated]);
  const billed = new Set<Rem>();
  for (const l of lines) if (!l.cancelled && !l.amountText) for (const x of l.remissions) if (!rejectedRems.has(x) && x.status === "") billed.add(x);
  const active = rems.filter((x) => !rejectedRems.has(x) && x.status === "");
  answers.remissions = active.length;
  answers.notInvoiced = active.filter((x) => !billed.has(x)).map((x) => remText(x.number));
  const pairs = new Set<string>();
  for (const l of lines) if (!l.cancelled && !l.amountText) for (const x of l.remissions) if (billed.has(x)) pairs.add(`${rems.indexOf(x)}/${l.invoice}`);
  answers.matched = pairs.size;
  return { deliveries: "\ufeff" + out.join("\r\n"), invoices: inv.join("\r\n") + "\r\n", answers };
}

// ---- The customer's statement ---------------------------------------------------------------

export interface StatementAnswers {
  customer: string;
  name: string;
  ourBalance: number;
  theirBalance: number;
  matched: number;
  items: { type: string; document: string; effect: number }[];
}

const KEY = oct(31);

function isOpen(it: SampleItem): boolean {
  return it.postingDate <= KEY && (it.clearingDate === null || it.clearingDate > KEY);
}

/** A folio fiscal that looks like SAT's (version 4 UUID), from the seed. */
function uuid(r: Rng): string {
  const hex = () => r.int(0, 15).toString(16).toUpperCase();
  const part = (n: number) => Array.from({ length: n }, hex).join("");
  return `${part(8)}-${part(4)}-4${part(3)}-${"89AB"[r.int(0, 3)]}${part(3)}-${part(12)}`;
}

export function generateStatementSample(seed = DEFAULT_SEED): { csv: Buffer; answers: StatementAnswers } {
  const r = new Rng((seed ^ 0x57a7e3e7) >>> 0);
  let chosen: { customer: SampleCustomer; items: SampleItem[] } | undefined;
  for (const x of generateLedger(SAMPLE_OPTIONS)) {
    if (x.customer.usd) continue;
    const open = x.items.filter(isOpen);
    const invoices = open.filter((o) => o.type === "RV" || o.type === "DR");
    if (invoices.length >= 8 && open.filter((o) => o.type === "DG").length >= 2 && open.every((o) => o.currency === "MXN") && open.some((o) => o.type === "DZ") && x.items.some((o) => o.type === "RV" && o.clearingDate !== null && o.clearingDate <= KEY) && open.length <= 25) {
      chosen = x;
      break;
    }
  }
  if (!chosen) throw new Error("samples/reconcile: no customer fits the statement sample");
  const open = chosen.items.filter(isOpen).sort((a, b) => a.documentDate - b.documentDate || a.documentNumber.localeCompare(b.documentNumber));
  const invoices = open.filter((o) => o.type === "RV" || o.type === "DR");
  const credits = open.filter((o) => o.type === "DG");
  const payments = open.filter((o) => o.type === "DZ");
  // An invoice we consider paid, that no open item of ours refers to (a credit memo's assignment would).
  const keyOf = (ref: string) => ref.replace(/^\D+-?/, "").replace(/^0+/, "");
  const referred = new Set(open.flatMap((o) => [keyOf(o.reference), keyOf(o.assignment)]));
  const cleared = chosen.items.filter((o) => o.type === "RV" && o.clearingDate !== null && o.clearingDate <= KEY && !referred.has(keyOf(o.reference))).pop()!;

  interface Row {
    date: CivilDay;
    folio: string;
    uuid: string;
    concept: string;
    /** Their debit (cargo) and credit (abono), centavos ≥ 0: in their books our invoice is an abono. */
    cargo: number;
    abono: number;
  }
  const rows: Row[] = [];
  const items: StatementAnswers["items"] = [];
  const folioOf = (it: SampleItem) => {
    const [series, n] = it.reference.split("-");
    return r.pick([`${series}-${n}`, `${series} ${n}`, n, `${series}${n.padStart(7, "0")}`]);
  };
  const [skipped, short, g1, g2, p1, p2, ...rest] = [...invoices].reverse();
  // Our latest invoice has not reached them.
  items.push({ type: "invoice-not-recorded", document: skipped.documentNumber, effect: -skipped.amountDocument });
  // They booked one for 1,000.00 less.
  rows.push({ date: short.documentDate, folio: folioOf(short), uuid: uuid(r), concept: "Factura", cargo: 0, abono: short.amountDocument - 100000 });
  items.push({ type: "amount-difference", document: short.documentNumber, effect: -100000 });
  // Two of ours on one line of theirs.
  rows.push({ date: g2.documentDate, folio: `${g2.reference} / ${g1.reference}`, uuid: "", concept: "Facturas", cargo: 0, abono: g1.amountDocument + g2.amountDocument });
  // Two they have paid, by a transfer we have not applied yet.
  for (const p of [p1, p2]) rows.push({ date: p.documentDate, folio: folioOf(p), uuid: uuid(r), concept: "Factura", cargo: 0, abono: p.amountDocument });
  const paid = p1.amountDocument + p2.amountDocument;
  const transfer = `${p2.reference}, ${p1.reference}`;
  rows.push({ date: oct(30), folio: transfer, uuid: "", concept: "Pago SPEI BBVA", cargo: paid, abono: 0 });
  items.push({ type: "payment-in-transit", document: transfer, effect: -paid });
  for (const it of rest) rows.push({ date: it.documentDate, folio: folioOf(it), uuid: uuid(r), concept: "Factura", cargo: 0, abono: it.amountDocument });
  // Our first credit note is not on their side; the others are.
  items.push({ type: "credit-note-not-recorded", document: credits[0].documentNumber, effect: -credits[0].amountDocument });
  for (const c of credits.slice(1)) rows.push({ date: c.documentDate, folio: c.reference, uuid: uuid(r), concept: "Nota de crédito", cargo: -c.amountDocument, abono: 0 });
  // Our payments on account are their advances.
  for (const p of payments) rows.push({ date: p.documentDate, folio: p.reference, uuid: "", concept: "Anticipo", cargo: -p.amountDocument, abono: 0 });
  // An invoice we consider paid that they still show.
  rows.push({ date: cleared.documentDate, folio: cleared.reference, uuid: uuid(r), concept: "Factura", cargo: 0, abono: cleared.amountDocument });
  items.push({ type: "unexplained", document: cleared.reference, effect: cleared.amountDocument });

  rows.sort((a, b) => a.date - b.date);
  let balance = 0;
  let cargos = 0;
  let abonos = 0;
  const peso = (c: number) => (c === 0 ? "" : `$${money(c)}`);
  const lines = [chosen.customer.name, `Estado de cuenta del proveedor: ${COMPANY}`, "Cuentas por pagar – al 31/10/2026", "", csv(["Fecha", "Folio", "UUID", "Concepto", "Cargo", "Abono", "Saldo"])];
  for (const x of rows) {
    balance += x.abono - x.cargo;
    cargos += x.cargo;
    abonos += x.abono;
    lines.push(csv([formatDayFirst(x.date), x.folio, x.uuid, x.concept, peso(x.cargo), peso(x.abono), `$${money(balance)}`]));
  }
  lines.push(csv(["", "", "", "Total", peso(cargos), peso(abonos), `$${money(balance)}`]));
  const ourBalance = open.reduce((s, o) => s + o.amountDocument, 0);
  const order = ["payment-in-transit", "credit-note-not-recorded", "invoice-not-recorded", "amount-difference", "unexplained"];
  items.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
  const matched = open.length - 2 /* skipped invoice, first credit note */;
  return {
    csv: encodeCp1252(lines.join("\r\n") + "\r\n"),
    answers: { customer: chosen.customer.code, name: chosen.customer.name, ourBalance, theirBalance: balance, matched, items },
  };
}

// ---- Command line ---------------------------------------------------------------------------

function main(): void {
  const root = __dirname.includes(join("dist", "samples")) ? join(__dirname, "..", "..") : join(__dirname, "..");
  const dir = join(root, "samples");
  mkdirSync(dir, { recursive: true });
  const d = generateDeliveriesSample();
  writeFileSync(join(dir, "deliveries.csv"), d.deliveries, "utf8");
  writeFileSync(join(dir, "invoice-lines.csv"), d.invoices, "utf8");
  const a = d.answers;
  console.log(`samples/deliveries.csv, samples/invoice-lines.csv: ${a.remissions} remissions on file, ${a.matched} pairs; planted: ${a.notInvoiced.length} not invoiced, ${a.missing.length} missing (${a.missing.map((m) => m.remission).join(", ")}), ${a.duplicates.length} invoiced twice, ${a.differences.length} differences, ${a.ambiguous.length} unreadable citation (${a.ambiguous.map((x) => x.cited).join(", ")}), ${a.uncited.length} freight lines, rejected rows ${a.rejected.map((x) => `${x.file}:${x.row}`).join(", ")}`);
  const s = generateStatementSample();
  writeFileSync(join(dir, "customer-statement.csv"), s.csv);
  const money2 = (c: number) => (c / 100).toFixed(2);
  console.log(`samples/customer-statement.csv: customer ${s.answers.customer} (${s.answers.name}), our balance ${money2(s.answers.ourBalance)}, theirs ${money2(s.answers.theirBalance)}; items: ${s.answers.items.map((i) => `${i.type} ${i.document} ${money2(i.effect)}`).join("; ")}`);
}

if (require.main === module) main();
