/**
 * Issue 9's floor: 200,000 remissions against 200,000 invoice lines reconcile in ≤ 3 s. The
 * files are generated once into bench/data/ (a plant system's CSV and a billing export, with
 * lists, ranges, prefixes, zeros and a few anomalies); the figure is the whole command's work
 * as `cartera reconcile deliveries` does it: both files read, reconciled, the Report built.
 */
import "../src/cli/heap"; // the command line's own heap tuning, in the measuring child
import { execFileSync } from "node:child_process";
import { createWriteStream, existsSync, statSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { runDeliveries } from "../src/cli/reconcile";
import { dayFromCivil, formatDayFirst, parseIsoDate } from "../src/core/dates";
import { reconcileDeliveries } from "../src/core/reconcile/deliveries";
import { INVOICE_LINE_SPEC, invoiceLineKind } from "../src/core/tables/invoiceLines";
import { fileSource } from "../src/io/fileSource";
import { readAll } from "../src/jobs/read";
import { mulberry32 } from "../samples/generate";

export interface ReconcileFigure {
  name: string;
  value: number;
  unit: string;
  floor: number;
  detail?: string;
}

const PRODUCTS = [
  ["CON200", "M3", 215000],
  ["CON250", "M3", 235000],
  ["CON300", "M3", 260000],
  ["GRAVA34", "T", 42000],
  ["ARENA", "T", 38000],
  ["BLOCK15", "PZA", 1450],
] as const;

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  let buf: string[] = [];
  for (const l of lines) {
    buf.push(l);
    if (buf.length >= 20000) {
      if (!out.write(buf.join("\r\n") + "\r\n")) await once(out, "drain");
      buf = [];
    }
  }
  if (buf.length) out.write(buf.join("\r\n") + "\r\n");
  out.end();
  await finished(out);
}

/** `n` remissions, and `n` invoice lines billing them (a few forgotten, doubled, mistyped or citing ghosts). */
export async function writeReconcileData(dir: string, n: number): Promise<{ deliveries: string; invoices: string }> {
  const deliveries = join(dir, `deliveries-${n / 1000}k.csv`);
  const invoices = join(dir, `invoice-lines-${n / 1000}k.csv`);
  if (existsSync(deliveries) && existsSync(invoices)) return { deliveries, invoices };
  const rnd = mulberry32(91);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const start = dayFromCivil(2026, 1, 1);
  const rems: { customer: number; product: number; qty: number; day: number }[] = [];
  for (let i = 0; i < n; i++) {
    const product = int(0, PRODUCTS.length - 1);
    const unit = PRODUCTS[product][1];
    const qty = unit === "M3" ? int(10, 16) * 500 : unit === "T" ? int(12000, 28000) : int(10, 50) * 50000;
    rems.push({ customer: 1000000 + int(0, 1999), product, qty, day: start + Math.floor((i * 300) / n) });
  }
  const money = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;
  const q3 = (t: number) => `${Math.floor(t / 1000)}.${String(t % 1000).padStart(3, "0")}`;
  await writeLines(deliveries, (function* () {
    yield "Remisión,Fecha remisión,Cliente,Planta,Material,Cantidad,Unidad,Importe";
    for (let i = 0; i < n; i++) {
      const r = rems[i];
      const [code, unit, price] = PRODUCTS[r.product];
      yield `R${100000 + i},${formatDayFirst(r.day)},${String(r.customer).padStart(10, "0")},P0${1 + (i % 3)},${code},${q3(r.qty)},${unit},${money(Math.round((r.qty * price) / 1000))}`;
    }
  })());
  await writeLines(invoices, (function* () {
    yield "Factura,Fecha factura,Cliente,Material,Cantidad facturada,Unidad,Valor neto,Remisiones";
    for (let i = 0; i < n; i++) {
      const r = rems[i];
      const [code, unit, price] = PRODUCTS[r.product];
      const x = rnd();
      // One line per remission, cited in every style; 0.5 % cite a ghost, 0.5 % bill another (so theirs go uninvoiced or twice).
      const cited = x < 0.005 ? `R${900000 + i}` : x < 0.01 ? `R${100000 + ((i * 7919) % n)}` : [`R${100000 + i}`, `r${100000 + i}`, `R-0${100000 + i}`, `Rem. ${100000 + i}`][i % 4];
      const amount = Math.round((r.qty * price) / 1000) + (x > 0.995 ? 100 : 0);
      yield `A-${500000 + Math.floor(i / 4)},${formatDayFirst(r.day + 3)},${r.customer},${code},${q3(r.qty)},${unit},${money(amount)},${cited}`;
    }
  })());
  return { deliveries, invoices };
}

interface ChildResult {
  ms: number;
  /** CPU time of the same run: what the machine's other work does not inflate. */
  cpuMs: number;
  engineMs: number;
  maxRssMB: number;
  matched: number;
  notInvoiced: number;
  missing: number;
  duplicates: number;
  differences: number;
}

/** In a fresh process, with the command line's own heap settings, so the time and peak memory are its own. */
async function child(deliveriesPath: string, invoicesPath: string): Promise<void> {
  const asOf = parseIsoDate("2026-12-31")!;
  const tolerance = { amount: 1, quantity: 10 };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const job = await runDeliveries({ deliveries: deliveriesPath, invoices: invoicesPath, asOf, tolerance, currency: "MXN", lang: "es" });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  // The engine alone, on the records already read (median of 3).
  const deliveries = job.result.remissions.flatMap((r) => r.items);
  const { records: lines } = await readAll(fileSource(invoicesPath, INVOICE_LINE_SPEC), invoiceLineKind({ defaultCurrency: "MXN" }), { lang: "es" });
  const times: number[] = [];
  for (let k = 0; k < 3; k++) {
    const s = performance.now();
    reconcileDeliveries(deliveries, lines, { asOf, tolerance });
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const r = job.result;
  const out: ChildResult = { ms, cpuMs: (cpu.user + cpu.system) / 1000, engineMs: times[1], maxRssMB, matched: r.matched.length, notInvoiced: r.notInvoiced.length, missing: r.missingRemissions.length, duplicates: r.duplicates.length, differences: r.differences.length };
  process.stdout.write(JSON.stringify(out) + "\n");
}

export async function benchReconcile(dataDir: string): Promise<ReconcileFigure[]> {
  const n = 200_000;
  const files = await writeReconcileData(dataDir, n);
  const text = execFileSync(process.execPath, [__filename, files.deliveries, files.invoices], { encoding: "utf8", maxBuffer: 1 << 20 });
  const c = JSON.parse(text.trim().split("\n").pop()!) as ChildResult;
  const mb = (p: string) => (statSync(p).size / 1e6).toFixed(0);
  return [
    { name: "Reconcile 200,000 remissions vs 200,000 lines", value: c.ms / 1000, unit: "s", floor: 3, detail: `both CSVs read (${mb(files.deliveries)} + ${mb(files.invoices)} MB), reconciled, Report built, ${(c.cpuMs / 1000).toFixed(2)} s of CPU; ${c.matched} pairs, ${c.notInvoiced} not invoiced, ${c.missing} missing, ${c.duplicates} twice, ${c.differences} differences; peak ${c.maxRssMB.toFixed(0)} MB` },
    { name: "  the engine alone on the parsed records", value: c.engineMs, unit: "ms", floor: Infinity, detail: "median of 3" },
  ];
}

if (require.main === module) {
  child(process.argv[2], process.argv[3]).catch((e) => {
    process.stderr.write(String(e instanceof Error ? e.message : e) + "\n");
    process.exit(1);
  });
}
