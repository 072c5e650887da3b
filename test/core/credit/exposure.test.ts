import { AS_OF, customer, d, delivery, item, order, review } from "./fixtures";
import { describe as say } from "../../../src/core/messages";
import { currencyErrorProblem } from "../../../src/core/credit/creditReport";

describe("exposure per customer, as SAP FD32 counts it", () => {
  const result = review({
    customers: [customer("0001000123", 500_000)],
    items: [
      item("0001000123", 200_000, "2026-10-20"), // 11 days past due
      item("0001000123", 50_000.5, "2026-11-15"), // current
      item("0001000123", -10_000.25, "2026-10-01"), // credit memo, aged by its own date
      item("0001000123", 7_000, "2026-05-31", "MXN", { clearingDate: d("2026-10-15") }), // cleared before the key date
    ],
    orders: [order("1000123", "4500", 100_000, "2026-10-25"), order("1000123", "4501", 30_000, "2026-10-26")],
    deliveries: [delivery("1000123", 20_000)],
  });
  const c = result.customers[0];

  it("adds open items, open orders and deliveries not invoiced; the customer code's leading zeros do not matter", () => {
    expect(result.customers).toHaveLength(1);
    expect(c.customer).toBe("0001000123");
    expect(c.figures).toMatchObject({
      balance: 240_000_25,
      overdue: 189_999_75, // the aging's: the credit is in 1-30 with the invoice
      maxDaysPastDue: 11,
      openOrders: 130_000_00,
      deliveries: 20_000_00,
      exposure: 390_000_25,
      available: 109_999_75,
      openItems: 3,
      orders: 2,
    });
  });

  it("utilisation is exposure ÷ limit, exact", () => {
    expect(c.figures!.utilization).toEqual({ num: 1_560_001n, den: 2_000_000n }); // 390,000.25 ÷ 500,000, reduced
  });

  it("balance and overdue are the aging's", () => {
    const row = result.aging.customers.find((r) => r.customer === "0001000123")!;
    expect(c.figures!.balance).toBe(row.total);
    expect(c.figures!.overdue).toBe(row.overdue);
  });

  it("no flags for a customer inside its line and within tolerance", () => {
    expect(c.flags).toEqual([]);
  });
});

