import { findHeader, isHeaderMatch, normalizeHeader } from "../../src/core/tables/columns";
import { formatIsoDate } from "../../src/core/dates";
import type { Row } from "../../src/core/grid";
import { LEDGER_SPEC, ledgerRow, type LedgerItem } from "../../src/core/tables/ledger";
import { describe as describeProblem } from "../../src/core/messages";
import { TableReader } from "../../src/core/tables/table";
import { parseTermDays } from "../../src/core/terms";

function read(rows: Row[], dateSystem: 1900 | 1904 = 1900) {
  const items: LedgerItem[] = [];
  const reader = new TableReader<LedgerItem>(LEDGER_SPEC, (r, n, ctx) => ledgerRow(r, n, ctx, { defaultCurrency: "MXN" }), (i) => items.push(i), { dateSystem });
  rows.forEach((r, i) => reader.push(r, i + 1));
  reader.finish("test");
  return { items, reader };
}

describe("headers", () => {
  test("normalisation ignores case, accents, punctuation and spaces", () => {
    expect(normalizeHeader("Nº documento")).toBe(normalizeHeader("N° Documento"));
    expect(normalizeHeader("Fe.contabilización")).toBe("fecontabilizacion");
    expect(normalizeHeader(" ASIGNACIÓN ")).toBe("asignacion");
  });

  test("found below title lines, in any order, Spanish or English, extra columns ignored", () => {
    const rows: Row[] = [
      ["Materiales del Bajío"],
      ["Partidas individuales de deudores", "", "al 31.10.2026"],
      [],
      ["Extra", "VENCIMIENTO NETO", "importe en moneda local", "Nº Documento", "cuenta"],
    ];
    const h = findHeader(LEDGER_SPEC, rows);
    expect(isHeaderMatch(h)).toBe(true);
    if (isHeaderMatch(h)) {
      expect(h.headerIndex).toBe(3);
      expect(h.mapping).toEqual({ netDueDate: 1, localAmount: 2, documentNumber: 3, customer: 4 });
    }
    const en = findHeader(LEDGER_SPEC, [["Customer", "DocumentNo", "Amount in Local Currency", "Net Due Date", "Document Currency"]]);
    expect(isHeaderMatch(en)).toBe(true);
  });

  test("a table without the needed columns says what it found and what it needs", () => {
    const h = findHeader(LEDGER_SPEC, [["Nombre", "Teléfono", "Ciudad"], ["a", "b", "c"]]);
    expect(isHeaderMatch(h)).toBe(false);
    if (!isHeaderMatch(h)) {
      expect(h.found).toEqual(["Nombre", "Teléfono", "Ciudad"]);
      expect(h.needed.join("; ")).toMatch(/Cuenta.*Nº documento.*Importe/);
    }
  });
});

describe("ledger rows", () => {
  const header = ["Cuenta", "Nº documento", "Clase de documento", "Fecha de documento", "Base p.plazo pago", "Vencimiento neto", "Importe en moneda local", "Moneda local", "Importe en moneda doc.", "Moneda del documento", "Fecha de compensación", "Condiciones de pago"];

  test("values of every shape", () => {
    const { items, reader } = read([
      header,
      ["0001000123", "1800000001", "RV", "01.10.2026", "01.10.2026", "31.10.2026", "1,234.56", "MXN", "1,234.56", "MXN", "", "Z030"],
      ["0001000123", "1800000002", "DG", 46300, "", "", "500.00-", "MXN", "(500.00)", "MXN", "00.00.0000", ""],
      ["1000124", 1800000003, "RV", "2026-09-01", "", "", 18500, "MXN", 1000, "USD", "", "30"],
      ["*", "", "", "", "", "", "19,234.56", "MXN", "", "", "", ""],
      ["**", "", "", "", "", "", "19,234.56", "MXN", "", "", "", ""],
      [],
      header,
    ]);
    expect(reader.rejected).toEqual([]);
    expect(reader.stats).toMatchObject({ subtotalRows: 2, blankRows: 1, repeatedHeaders: 1, dataRows: 3 });
    expect(items.map((i) => [i.customer, i.documentNumber, i.amount, i.currency])).toEqual([
      ["0001000123", "1800000001", 123456, "MXN"],
      ["0001000123", "1800000002", -50000, "MXN"],
      ["1000124", "1800000003", 100000, "USD"],
    ]);
    expect(formatIsoDate(items[0].netDueDate!)).toBe("2026-10-31");
    expect(items[0].termDays).toBe(30);
    expect(formatIsoDate(items[1].documentDate!)).toBe("2026-10-05");
    expect(items[1].clearingDate).toBeNull();
    expect(items[2].termDays).toBe(30);
  });

  test("1904 workbooks", () => {
    const { items } = read([["Cuenta", "Nº documento", "Vencimiento neto", "Importe"], ["1", "A1", 44864, 10]], 1904);
    expect(formatIsoDate(items[0].netDueDate!)).toBe("2026-10-31");
  });

  test("every rejected row says row, column, value and reason; good rows still count", () => {
    const { items, reader } = read([
      ["título"],
      header,
      ["0001000123", "1", "RV", "01.10.2026", "", "31/02/2026", "1,234.56", "MXN", "", "", "", ""],
      ["0001000123", "2", "RV", "01.10.2026", "", "", "12,3x4.00", "MXN", "", "", "", ""],
      ["", "3", "RV", "01.10.2026", "", "", "1.00", "MXN", "", "", "", ""],
      ["0001000123", "4", "RV", "01.10.2026", "", "", "", "MXN", "", "", "", ""],
      ["0001000123", "5", "RV", "01.10.2026", "", "", "1.00", "MXN", "", "", "", ""],
    ]);
    expect(items.map((i) => i.documentNumber)).toEqual(["5"]);
    expect(reader.rejected.map((r) => [r.row, r.column, r.value])).toEqual([
      [3, "Vencimiento neto", "31/02/2026"],
      [4, "Importe en moneda local", "12,3x4.00"],
      [5, "Cuenta", ""],
      [6, "Importe en moneda local", ""],
    ]);
    expect(describeProblem(reader.rejected[0].problem, "es")).toMatch(/31\/02\/2026 no existe/);
    expect(describeProblem(reader.rejected[0].problem, "en")).toMatch(/does not exist/);
  });

  test("payment terms", () => {
    expect(["Z030", "NT30", "30", "30 días", "Neto 30", "N30", "Z000", "0001", "contado", 45, "ZCON", ""].map(parseTermDays)).toEqual([30, 30, 30, 30, 30, 30, 0, 0, 0, 45, null, null]);
  });
});

describe("currencies", () => {
  test("ISO codes and what Mexican ledgers write instead", async () => {
    const { currencyCode } = await import("../../src/core/tables/ledger");
    expect(["MXN", "mxn", "M.N.", "MN", "Pesos", "USD", "DLLS", "Dólares", "US$", "EUR", "XX", "12$"].map(currencyCode)).toEqual(["MXN", "MXN", "MXN", "MXN", "MXN", "USD", "USD", "USD", "USD", "EUR", null, null]);
  });
});
