/**
 * What the pane builds on: mapping detection and remembered corrections, chunk sizing, and
 * where a Report's parts go on an Excel sheet (settings: settings.test.ts).
 */
import { buildAgingReport } from "../../src/core/aging/agingReport";
import { age } from "../../src/core/aging/aging";
import { chartData } from "../../src/core/report/chartData";
import { dayFromCivil, serialFromDay } from "../../src/core/dates";
import { CUSTOMER_SPEC } from "../../src/core/tables/customers";
import { LEDGER_SPEC, type LedgerItem } from "../../src/core/tables/ledger";
import { excelMoneyFormat } from "../../src/core/money";
import type { ReportSheet } from "../../src/core/report/report";
import { cellBytes, chunkRows, MAX_CHUNK_BYTES, MAX_CHUNK_ROWS, rowBytes, spans } from "../../src/report/chunks";
import { columnLetter, detectTable, isDetected, mappingProblem, mappingToSave, restoreMapping } from "../../src/workbook/mapping";
import type { SourcePreview } from "../../src/workbook/port";
import { cellValue, layoutSheet, rowValues, totalsFormulas } from "../../src/report/layout";

const HEADERS = ["Cliente", "Nombre", "Factura", "Fecha", "Vencimiento", "Importe", "Moneda", "Notas"];

function preview(rows: unknown[][], firstRow = 1): SourcePreview {
  return { rows, firstRow, dateSystem: 1900, totalRows: rows.length, label: "Hoja1!A1:H9" };
}

