import ExcelJS from "exceljs";
import { copyFileSync, statSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { formatIsoDate } from "../../src/core/dates";
import { InputError } from "../../src/core/errors";
import { LEDGER_SPEC, ledgerRow, type LedgerItem } from "../../src/core/tables/ledger";
import { readTableFile } from "../../src/io/readTable";
import { detectDelimiter, detectEncoding, sniff } from "../../src/io/sniff";
import { cp1252, sha256, tempDir, write } from "../helpers/files";

async function read(path: string, sheet?: string) {
  const items: LedgerItem[] = [];
  const { reader, info } = await readTableFile<LedgerItem>(path, LEDGER_SPEC, (r, n, ctx) => ledgerRow(r, n, ctx, { defaultCurrency: "MXN" }), (i) => items.push(i), { sheet });
  return { items, reader, info };
}

async function inputError(path: string): Promise<InputError> {
  try {
    await read(path);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

const dir = tempDir();

const SAP_LINES = [
  "Materiales y Concretos del Bajío, S.A. de C.V.",
  "Partidas individuales de deudores - Compañía 1000",
  "",
  "\tCuenta\tNombre\tNº documento\tClase de documento\tFecha de documento\tVencimiento neto\tImporte en moneda local\tMoneda local\tAsignación\tTexto",
  "\t0001000123\tFerretería Peña\t1800000001\tRV\t01.09.2026\t01.10.2026\t1,234.56\tMXN\tañejo\tTUBO 1/2\" CÉDULA 40",
  "\t0001000123\tFerretería Peña\t1800000002\tDG\t05.10.2026\t05.10.2026\t100.00-\tMXN\t\tNota de crédito",
  "*\t0001000123\t\t\t\t\t\t1,134.56\tMXN\t\t",
  "",
  "\t0001000124\tConstrucción Muñoz\t1800000003\tRV\t01.10.2026\t31.10.2026\t2,000.00\tMXN\t\t",
  "**\t\t\t\t\t\t\t3,134.56\tMXN\t\t",
];

describe("delimited text", () => {
  test("SAP tab export in Windows-1252 with title lines, subtotals and a stray quote", async () => {
    const p = write(dir, "fbl5n.txt", cp1252(SAP_LINES.join("\r\n") + "\r\n"));
    const before = sha256(p);
    const { items, reader, info } = await read(p);
    expect(info).toMatchObject({ format: "text", encoding: "windows-1252", delimiter: "\t" });
    expect(reader.rejected).toEqual([]);
    expect(reader.stats).toMatchObject({ headerRow: 4, subtotalRows: 2, blankRows: 1, dataRows: 3 });
    expect(items.map((i) => i.customerName)).toEqual(["Ferretería Peña", "Ferretería Peña", "Construcción Muñoz"]);
    expect(items[0].assignment).toBe("añejo");
    expect(items[0].text).toBe('TUBO 1/2" CÉDULA 40');
    expect(items.map((i) => i.amount)).toEqual([123456, -10000, 200000]);
    expect(items[1].row).toBe(6);
    expect(sha256(p)).toBe(before); // the source is never written to
  });

  test("UTF-8 with BOM, comma-separated, quoted amounts", async () => {
    const csv = "\ufeffCliente,Nº documento,Fecha de documento,Vencimiento neto,Importe,Moneda\n" +
      '0001000123,F-1,01/09/2026,01/10/2026,"1,234.56",MXN\n' +
      '0001000123,F-2,01/09/2026,01/10/2026,"(50.00)",USD\n';
    const { items, info } = await read(write(dir, "utf8.csv", csv));
    expect(info.encoding).toBe("utf-8");
    expect(info.delimiter).toBe(",");
    expect(items.map((i) => [i.documentNumber, i.amount, i.currency])).toEqual([["F-1", 123456, "MXN"], ["F-2", -5000, "USD"]]);
  });

  test("UTF-8 without BOM, semicolons and decimal commas", async () => {
    const csv = "Compañía;Cuenta;Nº documento;Vencimiento neto;Importe en moneda local\nMCB;0001000123;F-1;31.10.2026;1.234,56\nMCB;0001000123;F-2;31.10.2026;-12,5\n";
    const { items, info } = await read(write(dir, "semi.csv", csv));
    expect(info).toMatchObject({ encoding: "utf-8", delimiter: ";" });
    expect(items.map((i) => i.amount)).toEqual([123456, -1250]);
  });

  test("SAP list export with pipes, padding and separator lines", async () => {
    const txt = [
      "Partidas individuales de deudores",
      "-----------------------------------------------------------",
      "|  Cuenta    | Nº documento | Vencimiento neto |     Importe en moneda local |",
      "|------------------------------------------------------------|",
      "| 0001000123 | 1800000001   | 01.10.2026       |                 1,234.56 |",
      "| 0001000123 | 1800000002   | 01.10.2026       |                   100.00- |",
      "|------------------------------------------------------------|",
    ].join("\n");
    const { items, reader, info } = await read(write(dir, "list.txt", cp1252(txt)));
    expect(info.delimiter).toBe("|");
    expect(items.map((i) => [i.customer, i.amount])).toEqual([["0001000123", 123456], ["0001000123", -10000]]);
    expect(reader.rejected).toEqual([]);
  });

  test("UTF-16 (Excel's Unicode text)", async () => {
    const text = "Cuenta\tNº documento\tVencimiento neto\tImporte\r\n0001000123\tF-1\t31/10/2026\t10.00\r\n";
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const { items, info } = await read(write(dir, "u16.txt", buf));
    expect(info.encoding).toBe("utf-16le");
    expect(items[0].amount).toBe(1000);
  });

  test("rejected rows keep their row numbers among good ones", async () => {
    const csv = "Cuenta,Nº documento,Vencimiento neto,Importe\n1,A,31/02/2026,10\n1,B,28/02/2026,12a\n1,C,28/02/2026,5\n";
    const { items, reader } = await read(write(dir, "bad-rows.csv", csv));
    expect(items.map((i) => i.documentNumber)).toEqual(["C"]);
    expect(reader.rejected.map((r) => [r.row, r.column, r.value])).toEqual([[2, "Vencimiento neto", "31/02/2026"], [3, "Importe", "12a"]]);
  });
});

describe("xlsx", () => {
  async function workbook(name: string, date1904: boolean, extraSheetFirst = false): Promise<string> {
    const wb = new ExcelJS.Workbook();
    if (date1904) wb.properties.date1904 = true;
    if (extraSheetFirst) wb.addWorksheet("Notas").addRow(["Hoja de notas sin tabla"]);
    const ws = wb.addWorksheet("FBL5N");
    ws.addRow(["Partidas abiertas al 31.10.2026"]);
    ws.addRow([]);
    ws.addRow(["Account", "Document Number", "Document Date", "Net Due Date", "Amount in Local Currency", "Local Currency", "Text"]);
    const r = ws.addRow(["0001000123", "1800000001", new Date(Date.UTC(2026, 8, 1)), new Date(Date.UTC(2026, 9, 1)), 1234.56, "MXN", { richText: [{ text: "Fac" }, { text: "tura" }] }]);
    r.getCell(3).numFmt = "dd/mm/yyyy";
    r.getCell(4).numFmt = "dd/mm/yyyy";
    ws.addRow(["0001000124", 1800000002, "15.10.2026", "14.11.2026", { formula: "100-150.5", result: -50.5 }, "MXN", "Anticipo"]);
    const p = join(dir, name);
    await wb.xlsx.writeFile(p);
    return p;
  }

  test("date cells, numbers, rich text and formulas, 1900 system", async () => {
    const p = await workbook("ledger.xlsx", false);
    const before = sha256(p);
    const { items, info, reader } = await read(p);
    expect(info).toMatchObject({ format: "xlsx", sheet: "FBL5N", dateSystem: 1900 });
    expect(reader.stats.headerRow).toBe(3);
    expect(items.map((i) => [i.customer, i.documentNumber, formatIsoDate(i.netDueDate!), i.amount, i.text])).toEqual([
      ["0001000123", "1800000001", "2026-10-01", 123456, "Factura"],
      ["0001000124", "1800000002", "2026-11-14", -5050, "Anticipo"],
    ]);
    expect(sha256(p)).toBe(before);
  });

  test("1904 date system keeps the civil dates", async () => {
    const { items, info } = await read(await workbook("ledger1904.xlsx", true));
    expect(info.dateSystem).toBe(1904);
    expect(formatIsoDate(items[0].documentDate!)).toBe("2026-09-01");
    expect(formatIsoDate(items[0].netDueDate!)).toBe("2026-10-01");
  });

  test("the first sheet with a recognisable header is used, or the one named", async () => {
    const p = await workbook("two-sheets.xlsx", false, true);
    expect((await read(p)).info.sheet).toBe("FBL5N");
    expect((await read(p, "FBL5N")).items).toHaveLength(2);
  });
});

describe("files that are not ledgers", () => {
  test("empty file", async () => {
    const e = await inputError(write(dir, "empty.csv", ""));
    expect(e.problem.code).toBe("file.empty");
    expect(e.describe("es")).toMatch(/vacío/);
    expect((await inputError(write(dir, "bom-only.csv", "\ufeff\r\n\r\n"))).problem.code).toBe("file.empty");
  });

  test("missing file", async () => {
    expect((await inputError(join(dir, "nope.xlsx"))).problem.code).toBe("file.notFound");
  });

  test("no recognisable header: says what it found and what it needs", async () => {
    const e = await inputError(write(dir, "other.csv", "Nombre,Teléfono,Ciudad\nAna,555,León\n"));
    expect(e.problem.code).toBe("header.notFound");
    expect(e.describe("es")).toContain('"Nombre", "Teléfono", "Ciudad"');
    expect(e.describe("es")).toMatch(/Se necesitan: Cuenta; Nº documento;/);
    expect(e.describe("en")).toMatch(/Needed: Account; Document Number;/);
  });

  test("binary file renamed .csv", async () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37) % 256;
    expect((await inputError(write(dir, "photo.csv", bytes))).problem.code).toBe("file.binary");
  });

  test("password-protected workbook (an OLE compound file)", async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048)]);
    const e = await inputError(write(dir, "locked.xlsx", ole));
    expect(e.problem.code).toBe("file.encrypted");
    expect(e.describe("es")).toMatch(/contraseña/);
  });

  test("corrupt .xlsx", async () => {
    const good = join(dir, "ledger.xlsx");
    const bad = join(dir, "corrupt.xlsx");
    copyFileSync(good, bad);
    truncateSync(bad, Math.floor(statSync(good).size / 2));
    expect((await inputError(bad)).problem.code).toMatch(/file\.(corruptXlsx|noSheets)/);
    const junk = write(dir, "junk.xlsx", Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.from("not really a zip at all".repeat(50))]));
    expect((await inputError(junk)).problem.code).toMatch(/file\.(corruptXlsx|noSheets)/);
  });
});

