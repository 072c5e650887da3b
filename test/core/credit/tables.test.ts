import { TableReader } from "../../../src/core/tables/table";
import { kindConverter, type TableKind } from "../../../src/core/tables/fields";
import { CUSTOMER_KIND, type Customer } from "../../../src/core/tables/customers";
import { ORDER_KIND, UNBILLED_DELIVERY_KIND } from "../../../src/core/tables/orders";
import { PAYMENT_HISTORY_KIND } from "../../../src/core/tables/paymentHistory";
import { POLICY_KIND } from "../../../src/core/tables/creditPolicy";
import { guaranteeTypeOf } from "../../../src/core/credit/guarantee";
import { describe as say } from "../../../src/core/messages";
import { formatIsoDate } from "../../../src/core/dates";
import type { Row } from "../../../src/core/grid";

function read<T>(kind: TableKind<T>, rows: Row[]) {
  const records: T[] = [];
  const reader = new TableReader(kind.spec, kindConverter(kind), (r) => records.push(r), { dateSystem: 1900 });
  rows.forEach((r, i) => reader.push(r, i + 1));
  reader.finish();
  return { records, reader, rejected: reader.rejected.map((r) => [r.row, r.column, say(r.problem, "es")]) };
}

describe("customer master: credit columns", () => {
  const header = ["Cliente", "Nombre", "Límite de crédito", "Moneda", "Clase de riesgo", "Tipo de garantía", "Importe de garantía", "Vigencia", "Analista de crédito", "Contacto", "Tel."];
  it("reads risk class, guarantee, analyst and contact, with SAP's and people's headings", () => {
    const { records, rejected } = read(CUSTOMER_KIND, [
      header,
      ["0001000128", "Constructora Ríos", "4,050,000.00", "M.N.", "A", "Pagaré firmado", "2,100,000.00", "25/01/2027", "Laura Méndez", "Verónica Torres", "477 644 7065"],
      ["1000143", "Ferretería Ramos", "500000", "", "C", "Ninguna", "", "", "", "", ""],
      ["1000144", "Block Maldonado", "500000", "USD", "B", "", "150,000.00", "31.12.2026", "", "", ""],
      ["1000145", "Casa López", "", "", "", "Aval del socio", "", "", "", "", ""],
    ]);
    expect(rejected).toEqual([]);
    const [a, b, c, e] = records as Required<Customer>[];
    expect(a).toMatchObject({ code: "0001000128", creditLimit: 4_050_000_00, currency: "MXN", riskClass: "A", analyst: "Laura Méndez", contact: "Verónica Torres", phone: "477 644 7065" });
    expect(a.guarantee).toMatchObject({ type: "pagaré", description: "Pagaré firmado", amount: 2_100_000_00 });
    expect(formatIsoDate(a.guarantee!.expires!)).toBe("2027-01-25");
    expect(b.guarantee).toBeNull();
    expect(c).toMatchObject({ currency: "USD", guarantee: { type: "otra", amount: 150_000_00 } });
    expect(e).toMatchObject({ creditLimit: null, guarantee: { type: "otra", description: "Aval del socio", amount: null, expires: null } });
  });

  it("rejects a negative guarantee and a 'none' that carries an amount", () => {
    const { rejected, records } = read(CUSTOMER_KIND, [header, ["1", "Uno", "1000", "", "", "Fianza", "-5,000.00", "", "", "", ""], ["2", "Dos", "1000", "", "", "Sin garantía", "5,000.00", "", "", "", ""], ["3", "Tres", "1000", "", "", "Fianza", "", "31/02/2027", "", "", ""]]);
    expect(records).toHaveLength(0);
    expect(rejected).toEqual([
      [2, "Importe de garantía", "el importe de una garantía no puede ser negativo"],
      [3, "Importe de garantía", expect.stringContaining("«Sin garantía» (sin garantía) pero la fila trae importe")],
      [4, "Vigencia", expect.stringContaining("31/02/2027 no existe")],
    ]);
  });

  it("a master without credit columns still reads as before (the aging's)", () => {
    const { records } = read(CUSTOMER_KIND, [["Cliente", "Nombre", "Plazo", "Límite de crédito"], ["C1", "Uno", "30", "1000"]]);
    expect(records[0]).toMatchObject({ code: "C1", termDays: 30, creditLimit: 1000_00, riskClass: "", guarantee: null });
  });

  it("guarantee types by their first words, in Spanish and English", () => {
    expect(["PAGARÉ", "promissory note", "Fianza Aserta", "surety bond", "Hipoteca en primer lugar", "Mortgage", "Carta de crédito stand-by", "L/C", "Standby letter", "Prenda", "N/A", "ninguna", "No", ""].map(guaranteeTypeOf)).toEqual([
      "pagaré", "pagaré", "fianza", "fianza", "hipoteca", "hipoteca", "carta de crédito", "carta de crédito", "carta de crédito", "otra", "none", "none", "none", null,
    ]);
  });
});

