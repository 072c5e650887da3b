/**
 * CARTERA.AGING and CARTERA.AGINGBY over 100,000 rows, called exactly as Excel calls them:
 * 2-D ranges of cell values (numbers, dates as serials, some amounts and dates as SAP text).
 * Floor from issue 3: ≤ 150 ms each. bench/run.ts prints these beside the other figures.
 */
import { performance } from "node:perf_hooks";
import { aging, agingBy } from "../functions/functions";
import { configureHost } from "../functions/host";
import { parseIsoDate, serialFromDay } from "../src/core/dates";

export interface FunctionFigure {
  name: string;
  ms: number;
  floorMs: number;
}

const ROWS = 100_000;
const FLOOR_MS = 150;

interface Ranges {
  customers: unknown[][];
  amounts: unknown[][];
  dues: unknown[][];
  asOf: number;
}

/** What `range.values` holds for an exported ledger: mostly numbers, some SAP text. */
export function functionRanges(rows = ROWS): Ranges {
  const asOfDay = parseIsoDate("2026-10-31")!;
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
  const customers: unknown[][] = new Array(rows);
  const amounts: unknown[][] = new Array(rows);
  const dues: unknown[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    customers[i] = [String(1_000_000 + Math.floor(rnd() * 300)).padStart(10, "0")];
    const cents = Math.floor(rnd() * 5_000_000) * (rnd() < 0.08 ? -1 : 1);
    const units = cents / 100;
    // One amount in ten arrives as SAP text with the sign last: "1,234.56-".
    amounts[i] = [rnd() < 0.1 ? `${Math.abs(units).toLocaleString("en-US", { minimumFractionDigits: 2 })}${units < 0 ? "-" : ""}` : units];
    const due = asOfDay - Math.floor(rnd() * 400) + 30;
    dues[i] = [rnd() < 0.05 ? formatDayFirst(due) : serialFromDay(due)];
  }
  return { customers, amounts, dues, asOf: serialFromDay(asOfDay) };
}

function formatDayFirst(day: number): string {
  const d = new Date(day * 86_400_000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(run: () => unknown, repeats = 7): number {
  run(); // warm-up: let the JIT compile the hot loop before measuring
  const ms: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    run();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

export async function benchFunctions(): Promise<FunctionFigure[]> {
  configureHost({ lang: "es" });
  const r = functionRanges();
  const figures: FunctionFigure[] = [
    { name: `CARTERA.AGING, ${ROWS.toLocaleString("en-US")} rows`, ms: time(() => aging(r.amounts, r.dues, r.asOf)), floorMs: FLOOR_MS },
    { name: `CARTERA.AGINGBY, ${ROWS.toLocaleString("en-US")} rows`, ms: time(() => agingBy(r.customers, r.amounts, r.dues, r.asOf)), floorMs: FLOOR_MS },
  ];
  configureHost({});
  return figures;
}

if (require.main === module) {
  void benchFunctions().then((figures) => {
    for (const f of figures) process.stdout.write(`${f.name}: ${f.ms.toFixed(1)} ms (floor ≤ ${f.floorMs} ms)\n`);
  });
}
