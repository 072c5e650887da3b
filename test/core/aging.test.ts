import { age, bucketIndex, bucketLabels, dueDate, isOpenAt, validateEdges } from "../../src/core/aging/aging";
import { parseIsoDate } from "../../src/core/dates";
import type { LedgerItem } from "../../src/core/tables/ledger";

const d = (s: string) => parseIsoDate(s)!;

let row = 10;
function item(p: Partial<LedgerItem> & { amount: number }): LedgerItem {
  return {
    row: row++,
    customer: "0001000123",
    customerName: "",
    documentNumber: String(1800000000 + row),
    documentType: "RV",
    reference: "",
    assignment: "",
    text: "",
    documentDate: null,
    postingDate: null,
    baselineDate: null,
    netDueDate: null,
    clearingDate: null,
    termDays: null,
    terms: "",
    currency: "MXN",
    ...p,
  };
}

const asOf = d("2026-10-31");

describe("buckets", () => {
  test("default labels and edges", () => {
    expect(bucketLabels([30, 60, 90, 120])).toEqual(["current", "1-30", "31-60", "61-90", "91-120", "120+"]);
    expect(bucketLabels([15, 30, 60, 90])).toEqual(["current", "1-15", "16-30", "31-60", "61-90", "90+"]);
    const edges = [30, 60, 90, 120];
    expect([-5, 0, 1, 30, 31, 60, 61, 90, 91, 120, 121, 5000].map((x) => bucketIndex(x, edges))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(validateEdges([30, 20])).not.toBeNull();
    expect(validateEdges([0, 30])).not.toBeNull();
    expect(validateEdges([15, 30])).toBeNull();
  });

  test("each boundary day lands in the right bucket", () => {
    const days = [0, 1, 30, 31, 60, 61, 90, 91, 120, 121];
    const items = days.map((x) => item({ amount: 100, netDueDate: asOf - x }));
    const r = age(items, { asOf });
    expect(Array.from(r.itemBucket)).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4, 5]);
    expect(r.customers[0].buckets).toEqual([100, 200, 200, 200, 200, 100]);
    expect(r.customers[0].maxDaysPastDue).toBe(121);
  });
});

describe("due date", () => {
  test("net due date first", () => {
    expect(dueDate(item({ amount: 1, netDueDate: d("2026-10-01"), documentDate: d("2026-09-01"), termDays: 90 }), 15)).toBe(d("2026-10-01"));
  });
  test("baseline (or document) date plus terms", () => {
    expect(dueDate(item({ amount: 1, baselineDate: d("2026-09-10"), documentDate: d("2026-09-01"), termDays: 30 }), undefined)).toBe(d("2026-10-10"));
    expect(dueDate(item({ amount: 1, documentDate: d("2026-09-01"), termDays: 30 }), undefined)).toBe(d("2026-10-01"));
  });
  test("else the customer master's terms, else the document date", () => {
    expect(dueDate(item({ amount: 1, documentDate: d("2026-09-01") }), 45)).toBe(d("2026-10-16"));
    expect(dueDate(item({ amount: 1, documentDate: d("2026-09-01") }), undefined)).toBe(d("2026-09-01"));
  });
  test("a credit is due on its own date", () => {
    expect(dueDate(item({ amount: -1, documentDate: d("2026-09-01"), termDays: 30 }), 60)).toBe(d("2026-09-01"));
  });
  test("master terms reach the aging", () => {
    const r = age([item({ amount: 500, documentDate: d("2026-09-01") })], { asOf, customerTermDays: () => 45 });
    expect(r.itemDays[0]).toBe(15);
    expect(r.customers[0].buckets[1]).toBe(500);
  });
});

describe("open at the key date", () => {
  test("posted after the key date or cleared on/before it is not open", () => {
    expect(isOpenAt(item({ amount: 1, postingDate: d("2026-11-01") }), asOf)).toBe(false);
    expect(isOpenAt(item({ amount: 1, postingDate: d("2026-10-31") }), asOf)).toBe(true);
    expect(isOpenAt(item({ amount: 1, postingDate: d("2026-10-01"), clearingDate: d("2026-10-31") }), asOf)).toBe(false);
    expect(isOpenAt(item({ amount: 1, postingDate: d("2026-10-01"), clearingDate: d("2026-11-01") }), asOf)).toBe(true);
    expect(isOpenAt(item({ amount: 1, documentDate: d("2026-11-02") }), asOf)).toBe(false);
  });
  test("counted as skipped", () => {
    const r = age(
      [
        item({ amount: 100, postingDate: d("2026-10-01"), netDueDate: d("2026-10-01") }),
        item({ amount: 100, postingDate: d("2026-10-01"), netDueDate: d("2026-10-01"), clearingDate: d("2026-10-15") }),
        item({ amount: 100, postingDate: d("2026-11-03"), netDueDate: d("2026-12-01") }),
      ],
      { asOf },
    );
    expect(r.notOpenAtKeyDate).toBe(2);
    expect(r.customers[0].items).toBe(1);
    expect(Array.from(r.itemBucket)).toEqual([1, -1, -1]);
  });
});

