/**
 * Demo workbook for the CARTERA.* functions: samples/cartera-functions.xlsx, whose cells use
 * every function on a small ledger, with the KPI, credit and legal examples beside it.
 *
 *   npm run samples:functions      (builds with tsconfig.build.json, then runs this)
 *
 * Formulas are written the way Excel saves an add-in's custom functions — `_xldudf_` +
 * namespace + `_` + function id — so Excel binds them to the add-in when it loads; Excel shows
 * them as =CARTERA.DSO(…) (=CARTERA.DSO in Spanish too, or the Spanish names such as
 * =CARTERA.DIASVENCIDOS). Each formula cell also carries its value, computed here by the very
 * functions the add-in runs, so the file reads correctly before the add-in recalculates it.
 * Tables (AGING, AGINGBY, PAYMENTPLAN) are array formulas over the range they fill.
 */
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import * as F from "../functions/functions";
import { configureHost } from "../functions/host";
import { parseIsoDate, serialFromDay } from "../src/core/dates";

const NAMESPACE = "CARTERA";
const DATE_FMT = "dd/mm/yyyy";
const MONEY_FMT = '"$"#,##0.00;[Red]-"$"#,##0.00';
const KEY_ISO = "2026-10-31";

type Value = string | number | boolean | null;

function serial(iso: string): number {
  return serialFromDay(parseIsoDate(iso)!);
}

/** How Excel stores a call to an add-in custom function in the file. */
export function storedFormula(id: string, args: string[]): string {
  return `_xldudf_${NAMESPACE}_${id}(${args.join(",")})`;
}

/** How the user sees the same formula in English Excel. */
export function shownFormula(id: string, args: string[]): string {
  return `=${NAMESPACE}.${id}(${args.join(",")})`;
}

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error("package.json not found above " + __dirname);
    dir = up;
  }
  return dir;
}

interface Item {
  customer: string;
  document: string;
  sapAmount: string;
  documentDate: string;
  terms: string;
  cleared: string | null;
  paid: string | null;
}

// A small FBL5N-like extract: amounts and dates as SAP writes them in text.
const ITEMS: Item[] = [
  { customer: "0001000123", document: "1800004511", sapAmount: "125,000.00", documentDate: "15.06.2026", terms: "Z030", cleared: null, paid: null },
  { customer: "0001000123", document: "1800004620", sapAmount: "48,350.40", documentDate: "20.08.2026", terms: "Z030", cleared: null, paid: null },
  { customer: "0001000123", document: "1400000877", sapAmount: "5,000.00-", documentDate: "02.09.2026", terms: "0", cleared: null, paid: null },
  { customer: "0001000123", document: "1800004702", sapAmount: "61,200.00", documentDate: "05.10.2026", terms: "Z030", cleared: null, paid: null },
  { customer: "0001000456", document: "1800004533", sapAmount: "210,500.00", documentDate: "01.05.2026", terms: "Z060", cleared: null, paid: null },
  { customer: "0001000456", document: "1800004601", sapAmount: "33,000.00", documentDate: "14.09.2026", terms: "Z060", cleared: "20.10.2026", paid: "20.10.2026" },
  { customer: "0001000456", document: "1800004688", sapAmount: "77,777.77", documentDate: "25.09.2026", terms: "Z060", cleared: null, paid: null },
  { customer: "0001000789", document: "1800004500", sapAmount: "15,800.00", documentDate: "10.07.2026", terms: "Z015", cleared: "15.08.2026", paid: "15.08.2026" },
  { customer: "0001000789", document: "1800004650", sapAmount: "9,990.10", documentDate: "28.08.2026", terms: "Z015", cleared: null, paid: null },
  { customer: "0001000789", document: "1800004710", sapAmount: "19,999.99", documentDate: "15.10.2026", terms: "Z015", cleared: null, paid: null },
  { customer: "0001000789", document: "1800004711", sapAmount: "1,250.00", documentDate: "16.10.2026", terms: "Z015", cleared: "30.10.2026", paid: "30.10.2026" },
  { customer: "0001000900", document: "1800004440", sapAmount: "88,000.00", documentDate: "02.03.2026", terms: "Z030", cleared: null, paid: null },
];

class Sheet {
  constructor(readonly ws: ExcelJS.Worksheet) {}

  put(address: string, value: Value, numFmt?: string): void {
    const cell = this.ws.getCell(address);
    cell.value = value;
    if (numFmt) cell.numFmt = numFmt;
  }

