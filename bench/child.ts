/**
 * Runs one read-and-age in a fresh process so its peak memory (maxRSS) is its own.
 * Usage: node dist/bench/child.js LEDGER [RESULT.xlsx]
 */
import "../src/cli/heap"; // the command line's own heap tuning
import { runAging } from "../src/cli/aging";
import { writeReportXlsxFile } from "../src/report/xlsxFile";
import { parseIsoDate } from "../src/core/dates";

async function main(): Promise<void> {
  const ledger = process.argv[2];
  const t0 = performance.now();
  const out = process.argv[3];
  // As `cartera aging`: the detail rows are only built when a workbook will be written.
  const run = await runAging({ ledger, asOf: parseIsoDate("2026-10-31")!, edges: [30, 60, 90, 120], basis: "due", currency: "MXN", lang: "es" }, out !== undefined);
  const ms = performance.now() - t0;
  let writeMs = 0;
  if (out) {
    // As `cartera aging --out`: summary, every open item in the detail, rejected rows.
    const t1 = performance.now();
    await writeReportXlsxFile(run.report, out);
    writeMs = performance.now() - t1;
  }
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  const totalItems = run.result.customers.reduce((a, c) => a + c.items, 0);
  process.stdout.write(JSON.stringify({ ms, writeMs, maxRssMB, rows: run.ledger.stats.dataRows, items: run.items.length, open: totalItems, rejected: run.ledger.rejected.length }) + "\n");
}

main().catch((e) => {
  process.stderr.write(String(e instanceof Error ? e.message : e) + "\n");
  process.exit(1);
});
