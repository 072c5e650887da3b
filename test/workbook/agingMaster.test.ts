/**
 * The aging job with a customer master (the pane's "Maestro de clientes", the command line's
 * `--customers`): read through the same port and TableReader as the ledger, it adds names,
 * payment terms and the summary's plaza and credit-limit columns; its bad rows are warnings;
 * without one the result is exactly as before.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runAging } from "../../src/cli/aging";
import { CUSTOMER_SPEC } from "../../src/core/tables/customers";
import { parseIsoDate } from "../../src/core/dates";
import { LEDGER_SPEC } from "../../src/core/tables/ledger";
import { describe as describeProblem } from "../../src/core/messages";
import type { TableSpec } from "../../src/core/tables/columns";
import { runAgingJob, type TableInput } from "../../src/workbook/agingJob";
import { inThreadIo } from "../../src/workbook/fileIo";
import { FileWorkbook } from "../../src/workbook/fileWorkbook";
import { detectTable, isDetected } from "../../src/workbook/mapping";
import type { SourceRef } from "../../src/workbook/port";
import { optionsFrom, optionsRecord } from "../../src/workbook/settings";

const ROOT = join(__dirname, "..", "..");
const LEDGER = join(ROOT, "samples", "ledger-fbl5n.txt");
const CUSTOMERS = join(ROOT, "samples", "customers.csv");
const AS_OF = parseIsoDate("2026-10-31")!;
const EDGES = [30, 60, 90, 120];

function workbook() {
  return new FileWorkbook({ save: () => undefined, storage: null, io: inThreadIo });
}

async function tableInput(wb: FileWorkbook, source: SourceRef, spec: TableSpec): Promise<TableInput> {
  const preview = await wb.preview(source, 30);
  const table = detectTable(spec, preview);
  if (!isDetected(table)) throw table;
  return { source, preview, table };
}

const enc = (text: string) => new TextEncoder().encode(text);

/** No due date and no terms column: the master's terms decide when each invoice falls due. */
const LEDGER_CSV = ["Cliente,Documento,Fecha documento,Importe,Moneda", "C1,F-1,01/09/2026,1000.00,MXN", "C2,F-2,01/09/2026,500.00,MXN", "C3,F-3,01/09/2026,250.00,MXN"].join("\n");
const MASTER_CSV = [
  "Cliente,Nombre,Plazo,Límite de crédito,Plaza",
  "C1,Uno S.A.,60,10000.00,León",
  "C2,Dos S.A.,quince días,5000.00,Celaya", // terms not understood → a warning, C2 not in the master
  "C3,Tres S.A.,30,mucho,Silao", // limit not an amount → a warning
].join("\n");

