import {
  averageDaysDelinquent,
  averageDaysToPay,
  bestPossibleDso,
  collectionEffectivenessIndex,
  dso,
  dsoCountBack,
  type Kpi,
} from "../../src/core/kpi/kpi";

const pesos = (n: number): number => Math.round(n * 100);
const value = (k: Kpi): number => {
  if (!k.ok) throw new Error(`failed: ${k.failure}`);
  return k.value;
};

describe("DSO (simple)", () => {
  it("is receivables ÷ credit sales × days: $150,000 on $1,800,000 a year is 30.4 days", () => {
    // Worked example: Mesha, "The 2 DSO calculation formulas" (simple method).
    expect(value(dso(pesos(150_000), pesos(1_800_000), 365))).toBeCloseTo(30.42, 2);
  });
  it("has no answer without sales or with a bad period", () => {
    expect(dso(pesos(100), 0, 30)).toEqual({ ok: false, failure: "noSales" });
    expect(dso(pesos(100), pesos(-5), 30)).toEqual({ ok: false, failure: "noSales" });
    expect(dso(pesos(100), pesos(100), 0)).toEqual({ ok: false, failure: "period" });
    expect(dso(pesos(100), pesos(100), NaN)).toEqual({ ok: false, failure: "period" });
  });
});

describe("count-back DSO", () => {
  it("matches the published example: AR $212,000; sales 70k, 80k, 100k (30-day months) → 73.7 days", () => {
    // BenjiPays, "Mastering DSO calculation: the count-back method explained": 30 + 30 + 32/70 × 30.
    const k = dsoCountBack(pesos(212_000), [pesos(70_000), pesos(80_000), pesos(100_000)], [30, 30, 30]);
    expect(value(k)).toBeCloseTo(60 + (32_000 / 70_000) * 30, 10);
    expect(value(k)).toBeCloseTo(73.71, 2);
  });
  it("uses each month's own days: AR 2.1M; Jan 700k (31), Feb 800k (28), Mar 900k (31) → 76.7 days", () => {
    const k = dsoCountBack(pesos(2_100_000), [pesos(700_000), pesos(800_000), pesos(900_000)], [31, 28, 31]);
    expect(value(k)).toBeCloseTo(31 + 28 + (400_000 / 700_000) * 31, 10);
  });
  it("stops in the latest month when it covers the receivables, and gives 0 for no receivables", () => {
    expect(value(dsoCountBack(pesos(50_000), [pesos(70_000), pesos(100_000)], [31, 30]))).toBeCloseTo(15, 10);
    expect(value(dsoCountBack(pesos(100_000), [pesos(70_000), pesos(100_000)], [31, 30]))).toBe(30);
    expect(value(dsoCountBack(0, [pesos(70_000)], [31]))).toBe(0);
  });
  it("counts a month without sales in full and says when the months run out", () => {
    expect(value(dsoCountBack(pesos(150), [pesos(100), 0, pesos(100)], [31, 28, 31]))).toBeCloseTo(31 + 28 + 15.5, 10);
    expect(dsoCountBack(pesos(500), [pesos(100), pesos(100)], [30, 30])).toEqual({ ok: false, failure: "salesExhausted" });
    expect(dsoCountBack(pesos(-1), [pesos(100)], [30])).toEqual({ ok: false, failure: "negativeAr" });
    expect(dsoCountBack(pesos(1), [pesos(-100)], [30])).toEqual({ ok: false, failure: "negativeSales" });
    expect(dsoCountBack(pesos(1), [], [])).toEqual({ ok: false, failure: "noSales" });
  });
});

describe("best possible DSO and average days delinquent", () => {
  it("splits DSO into current and delinquent days (ADD = DSO − BPDSO)", () => {
    const total = pesos(150_000), current = pesos(100_000), sales = pesos(1_800_000);
    const d = value(dso(total, sales, 365));
    const b = value(bestPossibleDso(current, sales, 365));
    const add = value(averageDaysDelinquent(total, current, sales, 365));
    expect(b).toBeCloseTo((100_000 / 1_800_000) * 365, 10);
    expect(add).toBeCloseTo(d - b, 10);
    expect(add).toBeCloseTo(10.14, 2);
  });
});

describe("collection effectiveness index", () => {
  it("matches the published example: begin $100k, sales $1M, end $120k, current $100k → 98 %", () => {
    // Gaviti, "What is Collection Effectiveness Index (CEI)": (100k + 1M − 120k) ÷ (100k + 1M − 100k) × 100.
    expect(value(collectionEffectivenessIndex(pesos(100_000), pesos(1_000_000), pesos(120_000), pesos(100_000)))).toBeCloseTo(98, 10);
  });
  it("matches a quarterly aged-trial-balance example: 6,200 / 10,890 / 6,340 / 3,590 → 79.63 %", () => {
    expect(value(collectionEffectivenessIndex(pesos(6_200), pesos(10_890), pesos(6_340), pesos(3_590)))).toBeCloseTo(79.63, 2);
  });
  it("divides sales by N months as the CRF formula says, exactly", () => {
    // (6,200 + 10,890/3 − 6,340) ÷ (6,200 + 10,890/3 − 3,590) = 3,490 ÷ 6,240.
    expect(value(collectionEffectivenessIndex(pesos(6_200), pesos(10_890), pesos(6_340), pesos(3_590), 3))).toBeCloseTo((3_490 / 6_240) * 100, 10);
    // Sales not divisible by N stay exact: 1.00 / 3 months.
    expect(value(collectionEffectivenessIndex(0, 100, 0, 0, 3))).toBe(100);
  });
  it("has no answer for a zero denominator or a bad N", () => {
    expect(collectionEffectivenessIndex(pesos(100), 0, pesos(50), pesos(100))).toEqual({ ok: false, failure: "zeroDenominator" });
    expect(collectionEffectivenessIndex(1, 1, 1, 1, 0)).toEqual({ ok: false, failure: "months" });
    expect(collectionEffectivenessIndex(1, 1, 1, 1, 1.5)).toEqual({ ok: false, failure: "months" });
  });
});

describe("average days to pay", () => {
  it("weighs days after due by amount", () => {
    const k = averageDaysToPay([
      { amount: pesos(1_000), due: 100, paid: 110 },
      { amount: pesos(3_000), due: 100, paid: 98 },
    ]);
    expect(value(k)).toBeCloseTo((1_000 * 10 + 3_000 * -2) / 4_000, 10);
  });
  it("ignores credits and says when nothing was paid", () => {
    expect(value(averageDaysToPay([{ amount: pesos(10), due: 0, paid: 5 }, { amount: pesos(-10), due: 0, paid: 50 }]))).toBe(5);
    expect(averageDaysToPay([])).toEqual({ ok: false, failure: "noPayments" });
  });
});
