import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeLedgerXlsx } from "../../samples/generate";
import { dayFromCivil, serialFromDay, type DateSystem } from "../../src/core/dates";
import { gridRowFromExcelJs } from "../helpers/exceljsGrid";
import { openXlsx, XlsxError, type XlsxBook, type XlsxErrorKind } from "../../src/io/xlsxGrid";
import { isDateFormat } from "../../src/io/xlsxStyles";
import { readZipDirectory } from "../../src/io/xlsxZip";
import { tempDir } from "../helpers/files";

interface ReadRow {
  row: number;
  cells: unknown[];
  dates?: readonly number[];
}

function readAll(book: XlsxBook, index = 0, markDates = false): ReadRow[] {
  const rows: ReadRow[] = [];
  book.readSheet(
    index,
    (cells, row, dates) => {
      rows.push(markDates ? { row, cells, dates } : { row, cells });
      return true;
    },
    { markDates },
  );
  return rows;
}

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function serial(y: number, m: number, d: number, system: DateSystem = 1900): number {
  return serialFromDay(dayFromCivil(y, m, d), system);
}

function xlsxError(f: () => unknown): XlsxError {
  try {
    f();
  } catch (e) {
    if (e instanceof XlsxError) return e;
    throw new Error(`expected an XlsxError, got ${String(e)}`);
  }
  throw new Error("expected an XlsxError, nothing was thrown");
}