describe("sniffing", () => {
  test("kinds, encodings and delimiters", () => {
    expect(sniff(new Uint8Array())).toBe("empty");
    expect(sniff(new TextEncoder().encode("a,b\n"))).toBe("text");
    expect(detectEncoding(new Uint8Array(cp1252("Compañía"))).encoding).toBe("windows-1252");
    expect(detectEncoding(new TextEncoder().encode("Compañía")).encoding).toBe("utf-8");
    // A sample cut inside a two-byte character is still UTF-8.
    expect(detectEncoding(new TextEncoder().encode("Compañ").subarray(0, 6)).encoding).toBe("utf-8");
    expect(detectDelimiter("Título, con coma\nA\tB\tC\n1\t2,5\t3\n4\t5\t6,000.00\n")).toBe("\t");
    expect(detectDelimiter("a;b;c\n1;2,5;3\n")).toBe(";");
  });
});

describe("reading from bytes (the task pane without Office)", () => {
  test("gives the same records as the file reader, for text and xlsx", async () => {
    const { readFileSync } = await import("node:fs");
    const { readTableBytes } = await import("../../src/io/tableSource");
    for (const name of ["fbl5n.txt", "utf8.csv", "list.txt", "u16.txt", "ledger.xlsx", "ledger1904.xlsx"]) {
      const path = join(dir, name);
      const fromFile = await read(path);
      const items: LedgerItem[] = [];
      const fromBytes = await readTableBytes<LedgerItem>(new Uint8Array(readFileSync(path)), name, LEDGER_SPEC, (r, n, ctx) => ledgerRow(r, n, ctx, { defaultCurrency: "MXN" }), (i) => items.push(i));
      expect(items).toEqual(fromFile.items);
      expect(fromBytes.reader.rejected).toEqual(fromFile.reader.rejected);
      expect(fromBytes.info).toEqual(fromFile.info);
    }
  });

  test("bad bytes get the same messages", async () => {
    const { readTableBytes } = await import("../../src/io/tableSource");
    const codes = [];
    for (const bytes of [new Uint8Array(), new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), new Uint8Array([0, 1, 2, 3]), new TextEncoder().encode("a,b\n1,2\n")]) {
      try {
        await readTableBytes(bytes, "x.csv", LEDGER_SPEC, (r, n, ctx) => ledgerRow(r, n, ctx, { defaultCurrency: "MXN" }), () => undefined);
      } catch (e) {
        codes.push((e as InputError).problem.code);
      }
    }
    expect(codes).toEqual(["file.empty", "file.encrypted", "file.binary", "header.notFound"]);
  });
});

