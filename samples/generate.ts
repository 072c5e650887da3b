/**
 * Sample data for Cartera: a demo SAP FBL5N ledger (as SAP's "text with tabs" export and as
 * .xlsx) and the matching customer master, all from one fixed seed so the demo, the tests and
 * the README figures never drift.
 *
 *   npm run samples            writes samples/ledger-fbl5n.txt, samples/customers.csv,
 *                              samples/ledger.xlsx, and for the credit review
 *                              samples/orders.csv, samples/unbilled-deliveries.csv,
 *                              samples/payment-history.csv
 *
 * The benchmark imports `writeSapTxt` / `writeLedgerXlsx` to make 1,000,000-row files: every
 * writer streams customer by customer, so memory stays flat whatever the size.
 *
 * Deliberately bad rows in the .txt (so the demo shows rejected rows). With the fixed seed
 * (`npm run samples`) they are these lines of samples/ledger-fbl5n.txt (1-based, the row
 * numbers a reader reports); each is an open invoice the aging would otherwise count:
 *   line  2248  Fecha de documento `31.02.2026`: February has no 31st.
 *   line  6115  Importe en moneda local and Importe en moneda doc. `12,3x4.00`: a mistyped
 *               amount, a letter among the digits.
 *   line  9963  Vencimiento neto `31.09.2026`: September has 30 days.
 *   line 13821  Cuenta empty: a row pasted in without its customer account.
 *   line 17279  Moneda del documento `M.N.`: "moneda nacional" typed by hand, not an ISO code.
 *               The reader knows this alias and takes it as MXN, so this row is not rejected:
 *               it is here to keep that alias working on real data.
 * The .xlsx carries the same items correctly, so the two files differ by exactly these rows
 * (the first four are rejected; the fifth ages as MXN).
 * The summary printed by `npm run samples` lists them again, computed, so a change to the
 * generator that moves them shows up there.
 */
import { once } from "node:events";
import { createWriteStream, mkdirSync, statSync, type WriteStream } from "node:fs";
import { dirname, join } from "node:path";
import { finished } from "node:stream/promises";
import ExcelJS from "exceljs";
import { civilFromDay, dayFromCivil, serialFromDay, type CivilDay } from "../src/core/dates";
import { rfcCheckDigit } from "../src/core/identifiers/rfc";

// ---- Options and shapes -------------------------------------------------------------------

export interface GenerateOptions {
  /** Number of customers in the master; the ledger uses all of those with items. */
  customers: number;
  /** Number of item rows (subtotal, total, title and blank lines come on top). */
  items: number;
  seed?: number;
  /** Key date the data is shaped around (`YYYY-MM-DD`); default 2026-10-31. */
  keyDate?: string;
}

export interface SapTxtOptions extends GenerateOptions {
  /** Corrupt a handful of rows on purpose (default true). */
  badRows?: boolean;
}

export interface XlsxOptions extends GenerateOptions {
  /**
   * Strings in a shared-strings table after the sheet, as Excel itself saves (default true).
   * `false` writes inline strings: about twice as fast to generate and half the memory.
   */
  sharedStrings?: boolean;
}

export interface BadRow {
  /** 1-based line number in the .txt file (what a reader reports as the row). */
  line: number;
  column: string;
  value: string;
  why: string;
}

export interface WriteSummary {
  path: string;
  bytes: number;
  /** Item rows written. */
  items: number;
  /** All lines or worksheet rows, including titles, header, subtotals and blanks. */
  lines: number;
  customers: number;
  ms: number;
}

export interface SapTxtSummary extends WriteSummary {
  badRows: BadRow[];
}

export type DocType = "RV" | "DR" | "DG" | "DZ";
export type Currency = "MXN" | "USD";

export interface SampleCustomer {
  code: string;
  name: string;
  rfc: string;
  termKey: string;
  termDays: number;
  /** Credit limit in whole pesos. */
  creditLimit: number;
  emails: string[];
  plaza: string;
  /** Buys part of its material in dollars (imported steel, equipment). */
  usd: boolean;
  /** Relative size: drives how many items it has and how big they are. */
  weight: number;
}

export interface SampleItem {
  customer: SampleCustomer;
  documentNumber: string;
  type: DocType;
  reference: string;
  assignment: string;
  text: string;
  documentDate: CivilDay;
  postingDate: CivilDay;
  baselineDate: CivilDay;
  netDueDate: CivilDay;
  clearingDate: CivilDay | null;
  clearingDocument: string;
  terms: string;
  /** Centavos in MXN (SAP's local currency here). */
  amountLocal: number;
  /** Centavos in the document currency. */
  amountDocument: number;
  currency: Currency;
}

export const DEFAULT_SEED = 20261031;
export const COMPANY = "Materiales y Concretos del Bajío, S.A. de C.V.";
const COMPANY_CODE = "MCB1";
const DEFAULT_KEY_DATE = "2026-10-31";
/** The export is run two weeks after month end, so it holds November postings and clearings. */
const RUN_DELAY_DAYS = 15;

export const SAP_HEADERS_ES = [
  "Cuenta", "Nombre", "Nº documento", "Clase de documento", "Referencia", "Asignación",
  "Fecha de documento", "Fe.contabilización", "Base p.plazo pago", "Vencimiento neto",
  "Demora tras vencimiento neto", "Importe en moneda local", "Moneda local",
  "Importe en moneda doc.", "Moneda del documento", "Fecha de compensación", "Doc.compensación",
  "Condiciones de pago", "Texto",
] as const;

export const SAP_HEADERS_EN = [
  "Account", "Name", "Document Number", "Document Type", "Reference", "Assignment",
  "Document Date", "Posting Date", "Baseline Payment Date", "Net Due Date",
  "Arrears after net due date", "Amount in Local Currency", "Local Currency",
  "Amount in Doc. Curr.", "Document Currency", "Clearing Date", "Clearing Document",
  "Terms of Payment", "Text",
] as const;

// Column positions, shared by both writers so the .txt and .xlsx stay the same table.
const COL = {
  customer: 0, documentDate: 6, netDueDate: 9, localAmount: 11, documentAmount: 13,
  documentCurrency: 14,
} as const;

// ---- Deterministic randomness -------------------------------------------------------------

/** mulberry32: tiny, fast and identical on every platform, unlike Math.random. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  private spare: number | null = null;
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
  /** Standard normal (Box-Muller), for log-normal amounts and customer sizes. */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
  /** Picks an index by weight. */
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

/** Separate streams for the master and the ledger, so changing one never reshuffles the other. */
function subSeed(seed: number, stream: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(stream, 0xc2b2ae35)) >>> 0;
}

// ---- Customers ----------------------------------------------------------------------------

const SURNAMES = [
  "Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez",
  "Ramírez", "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Jiménez", "Reyes", "Díaz",
  "Torres", "Gutiérrez", "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Moreno", "Castillo", "Romero",
  "Álvarez", "Méndez", "Chávez", "Rivera", "Juárez", "Ramos", "Domínguez", "Herrera", "Medina",
  "Castro", "Vargas", "Guzmán", "Velázquez", "Muñoz", "Rojas", "Contreras", "Salazar", "Luna",
  "Ortega", "Guerrero", "Estrada", "Bautista", "Cortés", "Soto", "Alvarado", "Espinoza", "Lara",
  "Ávila", "Ríos", "Cervantes", "Delgado", "Vega", "Márquez", "Sandoval", "León", "Carrillo",
  "Mejía", "Solís", "Núñez", "Rosas", "Ibarra", "Camacho", "Navarro", "Peña", "Maldonado",
  "Rosales", "Acosta", "Trejo", "Valencia", "Pacheco", "Robles", "Rangel", "Huerta", "Padilla",
  "Zúñiga", "Ochoa", "Arellano", "Villalobos", "Esparza", "Orozco", "Ordóñez", "Ibáñez",
];

