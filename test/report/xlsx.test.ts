/**
 * The result-workbook writer, read back with exceljs (the oracle) and with the project's own
 * reader: values and their types, styles, views, filters, conditional formatting, print
 * setup, notes, currencies, text no spreadsheet can hold as given, the package's structure,
 * and the command line's write-to-a-temporary-file-then-rename.
 */
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as zlib from "node:zlib";
import { SaxesParser } from "saxes";
import { runAging } from "../../src/cli/aging";
import { civilFromDay, dayFromCivil, parseIsoDate, serialFromDay } from "../../src/core/dates";
import { excelMoneyFormat } from "../../src/core/money";
import type { Report, ReportColumn, ReportSheet, ReportValue } from "../../src/core/report/report";
import { openXlsx, type XlsxBook } from "../../src/io/xlsxGrid";
import { reportToXlsxBuffer, xlsxParts } from "../../src/report/xlsx";
import { jsCrc32, writeReportXlsxFile } from "../../src/report/xlsxFile";
import { sheetNames } from "../../src/report/xlsxSheet";
import { escapeText, MAX_CELL_CHARS } from "../../src/report/xlsxText";
import { sha256, tempDir } from "../helpers/files";

const ROOT = join(__dirname, "..", "..");
const AS_OF = parseIsoDate("2026-10-31")!;
const MXN = excelMoneyFormat("MXN");
const USD = excelMoneyFormat("USD");

let run: Awaited<ReturnType<typeof runAging>>;
let aging: Report;
let agingWb: ExcelJS.Workbook;
let agingBytes: Uint8Array;

beforeAll(async () => {
  run = await runAging({
    ledger: join(ROOT, "samples", "ledger-fbl5n.txt"),
    customers: join(ROOT, "samples", "customers.csv"),
    asOf: AS_OF,
    edges: [30, 60, 90, 120],
    basis: "due",
    currency: "MXN",
    lang: "es",
  });
  aging = run.report;
  agingBytes = await reportToXlsxBuffer(aging);
  agingWb = await load(agingBytes);
});

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

function parts(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) out[name] = strFromU8(data);
  return out;
}

/** Every row of a sheet through the project's own reader (dense arrays, dates as serials). */
function gridRows(book: XlsxBook, index: number): Map<number, unknown[]> {
  const rows = new Map<number, unknown[]>();
  book.readSheet(index, (cells, row) => {
    rows.set(row, cells);
  });
  return rows;
}

/** What a Report value must read back as: money in units, dates as serials, codes as text. */
function expected(col: ReportColumn, v: ReportValue): unknown {
  if (v === null || v === "") return undefined;
  if (typeof v === "number" && col.type === "money") return v / 100;
  if (typeof v === "number" && col.type === "date") return serialFromDay(v);
  if (typeof v === "number" && (col.type === "text" || col.type === "code")) return String(v);
  return v;
}

function sheet(over: Partial<ReportSheet> & Pick<ReportSheet, "columns" | "rows">): ReportSheet {
  return { id: "s", name: "Hoja", totals: [], notes: [], freezeHeader: true, autoFilter: true, ...over };
}

function report(sheets: ReportSheet[], currency = "MXN"): Report {
  return { title: "Prueba", lang: "es", currency, sheets };
}

