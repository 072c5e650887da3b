/**
 * The credit review's floors (issue 11): 5,000 customers with 1,000,000 open items and 50,000
 * orders evaluate in ≤ 2 s; the whole command, files read, in ≤ 10 s. `npm run bench` calls
 * `benchCredit`; run as a script (`node dist/bench/credit.js child …`) it is the child process
 * that times one `cartera credit` run on files, so its memory is its own.
 */
import "../src/cli/heap";
import { execFileSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, statSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { runCredit } from "../src/cli/credit";
import { civilFromDay, parseIsoDate, type CivilDay } from "../src/core/dates";
import { DEFAULT_POLICY } from "../src/core/credit/policy";
import { reviewCredit } from "../src/core/credit/review";
import { CustomerMaster, type Customer } from "../src/core/tables/customers";
import type { LedgerItem } from "../src/core/tables/ledger";
import type { OpenOrder } from "../src/core/tables/orders";
import type { PaidItem } from "../src/core/tables/paymentHistory";
import { generateCustomers, mulberry32, sapAmount, SAP_HEADERS_ES, writeCustomersCsv } from "../samples/generate";

export interface CreditFigure {
  name: string;
  value: number;
  unit: string;
  floor: number;
  detail?: string;
}

const AS_OF = parseIsoDate("2026-10-31")!;
const CUSTOMERS = 5_000;
const ITEMS = 1_000_000;
const ORDERS = 50_000;
const PAYMENTS = 60_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const code = (i: number) => String(1_000_000 + i * 7).padStart(10, "0");
/** Four customers in ten carry old debt (items up to 300 days old); the rest are never more than 15 days late, so their orders go through the line. */
const age = (customer: number) => (customer % 10 < 4 ? 300 : 46);

/** The records the readers would give: open items, the master, orders and paid items. */
function synthetic() {
  const rnd = mulberry32(11);
  const customers: Customer[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    customers.push({ row: i + 2, code: code(i), name: `Cliente ${i}`, rfc: "", termDays: 30, creditLimit: Math.round(5_000_000 + rnd() * 20_000_000) * 100, currency: null, emails: [], plaza: "", riskClass: "B", guarantee: i % 3 ? null : { type: "pagaré", description: "Pagaré", amount: 50_000_00, expires: AS_OF - 60 + Math.floor(rnd() * 600) }, analyst: "", contact: "", phone: "" });
  }
  const items: LedgerItem[] = new Array(ITEMS);
  for (let i = 0; i < ITEMS; i++) {
    const c = Math.floor(rnd() * CUSTOMERS);
    const doc = AS_OF - Math.floor(rnd() * age(c));
    const credit = rnd() < 0.06;
    items[i] = { row: i + 2, customer: code(c), customerName: "", documentNumber: String(1_800_000_000 + i), documentType: credit ? "DG" : "RV", reference: "", assignment: "", text: "", documentDate: doc, postingDate: doc, baselineDate: doc, netDueDate: doc + 30, clearingDate: null, termDays: 30, terms: "Z030", amount: (credit ? -1 : 1) * Math.floor(1_000_00 + rnd() * 80_000_00), currency: c % 50 === 0 && rnd() < 0.3 ? "USD" : "MXN" };
  }
  const orders: OpenOrder[] = [];
  for (let i = 0; i < ORDERS; i++) orders.push({ row: i + 2, order: String(12_000_000 + i), customer: code(Math.floor(rnd() * CUSTOMERS)).replace(/^0+/, ""), customerName: "", orderDate: AS_OF - Math.floor(rnd() * 30), shipDate: AS_OF + Math.floor(rnd() * 14) - 3, amount: Math.floor(5_000_00 + rnd() * 300_000_00), currency: "MXN", plant: "", text: "" });
  const history: PaidItem[] = [];
  for (let i = 0; i < PAYMENTS; i++) {
    const paid = AS_OF - Math.floor(rnd() * 420);
    history.push({ row: i + 2, customer: code(Math.floor(rnd() * CUSTOMERS)), document: String(i), due: paid - Math.floor(rnd() * 50) + 20, paid, amount: Math.floor(1_000_00 + rnd() * 50_000_00), currency: "MXN" });
  }
  return { customers, items, orders, history };
}

function benchEvaluate(): CreditFigure {
  const { customers, items, orders, history } = synthetic();
  const input = { asOf: AS_OF, items, master: new CustomerMaster(customers), orders, deliveries: [], history, policy: DEFAULT_POLICY, currency: "MXN", scheduleDays: 7 };
  reviewCredit(input); // warm-up: JIT
  const times: number[] = [];
  let held = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = reviewCredit(input);
    times.push(performance.now() - t0);
    held = r.orders.filter((o) => o.decision === "hold").length;
  }
  return { name: "Credit review, 5k customers, 1M items, 50k orders", value: median(times), unit: "ms", floor: 2000, detail: `median of 5, min ${Math.min(...times).toFixed(0)} ms; ${held} orders held; ${PAYMENTS} paid items` };
}

function sapDate(day: CivilDay): string {
  const { y, m, d } = civilFromDay(day);
  return `${d < 10 ? "0" : ""}${d}.${m < 10 ? "0" : ""}${m}.${y}`;
}