describe("aging job with a customer master", () => {
  it("gives the command line's --customers result for the samples: names, totals, plaza and credit limit", async () => {
    const wb = workbook();
    const ledger = await wb.open(new Uint8Array(readFileSync(LEDGER)), "ledger-fbl5n.txt", LEDGER_SPEC);
    const masterRef = await wb.open(new Uint8Array(readFileSync(CUSTOMERS)), "customers.csv", CUSTOMER_SPEC, undefined, "customers");
    // The master neither replaces nor displaces the ledger.
    expect(masterRef.key).toBe("file:customers:customers.csv");
    expect(masterRef.preferred).toBe(false);
    expect((await wb.listSources()).find((s) => s.preferred)?.key).toBe(ledger.key);

    const { preview, table } = await tableInput(wb, ledger, LEDGER_SPEC);
    const master = await tableInput(wb, masterRef, CUSTOMER_SPEC);
    const job = await runAgingJob({ port: wb, source: ledger, preview, table, master, asOf: AS_OF, edges: EDGES, basis: "due", lang: "es", write: false });
    const cli = await runAging({ ledger: LEDGER, customers: CUSTOMERS, asOf: AS_OF, edges: EDGES, basis: "due", currency: "MXN", lang: "es" });
    expect([...job.result.totalsByCurrency]).toEqual([...cli.result.totalsByCurrency]);
    expect(job.result.customers).toEqual(cli.result.customers);
    expect(job.master!.size).toBe(cli.customers!.master.size);
    expect(job.masterRejected).toEqual(cli.customers!.rejected);

    const summary = job.report.sheets[0];
    const keys = summary.columns.map((c) => c.key);
    expect(keys.slice(-2)).toEqual(["plaza", "limit"]);
    expect(summary.columns.slice(-2).map((c) => c.header)).toEqual(["Plaza", "Límite de crédito"]);
    const first = summary.rows[0];
    const known = cli.customers!.master.get(String(first[0]))!;
    expect(first.slice(-2)).toEqual([known.plaza, known.creditLimit]);
    expect(summary.rows.filter((r) => r[keys.indexOf("plaza")] !== "").length).toBeGreaterThan(0);
  });

  it("uses the master's names and terms when the ledger has neither, and reports its bad rows as warnings", async () => {
    const wb = workbook();
    const ledger = await wb.open(enc(LEDGER_CSV), "partidas.csv", LEDGER_SPEC);
    const masterRef = await wb.open(enc(MASTER_CSV), "clientes.csv", CUSTOMER_SPEC, undefined, "customers");
    const { preview, table } = await tableInput(wb, ledger, LEDGER_SPEC);
    const master = await tableInput(wb, masterRef, CUSTOMER_SPEC);
    const job = await runAgingJob({ port: wb, source: ledger, preview, table, master, asOf: AS_OF, edges: EDGES, basis: "due", lang: "es", write: false });

    // C1: 60 days from 1 Sep → due 31 Oct → current. C2 and C3 are not in the master (their rows were
    // rejected) → due on their document date → 60 days past due (31-60).
    const byCode = Object.fromEntries(job.result.customers.map((c) => [c.customer, c]));
    expect(byCode.C1).toMatchObject({ name: "Uno S.A.", buckets: [100000, 0, 0, 0, 0, 0], overdue: 0 });
    expect(byCode.C2).toMatchObject({ name: "", buckets: [0, 0, 50000, 0, 0, 0] });
    expect(byCode.C3).toMatchObject({ name: "", buckets: [0, 0, 25000, 0, 0, 0] });
    expect(job.master!.size).toBe(1);
    expect(job.masterRejected.map((r) => ({ row: r.row, column: r.column, value: r.value }))).toEqual([
      { row: 3, column: "Plazo", value: "quince días" },
      { row: 4, column: "Límite de crédito", value: "mucho" },
    ]);
    expect(describeProblem(job.masterRejected[1].problem, "es")).toMatch(/mucho/);
    // The ledger's own rejections are not mixed with the master's.
    expect(job.rejected).toEqual([]);

    const summary = job.report.sheets[0];
    const plaza = summary.columns.findIndex((c) => c.key === "plaza");
    expect(summary.rows.map((r) => [r[0], r[1], r[plaza], r[plaza + 1]])).toEqual([
      ["C1", "Uno S.A.", "León", 1000000],
      ["C2", "", "", null],
      ["C3", "", "", null],
    ]);
  });

  it("without a master the result is unchanged: no plaza or limit columns, nothing reported", async () => {
    const wb = workbook();
    const ledger = await wb.open(enc(LEDGER_CSV), "partidas.csv", LEDGER_SPEC);
    const { preview, table } = await tableInput(wb, ledger, LEDGER_SPEC);
    const job = await runAgingJob({ port: wb, source: ledger, preview, table, asOf: AS_OF, edges: EDGES, basis: "due", lang: "en", write: false });
    expect(job.master).toBeUndefined();
    expect(job.masterRejected).toEqual([]);
    expect(job.report.sheets[0].columns.map((c) => c.key)).not.toContain("plaza");
    expect(job.report.sheets[0].columns.map((c) => c.key)).not.toContain("limit");
    // Every item due on its document date (1 Sep): 60 days past due.
    expect(job.result.totalsByCurrency.get("MXN")!.buckets).toEqual([0, 0, 175000, 0, 0, 0]);
  });

  it("a master without a customer column is refused when opened, with the readers' message", async () => {
    const wb = workbook();
    await expect(wb.open(enc("Producto,Precio\nCemento,250\n"), "otro.csv", CUSTOMER_SPEC, undefined, "customers")).rejects.toThrow(/header|encabezados/i);
  });

  it("remembers the master with the other settings", () => {
    const s = optionsFrom({ "aging.customers": "sheet:Clientes", "aging.source": "table:Partidas" }, "aging");
    expect(s.customers).toBe("sheet:Clientes");
    expect(optionsRecord("aging", s)["aging.customers"]).toBe("sheet:Clientes");
    expect(optionsRecord("aging", { ...s, customers: undefined })["aging.customers"]).toBe(""); // forgotten
  });

  it("replaces the previous master file and can forget it", async () => {
    const wb = workbook();
    const a = await wb.open(enc(MASTER_CSV), "a.csv", CUSTOMER_SPEC, undefined, "customers");
    const b = await wb.open(enc(MASTER_CSV), "b.csv", CUSTOMER_SPEC, undefined, "customers");
    expect((await wb.listSources()).map((s) => s.key)).toEqual([b.key]);
    expect(a.key).not.toBe(b.key);
    wb.close(b);
    expect(await wb.listSources()).toEqual([]);
  });
});
