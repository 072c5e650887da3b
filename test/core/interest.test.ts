import { chequeIndemnity, daysLate, lateInterest, LEGAL_ANNUAL_RATE, simpleInterest } from "../../src/core/collections/interest";
import { fractionFromNumber, parseRate, roundDiv, scaleCentavos } from "../../src/core/rates";

describe("exact rates", () => {
  it("rounds half away from zero", () => {
    expect(roundDiv(5n, 2n)).toBe(3n);
    expect(roundDiv(-5n, 2n)).toBe(-3n);
    expect(roundDiv(4n, 3n)).toBe(1n);
    expect(roundDiv(-4n, 3n)).toBe(-1n);
    expect(roundDiv(7n, -2n)).toBe(-4n);
  });
  it("keeps the decimal the user wrote", () => {
    expect(fractionFromNumber(0.06)).toEqual({ num: 3n, den: 50n });
    expect(fractionFromNumber(0.175)).toEqual({ num: 7n, den: 40n });
    expect(fractionFromNumber(1e-7)).toEqual({ num: 1n, den: 10_000_000n });
    expect(fractionFromNumber(12)).toEqual({ num: 12n, den: 1n });
    expect(fractionFromNumber(Infinity)).toBeNull();
  });
  it("reads rates as numbers and as text with or without %", () => {
    expect(parseRate(0.06)).toEqual({ ok: true, rate: { num: 3n, den: 50n } });
    expect(parseRate("6%")).toEqual({ ok: true, rate: { num: 3n, den: 50n } });
    expect(parseRate(" 6,5 % ")).toEqual({ ok: true, rate: { num: 13n, den: 200n } });
    expect(parseRate("0.06")).toEqual({ ok: true, rate: { num: 3n, den: 50n } });
    expect(parseRate("seis")).toEqual({ ok: false });
    expect(parseRate("%")).toEqual({ ok: false });
    expect(parseRate(true)).toEqual({ ok: false });
  });
  it("scales centavos where floating point would round the wrong way", () => {
    // 29 % of 50 centavos is exactly 14.5 centavos, but 50 × 0.29 = 14.499999999999998 in binary.
    expect(scaleCentavos(50, 29n, 100n)).toBe(15);
    expect(Math.round(50 * 0.29)).toBe(14); // the float path gets this one wrong
    expect(scaleCentavos(-50, 29n, 100n)).toBe(-15);
    expect(scaleCentavos(201, 1n, 2n)).toBe(101);
  });
});

describe("returned cheque indemnity (LGTOC art. 193)", () => {
  it("is 20 % of the cheque, to the centavo", () => {
    expect(chequeIndemnity(10_000_00)).toBe(2_000_00);
    expect(chequeIndemnity(1_234_57)).toBe(246_91); // 246.914 → 246.91
    expect(chequeIndemnity(3)).toBe(1); // 0.6 centavo rounds up
    expect(chequeIndemnity(2)).toBe(0);
  });
});

describe("late interest (Código de Comercio art. 362)", () => {
  it("counts from the day after the due date", () => {
    expect(daysLate(100, 130)).toBe(30);
    expect(daysLate(100, 100)).toBe(0);
    expect(daysLate(100, 90)).toBe(0);
  });
  it("charges the legal 6 % a year when no rate was agreed", () => {
    // $100,000 × 6 % × 30 / 360 = $500.00
    expect(lateInterest(100_000_00, null, 0, 30, 360)).toBe(500_00);
    // × 30 / 365 = 493.150… → $493.15
    expect(lateInterest(100_000_00, null, 0, 30, 365)).toBe(493_15);
    expect(LEGAL_ANNUAL_RATE).toEqual({ num: 6n, den: 100n });
  });
  it("uses the agreed rate exactly and nothing when paid on time", () => {
    const rate = fractionFromNumber(0.36)!;
    expect(lateInterest(1_234_56, rate, 0, 45, 360)).toBe(55_56); // 1,234.56 × 0.36 × 45 / 360 = 55.5552
    expect(lateInterest(1_234_56, rate, 10, 5, 360)).toBe(0);
    expect(simpleInterest(1, { num: 1n, den: 2n }, 360, 360)).toBe(1); // half a centavo rounds up
  });
});
