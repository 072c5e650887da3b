import { AS_OF, customer, d, delivery, item, order, review } from "./fixtures";
import { compareOrderNumbers } from "../../../src/core/credit/release";
import { holdReasonProblem } from "../../../src/core/credit/credit";
import { describe as say } from "../../../src/core/messages";
import { formatIsoDate } from "../../../src/core/dates";

const pesos = (c: number | null) => (c === null ? null : c / 100);

describe("order release, per customer in order-date order", () => {
  // Limit 100,000; open items 60,000 (current) + deliveries 10,000 → 30,000 left for orders.
  const base = { customers: [customer("C1", 100_000)], items: [item("C1", 60_000, "2026-11-30")], deliveries: [delivery("C1", 10_000)] };

  it("evaluates by order date, then order number (numerically), whatever the file's order", () => {
    const r = review({
      ...base,
      orders: [order("C1", "10", 5_000, "2026-10-20"), order("C1", "9", 5_000, "2026-10-20"), order("C1", "A-7", 5_000, "2026-10-21"), order("C1", "11", 5_000, "2026-10-19")],
    });
    expect(r.orders.map((o) => o.order.order)).toEqual(["11", "9", "10", "A-7"]);
    expect(r.orders.map((o) => pesos(o.availableAfter))).toEqual([25_000, 20_000, 15_000, 10_000]);
  });

  it("availableAfter = limit − (open items + deliveries + released orders + this order); a held order does not consume credit", () => {
    const r = review({ ...base, orders: [order("C1", "1", 20_000, "2026-10-01"), order("C1", "2", 15_000, "2026-10-02"), order("C1", "3", 10_000, "2026-10-03"), order("C1", "4", 0.01, "2026-10-04")] });
    expect(r.orders.map((o) => [o.order.order, o.decision, pesos(o.availableAfter)])).toEqual([
      ["1", "release", 10_000],
      ["2", "hold", -5_000], // would leave the line 5,000 short
      ["3", "release", 0], // exactly at the limit: released
      ["4", "hold", -0.01],
    ]);
    expect(r.orders[1].reasons).toEqual([{ kind: "overLimit", excess: 5_000_00 }]);
    expect(r.orders[1].toRelease).toMatchObject({ collect: 5_000_00, raiseLimitBy: 5_000_00, renewGuarantee: false, setLimitAtLeast: null });
    const c = r.customers[0].figures!;
    expect(c).toMatchObject({ released: 30_000_00, held: 15_000_01, heldOrders: 2, availableAfterRelease: 0 });
    // FD32's exposure counts every open order, released or not.
    expect(c.exposure).toBe(60_000_00 + 10_000_00 + 45_000_01);
  });

  it("customers do not share credit", () => {
    const r = review({ customers: [customer("A", 1_000), customer("B", 1_000)], orders: [order("A", "1", 900, "2026-10-01"), order("B", "2", 900, "2026-10-01"), order("A", "3", 200, "2026-10-02")] });
    expect(r.orders.map((o) => [o.customer, o.order.order, o.decision])).toEqual([
      ["A", "1", "release"],
      ["A", "3", "hold"],
      ["B", "2", "release"],
    ]);
  });
});