describe("edge cases", () => {
  it("no limit on file: limit and available are null, the flag says so, orders are held", () => {
    const r = review({ customers: [customer("C1", null)], items: [item("C1", 1_000, "2026-11-30")], orders: [order("C1", "1", 10, "2026-10-30")] });
    const c = r.customers[0];
    expect(c.limit).toBeNull();
    expect(c.figures).toMatchObject({ exposure: 1_010_00, available: null, utilization: null, availableAfterRelease: null });
    expect(c.flags).toEqual(["no-limit"]);
    expect(r.orders[0]).toMatchObject({ decision: "hold", reasons: [{ kind: "noLimit" }], availableAfter: null });
    expect(r.orders[0].toRelease!.setLimitAtLeast).toBe(1_010_00);
  });

  it("a customer only in the ledger has no limit either", () => {
    const r = review({ items: [item("0000777", 500, "2026-11-30")] });
    expect(r.customers[0]).toMatchObject({ customer: "0000777", inMaster: false, limit: null, flags: ["no-limit"] });
  });

  it("zero limit: no credit at all, any exposure is over the limit, utilisation undefined", () => {
    const r = review({ customers: [customer("C1", 0)], items: [item("C1", 100, "2026-11-30")], orders: [order("C1", "1", 1, "2026-10-30")] });
    const c = r.customers[0];
    expect(c.figures).toMatchObject({ exposure: 101_00, available: -101_00, utilization: null });
    expect(c.flags).toEqual(["over-limit"]);
    expect(r.orders[0]).toMatchObject({ decision: "hold", reasons: [{ kind: "overLimit", excess: 101_00 }], availableAfter: -101_00 });
    // A zero limit with nothing owed is not over it.
    expect(review({ customers: [customer("C2", 0)] }).customers[0].flags).toEqual([]);
  });

  it("negative balance (unapplied payments): lowers the exposure, raises the available above the limit, flagged", () => {
    const r = review({ customers: [customer("C1", 100_000)], items: [item("C1", -30_000, "2026-10-01"), item("C1", 10_000, "2026-11-30")], orders: [order("C1", "1", 110_000, "2026-10-30")] });
    const c = r.customers[0];
    expect(c.figures).toMatchObject({ balance: -20_000_00, exposure: 90_000_00, available: 10_000_00, maxDaysPastDue: 0 });
    expect(c.flags).toEqual(["credit-balance"]);
    // The order fits because the prepayment pays for part of it.
    expect(r.orders[0]).toMatchObject({ decision: "release", availableAfter: 10_000_00 });
    // Nothing to cover: no coverage ratio.
    expect(review({ customers: [customer("C2", 1_000, { guarantee: { type: "pagaré", description: "Pagaré", amount: 500_00, expires: null } })], items: [item("C2", -5, "2026-10-01")] }).customers[0].figures!.coverage).toBeNull();
  });

  it("expired guarantee: flagged, listed for renewal, its orders held", () => {
    const r = review({
      customers: [customer("C1", 100_000, { guarantee: { type: "fianza", description: "Fianza", amount: 50_000_00, expires: d("2026-10-30") } })],
      items: [item("C1", 10_000, "2026-11-30")],
      orders: [order("C1", "1", 1_000, "2026-10-30")],
    });
    const c = r.customers[0];
    expect(c.daysToExpiry).toBe(-1);
    expect(c.flags).toEqual(["guarantee-expired"]);
    expect(c.figures!.coverage).toEqual({ num: 50n, den: 11n }); // 50,000 ÷ (10,000 + the 1,000 order)
    expect(r.renewals.map((x) => x.customer)).toEqual(["C1"]);
    expect(r.orders[0]).toMatchObject({ decision: "hold", reasons: [{ kind: "guaranteeExpired", expired: d("2026-10-30") }] });
    expect(r.orders[0].toRelease).toMatchObject({ renewGuarantee: true, collect: null, raiseLimitBy: null });
  });

  it("a guarantee is valid through its expiry day; expiring within 30 days is flagged, 31 is not", () => {
    const g = (expires: string) => ({ guarantee: { type: "pagaré" as const, description: "", amount: 1_00, expires: d(expires) } });
    const r = review({ customers: [customer("A", 1, g("2026-10-31")), customer("B", 1, g("2026-11-30")), customer("C", 1, g("2026-12-01"))] });
    expect(r.customers.map((c) => [c.customer, c.daysToExpiry, c.flags])).toEqual([
      ["A", 0, ["guarantee-expiring"]],
      ["B", 30, ["guarantee-expiring"]],
      ["C", 31, []],
    ]);
    expect(r.renewals.map((c) => c.customer)).toEqual(["A", "B"]);
  });

  it("a currency other than the limit's: a clear error for that customer, no figures, orders held — never a sum of pesos and dollars", () => {
    const r = review({
      customers: [customer("C1", 100_000), customer("C2", 100_000)],
      items: [item("C1", 1_000, "2026-11-30"), item("C1", 500, "2026-11-30", "USD"), item("C2", 1_000, "2026-11-30")],
      orders: [order("C1", "1", 10, "2026-10-30"), order("C2", "2", 10, "2026-10-30", null, "USD")],
    });
    const [c1, c2] = r.customers;
    for (const c of [c1, c2]) {
      expect(c.figures).toBeNull();
      expect(c.recommendation).toBeNull();
      expect(c.flags).toEqual(["currency-mismatch"]);
      expect(c.otherCurrencies).toEqual(["USD"]);
    }
    expect(say(currencyErrorProblem(c1)!, "es")).toContain("tiene importes en USD y su límite está en MXN");
    expect(say(currencyErrorProblem(c1)!, "en")).toContain("has amounts in USD and its limit is in MXN");
    expect(r.orders.map((o) => [o.decision, o.availableAfter, o.reasons[0].kind])).toEqual([
      ["hold", null, "currency"],
      ["hold", null, "currency"],
    ]);
  });

  it("a limit in dollars (the master's currency column) takes dollar items, and refuses the peso ones", () => {
    const usd = customer("C1", 10_000, { currency: "USD" });
    expect(review({ customers: [usd], items: [item("C1", 2_500, "2026-11-30", "USD")] }).customers[0].figures).toMatchObject({ exposure: 2_500_00, available: 7_500_00 });
    const mixed = review({ customers: [usd], items: [item("C1", 2_500, "2026-11-30", "USD")], deliveries: [delivery("C1", 100)] });
    expect(mixed.customers[0].otherCurrencies).toEqual(["MXN"]); // a deliveries list without currency is in the default currency
  });

  it("every customer of the master is reviewed, even without items; and every one of the ledger", () => {
    const r = review({ customers: [customer("B", 1_000), customer("A", 1_000)], items: [item("Z", 1, "2026-11-30")] });
    expect(r.customers.map((c) => c.customer)).toEqual(["A", "B", "Z"]);
    expect(r.customers[0].figures).toMatchObject({ balance: 0, exposure: 0, available: 1_000_00 });
  });

  it("items not open at the key date do not count", () => {
    const r = review({
      customers: [customer("C1", 1_000)],
      items: [item("C1", 100, "2026-11-30", "MXN", { postingDate: AS_OF + 1, documentDate: AS_OF + 1 }), item("C1", 50, "2026-10-30", "MXN", { clearingDate: AS_OF + 3 })],
    });
    expect(r.customers[0].figures!.balance).toBe(50_00); // cleared after the key date: still open then
  });
});