const PLACES = [
  "Bajío", "Querétaro", "Celaya", "León", "Irapuato", "Salamanca", "Silao", "Guanajuato",
  "San Miguel", "Dolores", "Pénjamo", "Acámbaro", "Aguascalientes", "San Juan del Río",
  "los Altos", "El Marqués", "Corregidora", "Valle de Santiago", "Moroleón", "Uriangato",
  "Yuriria", "Cortazar", "Apaseo", "Comonfort", "San Francisco del Rincón", "Purísima",
  "Lagos de Moreno", "Tepatitlán", "Arandas", "Morelia", "Zamora", "La Piedad", "Centro",
  "Occidente", "Sierra Gorda",
];

const BRANDS = [
  "Alfa Omega", "Cimientos", "Horizonte", "Piedra Angular", "Roca Firme", "Arco", "Obelisco",
  "Atlas", "Quetzal", "Montebello", "Altavista", "Cantera", "Cumbres", "Encino", "Ahuehuete",
  "Mezquite", "Nogal", "Pirámide", "Titán", "Vértice", "Cúspide", "Bastión", "Núcleo",
  "Terranova", "Monarca", "Águila Real", "Tres Ríos", "Los Pinos", "Santa Fe", "Cañada",
];

const SA = ", S.A. de C.V.";
const RL = ", S. de R.L. de C.V.";

/** Name patterns of the building trade in the Bajío, each with its company form. */
const NAME_PATTERNS: ReadonlyArray<(r: Rng) => string> = [
  (r) => `Constructora ${r.pick(SURNAMES)} ${r.pick(SURNAMES)}${SA}`,
  (r) => `Constructora del ${r.pick(PLACES)}${SA}`,
  (r) => `Constructora e Inmobiliaria ${r.pick(BRANDS)}${SA}`,
  (r) => `Ferretería ${r.pick(SURNAMES)} Hermanos${SA}`,
  (r) => `Ferretería y Materiales ${r.pick(PLACES)}${RL}`,
  (r) => `Ferretería La ${r.pick(["Económica", "Nacional", "Esperanza", "Providencia", "Guadalupana", "Única", "Favorita"])} de ${r.pick(PLACES)}${SA}`,
  (r) => `Grupo ${r.pick(BRANDS)} S.A.P.I. de C.V.`,
  (r) => `Grupo Constructor ${r.pick(SURNAMES)}${SA}`,
  (r) => `Materiales ${r.pick(SURNAMES)} e Hijos${RL}`,
  (r) => `Materiales para Construcción ${r.pick(PLACES)}${SA}`,
  (r) => `Desarrollos Inmobiliarios ${r.pick(BRANDS)}${SA}`,
  (r) => `Edificaciones y Proyectos ${r.pick(SURNAMES)}${SA}`,
  (r) => `Urbanizadora ${r.pick(PLACES)}${SA}`,
  (r) => `Pavimentos y Terracerías ${r.pick(PLACES)}${SA}`,
  (r) => `Concretos ${r.pick(SURNAMES)}${SA}`,
  (r) => `Distribuidora de Acero ${r.pick(PLACES)}${SA}`,
  (r) => `Block y Tabique ${r.pick(SURNAMES)}${RL}`,
  (r) => `Casa ${r.pick(SURNAMES)} Materiales${SA}`,
  (r) => `Ingeniería Civil ${r.pick(BRANDS)}, S.C.`,
  (r) => `Vivienda ${r.pick(BRANDS)} S.A.B. de C.V.`,
];

const PLAZAS = [
  "León", "Querétaro", "Celaya", "Irapuato", "Aguascalientes", "Salamanca", "Silao",
  "San Miguel de Allende", "Guanajuato", "San Juan del Río", "Lagos de Moreno",
  "San Luis Potosí", "Morelia", "Pénjamo", "Acámbaro",
];
const PLAZA_WEIGHTS = [20, 18, 12, 10, 9, 5, 4, 4, 4, 4, 3, 3, 2, 1, 1];

const TERM_KEYS = ["Z000", "Z015", "Z030", "Z045", "Z060", "Z090"];
const TERM_DAYS = [0, 15, 30, 45, 60, 90];
const TERM_WEIGHTS = [5, 12, 40, 18, 18, 7];

const MAILBOXES = ["cobranza", "cuentasporpagar", "tesoreria", "pagos", "contabilidad", "facturas", "proveedores"];
const FIRST_NAMES = ["jlopez", "mgarcia", "aramirez", "lhernandez", "cmartinez", "rsanchez", "pflores", "egomez", "vtorres", "dmorales"];

/** Words that are not part of a company's initials for the RFC (SAT rules drop these). */
const RFC_SKIP = new Set(["DE", "DEL", "LA", "LAS", "LOS", "EL", "Y", "E", "PARA", "SA", "CV", "RL", "SAPI", "SAB", "SC", "S", "A", "R", "L", "C", "V", "B", "P", "I"]);

function plain(s: string): string {
  // Ñ becomes X in RFCs and domains; other accents just drop.
  return s.replace(/ñ/g, "x").replace(/Ñ/g, "X").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

function rfcFor(name: string, r: Rng): string {
  const words = plain(name).toUpperCase().replace(/[.,]/g, " ").split(/\s+/).filter((w) => /^[A-Z]/.test(w) && !RFC_SKIP.has(w));
  // SAT's rule for companies: initials of three words; with two, the first's initial and the
  // second's first two letters; with one, its first three letters.
  const letters = words.length >= 3 ? words.slice(0, 3).map((w) => w[0]).join("")
    : words.length === 2 ? words[0][0] + words[1].slice(0, 2)
    : ((words[0] ?? "") + "XXX").slice(0, 3);
  const y = r.int(1978, 2019);
  const m = r.int(1, 12);
  const d = r.int(1, 28);
  const date = String(y % 100).padStart(2, "0") + String(m).padStart(2, "0") + String(d).padStart(2, "0");
  const alnum = "123456789ABCDEFGHJKLMNPRSTUVWXYZ";
  const homo = alnum[r.int(0, alnum.length - 1)] + alnum[r.int(0, alnum.length - 1)];
  const first11 = letters + date + homo;
  return first11 + rfcCheckDigit(first11)!;
}

/** Words every second customer has; a domain made of them would be shared by strangers. */
const GENERIC_WORDS = new Set([
  "constructora", "inmobiliaria", "ferreteria", "materiales", "construccion", "grupo", "constructor",
  "desarrollos", "inmobiliarios", "edificaciones", "proyectos", "urbanizadora", "pavimentos",
  "terracerias", "concretos", "distribuidora", "acero", "block", "tabique", "casa", "ingenieria",
  "civil", "vivienda", "hermanos", "hijos", "de", "del", "el", "la", "las", "los", "para",
  "economica", "nacional",
]);

function domainFor(name: string): string {
  // Domains drop accents but keep ñ as n (the RFC's ñ-to-X rule is SAT's, not DNS's).
  const words = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/,.*$/, "").replace(/ s\.a\..*$/, "").replace(/[^a-z ]/g, "").split(/\s+/).filter((w) => w.length > 1);
  const distinctive = words.filter((w) => !GENERIC_WORDS.has(w));
  // Firms named after one surname or place keep their trade word: "ferreteriaramos", "concretoslopez".
  const parts = distinctive.length >= 2 ? distinctive.slice(0, 2) : [words[0] ?? "cliente", ...distinctive.slice(0, 1)];
  return parts.join("") + ".com.mx";
}