/** Excel's ST_Xstring decoding, which exceljs applies to shared strings but not to inline ones. */
function decodeXString(s: string): string {
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

describe("the aging of the sample ledger", () => {
  test("summary: title, subtitle, header, widths, frozen header, filter, properties", () => {
    expect(agingWb.worksheets.map((w) => w.name)).toEqual(["Resumen", "Detalle", "Rechazados"]);
    expect(agingWb.creator).toBe("Cartera");
    expect(agingWb.title).toBe("Antigüedad de saldos");
    const s = agingWb.getWorksheet("Resumen")!;
    const summary = aging.sheets[0];
    expect(s.getCell("A1").value).toBe("Antigüedad de saldos");
    expect(s.getCell("A1").font).toMatchObject({ bold: true, size: 14, color: { argb: "FF1F4E79" } });
    expect(s.getCell("A2").value).toBe(summary.subtitle);
    expect(s.getCell("A2").font).toMatchObject({ italic: true, color: { argb: "FF595959" } });
    const header = s.getRow(4);
    expect(header.height).toBe(30);
    summary.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      expect(cell.value).toBe(c.header);
      expect(cell.font).toMatchObject({ bold: true, color: { argb: "FFFFFFFF" } });
      expect(cell.fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E79" } });
      expect(cell.alignment).toMatchObject({ wrapText: true, vertical: "middle", horizontal: c.type === "text" || c.type === "code" ? "left" : "center" });
      expect(s.getColumn(i + 1).width).toBe(c.width);
    });
    expect(s.views[0]).toMatchObject({ state: "frozen", ySplit: 4, topLeftCell: "A5" });
    const lastData = 4 + summary.rows.length;
    expect(s.autoFilter).toBe(`A4:P${lastData}`);
  });

  test("every summary and detail value reads back exactly, typed by its column", () => {
    const book = openXlsx(agingBytes);
    const wrong: unknown[] = [];
    aging.sheets.forEach((sh, index) => {
      const rows = gridRows(book, index);
      const first = sh.title ? 5 : 2;
      sh.rows.forEach((values, k) => {
        const got = rows.get(first + k) ?? [];
        sh.columns.forEach((c, i) => {
          if ((got[i] ?? undefined) !== expected(c, values[i])) wrong.push({ sheet: sh.name, row: first + k, column: i, got: got[i], want: expected(c, values[i]) });
        });
      });
    });
    expect(wrong).toEqual([]);
    expect(aging.sheets[1].rows.length).toBe(run.items.length);
    // exceljs sees the same: dates are dates, money and counts are numbers, codes are text.
    const d = agingWb.getWorksheet("Detalle")!;
    const detail = aging.sheets[1];
    const row = detail.rows[0];
    const r2 = d.getRow(2);
    expect(r2.getCell(1).value).toBe(row[0]);
    expect(r2.getCell(1).numFmt).toBe("@");
    const due = r2.getCell(7).value as Date;
    expect(due).toBeInstanceOf(Date);
    expect(dayFromCivil(due.getUTCFullYear(), due.getUTCMonth() + 1, due.getUTCDate())).toBe(row[6]);
    expect(r2.getCell(7).numFmt).toBe("dd/mm/yyyy");
    expect(r2.getCell(8).value).toBe(row[7]);
    expect(r2.getCell(8).numFmt).toBe("#,##0");
    expect(r2.getCell(10).value).toBe((row[9] as number) / 100);
    expect(r2.getCell(10).numFmt).toBe(row[10] === "USD" ? USD : MXN);
  });

  test("money carries its row's currency format, in the data and in the totals", () => {
    const s = agingWb.getWorksheet("Resumen")!;
    const summary = aging.sheets[0];
    const cur = summary.columns.findIndex((c) => c.key === "currency");
    // Each money column follows the currency column it names (the credit limit may name its own).
    const moneyCols = summary.columns
      .map((c, i) => (c.type === "money" && c.currencyKey ? [i, summary.columns.findIndex((k) => k.key === c.currencyKey)] : null))
      .filter((x): x is number[] => x !== null);
    expect(moneyCols.length).toBeGreaterThan(6);
    const seen = new Set<string>();
    summary.rows.forEach((values, k) => {
      seen.add(values[cur] as string);
      for (const [i, c] of moneyCols) if (values[i] !== null) expect([k, i, s.getCell(5 + k, i + 1).numFmt]).toEqual([k, i, excelMoneyFormat((values[c] as string) || "MXN")]);
    });
    expect([...seen].sort()).toEqual(["MXN", "USD"]);

    const totalsRow = 5 + summary.rows.length;
    summary.totals.forEach((t, k) => {
      const r = s.getRow(totalsRow + k);
      expect(r.getCell(1).value).toBe(t.label);
      for (let i = 1; i <= summary.columns.length; i++) {
        const cell = r.getCell(i);
        expect(cell.font).toMatchObject({ bold: true });
        expect(cell.fill).toMatchObject({ pattern: "solid", fgColor: { argb: "FFDDEBF7" } });
        expect(cell.border).toMatchObject({ top: { style: "thin" }, bottom: { style: "double" } });
      }
      for (const [i] of moneyCols) {
        if (t.values[i] === null) continue;
        expect(r.getCell(i + 1).value).toBe((t.values[i] as number) / 100);
        expect(r.getCell(i + 1).numFmt).toBe(excelMoneyFormat(t.values[cur] as string));
      }
    });
  });

  test("overdue highlighting, print setup and notes", () => {
    const s = agingWb.getWorksheet("Resumen")!;
    const summary = aging.sheets[0];
    const lastData = 4 + summary.rows.length;
    const highlighted = summary.columns.map((c, i) => (c.highlightPositive ? i : -1)).filter((i) => i >= 0);
    const cf = (s as unknown as { conditionalFormattings: { ref: string; rules: Record<string, unknown>[] }[] }).conditionalFormattings;
    expect(cf.map((f) => f.ref)).toEqual(highlighted.map((i) => `${String.fromCharCode(65 + i)}5:${String.fromCharCode(65 + i)}${lastData}`));
    for (const f of cf) {
      expect(f.rules).toHaveLength(1);
      expect(f.rules[0]).toMatchObject({
        type: "cellIs",
        operator: "greaterThan",
        formulae: ["0"],
        style: { fill: { type: "pattern", bgColor: { argb: "FFFFC7CE" } }, font: { color: { argb: "FF9C0006" } } },
      });
    }
    for (const ws of agingWb.worksheets) {
      expect(ws.pageSetup).toMatchObject({
        orientation: "landscape",
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      });
      expect(ws.headerFooter.oddFooter).toBe("&L&A&R&P / &N");
    }
    expect(s.pageSetup.printTitlesRow).toBe("4:4");
    expect(agingWb.getWorksheet("Detalle")!.pageSetup.printTitlesRow).toBe("1:1");
    // Notes one row below the totals, grey italics.
    const notesRow = lastData + summary.totals.length + 2;
    summary.notes.forEach((note, k) => {
      const cell = s.getCell(notesRow + k, 1);
      expect(cell.value).toBe(note);
      expect(cell.font).toMatchObject({ italic: true, color: { argb: "FF595959" } });
    });
    expect(s.rowCount).toBe(notesRow + summary.notes.length - 1);
  });

  test("the rejected rows", () => {
    const rej = agingWb.getWorksheet("Rechazados")!;
    const sh = aging.sheets[2];
    expect(sh.rows.length).toBeGreaterThan(0);
    sh.rows.forEach((values, k) => expect(rej.getRow(2 + k).values).toEqual([undefined, ...values.map((v) => (v === "" ? undefined : v))]));
    expect(rej.autoFilter).toBe(`A1:D${1 + sh.rows.length}`);
  });
});

