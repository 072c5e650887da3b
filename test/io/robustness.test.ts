import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { mulberry32 } from "../../samples/generate";
import { InputError } from "../../src/core/errors";
import { CUSTOMER_SPEC, customerRow, type Customer } from "../../src/core/tables/customers";
import { LEDGER_SPEC, ledgerRow, type LedgerItem } from "../../src/core/tables/ledger";
import type { TableSpec } from "../../src/core/tables/columns";
import type { Convert, TableRead } from "../../src/io/tableSource";
import { readTableBytes } from "../../src/io/tableSource";
import { openXlsx } from "../../src/io/xlsxGrid";
import { mutateText, mutateXlsx, TEXT_CLASSES, XLSX_CLASSES, type Mutant, type MutationClass } from "./mutations";

/**
 * Whatever bytes a user hands over, reading ends in records or in one InputError: never
 * another exception (a stack trace for the user), never a hang, and never a row gone unseen.
 * Mutations of the real samples, seeded, a few of each class (`npm run fuzz` runs many more
 * through the command line).
 */
const ROOT = join(__dirname, "..", "..");
const PER_CLASS = 6;

const ledgerConvert: Convert<LedgerItem> = (row, n, ctx) => ledgerRow(row, n, ctx, { defaultCurrency: "MXN" });

interface Read<T> {
  records: T[];
  read: TableRead<T>;
}