/** The customer master; codes and order are what the ledger uses. */
export function generateCustomers(count: number, seed = DEFAULT_SEED): SampleCustomer[] {
  const r = new Rng(subSeed(seed, 1));
  const names = new Set<string>();
  const result: SampleCustomer[] = [];
  let code = 1000000 + r.int(50, 150);
  for (let i = 0; i < count; i++) {
    let name = "";
    for (let tries = 0; tries < 20; tries++) {
      name = r.pick(NAME_PATTERNS)(r);
      if (!names.has(name)) break;
    }
    // Large benchmark masters run out of combinations: number the name before its company form.
    if (names.has(name)) {
      const form = /,? S\..*$/.exec(name);
      name = form ? `${name.slice(0, form.index)} ${i + 1}${form[0]}` : `${name} ${i + 1}`;
    }
    names.add(name);
    const t = r.weighted(TERM_WEIGHTS);
    const weight = Math.exp(1.1 * r.normal());
    const limit = Math.max(50000, Math.min(25000000, Math.round((1100000 * weight * (0.6 + r.float())) / 50000) * 50000));
    const domain = domainFor(name);
    const emails = [`${r.pick(MAILBOXES)}@${domain}`];
    if (r.chance(0.45)) emails.push(`${r.pick(FIRST_NAMES)}@${domain}`);
    result.push({
      code: String(code).padStart(10, "0"),
      name,
      rfc: rfcFor(name, r),
      termKey: TERM_KEYS[t],
      termDays: TERM_DAYS[t],
      creditLimit: limit,
      emails,
      plaza: PLAZAS[r.weighted(PLAZA_WEIGHTS)],
      usd: r.chance(0.08),
      weight,
    });
    // Codes are not contiguous in a real master (blocked, deleted, other account groups).
    code += r.int(1, 40);
  }
  return result;
}

// ---- Ledger items -------------------------------------------------------------------------

const PRODUCTS = [
  "Cemento gris CPC 30R 50 kg", "Cemento blanco 50 kg", "Concreto premezclado f'c 200",
  "Concreto premezclado f'c 250", "Block hueco 15x20x40", "Tabique rojo recocido",
  "Varilla corrugada 3/8 pulg.", "Varilla corrugada 1/2 pulg.", "Alambrón 1/4 pulg.",
  "Malla electrosoldada 6x6-10/10", "Mortero 50 kg", "Cal hidratada 25 kg", "Grava 3/4 pulg.",
  "Arena de río", "Impermeabilizante acrílico 19 L", "Adoquín hexagonal",
  "Tubo PVC sanitario 4 pulg.", "Castillo armado 15x15", "Yeso 40 kg", "Pegazulejo 20 kg",
];
const SERVICES = ["Flete a obra", "Bombeo de concreto", "Maniobras de descarga", "Intereses moratorios", "Cargo por cheque devuelto", "Renta de revolvedora"];
const CREDIT_TEXTS = ["Devolución de mercancía", "Bonificación por pronto pago", "Descuento comercial", "Ajuste de precio", "Nota de crédito por faltante en entrega", "Bonificación por volumen"];
const BANKS = ["BBVA", "BANORTE", "SANTANDER", "BANAMEX", "HSBC", "SCOTIABANK", "BANBAJÍO", "BANREGIO", "INBURSA"];

interface Counters {
  RV: number;
  DR: number;
  DG: number;
  DZ: number;
  folioA: number;
  folioB: number;
  folioNC: number;
  order: number;
}

/** Peso/dollar rate by day: a smooth walk inside 18–20, as FIX moved in 2025–2026. */
function usdRate(day: CivilDay): number {
  return Math.round((18.95 + 0.55 * Math.sin(day / 47) + 0.25 * Math.sin(day / 13)) * 10000) / 10000;
}

/** Days past due at the key date for an item that was open then: every bucket gets material amounts. */
const OPEN_DPD_WEIGHTS = [40, 22, 12, 8, 6, 12];
const OPEN_DPD_RANGES: ReadonlyArray<readonly [number, number]> = [[-90, 0], [1, 30], [31, 60], [61, 90], [91, 120], [121, 540]];
/** Items paid in the two weeks after month end were mostly young. */
const PAID_AFTER_DPD_WEIGHTS = [40, 35, 15, 7, 3, 0];

class LedgerBuilder {
  private readonly c: Counters;
  constructor(
    private readonly r: Rng,
    private readonly key: CivilDay,
    private readonly run: CivilDay,
  ) {
    this.c = { RV: 9000000000 + r.int(1000, 9000), DR: 1800000000 + r.int(100, 900), DG: 1600000000 + r.int(100, 900), DZ: 1400000000 + r.int(1000, 9000), folioA: r.int(20000, 40000), folioB: r.int(1000, 3000), folioNC: r.int(500, 1500), order: 12000000 + r.int(0, 900000) };
  }

  private docNo(type: DocType): string {
    return String(++this.c[type]);
  }

  /** Log-normal invoice amount in centavos, scaled by the customer's size. */
  private invoiceCentavos(cu: SampleCustomer, currency: Currency): number {
    const pesos = Math.exp(Math.log(28000) + 0.35 * Math.log(cu.weight) + 1.05 * this.r.normal());
    const clamped = Math.min(4500000, Math.max(350, pesos));
    const amount = currency === "USD" ? clamped / 19 : clamped;
    return Math.max(100, Math.round(amount * 100));
  }

  private local(amountDocument: number, currency: Currency, day: CivilDay): number {
    return currency === "MXN" ? amountDocument : Math.round(amountDocument * usdRate(day));
  }

  private termFor(cu: SampleCustomer): [string, number] {
    // Most items carry the customer's terms; some orders were negotiated differently.
    if (!this.r.chance(0.08)) return [cu.termKey, cu.termDays];
    const t = this.r.weighted(TERM_WEIGHTS);
    return [TERM_KEYS[t], TERM_DAYS[t]];
  }

  /** `dueOf` gets the item's term days, so callers can keep the document date where the story needs it. */
  private invoice(cu: SampleCustomer, currency: Currency, dueOf: (termDays: number) => CivilDay, clampPostingTo: CivilDay): SampleItem {
    const r = this.r;
    const [terms, days] = this.termFor(cu);
    const due = dueOf(days);
    const baseline = due - days;
    const posting = Math.min(baseline + (r.chance(0.7) ? 0 : r.int(1, 3)), clampPostingTo);
    const type: DocType = r.chance(0.82) ? "RV" : "DR";
    const reference = type === "RV" ? `A-${++this.c.folioA}` : `B-${++this.c.folioB}`;
    const assignment = r.chance(0.6) ? `OC-${r.int(10000, 999999)}` : String(++this.c.order).padStart(10, "0");
    const text = type === "DR" ? r.pick(SERVICES) : r.chance(0.25) ? `Remisión Nº ${r.int(100000, 999999)}` : r.pick(PRODUCTS);
    const amountDocument = this.invoiceCentavos(cu, currency);
    return {
      customer: cu, documentNumber: this.docNo(type), type, reference, assignment, text,
      documentDate: baseline, postingDate: Math.max(posting, baseline), baselineDate: baseline, netDueDate: due,
      clearingDate: null, clearingDocument: "", terms,
      amountLocal: this.local(amountDocument, currency, baseline), amountDocument, currency,
    };
  }