describe("a report built by hand", () => {
  const cols: ReportColumn[] = [
    { key: "customer", header: "Cliente", type: "code", width: 12 },
    { key: "currency", header: "Moneda", type: "code", width: 8 },
    { key: "amount", header: "Importe", type: "money", width: 16, currencyKey: "currency", highlightPositive: true },
    { key: "fee", header: "Comisión", type: "money", width: 12 },
    { key: "date", header: "Fecha", type: "date" },
    { key: "n", header: "Partidas", type: "integer" },
    { key: "rate", header: "Tasa", type: "percent" },
    { key: "ok", header: "OK", type: "boolean" },
  ];
  const d = dayFromCivil(2026, 10, 31);
  const rows: ReportValue[][] = [
    ["0000100", "MXN", 123456, 100, d, 3, 0.25, true],
    ["0000200", "USD", -5000, 200, d - 30, 1, 0.5, false],
    ["0000300", "EUR", 99, 300, d - 1000, 0, 0, null],
    [400, "", 1, 1, null, null, null, null],
    ["0000500", "USD", Number.NaN, null, null, null, null, null],
  ];

  test("currencies: each row's own format, the report's by default, and one for a column without a currency", async () => {
    const bytes = await reportToXlsxBuffer(report([sheet({ columns: cols, rows, title: "Multimoneda" })]));
    const ws = (await load(bytes)).worksheets[0];
    // Title without subtitle: the header goes on row 3.
    expect(ws.getCell("A3").value).toBe("Cliente");
    expect(ws.getCell("C4").numFmt).toBe(MXN);
    expect(ws.getCell("C5").numFmt).toBe(USD);
    expect(ws.getCell("C6").numFmt).toBe(excelMoneyFormat("EUR"));
    expect(ws.getCell("C7").numFmt).toBe(MXN);
    for (let r = 4; r <= 7; r++) expect(ws.getCell(r, 4).numFmt).toBe(MXN);
    expect(ws.getCell("C4").value).toBe(1234.56);
    expect(ws.getCell("C5").value).toBe(-50);
    const { y, m, d: day } = civilFromDay(d - 1000);
    expect(ws.getCell("E6").value).toEqual(new Date(Date.UTC(y, m - 1, day)));
    expect(ws.getCell("E6").numFmt).toBe("dd/mm/yyyy");
    expect(ws.getCell("F4").numFmt).toBe("#,##0");
    expect(ws.getCell("G4").numFmt).toBe("0.0%");
    expect(ws.getCell("G4").value).toBe(0.25);
    expect(ws.getCell("H4").value).toBe(true);
    expect(ws.getCell("H5").value).toBe(false);
    // A number in a code column is text, as the Office.js writer writes it.
    expect(ws.getCell("A7").value).toBe("400");
    // NaN has no cell value: an error shows the fault instead of a number that looks right.
    expect(ws.getCell("C8").value).toEqual({ error: "#NUM!" });
    const cf = (ws as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings;
    expect(cf.map((f) => f.ref)).toEqual(["C4:C8"]);

    const usd = await load(await reportToXlsxBuffer(report([sheet({ columns: cols, rows: rows.slice(1, 2) })], "USD")));
    expect(usd.worksheets[0].getCell("C2").numFmt).toBe(USD);
    expect(usd.worksheets[0].getCell("D2").numFmt).toBe(USD);
  });

  test("two money columns that name different currency columns", async () => {
    const two: ReportColumn[] = [
      { key: "currency", header: "Moneda", type: "code" },
      { key: "amount", header: "Importe", type: "money", currencyKey: "currency" },
      { key: "limit", header: "Límite", type: "money", currencyKey: "limitCurrency" },
      { key: "limitCurrency", header: "Moneda del límite", type: "code" },
    ];
    const ws = (await load(await reportToXlsxBuffer(report([sheet({ columns: two, rows: [["USD", 100, 200, "CAD"], ["MXN", 100, 200, "USD"], ["EUR", 1, 2, ""]] })])))).worksheets[0];
    expect([ws.getCell("B2").numFmt, ws.getCell("C2").numFmt]).toEqual([USD, excelMoneyFormat("CAD")]);
    expect([ws.getCell("B3").numFmt, ws.getCell("C3").numFmt]).toEqual([MXN, USD]);
    expect([ws.getCell("B4").numFmt, ws.getCell("C4").numFmt]).toEqual([excelMoneyFormat("EUR"), MXN]);
  });

  test("an empty sheet keeps its header, filter and frozen pane; no highlighting without data", async () => {
    const wb = await load(await reportToXlsxBuffer(report([sheet({ columns: cols, rows: [], notes: ["Sin datos."] })])));
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, ...cols.map((c) => c.header)]);
    expect(ws.autoFilter).toBe("A1:H1");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect((ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings).toEqual([]);
    expect(ws.getCell("A3").value).toBe("Sin datos.");
  });

  test("no frozen pane or filter when the sheet asks for neither", async () => {
    const p = parts(await reportToXlsxBuffer(report([sheet({ columns: cols, rows, freezeHeader: false, autoFilter: false })])));
    expect(p["xl/worksheets/sheet1.xml"]).not.toContain("<pane");
    expect(p["xl/worksheets/sheet1.xml"]).not.toContain("<autoFilter");
    expect(p["xl/workbook.xml"]).not.toContain("_FilterDatabase");
  });
});

