/**
 * `npm run fuzz [-- --count N --seed S --jobs J]`: seeded mutations of the samples (the
 * classes of test/io/mutations.ts), each run through the real command line in its own process
 * (`cartera aging MUTANT --as-of 2026-10-31 --json`, with a 30 s timeout and a 1 GB heap), and
 * each outcome classified:
 *
 * - `ok`: exit 0 and JSON whose totals add up (every customer's buckets to its total, the
 *   customers' buckets to the totals, per currency) and, for a ledger mutant, whose rows
 *   account for every line or `<row>` of the file but the header and the title lines above it;
 * - `rejected`: exit 1 with one clear line on stderr, no stack trace;
 * - anything else is a failure: a crash or stack trace, a hang past 30 s, more than 1 GB,
 *   totals that do not add up, rows gone unseen, other output.
 *
 * Prints the counts per outcome and per mutation class, keeps the failing mutants, and exits
 * non-zero on any failure. A run of the same seed and count is the same run.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { mulberry32 } from "../samples/generate";
import { mutateText, mutateXlsx, TEXT_CLASSES, XLSX_CLASSES, type Mutant } from "../test/io/mutations";

const ROOT = join(__dirname, "..", "..");
const TIMEOUT_MS = 30_000;
const HEAP_MB = 1024;
const MAX_RSS_KB = 1024 * 1024;
const AS_OF = "2026-10-31";

// ---- the child: the command line itself, measured -------------------------------------

if (process.argv[2] === "--child") {
  // What bin/cartera.js does, plus the peak memory of the process on fd 3 when it ends.
  process.on("exit", () => {
    try {
      writeSync(3, JSON.stringify({ maxRssKB: process.resourceUsage().maxRSS }));
    } catch {
      // fd 3 is the fuzzer's; run by hand there is none.
    }
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const main = require("../src/cli/main") as typeof import("../src/cli/main");
  void main.run(process.argv.slice(3)).then((code) => {
    process.exitCode = code;
  });
} else {
  void fuzz().then((code) => {
    process.exitCode = code;
  });
}

// ---- the fuzzer ------------------------------------------------------------------------

type Outcome = "ok" | "rejected" | "crash" | "hang" | "memory" | "wrongTotals" | "rowsLost" | "badOutput";
const FAILURES: Outcome[] = ["crash", "hang", "memory", "wrongTotals", "rowsLost", "badOutput"];

interface Target {
  name: string;
  bytes: Uint8Array;
  ext: string;
  /** The mutant is the ledger (rows are accounted), or the customer master of the sample ledger. */
  role: "ledger" | "customers";
  mutate: (r: () => number, i: number) => Mutant;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  maxRssKB?: number;
  timedOut: boolean;
}

interface Verdict {
  outcome: Outcome;
  detail: string;
}

function parseArgs(argv: string[]): { count: number; seed: number; jobs: number } {
  const opts = { count: 240, seed: 20261031, jobs: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split("=", 2);
    const value = inline ?? argv[++i];
    const n = Number(value);
    if (!Number.isInteger(n) || n < (key === "--seed" ? 0 : 1)) throw new Error(`${key} needs a whole number, not "${value}"`);
    if (key === "--count") opts.count = n;
    else if (key === "--seed") opts.seed = n;
    else if (key === "--jobs") opts.jobs = n;
    else throw new Error(`unknown option ${key} (use --count N --seed S --jobs J)`);
  }
  return opts;
}

function targets(): Target[] {
  const read = (name: string) => new Uint8Array(readFileSync(join(ROOT, "samples", name)));
  const txt = read("ledger-fbl5n.txt");
  const xlsx = read("ledger.xlsx");
  const csv = read("customers.csv");
  return [
    ...TEXT_CLASSES.map((kind): Target => ({ name: "ledger-fbl5n.txt", bytes: txt, ext: "txt", role: "ledger", mutate: (r, i) => mutateText(txt, kind, r, i) })),
    ...XLSX_CLASSES.map((kind): Target => ({ name: "ledger.xlsx", bytes: xlsx, ext: "xlsx", role: "ledger", mutate: (r, i) => mutateXlsx(xlsx, kind, r, i) })),
    ...TEXT_CLASSES.map((kind): Target => ({ name: "customers.csv", bytes: csv, ext: "csv", role: "customers", mutate: (r, i) => mutateText(csv, kind, r, i) })),
  ];
}

function runChild(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, __filename, "--child", ...args], {
      stdio: ["ignore", "pipe", "pipe", "pipe"],
      env: { ...process.env, CARTERA_LANG: "es", CARTERA_DEBUG: "" },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const fd3: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, TIMEOUT_MS);
    child.stdout!.on("data", (d: Buffer) => out.push(d));
    child.stderr!.on("data", (d: Buffer) => err.push(d));
    (child.stdio[3] as NodeJS.ReadableStream).on("data", (d: Buffer) => fd3.push(d));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      let maxRssKB: number | undefined;
      try {
        maxRssKB = (JSON.parse(Buffer.concat(fd3).toString("utf8")) as { maxRssKB: number }).maxRssKB;
      } catch {
        maxRssKB = undefined;
      }
      resolve({ code, signal, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), ms: performance.now() - t0, maxRssKB, timedOut });
    });
  });
}