class Lines {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly out: ReturnType<typeof createWriteStream>) {}
  async push(line: string): Promise<void> {
    this.parts.push(line);
    this.size += line.length;
    if (this.size > 1 << 20) {
      const ok = this.out.write(Buffer.from(this.parts.join(""), "latin1"));
      this.parts = [];
      this.size = 0;
      if (!ok) await once(this.out, "drain");
    }
  }
  async end(): Promise<void> {
    this.out.write(Buffer.from(this.parts.join(""), "latin1"));
    this.out.end();
    await finished(this.out);
  }
}

/** An FBL5N text export of open items only (SAP's headings, Windows-1252, `1,234.56-`), and VA05 orders and paid items as CSV. */
async function writeFiles(dir: string): Promise<{ ledger: string; customers: string; orders: string; history: string }> {
  const files = { ledger: join(dir, "credit-fbl5n-1m-v2.txt"), customers: join(dir, "credit-customers-5k.csv"), orders: join(dir, "credit-orders-50k.csv"), history: join(dir, "credit-history-60k.csv") };
  if (Object.values(files).every(existsSync)) return files;
  const t0 = Date.now();
  const rnd = mulberry32(12);
  // The master (names, limits, guarantees) from the samples' generator, with 5,000 customers.
  await writeCustomersCsv(files.customers, { customers: CUSTOMERS, seed: 5, keyDate: "2026-10-31" });
  const codes = generateCustomers(CUSTOMERS, 5).map((c) => c.code);
  const ledger = new Lines(createWriteStream(files.ledger));
  await ledger.push(`Partidas individuales de deudores\r\n\r\n${SAP_HEADERS_ES.join("\t")}\r\n`);
  for (let i = 0; i < ITEMS; i++) {
    const k = Math.floor(rnd() * CUSTOMERS);
    const doc = AS_OF - Math.floor(rnd() * age(k));
    const credit = rnd() < 0.06;
    const amount = sapAmount((credit ? -1 : 1) * Math.floor(1_000_00 + rnd() * 80_000_00));
    const c = codes[k];
    const d = sapDate(doc);
    await ledger.push([c, "", String(1_800_000_000 + i), credit ? "DG" : "RV", "", "", d, d, d, sapDate(doc + 30), String(AS_OF - doc - 30), amount, "MXN", amount, "MXN", "", "", "Z030", ""].join("\t") + "\r\n");
  }
  await ledger.end();
  const orders = new Lines(createWriteStream(files.orders));
  await orders.push("Documento de ventas,Solicitante,Fecha de documento,Fecha de entrega preferente,Valor neto,Moneda\r\n");
  for (let i = 0; i < ORDERS; i++) {
    const day = AS_OF - Math.floor(rnd() * 30);
    await orders.push(`${12_000_000 + i},${codes[Math.floor(rnd() * CUSTOMERS)].replace(/^0+/, "")},${sapDate(day)},${sapDate(AS_OF + Math.floor(rnd() * 14) - 3)},"${sapAmount(Math.floor(5_000_00 + rnd() * 300_000_00))}",MXN\r\n`);
  }
  await orders.end();
  const history = new Lines(createWriteStream(files.history));
  await history.push("Cuenta,Nº documento,Vencimiento neto,Fecha de compensación,Importe,Moneda\r\n");
  for (let i = 0; i < PAYMENTS; i++) {
    const paid = AS_OF - Math.floor(rnd() * 420);
    await history.push(`${codes[Math.floor(rnd() * CUSTOMERS)]},${9_100_000_000 + i},${sapDate(paid - Math.floor(rnd() * 50) + 20)},${sapDate(paid)},"${sapAmount(Math.floor(1_000_00 + rnd() * 50_000_00))}",MXN\r\n`);
  }
  await history.end();
  console.log(`generated credit bench files in ${((Date.now() - t0) / 1000).toFixed(1)} s (${(statSync(files.ledger).size / 1e6).toFixed(0)} MB ledger)`);
  return files;
}

/** The figures for `npm run bench`. */
export async function benchCredit(dataDir: string): Promise<CreditFigure[]> {
  const figures = [benchEvaluate()];
  mkdirSync(dataDir, { recursive: true });
  const files = await writeFiles(dataDir);
  const out = execFileSync(process.execPath, [__filename, "child", files.ledger, files.customers, files.orders, files.history], { encoding: "utf8", maxBuffer: 1 << 20 });
  const r = JSON.parse(out.trim().split("\n").pop()!) as { ms: number; maxRssMB: number; items: number; orders: number; customers: number };
  figures.push({ name: "  cartera credit on files (read + review)", value: r.ms / 1000, unit: "s", floor: 10, detail: `${r.items} open items, ${r.orders} orders, ${r.customers} customers, peak ${r.maxRssMB.toFixed(0)} MB` });
  return figures;
}

async function child(ledger: string, customers: string, orders: string, history: string): Promise<void> {
  const t0 = performance.now();
  const job = await runCredit({ ledger, customers, orders, history, asOf: AS_OF, days: 7, currency: "MXN", lang: "es" });
  const ms = performance.now() - t0;
  const items = job.result.aging.customers.reduce((n, c) => n + c.items, 0);
  process.stdout.write(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, items, orders: job.result.orders.length, customers: job.result.customers.length }) + "\n");
}

if (require.main === module && process.argv[2] === "child") {
  child(process.argv[3], process.argv[4], process.argv[5], process.argv[6]).catch((e) => {
    process.stderr.write(String(e instanceof Error ? e.message : e) + "\n");
    process.exit(1);
  });
}