  /** Credit memos are due on their own baseline date (SAP does not apply terms to credits). */
  private creditMemo(cu: SampleCustomer, currency: Currency, day: CivilDay, amountDocument: number, invoiceRef: string): SampleItem {
    return {
      customer: cu, documentNumber: this.docNo("DG"), type: "DG", reference: `NC-${++this.c.folioNC}`,
      assignment: invoiceRef, text: this.r.pick(CREDIT_TEXTS),
      documentDate: day, postingDate: day, baselineDate: day, netDueDate: day,
      clearingDate: null, clearingDocument: "", terms: cu.termKey,
      amountLocal: this.local(-amountDocument, currency, day), amountDocument: -amountDocument, currency,
    };
  }

  private payment(cu: SampleCustomer, currency: Currency, day: CivilDay, amountDocument: number, onAccount: boolean): SampleItem {
    const r = this.r;
    const bank = r.pick(BANKS);
    const how = r.weighted([70, 20, 10]);
    const text = onAccount && r.chance(0.5) ? r.pick(["Anticipo de cliente", "Pago a cuenta", "Pago sin factura identificada"])
      : how === 0 ? `Pago SPEI ${bank}` : how === 1 ? `Transferencia ${bank}` : `Depósito cheque ${bank}`;
    const reference = how === 2 ? `CHQ ${r.int(100000, 999999)}` : `SPEI${r.int(1000000, 9999999)}`;
    const { y, m, d } = civilFromDay(day);
    const documentNumber = this.docNo("DZ");
    return {
      customer: cu, documentNumber, type: "DZ", reference,
      assignment: `${y}${String(m).padStart(2, "0")}${String(d).padStart(2, "0")}`, text,
      documentDate: day, postingDate: day, baselineDate: day, netDueDate: day,
      clearingDate: null, clearingDocument: "", terms: "",
      amountLocal: this.local(-amountDocument, currency, day), amountDocument: -amountDocument, currency,
    };
  }

  /** Days past due at the key date; a current item can be at most `termDays` ahead, or it would be billed after the key date. */
  private dpd(weights: readonly number[], termDays: number): number {
    const [lo, hi] = OPEN_DPD_RANGES[this.r.weighted(weights)];
    const d = this.r.int(lo, hi);
    return d <= 0 ? Math.max(d, -termDays) : d;
  }

  /** Invoices (plus maybe a credit memo) cleared together by one incoming payment on `payDay`. */
  private clearedGroup(cu: SampleCustomer, currency: Currency, payDay: CivilDay, dueOf: (termDays: number) => CivilDay, max: number): SampleItem[] {
    const r = this.r;
    // One to four invoices, leaving room for the payment row within the customer's count.
    const n = Math.min(max - 1, 1 + r.weighted([55, 25, 12, 8]));
    const items: SampleItem[] = [];
    for (let i = 0; i < n; i++) items.push(this.invoice(cu, currency, dueOf, Math.min(payDay, this.key)));
    let net = 0;
    for (const it of items) net += it.amountDocument;
    if (items.length + 2 <= max && r.chance(0.12)) {
      const first = items[0];
      const day = Math.min(payDay - 1, first.documentDate + r.int(3, 40));
      const cm = this.creditMemo(cu, currency, Math.max(day, first.documentDate), Math.max(100, Math.round(first.amountDocument * (0.02 + 0.1 * r.float()))), first.reference);
      items.push(cm);
      net += cm.amountDocument;
    }
    const pay = this.payment(cu, currency, payDay, net, false);
    // The incoming payment clears itself and the items: SAP puts its number in AUGBL of all.
    pay.clearingDate = payDay;
    pay.clearingDocument = pay.documentNumber;
    for (const it of items) {
      it.clearingDate = payDay;
      it.clearingDocument = pay.documentNumber;
    }
    items.push(pay);
    return items;
  }

  /** Items of one customer, `count` rows, in posting-date order as FBL5N lists them. */
  customerItems(cu: SampleCustomer, count: number): SampleItem[] {
    const r = this.r;
    const key = this.key;
    const out: SampleItem[] = [];
    while (out.length < count) {
      const left = count - out.length;
      const currency: Currency = cu.usd && r.chance(0.35) ? "USD" : "MXN";
      const kind = r.weighted([30, 5, 50, 5, 4, 5]);
      if (kind === 0 && left >= 2) {
        // Paid before the key date: history that an "all items" export carries along.
        const payDay = key - r.int(1, 420);
        // Paid from 20 days early (never before billing) to 60 days late.
        out.push(...this.clearedGroup(cu, currency, payDay, (days) => payDay - r.int(-Math.min(20, days), 60), left));
      } else if (kind === 1 && left >= 2) {
        // Open at the key date, paid in the two weeks after it.
        const payDay = r.int(key + 1, this.run - 1);
        out.push(...this.clearedGroup(cu, currency, payDay, (days) => key - this.dpd(PAID_AFTER_DPD_WEIGHTS, days), left));
      } else if (kind === 3) {
        // Billed after the key date: in the file, not in the aging at 31.10.
        const day = r.int(key + 1, this.run - 1);
        out.push(this.invoice(cu, currency, (days) => day + days, this.run - 1));
      } else if (kind === 4) {
        const day = key - r.int(0, 300);
        out.push(this.creditMemo(cu, currency, day, Math.round(this.invoiceCentavos(cu, currency) * 0.3), `A-${r.int(20000, this.c.folioA)}`));
      } else if (kind === 5) {
        // Payments on account (unapplied cash); a few arrive after the key date.
        const day = r.chance(0.15) ? r.int(key + 1, this.run - 1) : key - r.int(0, 200);
        out.push(this.payment(cu, currency, day, Math.round(this.invoiceCentavos(cu, currency) * (0.3 + r.float())), true));
      } else {
        out.push(this.invoice(cu, currency, (days) => key - this.dpd(OPEN_DPD_WEIGHTS, days), key));
      }
    }
    // Numeric keys sort much faster than string comparisons; document numbers all have 10 digits.
    const keyed = out.map((it) => ({ k: it.postingDate * 1e10 + Number(it.documentNumber), it }));
    keyed.sort((a, b) => a.k - b.k);
    return keyed.map((x) => x.it);
  }
}

/** Splits `items` over customers by weight (a few big accounts, a long tail of small ones). */
function allocate(customers: readonly SampleCustomer[], items: number): number[] {
  let total = 0;
  for (const c of customers) total += c.weight;
  const exact = customers.map((c) => (items * c.weight) / total);
  const counts = exact.map(Math.floor);
  let rest = items - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) counts[order[k][1]]++;
  return counts;
}