// ---- what a JSON result must satisfy ----------------------------------------------------

interface AgingJson {
  customers: { customer: string; currency: string; buckets: number[]; total: number; overdue: number; items: number }[];
  totals?: { buckets: number[]; total: number; overdue: number };
  totalsByCurrency?: Record<string, { buckets: number[]; total: number; overdue: number }>;
  rejected: { row: number }[];
  skipped: { subtotalRows: number; notOpenAtKeyDate: number; blankRows: number; repeatedHeaders: number };
}

/** Centavos, exactly as far as a JSON number carries them. */
function cents(v: number): bigint {
  return BigInt(Math.round(v * 100));
}

function sum(xs: number[]): bigint {
  return xs.reduce((a, x) => a + cents(x), 0n);
}

function totalsProblem(j: AgingJson): string | null {
  for (const c of j.customers) {
    if (sum(c.buckets) !== cents(c.total)) return `customer ${c.customer} ${c.currency}: buckets add to ${sum(c.buckets)} centavos, total says ${cents(c.total)}`;
  }
  const groups = j.totalsByCurrency ?? { "*": j.totals! };
  for (const [currency, t] of Object.entries(groups)) {
    const members = j.customers.filter((c) => currency === "*" || c.currency === currency);
    if (sum(t.buckets) !== cents(t.total)) return `${currency}: total buckets add to ${sum(t.buckets)}, total says ${cents(t.total)}`;
    for (let b = 0; b < t.buckets.length; b++) {
      const s = members.reduce((a, c) => a + cents(c.buckets[b]), 0n);
      if (s !== cents(t.buckets[b])) return `${currency}: bucket ${b} of the customers adds to ${s}, the total says ${cents(t.buckets[b])}`;
    }
    const overdue = members.reduce((a, c) => a + cents(c.overdue), 0n);
    if (overdue !== cents(t.overdue)) return `${currency}: overdue of the customers adds to ${overdue}, the total says ${cents(t.overdue)}`;
  }
  return null;
}

/** Lines of a text file (any of CRLF, LF, CR ends one), or `<row>` elements of the workbook's sheet. */
function sourceRows(bytes: Uint8Array, ext: string): number | null {
  if (ext === "xlsx") {
    try {
      const files = unzipSync(bytes, { filter: (f) => f.name === "xl/worksheets/sheet1.xml" && f.originalSize < 512 * 1024 * 1024 });
      const sheet = files["xl/worksheets/sheet1.xml"];
      if (!sheet) return null;
      return (Buffer.from(sheet).toString("latin1").match(/<row[\s>/]/g) ?? []).length;
    } catch {
      return null;
    }
  }
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const text = utf16 ? new TextDecoder(bytes[0] === 0xff ? "utf-16le" : "utf-16be").decode(bytes.subarray(2)) : Buffer.from(bytes).toString("latin1");
  if (text === "") return 0;
  const parts = text.split(/\r\n|\r|\n/).length;
  return /[\r\n]$/.test(text) ? parts - 1 : parts;
}

