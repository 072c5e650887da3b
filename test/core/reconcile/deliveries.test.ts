import { dayFromCivil } from "../../../src/core/dates";
import { reconcileDeliveries, type DeliveriesOptions } from "../../../src/core/reconcile/deliveries";
import type { Delivery } from "../../../src/core/tables/deliveries";
import type { InvoiceLine } from "../../../src/core/tables/invoiceLines";

const oct = (d: number) => dayFromCivil(2026, 10, d);
let row = 1;

function del(remission: string, over: Partial<Delivery> = {}): Delivery {
  return { row: ++row, remission, item: "", date: oct(1), customer: "0001000123", customerName: "Constructora Peña", jobsite: "", plant: "", product: "CON250", productName: "", quantity: 7500, unit: "M3", amount: 1500000, currency: "MXN", cancelled: false, ...over };
}

function line(invoice: string, remissions: string, over: Partial<InvoiceLine> = {}): InvoiceLine {
  return { row: ++row, invoice, item: "", date: oct(10), customer: "1000123", customerName: "", plant: "", product: "CON250", productName: "", quantity: 7500, unit: "M3", amount: 1500000, currency: "MXN", remissions, cancelled: false, ...over };
}

const opts: DeliveriesOptions = { asOf: oct(31), tolerance: { amount: 1, quantity: 10 } };
const run = (d: Delivery[], l: InvoiceLine[], o: Partial<DeliveriesOptions> = {}) => reconcileDeliveries(d, l, { ...opts, ...o });
const pairs = (r: ReturnType<typeof run>) => r.matched.map((m) => [m.remission.remission, m.invoice]);

