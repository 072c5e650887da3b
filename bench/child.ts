/**
 * Runs one read-and-age in a fresh process so its peak memory (maxRSS) is its own.
 * Usage: node dist/bench/child.js LEDGER [RESULT.xlsx]
 */
import "../src/cli/heap"; // the command line's own heap tuning
import { buildAgingReport } from "../src/core/aging/agingReport";
import { runAging } from "../src/cli/aging";
import { writeReportXlsxFile } from "../src/report/xlsx";
import { parseIsoDate } from "../src/core/dates";

async function main(): Promise<void> {
  const ledger = process.argv[2];
  const t0 = performance.now();
  const run = await runAging({ ledger, asOf: parseIsoDate("2026-10-31")!, edges: [30, 60, 90, 120], basis: "due", currency: "MXN", lang: "es" });
  const ms = performance.now() - t0;
  const out = process.argv[3];
  let writeMs = 0;
  if (out) {
    // As `cartera aging --out`: summary, every open item in the detail, rejected rows.
    const t1 = performance.now();
    const report = buildAgingReport({ result: run.result, items: run.items, rejected: run.rejected, source: ledger, lang: "es", skipped: run.stats });
    await writeReportXlsxFile(report, out);
    writeMs = performance.now() - t1;
  }
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  const totalItems = run.result.customers.reduce((a, c) => a + c.items, 0);
  process.stdout.write(JSON.stringify({ ms, writeMs, maxRssMB, rows: run.stats.dataRows, items: run.items.length, open: totalItems, rejected: run.rejected.length }) + "\n");
}

main().catch((e) => {
  process.stderr.write(String(e instanceof Error ? e.message : e) + "\n");
  process.exit(1);
});