function classify(run: Run, target: Target, mutant: Mutant): Verdict {
  const stderrLines = run.stderr.split("\n").filter((l) => l.trim() !== "");
  if (run.timedOut) return { outcome: "hang", detail: `no end after ${TIMEOUT_MS / 1000} s` };
  if (/heap out of memory|Reached heap limit|Allocation failed/i.test(run.stderr)) return { outcome: "memory", detail: stderrLines.find((l) => /memory|heap/i.test(l)) ?? "out of memory" };
  if (run.maxRssKB !== undefined && run.maxRssKB > MAX_RSS_KB) return { outcome: "memory", detail: `peak ${(run.maxRssKB / 1024).toFixed(0)} MB` };
  if (run.signal || (run.code !== 0 && run.code !== 1)) return { outcome: "crash", detail: `exit ${run.code ?? run.signal}: ${stderrLines[0] ?? ""}` };
  if (/\n\s+at .+[:(]\d+/.test(run.stderr) || /error inesperado|unexpected error/.test(run.stderr)) return { outcome: "crash", detail: stderrLines.slice(0, 2).join(" | ") };
  if (run.code === 1) {
    if (stderrLines.length === 1 && stderrLines[0].startsWith("cartera: ") && run.stdout.trim() === "") return { outcome: "rejected", detail: stderrLines[0] };
    return { outcome: "badOutput", detail: `exit 1 with ${stderrLines.length} lines on stderr: ${stderrLines.slice(0, 3).join(" | ")}` };
  }
  let j: AgingJson;
  try {
    j = JSON.parse(run.stdout) as AgingJson;
  } catch {
    return { outcome: "badOutput", detail: `exit 0 without JSON: ${run.stdout.slice(0, 120)}` };
  }
  const problem = totalsProblem(j);
  if (problem) return { outcome: "wrongTotals", detail: problem };
  if (target.role === "ledger") {
    const rows = sourceRows(mutant.bytes, target.ext);
    if (rows !== null) {
      const seen = j.customers.reduce((a, c) => a + c.items, 0) + j.skipped.notOpenAtKeyDate + new Set(j.rejected.map((r) => r.row)).size + j.skipped.subtotalRows + j.skipped.blankRows + j.skipped.repeatedHeaders;
      // What is left is the header and the title lines above it: within the first 30 rows.
      const rest = rows - seen;
      if (rest < 1 || rest > 30) return { outcome: "rowsLost", detail: `${rows} rows in the file, ${seen} accounted for: ${rest} left for the header and the lines above it` };
    }
  }
  return { outcome: "ok", detail: "" };
}

// ---- the run ---------------------------------------------------------------------------

async function fuzz(): Promise<number> {
  let opts: ReturnType<typeof parseArgs>;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`fuzz: ${(e as Error).message}`);
    return 2;
  }
  const all = targets();
  const work = mkdtempSync(join(tmpdir(), "cartera-fuzz-"));
  const keep = join(ROOT, "out", "fuzz", String(opts.seed));
  const ledger = join(ROOT, "samples", "ledger-fbl5n.txt");
  const counts = new Map<Outcome, number>();
  const perClass = new Map<string, Map<Outcome, number>>();
  const failures: { i: number; target: Target; mutant: Mutant; verdict: Verdict }[] = [];
  const t0 = performance.now();
  let peakKB = 0;
  let slowest = 0;
  let next = 0;
  let done = 0;

  console.log(`fuzz: ${opts.count} mutants of ${[...new Set(all.map((t) => t.name))].join(", ")}; seed ${opts.seed}; ${opts.jobs} at a time; ${TIMEOUT_MS / 1000} s and ${HEAP_MB} MB heap each`);

  async function worker(): Promise<void> {
    for (;;) {
      const i = next++;
      if (i >= opts.count) return;
      const target = all[i % all.length];
      // Each mutant has its own generator: one can be rebuilt from the seed and its number alone.
      const round = Math.floor(i / all.length);
      const mutant = target.mutate(mulberry32(opts.seed * 1_000_003 + i), round);
      const file = join(work, `m${i}.${target.ext}`);
      writeFileSync(file, mutant.bytes);
      const args = target.role === "ledger" ? ["aging", file, "--as-of", AS_OF, "--json"] : ["aging", ledger, "--customers", file, "--as-of", AS_OF, "--json"];
      const run = await runChild(args);
      rmSync(file, { force: true });
      const verdict = classify(run, target, mutant);
      peakKB = Math.max(peakKB, run.maxRssKB ?? 0);
      slowest = Math.max(slowest, run.ms);
      counts.set(verdict.outcome, (counts.get(verdict.outcome) ?? 0) + 1);
      const key = `${target.name} ${mutant.kind}`;
      if (!perClass.has(key)) perClass.set(key, new Map());
      const c = perClass.get(key)!;
      c.set(verdict.outcome, (c.get(verdict.outcome) ?? 0) + 1);
      if (FAILURES.includes(verdict.outcome)) {
        failures.push({ i, target, mutant, verdict });
        mkdirSync(keep, { recursive: true });
        writeFileSync(join(keep, `m${i}-${mutant.kind}.${target.ext}`), mutant.bytes);
      }
      done++;
      if (done % 20 === 0) process.stdout.write(`  ${done}/${opts.count} (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
    }
  }
  await Promise.all(Array.from({ length: opts.jobs }, worker));
  rmSync(work, { recursive: true, force: true });

  const outcomes: Outcome[] = ["ok", "rejected", ...FAILURES];
  console.log("");
  console.log(`${"outcome".padEnd(12)} ${"count".padStart(6)}`);
  for (const o of outcomes) console.log(`${o.padEnd(12)} ${String(counts.get(o) ?? 0).padStart(6)}`);
  console.log("");
  console.log(`${"mutation class".padEnd(36)} ${outcomes.map((o) => o.padStart(12)).join("")}`);
  for (const [key, c] of [...perClass].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`${key.padEnd(36)} ${outcomes.map((o) => String(c.get(o) ?? "·").padStart(12)).join("")}`);
  }
  console.log("");
  console.log(`${opts.count} runs in ${((performance.now() - t0) / 1000).toFixed(0)} s; slowest ${(slowest / 1000).toFixed(1)} s; peak memory ${(peakKB / 1024).toFixed(0)} MB`);
  if (failures.length) {
    console.log(`\n${failures.length} failures (mutants kept in ${keep}):`);
    for (const f of failures.sort((a, b) => a.i - b.i).slice(0, 40)) console.log(`  #${f.i} ${f.target.name} ${f.mutant.kind} (${f.mutant.note}): ${f.verdict.outcome}: ${f.verdict.detail}`);
    return 1;
  }
  return 0;
}
