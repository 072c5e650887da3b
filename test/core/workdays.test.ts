import { dayFromCivil, formatIsoDate } from "../../src/core/dates";
import { addBusinessDays, isBusinessDay, nextBusinessDay } from "../../src/core/workdays";

const d = (iso: string): number => dayFromCivil(+iso.slice(0, 4), +iso.slice(5, 7), +iso.slice(8, 10));

describe("business days", () => {
  it("counts like Excel's WORKDAY", () => {
    // Friday 2026-10-30 + 1 business day = Monday 2026-11-02.
    expect(formatIsoDate(addBusinessDays(d("2026-10-30"), 1))).toBe("2026-11-02");
    // WORKDAY(2026-10-31 (Sat), 0) = 2026-10-31; +1 = Monday.
    expect(formatIsoDate(addBusinessDays(d("2026-10-31"), 0))).toBe("2026-10-31");
    expect(formatIsoDate(addBusinessDays(d("2026-10-31"), 1))).toBe("2026-11-02");
    expect(formatIsoDate(addBusinessDays(d("2026-11-02"), -1))).toBe("2026-10-30");
  });
  it("skips holidays (Revolution Day, third Monday of November 2026)", () => {
    const holidays = new Set([d("2026-11-16")]);
    expect(formatIsoDate(addBusinessDays(d("2026-11-13"), 1, holidays))).toBe("2026-11-17");
    expect(isBusinessDay(d("2026-11-16"), holidays)).toBe(false);
    expect(formatIsoDate(nextBusinessDay(d("2026-11-14"), holidays))).toBe("2026-11-17");
  });
  it("jumps whole weeks for long terms without changing the answer", () => {
    for (const start of ["2026-10-31", "2026-11-01", "2026-11-02", "2026-11-06"]) {
      for (const n of [6, 10, 11, 30, 261, -30]) {
        let day = d(start), left = Math.abs(n);
        while (left > 0) {
          day += Math.sign(n);
          if (isBusinessDay(day, new Set())) left--;
        }
        expect([start, n, formatIsoDate(addBusinessDays(d(start), n))]).toEqual([start, n, formatIsoDate(day)]);
      }
    }
  });
});
