import { availableCredit, releaseDecision } from "../../src/core/credit/credit";

describe("available credit", () => {
  it("is limit − balance − further exposure, negative when over the line", () => {
    expect(availableCredit(100_000_00, 60_000_00)).toBe(40_000_00);
    expect(availableCredit(100_000_00, 60_000_00, 30_000_00, 5_000_00)).toBe(5_000_00);
    expect(availableCredit(100_000_00, 90_000_00, 20_000_00)).toBe(-10_000_00);
  });
  it("stays exact in centavos", () => {
    expect(availableCredit(10, 1, 2)).toBe(7);
  });
});

describe("order release", () => {
  const base = { orderAmount: 10_000_00, limit: 100_000_00, exposure: 50_000_00, maxDaysPastDue: 0, toleranceDays: 0 };
  it("releases an order that fits and a customer who is not late", () => {
    expect(releaseDecision(base)).toEqual({ release: true });
    expect(releaseDecision({ ...base, exposure: 90_000_00 })).toEqual({ release: true }); // exactly at the limit
  });
  it("holds over the limit, saying by how much", () => {
    expect(releaseDecision({ ...base, exposure: 95_000_00 })).toEqual({ release: false, reasons: [{ kind: "overLimit", excess: 5_000_00 }] });
  });
  it("holds a late customer beyond the tolerance, and gives every reason", () => {
    expect(releaseDecision({ ...base, maxDaysPastDue: 10, toleranceDays: 15 })).toEqual({ release: true });
    expect(releaseDecision({ ...base, maxDaysPastDue: 16, toleranceDays: 15, exposure: 99_000_00 })).toEqual({
      release: false,
      reasons: [
        { kind: "overdue", days: 16, toleranceDays: 15 },
        { kind: "overLimit", excess: 9_000_00 },
      ],
    });
  });
});