describe("text no spreadsheet holds as given", () => {
  const long = "x".repeat(MAX_CELL_CHARS + 5000);
  const emojiAtLimit = "y".repeat(MAX_CELL_CHARS - 1) + "😀" + "z";
  const texts = [
    long,
    "a\u0001b\u001fc\u0000",
    "_x0041_ y _x004a_ z _X0041_",
    "  espacios  ",
    "=SUM(A1:A9)",
    "+52 55 1234 5678",
    "-5",
    "@usuario",
    "lone \ud800 high",
    "lone \udc00 low",
    "no-char \ufffe",
    "pair 😀 kept",
    "tab\there\nline\r\nwindows",
    "<b>&amp;</b> \"quoted\" 'single'",
    emojiAtLimit,
  ];
  const columns: ReportColumn[] = [
    { key: "t", header: "Texto", type: "text" },
    { key: "n", header: "Fila", type: "integer" },
  ];
  const build = () => report([sheet({ name: "Textos", columns, rows: texts.map((t, i) => [t, i + 1]), notes: ["Nota original."] })]);
  let bytes: Uint8Array;
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    bytes = await reportToXlsxBuffer(build());
    wb = await load(bytes);
  });

  const cut = (s: string) => (s.length > MAX_CELL_CHARS ? s.slice(0, MAX_CELL_CHARS) : s);
  const asWritten = [
    cut(long),
    texts[1],
    texts[2],
    texts[3],
    texts[4],
    texts[5],
    texts[6],
    texts[7],
    "lone \ufffd high",
    "lone \ufffd low",
    "no-char \ufffd",
    texts[11],
    texts[12],
    texts[13],
    // The pair that would straddle the limit is dropped whole, not split.
    "y".repeat(MAX_CELL_CHARS - 1),
  ];

  test("the project's reader gets every string back as written (cut, replaced where it had to be)", () => {
    const rows = gridRows(openXlsx(bytes), 0);
    asWritten.forEach((t, i) => expect([i, rows.get(2 + i)?.[0]]).toEqual([i, t]));
  });

  test("exceljs reads the file; decoded as Excel decodes, the text is the same", () => {
    const ws = wb.worksheets[0];
    asWritten.forEach((t, i) => {
      const cell = ws.getCell(2 + i, 1);
      // Strings, never formulas, whatever they start with.
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect([i, decodeXString(cell.value as string)]).toEqual([i, decodeXString(t.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, "_x005F_"))]);
    });
  });

  test("escapes as Excel writes them, spaces preserved, formula-like text marked as text", () => {
    const p = parts(bytes);
    const xml = p["xl/worksheets/sheet1.xml"];
    // The sheet holds 70,000 characters of test text: say what is missing, not all of it.
    const has = (s: string) => expect(xml.includes(s) ? s : `missing: ${s}`).toBe(s);
    has("<t>a_x0001_b_x001F_c_x0000_</t>");
    // Excel's escape has a lower-case x; `_X0041_` is not one and stays.
    has("<t>_x005F_x0041_ y _x005F_x004a_ z _X0041_</t>");
    has('<t xml:space="preserve">  espacios  </t>');
    has('<t xml:space="preserve">tab\there\nline&#13;\nwindows</t>');
    has("<t>&lt;b&gt;&amp;amp;&lt;/b&gt; \"quoted\" 'single'</t>");
    expect(xml.includes("<f>")).toBe(false);
    // Formula-like text gets a style with quotePrefix (Excel's leading apostrophe).
    const quoted = [...p["xl/styles.xml"].matchAll(/<xf [^>]*>/g)].map((m, i) => (m[0].includes('quotePrefix="1"') ? i - 1 : -1)).filter((i) => i >= 0);
    for (const r of [6, 7, 8, 9]) {
      const s = new RegExp(`<c r="A${r}" s="(\\d+)"`).exec(xml)![1];
      expect(quoted).toContain(Number(s));
    }
    const plain = new RegExp(`<c r="A5" s="(\\d+)"`).exec(xml)![1];
    expect(quoted).not.toContain(Number(plain));
  });

  test("notes say which cells were cut and how many characters were replaced", () => {
    const ws = wb.worksheets[0];
    const notesRow = 1 + texts.length + 2;
    expect(ws.getCell(notesRow, 1).value).toBe("Nota original.");
    expect(ws.getCell(notesRow + 1, 1).value).toBe("Celdas recortadas al límite de Excel de 32,767 caracteres: A2 (Texto), A16 (Texto).");
    expect(ws.getCell(notesRow + 2, 1).value).toBe("Caracteres que un archivo de Excel no admite, reemplazados por «\ufffd»: 3, en las celdas A10 (Texto), A11 (Texto), A12 (Texto).");
    expect(ws.getCell(notesRow + 2, 1).font).toMatchObject({ italic: true });
  });

  test("past twenty cells the note counts the rest; English notes", async () => {
    const many = report([sheet({ columns, rows: Array.from({ length: 25 }, (_, i) => [long, i]) })]);
    many.lang = "en";
    const ws = (await load(await reportToXlsxBuffer(many))).worksheets[0];
    const note = ws.getCell(2 + 25 + 1, 1).value as string;
    expect(note).toMatch(/^Cells cut to Excel's limit of 32,767 characters: A2 \(Texto\), A3 \(Texto\), .*A21 \(Texto\) and 5 more\.$/);
  });

  test("headers, titles and sheet names get the same care", async () => {
    const bad = report([sheet({ name: "Mal/Nombre:[1]*?", title: "Título \u0007 con control", columns: [{ key: "a", header: "=Encabezado\ud800", type: "text" }], rows: [["x"]] })]);
    const b = await reportToXlsxBuffer(bad);
    const ws = (await load(b)).worksheets[0];
    expect(ws.name).toBe("Mal_Nombre__1___");
    expect(decodeXString(ws.getCell("A1").value as string)).toBe("Título \u0007 con control");
    expect(ws.getCell("A3").value).toBe("=Encabezado\ufffd");
    expect(ws.getCell("A3").type).toBe(ExcelJS.ValueType.String);
    // The header is not data: the note names the bare address.
    expect(ws.getCell("A6").value).toBe("Caracteres que un archivo de Excel no admite, reemplazados por «\ufffd»: 1, en las celdas A3.");
  });

  test("escapeText leaves ordinary text alone", () => {
    expect(escapeText("Constructora Ríos Ibáñez, S.A. de C.V.")).toEqual({ xml: "Constructora Ríos Ibáñez, S.A. de C.V.", preserve: false, replaced: 0 });
    expect(escapeText("snake_x_case_x00")).toEqual({ xml: "snake_x_case_x00", preserve: false, replaced: 0 });
    expect(escapeText(" ")).toEqual({ xml: " ", preserve: true, replaced: 0 });
  });
});