function keyDay(options: GenerateOptions): CivilDay {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(options.keyDate ?? DEFAULT_KEY_DATE);
  if (!m) throw new Error(`keyDate must be YYYY-MM-DD, got ${options.keyDate}`);
  return dayFromCivil(+m[1], +m[2], +m[3]);
}

/**
 * The ledger, customer by customer. Both writers walk this same sequence, so the .txt and
 * the .xlsx made with the same options hold the same items.
 */
export function* generateLedger(options: GenerateOptions): Generator<{ customer: SampleCustomer; items: SampleItem[] }> {
  const seed = options.seed ?? DEFAULT_SEED;
  const customers = generateCustomers(options.customers, seed);
  const counts = allocate(customers, options.items);
  const key = keyDay(options);
  const builder = new LedgerBuilder(new Rng(subSeed(seed, 2)), key, key + RUN_DELAY_DAYS);
  for (let i = 0; i < customers.length; i++) {
    if (counts[i] === 0) continue;
    yield { customer: customers[i], items: builder.customerItems(customers[i], counts[i]) };
  }
}

// ---- Formatting as SAP writes it ----------------------------------------------------------

const dateCache = new Map<CivilDay, string>();

/** `dd.mm.yyyy`, cached: a 1M-row file has only a few hundred distinct days. */
function sapDate(day: CivilDay | null): string {
  if (day === null) return "";
  let s = dateCache.get(day);
  if (s === undefined) {
    const { y, m, d } = civilFromDay(day);
    s = `${d < 10 ? "0" : ""}${d}.${m < 10 ? "0" : ""}${m}.${y}`;
    dateCache.set(day, s);
  }
  return s;
}

/** `12,345.67` and `12,345.67-`: thousands commas, minus sign last, as SAP lists do. */
export function sapAmount(centavos: number): string {
  const negative = centavos < 0;
  const abs = negative ? -centavos : centavos;
  const cents = abs % 100;
  let units = (abs - cents) / 100;
  let groups = "";
  while (units >= 1000) {
    const g = units % 1000;
    groups = `,${g < 10 ? "00" : g < 100 ? "0" : ""}${g}${groups}`;
    units = (units - g) / 1000;
  }
  return `${units}${groups}.${cents < 10 ? "0" : ""}${cents}${negative ? "-" : ""}`;
}

/** SAP writes negative day counts with the sign last too (`12-`). */
function sapInt(n: number): string {
  return n < 0 ? `${-n}-` : String(n);
}

/** Days in arrears as FBL5N shows them: to the clearing date for cleared items, else to the key date. */
function arrears(it: SampleItem, key: CivilDay): number {
  return (it.clearingDate ?? key) - it.netDueDate;
}

/** One item as a tab-separated line. Joining an array gives one flat string; a long template literal would leave a rope of ~40 pieces per row for the GC to chase. */
function sapLine(it: SampleItem, key: CivilDay): string {
  return sapFields(it, key).join("\t") + "\r\n";
}

/** The same fields as `sapLine`, as an array, for the few rows that get corrupted on purpose. */
function sapFields(it: SampleItem, key: CivilDay): string[] {
  return [
    it.customer.code, it.customer.name, it.documentNumber, it.type, it.reference, it.assignment,
    sapDate(it.documentDate), sapDate(it.postingDate), sapDate(it.baselineDate), sapDate(it.netDueDate),
    sapInt(arrears(it, key)), sapAmount(it.amountLocal), "MXN", sapAmount(it.amountDocument), it.currency,
    sapDate(it.clearingDate), it.clearingDocument, it.terms, it.text,
  ];
}

/** ALV subtotal and total lines: the marker in the first column, amounts, no document number. */
function totalLine(marker: string, local: number, doc: number, currency: Currency): string {
  const f = new Array<string>(SAP_HEADERS_ES.length).fill("");
  f[0] = marker;
  f[COL.localAmount] = sapAmount(local);
  f[COL.localAmount + 1] = "MXN";
  f[COL.documentAmount] = sapAmount(doc);
  f[COL.documentCurrency] = currency;
  return f.join("\t");
}

// ---- Windows-1252 ---------------------------------------------------------------------------

/** The 0x80–0x9F block is where Windows-1252 differs from Latin-1; everything else below 0x100 is the same byte. */
const CP1252_HIGH: Record<string, string> = {
  "€": "\x80", "‚": "\x82", "ƒ": "\x83", "„": "\x84", "…": "\x85", "†": "\x86", "‡": "\x87",
  "ˆ": "\x88", "‰": "\x89", "Š": "\x8a", "‹": "\x8b", "Œ": "\x8c", "Ž": "\x8e", "‘": "\x91",
  "’": "\x92", "“": "\x93", "”": "\x94", "•": "\x95", "–": "\x96", "—": "\x97", "˜": "\x98",
  "™": "\x99", "š": "\x9a", "›": "\x9b", "œ": "\x9c", "ž": "\x9e", "Ÿ": "\x9f",
};

/** Encodes text as Windows-1252 bytes (one byte per character; unmappable ones become `?`, as SAP does). */
export function encodeCp1252(text: string): Buffer {
  const mapped = /[\u0100-\uffff]/.test(text) ? text.replace(/[\u0100-\uffff]/g, (ch) => CP1252_HIGH[ch] ?? "?") : text;
  return Buffer.from(mapped, "latin1");
}

/** Buffers text and writes it in ~1 MB chunks, waiting for the stream to drain. */
class ChunkWriter {
  private parts: string[] = [];
  private size = 0;
  bytes = 0;
  constructor(
    private readonly stream: WriteStream,
    private readonly encode: (s: string) => Buffer,
  ) {}
  push(text: string): void {
    this.parts.push(text);
    this.size += text.length;
  }
  async flush(force = false): Promise<void> {
    if (this.size === 0 || (!force && this.size < 1 << 20)) return;
    const buf = this.encode(this.parts.join(""));
    this.parts = [];
    this.size = 0;
    this.bytes += buf.length;
    if (!this.stream.write(buf)) await once(this.stream, "drain");
  }
  async end(): Promise<void> {
    await this.flush(true);
    this.stream.end();
    await finished(this.stream);
  }
}

function openStream(path: string): WriteStream {
  mkdirSync(dirname(path), { recursive: true });
  return createWriteStream(path);
}

// ---- Writers ------------------------------------------------------------------------------

/** The bad rows to plant, in order, at these fractions of the item count. */
const BAD_KINDS: ReadonlyArray<{ at: number; columns: number[]; value: string; why: string }> = [
  { at: 0.11, columns: [COL.documentDate], value: "31.02.2026", why: "February has no 31st" },
  { at: 0.3, columns: [COL.localAmount, COL.documentAmount], value: "12,3x4.00", why: "mistyped amount: a letter among the digits" },
  { at: 0.49, columns: [COL.netDueDate], value: "31.09.2026", why: "September has 30 days" },
  { at: 0.68, columns: [COL.customer], value: "", why: "row pasted without its customer account" },
  { at: 0.85, columns: [COL.documentCurrency], value: "M.N.", why: "'M.N.' (moneda nacional) typed by hand instead of an ISO code" },
];

/**
 * SAP FBL5N "unconverted / text with tabs" export: Windows-1252, CRLF, tab-separated, title
 * lines, a Spanish header, `*` subtotal lines per customer and currency, `**` totals per
 * currency. Streams to disk; memory holds one customer's items at a time.
 */
