/**
 * The Office.js adapter against office-addin-mock objects (test/helpers/fakeExcel.ts): reading
 * a table in chunks, writing result sheets (values, formats, table, totals, highlighting,
 * chart), replacing only Cartera's own sheets, settings, and selecting a rejected cell.
 */
import { CUSTOMER_SPEC } from "../../src/core/tables/customers";
import { dayFromCivil, serialFromDay } from "../../src/core/dates";
import { LEDGER_SPEC } from "../../src/core/tables/ledger";
import { excelMoneyFormat } from "../../src/core/money";
import { ExcelWorkbook, parseAddress, uniqueSheetName } from "../../src/office/excelWorkbook";
import { runAgingJob } from "../../src/workbook/agingJob";
import { MAX_CHUNK_ROWS } from "../../src/report/chunks";
import { detectTable, isDetected } from "../../src/workbook/mapping";
import { CancelledError, type GridChunk, type SourceRef } from "../../src/workbook/port";
import { FakeExcel, type FakeSheet } from "../helpers/fakeExcel";

const HEADERS = ["Cuenta", "Nombre", "Nº documento", "Clase de documento", "Fecha de documento", "Vencimiento neto", "Importe en moneda doc.", "Moneda del documento"];
const AS_OF = dayFromCivil(2026, 10, 31);
const CAP = 5 * 1024 * 1024;

/** A ledger as an analyst pastes it: codes as text, dates as serials, amounts as numbers. */
function ledgerRows(n: number, system: 1900 | 1904 = 1900): unknown[][] {
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const doc = dayFromCivil(2026, 1 + (i % 10), 1 + (i % 27));
    const usd = i % 7 === 3;
    rows.push([
      `000100${String(100 + (i % 40)).padStart(4, "0")}`,
      `Cliente ${i % 40}`,
      String(9000000000 + i),
      i % 9 === 0 ? "DG" : "RV",
      serialFromDay(doc, system),
      serialFromDay(doc + 30, system),
      i % 9 === 0 ? -(1000 + i) : 1234.56 + i,
      usd ? "USD" : "MXN",
    ]);
  }
  return rows;
}

/** Sheet "Partidas": two title lines, then the table "Ledger" from A3. */
function workbookWithLedger(n: number, options: { date1904?: boolean } = {}): { fake: FakeExcel; sheet: FakeSheet } {
  const system = options.date1904 ? 1904 : 1900;
  const fake = new FakeExcel({ date1904: options.date1904, selection: { sheet: "Partidas", address: "C10" } });
  const sheet = fake.addSheet("Partidas");
  sheet.put("A1", [["Partidas abiertas al 31.10.2026"]]);
  sheet.put("A3", [HEADERS, ...ledgerRows(n, system)]);
  fake.addTable("Ledger", sheet, `A3:H${3 + n}`);
  const notes = fake.addSheet("Notas");
  notes.put("B2", [["Recordatorio"], ["Llamar a cobranza"]]);
  return { fake, sheet };
}

async function ledgerSource(wb: ExcelWorkbook): Promise<SourceRef> {
  const sources = await wb.listSources();
  const table = sources.find((s) => s.kind === "table");
  if (!table) throw new Error("no table source");
  return table;
}

async function age(wb: ExcelWorkbook, options: { signal?: AbortSignal; lang?: "es" | "en" } = {}) {
  const source = await ledgerSource(wb);
  const preview = await wb.preview(source, 30);
  const table = detectTable(LEDGER_SPEC, preview);
  if (!isDetected(table)) throw table;
  return runAgingJob({ port: wb, source, preview, table, asOf: AS_OF, edges: [30, 60, 90, 120], basis: "due", lang: options.lang ?? "es", signal: options.signal });
}