/** A minimal hand-written package, for the shapes exceljs never writes. Parts are zipped in the order given. */
function handMade(sheetXml: string | string[], extra: Zippable = {}, workbookPr = ""): Uint8Array {
  const sheets = Array.isArray(sheetXml) ? sheetXml : [sheetXml];
  const files: Zippable = {
    "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    "_rels/.rels": strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
  };
  sheets.forEach((xml, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(xml)));
  Object.assign(files, extra);
  files["xl/workbook.xml"] = strToU8(
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `${workbookPr}<sheets>${sheets.map((_, i) => `<sheet name="S${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`,
  );
  files["xl/_rels/workbook.xml.rels"] = strToU8(
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
      '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
      '<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/styles.xml"/></Relationships>',
  );
  return zipSync(files);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

describe("openXlsx / readSheet on workbooks written by exceljs", () => {
  test("numbers, shared strings, booleans, errors, formulas, rich text and Spanish text", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Datos");
    ws.getCell("A1").value = "Compañía Ñandú, Almacén Nº 3 – 1º piso, año";
    ws.getCell("B1").value = 1234.56;
    ws.getCell("C1").value = -0.5;
    ws.getCell("D1").value = 1e21;
    ws.getCell("A2").value = true;
    ws.getCell("B2").value = false;
    ws.getCell("C2").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    ws.getCell("D2").value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue;
    ws.getCell("A3").value = { formula: "B1*2", result: 2469.12 } as ExcelJS.CellFormulaValue;
    ws.getCell("B3").value = { formula: "A1&\"x\"", result: "texto x" } as ExcelJS.CellFormulaValue;
    ws.getCell("C3").value = { formula: "1=1", result: true } as ExcelJS.CellFormulaValue;
    ws.getCell("D3").value = { formula: "B1+1" } as ExcelJS.CellFormulaValue;
    ws.getCell("E3").value = { formula: "NA()", result: { error: "#N/A" } } as ExcelJS.CellFormulaValue;
    // exceljs itself reads this one back without its result; Office.js gives 0.
    ws.getCell("F3").value = { formula: "B1-B1", result: 0 } as ExcelJS.CellFormulaValue;
    ws.getCell("A4").value = { richText: [{ text: "Hola " }, { font: { bold: true }, text: "señor" }, { text: " & <amigo>" }] };
    ws.getCell("B4").value = { text: "Liga", hyperlink: "https://example.com/?a=1&b=2" };
    ws.getCell("C4").value = "  espacios  ";
    ws.getCell("D4").value = "línea 1\nlínea 2";
    ws.getCell("E4").value = "Compañía Ñandú, Almacén Nº 3 – 1º piso, año"; // the same shared string again

    const book = openXlsx(await bytesOf(wb));
    expect(book.sheets).toEqual([{ name: "Datos", index: 0, state: "visible" }]);
    expect(book.dateSystem).toBe(1900);
    expect(readAll(book)).toEqual([
      { row: 1, cells: ["Compañía Ñandú, Almacén Nº 3 – 1º piso, año", 1234.56, -0.5, 1e21] },
      { row: 2, cells: [true, false, "#N/A", "#DIV/0!"] },
      { row: 3, cells: [2469.12, "texto x", true, null, "#N/A", 0] },
      { row: 4, cells: ["Hola señor & <amigo>", "Liga", "  espacios  ", "línea 1\nlínea 2", "Compañía Ñandú, Almacén Nº 3 – 1º piso, año"] },
    ]);
  });

  test("date cells with built-in and custom formats come back as serials; other formats stay plain numbers", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Fechas");
    const at = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));
    const cells: [string, unknown, string | undefined][] = [
      ["A1", at(2026, 10, 31), "dd/mm/yyyy"],
      ["B1", at(2026, 1, 5), "d-mmm-yy"],
      ["C1", at(2026, 10, 31, 14, 30), "yyyy-mm-dd hh:mm"],
      ["D1", at(2025, 12, 31), "mm-dd-yy"], // exceljs writes this one as built-in format 14
      ["E1", at(2026, 3, 1), '[$-80A]dddd, d" de "mmmm" de "yyyy'],
      ["F1", 1234.5, '"$"#,##0.00'],
      ["G1", 0.125, "0.00%"],
      ["H1", 45000, "#,##0;[Red]-#,##0"],
      ["I1", 12, '0 "días"'],
      ["J1", 45961, undefined],
    ];
    for (const [ref, value, numFmt] of cells) {
      const cell = ws.getCell(ref);
      cell.value = value as ExcelJS.CellValue;
      if (numFmt) cell.numFmt = numFmt;
    }
    const rows = readAll(openXlsx(await bytesOf(wb)), 0, true);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row.cells.slice(0, 2)).toEqual([serial(2026, 10, 31), serial(2026, 1, 5)]);
    expect(row.cells[2]).toBeCloseTo(serial(2026, 10, 31) + (14 * 60 + 30) / 1440, 9);
    expect(row.cells.slice(3)).toEqual([serial(2025, 12, 31), serial(2026, 3, 1), 1234.5, 0.125, 45000, 12, 45961]);
    for (const v of row.cells) expect(typeof v).toBe("number");
    expect(row.dates).toEqual([0, 1, 2, 3, 4]);
  });

  test("the 1904 date system", async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet("Mac");
    ws.getCell("A1").value = new Date(Date.UTC(2026, 9, 31));
    ws.getCell("A1").numFmt = "dd/mm/yyyy";
    ws.getCell("B1").value = new Date(Date.UTC(1904, 0, 2));
    ws.getCell("B1").numFmt = "dd/mm/yyyy";
    const book = openXlsx(await bytesOf(wb));
    expect(book.dateSystem).toBe(1904);
    expect(readAll(book)).toEqual([{ row: 1, cells: [serial(2026, 10, 31, 1904), 1] }]);
    expect(serial(2026, 10, 31, 1904)).toBe(serial(2026, 10, 31) - 1462);
  });

  test("sparse rows and cells keep their row numbers and columns", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Huecos");
    ws.getCell("B2").value = "b2";
    ws.getCell("E2").value = 5;
    ws.getCell("A7").value = "a7";
    ws.getCell("AB7").value = "ab7";
    ws.getCell("C9").numFmt = "0.00"; // styled but empty: no value, so no cells
    ws.getCell("D10").value = "d10";
    ws.getCell("F10").numFmt = "0.00"; // trailing styled-empty cell does not lengthen the row
    const rows = readAll(openXlsx(await bytesOf(wb)));
    const ab7 = new Array(28).fill(null);
    ab7[0] = "a7";
    ab7[27] = "ab7";
    expect(rows.filter((r) => r.cells.length > 0)).toEqual([
      { row: 2, cells: [null, "b2", null, null, 5] },
      { row: 7, cells: ab7 },
      { row: 10, cells: [null, null, null, "d10"] },
    ]);
    for (const r of rows) expect(r.cells.every((_, i) => i in r.cells)).toBe(true); // dense, no holes
  });

  test("several sheets, in tab order, with their states; each read on its own", async () => {
    const wb = new ExcelJS.Workbook();
    for (const [name, state] of [["Resumen", "visible"], ["Partidas", "hidden"], ["Clientes ñ", "veryHidden"]] as const) {
      const ws = wb.addWorksheet(name, { state });
      ws.getCell("A1").value = `hoja ${name}`;
    }
    const book = openXlsx(await bytesOf(wb));
    expect(book.sheets).toEqual([
      { name: "Resumen", index: 0, state: "visible" },
      { name: "Partidas", index: 1, state: "hidden" },
      { name: "Clientes ñ", index: 2, state: "veryHidden" },
    ]);
    expect(readAll(book, 2)).toEqual([{ row: 1, cells: ["hoja Clientes ñ"] }]);
    expect(readAll(book, 0)).toEqual([{ row: 1, cells: ["hoja Resumen"] }]);
    expect(() => book.readSheet(3, () => true)).toThrow(RangeError);
  });

  test("strings written in the cells (t=str) by the streaming writer, and an ArrayBuffer as input", async () => {
    const dir = tempDir("xlsxgrid-");
    const path = join(dir, "inline.xlsx");
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
    const ws = wb.addWorksheet("Inline");
    ws.addRow(["Razón social", "Importe"]).commit();
    ws.addRow(["Peña & Hijos <S.A.>", 10.5]).commit();
    ws.commit();
    await wb.commit();
    const file = readFileSync(path);
    expect(strFromU8(unzipSync(file, { filter: (f) => f.name === "xl/worksheets/sheet1.xml" })["xl/worksheets/sheet1.xml"])).toContain('t="str"');
    const buffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.length) as ArrayBuffer;
    expect(readAll(openXlsx(buffer))).toEqual([
      { row: 1, cells: ["Razón social", "Importe"] },
      { row: 2, cells: ["Peña & Hijos <S.A.>", 10.5] },
    ]);
  });

  test("the sink can stop the read, and what it throws comes through unchanged", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Muchas");
    for (let i = 1; i <= 100; i++) ws.getCell(`A${i}`).value = i;
    const book = openXlsx(await bytesOf(wb));
    const seen: number[] = [];
    book.readSheet(0, (cells, row) => {
      seen.push(row);
      return row < 3;
    });
    expect(seen).toEqual([1, 2, 3]);
    const boom = new Error("boom");
    expect(() =>
      book.readSheet(0, () => {
        throw boom;
      }),
    ).toThrow(boom);
    // A sink that returns nothing reads on.
    let n = 0;
    book.readSheet(0, () => {
      n++;
    });
    expect(n).toBe(100);
  });
});

