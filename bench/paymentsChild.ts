/**
 * One `cartera reconcile payments … --json` run in a fresh process, timed from the process's
 * start (module loading included) to the JSON in hand; then its answers are scored against
 * the generator's. Prints one JSON line for bench/payments.ts.
 *
 *   node dist/bench/paymentsChild.js BANK LEDGER CUSTOMERS ANSWERS
 */
const started = performance.now();
import { readFileSync } from "node:fs";
import { runPayments } from "../src/cli/payments";
import { paymentsJson } from "../src/jobs/reconcilePayments";
import { customerKey } from "../src/core/tables/customers";
import type { ExpectedOutcome } from "../samples/payments";

export interface Score {
  deposits: number;
  matched: number;
  correct: number;
  wrong: { bankLine: number; scenario: string; rule: string }[];
  byRule: Record<string, number>;
  /** Per scenario of the generator: deposits, matched, correct. */
  byScenario: Record<string, [number, number, number]>;
}

interface JsonMatch {
  bankLine: number;
  customer: string;
  documents: string[];
  rule: string;
}

export function score(json: { matches: JsonMatch[]; stats: { deposits: number; byRule: Record<string, number> } }, answers: Record<string, ExpectedOutcome>): Score {
  const byScenario: Record<string, [number, number, number]> = {};
  for (const a of Object.values(answers)) (byScenario[a.scenario] ??= [0, 0, 0])[0]++;
  let correct = 0;
  const wrong: Score["wrong"] = [];
  for (const m of json.matches) {
    const a = answers[String(m.bankLine)];
    const s = a ? (byScenario[a.scenario] ??= [0, 0, 0]) : undefined;
    if (s) s[1]++;
    const ok = a?.kind === "match" && customerKey(a.customer) === customerKey(m.customer) && [...a.documents].sort().join() === [...m.documents].sort().join();
    if (ok) {
      correct++;
      s![2]++;
    } else wrong.push({ bankLine: m.bankLine, scenario: a?.scenario ?? "?", rule: m.rule });
  }
  return { deposits: json.stats.deposits, matched: json.matches.length, correct, wrong, byRule: json.stats.byRule, byScenario };
}

async function main(): Promise<void> {
  const [bank, ledger, customers, answersFile] = process.argv.slice(2);
  // What `cartera reconcile payments --bank … --ledger … --customers … --json` does: read, match, build the Report, write the JSON.
  const t0 = performance.now();
  // CPU time of the matching too: on a machine shared with other work, wall time says little.
  let cpuAtMatch: NodeJS.CpuUsage | null = null;
  let matchCpuMs = 0;
  const job = await runPayments({ bank, ledger, customers, lang: "es" }, undefined, (_fraction, phase) => {
    if (phase === "match" && cpuAtMatch === null) cpuAtMatch = process.cpuUsage();
    else if (phase === "report" && cpuAtMatch && matchCpuMs === 0) {
      const c = process.cpuUsage(cpuAtMatch);
      matchCpuMs = (c.user + c.system) / 1000;
    }
  }, false);
  const text = JSON.stringify(paymentsJson(job, "es"), null, 2);
  const commandMs = performance.now() - t0;
  const totalMs = performance.now() - started;
  const s = score(JSON.parse(text), JSON.parse(readFileSync(answersFile, "utf8")));
  console.log(JSON.stringify({ totalMs, commandMs, matchMs: job.matchMs, matchCpuMs, cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000, openItems: job.ledger.open, maxRssMB: process.resourceUsage().maxRSS / 1024, ...s, wrong: s.wrong.slice(0, 20), wrongCount: s.wrong.length }));
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
