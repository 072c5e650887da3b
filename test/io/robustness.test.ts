import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../src/core/errors";
import { LEDGER_SPEC, ledgerRow, type LedgerItem } from "../../src/core/tables/ledger";
import { readTableBytes } from "../../src/io/tableSource";
import { mulberry32 } from "../../samples/generate";

/**
 * Whatever bytes a user hands over, reading ends in records or in one InputError: never another
 * exception (a stack trace for the user) and never a hang. Mutations of real samples, seeded.
 */
const ROOT = join(__dirname, "..", "..");
const samples = {
  txt: new Uint8Array(readFileSync(join(ROOT, "samples", "ledger-fbl5n.txt")).subarray(0, 40_000)),
  csv: new Uint8Array(readFileSync(join(ROOT, "samples", "customers.csv"))),
};

function mutate(bytes: Uint8Array, r: () => number): Uint8Array {
  const out = new Uint8Array(bytes);
  const kind = Math.floor(r() * 4);
  const n = 1 + Math.floor(r() * 20);
  if (kind === 0) for (let i = 0; i < n; i++) out[Math.floor(r() * out.length)] = Math.floor(r() * 256);
  if (kind === 1) return out.subarray(0, Math.floor(r() * out.length));
  if (kind === 2) for (let i = 0; i < n; i++) out[Math.floor(r() * out.length)] = [0x09, 0x0a, 0x0d, 0x22, 0x2c, 0x3b, 0x7c, 0x2d][Math.floor(r() * 8)];
  if (kind === 3) {
    const start = Math.floor(r() * out.length);
    out.copyWithin(start, Math.floor(r() * out.length));
  }
  return out;
}

async function outcome(bytes: Uint8Array): Promise<string> {
  try {
    const items: LedgerItem[] = [];
    await readTableBytes<LedgerItem>(bytes, "fuzz", LEDGER_SPEC, (row, n, ctx) => ledgerRow(row, n, ctx, { defaultCurrency: "MXN" }), (i) => items.push(i));
    return "ok";
  } catch (e) {
    if (e instanceof InputError) return e.problem.code;
    throw e;
  }
}

async function smallLedgerXlsx(): Promise<Uint8Array> {
  // A real ledger workbook, small enough to read hundreds of times.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("FBL5N");
  ws.addRow(["Account", "Document Number", "Document Date", "Net Due Date", "Amount in Local Currency", "Local Currency"]);
  for (let i = 0; i < 300; i++) ws.addRow([`000100${1000 + (i % 17)}`, `18${i}`, new Date(Date.UTC(2026, 8, 1 + (i % 28))), new Date(Date.UTC(2026, 9, 1 + (i % 28))), (i * 37.5) % 9000, "MXN"]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("reading never fails other than with a clear message", () => {
  test("xlsx: 150 seeded mutations", async () => {
    const bytes = await smallLedgerXlsx();
    expect(await outcome(bytes)).toBe("ok");
    const r = mulberry32(4242);
    const seen = new Set<string>();
    for (let i = 0; i < 150; i++) seen.add(await outcome(mutate(bytes, r)));
    expect([...seen].every((o) => o === "ok" || o.startsWith("file.") || o.startsWith("header."))).toBe(true);
  });

  for (const [name, bytes] of Object.entries(samples)) {
    test(`${name}: 150 seeded mutations`, async () => {
      const r = mulberry32(name.length * 7919);
      const seen = new Set<string>();
      for (let i = 0; i < 150; i++) seen.add(await outcome(mutate(bytes, r)));
      expect(seen.size).toBeGreaterThan(0);
    });
  }
});