export async function writeSapTxt(path: string, options: SapTxtOptions): Promise<SapTxtSummary> {
  const started = Date.now();
  const key = keyDay(options);
  const out = new ChunkWriter(openStream(path), encodeCp1252);
  const lines: string[] = [
    COMPANY,
    "Partidas individuales de deudores",
    `Sociedad ${COMPANY_CODE} – Todas las partidas – Fecha clave ${sapDate(key)} – Emitido ${sapDate(key + RUN_DELAY_DAYS)}`,
    "",
    SAP_HEADERS_ES.join("\t"),
  ];
  let line = lines.length;
  out.push(lines.join("\r\n") + "\r\n");

  const plantBad = options.badRows ?? true;
  const targets = BAD_KINDS.map((k) => Math.floor(options.items * k.at));
  const badRows: BadRow[] = [];
  const grand = { MXN: [0, 0, 0], USD: [0, 0, 0] };
  let index = 0;
  let customers = 0;
  let items = 0;
  const middle = Math.floor(options.customers / 2);
  for (const { items: list } of generateLedger(options)) {
    // [local, document, rows] per currency, for the customer's `*` lines.
    const sums = { MXN: [0, 0, 0], USD: [0, 0, 0] };
    for (const it of list) {
      const k = badRows.length;
      // Plant each bad row on the next open MXN invoice past its target, so it is one the aging would have counted.
      if (plantBad && k < BAD_KINDS.length && index >= targets[k] && (it.type === "RV" || it.type === "DR") && it.clearingDate === null && it.currency === "MXN" && it.postingDate <= key) {
        const bad = BAD_KINDS[k];
        const f = sapFields(it, key);
        for (const c of bad.columns) f[c] = bad.value;
        badRows.push({ line: line + 1, column: bad.columns.map((c) => SAP_HEADERS_ES[c]).join(", "), value: bad.value, why: bad.why });
        out.push(f.join("\t") + "\r\n");
      } else {
        out.push(sapLine(it, key));
      }
      line++;
      index++;
      const sum = sums[it.currency];
      sum[0] += it.amountLocal;
      sum[1] += it.amountDocument;
      sum[2]++;
    }
    for (const cur of ["MXN", "USD"] as const) {
      if (sums[cur][2] === 0) continue;
      out.push(totalLine("*", sums[cur][0], sums[cur][1], cur) + "\r\n");
      line++;
      grand[cur][0] += sums[cur][0];
      grand[cur][1] += sums[cur][1];
      grand[cur][2] += sums[cur][2];
    }
    // A stray blank line mid-file, like the page breaks some SAP list exports leave behind.
    if (customers === middle) {
      out.push("\r\n");
      line++;
    }
    await out.flush();
    customers++;
    items += list.length;
  }
  out.push("\r\n");
  line++;
  for (const cur of ["MXN", "USD"] as const) {
    if (grand[cur][2] === 0) continue;
    out.push(totalLine("**", grand[cur][0], grand[cur][1], cur) + "\r\n");
    line++;
  }
  await out.end();
  return { path, bytes: out.bytes, items, lines: line, customers, badRows, ms: Date.now() - started };
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Customer master as Excel saves "CSV UTF-8": BOM, commas, CRLF, quotes only where needed. */
export async function writeCustomersCsv(path: string, options: { customers: number; seed?: number; keyDate?: string; items?: number }): Promise<WriteSummary> {
  const started = Date.now();
  const out = new ChunkWriter(openStream(path), (s) => Buffer.from(s, "utf8"));
  out.push("\ufeffCliente,Nombre,RFC,Plazo,Límite de crédito,Correo,Plaza,Clase de riesgo,Tipo de garantía,Importe de garantía,Vencimiento de garantía,Analista,Contacto,Teléfono\r\n");
  const customers = generateCustomers(options.customers, options.seed ?? DEFAULT_SEED);
  const story = creditStory({ customers: options.customers, items: options.items ?? 0, seed: options.seed, keyDate: options.keyDate }, customers);
  for (let i = 0; i < customers.length; i++) {
    const c = customers[i];
    const k = story.profiles[i];
    const limit = k.noLimit ? "" : String(c.creditLimit);
    const g = k.guarantee;
    out.push([c.code, c.name, c.rfc, String(c.termDays), limit, c.emails.join(";"), c.plaza, k.riskClass, g?.type ?? k.noGuaranteeText, g ? String(g.amount) : "", g ? slashDate(g.expires) : "", k.analyst, k.contact, k.phone].map(csvField).join(",") + "\r\n");
    await out.flush();
  }
  await out.end();
  return { path, bytes: out.bytes, items: 0, lines: customers.length + 1, customers: customers.length, ms: Date.now() - started };
}

// ---- Credit review: the master's credit columns, open orders, deliveries, payment history ----

export type PayerKind = "early" | "onTime" | "late" | "worsening";

export interface CreditProfile {
  riskClass: string;
  /** Whole pesos; expiry as a civil day. */
  guarantee: { type: string; amount: number; expires: CivilDay } | null;
  /** What the master says when there is no guarantee (`Ninguna`, or nothing). */
  noGuaranteeText: string;
  analyst: string;
  contact: string;
  phone: string;
  noLimit: boolean;
  payer: PayerKind;
}

export interface SampleOrder {
  order: string;
  customer: SampleCustomer;
  orderDate: CivilDay;
  shipDate: CivilDay;
  /** Centavos. */
  amount: number;
  currency: Currency;
  plant: string;
  text: string;
}

export interface CreditStory {
  profiles: CreditProfile[];
  orders: SampleOrder[];
  deliveries: { delivery: string; customer: SampleCustomer; date: CivilDay; amount: number; currency: Currency }[];
  history: { customer: SampleCustomer; document: string; due: CivilDay; paid: CivilDay; amount: number; currency: Currency }[];
}

const ANALYSTS = ["Laura Méndez", "Jorge Ibarra", "Patricia Solís", "Ricardo Luna", "Mónica Herrera"];
const CONTACT_FIRST = ["José Luis", "María Elena", "Juan Carlos", "Ana Laura", "Francisco", "Guadalupe", "Alejandro", "Verónica", "Miguel Ángel", "Rosa María", "Arturo", "Claudia"];
const LADA: Record<string, string> = { León: "477", Querétaro: "442", Celaya: "461", Irapuato: "462", Aguascalientes: "449", Salamanca: "464", Silao: "472", "San Miguel de Allende": "415", Guanajuato: "473", "San Juan del Río": "427", "Lagos de Moreno": "474", "San Luis Potosí": "444", Morelia: "443", Pénjamo: "469", Acámbaro: "417" };
const GUARANTEE_TEXTS = ["Pagaré", "Fianza", "Hipoteca", "Carta de crédito", "Aval personal"];
const GUARANTEE_WEIGHTS = [45, 15, 8, 5, 3];
const PLANTS = ["León Norte", "Querétaro", "Celaya", "Silao"];

/** `31/10/2026`, as a master typed in Excel shows dates. */
function slashDate(day: CivilDay): string {
  const { y, m, d } = civilFromDay(day);
  return `${d < 10 ? "0" : ""}${d}/${m < 10 ? "0" : ""}${m}/${y}`;
}

/** What the ledger holds at the key date, per customer: open balance by currency and the oldest debit's days past due. */
function openState(options: GenerateOptions): Map<string, { mxn: number; usd: number; maxDays: number }> {
  const key = keyDay(options);
  const state = new Map<string, { mxn: number; usd: number; maxDays: number }>();
  if (options.items === 0) return state;
  for (const { customer, items } of generateLedger(options)) {
    const s = { mxn: 0, usd: 0, maxDays: 0 };
    for (const it of items) {
      if (it.postingDate > key || (it.clearingDate !== null && it.clearingDate <= key)) continue;
      if (it.currency === "MXN") s.mxn += it.amountDocument;
      else s.usd += it.amountDocument;
      if (it.amountDocument > 0) s.maxDays = Math.max(s.maxDays, key - it.netDueDate);
    }
    state.set(customer.code, s);
  }
  return state;
}

/**
 * The credit story the samples tell, from its own random streams (the master's names and
 * the ledger never move): guarantees of every kind, some expired and some expiring within 30
 * days, a few customers without a limit, payers early, on time, late and getting worse; open
 * orders that keep the good payers near the top of their lines (so the increase rule fires)
 * and push others over it; deliveries not yet invoiced; a year and more of paid invoices.
 */
export function creditStory(options: GenerateOptions, customers: readonly SampleCustomer[] = generateCustomers(options.customers, options.seed ?? DEFAULT_SEED)): CreditStory {
  const seed = options.seed ?? DEFAULT_SEED;
  const key = keyDay(options);
  const r = new Rng(subSeed(seed, 3));
  const state = openState(options);
  const profiles: CreditProfile[] = customers.map((c, i) => {
    const s = state.get(c.code);
    // Customers who are up to date pay early or on time; the rest are drawn at random.
    const upToDate = s !== undefined && s.maxDays <= 15 && s.usd === 0;
    const payer: PayerKind = upToDate ? (r.chance(0.7) ? "early" : "onTime") : (["early", "onTime", "late", "worsening"] as const)[r.weighted([15, 35, 35, 15])];
    const hasGuarantee = r.chance(0.6);
    const gi = r.weighted(GUARANTEE_WEIGHTS);
    // Expiries spread from two months ago to eighteen months ahead: some expired, some within 30 days.
    const expires = key + (i % 17 === 3 ? -r.int(1, 60) : i % 13 === 5 ? r.int(0, 30) : r.int(31, 540));
    const amount = Math.round((c.creditLimit * (0.3 + 0.7 * r.float())) / 10000) * 10000;
    return {
      riskClass: ["A", "B", "C", "D"][r.weighted([30, 40, 20, 10])],
      guarantee: hasGuarantee ? { type: GUARANTEE_TEXTS[gi], amount: Math.max(10000, amount), expires } : null,
      noGuaranteeText: hasGuarantee ? "" : r.chance(0.5) ? "Ninguna" : "",
      analyst: ANALYSTS[r.int(0, ANALYSTS.length - 1)],
      contact: `${r.pick(CONTACT_FIRST)} ${r.pick(SURNAMES)}`,
      phone: `${LADA[c.plaza] ?? "477"} ${r.int(100, 999)} ${String(r.int(0, 9999)).padStart(4, "0")}`,
      noLimit: !upToDate && i % 53 === 7,
      payer,
    };
  });

  const ro = new Rng(subSeed(seed, 4));
  const orders: SampleOrder[] = [];
  let orderNo = 1_200_000 + ro.int(0, 9000);
  const addOrder = (c: SampleCustomer, amount: number, currency: Currency) => {
    const orderDate = key - ro.int(0, 25);
    const shipDate = Math.max(orderDate + 1, key + ro.int(-3, 12));
    orders.push({ order: String(++orderNo), customer: c, orderDate, shipDate, amount: Math.max(50000, Math.round(amount)), currency, plant: ro.pick(PLANTS), text: ro.pick(PRODUCTS) });
  };
  customers.forEach((c, i) => {
    const s = state.get(c.code);
    const p = profiles[i];
    const limit = c.creditLimit * 100;
    if (p.payer === "early" && s && s.maxDays <= 15 && s.usd === 0 && !p.noLimit) {
      // Good payers near the top of their line: the increase rule, and sometimes one order too many.
      const room = Math.round(limit * (0.82 + 0.1 * ro.float())) - s.mxn;
      const n = ro.int(1, 3);
      for (let k = 0; k < n && room > 0; k++) addOrder(c, room / n, "MXN");
      if (ro.chance(0.4)) addOrder(c, limit * 0.25, "MXN");
    } else if (ro.chance(0.35)) {
      const n = ro.int(1, 4);
      for (let k = 0; k < n; k++) addOrder(c, Math.exp(Math.log(60000) + 0.35 * Math.log(c.weight) + 0.8 * ro.normal()) * 100, c.usd && ro.chance(0.3) ? "USD" : "MXN");
    }
  });

  const rd = new Rng(subSeed(seed, 5));
  const deliveries: CreditStory["deliveries"] = [];
  let remision = 880_000 + rd.int(0, 5000);
  for (const c of customers) {
    if (!rd.chance(0.15)) continue;
    const n = rd.int(1, 3);
    for (let k = 0; k < n; k++) deliveries.push({ delivery: `R${++remision}`, customer: c, date: key - rd.int(0, 10), amount: Math.round(Math.exp(Math.log(18000) + 0.7 * rd.normal()) * 100), currency: "MXN" });
  }

  const rh = new Rng(subSeed(seed, 6));
  const history: CreditStory["history"] = [];
  let doc = 9_100_000_000 + rh.int(0, 90000);
  customers.forEach((c, i) => {
    const p = profiles[i];
    const n = rh.int(6, 20);
    for (let k = 0; k < n; k++) {
      // Paid from fourteen months ago to the key date: the first two months fall outside the window.
      const paid = key - rh.int(0, 425);
      const recent = paid > key - 91;
      const late = p.payer === "early" ? -rh.int(1, 9) : p.payer === "onTime" ? rh.int(-2, 4) : p.payer === "late" ? rh.int(18, 45) : recent ? rh.int(20, 40) : rh.int(-3, 5);
      const amount = Math.round(Math.exp(Math.log(30000) + 0.35 * Math.log(c.weight) + 0.9 * rh.normal()) * 100);
      history.push({ customer: c, document: String(++doc), due: paid - late, paid, amount: Math.max(10000, amount), currency: c.usd && rh.chance(0.2) ? "USD" : "MXN" });
    }
  });
  return { profiles, orders, deliveries, history };
}

/** Open orders as a SAP VA05 list exported to CSV: codes without leading zeros, SAP dates and amounts. */
export async function writeOrdersCsv(path: string, story: CreditStory): Promise<WriteSummary> {
  const started = Date.now();
  const out = new ChunkWriter(openStream(path), (s) => Buffer.from(s, "utf8"));
  out.push("\ufeffDocumento de ventas,Solicitante,Nombre del solicitante,Fecha de documento,Fecha de entrega preferente,Valor neto,Moneda,Centro,Material\r\n");
  for (const o of story.orders) {
    out.push([o.order, o.customer.code.replace(/^0+/, ""), o.customer.name, sapDate(o.orderDate), sapDate(o.shipDate), sapAmount(o.amount), o.currency, o.plant, o.text].map(csvField).join(",") + "\r\n");
  }
  await out.end();
  return { path, bytes: out.bytes, items: story.orders.length, lines: story.orders.length + 1, customers: new Set(story.orders.map((o) => o.customer.code)).size, ms: Date.now() - started };
}

/** Deliveries not yet invoiced, as the billing-vs-deliveries reconciliation lists them. */
export async function writeUnbilledDeliveriesCsv(path: string, story: CreditStory): Promise<WriteSummary> {
  const started = Date.now();
  const out = new ChunkWriter(openStream(path), (s) => Buffer.from(s, "utf8"));
  out.push("\ufeffRemisión,Cliente,Fecha,Importe,Moneda\r\n");
  for (const d of story.deliveries) out.push([d.delivery, d.customer.code, slashDate(d.date), (d.amount / 100).toFixed(2), d.currency].map(csvField).join(",") + "\r\n");
  await out.end();
  return { path, bytes: out.bytes, items: story.deliveries.length, lines: story.deliveries.length + 1, customers: new Set(story.deliveries.map((d) => d.customer.code)).size, ms: Date.now() - started };
}

/** Paid invoices as an FBL5N "cleared items" list: account, document, net due date, clearing date, amount, currency. */
export async function writePaymentHistoryCsv(path: string, story: CreditStory): Promise<WriteSummary> {
  const started = Date.now();
  const out = new ChunkWriter(openStream(path), (s) => Buffer.from(s, "utf8"));
  out.push("\ufeffCuenta,Nº documento,Vencimiento neto,Fecha de compensación,Importe,Moneda\r\n");
  for (const h of story.history) out.push([h.customer.code, h.document, sapDate(h.due), sapDate(h.paid), sapAmount(h.amount), h.currency].map(csvField).join(",") + "\r\n");
  await out.end();
  return { path, bytes: out.bytes, items: story.history.length, lines: story.history.length + 1, customers: new Set(story.history.map((h) => h.customer.code)).size, ms: Date.now() - started };
}

/**
 * The same ledger as an .xlsx from SAP's "export to spreadsheet" in English: two title rows,
 * the header, then one row per item with real date cells and numeric amounts. No subtotal or
 * bad rows. Written with exceljs's streaming WorkbookWriter so 200,000 rows stay small in memory.
 */
export async function writeLedgerXlsx(path: string, options: XlsxOptions): Promise<WriteSummary> {
  const started = Date.now();
  const key = keyDay(options);
  mkdirSync(dirname(path), { recursive: true });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: options.sharedStrings ?? true });
  workbook.creator = "Cartera samples";
  // Fixed document properties, so only the zip's own timestamps differ between runs.
  workbook.created = workbook.modified = new Date(Date.UTC(2026, 10, 15));
  const sheet = workbook.addWorksheet("FBL5N", { views: [{ state: "frozen", ySplit: 3 }] });
  // One style object per column, shared by every cell: exceljs caches a style's id by object
  // identity, so shared objects save re-serialising the style for each of the ~4M cells.
  const plainStyle: Partial<ExcelJS.Style> = {};
  const dateStyle: Partial<ExcelJS.Style> = { numFmt: "dd/mm/yyyy" };
  const moneyStyle: Partial<ExcelJS.Style> = { numFmt: "#,##0.00;-#,##0.00" };
  const daysStyle: Partial<ExcelJS.Style> = { numFmt: "0" };
  const styles = SAP_HEADERS_EN.map((_, i) =>
    [6, 7, 8, 9, 15].includes(i) ? dateStyle : i === COL.localAmount || i === COL.documentAmount ? moneyStyle : i === 10 ? daysStyle : plainStyle);
  const widths = [12, 44, 13, 8, 12, 14, 12, 12, 12, 12, 8, 16, 6, 16, 6, 12, 13, 8, 36];
  sheet.columns = widths.map((width) => ({ width }));
  sheet.addRow([COMPANY]).commit();
  sheet.addRow([`Customer Line Item Display – Company Code ${COMPANY_CODE} – All items – Key date ${sapDate(key)}`]).commit();
  const header = sheet.addRow([...SAP_HEADERS_EN]);
  header.font = { bold: true };
  header.commit();
  // Dates go in as Excel serials computed from civil days: no JS Date, so no time-zone shift.
  const serial = (d: CivilDay | null) => (d === null ? null : serialFromDay(d));
  let items = 0;
  let customers = 0;
  for (const { items: list } of generateLedger(options)) {
    for (const it of list) {
      const row = sheet.addRow([
        it.customer.code, it.customer.name, it.documentNumber, it.type, it.reference, it.assignment,
        serial(it.documentDate), serial(it.postingDate), serial(it.baselineDate), serial(it.netDueDate),
        arrears(it, key), it.amountLocal / 100, "MXN", it.amountDocument / 100, it.currency,
        serial(it.clearingDate), it.clearingDocument || null, it.terms || null, it.text,
      ]);
      for (let c = 0; c < styles.length; c++) row.getCell(c + 1).style = styles[c];
      row.commit();
      // Let the zip stream reach the disk now and then instead of queueing the sheet in memory.
      if (++items % 5000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    customers++;
  }
  sheet.commit();
  await workbook.commit();
  return { path, bytes: statSync(path).size, items, lines: items + 3, customers, ms: Date.now() - started };
}

// ---- Command line -------------------------------------------------------------------------

export const SAMPLE_OPTIONS = { customers: 300, items: 20000, seed: DEFAULT_SEED, keyDate: DEFAULT_KEY_DATE } as const;

function describe(s: WriteSummary, what: string): string {
  return `${s.path}: ${what}, ${s.bytes.toLocaleString("en-US")} bytes, ${s.ms} ms`;
}

async function main(): Promise<void> {
  // Paths relative to the repository, whether run from dist/samples or with ts-node from samples/.
  const root = __dirname.includes(`${join("dist", "samples")}`) ? join(__dirname, "..", "..") : join(__dirname, "..");
  const dir = join(root, "samples");
  const txt = await writeSapTxt(join(dir, "ledger-fbl5n.txt"), SAMPLE_OPTIONS);
  const bad = txt.badRows.map((b) => `line ${b.line} ${b.column} "${b.value}"`).join("; ");
  console.log(describe(txt, `${txt.items} items, ${txt.customers} customers, ${txt.lines} lines, Windows-1252; bad rows: ${bad}`));
  const csv = await writeCustomersCsv(join(dir, "customers.csv"), SAMPLE_OPTIONS);
  console.log(describe(csv, `${csv.customers} customers, UTF-8 with BOM`));
  const story = creditStory(SAMPLE_OPTIONS);
  const orders = await writeOrdersCsv(join(dir, "orders.csv"), story);
  console.log(describe(orders, `${orders.items} open orders of ${orders.customers} customers`));
  const deliveries = await writeUnbilledDeliveriesCsv(join(dir, "unbilled-deliveries.csv"), story);
  console.log(describe(deliveries, `${deliveries.items} deliveries not invoiced`));
  const history = await writePaymentHistoryCsv(join(dir, "payment-history.csv"), story);
  console.log(describe(history, `${history.items} paid invoices of ${history.customers} customers`));
  const xlsx = await writeLedgerXlsx(join(dir, "ledger.xlsx"), SAMPLE_OPTIONS);
  console.log(describe(xlsx, `${xlsx.items} items, ${xlsx.customers} customers, ${xlsx.lines} rows`));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });
}