describe("shapes exceljs does not write", () => {
  test("shared strings stored after the sheet, rich runs with phonetic readings, _x escapes, ISO dates, prefixes and missing r", () => {
    const sheet =
      `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
      `<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c></x:row>` +
      `<x:row><x:c t="inlineStr"><x:is><x:r><x:t>Almacén</x:t></x:r><x:r><x:t xml:space="preserve"> Nº 3</x:t></x:r></x:is></x:c><x:c t="d"><x:v>2026-10-31</x:v></x:c><x:c t="d"><x:v>2026-10-31T18:00:00</x:v></x:c><x:c t="str"><x:v>a_x000D_b</x:v></x:c></x:row>` +
      `<x:row r="5" spans="1:3"><x:c r="C5"><x:v>1.5E3</x:v></x:c></x:row>` +
      `<x:row r="6"><x:c r="A6" t="b"><x:v>1</x:v></x:c><x:c r="B6" t="e"><x:v>#REF!</x:v></x:c><x:c r="C6" t="str"><x:f>""</x:f><x:v></x:v></x:c><x:c r="D6"><x:f>1/0</x:f></x:c><x:c r="E6" t="n"><x:v>&#x33;</x:v></x:c></x:row>` +
      `</x:sheetData></x:worksheet>`;
    const strings =
      `<?xml version="1.0"?><sst ${NS} count="3" uniqueCount="3">` +
      `<si><t>Cuenta</t></si>` +
      `<si><r><rPr><b/></rPr><t>Fe.</t></r><r><t>contabilización</t></r><rPh sb="0" eb="1"><t>ヨミ</t></rPh></si>` +
      `<si><t>_x005F_x000D_ y _x000A_</t></si></sst>`;
    const book = openXlsx(handMade(sheet, { "xl/sharedStrings.xml": strToU8(strings) }));
    expect(book.sheets.map((s) => s.name)).toEqual(["S1"]);
    expect(readAll(book, 0, true)).toEqual([
      { row: 1, cells: ["Cuenta", "Fe.contabilización", "_x000D_ y \n"], dates: undefined },
      { row: 2, cells: ["Almacén Nº 3", serial(2026, 10, 31), serial(2026, 10, 31) + 0.75, "a\rb"], dates: [1, 2] },
      { row: 5, cells: [null, null, 1500], dates: undefined },
      { row: 6, cells: [true, "#REF!", "", null, 3], dates: undefined },
    ]);
  });

  test("date1904 in the workbook, styles read through an absolute relationship target", () => {
    const styles =
      `<?xml version="1.0"?><styleSheet ${NS}><numFmts count="2"><numFmt numFmtId="164" formatCode="d\\-mmm\\-yy"/><numFmt numFmtId="165" formatCode="#,##0.00\\ &quot;MXN&quot;"/></numFmts>` +
      `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` +
      `<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165"/><xf numFmtId="22"/></cellXfs></styleSheet>`;
    const sheet =
      `<worksheet ${NS}><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1" s="1"><v>45000</v></c><c r="C1" s="2"><v>45000</v></c><c r="D1" s="3"><v>45000.5</v></c><c r="E1" s="1" t="s"><v>0</v></c></row></sheetData></worksheet>`;
    const book = openXlsx(handMade(sheet, { "xl/styles.xml": strToU8(styles), "xl/sharedStrings.xml": strToU8(`<sst ${NS}><si><t>x</t></si></sst>`) }, '<workbookPr date1904="true"/>'));
    expect(book.dateSystem).toBe(1904);
    expect(readAll(book, 0, true)).toEqual([{ row: 1, cells: [1, 45000, 45000, 45000.5, "x"], dates: [1, 3] }]);
  });

  test("empty values, and look-alike elements outside the cell table", () => {
    const sheet =
      `<worksheet ${NS}><sheetPr><c r="Z1"/></sheetPr><sheetData>` +
      `<row r="1"><c r="A1" t="s"><v/></c><c r="B1" t="str"><f>""</f><v/></c><c r="C1" t="b"><v></v></c><c r="D1"><v></v></c><c r="E1" t="s"><v>0</v></c></row>` +
      `</sheetData><extLst><ext uri="x"><row r="99"><c r="A99"><v>1</v></c></row></ext></extLst></worksheet>`;
    const book = openXlsx(handMade(sheet, { "xl/sharedStrings.xml": strToU8(`<sst ${NS}><si><t>primero</t></si></sst>`) }));
    expect(readAll(book)).toEqual([{ row: 1, cells: [null, "", null, null, "primero"] }]);
  });

  test("numbers parse to the same doubles as Number(text)", () => {
    let seed = 3;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
    const texts: string[] = ["0", "-0", "0.1", "0.30000000000000004", "123456789012345", "1234567890123456", "99999999999999999999", "1.5E-3", "-2.5e10", ".5", "5.", "007", "1e308", "4.9406564584124654E-324"];
    for (let i = 0; i < 3000; i++) {
      const int = String(Math.floor(rnd() * 10 ** Math.floor(rnd() * 12)));
      const frac = rnd() < 0.7 ? "." + String(Math.floor(rnd() * 10 ** Math.floor(1 + rnd() * 8))).padStart(2, "0") : "";
      texts.push((rnd() < 0.3 ? "-" : "") + int + frac);
    }
    const cells = texts.map((t, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${t}</v></c></row>`).join("");
    const rows = readAll(openXlsx(handMade(`<worksheet ${NS}><sheetData>${cells}</sheetData></worksheet>`)));
    expect(rows.map((r) => r.cells[0])).toEqual(texts.map(Number));
    expect(Object.is(rows[1].cells[0], -0)).toBe(true);
  });

  test("a workbook with no shared strings or styles parts at all, with inline strings", () => {
    const book = openXlsx(
      handMade(`<worksheet ${NS}><sheetData><row r="3"><c r="B3"><v>7</v></c><c r="C3" t="inlineStr"><is><t>Nº 5 – Ñuñoa</t></is></c><c r="D3" t="inlineStr"/></row></sheetData></worksheet>`),
    );
    expect(readAll(book)).toEqual([{ row: 3, cells: [null, 7, "Nº 5 – Ñuñoa"] }]);
  });
});

describe("isDateFormat", () => {
  test.each([
    ["dd/mm/yyyy", true],
    ["d-mmm-yy", true],
    ["yyyy-mm-dd hh:mm", true],
    ["[$-80A]dddd, d \"de\" mmmm", true],
    ["[h]:mm:ss", true],
    ["hh:mm AM/PM", true],
    ["General", false],
    ['"$"#,##0.00', false],
    ["0.00%", false],
    ["#,##0;[Red]-#,##0", false],
    ['0 "días"', false],
    ["[$$-80A]#,##0.00", false],
    ["0.00E+00", false],
    ["#,##0.00_);(#,##0.00)", false],
    ["@", false],
  ])("%s → %s", (code, expected) => {
    expect(isDateFormat(code)).toBe(expected);
  });
});

describe("damaged input", () => {
  let good: Uint8Array;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Datos");
    for (let i = 1; i <= 2000; i++) ws.addRow([`cliente ${i}`, i * 1.5, new Date(Date.UTC(2026, 0, 1 + (i % 300)))]);
    good = await bytesOf(wb);
  });

  function kindOf(f: () => unknown): XlsxErrorKind {
    return xlsxError(f).kind;
  }

  test("a file that is not a zip", () => {
    expect(kindOf(() => openXlsx(new TextEncoder().encode("Cuenta,Importe\n1,2\n")))).toBe("notZip");
    expect(kindOf(() => openXlsx(new Uint8Array(0)))).toBe("notZip");
    // An encrypted workbook is an OLE compound file, not a zip.
    expect(kindOf(() => openXlsx(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])))).toBe("notZip");
  });

  test("a truncated file, cut anywhere, is corrupt and never anything else", () => {
    for (const cut of [2, 10, 100, 1000, Math.floor(good.length / 2), good.length - 30, good.length - 1]) {
      const e = xlsxError(() => {
        const book = openXlsx(good.subarray(0, cut));
        book.readSheet(0, () => true);
      });
      expect(e.kind).toBe("corrupt");
    }
  });

  test("damaged compressed data in the sheet is corrupt", () => {
    const sheet = readZipDirectory(good).get("xl/worksheets/sheet1.xml")!;
    const dataStart = sheet.localOffset + 30 + (good[sheet.localOffset + 26] | (good[sheet.localOffset + 27] << 8)) + (good[sheet.localOffset + 28] | (good[sheet.localOffset + 29] << 8));
    for (const at of [0, 7, Math.floor(sheet.compressedSize / 2), sheet.compressedSize - 3]) {
      const bad = good.slice();
      bad[dataStart + at] ^= 0x5a;
      expect(kindOf(() => openXlsx(bad).readSheet(0, () => true))).toBe("corrupt");
    }
  });

  test("a zip without a workbook, and a workbook whose sheet part is missing", () => {
    expect(kindOf(() => openXlsx(zipSync({ "word/document.xml": strToU8("<w:document/>") })))).toBe("noWorkbook");
    expect(kindOf(() => openXlsx(zipSync({ "xl/workbook.bin": new Uint8Array([1, 2, 3]) })))).toBe("noWorkbook");
    const missing = handMade(`<worksheet ${NS}><sheetData/></worksheet>`);
    const names = readZipDirectory(missing);
    expect(names.has("xl/worksheets/sheet1.xml")).toBe(true);
    const withoutSheet = zipSync({
      "xl/workbook.xml": strToU8(`<workbook ${NS} xmlns:r="r"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      "xl/_rels/workbook.xml.rels": strToU8('<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    });
    const book = openXlsx(withoutSheet);
    expect(book.sheets).toEqual([{ name: "A", index: 0, state: "visible" }]);
    expect(xlsxError(() => book.readSheet(0, () => true)).kind).toBe("corrupt");
  });

  test("malformed XML is corrupt", () => {
    expect(kindOf(() => openXlsx(handMade(`<worksheet ${NS}><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>`)).readSheet(0, () => true))).toBe("corrupt");
    expect(kindOf(() => openXlsx(handMade(`<worksheet ${NS}><sheetData><row r="1"><c r="A1"><v>1</v></c></row>`)).readSheet(0, () => true))).toBe("corrupt");
    // Entity declarations are not expanded (no "billion laughs"): an undeclared entity is an error.
    const laughs = `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="str"><v>&b;</v></c></row></sheetData></worksheet>`;
    expect(kindOf(() => openXlsx(handMade(laughs)).readSheet(0, () => true))).toBe("corrupt");
  });
});

describe("agrees with exceljs", () => {
  async function compare(path: string): Promise<number> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const system: DateSystem = wb.properties.date1904 ? 1904 : 1900;
    const expected: ReadRow[] = [];
    wb.worksheets[0].eachRow((row, rowNumber) => expected.push({ row: rowNumber, cells: gridRowFromExcelJs(row.values, system) }));
    const book = openXlsx(readFileSync(path));
    expect(book.dateSystem).toBe(system);
    expect(book.sheets.map((s) => s.name)).toEqual(wb.worksheets.map((w) => w.name));
    const actual = readAll(book);
    expect(actual.length).toBe(expected.length);
    for (let i = 0; i < actual.length; i++) expect(actual[i]).toEqual(expected[i]);
    return actual.length;
  }

  const dir = tempDir("xlsxgrid-cmp-");

  test("a 5,000-item ledger with shared strings", async () => {
    const path = join(dir, "ledger-5k.xlsx");
    const s = await writeLedgerXlsx(path, { customers: 60, items: 5000, seed: 11 });
    expect(await compare(path)).toBe(s.lines);
  });

  test("the same ledger with strings in the cells (no shared-strings table)", async () => {
    const path = join(dir, "ledger-5k-inline.xlsx");
    const s = await writeLedgerXlsx(path, { customers: 60, items: 5000, seed: 11, sharedStrings: false });
    expect(await compare(path)).toBe(s.lines);
  });

  test("5,000 rows of mixed cells, gaps and formulas", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Mezcla");
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
    for (let r = 1; r <= 5000; r++) {
      const row = ws.getRow(r + Math.floor(r / 50)); // every 50th row number is skipped
      for (let c = 1; c <= 12; c++) {
        const x = rnd();
        const cell = row.getCell(c);
        if (x < 0.1) continue;
        else if (x < 0.3) cell.value = Math.round(rnd() * 1e8) / 100;
        else if (x < 0.45) cell.value = `texto ${Math.floor(rnd() * 500)} ñ`;
        else if (x < 0.55) {
          cell.value = new Date(Date.UTC(2020 + Math.floor(rnd() * 7), Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)));
          cell.numFmt = "dd/mm/yyyy";
        } else if (x < 0.6) cell.value = rnd() < 0.5;
        else if (x < 0.65) cell.value = { error: "#VALUE!" } as ExcelJS.CellErrorValue;
        // Results from 1 up: exceljs drops a cached 0 when it reads (see the first test).
        else if (x < 0.75) cell.value = { formula: `A${r}+1`, result: 1 + Math.floor(rnd() * 1000) } as ExcelJS.CellFormulaValue;
        else if (x < 0.8) cell.value = { richText: [{ text: "ri" }, { text: "co", font: { italic: true } }] };
        else if (x < 0.9) cell.value = -Math.floor(rnd() * 1e6);
        else cell.value = "";
      }
      row.commit();
    }
    const path = join(dir, "mixed-5k.xlsx");
    await wb.xlsx.writeFile(path);
    expect(await compare(path)).toBeGreaterThan(4900);
  });
});
