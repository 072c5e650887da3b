/**
 * Runs one read-and-age in a fresh process so its peak memory (maxRSS) is its own.
 * Usage: node dist/bench/child.js LEDGER
 */
import "../src/cli/heap"; // the command line's own heap tuning
import { runAging } from "../src/cli/aging";
import { parseIsoDate } from "../src/core/dates";

async function main(): Promise<void> {
  const ledger = process.argv[2];
  const t0 = performance.now();
  const run = await runAging({ ledger, asOf: parseIsoDate("2026-10-31")!, edges: [30, 60, 90, 120], basis: "due", currency: "MXN", lang: "es" });
  const ms = performance.now() - t0;
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  const totalItems = run.result.customers.reduce((a, c) => a + c.items, 0);
  process.stdout.write(JSON.stringify({ ms, maxRssMB, items: run.items.length, open: totalItems, rejected: run.rejected.length }) + "\n");
}

main().catch((e) => {
  process.stderr.write(String(e instanceof Error ? e.message : e) + "\n");
  process.exit(1);
});