describe("sheet names", () => {
  const named = (...names: string[]) => report(names.map((name) => sheet({ name, columns: [{ key: "a", header: "A", type: "text" }], rows: [] })));

  test("at most 31 characters, unique regardless of case, never History, never empty", () => {
    expect(sheetNames(named("Detalle", "detalle", "DETALLE", "History", "", "'Citado'", "x".repeat(40), "x".repeat(40)))).toEqual([
      "Detalle",
      "detalle (2)",
      "DETALLE (3)",
      "History (2)",
      "Hoja5",
      "Citado",
      "x".repeat(31),
      "x".repeat(27) + " (2)",
    ]);
  });

  test("a pair of surrogates is never split, a lone one replaced", () => {
    const [a, b] = sheetNames(named("y".repeat(30) + "😀", "lone \udc00"));
    expect(a).toBe("y".repeat(30));
    expect(b).toBe("lone \ufffd");
  });

  test("names with apostrophes work in print titles and filters", async () => {
    const wb = await load(await reportToXlsxBuffer(named("O'Brien", "Otra")));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["O'Brien", "Otra"]);
    expect(parts(await reportToXlsxBuffer(named("O'Brien")))["xl/workbook.xml"]).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'O''Brien'!$1:$1</definedName>`);
  });
});

describe("the package", () => {
  test("every part well-formed, declared and related; elements in the order the schema requires", () => {
    const p = parts(agingBytes);
    expect(Object.keys(p)).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "docProps/core.xml",
      "docProps/app.xml",
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
      "xl/worksheets/sheet1.xml",
      "xl/worksheets/sheet2.xml",
      "xl/worksheets/sheet3.xml",
    ]);
    const children = new Map<string, string[]>();
    for (const [name, xml] of Object.entries(p)) {
      const parser = new SaxesParser({ xmlns: false });
      let depth = 0;
      const top: string[] = [];
      parser.on("opentag", (t) => {
        if (depth++ === 1) top.push(t.name);
      });
      parser.on("closetag", () => depth--);
      parser.write(xml).close();
      children.set(name, top);
    }
    const ct = p["[Content_Types].xml"];
    for (const name of Object.keys(p)) if (!name.endsWith(".rels") && name !== "[Content_Types].xml") expect(ct).toContain(`PartName="/${name}"`);
    for (const m of p["_rels/.rels"].matchAll(/Target="([^"]+)"/g)) expect(p[m[1]]).toBeDefined();
    for (const m of p["xl/_rels/workbook.xml.rels"].matchAll(/Target="([^"]+)"/g)) expect(p[`xl/${m[1]}`]).toBeDefined();
    expect(children.get("xl/workbook.xml")).toEqual(["workbookPr", "bookViews", "sheets", "definedNames"]);
    expect(children.get("xl/styles.xml")).toEqual(["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs"]);
    // CT_Worksheet is a sequence: sheetPr, sheetViews, cols, sheetData, autoFilter,
    // conditionalFormatting*, pageMargins, pageSetup, headerFooter.
    const order = ["sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "autoFilter", "conditionalFormatting", "pageMargins", "pageSetup", "headerFooter"];
    for (const i of [1, 2, 3]) {
      const els = children.get(`xl/worksheets/sheet${i}.xml`)!;
      expect(els.map((e) => order.indexOf(e))).toEqual([...els.map((e) => order.indexOf(e))].sort((a, b) => a - b));
      expect(els).toEqual(expect.arrayContaining(["sheetPr", "sheetViews", "cols", "sheetData", "autoFilter", "pageMargins", "pageSetup", "headerFooter"]));
    }
    // Counts match the lists; the first two fills are the two Excel requires.
    const styles = p["xl/styles.xml"];
    for (const tag of ["numFmts", "fonts", "fills", "borders", "cellXfs", "dxfs"]) {
      const m = new RegExp(`<${tag} count="(\\d+)">(.*?)</${tag}>`).exec(styles)!;
      const item = { numFmts: "<numFmt ", fonts: "<font>", fills: "<fill>", borders: "<border>", cellXfs: "<xf ", dxfs: "<dxf>" }[tag]!;
      expect(m[2].split(item).length - 1).toBe(Number(m[1]));
    }
    expect(styles).toMatch(/<fills count="\d+"><fill><patternFill patternType="none"\/><\/fill><fill><patternFill patternType="gray125"\/><\/fill>/);
    // Every style index a cell uses exists.
    const xfCount = Number(/<cellXfs count="(\d+)">/.exec(styles)![1]);
    let maxStyle = 0;
    for (const i of [1, 2, 3]) for (const m of p[`xl/worksheets/sheet${i}.xml`].matchAll(/ (?:s|style)="(\d+)"/g)) maxStyle = Math.max(maxStyle, Number(m[1]));
    expect(maxStyle).toBeGreaterThan(0);
    expect(maxStyle).toBeLessThan(xfCount);
    // Print titles for each sheet and the autofilter's hidden name, as Excel writes them.
    const wbXml = p["xl/workbook.xml"];
    expect(wbXml).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'Resumen'!$A$4:$P$${4 + aging.sheets[0].rows.length}</definedName>`);
    expect(wbXml).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'Resumen'!$4:$4</definedName>`);
    expect(wbXml).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="2">'Rechazados'!$1:$1</definedName>`);
    expect(p["docProps/core.xml"]).toMatch(/<dc:creator>Cartera<\/dc:creator>.*<dcterms:created xsi:type="dcterms:W3CDTF">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/dcterms:created>/);
  });

  test("the project's reader lists the sheets and reads the same summary as exceljs", () => {
    const book = openXlsx(agingBytes);
    expect(book.sheets.map((s) => s.name)).toEqual(["Resumen", "Detalle", "Rechazados"]);
    expect(book.dateSystem).toBe(1900);
    const rows = gridRows(book, 0);
    const s = agingWb.getWorksheet("Resumen")!;
    s.eachRow((row, n) => {
      const got = rows.get(n)!;
      (row.values as unknown[]).slice(1).forEach((v, i) => expect([n, i, got[i] ?? undefined]).toEqual([n, i, v ?? undefined]));
    });
  });

  test("a report Excel cannot hold is refused before anything is written", () => {
    const huge = sheet({ columns: [{ key: "a", header: "A", type: "integer" }], rows: new Array<ReportValue[]>(1_048_576).fill([1]) });
    expect(() => xlsxParts(report([huge]))).toThrow(RangeError);
    expect(() => xlsxParts(report([]))).toThrow(/at least one sheet/);
  });
});

