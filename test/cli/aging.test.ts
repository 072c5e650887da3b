import ExcelJS from "exceljs";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { run } from "../../src/cli/main";
import { cp1252, sha256, tempDir, write } from "../helpers/files";

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const dir = tempDir();
const header = "\tCuenta\tNº documento\tClase de documento\tFecha de documento\tFe.contabilización\tVencimiento neto\tImporte en moneda local\tMoneda local\tImporte en moneda doc.\tMoneda del documento\tFecha de compensación\tCondiciones de pago";
const lines = [
  "Partidas individuales de deudores",
  "",
  header,
  "\t0001000123\t1800000001\tRV\t01.08.2026\t01.08.2026\t31.08.2026\t10,000.00\tMXN\t10,000.00\tMXN\t\tZ030", // 61 days
  "\t0001000123\t1800000002\tRV\t15.10.2026\t15.10.2026\t14.11.2026\t2,500.50\tMXN\t2,500.50\tMXN\t\tZ030", // current
  "\t0001000123\t1800000003\tDG\t20.10.2026\t20.10.2026\t20.10.2026\t500.25-\tMXN\t500.25-\tMXN\t\t", // credit, 11 days
  "\t0001000123\t1800000004\tRV\t01.05.2026\t01.05.2026\t31.05.2026\t7,000.00\tMXN\t7,000.00\tMXN\t15.10.2026\tZ030", // cleared before
  "\t0001000123\t1800000005\tRV\t02.11.2026\t02.11.2026\t02.12.2026\t9,000.00\tMXN\t9,000.00\tMXN\t\tZ030", // posted after
  "*\t0001000123\t\t\t\t\t\t12,000.25\tMXN\t\t\t\t",
  "\t0000200001\t1800000006\tRV\t01.06.2026\t01.06.2026\t\t18,000.00\tMXN\t1,000.00\tUSD\t\tZ045", // USD, due 16.07 → 107 days
  "\t0000200001\t1800000007\tRV\t01.06.2026\t01.06.2026\t01.07.2026\t3,000.00\tMXN\t3,000.00\tMXN\t05.11.2026\t", // cleared after key date: open, 122 days
  "\t0000200001\t1800000008\tRV\t01.06.2026\t01.06.2026\t31.02.2026\t1.00\tMXN\t1.00\tMXN\t\t", // bad date
  "**\t\t\t\t\t\t\t33,000.25\tMXN\t\t\t\t",
];
const ledger = write(dir, "fbl5n.txt", cp1252(lines.join("\r\n") + "\r\n"));

