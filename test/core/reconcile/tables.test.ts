import { findHeader, headerNotFound, isHeaderMatch } from "../../../src/core/tables/columns";
import { COUNTERPARTY_KIND, COUNTERPARTY_SPEC, type TheirItem } from "../../../src/core/tables/counterparty";
import { dayFromCivil } from "../../../src/core/dates";
import type { Row } from "../../../src/core/grid";
import { DELIVERY_SPEC, deliveryKind, type Delivery } from "../../../src/core/tables/deliveries";
import { kindConverter, type TableKind } from "../../../src/core/tables/fields";
import { INVOICE_LINE_SPEC, invoiceLineKind, type InvoiceLine } from "../../../src/core/tables/invoiceLines";
import { describe as describeProblem } from "../../../src/core/messages";
import { TableReader } from "../../../src/core/tables/table";

function read<T>(kind: TableKind<T>, rows: Row[]) {
  const records: T[] = [];
  const reader = new TableReader<T>(kind.spec, kindConverter(kind), (r) => records.push(r), { dateSystem: 1900 });
  rows.forEach((r, i) => reader.push(r, i + 1));
  reader.finish("test");
  return { records, rejected: reader.rejected, stats: reader.stats, mapping: reader.mapping };
}

const deliveries = deliveryKind({ defaultCurrency: "MXN" });
const invoices = invoiceLineKind({ defaultCurrency: "MXN" });
const oct = (d: number) => dayFromCivil(2026, 10, d);