async function read<T>(bytes: Uint8Array, spec: TableSpec, convert: Convert<T>): Promise<Read<T> | InputError> {
  const records: T[] = [];
  try {
    const read = await readTableBytes<T>(bytes, "mutante", spec, convert, (r) => records.push(r));
    return { records, read };
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
}

/** Lines of the text as an editor counts them: any of CRLF, LF, CR ends one. */
function linesOf(bytes: Uint8Array, encoding: string): number {
  const bom = encoding === "utf-8" ? (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0) : encoding.startsWith("utf-16") ? 2 : 0;
  const text = new TextDecoder(encoding).decode(bytes.subarray(bom));
  const parts = text.split(/\r\n|\r|\n/);
  return text === "" ? 0 : /[\r\n]$/.test(text) ? parts.length - 1 : parts.length;
}

/** The `<row>` elements of the (only) sheet, counted in its XML, not by the reader. */
function sheetRows(bytes: Uint8Array): number {
  const xml = strFromU8(unzipSync(bytes, { filter: (f) => f.name === "xl/worksheets/sheet1.xml" })["xl/worksheets/sheet1.xml"]);
  return (xml.match(/<row[\s>/]/g) ?? []).length;
}

/**
 * Every row the source holds is a title row above the header, the header, a data row (kept
 * or rejected with its reasons), a blank row, a subtotal row or a repeated header.
 */
function expectAccounted<T>(mutant: Mutant, bytes: Uint8Array, { records, read }: Read<T>): void {
  const { stats, rejected } = read.reader;
  const { info } = read;
  const where = `${mutant.kind}: ${mutant.note}`;
  let above: number;
  if (info.format === "text") {
    expect({ where, lines: info.lines }).toEqual({ where, lines: linesOf(bytes, info.encoding!) });
    above = stats.headerRow - 1;
  } else {
    expect({ where, rows: info.rows }).toEqual({ where, rows: sheetRows(bytes) });
    const numbers: number[] = [];
    openXlsx(bytes).readSheet(0, (_cells, n) => void numbers.push(n));
    above = numbers.filter((n) => n < stats.headerRow).length;
  }
  const rows = above + 1 + stats.dataRows + stats.blankRows + stats.subtotalRows + stats.repeatedHeaders;
  expect({ where, rows }).toEqual({ where, rows: info.rows });
  const rejectedRows = new Set(rejected.map((r) => r.row)).size;
  expect({ where, dataRows: records.length + rejectedRows }).toEqual({ where, dataRows: stats.dataRows });
}

/** What must come of a class, beyond "records or one InputError". */
function expectClassOutcome<T>(mutant: Mutant, result: Read<T> | InputError, original: Read<T>): void {
  const where = `${mutant.kind}: ${mutant.note}`;
  const outcome = result instanceof InputError ? result.problem.code : "ok";
  const same = () => {
    expect({ where, outcome }).toEqual({ where, outcome: "ok" });
    expect((result as Read<T>).records).toEqual(original.records);
  };
  switch (mutant.kind as MutationClass) {
    case "mixedLineEndings":
      return same();
    case "encoding":
      // A re-save in another encoding reads the same, letter for letter; two encodings in one file do not.
      if (!/first half/.test(mutant.note)) same();
      return;
    case "entityExpansion":
    case "externalEntity":
      expect({ where, outcome }).toEqual({ where, outcome: "file.corruptXlsx" });
      expect((result as InputError).message).toMatch(/DOCTYPE/);
      return;
    case "zipBomb":
      expect({ where, outcome: ["file.xlsxTooLarge", "file.corruptXlsx"].includes(outcome) }).toEqual({ where, outcome: true });
      return;
    case "oversizedRef":
      if (/dimension|merged/.test(mutant.note)) return same();
      expect({ where, outcome }).toEqual({ where, outcome: "file.corruptXlsx" });
      return;
    default:
      return;
  }
}

async function smallLedgerXlsx(): Promise<Uint8Array> {
  // A ledger workbook as SAP's spreadsheet export lays it out, small enough to read many times.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("FBL5N");
  ws.addRow(["Partidas abiertas de deudores al 31.10.2026"]);
  ws.addRow([]);
  ws.addRow(["Cuenta", "Nombre", "Nº documento", "Clase de documento", "Fecha de documento", "Vencimiento neto", "Importe en moneda local", "Moneda local", "Texto"]);
  for (let i = 0; i < 300; i++) {
    const row = ws.addRow([`000100${1000 + (i % 17)}`, `Ferretería ${i % 17}`, `18${String(i).padStart(8, "0")}`, i % 9 ? "RV" : "DG", new Date(Date.UTC(2026, 8, 1 + (i % 28))), new Date(Date.UTC(2026, 9, 1 + (i % 28))), ((i % 9 ? 1 : -1) * ((i * 3757) % 900000)) / 100, "MXN", `Factura ${i}`]);
    row.getCell(5).numFmt = "dd.mm.yyyy";
    row.getCell(6).numFmt = "dd.mm.yyyy";
    if (i % 50 === 49) ws.addRow(["*", "", "", "", "", "", 1234.5, "MXN"]);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const textSamples = {
  // The SAP tab export in Windows-1252, cut at a line end: title lines, subtotals, ~200 items.
  "ledger-fbl5n.txt": (() => {
    const all = readFileSync(join(ROOT, "samples", "ledger-fbl5n.txt"));
    return new Uint8Array(all.subarray(0, all.indexOf("\r\n", 40_000) + 2));
  })(),
};

describe("every mutation ends in records that account for every row, or in one InputError", () => {
  for (const [name, bytes] of Object.entries(textSamples)) {
    let original: Read<LedgerItem>;
    beforeAll(async () => {
      const r = await read(bytes, LEDGER_SPEC, ledgerConvert);
      if (r instanceof InputError) throw r;
      original = r;
    });

    test(`${name}: the sample itself`, () => {
      expectAccounted({ kind: "truncate", note: "none", bytes }, bytes, original);
      expect(original.records.length).toBeGreaterThan(150);
    });

    for (const kind of TEXT_CLASSES) {
      test(`${name}: ${PER_CLASS} × ${kind}`, async () => {
        const r = mulberry32(kind.length * 7919 + name.length);
        for (let i = 0; i < PER_CLASS; i++) {
          const mutant = mutateText(bytes, kind, r, i);
          const result = await read(mutant.bytes, LEDGER_SPEC, ledgerConvert);
          if (!(result instanceof InputError)) expectAccounted(mutant, mutant.bytes, result);
          expectClassOutcome(mutant, result, original);
        }
      });
    }
  }

  describe("customers.csv (comma-separated, quoted names)", () => {
    const bytes = new Uint8Array(readFileSync(join(ROOT, "samples", "customers.csv")));
    let original: Read<Customer>;
    beforeAll(async () => {
      const r = await read(bytes, CUSTOMER_SPEC, customerRow);
      if (r instanceof InputError) throw r;
      original = r;
    });
    for (const kind of TEXT_CLASSES) {
      test(`${PER_CLASS} × ${kind}`, async () => {
        const r = mulberry32(kind.length * 104729);
        for (let i = 0; i < PER_CLASS; i++) {
          const mutant = mutateText(bytes, kind, r, i);
          const result = await read(mutant.bytes, CUSTOMER_SPEC, customerRow);
          if (!(result instanceof InputError)) expectAccounted(mutant, mutant.bytes, result);
          expectClassOutcome(mutant, result, original);
        }
      });
    }
  });

  describe("a ledger workbook (.xlsx)", () => {
    let bytes: Uint8Array;
    let original: Read<LedgerItem>;
    beforeAll(async () => {
      bytes = await smallLedgerXlsx();
      const r = await read(bytes, LEDGER_SPEC, ledgerConvert);
      if (r instanceof InputError) throw r;
      original = r;
    });

    test("the workbook itself", () => {
      expectAccounted({ kind: "truncate", note: "none", bytes }, bytes, original);
      expect(original.records.length).toBe(300);
    });

    for (const kind of XLSX_CLASSES) {
      test(`${PER_CLASS} × ${kind}`, async () => {
        const r = mulberry32(kind.length * 15485863);
        for (let i = 0; i < PER_CLASS; i++) {
          const mutant = mutateXlsx(bytes, kind, r, i);
          const result = await read(mutant.bytes, LEDGER_SPEC, ledgerConvert);
          if (!(result instanceof InputError)) expectAccounted(mutant, mutant.bytes, result);
          expectClassOutcome(mutant, result, original);
        }
      });
    }
  });
});