describe("aging", () => {
  test("credits are aged by their date and reported as unapplied; they are never late", () => {
    const r = age(
      [
        item({ amount: 100000, netDueDate: d("2026-10-21") }),
        item({ amount: -25000, documentType: "DG", netDueDate: d("2026-07-01") }),
        item({ amount: -5000, documentType: "DZ", documentDate: d("2026-10-31") }),
      ],
      { asOf },
    );
    const c = r.customers[0];
    expect(c.buckets).toEqual([-5000, 100000, 0, 0, 0, -25000]);
    expect(c.total).toBe(70000);
    expect(c.overdue).toBe(75000);
    expect(c.unappliedCredits).toBe(-30000);
    expect(c.maxDaysPastDue).toBe(10);
    expect(c.items).toBe(3);
  });

  test("document basis ages from the document date", () => {
    const it = item({ amount: 100, documentDate: d("2026-08-01"), netDueDate: d("2026-10-30") });
    expect(age([it], { asOf, basis: "document" }).itemDays[0]).toBe(91);
    expect(age([it], { asOf, basis: "due" }).itemDays[0]).toBe(1);
  });

  test("custom edges", () => {
    const r = age([item({ amount: 100, netDueDate: asOf - 20 }), item({ amount: 200, netDueDate: asOf - 95 })], { asOf, edges: [15, 30, 60, 90] });
    expect(r.labels).toEqual(["current", "1-15", "16-30", "31-60", "61-90", "90+"]);
    expect(r.customers[0].buckets).toEqual([0, 0, 100, 0, 0, 200]);
  });

  test("currencies are never added together", () => {
    const r = age(
      [
        item({ amount: 100, netDueDate: asOf }),
        item({ amount: 300, netDueDate: asOf, currency: "USD" }),
        item({ amount: 50, netDueDate: asOf - 40, customer: "0001000200" }),
      ],
      { asOf },
    );
    expect(r.customers.map((c) => [c.customer, c.currency, c.total])).toEqual([
      ["0001000123", "MXN", 100],
      ["0001000123", "USD", 300],
      ["0001000200", "MXN", 50],
    ]);
    expect(r.totalsByCurrency.get("MXN")!.total).toBe(150);
    expect(r.totalsByCurrency.get("MXN")!.overdue).toBe(50);
    expect(r.totalsByCurrency.get("USD")!.total).toBe(300);
  });

  test("totals equal the sum of the items exactly", () => {
    const items: LedgerItem[] = [];
    let sum = 0;
    for (let i = 0; i < 5000; i++) {
      const amount = ((i * 7919) % 1000003) - 200000;
      sum += amount;
      items.push(item({ amount, netDueDate: asOf - (i % 200) + 20, customer: `C${i % 37}` }));
    }
    const r = age(items, { asOf });
    const t = r.totalsByCurrency.get("MXN")!;
    expect(t.total).toBe(sum);
    expect(t.buckets.reduce((a, b) => a + b, 0)).toBe(sum);
    expect(r.customers.reduce((a, c) => a + c.total, 0)).toBe(sum);
    expect(t.items).toBe(5000);
  });
});

describe("exact totals", () => {
  test("sums stay exact to the centavo up to 2^53 centavos; past it the aging refuses with a clear message", () => {
    const big = 999_999_999_999_999; // the largest amount a reader accepts, in centavos
    const exact = age([item({ amount: big, netDueDate: d("2026-09-30") }), item({ amount: 3, netDueDate: d("2026-09-30") }), item({ amount: 5, netDueDate: d("2026-09-30") })], { asOf });
    expect(exact.customers[0].total).toBe(big + 8);
    expect(exact.customers[0].buckets.reduce((a, b) => a + b, 0)).toBe(exact.customers[0].total);
    const many = Array.from({ length: 10 }, () => item({ amount: big, netDueDate: d("2026-09-30") }));
    expect(() => age(many, { asOf })).toThrow(/cannot add them exactly|no puede sumarlos/);
    // Credits count by their size too: +big and -big ten times would hide inexact partial sums.
    const swings = Array.from({ length: 10 }, (_, i) => item({ amount: i % 2 ? -big : big, netDueDate: d("2026-09-30") }));
    expect(() => age(swings, { asOf })).toThrow();
  });
});
