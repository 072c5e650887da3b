import { age } from "../../src/core/aging/aging";
import { ageColumns } from "../../src/core/aging/agingTotals";
import type { LedgerItem } from "../../src/core/tables/ledger";

describe("aging of plain columns", () => {
  it("buckets by days past due with the default edges", () => {
    const asOf = 1000;
    const due = [1000, 1001, 999, 970, 969, 940, 910, 880, 879];
    const amounts = [100, 200, 300, 400, 500, 600, 700, 800, 900];
    const r = ageColumns({ length: due.length, amounts, due }, asOf);
    expect(r.labels).toEqual(["current", "1-30", "31-60", "61-90", "91-120", "120+"]);
    // days: 0, -1 → current; 1, 30 → 1-30; 31, 60 → 31-60; 90 → 61-90; 120 → 91-120; 121 → 120+
    expect(r.totals).toEqual([300, 700, 1100, 700, 800, 900]);
    expect(r.byGroup).toEqual([]);
  });
  it("groups and honours custom edges; credits reduce their own bucket", () => {
    const r = ageColumns(
      { length: 4, amounts: [1000, -250, 500, 7], due: [10, 10, 50, 0], group: [0, 0, 1, 1], groupCount: 2 },
      40,
      [15, 30],
    );
    expect(r.labels).toEqual(["current", "1-15", "16-30", "30+"]);
    expect(r.byGroup).toEqual([
      [0, 0, 750, 0],
      [500, 0, 0, 7],
    ]);
    expect(r.totals).toEqual([500, 0, 750, 7]);
  });
  it("agrees with the ledger aging on the same items", () => {
    const items: LedgerItem[] = [];
    const amounts: number[] = [], due: number[] = [];
    for (let i = 0; i < 500; i++) {
      const d = 20_000 + ((i * 37) % 400) - 200;
      const a = ((i * 7919) % 100_000) - 10_000;
      amounts.push(a);
      due.push(d);
      items.push({
        row: i + 2, customer: "C", customerName: "", documentNumber: String(i), documentType: "RV", reference: "", assignment: "", text: "",
        documentDate: null, postingDate: null, baselineDate: null, netDueDate: d, clearingDate: null, termDays: null, terms: "", amount: a, currency: "MXN",
      });
    }
    const viaLedger = age(items, { asOf: 20_000 });
    const viaColumns = ageColumns({ length: items.length, amounts, due }, 20_000);
    expect(viaColumns.totals).toEqual(viaLedger.totalsByCurrency.get("MXN")!.buckets);
  });
});