describe("mapping", () => {
  it("finds the header below title lines, with the same synonyms as files", () => {
    const t = detectTable(LEDGER_SPEC, preview([["Cartera al 31/10/2026"], [], HEADERS, ["0001", "A", "F1", 46000, 46030, 10, "MXN", ""]], 5));
    if (!isDetected(t)) throw t;
    expect(t.headerRow).toBe(7);
    expect(t.mapping).toEqual({ customer: 0, customerName: 1, documentNumber: 2, documentDate: 3, netDueDate: 4, amount: 5, documentCurrency: 6 });
    expect(t.restored).toBe(false);
  });

  it("says which headers it found and which it needs when there is no header", () => {
    const t = detectTable(LEDGER_SPEC, preview([["Producto", "Cantidad"], ["Cemento", 3]]));
    expect(isDetected(t)).toBe(false);
    if (isDetected(t)) return;
    expect(t.describe("es")).toBe(
      'No se encontró la fila de encabezados en las primeras 30 filas. Encabezados encontrados: "Producto", "Cantidad". Se necesitan: Cuenta; Nº documento; Importe en moneda doc. o Importe en moneda local o Importe; Vencimiento neto o Fecha de documento o Base p.plazo pago.',
    );
  });

  it("applies remembered corrections by header text, wherever the column moved", () => {
    const saved = { text: "Notas", documentDate: "", netDueDate: "Fecha" };
    const moved = ["Notas", ...HEADERS.slice(0, 7)];
    const m = restoreMapping(LEDGER_SPEC, moved, saved)!;
    expect(m.text).toBe(0);
    expect(m.documentDate).toBeUndefined(); // "Fecha" now means the due date…
    expect(m.netDueDate).toBe(4); // …and took that column from the detected meaning
    expect(m.customer).toBe(1);
    // A saved header that is not there changes nothing.
    expect(restoreMapping(LEDGER_SPEC, HEADERS, { text: "Comentarios" })).toBeNull();
    const t = detectTable(LEDGER_SPEC, preview([HEADERS]), { text: "Notas" });
    if (!isDetected(t)) throw t;
    expect(t.restored).toBe(true);
    expect(mappingToSave(LEDGER_SPEC, t)).toEqual({ text: "Notas" });
  });

  it("ignores remembered corrections that would leave a needed meaning without a column", () => {
    const t = detectTable(LEDGER_SPEC, preview([HEADERS]), { customer: "" });
    if (!isDetected(t)) throw t;
    expect(t.mapping.customer).toBe(0);
    expect(t.restored).toBe(false);
  });

  it("names the missing meanings in the user's language", () => {
    expect(mappingProblem(LEDGER_SPEC, { customer: 0, documentNumber: 1, amount: 2, netDueDate: 3 }, "es")).toBeNull();
    expect(mappingProblem(LEDGER_SPEC, { documentNumber: 1, netDueDate: 3 }, "es")).toBe("Falta asignar una columna a: Cuenta; Importe en moneda doc. o Importe en moneda local o Importe.");
    expect(mappingProblem(LEDGER_SPEC, { documentNumber: 1, amount: 2, netDueDate: 3 }, "en")).toBe("Assign a column to: Account.");
  });

  it("works the same for any kind of table: the customer master's header, corrections and problems", () => {
    const rows = [["Clientes activos"], ["No. cliente", "Razón social", "Días de crédito", "Sucursal", "Observaciones"], ["0001000128", "Constructora Ríos", 45, "León", "Bajío"]];
    const t = detectTable(CUSTOMER_SPEC, preview(rows, 1), { plaza: "Observaciones", termDays: "" });
    if (!isDetected(t)) throw t;
    expect(t.headerRow).toBe(2);
    expect(t.detected).toEqual({ code: 0, name: 1, termDays: 2, plaza: 3 });
    expect(t.mapping).toEqual({ code: 0, name: 1, plaza: 4 });
    expect(t.restored).toBe(true);
    expect(mappingToSave(CUSTOMER_SPEC, t)).toEqual({ termDays: "", plaza: "Observaciones" });
    expect(mappingProblem(CUSTOMER_SPEC, { name: 1 }, "es")).toBe("Falta asignar una columna a: Cliente.");
    expect(mappingProblem(CUSTOMER_SPEC, { name: 1 }, "en")).toBe("Assign a column to: Customer.");
    // A ledger is not a customer list: the same message as the file readers', with the master's needs.
    const miss = detectTable(CUSTOMER_SPEC, preview([["Producto", "Cantidad"]]));
    expect(isDetected(miss) ? "" : miss.describe("en")).toBe('No header row was found in the first 30 rows. Headers found: "Producto", "Cantidad". Needed: Customer.');
  });

  it("letters columns as Excel does", () => {
    expect([0, 25, 26, 51, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AZ", "ZZ", "AAA"]);
  });
});

describe("chunks", () => {
  it("estimates payloads and keeps chunks under both caps", () => {
    expect(cellBytes("")).toBe(3);
    expect(cellBytes(12345)).toBe(6);
    expect(cellBytes("Ñ")).toBe(9);
    expect(rowBytes(["ab", 1])).toBe(2 + 5 + 2);
    expect(chunkRows([["a", 1, 2]], 3)).toBe(MAX_CHUNK_ROWS);
    const wide = [Array.from({ length: 50 }, () => "x".repeat(500))];
    const n = chunkRows(wide, 50);
    expect(n * rowBytes(wide[0])).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
    expect(n).toBeGreaterThanOrEqual(50);
    expect([...spans(12001, 5000)]).toEqual([
      [0, 5000],
      [5000, 5000],
      [10000, 2001],
    ]);
  });
});

function item(customer: string, amount: number, due: number, currency = "MXN"): LedgerItem {
  return { row: 2, customer, customerName: `Cliente ${customer}`, documentNumber: `D${customer}${amount}`, documentType: "RV", reference: "=SUMA(A1)", assignment: "", text: "-anticipo", documentDate: due - 30, postingDate: due - 30, baselineDate: null, netDueDate: due, clearingDate: null, termDays: null, terms: "", amount, currency };
}

describe("report layout for Excel", () => {
  const asOf = dayFromCivil(2026, 10, 31);
  const items = [item("0001", 100000, asOf - 45), item("0001", 5000, asOf + 5), item("0002", 7000, asOf - 200), item("0003", 900, asOf - 10, "USD"), item("0002", -2000, asOf - 3)];
  const result = age(items, { asOf });
  const report = buildAgingReport({ result, items, rejected: [], source: "t", lang: "es" });
  const summary = report.sheets[0];

  it("places header, data, totals and notes like the .xlsx writer", () => {
    const l = layoutSheet(report, summary);
    expect(l).toMatchObject({ headerRow: 4, firstDataRow: 5, lastDataRow: 4 + summary.rows.length, lastColumn: "N", totalsMode: "rowsBelow", totalsFirstRow: 5 + summary.rows.length });
    expect(l.notesFirstRow).toBe(l.totalsFirstRow + 3);
    expect(l.highlightColumns).toEqual([4, 5, 6, 7, 8, 10]);
    expect(l.columns.map((c) => c.numberFormat).slice(0, 4)).toEqual(["@", "@", "@", excelMoneyFormat("MXN")]);
    expect(l.columns[0].widthPoints).toBe(72);
  });

  it("writes cell values Excel reads back the same: units, serials, text kept as text", () => {
    const detail = layoutSheet(report, report.sheets[1]);
    const row = rowValues(detail, report.sheets[1].rows[0], 1904);
    expect(row[0]).toBe("0001");
    expect(row[4]).toBe("'=SUMA(A1)"); // never a formula
    expect(row[5]).toBe(serialFromDay(asOf - 75, 1904));
    expect(row[9]).toBe(1000);
    expect(row[11]).toBe("'-anticipo");
    expect(cellValue({ key: "x", header: "x", type: "code" }, 123, 1900)).toBe("123");
    expect(cellValue({ key: "x", header: "x", type: "money" }, null, 1900)).toBe("");
  });

  it("totals one currency with SUBTOTAL in the table's totals row, several with SUMIFS by currency", () => {
    const many = layoutSheet(report, summary);
    const f = totalsFormulas(many);
    expect(f.map((r) => r[0])).toEqual(["Total MXN", "Total USD"]);
    expect(f[1][3]).toBe(`=SUMIFS(D5:D7,C5:C7,"USD")`);
    expect(f[0][12]).toBe("");
    const mxnOnly = buildAgingReport({ result: age(items.slice(0, 3), { asOf }), items: items.slice(0, 3), rejected: [], source: "t", lang: "en" });
    const one = layoutSheet(mxnOnly, mxnOnly.sheets[0]);
    expect(one.totalsMode).toBe("tableTotalsRow");
    expect(totalsFormulas(one)[0].slice(0, 4)).toEqual(["Total MXN", "", "MXN", "=SUBTOTAL(109,D5:D6)"]);
  });

  it("puts the chart beside the table and its data under it", () => {
    const l = layoutSheet(report, summary);
    expect(l.chart).toMatchObject({ dataRow: 26, dataColumn: 15, position: { row: 3, column: 15, rows: 20, columns: 9 } });
    expect(l.chart!.data.categories).toEqual(["0001", "0002"]); // MXN only: USD bars must not stack on pesos
  });
});

describe("chart rows (core)", () => {
  const sheet: ReportSheet = {
    id: "s",
    name: "s",
    columns: [
      { key: "c", header: "C", type: "code" },
      { key: "cur", header: "Cur", type: "code" },
      { key: "b0", header: "current", type: "money", currencyKey: "cur" },
      { key: "b1", header: "1-30", type: "money", currencyKey: "cur", highlightPositive: true },
    ],
    rows: [
      ["a", "MXN", 500, 10],
      ["b", "MXN", 100, 90],
      ["c", "USD", 0, 1000],
      ["d", "MXN", 900, 10],
    ],
    totals: [],
    notes: [],
    freezeHeader: true,
    autoFilter: true,
  };
  it("ranks by overdue, then by total, in one currency, up to the limit", () => {
    const d = chartData(sheet, { kind: "stackedBar", title: "t", categoryKey: "c", seriesKeys: ["b0", "b1"], maxCategories: 2 }, "MXN");
    expect(d.categories).toEqual(["b", "d"]);
    expect(d.series).toEqual([
      { key: "b0", header: "current", values: [100, 900] },
      { key: "b1", header: "1-30", values: [90, 10] },
    ]);
    expect(chartData(sheet, { kind: "stackedBar", title: "t", categoryKey: "zz", seriesKeys: ["b0"], maxCategories: 2 })).toEqual({ categories: [], series: [] });
  });
});
