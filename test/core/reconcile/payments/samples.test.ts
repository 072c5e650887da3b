import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runPayments } from "../../../../src/cli/payments";
import { customerKey } from "../../../../src/core/tables/customers";
import { answersJson, bbvaCsv, customersCsv, generatePayments, ledgerTxt, PAYMENTS_SAMPLE_OPTIONS, type ExpectedOutcome } from "../../../../samples/payments";

const SAMPLES = join(__dirname, "..", "..", "..", "..", "samples");
const file = (name: string) => join(SAMPLES, name);

describe("the bundled cash-application sample (samples/payments.ts)", () => {
  test("the files in samples/ are what the generator writes", () => {
    const s = generatePayments(PAYMENTS_SAMPLE_OPTIONS);
    expect(readFileSync(file("bank-bbva.csv"), "utf8")).toBe(bbvaCsv(s.lines));
    expect(readFileSync(file("payments-customers.csv"), "utf8")).toBe(customersCsv(s));
    expect(readFileSync(file("payments-answers.json"), "utf8")).toBe(answersJson(s));
    expect(readFileSync(file("payments-ledger.txt")).equals(Buffer.concat([...ledgerTxt(s)]))).toBe(true);
  });

  test("meets the issue's floors on its known answers, and each case for review lands in its list", async () => {
    const job = await runPayments({ bank: file("bank-bbva.csv"), ledger: file("payments-ledger.txt"), customers: file("payments-customers.csv"), lang: "es" });
    const answers = JSON.parse(readFileSync(file("payments-answers.json"), "utf8")) as Record<string, ExpectedOutcome>;
    const r = job.result;
    expect(job.bank.rejected).toEqual([]);
    expect(job.ledger.rejected).toEqual([]);
    expect(r.stats.deposits).toBe(Object.keys(answers).length);
    let correct = 0;
    for (const m of r.matches) {
      const a = answers[String(m.bankLine)];
      if (a.kind === "match" && customerKey(a.customer) === customerKey(m.customer) && [...a.documents].sort().join() === m.applied.map((x) => x.item.documentNumber).sort().join()) correct++;
    }
    expect(r.stats.autoMatchRate).toBeGreaterThanOrEqual(0.95);
    expect(correct / r.matches.length).toBeGreaterThanOrEqual(0.997);
    // Every rule is used, and nothing meant for review was applied.
    for (const rule of ["reference", "payer", "tolerance", "uniqueAmount"] as const) expect(r.stats.byRule[rule]).toBeGreaterThan(0);
    const matched = new Set(r.matches.map((m) => m.bankLine));
    const review = Object.entries(answers).filter(([, a]) => a.kind === "review");
    for (const [line] of review) expect(matched.has(Number(line))).toBe(false);
    const byScenario = (s: string) => review.filter(([, a]) => a.scenario === s).map(([l]) => Number(l));
    const dupLines = new Set(r.duplicates.flatMap((d) => d.bankLines));
    for (const l of byScenario("duplicate")) expect(dupLines.has(l)).toBe(true);
    const doubles = new Set(r.doublePayments.map((d) => d.bankLine));
    for (const l of byScenario("alreadyCleared")) expect(doubles.has(l)).toBe(true);
    const unmatched = new Map(r.unmatched.map((u) => [u.bankLine, u.reason.code]));
    for (const l of byScenario("sharedRef")) expect(unmatched.get(l)).toBe("payments.why.shared");
    expect(r.returnedCheques.length).toBeGreaterThan(0);
    for (const c of r.returnedCheques) expect(c.reverses).not.toBeNull();
  });
});
