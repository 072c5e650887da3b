/**
 * The functions' metadata as the build produces it: functions.json from the JSDoc (through the
 * custom-functions-metadata library the webpack plugin uses) and functions.es.json from the
 * translation table, both valid against schemas/custom-functions.schema.json.
 */
import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { localizeMetadata, type FunctionMetadata } from "../../functions/localizeMetadata";

const ROOT = path.resolve(__dirname, "../..");
const SCHEMA = path.resolve(__dirname, "../../schemas/custom-functions.schema.json");
const table = JSON.parse(fs.readFileSync(path.join(ROOT, "functions/translations.es.json"), "utf8")) as Record<string, unknown>;

// The table: English id → Spanish name.
const EXPECTED: Record<string, string> = {
  DAYSPASTDUE: "DIASVENCIDOS",
  BUCKET: "RANGO",
  AGING: "ANTIGUEDAD",
  AGINGBY: "ANTIGUEDADPOR",
  DUEDATE: "VENCIMIENTO",
  DSO: "DSO",
  DSOCOUNTBACK: "DSORETRO",
  BPDSO: "DSOOPTIMO",
  ADD: "DIASMORA",
  CEI: "IEC",
  AVGDAYSTOPAY: "DIASPROMPAGO",
  CREDITAVAILABLE: "CREDITODISPONIBLE",
  RELEASE: "LIBERAR",
  CHEQUEINDEMNITY: "INDEMNIZACIONCHEQUE",
  LATEINTEREST: "MORATORIOS",
  PAYMENTPLAN: "CONVENIO",
  CLABEVALID: "CLABEVALIDA",
  CLABEBANK: "BANCOCLABE",
  RFCVALID: "RFCVALIDO",
  AMOUNT: "IMPORTE",
  DATE: "FECHA",
};

let metadata: FunctionMetadata;

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, "utf8")));
}

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(path.join(ROOT, "functions/functions.ts"));
  expect(result.errors).toEqual([]);
  metadata = JSON.parse(result.metadataJson) as FunctionMetadata;
});

describe("functions.json", () => {
  it("is generated without errors and valid against the schema", () => {
    const validate = validator();
    expect(validate(metadata) ? [] : validate.errors).toEqual([]);
  });

  it("declares exactly the issue's functions, each described, with its parameters described", () => {
    expect(metadata.functions.map((f) => f.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const f of metadata.functions) {
      expect(f.name).toBe(f.id);
      expect(f.description?.length).toBeGreaterThan(10);
      for (const p of f.parameters) expect([f.id, p.name, (p.description ?? "").length > 3]).toEqual([f.id, p.name, true]);
    }
  });

  it("takes ranges as matrices and spills the table functions", () => {
    const byId = new Map(metadata.functions.map((f) => [f.id, f as unknown as { parameters: { name: string; dimensionality?: string; optional?: boolean }[]; result?: { dimensionality?: string } }]));
    for (const id of ["AGING", "AGINGBY", "PAYMENTPLAN"]) expect(byId.get(id)!.result?.dimensionality).toBe("matrix");
    const aging = byId.get("AGING")!.parameters;
    expect(aging.map((p) => [p.name, p.dimensionality ?? "scalar", p.optional ?? false])).toEqual([
      ["amounts", "matrix", false],
      ["dues", "matrix", false],
      ["asOf", "scalar", true],
      ["edges", "matrix", true],
      ["clearedDates", "matrix", true],
    ]);
  });

  it("would be rejected by the schema if it were wrong (so the check above can fail)", () => {
    const validate = validator();
    const broken = JSON.parse(JSON.stringify(metadata));
    broken.functions[0].id = "1BAD ID";
    broken.functions[1].result = { type: "date" };
    expect(validate(broken)).toBe(false);
  });
});

describe("functions.es.json", () => {
  it("translates every function and parameter, with no stale entries, and is valid", () => {
    const { metadata: es, problems } = localizeMetadata(metadata, table);
    expect(problems).toEqual([]);
    const validate = validator();
    expect(validate(es) ? [] : validate.errors).toEqual([]);
    expect(Object.fromEntries(es.functions.map((f) => [f.id, f.name]))).toEqual(EXPECTED);
    // Ids never change with the language: Excel stores formulas by id.
    expect(es.functions.map((f) => f.id)).toEqual(metadata.functions.map((f) => f.id));
    const aging = es.functions.find((f) => f.id === "AGING")!;
    expect(aging.parameters.map((p) => p.name)).toEqual(["importes", "vencimientos", "fecha_corte", "límites", "fechas_compensación"]);
  });

  it("reports missing and stale translations", () => {
    const partial = { ...table } as Record<string, { parameters: Record<string, unknown> }>;
    delete partial.DSO;
    partial.AGING = { ...partial.AGING, parameters: { ...partial.AGING.parameters, bogus: { name: "x", description: "y" } } };
    delete (partial.AGING.parameters as Record<string, unknown>).amounts;
    partial.GONE = { parameters: {} };
    const { problems } = localizeMetadata(metadata, partial);
    expect(problems).toEqual(
      expect.arrayContaining([
        "DSO: no translation",
        "AGING: translated parameter bogus does not exist",
        "AGING: parameter amounts has no translation",
        "GONE: translated but no such function",
      ]),
    );
  });

  it("is what manifest.xml serves to Spanish Excel", () => {
    const manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
    const webpackConfig = fs.readFileSync(path.join(ROOT, "webpack.config.js"), "utf8");
    for (const locale of ["es-MX", "es-ES"]) {
      expect(manifest).toContain(`<bt:Override Locale="${locale}" Value="https://localhost:3000/functions.es.json" />`);
    }
    expect(webpackConfig).toMatch(/output: "functions\.es\.json"/);
  });
});