describe("Excel adapter: sources", () => {
  it("lists tables, sheets' used ranges and the selection, preferring the table holding the active cell", async () => {
    const { fake } = workbookWithLedger(20);
    const wb = new ExcelWorkbook({ lang: "es", run: fake.run });
    const sources = await wb.listSources();
    expect(sources.map((s) => [s.kind, s.key, s.address, s.rows, s.columns, !!s.preferred])).toEqual([
      ["table", "table:Ledger", "Partidas!A3:H23", 21, 8, true],
      ["sheet", "sheet:Partidas", "Partidas!A1:H23", 23, 8, false],
      ["sheet", "sheet:Notas", "Notas!B2:B3", 2, 1, false],
      // One cell selected: the data around it.
      ["selection", "selection:Partidas!A1:H23", "Partidas!A1:H23", 23, 8, false],
    ]);
    expect(sources[0].label).toBe("Tabla Ledger (Partidas, 20 filas)");
  });

  it("reads the header and first rows, and the workbook's date system", async () => {
    for (const date1904 of [false, true]) {
      const { fake } = workbookWithLedger(40, { date1904 });
      const wb = new ExcelWorkbook({ lang: "en", run: fake.run });
      const preview = await wb.preview(await ledgerSource(wb), 30);
      expect(preview.rows).toHaveLength(30);
      expect(preview.rows[0]).toEqual(HEADERS);
      expect(preview.firstRow).toBe(3);
      expect(preview.totalRows).toBe(41);
      expect(preview.dateSystem).toBe(date1904 ? 1904 : 1900);
      expect(preview.label).toBe("Partidas!A3:H43");
    }
  });

  it("reads 12,000 rows in chunks of at most 5,000 rows, one sync each, under the 5 MB request cap", async () => {
    const { fake } = workbookWithLedger(12000);
    const wb = new ExcelWorkbook({ lang: "es", run: fake.run });
    const source = await ledgerSource(wb);
    const syncsBefore = fake.syncs;
    const chunks: GridChunk[] = [];
    const progress: number[] = [];
    await wb.readGrid(source, { onChunk: (c) => void chunks.push(c), onProgress: (p) => progress.push(p.done) });
    const rows = chunks.flatMap((c) => c.rows);
    expect(rows).toHaveLength(12001);
    expect(rows[0]).toEqual(HEADERS);
    expect(rows[12000][2]).toBe("9000011999");
    expect(chunks.every((c) => c.rows.length <= MAX_CHUNK_ROWS)).toBe(true);
    expect(chunks.map((c) => c.firstRow)).toEqual(chunks.map((_, i) => 3 + chunks.slice(0, i).reduce((n, c) => n + c.rows.length, 0)));
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    // One sync to measure the source, then one per chunk: never one per row.
    expect(fake.syncs - syncsBefore).toBe(1 + chunks.length);
    expect(Math.max(...fake.payloads)).toBeLessThan(CAP);
    expect(progress[progress.length - 1]).toBe(12001);
  });

  it("sizes chunks by payload when rows are wide", async () => {
    const fake = new FakeExcel();
    const sheet = fake.addSheet("Ancha");
    const long = "x".repeat(400);
    sheet.put("A1", [Array.from({ length: 30 }, (_, i) => `Col ${i}`), ...Array.from({ length: 3000 }, (_, r) => Array.from({ length: 30 }, (_, c) => `${long}${r}-${c}`))]);
    const wb = new ExcelWorkbook({ lang: "es", run: fake.run });
    const source = (await wb.listSources()).find((s) => s.kind === "sheet")!;
    const sizes: number[] = [];
    await wb.readGrid(source, { onChunk: (c) => void sizes.push(c.rows.length) });
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(3001);
    expect(Math.max(...fake.payloads)).toBeLessThan(CAP);
    expect(Math.max(...sizes)).toBeLessThan(MAX_CHUNK_ROWS);
  });

  it("stops reading when cancelled", async () => {
    const { fake } = workbookWithLedger(12000);
    const wb = new ExcelWorkbook({ lang: "es", run: fake.run });
    const source = await ledgerSource(wb);
    const controller = new AbortController();
    let chunks = 0;
    await expect(
      wb.readGrid(source, {
        signal: controller.signal,
        onChunk: () => {
          if (++chunks === 1) controller.abort();
        },
      }),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(chunks).toBe(1);
  });

  it("selects the offending cell of a rejected row on its sheet", async () => {
    const fake = new FakeExcel();
    fake.addSheet("Otra");
    const sheet = fake.addSheet("Datos");
    sheet.put("B3", [HEADERS, ...ledgerRows(10)]);
    fake.addTable("T", sheet, "B3:I13");
    const wb = new ExcelWorkbook({ lang: "es", run: fake.run });
    const source = await ledgerSource(wb);
    // Row 7 of the sheet, 6th column of the table (Vencimiento neto) is G7.
    expect(await wb.selectCell(source, 7, 5)).toBe(true);
    expect(fake.selected).toEqual({ sheet: "Datos", address: "G7" });
    expect(fake.active?.name).toBe("Datos");
  });

  it("parses sheet-qualified addresses, quoted names included", () => {
    expect(parseAddress("'Mi hoja (2)'!B3:T200")).toEqual({ sheet: "Mi hoja (2)", row: 2, column: 1, rows: 198, columns: 19 });
    expect(parseAddress("Hoja1!C10")).toEqual({ sheet: "Hoja1", row: 9, column: 2, rows: 1, columns: 1 });
  });
});

describe("Excel adapter: result sheets", () => {
  it("ages a table and writes summary, detail and rejected sheets with formats, table, totals, highlighting and chart", async () => {
    const { fake, sheet } = workbookWithLedger(300);
    sheet.put("G20", [["12,3x4.00"]]); // one bad amount → one rejected row
    const before = JSON.stringify([...sheet.cells]);
    const wb = new ExcelWorkbook({ lang: "es", run: fake.run });
    const job = await age(wb);

    expect(job.written!.sheets).toEqual(["Resumen", "Detalle", "Rechazados"]);
    expect(fake.live().map((s) => s.name)).toEqual(["Partidas", "Notas", "Resumen", "Detalle", "Rechazados", "Cartera"]);
    expect(JSON.stringify([...sheet.cells])).toBe(before); // the source is never written to
    expect(fake.active?.name).toBe("Resumen");

    const summary = fake.sheet("Resumen")!;
    expect(summary.read("A1")).toEqual([["Antigüedad de saldos"]]);
    expect(String(summary.read("A2")[0][0])).toMatch(/^Al 31\/10\/2026 · base: fecha de vencimiento · origen: Partidas!A3:H303$/);
    expect(summary.read("A4:N4")[0]).toEqual(["Cliente", "Nombre", "Moneda", "Corriente", "1-30", "31-60", "61-90", "91-120", "120+", "Total", "Vencido", "Créditos sin aplicar", "Máx. días vencido", "Partidas"]);
    const customers = job.result.customers;
    expect(summary.read("A5:C5")[0]).toEqual([customers[0].customer, customers[0].name, customers[0].currency]);
    expect(summary.read("A5")[0][0]).toBe("0001000100"); // leading zeros kept…
    expect(summary.formatAt("A5")).toBe("@"); // …because the code column is text
    // Money in currency units, exactly the engine's centavos.
    const firstUsd = customers.findIndex((c) => c.currency === "USD");
    expect(summary.read(`J${5 + firstUsd}`)[0][0]).toBe(customers[firstUsd].total / 100);
    expect(summary.formatAt("J5")).toBe(excelMoneyFormat("MXN"));
    expect(summary.formatAt(`J${5 + firstUsd}`)).toBe(excelMoneyFormat("USD"));
    expect(summary.formatAt("M5")).toBe("#,##0");

    // An Excel table with a style over header and data; frozen header.
    const last = 4 + customers.length;
    expect(summary.tables).toHaveLength(1);
    expect(summary.tables[0]).toMatchObject({ name: "Cartera_aging_aging_summary", style: "TableStyleMedium2", box: { row: 3, column: 0, rows: customers.length + 1, columns: 14 } });
    expect(summary.frozenRows).toBe(4);

    // Two currencies: one totals row each, below the table, adding only that currency.
    expect(summary.tables[0].showTotals).toBeUndefined();
    expect(summary.read(`A${last + 1}:C${last + 2}`)).toEqual([["Total MXN", "", "MXN"], ["Total USD", "", "USD"]]);
    expect(summary.formulaAt(`J${last + 1}`)).toBe(`=SUMIFS(J5:J${last},C5:C${last},"MXN")`);
    expect(summary.formulaAt(`D${last + 2}`)).toBe(`=SUMIFS(D5:D${last},C5:C${last},"USD")`);
    expect(summary.formulaAt(`M${last + 1}`)).toBeUndefined(); // max days: no total
    expect(summary.formatAt(`J${last + 2}`)).toBe(excelMoneyFormat("USD"));
    expect(summary.formats.some((f) => f.address === `A${last + 1}:N${last + 2}` && f.path === "format.font.bold" && f.value === true)).toBe(true);

    // Overdue buckets and the overdue column highlighted when positive.
    expect(summary.conditionalFormats.map((c) => c.address)).toEqual(["E5:E" + last, "F5:F" + last, "G5:G" + last, "H5:H" + last, "I5:I" + last, "K5:K" + last]);
    expect(summary.conditionalFormats[0]).toMatchObject({
      type: "CellValue",
      props: { "cellValue.format.fill.color": "#FFC7CE", "cellValue.format.font.color": "#9C0006", "cellValue.rule": { formula1: "0", operator: "GreaterThan" } },
    });

    // The stacked-bar aging chart, from its own visible data block.
    expect(summary.charts).toHaveLength(1);
    const chart = summary.charts[0];
    expect(chart).toMatchObject({ type: "BarStacked", seriesBy: "Columns", "title.text": "Saldo por rango de antigüedad (clientes con mayor saldo vencido)", "legend.position": "Bottom", "axes.categoryAxis.reversePlotOrder": true });
    const src = chart.source as { row: number; column: number; rows: number; columns: number };
    expect(src).toMatchObject({ row: 25, column: 15, columns: 7 });
    const block = summary.values(src);
    expect(block[0]).toEqual(["Cliente", "Corriente", "1-30", "31-60", "61-90", "91-120", "120+"]);
    // Only MXN rows, most overdue first.
    const mxn = customers.filter((c) => c.currency === "MXN").sort((a, b) => b.overdue - a.overdue || b.total - a.total);
    expect(block.slice(1).map((r) => r[0])).toEqual(mxn.slice(0, 15).map((c) => c.customer));
    expect(block[1].slice(1)).toEqual(mxn[0].buckets.map((b) => b / 100));
    expect(chart.position).toEqual(["P4", "X23"]);
    expect((chart.seriesColors as string[]).length).toBe(6);

    // Detail: every open item, dates as serials with a date format; no title, header on row 1.
    const detail = fake.sheet("Detalle")!;
    expect(detail.read("A1:M1")[0]).toEqual(["Cliente", "Nombre", "Nº documento", "Clase", "Referencia", "Fecha documento", "Vencimiento", "Días vencido", "Rango", "Importe", "Moneda", "Texto", "Fila"]);
    const open = job.result.itemBucket.filter((b) => b >= 0).length;
    expect(detail.usedBox()!.rows).toBe(open + 1);
    expect(detail.read("F2")[0][0]).toBe(serialFromDay(dayFromCivil(2026, 1, 1), 1900));
    expect(detail.formatAt("F2")).toBe("dd/mm/yyyy");
    expect(detail.frozenRows).toBe(1);
    expect(detail.tables[0].name).toBe("Cartera_aging_aging_detail");

    // Rejected: row, column, value, reason in Spanish.
    const rejected = fake.sheet("Rechazados")!;
    expect(rejected.read("A2:D2")[0]).toEqual([20, "Importe en moneda doc.", "12,3x4.00", '"12,3x4.00" no es un importe reconocido']);

    // Remembered in the visible settings sheet, as text.
    const settings = fake.sheet("Cartera")!;
    expect(settings.read("A1")[0][0]).toBe("Cartera");
    expect(settings.read("A4:B4")[0]).toEqual(["Clave", "Valor"]);
    const kv = Object.fromEntries(settings.read("A5:B7"));
    expect(kv["owned.aging.aging-summary"]).toBe(summary.id);
    expect(kv["owned.aging.aging-detail"]).toBe(detail.id);
    expect(kv["owned.aging.rejected"]).toBe(rejected.id);
    expect(settings.formatAt("B5")).toBe("@");

    expect(Math.max(...fake.payloads)).toBeLessThan(CAP);
  });

  it("ages with a customer master from another sheet: plaza and credit limit on the summary, bad master rows as warnings, the master only read", async () => {
    const { fake } = workbookWithLedger(80);
    const clientes = fake.addSheet("Clientes");
    clientes.put("A1", [
      ["Cliente", "Nombre", "Plazo", "Límite de crédito", "Plaza"],
      ["1000100", "Cliente Cero, S.A.", 30, 150000, "León"], // no leading zeros: matched all the same (ALPHA)
      ["0001000101", "Cliente Uno, S.A.", 45, "mucho", "Celaya"], // bad limit → a warning, row 3
      ["0001000102", "Cliente Dos, S.A.", 60, 2500000.5, "Silao"],
    ]);
    const wb = new ExcelWorkbook({ lang: "es", run: fake.run });
    const sources = await wb.listSources();
    const source = sources.find((s) => s.kind === "table")!;
    const masterSource = sources.find((s) => s.key === "sheet:Clientes")!;
    expect(masterSource).toBeDefined();
    const preview = await wb.preview(source, 30);
    const table = detectTable(LEDGER_SPEC, preview);
    if (!isDetected(table)) throw table;
    const masterPreview = await wb.preview(masterSource, 30);
    const masterTable = detectTable(CUSTOMER_SPEC, masterPreview);
    if (!isDetected(masterTable)) throw masterTable;
    const job = await runAgingJob({ port: wb, source, preview, table, master: { source: masterSource, preview: masterPreview, table: masterTable }, asOf: AS_OF, edges: [30, 60, 90, 120], basis: "due", lang: "es" });

    expect(job.master!.size).toBe(2);
    expect(job.masterRejected).toEqual([expect.objectContaining({ row: 3, column: "Límite de crédito", columnIndex: 3, value: "mucho" })]);
    const summary = fake.sheet("Resumen")!;
    expect(summary.read("O4:P4")[0]).toEqual(["Plaza", "Límite de crédito"]);
    const rows = summary.read(`A5:P${4 + job.result.customers.length}`);
    const byCode = (code: string) => rows.find((r) => r[0] === code)!;
    expect([byCode("0001000100")[14], byCode("0001000100")[15]]).toEqual(["León", 150000]);
    expect([byCode("0001000101")[14], byCode("0001000101")[15]]).toEqual(["", ""]);
    expect([byCode("0001000102")[14], byCode("0001000102")[15]]).toEqual(["Silao", 2500000.5]);
    expect(summary.formatAt("P5")).toBe(excelMoneyFormat("MXN"));
    // The ledger's own names win; the master's sheet is only read.
    expect(byCode("0001000100")[1]).toBe("Cliente 0");
    expect(clientes.read("D3")[0][0]).toBe("mucho");
  });

  it("writes dates in the workbook's own date system (1904)", async () => {
    const { fake } = workbookWithLedger(30, { date1904: true });
    const wb = new ExcelWorkbook({ lang: "en", run: fake.run });
    const job = await age(wb, { lang: "en" });
    const detail = fake.sheet("Detail")!;
    const first = job.report.sheets[1].rows[0];
    expect(detail.read("F2")[0][0]).toBe(serialFromDay(first[5] as number, 1904));
    expect(detail.read("G2")[0][0]).toBe(serialFromDay(first[6] as number, 1904));
  });

  it("puts a single currency's totals in the table's own totals row, with SUBTOTAL so filters apply", async () => {
    const fake = new FakeExcel();
    const sheet = fake.addSheet("Hoja1");
    sheet.put("A1", [HEADERS, ...ledgerRows(50).map((r) => [...r.slice(0, 7), "MXN"])]);
    fake.addTable("Solo", sheet, "A1:H51");
    const wb = new ExcelWorkbook({ lang: "en", run: fake.run });
    const job = await age(wb, { lang: "en" });
    const summary = fake.sheet("Summary")!;
    const last = 4 + job.result.customers.length;
    expect(summary.tables[0].showTotals).toBe(true);
    expect(summary.read(`A${last + 1}:C${last + 1}`)[0]).toEqual(["Total MXN", "", "MXN"]);
    expect(summary.formulaAt(`D${last + 1}`)).toBe(`=SUBTOTAL(109,D5:D${last})`);
    expect(summary.formulaAt(`N${last + 1}`)).toBe(`=SUBTOTAL(109,N5:N${last})`);
    expect(summary.formatAt(`J${last + 1}`)).toBe(excelMoneyFormat("MXN"));
  });

  it("writes 12,000 detail rows in chunks: few syncs, none per row, each under the cap", async () => {
    const { fake } = workbookWithLedger(12000);
    const wb = new ExcelWorkbook({ lang: "es", run: fake.run });
    const source = await ledgerSource(wb);
    const preview = await wb.preview(source, 30);
    const table = detectTable(LEDGER_SPEC, preview);
    if (!isDetected(table)) throw table;
    const syncs = fake.syncs;
    const job = await runAgingJob({ port: wb, source, preview, table, asOf: AS_OF, edges: [30, 60, 90, 120], basis: "due", lang: "es", write: false });
    const readSyncs = fake.syncs - syncs;
    const before = fake.syncs;
    let progress = 0;
    await wb.writeReport(job.report, { family: "aging", onProgress: (p) => (progress = p.done / p.total) });
    const writeSyncs = fake.syncs - before;
    const detailRows = job.report.sheets[1].rows.length;
    expect(detailRows).toBeGreaterThan(10000);
    expect(readSyncs).toBeLessThanOrEqual(6);
    // Settings (2), set-up (1), frames (1), data chunks, finish (1).
    expect(writeSyncs).toBeLessThanOrEqual(5 + Math.ceil(detailRows / 2000) + 2);
    expect(writeSyncs).toBeLessThan(20);
    expect(Math.max(...fake.payloads)).toBeLessThan(CAP);
    expect(fake.calculationSuspended).toBeGreaterThan(0);
    expect(progress).toBe(1);
    expect(fake.sheet("Detalle")!.usedBox()!.rows).toBe(detailRows + 1);
  });

  it("re-running replaces Cartera's own sheets and never the user's", async () => {
    const { fake } = workbookWithLedger(60);
    const wb = new ExcelWorkbook({ lang: "es", run: fake.run });
    // The user already has a sheet called "Resumen": Cartera must not touch it.
    fake.addSheet("Resumen").put("A1", [["mis notas"]]);
    await age(wb);
    expect(fake.live().map((s) => s.name)).toEqual(["Partidas", "Notas", "Resumen", "Resumen (2)", "Detalle", "Rechazados", "Cartera"]);
    const firstIds = ["Resumen (2)", "Detalle", "Rechazados"].map((n) => fake.sheet(n)!.id);

    // Results are not offered as sources next time.
    expect((await wb.listSources()).map((s) => s.key)).not.toContain("sheet:Detalle");

    // The user renames a result sheet; the re-run still finds it by its id and replaces it.
    fake.sheet("Detalle")!.name = "Detalle octubre";
    await age(wb);
    expect(fake.live().map((s) => s.name)).toEqual(["Partidas", "Notas", "Resumen", "Cartera", "Resumen (2)", "Detalle", "Rechazados"]);
    expect(fake.sheet("Resumen")!.read("A1")).toEqual([["mis notas"]]);
    for (const id of firstIds) expect(fake.live().some((s) => s.id === id)).toBe(false);
    const kv = Object.fromEntries(fake.sheet("Cartera")!.read("A5:B7"));
    expect(kv["owned.aging.aging-detail"]).toBe(fake.sheet("Detalle")!.id);
  });

  it("a cancelled write removes its half-written sheets and keeps the previous results", async () => {
    const { fake } = workbookWithLedger(12000);
    const wb = new ExcelWorkbook({ lang: "es", run: fake.run });
    await age(wb);
    const previous = fake.live().map((s) => `${s.name}:${s.id}`);
    const controller = new AbortController();
    const source = await ledgerSource(wb);
    const preview = await wb.preview(source, 30);
    const table = detectTable(LEDGER_SPEC, preview);
    if (!isDetected(table)) throw table;
    const job = runAgingJob({
      port: wb,
      source,
      preview,
      table,
      asOf: AS_OF,
      edges: [30, 60, 90, 120],
      basis: "due",
      lang: "es",
      signal: controller.signal,
      onProgress: (fraction, phase) => {
        if (phase === "write" && fraction > 0.7) controller.abort();
      },
    });
    await expect(job).rejects.toBeInstanceOf(CancelledError);
    expect(fake.live().map((s) => `${s.name}:${s.id}`)).toEqual(previous);
  });
});

describe("Excel adapter: settings", () => {
  it("keeps settings as key/value text rows in the visible Cartera sheet, merged and sorted", async () => {
    const fake = new FakeExcel();
    fake.addSheet("Hoja1");
    const wb = new ExcelWorkbook({ lang: "en", run: fake.run });
    expect(await wb.loadSettings()).toEqual({});
    await wb.saveSettings({ "aging.buckets": "30,60,90,120", "aging.asOf": "2026-10-31" });
    await wb.saveSettings({ "ledger.mapping.customer": "Cliente", "aging.asOf": "" });
    expect(await wb.loadSettings()).toEqual({ "aging.buckets": "30,60,90,120", "ledger.mapping.customer": "Cliente" });
    const sheet = fake.sheet("Cartera")!;
    expect(sheet.visibility).toBe("Visible");
    expect(sheet.read("A4:B6")).toEqual([
      ["Key", "Value"],
      ["aging.buckets", "30,60,90,120"],
      ["ledger.mapping.customer", "Cliente"],
    ]);
    // The removed key's old row is cleared, not left behind.
    expect(sheet.read("A7:B7")).toEqual([["", ""]]);
    expect(sheet.formatAt("B5")).toBe("@");
  });

  it("leaves a user's own sheet called Cartera alone", async () => {
    const fake = new FakeExcel();
    fake.addSheet("Cartera").put("A1", [["Cartera vencida por vendedor"], ["Juan", 1200]]);
    const wb = new ExcelWorkbook({ lang: "es", run: fake.run });
    await wb.saveSettings({ "aging.basis": "document" });
    expect(fake.sheet("Cartera")!.read("A1:B2")).toEqual([["Cartera vencida por vendedor", ""], ["Juan", 1200]]);
    expect(fake.sheet("Cartera config")!.read("A5:B5")).toEqual([["aging.basis", "document"]]);
    expect(await wb.loadSettings()).toEqual({ "aging.basis": "document" });
  });

  it("names result sheets like Excel allows", () => {
    const taken = new Set(["resumen", "resumen (2)"]);
    expect(uniqueSheetName("Resumen", taken)).toBe("Resumen (3)");
    expect(uniqueSheetName("Saldos: [octubre]/noviembre?", taken)).toBe("Saldos   octubre  noviembre");
    expect(uniqueSheetName("x".repeat(40), new Set(["x".repeat(31)]))).toBe("x".repeat(27) + " (2)");
  });
});

describe("a statement written to Excel", () => {
  test("section, subtotal and balance rows are drawn, and the signature blocks sit under the notes", async () => {
    const fake = new FakeExcel({ selection: { sheet: "Hoja1", address: "A1" } });
    fake.addSheet("Hoja1").put("A1", [["x"]]);
    const wb = new ExcelWorkbook({ lang: "es", run: fake.run });
    const report = {
      title: "Conciliación",
      lang: "es" as const,
      currency: "MXN",
      sheets: [
        {
          id: "statement",
          name: "Conciliación",
          title: "Conciliación de saldos",
          columns: [
            { key: "label", header: "Concepto", type: "text" as const, width: 30 },
            { key: "amount", header: "Importe", type: "money" as const, width: 16 },
          ],
          rows: [["Nuestro saldo", 100000], ["Pagos en tránsito", null], ["F-1", -20000], ["Subtotal", -20000], ["Saldo del cliente", 80000]],
          rowKinds: ["balance" as const, "section" as const, null, "subtotal" as const, "balance" as const],
          totals: [],
          notes: ["Nota"],
          freezeHeader: false,
          autoFilter: false,
          signatures: [
            { party: "Por el proveedor", lines: ["Nombre:", "Fecha:"] },
            { party: "Por el cliente", lines: ["Nombre:", "Fecha:"] },
          ],
        },
      ],
    };
    const written = await wb.writeReport(report, { family: "reconcile-statement" });
    expect(written.sheets).toEqual(["Conciliación"]);
    const sheet = fake.sheet("Conciliación")!;
    const column = sheet.read("A1:A20").map((r) => r[0]);
    expect(column).toEqual(expect.arrayContaining(["Nuestro saldo", "Pagos en tránsito", "Saldo del cliente", "Nota", "Por el proveedor", "Nombre:", "Fecha:"]));
    // The signatures come after the notes, with room to sign.
    expect(column.indexOf("Por el proveedor")).toBeGreaterThan(column.indexOf("Nota") + 2);
    expect(sheet.read("B1:B20").some((r) => r[0] === "Por el cliente")).toBe(true);
  });
});