  /** A formula cell with its value; `shown` (if a column is given) documents it as text. */
  formula(address: string, id: string, args: string[], result: Value, numFmt?: string): void {
    const cell = this.ws.getCell(address);
    cell.value = { formula: storedFormula(id, args), result: result ?? undefined } as ExcelJS.CellFormulaValue;
    if (numFmt) cell.numFmt = numFmt;
  }

  /** An array formula filling `range` with `results` (rows × columns). */
  table(range: string, id: string, args: string[], results: unknown[][]): void {
    // exceljs supports array formulas here, but its typings omit the fourth parameter.
    const fill = this.ws.fillFormula.bind(this.ws) as (range: string, formula: string, results: unknown[][], shareType: "array") => void;
    fill(range, storedFormula(id, args), results, "array");
  }

  bold(address: string): void {
    this.ws.getCell(address).font = { bold: true };
  }
}

function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export async function buildFunctionsWorkbook(file: string): Promise<void> {
  configureHost({ lang: "es", today: parseIsoDate(KEY_ISO)! });
  const KEY = serial(KEY_ISO);
  const wb = new ExcelJS.Workbook();
  wb.creator = "Cartera";
  wb.created = new Date(Date.UTC(2026, 9, 31));
  wb.modified = wb.created;
  // With the add-in loaded, Excel recalculates every CARTERA.* cell when the file opens.
  wb.calcProperties.fullCalcOnLoad = true;

  // ---- Partidas: the ledger, one function per derived column ------------------------------
  const items = new Sheet(wb.addWorksheet("Partidas", { views: [{ state: "frozen", ySplit: 1 }] }));
  const headers = ["Cliente", "Documento", "Importe SAP", "Fecha doc.", "Plazo", "Vencimiento", "Importe", "Días vencidos", "Rango", "Compensación", "Pago"];
  headers.forEach((h, i) => {
    items.put(`${columnLetter(i + 1)}1`, h);
    items.bold(`${columnLetter(i + 1)}1`);
  });
  items.put("M1", "Fecha de corte");
  items.bold("M1");
  items.put("M2", KEY, DATE_FMT);
  const amounts: number[] = [];
  const dues: number[] = [];
  const cleared: (number | null)[] = [];
  const paid: (number | null)[] = [];
  ITEMS.forEach((it, i) => {
    const r = i + 2;
    items.put(`A${r}`, it.customer);
    items.put(`B${r}`, it.document);
    items.put(`C${r}`, it.sapAmount);
    items.put(`D${r}`, it.documentDate);
    items.put(`E${r}`, it.terms);
    const docSerial = F.dateFromText(it.documentDate);
    const due = F.dueDate(docSerial, it.terms);
    // VENCIMIENTO(FECHA(texto), plazo): SAP's text date read day first, plus the terms key.
    items.formula(`F${r}`, "DUEDATE", [storedFormula("DATE", [`D${r}`]), `E${r}`], due, DATE_FMT);
    const amount = F.amountFromText(it.sapAmount);
    items.formula(`G${r}`, "AMOUNT", [`C${r}`], amount, MONEY_FMT);
    items.formula(`H${r}`, "DAYSPASTDUE", [`F${r}`, "$M$2"], F.daysPastDue(due, KEY));
    items.formula(`I${r}`, "BUCKET", [`F${r}`, "$M$2"], F.bucket(due, KEY));
    const c = it.cleared === null ? null : F.dateFromText(it.cleared);
    const p = it.paid === null ? null : F.dateFromText(it.paid);
    items.put(`J${r}`, c, DATE_FMT);
    items.put(`K${r}`, p, DATE_FMT);
    amounts.push(amount);
    dues.push(due);
    cleared.push(c);
    paid.push(p);
  });
  const last = ITEMS.length + 1;
  const col = (xs: unknown[]): unknown[][] => xs.map((x) => [x]);
  items.ws.columns.forEach((c, i) => (c.width = [12, 12, 14, 12, 8, 13, 14, 13, 10, 13, 12, 2, 14][i] ?? 12));

  // ---- Antigüedad: the spilled tables --------------------------------------------------------
  const aging = new Sheet(wb.addWorksheet("Antigüedad"));
  aging.put("A1", "Fecha de corte");
  aging.bold("A1");
  aging.put("B1", KEY, DATE_FMT);
  aging.put("A3", "CARTERA.AGING (ANTIGUEDAD): partidas abiertas al corte, por rango; las compensadas hasta el corte no cuentan");
  aging.bold("A3");
  const agingArgs = [`Partidas!G2:G${last}`, `Partidas!F2:F${last}`, "$B$1", "", `Partidas!J2:J${last}`];
  const agingResult = F.aging(col(amounts), col(dues), KEY, undefined, col(cleared));
  aging.table("A4:F5", "AGING", agingArgs, agingResult);
  for (let c = 1; c <= 6; c++) aging.ws.getCell(5, c).numFmt = MONEY_FMT;

  aging.put("A7", "CARTERA.AGINGBY (ANTIGUEDADPOR): por cliente, límites 15, 30, 60, 90; importes de Partidas!L (solo partidas abiertas)");
  aging.bold("A7");
  aging.put("J7", "Límites");
  [15, 30, 60, 90].forEach((e, i) => aging.put(`${columnLetter(11 + i)}7`, e));
  const open = ITEMS.map((_, i) => cleared[i] === null || (cleared[i] as number) > KEY);
  const byResult = F.agingBy(
    col(ITEMS.map((it) => it.customer)),
    col(amounts.map((a, i) => (open[i] ? a : null))),
    col(dues),
    KEY,
    [[15, 30, 60, 90]],
  );
  // AGINGBY takes no clearing dates: the example keeps the open items in a helper column.
  ITEMS.forEach((_, i) => {
    const r = i + 2;
    const cell = items.ws.getCell(`L${r}`);
    cell.value = { formula: `IF(OR(J${r}="",J${r}>$M$2),G${r},"")`, result: open[i] ? amounts[i] : "" } as ExcelJS.CellFormulaValue;
    cell.numFmt = MONEY_FMT;
  });
  items.put("L1", "Abierta");
  items.bold("L1");
  const byRange = `A8:${columnLetter(byResult[0].length)}${7 + byResult.length}`;
  aging.table(byRange, "AGINGBY", [`Partidas!A2:A${last}`, `Partidas!L2:L${last}`, `Partidas!F2:F${last}`, "$B$1", "$K$7:$N$7"], byResult);
  for (let r = 9; r <= 7 + byResult.length; r++) for (let c = 2; c <= byResult[0].length; c++) aging.ws.getCell(r, c).numFmt = MONEY_FMT;
  aging.ws.columns.forEach((c) => (c.width = 14));

  // ---- Funciones: one row per remaining function ---------------------------------------------
  const fx = new Sheet(wb.addWorksheet("Funciones"));
  ["Función", "Nombre en español", "Resultado", "Fórmula", "Argumentos →"].forEach((h, i) => {
    fx.put(`${columnLetter(i + 1)}1`, h);
    fx.bold(`${columnLetter(i + 1)}1`);
  });
  let row = 2;
  /** One example: inputs in E.., the live formula in C, its text in D. */
  const example = (id: string, spanish: string, inputs: (Value | { ref: string })[], result: Value, numFmt?: string): void => {
    const args = inputs.map((v, i) => {
      if (v !== null && typeof v === "object") return v.ref;
      const a = `${columnLetter(5 + i)}${row}`;
      fx.put(a, v);
      return a;
    });
    fx.put(`A${row}`, `CARTERA.${id}`);
    fx.put(`B${row}`, spanish);
    fx.formula(`C${row}`, id, args, result, numFmt);
    fx.put(`D${row}`, shownFormula(id, args));
    row++;
  };
  const ref = (r: string) => ({ ref: r });
  example("DAYSPASTDUE", "DIASVENCIDOS", ["15/09/2026", "31/10/2026"], F.daysPastDue("15/09/2026", "31/10/2026"));
  example("BUCKET", "RANGO", ["15/09/2026", "31/10/2026", "15,30,60,90"], F.bucket("15/09/2026", "31/10/2026", [["15,30,60,90"]]));
  example("DUEDATE", "VENCIMIENTO", ["30/10/2026", 3, ref("$E$22:$F$22"), true], F.dueDate("30/10/2026", 3, [[serial("2026-11-02"), serial("2026-11-16")]], true), DATE_FMT);
  example("DSO", "DSO", [150000, 1800000, 365], F.dso(150000, 1800000, 365), "0.0");
  example("DSOCOUNTBACK", "DSORETRO", [212000, ref("$E$23:$G$23")], F.dsoCountBack(212000, [[70000, 80000, 100000]]), "0.0");
  example("BPDSO", "DSOOPTIMO", [100000, 1800000, 365], F.bpdso(100000, 1800000, 365), "0.0");
  example("ADD", "DIASMORA", [150000, 100000, 1800000, 365], F.averageDaysDelinquent(150000, 100000, 1800000, 365), "0.0");
  example("CEI", "IEC", [100000, 1000000, 120000, 100000, 1], F.cei(100000, 1000000, 120000, 100000, 1), "0.00");
  example(
    "AVGDAYSTOPAY",
    "DIASPROMPAGO",
    [ref(`Partidas!G2:G${last}`), ref(`Partidas!F2:F${last}`), ref(`Partidas!K2:K${last}`)],
    F.avgDaysToPay(col(amounts), col(dues), col(paid)),
    "0.0",
  );
  example("CREDITAVAILABLE", "CREDITODISPONIBLE", [500000, 229550.4, 150000], F.creditAvailable(500000, 229550.4, 150000), MONEY_FMT);
  example("RELEASE", "LIBERAR", [150000, 500000, 379550.4, 138, 15], F.release(150000, 500000, 379550.4, 138, 15));
  example("CHEQUEINDEMNITY", "INDEMNIZACIONCHEQUE", [48350.4], F.chequeIndemnity(48350.4), MONEY_FMT);
  // An empty rate: the legal 6 % a year (Código de Comercio art. 362).
  example("LATEINTEREST", "MORATORIOS", [125000, null, "15/07/2026", "31/10/2026", 360], F.lateInterest(125000, null, "15/07/2026", "31/10/2026", 360), MONEY_FMT);
  example("CLABEVALID", "CLABEVALIDA", ["002010077777777771"], F.clabeValid("002010077777777771"));
  example("CLABEBANK", "BANCOCLABE", ["002010077777777771"], F.clabeBank("002010077777777771"));
  example("RFCVALID", "RFCVALIDO", ["WMT970714R10"], F.rfcValid("WMT970714R10"));
  // A real RFC whose check digit does not verify: valid by default, not when strict.
  example("RFCVALID", "RFCVALIDO", ["SIN9311169P8", true], F.rfcValid("SIN9311169P8", true));
  example("AMOUNT", "IMPORTE", ["1,234.56-"], F.amountFromText("1,234.56-"), MONEY_FMT);
  example("DATE", "FECHA", ["31.10.2026"], F.dateFromText("31.10.2026"), DATE_FMT);
  // Inputs the examples above point at: holidays and three months of sales.
  fx.put("D22", "Festivos:");
  fx.put("E22", serial("2026-11-02"), DATE_FMT);
  fx.put("F22", serial("2026-11-16"), DATE_FMT);
  fx.put("D23", "Ventas mensuales:");
  [70000, 80000, 100000].forEach((v, i) => fx.put(`${columnLetter(5 + i)}23`, v, MONEY_FMT));

  fx.put("A25", "CARTERA.PAYMENTPLAN (CONVENIO): $125,000.00 en 6 pagos al 18 % anual, cada 30 días desde el 30/11/2026");
  fx.bold("A25");
  const plan = F.paymentPlan(125000, 6, 0.18, serial("2026-11-30"));
  fx.put("H26", 125000, MONEY_FMT);
  fx.put("I26", 6);
  fx.put("J26", 0.18, "0%");
  fx.put("K26", serial("2026-11-30"), DATE_FMT);
  fx.table(`A26:F${25 + plan.length}`, "PAYMENTPLAN", ["H26", "I26", "J26", "K26"], plan);
  for (let r = 27; r <= 25 + plan.length; r++) {
    fx.ws.getCell(r, 2).numFmt = DATE_FMT;
    for (let c = 3; c <= 6; c++) fx.ws.getCell(r, c).numFmt = MONEY_FMT;
  }
  fx.ws.columns.forEach((c, i) => (c.width = [20, 20, 16, 44][i] ?? 13));

  fs.mkdirSync(path.dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
  configureHost({});
}

if (require.main === module) {
  const out = path.join(repoRoot(), "samples", "cartera-functions.xlsx");
  buildFunctionsWorkbook(out).then(
    () => process.stdout.write(`${path.relative(process.cwd(), out)}\n`),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
