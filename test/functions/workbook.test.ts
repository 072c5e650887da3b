/**
 * samples/cartera-functions.xlsx: every CARTERA.* function appears in its cells, stored the way
 * Excel stores add-in functions, and the committed file matches what the script builds.
 */
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { buildFunctionsWorkbook, shownFormula, storedFormula } from "../../samples/functions-workbook";
import { tempDir } from "../helpers/files";

const ROOT = path.resolve(__dirname, "../..");
const COMMITTED = path.join(ROOT, "samples/cartera-functions.xlsx");

interface CellDump {
  [address: string]: unknown;
}

async function dump(file: string): Promise<Record<string, CellDump>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Record<string, CellDump> = {};
  wb.eachSheet((ws) => {
    const cells: CellDump = {};
    ws.eachRow((row) => row.eachCell((cell) => (cells[cell.address] = cell.value)));
    out[ws.name] = cells;
  });
  return out;
}

function formulas(sheets: Record<string, CellDump>): string[] {
  const all: string[] = [];
  for (const cells of Object.values(sheets)) {
    for (const v of Object.values(cells)) if (v && typeof v === "object" && "formula" in v) all.push(String((v as { formula: string }).formula));
  }
  return all;
}

let built: Record<string, CellDump>;

beforeAll(async () => {
  const file = path.join(tempDir(), "cartera-functions.xlsx");
  await buildFunctionsWorkbook(file);
  built = await dump(file);
});

describe("demo workbook", () => {
  it("uses every function", () => {
    const ids = new Set(formulas(built).flatMap((f) => [...f.matchAll(/_xldudf_CARTERA_([A-Z]+)\(/g)].map((m) => m[1])));
    const translations = JSON.parse(fs.readFileSync(path.join(ROOT, "functions/translations.es.json"), "utf8")) as Record<string, unknown>;
    expect([...ids].sort()).toEqual(Object.keys(translations).filter((k) => !k.startsWith("$")).sort());
  });

  it("stores formulas as Excel does for add-in functions and shows them with the namespace", () => {
    expect(storedFormula("DSO", ["A1", "B1", "C1"])).toBe("_xldudf_CARTERA_DSO(A1,B1,C1)");
    expect(shownFormula("DSO", ["A1", "B1", "C1"])).toBe("=CARTERA.DSO(A1,B1,C1)");
  });

  it("carries the computed values, tables filling their ranges", () => {
    const aging = built["Antigüedad"];
    expect(aging.A4).toMatchObject({ formula: expect.stringMatching(/^_xldudf_CARTERA_AGING\(/), result: "corriente" });
    expect([aging.B4, aging.F4]).toEqual(["1-30", "120+"]);
    expect(aging.A5).toBe(138977.77);
    expect(built.Funciones.C9).toMatchObject({ formula: "_xldudf_CARTERA_CEI(E9,F9,G9,H9,I9)", result: 98 });
    expect(built.Partidas.I5).toMatchObject({ result: "corriente" });
  });

  it("is committed up to date (npm run samples:functions rewrites it)", async () => {
    expect(fs.existsSync(COMMITTED)).toBe(true);
    expect(await dump(COMMITTED)).toEqual(built);
  });
});