describe("writeReportXlsxFile", () => {
  test("writes the same parts as the in-memory writer, in several deflate pieces", async () => {
    const dir = tempDir();
    const path = join(dir, "aging.xlsx");
    await writeReportXlsxFile(aging, path);
    const fromFile = parts(new Uint8Array(readFileSync(path)));
    const inMemory = parts(agingBytes);
    expect(Object.keys(fromFile)).toEqual(Object.keys(inMemory));
    for (const name of Object.keys(inMemory)) if (name !== "docProps/core.xml") expect([name, fromFile[name]]).toEqual([name, inMemory[name]]);
    // The detail is several megabytes: several pieces deflated apart, one stream.
    expect(fromFile["xl/worksheets/sheet2.xml"].length).toBeGreaterThan(3 << 20);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.getWorksheet("Detalle")!.rowCount).toBe(1 + aging.sheets[1].rows.length);
    expect(readdirSync(dir)).toEqual(["aging.xlsx"]);
  });

  test("replaces a previous file whole", async () => {
    const dir = tempDir();
    const path = join(dir, "out.xlsx");
    writeFileSync(path, "previous");
    await writeReportXlsxFile(report([sheet({ columns: [{ key: "a", header: "A", type: "text" }], rows: [["nuevo"]] })]), path);
    expect((await load(new Uint8Array(readFileSync(path)))).worksheets[0].getCell("A2").value).toBe("nuevo");
    expect(readdirSync(dir)).toEqual(["out.xlsx"]);
  });

  test("a write that fails half way leaves the previous file intact and no temporary file", async () => {
    const dir = tempDir();
    const path = join(dir, "out.xlsx");
    writeFileSync(path, "previous workbook");
    const before = sha256(path);
    // Rows that fail after a few megabytes have gone to the disk.
    const rows: ReportValue[][] = Array.from({ length: 60_000 }, (_, i) => [`fila ${i} `.repeat(8), i]);
    Object.defineProperty(rows, 50_000, {
      get() {
        throw new Error("disk gone");
      },
    });
    const r = report([sheet({ columns: [{ key: "a", header: "A", type: "text" }, { key: "n", header: "N", type: "integer" }], rows })]);
    await expect(writeReportXlsxFile(r, path)).rejects.toThrow("disk gone");
    expect(sha256(path)).toBe(before);
    expect(readdirSync(dir)).toEqual(["out.xlsx"]);
  });

  test("a rename that fails (the target is a folder) removes the temporary file", async () => {
    const dir = tempDir();
    const path = join(dir, "taken.xlsx");
    mkdirSync(path);
    await expect(writeReportXlsxFile(aging, path)).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(["taken.xlsx"]);
    expect(readdirSync(path)).toEqual([]);
  });

  test("a folder that does not exist fails cleanly", async () => {
    const dir = tempDir();
    await expect(writeReportXlsxFile(aging, join(dir, "missing", "out.xlsx"))).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });

  test("the CRC-32 used before Node 20.15 agrees with zlib's", () => {
    const data = new TextEncoder().encode("Antigüedad de saldos ".repeat(1000));
    expect(jsCrc32(data, 0)).toBe(zlib.crc32(data));
    expect(jsCrc32(data.subarray(100), jsCrc32(data.subarray(0, 100), 0))).toBe(zlib.crc32(data));
  });
});
