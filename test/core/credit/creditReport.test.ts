import { AS_OF, customer, d, item, order, review } from "./fixtures";
import { buildCreditReport } from "../../../src/core/credit/creditReport";
import { layoutSheet } from "../../../src/report/layout";
import { reportToText } from "../../../src/report/text";
import type { Lang } from "../../../src/core/messages";

function report(lang: Lang) {
  const result = review({
    customers: [
      customer("C1", 100_000, { guarantee: { type: "pagaré", description: "Pagaré", amount: 50_000_00, expires: d("2026-11-15") }, contact: "Ana Peña", emails: ["cobranza@c1.mx"] }),
      customer("C2", 10_000),
      customer("C3", 10_000),
    ],
    items: [item("C1", 60_000, "2026-11-30"), item("C2", 9_000, "2026-09-01"), item("C3", 1, "2026-11-30", "USD")],
    orders: [order("C1", "1", 50_000, "2026-10-20", "2026-11-02"), order("C2", "2", 100, "2026-10-21", "2026-10-31")],
  });
  return buildCreditReport({ result, lang, source: "fbl5n.txt", policySet: new Set(), historySource: { kind: "none" }, rejected: [{ label: "pedidos.csv", rows: [{ row: 7, column: "Valor neto", columnIndex: 5, value: "abc", problem: { code: "amount.unrecognized", params: { value: "abc" } } }] }] });
}

describe("the credit review's Report", () => {
  const es = report("es");
  it("has the customers, orders (held first), schedule, guarantees, policy and rejected sheets", () => {
    expect(es.sheets.map((s) => [s.id, s.name])).toEqual([
      ["credit-customers", "Crédito"],
      ["credit-orders", "Pedidos"],
      ["credit-schedule", "Programación"],
      ["credit-renewals", "Garantías"],
      ["credit-policy", "Política"],
      ["rejected", "Rechazados"],
    ]);
    const orders = es.sheets[1];
    const col = (k: string) => orders.columns.findIndex((c) => c.key === k);
    expect(orders.rows.map((r) => [r[col("order")], r[col("decision")], r[col("reasons")]])).toEqual([
      ["1", "Retener", "excede el límite de crédito por $10,000.00"],
      ["2", "Retener", "60 días de atraso (tolerancia 15)"],
    ]);
    expect(orders.rows[0][col("toRelease")]).toBe("cobrar $10,000.00 o aumentar el límite en $10,000.00");
  });

  it("flags, hold reasons and errors are highlighted wherever the Report is written", () => {
    const customers = layoutSheet(es, es.sheets[0]);
    const keys = (l: ReturnType<typeof layoutSheet>, which: number[]) => which.map((i) => l.columns[i].column.key);
    expect(keys(customers, customers.highlightTextColumns)).toEqual(["flags", "error"]);
    expect(keys(customers, customers.highlightColumns)).toEqual(["overdue"]);
    const orders = layoutSheet(es, es.sheets[1]);
    expect(keys(orders, orders.highlightTextColumns)).toEqual(["reasons"]);
  });

  it("the customer with another currency than its limit's says so in its row, with no figures", () => {
    const s = es.sheets[0];
    const c3 = s.rows.find((r) => r[0] === "C3")!;
    const col = (k: string) => s.columns.findIndex((c) => c.key === k);
    expect(c3[col("exposure")]).toBeNull();
    expect(c3[col("error")]).toContain("tiene importes en USD y su límite está en MXN");
    expect(c3[col("flags")]).toBe("moneda distinta a la del límite");
  });

  it("the renewal list carries the contact", () => {
    const s = es.sheets[3];
    expect(s.rows).toEqual([["C1", "Cliente C1", "pagaré", 50_000_00, "MXN", d("2026-11-15"), 15, "vence en 15 días", 100_000_00, 110_000_00, "Ana Peña", "cobranza@c1.mx", "", "", ""]]);
  });

  it("the terminal shows the flagged customers, held orders, the schedule and the renewals, then each rejected row with its file", () => {
    const text = reportToText(es).join("\n");
    expect(text).toContain("Revisión de crédito — Al 31/10/2026 · origen: fbl5n.txt · política: predeterminada");
    expect(text).toContain("Clientes con alertas (3 de 3):");
    expect(text).toContain("Pedidos retenidos de mayor importe (2 de 2):");
    expect(text).toContain("Programación de 7 días: retenidos (2 de 2) y qué los libera:");
    expect(text).toContain("Garantías por renovar (1 de 1):");
    expect(text).toContain("pedidos.csv: fila 7, Valor neto = \"abc\"");
    expect(text).toMatch(/C1 .* 110 % /); // C1 uses 110 % of its line
  });

  it("speaks English", () => {
    const en = report("en");
    expect(en.sheets.map((s) => s.name)).toEqual(["Credit", "Orders", "Schedule", "Guarantees", "Policy", "Rejected"]);
    const text = reportToText(en).join("\n");
    expect(text).toContain("Credit review — As of 2026-10-31");
    expect(text).toContain("over the credit limit by $10,000.00");
    expect(en.summaries![0].figures.find((f) => f.key === "heldOrders")!.value).toBe(2);
  });

  it("the schedule lists the days from the key date, held orders with what releases them", () => {
    const s = es.sheets[2];
    expect(s.rows.map((r) => r[0])).toEqual([AS_OF, AS_OF + 1, AS_OF + 2, AS_OF + 3, AS_OF + 4, AS_OF + 5, AS_OF + 6]);
    expect(s.rows[1][s.columns.findIndex((c) => c.key === "decision")]).toBe("sin entregas");
  });
});
