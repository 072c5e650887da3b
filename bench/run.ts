/**
 * `npm run bench`: the performance floors of the issues, measured on generated data. Prints
 * each figure beside its floor and exits non-zero when one is missed.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { age } from "../src/core/aging/aging";
import { parseIsoDate } from "../src/core/dates";
import type { LedgerItem } from "../src/core/tables/ledger";
import { writeLedgerXlsx, writeSapTxt } from "../samples/generate";
import { benchReconcile } from "./reconcile";
import { benchPayments } from "./payments";

interface Figure {
  name: string;
  value: number;
  unit: string;
  floor: number;
  detail?: string;
}

const ROOT = join(__dirname, "..", "..");
const DATA = join(ROOT, "bench", "data");
const asOf = parseIsoDate("2026-10-31")!;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function syntheticItems(n: number): LedgerItem[] {
  const items: LedgerItem[] = new Array(n);
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
  for (let i = 0; i < n; i++) {
    const doc = asOf - Math.floor(rnd() * 400);
    const credit = rnd() < 0.08;
    items[i] = {
      row: i + 2,
      customer: String(1000000 + Math.floor(rnd() * 3000)).padStart(10, "0"),
      customerName: "",
      documentNumber: String(1800000000 + i),
      documentType: credit ? "DG" : "RV",
      reference: "",
      assignment: "",
      text: "",
      documentDate: doc,
      postingDate: doc,
      baselineDate: doc,
      netDueDate: rnd() < 0.5 ? doc + 30 : null,
      clearingDate: rnd() < 0.1 ? doc + 20 : null,
      termDays: 30,
      terms: "Z030",
      amount: (credit ? -1 : 1) * Math.floor(rnd() * 10_000_000),
      currency: rnd() < 0.05 ? "USD" : "MXN",
    };
  }
  return items;
}

function benchAgingInMemory(): Figure {
  const items = syntheticItems(1_000_000);
  age(items, { asOf }); // warm-up: the first run includes JIT compilation
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    age(items, { asOf });
    times.push(performance.now() - t0);
  }
  return { name: "Aging 1,000,000 parsed items", value: median(times), unit: "ms", floor: 300, detail: `median of 7, min ${Math.min(...times).toFixed(0)} ms` };
}

function child(ledger: string, result?: string): { ms: number; writeMs: number; maxRssMB: number; rows: number; items: number; open: number; rejected: number } {
  const args = [join(__dirname, "child.js"), ledger, ...(result ? [result] : [])];
  const out = execFileSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split("\n").pop()!);
}

async function main(): Promise<void> {
  mkdirSync(DATA, { recursive: true });
  const figures: Figure[] = [];

  figures.push(benchAgingInMemory());

  const txt = join(DATA, "fbl5n-1m.txt");
  if (!existsSync(txt)) {
    const s = await writeSapTxt(txt, { customers: 3000, items: 1_000_000, seed: 7, badRows: false });
    console.log(`generated ${txt}: ${s.items} items, ${(s.bytes / 1e6).toFixed(0)} MB in ${(s.ms / 1000).toFixed(1)} s`);
  }
  const t = child(txt);
  figures.push({ name: "Read + age 1,000,000-row SAP tab export", value: t.ms / 1000, unit: "s", floor: 8, detail: `${(statSync(txt).size / 1e6).toFixed(0)} MB, ${t.rows} item rows, ${t.open} open at the key date` });
  figures.push({ name: "  peak memory (maxRSS) of that run", value: t.maxRssMB, unit: "MB", floor: 1536 });

  // `--out` with every open item in the detail sheet (summary, detail, rejected): the writer
  // streams the zip to disk, so its memory is the report's rows, not the workbook's XML.
  const result = join(DATA, "aging-1m.xlsx");
  const w = child(txt, result);
  figures.push({ name: "  then write the result workbook (--out)", value: w.writeMs / 1000, unit: "s", floor: 10, detail: `${w.open} detail rows × 13 columns, ${(statSync(result).size / 1e6).toFixed(0)} MB` });
  figures.push({ name: "  peak memory (maxRSS) of read + age + write", value: w.maxRssMB, unit: "MB", floor: 1536 });

  const xlsx = join(DATA, "ledger-200k.xlsx");
  if (!existsSync(xlsx)) {
    const s = await writeLedgerXlsx(xlsx, { customers: 1500, items: 200_000, seed: 7 });
    console.log(`generated ${xlsx}: ${s.items} items, ${(s.bytes / 1e6).toFixed(0)} MB in ${(s.ms / 1000).toFixed(1)} s`);
  }
  const x = child(xlsx);
  figures.push({ name: "Read + age 200,000-row .xlsx", value: x.ms / 1000, unit: "s", floor: 15, detail: `${(statSync(xlsx).size / 1e6).toFixed(0)} MB, peak ${x.maxRssMB.toFixed(0)} MB` });

  figures.push(...(await benchReconcile(DATA)));

  try {
    // Custom functions (issue 3) bring their own figures when present.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fn = require("./functions") as { benchFunctions?: () => Promise<{ name: string; ms: number; floorMs: number }[]> };
    if (fn.benchFunctions) for (const f of await fn.benchFunctions()) figures.push({ name: f.name, value: f.ms, unit: "ms", floor: f.floorMs });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw e;
  }

  try {
    // Statements of account (issue 12).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const st = require("./statements") as { benchStatements?: (dir: string) => Promise<{ name: string; ms: number; floorMs: number; detail: string }[]> };
    if (st.benchStatements) for (const f of await st.benchStatements(DATA)) figures.push({ name: f.name, value: f.ms / 1000, unit: "s", floor: f.floorMs / 1000, detail: f.detail });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw e;
  }
  // Credit review (issue 11): evaluation in memory, then the whole command on files.
  for (const f of await (await import("./credit")).benchCredit(DATA)) figures.push(f);
  // Cash application (issue 10): match rate and precision on known answers, then speed.
  figures.push(...benchPayments(DATA));

  let failed = 0;
  console.log("");
  console.log(`${"benchmark".padEnd(46)} ${"measured".padStart(12)} ${"floor".padStart(10)}  result`);
  for (const f of figures) {
    const ok = f.value <= f.floor;
    if (!ok) failed++;
    const v = f.unit === "ms" || f.unit === "MB" ? f.value.toFixed(0) : f.value.toFixed(2);
    const floor = Number.isFinite(f.floor) ? `≤ ${f.floor} ${f.unit}` : "—";
    console.log(`${f.name.padEnd(46)} ${`${v} ${f.unit}`.padStart(12)} ${floor.padStart(10)}  ${ok ? (Number.isFinite(f.floor) ? "ok" : "") : "MISSED"}${f.detail ? `  (${f.detail})` : ""}`);
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