describe("cartera aging --json", () => {
  test("follows the contract", async () => {
    const before = sha256(ledger);
    const r = await cli("aging", ledger, "--as-of", "2026-10-31", "--json");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const json = JSON.parse(r.stdout);
    expect(json.asOf).toBe("2026-10-31");
    expect(json.basis).toBe("due");
    expect(json.buckets).toEqual(["current", "1-30", "31-60", "61-90", "91-120", "120+"]);
    expect(json.customers).toEqual([
      { customer: "0000200001", name: "", currency: "MXN", buckets: [0, 0, 0, 0, 0, 3000], total: 3000, overdue: 3000, unappliedCredits: 0, maxDaysPastDue: 122, items: 1 },
      { customer: "0000200001", name: "", currency: "USD", buckets: [0, 0, 0, 0, 1000, 0], total: 1000, overdue: 1000, unappliedCredits: 0, maxDaysPastDue: 107, items: 1 },
      { customer: "0001000123", name: "", currency: "MXN", buckets: [2500.5, -500.25, 0, 10000, 0, 0], total: 12000.25, overdue: 9499.75, unappliedCredits: -500.25, maxDaysPastDue: 61, items: 3 },
    ]);
    expect(json.totals).toBeUndefined();
    expect(json.totalsByCurrency).toEqual({
      MXN: { buckets: [2500.5, -500.25, 0, 10000, 0, 3000], total: 15000.25, overdue: 12499.75 },
      USD: { buckets: [0, 0, 0, 0, 1000, 0], total: 1000, overdue: 1000 },
    });
    expect(json.rejected).toEqual([{ row: 12, column: "Vencimiento neto", value: "31.02.2026", reason: expect.stringContaining("31/02/2026") }]);
    expect(json.skipped).toMatchObject({ subtotalRows: 2, notOpenAtKeyDate: 2 });
    expect(sha256(ledger)).toBe(before);
  });

  test("single currency gives totals; custom buckets and document basis", async () => {
    const csv = write(dir, "mxn.csv", "Cliente,Nº documento,Fecha de documento,Vencimiento neto,Importe\n00042,A,01/09/2026,20/10/2026,100.10\n00042,B,01/10/2026,01/11/2026,0.20\n");
    const r = await cli("aging", csv, "--as-of", "2026-10-31", "--json", "--buckets", "15,30,60,90");
    const json = JSON.parse(r.stdout);
    expect(json.buckets).toEqual(["current", "1-15", "16-30", "31-60", "61-90", "90+"]);
    expect(json.totals).toEqual({ buckets: [0.2, 100.1, 0, 0, 0, 0], total: 100.3, overdue: 100.1 });
    expect(json.customers[0].customer).toBe("00042");
    const doc = JSON.parse((await cli("aging", csv, "--as-of", "2026-10-31", "--json", "--basis", "document")).stdout);
    expect(doc.basis).toBe("document");
    expect(doc.totals.buckets).toEqual([0, 0.2, 100.1, 0, 0, 0]);
  });

  test("customer master adds names and terms", async () => {
    const csv = write(dir, "noterms.csv", "Cliente,Nº documento,Fecha de documento,Importe\n0001000123,A,01/09/2026,100.00\n0001000999,B,01/09/2026,50.00\n");
    const master = write(dir, "clientes.csv", "\ufeffCliente,Nombre,RFC,Plazo,Límite de crédito,Correo,Plaza\n1000123,\"Constructora Peña, S.A. de C.V.\",CPE010101AB1,45,\"500,000.00\",cobranza@pena.mx;pagos@pena.mx,León\n");
    const json = JSON.parse((await cli("aging", csv, "--as-of", "2026-10-31", "--json", "--customers", master)).stdout);
    expect(json.customers[0]).toMatchObject({ customer: "0001000123", name: "Constructora Peña, S.A. de C.V.", buckets: [0, 100, 0, 0, 0, 0], maxDaysPastDue: 15 });
    expect(json.customers[1]).toMatchObject({ customer: "0001000999", name: "", buckets: [0, 0, 50, 0, 0, 0], maxDaysPastDue: 60 });
  });
});