describe("deliveries list (remisiones)", () => {
  test("SAP VL06O in Spanish, below title lines, with a subtotal and a repeated header", () => {
    const header = ["Entrega", "Pos.", "Fe.SM real", "Solicitante", "Nombre del solicitante", "Destinatario de mercancías", "Centro", "Material", "Denominación", "Ctd.entrega", "UMV"];
    const r = read<Delivery>(deliveries, [
      ["Lista de entregas salientes"],
      ["Centro 1010 – octubre 2026"],
      [],
      header,
      ["0080001001", "10", "01.10.2026", "0001000123", "Constructora Peña, S.A. de C.V.", "Torre Reforma", "1010", "000000000000100250", "Concreto f'c 250", "7.500", "M3"],
      ["0080001001", "20", "01.10.2026", "0001000123", "Constructora Peña, S.A. de C.V.", "Torre Reforma", "1010", "000000000000900010", "Aditivo impermeabilizante", "15", "L"],
      ["*", "", "", "", "", "", "", "", "", "22.500", ""],
      header,
      ["0080001002", "10", "02.10.2026", "0001000123", "Constructora Peña, S.A. de C.V.", "Torre Reforma", "1010", "000000000000100250", "Concreto f'c 250", "", "M3"],
    ]);
    expect(r.stats).toMatchObject({ titleRows: 3, records: 3, subtotalRows: 1, repeatedHeaders: 1, rejectedRows: 0 });
    expect(r.records[0]).toMatchObject({ remission: "0080001001", item: "10", date: oct(1), customer: "0001000123", jobsite: "Torre Reforma", plant: "1010", product: "000000000000100250", quantity: 7500, unit: "M3", amount: null, cancelled: false });
    expect(r.records[1].quantity).toBe(15000);
    // A blank quantity is unknown, not zero.
    expect(r.records[2].quantity).toBeNull();
  });

  test("English SAP headings and technical names", () => {
    const en = findHeader(DELIVERY_SPEC, [["Delivery", "Item", "Act. GI date", "Sold-to party", "Plant", "Material", "Delivery quantity", "Sales unit"]]);
    expect(isHeaderMatch(en) && en.mapping).toEqual({ remission: 0, item: 1, date: 2, customer: 3, plant: 4, product: 5, quantity: 6, unit: 7 });
    const tech = findHeader(DELIVERY_SPEC, [["VBELN", "POSNR", "WADAT_IST", "KUNAG", "KUNNR", "WERKS", "MATNR", "LFIMG", "VRKME"]]);
    expect(isHeaderMatch(tech) && tech.mapping).toEqual({ remission: 0, item: 1, date: 2, customer: 3, jobsite: 4, plant: 5, product: 6, quantity: 7, unit: 8 });
  });

  test("a plant system's CSV: status words, amounts, bad cells rejected with row and column", () => {
    const r = read<Delivery>(deliveries, [
      ["Remisión", "Fecha", "Cliente", "Obra", "Planta", "Producto", "Volumen m3", "Importe", "Estatus"],
      ["R-1001", "2026-10-01", "1000123", "Torre A", "LEON", "CON250", "7.5", "$15,000.00", "Entregada"],
      ["R-1002", "2026-10-01", "1000123", "Torre A", "LEON", "CON250", "7.5", "$15,000.00", "CANCELADA"],
      ["R-1003", "31/09/2026", "1000123", "Torre A", "LEON", "CON250", "7.5", "$15,000.00", ""],
      ["R-1004", "2026-10-02", "", "Torre A", "LEON", "CON250", "7.5", "$15,000.00", ""],
      ["R-1005", "2026-10-02", "1000123", "Torre A", "LEON", "CON250", "siete", "$15,000.00", ""],
      ["Sin número", "2026-10-02", "1000123", "Torre A", "LEON", "CON250", "7", "", ""],
      ["Total", "", "", "", "", "", "30", "$60,000.00", ""],
    ]);
    expect(r.records.map((d) => [d.remission, d.cancelled, d.amount])).toEqual([
      ["R-1001", false, 1500000],
      ["R-1002", true, 1500000],
    ]);
    expect(r.rejected.map((x) => [x.row, x.column, x.problem.code])).toEqual([
      [4, "Fecha", "date.invalid"],
      [5, "Cliente", "row.missing"],
      [6, "Volumen m3", "quantity.unrecognized"],
      [7, "Remisión", "remission.noNumber"],
    ]);
    expect(describeProblem(r.rejected[2].problem, "es")).toContain("\"siete\" no es una cantidad");
    expect(r.stats.subtotalRows).toBe(1);
  });

  test("a cancelled flag is yes or no, nothing else", () => {
    const r = read<Delivery>(deliveries, [
      ["Remisión", "Fecha", "Cliente", "Cantidad", "Cancelada"],
      ["1", "01/10/2026", "C1", "1", "X"],
      ["2", "01/10/2026", "C1", "1", "No"],
      ["3", "01/10/2026", "C1", "1", "quizá"],
    ]);
    expect(r.records.map((d) => d.cancelled)).toEqual([true, false]);
    expect(r.rejected[0]).toMatchObject({ row: 4, column: "Cancelada", problem: { code: "flag.invalid" } });
  });

  test("an unknown layout names the columns it needs", () => {
    const miss = findHeader(DELIVERY_SPEC, [["Foo", "Bar", "Baz"]]);
    expect(isHeaderMatch(miss)).toBe(false);
    if (!isHeaderMatch(miss)) {
      const e = headerNotFound(miss);
      expect(e.describe("es")).toContain("Remisión; Cliente; Fecha de entrega; Cantidad entregada o Importe");
      expect(e.describe("en")).toContain("Delivery note; Customer; Delivery date; Delivered quantity or Amount");
    }
  });
});