describe("each default hold", () => {
  it("a debit item more than 15 days past due holds every order; 15 days does not; a late credit memo does not count", () => {
    const at = (days: number) => review({ customers: [customer("C1", 1_000_000)], items: [item("C1", 100, isoMinus(days))], orders: [order("C1", "1", 1, "2026-10-30")] }).orders[0];
    expect(at(15).decision).toBe("release");
    expect(at(16)).toMatchObject({ decision: "hold", reasons: [{ kind: "overdue", days: 16, toleranceDays: 15 }] });
    const credit = review({ customers: [customer("C1", 1_000_000)], items: [item("C1", -100, "2026-01-31"), item("C1", 1_000, "2026-11-30")], orders: [order("C1", "1", 1, "2026-10-30")] });
    expect(credit.orders[0].decision).toBe("release");
  });

  it("to lift the overdue hold: collect the debit items past the tolerance (and at least the shortfall); raising the limit would not do", () => {
    const r = review({
      customers: [customer("C1", 100_000)],
      items: [item("C1", 30_000, isoMinus(40)), item("C1", 20_000, isoMinus(20)), item("C1", 45_000, isoMinus(10)), item("C1", -1_000, isoMinus(60))],
      orders: [order("C1", "1", 1_000, "2026-10-30"), order("C1", "2", 80_000, "2026-10-30")],
    });
    expect(r.customers[0].figures!.overdueBeyondTolerance).toBe(50_000_00);
    expect(r.orders[0].toRelease).toMatchObject({ collect: 50_000_00, raiseLimitBy: null });
    // Order 1 is held, so order 2 finds 94,000 of exposure: 94,000 + 80,000 − 100,000 = 74,000 short.
    expect(r.orders[1].reasons.map((x) => x.kind)).toEqual(["overdue", "overLimit"]);
    expect(r.orders[1].toRelease).toMatchObject({ collect: 74_000_00, raiseLimitBy: null });
  });

  it("an expired guarantee, and no limit on file, hold; each with its words, in both languages", () => {
    const r = review({
      customers: [customer("C1", null, { guarantee: { type: "pagaré", description: "", amount: 1_00, expires: d("2026-09-30") } })],
      orders: [order("C1", "1", 1, "2026-10-30")],
    });
    expect(r.orders[0].reasons).toEqual([{ kind: "guaranteeExpired", expired: d("2026-09-30") }, { kind: "noLimit" }]);
    expect(r.orders[0].reasons.map((x) => say(holdReasonProblem(x), "es"))).toEqual(["la garantía venció el 30/09/2026", "no tiene límite de crédito registrado"]);
    expect(r.orders[0].reasons.map((x) => say(holdReasonProblem(x), "en"))).toEqual(["the guarantee expired on 2026-09-30", "no credit limit on file"]);
  });

  it("every reason that applies, in a fixed order", () => {
    const r = review({
      customers: [customer("C1", 100, { guarantee: { type: "fianza", description: "", amount: null, expires: d("2026-10-01") } })],
      items: [item("C1", 90, isoMinus(30))],
      orders: [order("C1", "1", 20, "2026-10-30")],
    });
    expect(r.orders[0].reasons.map((x) => x.kind)).toEqual(["overdue", "overLimit", "guaranteeExpired"]);
    expect(r.orders[0].toRelease).toMatchObject({ collect: 90_00, raiseLimitBy: null, renewGuarantee: true });
  });

  it("the policy can switch each hold off, and move the tolerance", () => {
    const input = {
      customers: [customer("C1", 100, { guarantee: { type: "fianza" as const, description: "", amount: null, expires: d("2026-10-01") } }), customer("C2", null)],
      items: [item("C1", 90, isoMinus(30))],
      orders: [order("C1", "1", 20, "2026-10-30"), order("C2", "2", 20, "2026-10-30")],
    };
    const r = review({ ...input, policy: { "release.toleranceDays": 30, "release.holdOverLimit": false, "release.holdExpiredGuarantee": false, "release.holdNoLimit": false } });
    expect(r.orders.map((o) => o.decision)).toEqual(["release", "release"]);
    expect(r.orders[0].availableAfter).toBe(-10_00); // still said, just not a hold
  });
});

describe("schedule of the next days", () => {
  it("lists every day of the window from the key date, late requests first, held first within a day", () => {
    const r = review({
      customers: [customer("A", 1_000), customer("B", 0)],
      orders: [order("A", "1", 100, "2026-10-20", "2026-11-02"), order("B", "2", 100, "2026-10-20", "2026-11-02"), order("A", "3", 100, "2026-10-21", "2026-10-29"), order("A", "4", 100, "2026-10-22", "2026-11-06"), order("A", "5", 100, "2026-10-22"), order("A", "6", 100, "2026-10-22", "2026-11-07")],
      scheduleDays: 7,
    });
    expect(r.schedule.map((s) => [s.day - AS_OF, s.late, s.orders.map((o) => o.order.order)])).toEqual([
      [-2, true, ["3"]],
      [0, false, []],
      [1, false, []],
      [2, false, ["2", "1"]], // B's order is held (zero limit), so it comes first
      [3, false, []],
      [4, false, []],
      [5, false, []],
      [6, false, ["4"]],
    ]);
  });
});

test("order numbers compare as numbers when both are digits", () => {
  expect(["100", "20", "003", "A2", "A10"].sort(compareOrderNumbers)).toEqual(["003", "20", "100", "A10", "A2"]);
});

/** The ISO date `days` before the key date. */
function isoMinus(days: number): string {
  return formatIsoDate(AS_OF - days);
}