describe("cartera aging --out", () => {
  test("writes summary, detail and rejected sheets a manager can read", async () => {
    const out = join(dir, "out", "aging.xlsx");
    const r = await cli("aging", ledger, "--as-of", "2026-10-31", "--out", out, "--lang", "es");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Antigüedad de saldos");
    expect(existsSync(out)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Resumen", "Detalle", "Rechazados"]);
    const s = wb.getWorksheet("Resumen")!;
    expect(s.getCell("A1").value).toBe("Antigüedad de saldos");
    const headerRow = s.getRow(4).values as unknown[];
    expect(headerRow.slice(1, 10)).toEqual(["Cliente", "Nombre", "Moneda", "Corriente", "1-30", "31-60", "61-90", "91-120", "120+"]);
    expect(s.views[0]).toMatchObject({ state: "frozen", ySplit: 4 });
    expect(s.autoFilter).toBeTruthy();
    const rowFor = (cust: string, cur: string) => {
      for (let i = 5; i <= s.rowCount; i++) if (s.getCell(i, 1).value === cust && s.getCell(i, 3).value === cur) return s.getRow(i);
      throw new Error(`${cust} ${cur} not found`);
    };
    const r1 = rowFor("0001000123", "MXN");
    expect(r1.getCell(4).value).toBe(2500.5);
    expect(r1.getCell(7).value).toBe(10000);
    expect(r1.getCell(10).value).toBe(12000.25);
    expect(String(r1.getCell(10).numFmt)).toContain('"$"#,##0.00');
    expect(String(rowFor("0000200001", "USD").getCell(8).numFmt)).toContain("US$");
    // totals per currency, bold
    const totals = [] as unknown[];
    s.eachRow((row) => {
      if (typeof row.getCell(1).value === "string" && (row.getCell(1).value as string).startsWith("Total ")) totals.push([row.getCell(1).value, row.getCell(10).value, row.getCell(1).font?.bold]);
    });
    expect(totals).toEqual([["Total MXN", 15000.25, true], ["Total USD", 1000, true]]);
    // overdue highlighting is real conditional formatting
    const cf = (s as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings;
    expect(cf.length).toBeGreaterThanOrEqual(6);
    const detail = wb.getWorksheet("Detalle")!;
    expect(detail.rowCount).toBe(1 + 5);
    const d2 = detail.getRow(2);
    expect(d2.getCell(3).value).toBe("1800000001");
    expect((d2.getCell(7).value as Date).toISOString().slice(0, 10)).toBe("2026-08-31");
    expect(d2.getCell(8).value).toBe(61);
    expect(d2.getCell(9).value).toBe("61-90");
    const rej = wb.getWorksheet("Rechazados")!;
    expect(rej.getRow(2).values).toEqual([undefined, 12, "Vencimiento neto", "31.02.2026", expect.stringContaining("no existe")]);
  });

  test("refuses to overwrite the input", async () => {
    const r = await cli("aging", ledger, "--as-of", "2026-10-31", "--out", ledger);
    expect(r.code).toBe(2);
  });
});

describe("exit codes and messages", () => {
  test("bad usage exits 2 with a hint", async () => {
    expect((await cli("aging")).code).toBe(2);
    expect((await cli("aging", ledger, "--as-of", "31/10/2026")).code).toBe(2);
    expect((await cli("aging", ledger, "--buckets", "30,20")).code).toBe(2);
    expect((await cli("aging", ledger, "--basis", "posting")).code).toBe(2);
    expect((await cli("aging", ledger, "--nope")).code).toBe(2);
    expect((await cli("frobnicate")).code).toBe(2);
    const r = await cli("aging", ledger, "--as-of", "2026-13-01", "--lang", "en");
    expect(r.stderr).toMatch(/not a valid YYYY-MM-DD date/);
  });

  test("--help for every command", async () => {
    const main = await cli("--help");
    expect(main.code).toBe(0);
    expect(main.stdout).toMatch(/aging/);
    const aging = await cli("aging", "--help", "--lang", "en");
    expect(aging.code).toBe(0);
    expect(aging.stdout).toMatch(/--as-of/);
    expect((await cli("--version")).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  test("bad input exits 1 with one clear line, never a stack trace", async () => {
    const cases = [
      write(dir, "empty.txt", ""),
      write(dir, "binary.csv", Buffer.from([0, 1, 2, 3, 4, 255, 0, 7])),
      write(dir, "noheader.csv", "a,b,c\n1,2,3\n"),
      join(dir, "missing.xlsx"),
    ];
    for (const file of cases) {
      const r = await cli("aging", file, "--as-of", "2026-10-31", "--json");
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr.split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
    }
  });

  test("human-readable text without --json", async () => {
    const r = await cli("aging", ledger, "--as-of", "2026-10-31", "--lang", "en");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Accounts receivable aging/);
    expect(r.stdout).toMatch(/Total MXN/);
    expect(r.stdout).toMatch(/row 12, Vencimiento neto = "31.02.2026": .* does not exist/);
  });
});