describe("invoice lines", () => {
  test("SAP VF05 / VBRP: the reference document is the delivery; cancelled invoices and S1 documents are marked", () => {
    const r = read<InvoiceLine>(invoices, [
      ["Doc.factur.", "Pos.", "Fecha factura", "Solicitante", "Material", "Ctd.facturada", "UMV", "Valor neto", "Moneda", "Doc.referencia", "Anulado", "Cl.factura"],
      ["90005001", "10", "10.10.2026", "1000123", "100250", "7.500", "M3", "15,000.00", "MXN", "80001001", "", "F2"],
      ["90005002", "10", "10.10.2026", "1000123", "100250", "7.500", "M3", "15,000.00", "MXN", "80001002", "X", "F2"],
      ["90005003", "10", "11.10.2026", "1000123", "100250", "7.500-", "M3", "15,000.00-", "MXN", "80001002", "", "S1"],
    ]);
    expect(r.records.map((l) => [l.invoice, l.remissions, l.quantity, l.amount, l.cancelled])).toEqual([
      ["90005001", "80001001", 7500, 1500000, false],
      ["90005002", "80001002", 7500, 1500000, true],
      ["90005003", "80001002", -7500, -1500000, true],
    ]);
  });

  test("series and folio come apart in CFDI exports and are joined", () => {
    const r = read<InvoiceLine>(invoices, [
      ["Serie", "Folio", "Fecha de emisión", "Cliente", "Cantidad", "Importe", "Remisiones", "Estado CFDI"],
      ["A", "5001", "10/10/2026", "C1", "15", "30,000.00", "R1001, R1002", "Vigente"],
      ["A", "A-5002", "10/10/2026", "C1", "7.5", "15,000.00", "R1003", "Cancelado"],
    ]);
    expect(r.records.map((l) => [l.invoice, l.cancelled])).toEqual([
      ["A-5001", false],
      ["A-5002", true],
    ]);
  });

  test("English headings", () => {
    const m = findHeader(INVOICE_LINE_SPEC, [["Billing Document", "Item", "Billing Date", "Payer", "Material", "Billed Quantity", "Net value", "Reference Document"]]);
    expect(isHeaderMatch(m) && m.mapping).toEqual({ invoice: 0, item: 1, date: 2, customer: 3, product: 4, quantity: 5, amount: 6, remissions: 7 });
  });
});

describe("the customer's listing", () => {
  const amounts = (items: TheirItem[]) => items.map((t) => t.amount);

  test("debits and credits in two columns (Cargo/Abono); the running balance is not the amount", () => {
    const r = read<TheirItem>(COUNTERPARTY_KIND, [
      ["Estado de cuenta del proveedor"],
      ["Fecha", "Factura", "Folio fiscal", "Concepto", "Cargo", "Abono", "Saldo"],
      ["01/09/2026", "F-0012345", "5FB2822E-396D-4725-8521-CDC4BDD20CCF", "Factura", "", "$10,000.00", "$10,000.00"],
      ["30/10/2026", "SPEI 778899", "", "Pago", "$4,000.00", "", "$6,000.00"],
      ["31/10/2026", "NC-12", "", "Nota de crédito", "", "-500.00", "$5,500.00"],
      ["", "", "", "Saldo final", "", "", "$5,500.00"],
    ]);
    expect(r.mapping).toMatchObject({ debit: 4, credit: 5, amount: 6 });
    expect(amounts(r.records)).toEqual([-1000000, 400000, -50000]);
    expect(r.records[0].uuid).toBe("5FB2822E-396D-4725-8521-CDC4BDD20CCF");
    expect(r.stats.subtotalRows).toBe(1);
  });

  test("one signed column, SAP style", () => {
    const r = read<TheirItem>(COUNTERPARTY_KIND, [
      ["Referencia", "Nº documento", "Fecha documento", "Clase de documento", "Importe en moneda local"],
      ["A-12345", "5100000001", "01.09.2026", "KR", "10,000.00-"],
      ["", "1500000001", "30.10.2026", "KZ", "4,000.00"],
      ["**", "", "", "", "6,000.00-"],
    ]);
    expect(amounts(r.records)).toEqual([-1000000, 400000]);
    expect(r.records[1]).toMatchObject({ reference: "", document: "1500000001", type: "KZ" });
  });

  test("an amount beside a D/H indicator", () => {
    const r = read<TheirItem>(COUNTERPARTY_KIND, [
      ["Referencia", "Importe", "D/H"],
      ["A-1", "100.00", "H"],
      ["A-2", "50.00", "S"],
    ]);
    expect(amounts(r.records)).toEqual([-10000, 5000]);
  });

  test("a row with a document but no amount is rejected", () => {
    const r = read<TheirItem>(COUNTERPARTY_KIND, [
      ["Factura", "Cargo", "Abono"],
      ["A-1", "", ""],
      ["A-2", "1.00", ""],
    ]);
    expect(r.records).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ row: 2, column: "Cargo", problem: { code: "row.missing" } });
  });

  test("needs a document and an amount", () => {
    const miss = findHeader(COUNTERPARTY_SPEC, [["Fecha", "Concepto"]]);
    expect(isHeaderMatch(miss)).toBe(false);
    if (!isHeaderMatch(miss)) expect(miss.needed).toEqual(["Referencia o Nº documento o UUID", "Importe o Cargo o Abono"]);
  });
});