describe("billing vs deliveries", () => {
  test("one invoice covers many remissions, by list and by range, in any spelling", () => {
    const d = ["R1001", "R1002", "R1003", "R1004", "R1005", "R1006"].map((n) => del(n));
    const r = run(d, [
      line("A-5001", "R1001, r1002", { quantity: 15000, amount: 3000000 }),
      line("A-5001", "Rem. 0001003", {}),
      line("A-5002", "R1004-R1006", { quantity: 22500, amount: 4500000 }),
    ]);
    expect(pairs(r)).toEqual([
      ["R1001", "A-5001"],
      ["R1002", "A-5001"],
      ["R1003", "A-5001"],
      ["R1004", "A-5002"],
      ["R1005", "A-5002"],
      ["R1006", "A-5002"],
    ]);
    expect(r.notInvoiced).toEqual([]);
    expect(r.differences).toEqual([]);
    expect(r.duplicates).toEqual([]);
  });

  test("a line citing several remissions is compared on their sum", () => {
    const d = ["R1", "R2", "R3"].map((n) => del(n));
    const r = run(d, [line("A-1", "R1-R3", { quantity: 24000, amount: 4500000 })]);
    expect(r.differences).toHaveLength(1);
    expect(r.differences[0]).toMatchObject({ field: "quantity", invoice: "A-1", delivered: 22500, invoiced: 24000 });
    expect(r.differences[0].remissions.map((x) => x.remission)).toEqual(["R1", "R2", "R3"]);
  });

  test("not invoiced: oldest first, with age in days at the key date", () => {
    const r = run([del("R3", { date: oct(20) }), del("R1", { date: oct(3) }), del("R2", { date: oct(3) }), del("R4", { date: oct(5) })], [line("A-1", "R4")]);
    expect(r.notInvoiced.map((n) => [n.remission.remission, n.ageDays])).toEqual([
      ["R1", 28],
      ["R2", 28],
      ["R3", 11],
    ]);
    expect(r.notInvoiced[0]).toMatchObject({ quantity: 7500, amount: 1500000, unit: "M3", product: "CON250" });
  });

  test("invoice lines citing a remission not on file, or a cancelled one", () => {
    const r = run([del("R1"), del("R2", { cancelled: true })], [line("A-1", "R1, R0999"), line("A-2", "R2")]);
    expect(r.missingRemissions.map((m) => [m.invoice, m.cited.written, m.reason])).toEqual([
      ["A-1", "R0999", "notOnFile"],
      ["A-2", "R2", "cancelled"],
    ]);
    // A cancelled remission is neither matched nor owed an invoice.
    expect(r.notInvoiced).toEqual([]);
    expect(r.counts.cancelledRemissions).toBe(1);
  });

  test("a remission invoiced twice is listed with every invoice, in invoice-date order", () => {
    const r = run([del("R1")], [line("A-9", "R1", { date: oct(12) }), line("A-3", "R1", { date: oct(15) }), line("A-5", "R1", { date: oct(11) })]);
    expect(r.duplicates.map((x) => [x.remission.remission, x.invoices])).toEqual([["R1", ["A-5", "A-9", "A-3"]]]);
    expect(pairs(r)).toHaveLength(3);
  });

  test("two lines of one invoice for the same remission are not a duplicate", () => {
    const d = [del("R1", { item: "10" }), del("R1", { item: "20", product: "ADIT", quantity: 15000, unit: "L", amount: 30000 })];
    const r = run(d, [line("A-1", "R1"), line("A-1", "R1", { product: "ADIT", quantity: 15000, unit: "L", amount: 30000 })]);
    expect(r.duplicates).toEqual([]);
    expect(pairs(r)).toEqual([["R1", "A-1"]]);
    expect(r.differences).toEqual([]);
    expect(r.remissions).toHaveLength(1);
  });

  test("a cancelled invoice line bills nothing (the re-issued invoice is no duplicate)", () => {
    const r = run([del("R1")], [line("A-1", "R1", { cancelled: true }), line("A-2", "R1")]);
    expect(pairs(r)).toEqual([["R1", "A-2"]]);
    expect(r.duplicates).toEqual([]);
    expect(r.counts.cancelledLines).toBe(1);
  });

  test("differences in customer, product, quantity and amount beyond the tolerance; the pair is matched too", () => {
    const r = run(
      [del("R1"), del("R2"), del("R3"), del("R4"), del("R5")],
      [
        line("A-1", "R1", { customer: "2000999" }),
        line("A-2", "R2", { product: "CON300" }),
        line("A-3", "R3", { quantity: 8000 }),
        line("A-4", "R4", { amount: 1500002 }),
        line("A-5", "R5", { quantity: 7510, amount: 1500001 }), // within the tolerance
      ],
    );
    expect(r.differences.map((x) => [x.invoice, x.field, x.delivered, x.invoiced])).toEqual([
      ["A-1", "customer", "0001000123", "2000999"],
      ["A-2", "product", "CON250", "CON300"],
      ["A-3", "quantity", 7500, 8000],
      ["A-4", "amount", 1500000, 1500002],
    ]);
    expect(pairs(r)).toHaveLength(5);
  });

  test("a relative tolerance", () => {
    const d = [del("R1"), del("R2")];
    const l = [line("A-1", "R1", { amount: 1507500 }), line("A-2", "R2", { amount: 1507501 })];
    const r = run(d, l, { tolerance: { amount: 0, quantity: 0, relativePpm: 5000 } }); // 0.5 %
    expect(r.differences.map((x) => x.invoice)).toEqual(["A-2"]);
  });

  test("zero, negative and blank quantities", () => {
    const r = run(
      [del("R1", { quantity: 0, amount: 0 }), del("R2", { quantity: -2000, amount: -400000 }), del("R3", { quantity: null }), del("R4", { quantity: null })],
      [line("A-1", "R1", { quantity: 0, amount: 0 }), line("A-2", "R2", { quantity: -2000, amount: -400000 }), line("A-3", "R3", { quantity: 7500 }), line("A-4", "R4", { quantity: null })],
    );
    // Unknown against known is a difference to look at; unknown against unknown is not.
    expect(r.differences.map((x) => [x.invoice, x.field, x.delivered, x.invoiced])).toEqual([["A-3", "quantity", null, 7500]]);
  });

  test("units that differ are a quantity difference, whatever the numbers", () => {
    const r = run([del("R1", { unit: "m³" }), del("R2", { unit: "M3" })], [line("A-1", "R1", { unit: "MTQ" }), line("A-2", "R2", { unit: "TON" })]);
    expect(r.differences.map((x) => [x.invoice, x.field])).toEqual([["A-2", "quantity"]]);
  });

  test("a delivered item the invoice leaves out", () => {
    const d = [del("R1", { item: "10" }), del("R1", { item: "20", product: "ADIT", quantity: 15000, unit: "L", amount: null })];
    const r = run(d, [line("A-1", "R1", { amount: null })]);
    expect(r.differences.map((x) => [x.field, x.field === "quantity" ? x.product : "", x.delivered, x.invoiced])).toEqual([["quantity", "ADIT", 15000, null]]);
  });

  test("the same remission number for two customers: the line's customer decides, or it is reported", () => {
    const d = [del("R1", { customer: "1000123" }), del("R1", { customer: "2000456", customerName: "Otra" })];
    const r = run(d, [line("A-1", "R1", { customer: "0002000456" }), line("A-2", "R1", { customer: "3000789" })]);
    expect(pairs(r)).toEqual([["R1", "A-1"]]);
    expect(r.matched[0].remission.customer).toBe("2000456");
    expect(r.ambiguous.map((a) => [a.invoice, a.cited, a.reason, a.candidates.map((c) => c.customer)])).toEqual([["A-2", "R1", "severalRemissions", ["1000123", "2000456"]]]);
    // Nothing is guessed: the other customer's R1 is still owed an invoice.
    expect(r.notInvoiced.map((n) => n.remission.customer)).toEqual(["1000123"]);
  });

  test("the same number in two plants: the line's plant or series decides", () => {
    const d = [del("A-1001", { plant: "LEON" }), del("B-1001", { plant: "QRO" })];
    const r = run(d, [line("F-1", "A-1001"), line("F-2", "1001", { plant: "QRO" }), line("F-3", "1001")]);
    expect(pairs(r)).toEqual([
      ["A-1001", "F-1"],
      ["B-1001", "F-2"],
    ]);
    expect(r.ambiguous.map((a) => a.invoice)).toEqual(["F-3"]);
  });

  test("an unreadable citation is reported and the readable ones used; a line citing nothing is listed", () => {
    const r = run([del("R1"), del("R5")], [line("A-1", "R1, R9-R7"), line("A-2", ""), line("A-3", "R5")]);
    expect(pairs(r)).toEqual([["R1", "A-1"], ["R5", "A-3"]]);
    expect(r.ambiguous.map((a) => [a.invoice, a.reason, a.problem?.code])).toEqual([["A-1", "unreadableCitation", "citation.rangeReversed"]]);
    expect(r.uncited.map((u) => u.invoice)).toEqual(["A-2"]);
  });

  test("the period: lists by their own dates, citations against the whole file", () => {
    const d = [del("R1", { date: dayFromCivil(2026, 9, 28) }), del("R2", { date: oct(5) }), del("R3", { date: oct(6) }), del("R4", { date: dayFromCivil(2026, 11, 2) })];
    const l = [
      line("A-1", "R1", { date: oct(2) }), // in the period, for a September remission: matched, not missing
      line("A-2", "R2", { date: dayFromCivil(2026, 11, 3) }), // October remission billed in November: matched
      line("A-0", "R3", { date: dayFromCivil(2026, 9, 30) }), // billed before the period…
      line("A-3", "R3", { date: oct(15) }), // …and again in it: a duplicate
    ];
    const r = run(d, l, { from: oct(1), to: oct(31) });
    expect(pairs(r)).toEqual([["R1", "A-1"], ["R2", "A-2"], ["R3", "A-0"], ["R3", "A-3"]]);
    expect(r.missingRemissions).toEqual([]);
    expect(r.notInvoiced).toEqual([]);
    expect(r.duplicates.map((x) => x.invoices)).toEqual([["A-0", "A-3"]]);
    expect(r.counts).toMatchObject({ remissionsInPeriod: 2, invoiceLinesInPeriod: 2 });
    // R4 (November) is outside; not owed an invoice for October.
    const all = run(d, l);
    expect(all.notInvoiced.map((n) => n.remission.remission)).toEqual(["R4"]);
  });

  test("summary per customer, product and plant; codes with and without leading zeros are one customer", () => {
    const d = [del("R1", { plant: "P1" }), del("R2", { plant: "P1" }), del("R3", { plant: "P2" }), del("R4", { plant: "P1", product: "BLOCK", unit: "PZA", quantity: 500000, amount: 800000 })];
    const l = [line("A-1", "R1, R2", { quantity: 15000, amount: 3000000 }), line("A-2", "R3"), line("A-3", "R999", { product: "BLOCK", unit: "PZA", quantity: 1000, amount: 1600 })];
    const r = run(d, l);
    expect(r.byPlant).toBe(true);
    expect(r.summary.map((s) => [s.customer, s.product, s.plant, s.unit, s.deliveredQuantity, s.invoicedQuantity, s.deliveredAmount, s.invoicedAmount])).toEqual([
      ["0001000123", "BLOCK", "", "PZA", 0, 1000, 0, 1600],
      ["0001000123", "BLOCK", "P1", "PZA", 500000, 0, 800000, 0],
      ["0001000123", "CON250", "P1", "M3", 15000, 15000, 3000000, 3000000],
      ["0001000123", "CON250", "P2", "M3", 7500, 7500, 1500000, 1500000],
    ]);
  });

  test("every remission and every line ends up somewhere", () => {
    const d = Array.from({ length: 50 }, (_, i) => del(`R${1000 + i}`, { customer: i % 7 === 0 ? "2000" : "1000123", cancelled: i % 13 === 0 }));
    const l = Array.from({ length: 40 }, (_, i) => line(`A-${i % 30}`, i % 9 === 0 ? `R${990 + i}` : i % 11 === 0 ? "" : `R${1000 + ((i * 7) % 50)}`, { cancelled: i === 5 }));
    const r = run(d, l);
    const active = r.remissions.filter((x) => !x.cancelled);
    const invoiced = new Set(r.matched.map((m) => m.remission));
    for (const x of active) expect(invoiced.has(x) !== r.notInvoiced.some((n) => n.remission === x)).toBe(true);
    for (let i = 0; i < l.length; i++) {
      const x = l[i];
      const somewhere = x.cancelled || r.uncited.some((u) => u.line === x) || r.missingRemissions.some((m) => m.line === x) || r.ambiguous.some((a) => a.line === x) || r.remissions.some((rem) => rem.lines.includes(i));
      expect(somewhere).toBe(true);
    }
  });
});