describe("open orders (SAP VA05)", () => {
  it("reads VA05's Spanish headings, SAP dates and amounts; skips subtotal lines; rejects what is missing", () => {
    const { records, rejected, reader } = read(ORDER_KIND, [
      ["Lista de pedidos de venta"],
      ["Documento de ventas", "Solicitante", "Nombre del solicitante", "Fecha de documento", "Fecha de entrega preferente", "Valor neto", "Moneda", "Centro"],
      ["12000123", "1000128", "Constructora Ríos", "12.10.2026", "05.11.2026", "53,790.69", "MXN", "León Norte"],
      ["12000124", "1000128", "Constructora Ríos", "13.10.2026", "", "1,000.00-", "MXN", ""],
      ["12000125", "", "", "13.10.2026", "", "10.00", "", ""],
      ["12000126", "1000128", "", "", "", "10.00", "", ""],
      ["*", "", "", "", "", "54,790.69", "MXN", ""],
    ]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ order: "12000123", customer: "1000128", amount: 53_790_69, currency: "MXN", plant: "León Norte" });
    expect(formatIsoDate(records[0].shipDate!)).toBe("2026-11-05");
    expect(rejected).toEqual([
      [4, "Valor neto", expect.stringContaining("importe negativo")],
      [5, "Solicitante", "falta el valor"],
      [6, "Fecha de documento", "falta el valor"],
    ]);
    expect(reader.stats.subtotalRows).toBe(1);
  });

  it("English headings", () => {
    const { records } = read(ORDER_KIND, [["Sales Document", "Sold-to party", "Document Date", "Req. deliv.date", "Net value", "Curr."], ["1", "C1", "2026-10-01", "2026-11-01", 1234.5, "USD"]]);
    expect(records[0]).toMatchObject({ order: "1", customer: "C1", amount: 1234_50, currency: "USD" });
  });
});

describe("deliveries not invoiced, payment history, policy table", () => {
  it("deliveries: remission, customer, date, amount", () => {
    const { records, rejected } = read(UNBILLED_DELIVERY_KIND, [["Remisión", "Cliente", "Fecha", "Importe", "Moneda"], ["R1001", "1000128", "26/10/2026", "12759.60", "MXN"], ["R1002", "1000128", "", "", ""]]);
    expect(records).toEqual([{ row: 2, delivery: "R1001", customer: "1000128", date: expect.any(Number), amount: 12_759_60, currency: "MXN" }]);
    expect(rejected).toEqual([[3, "Importe", "falta el valor"]]);
  });

  it("history: an FBL5N cleared-items list, document amount with document currency", () => {
    const { records } = read(PAYMENT_HISTORY_KIND, [
      ["Cuenta", "Nº documento", "Vencimiento neto", "Fecha de compensación", "Importe en moneda local", "Moneda local", "Importe en moneda doc.", "Moneda del documento"],
      ["0001000128", "9100022303", "19.08.2026", "13.08.2026", "19,000.00", "MXN", "1,000.00", "USD"],
      ["0001000128", "9100022304", "13.10.2025", "04.10.2025", "500.00", "MXN", "", ""],
    ]);
    expect(records.map((r) => [r.amount, r.currency, r.paid - r.due])).toEqual([
      [1_000_00, "USD", -6],
      [500_00, "MXN", -9],
    ]);
  });

  it("policy: two columns, comments and blank keys skipped; values kept as written", () => {
    const { records } = read(POLICY_KIND, [["Clave", "Valor", "Descripción"], ["# comentario", "", ""], ["release.toleranceDays", 20, "…"], ["increase.percent", "15%", ""], [], ["Para cambiar la política: copie las columnas…", "", ""], ["block.daysPastDue", "", ""]]);
    expect(records).toEqual([
      { key: "release.toleranceDays", value: 20, row: 3 },
      { key: "increase.percent", value: "15%", row: 4 },
      { key: "block.daysPastDue", value: "", row: 7 }, // refused by the policy: "falta el valor"
    ]);
  });
});
