import { AS_OF, customer, paid, review } from "./fixtures";
import { averageDaysToPay } from "../../../src/core/kpi/kpi";
import { behaviourWindow, BehaviourSums, roundFraction } from "../../../src/core/credit/behaviour";
import { addMonths, formatIsoDate } from "../../../src/core/dates";

const iso = (offset: number) => formatIsoDate(AS_OF + offset);

describe("payment behaviour", () => {
  it("is CARTERA.AVGDAYSTOPAY's weighted average over the last 12 months, exactly", () => {
    const h = [paid("C1", 1_000, iso(-40), iso(-30)), paid("C1", 3_000, iso(-50), iso(-52)), paid("C1", 0.01, iso(-100), iso(-1))];
    const c = review({ customers: [customer("C1", 1)], history: h }).customers[0];
    const kpi = averageDaysToPay(h.map((p) => ({ amount: p.amount, due: p.due, paid: p.paid })));
    expect(kpi.ok && kpi.value).toBeCloseTo(roundFraction(c.behaviour.avgDaysToPay!, 6), 6);
    // (100,000×10 + 300,000×(−2) + 1×99) ÷ 400,001 centavos: exact, not a float.
    expect(c.behaviour.avgDaysToPay).toEqual({ num: 57_157n, den: 57_143n }); // 400,099 ÷ 400,001 reduced
    expect(c.behaviour.payments).toBe(3);
  });

  it("counts only invoices paid inside (asOf − 12 months, asOf]; credits and other currencies do not weigh", () => {
    const from = addMonths(AS_OF, -12);
    const h = [
      paid("C1", 100, formatIsoDate(from - 10), formatIsoDate(from)), // on the boundary: outside
      paid("C1", 100, formatIsoDate(from - 10), formatIsoDate(from + 1)),
      paid("C1", 100, iso(0), iso(1)), // after the key date
      paid("C1", -100, iso(-5), iso(-1)),
      paid("C1", 100, iso(-5), iso(-1), "USD"),
      paid("0000C2", 100, iso(-5), iso(-1)), // an unknown customer
    ];
    const r = review({ customers: [customer("C1", 1)], history: h });
    expect(r.customers[0].behaviour.payments).toBe(1);
    expect(r.historyUsed).toBe(1);
    expect(r.historyIgnored).toBe(5);
  });

  it("trend: the last 3 months' average minus the 9 months' before; null without both", () => {
    const w = behaviourWindow(AS_OF, 12, 3);
    const s = new BehaviourSums();
    s.add(w, 100, AS_OF - 30, AS_OF - 10); // recent: 20 late
    s.add(w, 300, AS_OF - 200, AS_OF - 200); // earlier: on time
    const b = s.result();
    expect(b.trend).toEqual({ num: 20n, den: 1n });
    expect(b.avgDaysToPay).toEqual({ num: 5n, den: 1n });
    const only = new BehaviourSums();
    only.add(w, 100, AS_OF - 30, AS_OF - 10);
    expect(only.result().trend).toBeNull();
  });

  it("with no history at all, nothing is averaged", () => {
    expect(review({ customers: [customer("C1", 1)] }).customers[0].behaviour).toMatchObject({ payments: 0, avgDaysToPay: null, trend: null });
  });
});
