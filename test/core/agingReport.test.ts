import { age } from "../../src/core/aging/aging";
import { buildAgingReport } from "../../src/core/aging/agingReport";
import { CustomerMaster } from "../../src/core/tables/customers";
import { parseIsoDate } from "../../src/core/dates";
import type { LedgerItem } from "../../src/core/tables/ledger";

const asOf = parseIsoDate("2026-10-31")!;

function items(n: number): LedgerItem[] {
  return Array.from({ length: n }, (_, i) => ({
    row: i + 2,
    customer: `C${i % 3}`,
    customerName: "",
    documentNumber: `D${i}`,
    documentType: "RV",
    reference: "",
    assignment: "",
    text: "",
    documentDate: asOf - 40,
    postingDate: asOf - 40,
    baselineDate: null,
    netDueDate: asOf - (i % 50),
    clearingDate: i % 10 === 9 ? asOf - 1 : null,
    termDays: null,
    terms: "",
    amount: 1000 + i,
    currency: i % 7 === 0 ? "USD" : "MXN",
  }));
}

describe("aging report", () => {
  test("the detail goes over several sheets past the row limit, every open item once", () => {
    const its = items(95);
    const result = age(its, { asOf });
    const report = buildAgingReport({ result, items: its, rejected: [], source: "t", lang: "es", maxDetailRowsPerSheet: 40 });
    const detail = report.sheets.filter((s) => s.id.startsWith("aging-detail"));
    const open = its.length - result.notOpenAtKeyDate;
    expect(detail.map((s) => [s.id, s.name, s.rows.length])).toEqual([
      ["aging-detail", "Detalle", 40],
      ["aging-detail-2", "Detalle (2)", 40],
      ["aging-detail-3", "Detalle (3)", open - 80],
    ]);
    expect(new Set(detail.flatMap((s) => s.rows.map((r) => r[2]))).size).toBe(open);
    expect(report.sheets.map((s) => s.id)).toEqual(["aging-summary", "aging-detail", "aging-detail-2", "aging-detail-3", "rejected"]);
  });

  test("summary rows add up to the totals per currency; master columns when a master is given", () => {
    const its = items(60);
    const result = age(its, { asOf });
    const master = new CustomerMaster([{ row: 2, code: "C1", name: "Uno", rfc: "", termDays: 30, creditLimit: 500000, currency: null, emails: [], plaza: "León" }]);
    const report = buildAgingReport({ result, items: its, rejected: [], source: "t", lang: "en", master });
    const summary = report.sheets[0];
    const col = (key: string) => summary.columns.findIndex((c) => c.key === key);
    for (const t of summary.totals) {
      const cur = t.values[col("currency")];
      const rows = summary.rows.filter((r) => r[col("currency")] === cur);
      expect(rows.reduce((a, r) => a + (r[col("total")] as number), 0)).toBe(t.values[col("total")]);
    }
    const c1 = summary.rows.find((r) => r[0] === "C1" && r[col("currency")] === "MXN")!;
    expect([c1[col("name")], c1[col("plaza")], c1[col("limit")]]).toEqual(["Uno", "León", 500000]);
    // Without a limit currency in the master, a limit is in the customer's own currency.
    expect(summary.columns[col("limit")].currencyKey).toBe("currency");
    expect(col("limitCurrency")).toBe(-1);
    expect(summary.columns.map((c) => c.header).slice(3, 9)).toEqual(["Current", "1-30", "31-60", "61-90", "91-120", "120+"]);
  });

  test("a master that gives the limit's currency: the limit is formatted in it, in a column of its own", () => {
    const its = items(60);
    const result = age(its, { asOf });
    const master = new CustomerMaster([
      { row: 2, code: "C1", name: "Uno", rfc: "", termDays: 30, creditLimit: 500000, currency: "MXN", emails: [], plaza: "León" },
      { row: 3, code: "C2", name: "Dos", rfc: "", termDays: 30, creditLimit: 100000, currency: "USD", emails: [], plaza: "León" },
    ]);
    const summary = buildAgingReport({ result, items: its, rejected: [], source: "t", lang: "es", master }).sheets[0];
    const col = (key: string) => summary.columns.findIndex((c) => c.key === key);
    expect(summary.columns[col("limit")].currencyKey).toBe("limitCurrency");
    expect(summary.columns[col("limitCurrency")].header).toBe("Moneda del límite");
    const c2 = summary.rows.find((r) => r[0] === "C2")!;
    expect([c2[col("limit")], c2[col("limitCurrency")]]).toEqual([100000, "USD"]);
    for (const t of summary.totals) expect(t.values).toHaveLength(summary.columns.length);
  });
});
