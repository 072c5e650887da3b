import { dayFromCivil } from "../../src/core/dates";
import { paymentPlan } from "../../src/core/collections/paymentPlan";
import { fractionFromNumber } from "../../src/core/rates";

const first = dayFromCivil(2026, 11, 30);

describe("payment plan", () => {
  it("matches Excel's PMT for a monthly plan (30 days on a 360-day year is rate ÷ 12)", () => {
    const rows = paymentPlan({ amount: 100_000_00, instalments: 12, annualRate: fractionFromNumber(0.12)!, firstDate: first, frequencyDays: 30 });
    // PMT(1%, 12, -100000) = 8,884.8788… → 8,884.88
    expect(rows[0].payment).toBe(8_884_88);
    expect(rows[0].interest).toBe(1_000_00);
    expect(rows[0].principal).toBe(7_884_88);
    expect(rows[0].balance).toBe(92_115_12);
    expect(rows).toHaveLength(12);
    expect(rows[11].balance).toBe(0);
    expect(Math.abs(rows[11].payment - 8_884_88)).toBeLessThan(10);
  });
  it("repays exactly the amount and ends at zero, every figure in whole centavos", () => {
    for (const [amount, n, rate] of [[99_999_99, 7, 0.185], [1_00, 3, 0.5], [123_456_78, 36, 0.06], [5, 5, 0.99]] as const) {
      const rows = paymentPlan({ amount, instalments: n, annualRate: fractionFromNumber(rate)!, firstDate: first, frequencyDays: 30 });
      const principal = rows.reduce((s, r) => s + r.principal, 0);
      expect(principal).toBe(amount);
      expect(rows[rows.length - 1].balance).toBe(0);
      for (const r of rows) {
        expect(Number.isInteger(r.payment) && Number.isInteger(r.interest)).toBe(true);
        expect(r.payment).toBe(r.interest + r.principal);
        expect(r.principal).toBeGreaterThanOrEqual(0);
      }
    }
  });
  it("splits an interest-free plan evenly, the last instalment taking the remainder", () => {
    const rows = paymentPlan({ amount: 1_000_00, instalments: 3, annualRate: { num: 0n, den: 1n }, firstDate: first, frequencyDays: 15 });
    expect(rows.map((r) => r.payment)).toEqual([333_33, 333_33, 333_34]);
    expect(rows.map((r) => r.interest)).toEqual([0, 0, 0]);
    expect(rows.map((r) => r.date - first)).toEqual([0, 15, 30]);
  });
  it("uses a 365-day year when asked", () => {
    const rows = paymentPlan({ amount: 36_500_00, instalments: 1, annualRate: { num: 1n, den: 10n }, firstDate: first, frequencyDays: 30, basis: 365 });
    expect(rows[0].interest).toBe(300_00);
  });
});