test("blank rows are counted alike from a file and from bytes", async () => {
  const { readFileSync } = await import("node:fs");
  const { readTableBytes } = await import("../../src/io/tableSource");
  const path = join(dir, "fbl5n.txt");
  const fromFile = await read(path);
  const fromBytes = await readTableBytes<LedgerItem>(new Uint8Array(readFileSync(path)), "fbl5n.txt", LEDGER_SPEC, (r, n, ctx) => ledgerRow(r, n, ctx, { defaultCurrency: "MXN" }), () => undefined);
  expect(fromBytes.reader.stats).toEqual(fromFile.reader.stats);
});

describe("encoding settled after the first bytes", () => {
  // 3,000 ASCII rows (over 64 KB) before the first accented name.
  const rows = ["Customer\tDocument Number\tNet Due Date\tAmount\tName"];
  for (let i = 0; i < 3000; i++) rows.push(`0001000123\tF-${i}\t31.10.2026\t10.00\tFerreteria Norte`);
  rows.push("0001000124\tF-X\t31.10.2026\t10.00\tFerretería Peña");
  const text = rows.join("\r\n") + "\r\n";

  test.each([
    ["windows-1252", cp1252(text)],
    ["utf-8", Buffer.from(text, "utf8")],
  ])("%s accents late in the file survive, from a file and from bytes", async (encoding, bytes) => {
    const path = write(dir, `late-${encoding}.txt`, bytes);
    const { items, info } = await read(path);
    expect(info.encoding).toBe(encoding);
    expect(items[items.length - 1].customerName).toBe("Ferretería Peña");
    const { readTableBytes } = await import("../../src/io/tableSource");
    const fromBytes: LedgerItem[] = [];
    await readTableBytes<LedgerItem>(new Uint8Array(bytes), "late.txt", LEDGER_SPEC, (r, n, ctx) => ledgerRow(r, n, ctx, { defaultCurrency: "MXN" }), (i) => fromBytes.push(i));
    expect(fromBytes[fromBytes.length - 1].customerName).toBe("Ferretería Peña");
  });
});

test("a wrong file's first row is shown short, on one line", async () => {
  const long = "x".repeat(100);
  const cells = Array.from({ length: 20 }, (_, i) => `${long}${i}`);
  const e = await inputError(write(dir, "wide.csv", cells.join(",") + "\n1,2,3\n"));
  const text = e.describe("en");
  expect(text).toContain(`"${"x".repeat(39)}…"`);
  expect(text).toContain("(+5)");
  expect(text.length).toBeLessThan(1000);
});
