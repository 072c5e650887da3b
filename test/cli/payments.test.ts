import ExcelJS from "exceljs";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { COMMANDS } from "../../src/cli/commands";
import { run } from "../../src/cli/main";
import { reconcilePaymentsCli } from "../../src/cli/payments";
import { cp1252, sha256, tempDir, write } from "../helpers/files";

// `cartera reconcile payments` is wired by the lead; here the handler is registered under `payments` for the test.
beforeAll(() => {
  COMMANDS.payments = reconcilePaymentsCli;
});
afterAll(() => {
  delete COMMANDS.payments;
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(["payments", ...argv], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const dir = tempDir("cartera-payments-");
const ledger = write(
  dir,
  "fbl5n.txt",
  cp1252(
    [
      "Partidas individuales de deudores",
      "",
      "Cuenta\tNº documento\tClase de documento\tReferencia\tFecha de documento\tVencimiento neto\tImporte en moneda local\tMoneda local\tFecha de compensación\tTexto",
      "0001000123\t9000012345\tRV\tA-23456\t01.09.2026\t01.10.2026\t11,600.00\tMXN\t\tCemento",
      "0001000123\t9000012346\tRV\tA-23457\t05.09.2026\t05.10.2026\t5,800.50\tMXN\t\tVarilla",
      "0001000123\t0090001234\tDR\tB-1802\t10.09.2026\t10.10.2026\t3,480.00\tMXN\t\tFlete a obra",
      "0001000123\t9000011111\tRV\tA-20001\t01.08.2026\t31.08.2026\t7,000.00\tMXN\t30.09.2026\tBlock",
      "*\t\t\t\t\t\t27,880.50\tMXN\t\t",
      "0002000456\t9000020001\tRV\tA-30001\t01.08.2026\t31.08.2026\t2,500.00\tMXN\t\tArena",
      "0002000456\t9000020002\tRV\tA-30002\t15.08.2026\t14.09.2026\t4,000.00\tMXN\t\tGrava",
      "0002000456\t9000020003\tRV\tA-30003\t20.09.2026\t20.10.2026\t1,000.00\tMXN\t\tMortero",
      "0003000789\t9000030001\tRV\tA-40001\t02.09.2026\t02.10.2026\t12,345.67\tMXN\t\tConcreto",
    ].join("\r\n") + "\r\n",
  ),
);
// BBVA México's web CSV. The blank line and the rejected line still count as statement lines.
const bank = write(
  dir,
  "bbva.csv",
  [
    "FECHA,DESCRIPCIÓN,CARGO,ABONO,SALDO",
    '01/10/2026,SALDO ANTERIOR,,,"100,000.00"',
    '01/10/2026,SPEI RECIBIDOBANORTE / 0141401703 072 0000001PAGO FACT A-23456,,"11,600.00","111,600.00"',
    '01/10/2026,COMISION TRANSFERENCIA SPEI,-6.00,,"111,594.00"',
    '02/10/2026,PAGO CUENTA DE TERCERO / 0041782016 BNET 0113831760 PAGO,,"5,800.50","117,394.50"',
    "",
    '02/10/2026,SPEI RECIBIDOSANTANDER / 0187654321 014 7770001PAGO,,"6,500.00","123,894.50"',
    '05/10/2026,DEPOSITO EFECTIVO PRACTIC / ****1234,,"12,345.67","136,240.17"',
    '05/10/2026,SPEI RECIBIDOBANAMEX / 0155551234 002 0000001PAGO FACT A-20001,,"7,000.00","143,240.17"',
    '06/10/2026,SPEI RECIBIDOBANORTE / 0141401799 072 9990008PAGO FLETE,,"3,360.00","146,600.17"',
    '07/10/2026,DEPOSITO DE CHEQUE BANORTE / 0004521 FACT A-30003,,"1,000.00","147,600.17"',
    '08/10/2026,CHEQUE DEVUELTO / 0004521 FONDOS INSUFICIENTES,"-1,000.00",,"146,600.17"',
    '01/10/2026,SPEI RECIBIDOBANORTE / 0141401703 072 0000001PAGO FACT A-23456,,"11,600.00","158,200.17"',
    '09/10/2026,AJUSTE,-5.00,5.00,"158,200.17"',
    '09/10/2026,SPEI RECIBIDOHSBC / 0100000001 021 5550001ANTICIPO,,"20,000.00","178,200.17"',
  ].join("\r\n") + "\r\n",
);
const customers = write(
  dir,
  "clientes.csv",
  "\ufeff" +
    [
      "Cliente,Nombre,RFC,Referencia bancaria,Cuentas bancarias,Nombres alternos",
      '1000123,"Constructora Peña, S.A. de C.V.",CPE010101AB1,9990008,0113831760,',
      '2000456,"Ferretería López Hermanos, S. de R.L. de C.V.",,7770001,,',
      '3000789,"Urbanizadora Celaya, S.A. de C.V.",,,,',
      '4000001,"Grupo Atlas S.A.P.I. de C.V.",,5550001,,',
    ].join("\r\n") +
    "\r\n",
);
const inputs = () => [bank, ledger, customers].map(sha256);

describe("cartera reconcile payments --json", () => {
  test("follows the contract: every deposit matched with its rule and evidence, or left with a reason", async () => {
    const before = inputs();
    const r = await cli("--bank", bank, "--ledger", ledger, "--customers", customers, "--json");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const j = JSON.parse(r.stdout);
    expect(j.asOf).toBe("2026-10-09"); // the statement's last date
    expect(j.matches.map((m: Record<string, unknown>) => [m.bankLine, m.customer, m.documents, m.amount, m.difference, m.rule])).toEqual([
      [2, "0001000123", ["9000012345"], 11600, 0, "reference"],
      [4, "0001000123", ["9000012346"], 5800.5, 0, "payer"],
      [6, "0002000456", ["9000020001", "9000020002"], 6500, 0, "payer"],
      [7, "0003000789", ["9000030001"], 12345.67, 0, "uniqueAmount"],
      [9, "0001000123", ["0090001234"], 3360, -120, "tolerance"],
      [10, "0002000456", ["9000020003"], 1000, 0, "reference"],
    ]);
    expect(j.matches[0].evidence).toBe("«A23456» es 9000012345 (A-23456)");
    expect(j.matches[1].evidence).toBe("cuenta 0113831760 de 0001000123; importe igual a 9000012346 (A-23457)");
    expect(j.matches[2].evidence).toContain("las 2 facturas más antiguas");
    expect(j.matches[3].evidence).toBe("9000030001 (A-40001) es la única de 7 partidas abiertas con este importe");
    expect(j.matches[4].differenceTo).toEqual({ kind: "withholding", account: "IVA retenido por clientes", amount: 120 });
    expect(j.matches[5].reversedBy).toBe(11);
    expect(j.unmatched).toEqual([
      { bankLine: 8, date: "2026-10-05", description: "SPEI RECIBIDOBANAMEX / 0155551234 002 0000001PAGO FACT A-20001", amount: 7000, reason: "paga 9000011111, que ya estaba compensada el 30/09/2026: posible doble pago", suggestions: [] },
      { bankLine: 12, date: "2026-10-01", description: "SPEI RECIBIDOBANORTE / 0141401703 072 0000001PAGO FACT A-23456", amount: 11600, reason: "repite la línea 2 (misma fecha, importe y referencia): posible depósito duplicado", suggestions: [] },
      { bankLine: 14, date: "2026-10-09", description: "SPEI RECIBIDOHSBC / 0100000001 021 5550001ANTICIPO", amount: 20000, reason: "referencia bancaria 5550001 identifica a 4000001, que no tiene partidas abiertas en el libro", customer: "4000001", suggestions: [] },
    ]);
    expect(j.duplicates).toEqual([{ bankLines: [2, 12], date: "2026-10-01", amount: 11600, reason: "líneas 2, 12 con la misma fecha, importe y referencia: posible depósito duplicado" }]);
    expect(j.doublePayments).toEqual([{ bankLine: 8, kind: "alreadyCleared", document: "9000011111", customer: "0001000123", amount: 7000, clearedOn: "2026-09-30" }]);
    expect(j.returnedCheques).toEqual([{ bankLine: 11, date: "2026-10-08", reverses: 10, candidates: [], customer: "0002000456", amount: 1000, indemnity: 200 }]);
    expect(j.unapplied).toEqual([{ customer: "4000001", name: "Grupo Atlas S.A.P.I. de C.V.", currency: "MXN", leftover: 0, unapplied: 20000, total: 20000, bankLines: [14] }]);
    expect(j.fees).toEqual([{ bankLine: 3, date: "2026-10-01", amount: 6, description: "COMISION TRANSFERENCIA SPEI" }]);
    expect(j.stats).toMatchObject({ deposits: 9, matched: 6, unmatched: 3, autoMatchRate: 0.6667, byRule: { reference: 2, payer: 2, tolerance: 1, uniqueAmount: 1 } });
    expect(j.rejected.bank).toEqual([{ row: 14, column: "CARGO", value: "-5.00", reason: "la línea trae a la vez un abono y un cargo: no se puede saber cuál es" }]);
    expect(j.rows.ledger).toMatchObject({ items: 8, open: 7, cleared: 1, subtotalRows: 1 });
    expect(inputs()).toEqual(before);
  });

  test("a key date before the clearing makes the cleared invoice open again; English", async () => {
    const j = JSON.parse((await cli("--bank", bank, "--ledger", ledger, "--customers", customers, "--json", "--as-of", "2026-09-29", "--lang", "en")).stdout);
    expect(j.asOf).toBe("2026-09-29");
    expect(j.matches.find((m: { bankLine: number }) => m.bankLine === 8)).toMatchObject({ documents: ["9000011111"], rule: "reference" });
    expect(j.unmatched[0].reason).toBe("repeats line 2 (same date, amount and reference): possible duplicate deposit");
  });

  test("without the master only references and unique amounts identify a payer", async () => {
    const j = JSON.parse((await cli("--bank", bank, "--ledger", ledger, "--json")).stdout);
    expect(j.matches.map((m: { bankLine: number; rule: string }) => [m.bankLine, m.rule])).toEqual([[2, "reference"], [4, "uniqueAmount"], [7, "uniqueAmount"], [10, "reference"]]);
    expect(j.unmatched.find((u: { bankLine: number }) => u.bankLine === 6).reason).toBe("ni referencia, ni ordenante, ni un importe único identifican el pago");
  });
});

describe("cartera reconcile payments --out and --posting", () => {
  test("the posting file in its documented layout, and the workbook with the same sheet and the review lists", async () => {
    const out = join(dir, "res", "pagos.xlsx");
    const posting = join(dir, "res", "aplicacion.csv");
    const r = await cli("--bank", bank, "--ledger", ledger, "--customers", customers, "--out", out, "--posting", posting);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Conciliados automáticamente 6 de 9 depósitos (66.7 %); por regla: referencia 2, ordenante e importe 2, ordenante e importe con tolerancia 1, importe único 1.");
    expect(r.stdout).toContain("  línea 8 · 05/10/2026 · $7,000.00: paga 9000011111, que ya estaba compensada el 30/09/2026: posible doble pago");
    expect(r.stdout).toContain("fila 14, CARGO = \"-5.00\": la línea trae a la vez un abono y un cargo");
    expect(r.stdout).toContain(`Archivo de aplicación: ${posting} (7 líneas)`);
    expect(readFileSync(posting, "utf8")).toBe(
      "\ufefftype,customer,document,invoice_reference,amount,currency,bank_date,bank_reference,residual,bank_line,rule,account\r\n" +
        "clear,0001000123,9000012345,A-23456,11600.00,MXN,2026-10-01,0141401703,0.00,2,reference,\r\n" +
        "clear,0001000123,9000012346,A-23457,5800.50,MXN,2026-10-02,0041782016,0.00,4,payer,\r\n" +
        "clear,0002000456,9000020001,A-30001,2500.00,MXN,2026-10-02,0187654321,0.00,6,payer,\r\n" +
        "clear,0002000456,9000020002,A-30002,4000.00,MXN,2026-10-02,0187654321,0.00,6,payer,\r\n" +
        "clear,0003000789,9000030001,A-40001,12345.67,MXN,2026-10-05,,0.00,7,uniqueAmount,\r\n" +
        "clear,0001000123,0090001234,B-1802,3480.00,MXN,2026-10-06,0141401799,0.00,9,tolerance,\r\n" +
        "difference,0001000123,,,120.00,MXN,2026-10-06,0141401799,0.00,9,tolerance,IVA retenido por clientes\r\n",
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Resumen", "Aplicación", "Conciliados", "Sin conciliar", "Duplicados", "Posible doble pago", "Cheques devueltos", "Reversos", "Saldo sin aplicar", "Comisiones", "Rechazados banco", "Rechazados libro"]);
    const cheques = wb.getWorksheet("Cheques devueltos")!;
    const header = (cheques.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain("Indemnización 20 %");
    const row = (cheques.getRow(2).values as unknown[]).slice(1);
    expect(row).toContain(200);
  });

  test("never writes over an input, a folder, or the workbook itself", async () => {
    const same = await cli("--bank", bank, "--ledger", ledger, "--posting", bank);
    expect([same.code, same.stderr]).toEqual([2, `cartera: --posting ${bank} es el mismo archivo que la entrada ${bank}: no se sobrescribe ningún archivo de entrada\nUse --help para ver las opciones.`]);
    const folder = join(dir, "carpeta.csv");
    mkdirSync(folder, { recursive: true });
    expect((await cli("--bank", bank, "--ledger", ledger, "--posting", folder)).stderr).toContain("es una carpeta");
    expect((await cli("--bank", bank, "--ledger", ledger, "--posting", join(dir, "x.xlsx"))).stderr).toContain("use un nombre terminado en .csv");
    expect((await cli("--bank", bank, "--ledger", ledger, "--posting", join(dir, "y"), "--out", join(dir, "y.csv"))).code).toBe(2);
    expect(existsSync(join(dir, "y.csv"))).toBe(false);
  });
});

describe("cartera reconcile payments: bad input", () => {
  test("usage: the two files are required; --help", async () => {
    expect(await cli("--ledger", ledger)).toEqual({ code: 2, stdout: "", stderr: "cartera: indique el estado de cuenta: --bank ARCHIVO\nUse --help para ver las opciones." });
    expect((await cli("--bank", bank)).stderr).toContain("--ledger ARCHIVO");
    expect((await cli("--bank", bank, "--ledger", ledger, "--as-of", "31/10/2026")).code).toBe(2);
    expect((await cli("--help", "--lang", "en")).stdout).toContain("Usage: cartera reconcile payments --bank STATEMENT --ledger LEDGER");
  });

  test("a statement in an unknown layout names the columns it needs", async () => {
    const other = write(dir, "ventas.csv", "Producto,Precio\nCemento,250\n");
    const r = await cli("--bank", other, "--ledger", ledger);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('cartera: No se encontró la fila de encabezados en las primeras 30 filas. Encabezados encontrados: "Producto", "Precio". Se necesitan: Fecha; Descripción o Referencia o Referencia ampliada; Abono o Cargo o Importe.');
  });

  test("a statement with only charges says there is nothing to apply", async () => {
    const charges = write(dir, "cargos.csv", "FECHA,DESCRIPCIÓN,CARGO,ABONO,SALDO\n01/10/2026,COMISION SPEI,-6.00,,100.00\n02/10/2026,PAGO DE SERVICIO CFE,-500.00,,-400.00\n");
    const r = await cli("--bank", charges, "--ledger", ledger);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("El estado de cuenta no trae depósitos (solo cargos o líneas sin importe): no hay nada que aplicar.");
    expect(JSON.parse((await cli("--bank", charges, "--ledger", ledger, "--json")).stdout).stats).toMatchObject({ deposits: 0, matched: 0, autoMatchRate: 0, charges: 2 });
  });

  test("zero and negative deposit lines, and empty descriptions, are read without a guess", async () => {
    const odd = write(dir, "raros.csv", "FECHA,DESCRIPCIÓN,CARGO,ABONO,SALDO\n01/10/2026,,,0.00,100.00\n01/10/2026,,,\"11,600.00\",11700.00\n02/10/2026,REVERSO,,\"-11,600.00\",100.00\n");
    const j = JSON.parse((await cli("--bank", odd, "--ledger", ledger, "--json")).stdout);
    expect(j.stats).toMatchObject({ deposits: 1, zeroLines: 1, charges: 1 });
    // The deposit was applied by its amount alone; the reversal takes it back, so its invoice stays open.
    expect(j.matches).toEqual([expect.objectContaining({ bankLine: 2, rule: "uniqueAmount", documents: ["9000012345"], reversedBy: 3 })]);
    expect(j.reversals).toEqual([{ bankLine: 3, date: "2026-10-02", reverses: 2, candidates: [], customer: "0001000123", amount: 11600 }]);
  });

  test("two customers with the same bank reference: review, never a guess; the master is warned about", async () => {
    const shared = write(dir, "compartida.csv", "Cliente,Nombre,Referencia bancaria\n1000123,Constructora Peña,7770001\n2000456,Ferretería López,7770001\n");
    const r = await cli("--bank", bank, "--ledger", ledger, "--customers", shared, "--json");
    const j = JSON.parse(r.stdout);
    expect(j.unmatched.find((u: { bankLine: number }) => u.bankLine === 6)).toMatchObject({ reason: "la referencia bancaria 7770001 es de varios clientes (1000123, 2000456): revisar, no se adivina" });
    expect(j.unmatched.find((u: { bankLine: number }) => u.bankLine === 6).suggestions.map((s: { documents: string[] }) => s.documents)).toEqual([["9000020001", "9000020002"]]);
    expect(j.warnings).toEqual([{ table: "customers", reason: "referencia bancaria 7770001 aparece en varios clientes del maestro: 1000123, 2000456" }]);
    expect(r.stderr).toBe("Aviso (maestro de clientes): referencia bancaria 7770001 aparece en varios clientes del maestro: 1000123, 2000456");
  });

  test("a policy file that is not JSON, or misspells a setting, is refused with what is wrong", async () => {
    const broken = write(dir, "politica.json", "{ tolerance: 5 }");
    const r1 = await cli("--bank", bank, "--ledger", ledger, "--policy", broken);
    expect([r1.code, r1.stderr.startsWith(`cartera: La política ${broken} no es JSON válido:`)]).toEqual([1, true]);
    const typo = write(dir, "politica2.json", JSON.stringify({ tolerance: { bankFees: 10 }, uniqueAmount: { minimum: -1 } }));
    const r2 = await cli("--bank", bank, "--ledger", ledger, "--policy", typo, "--lang", "en");
    expect(r2.stderr).toBe(`cartera: The policy ${typo} has errors: policy: "tolerance.bankFees" is not a known setting (check its spelling); policy, uniqueAmount.minimum: expected an amount of 0 or more (e.g. 50.00), not -1`);
    expect((await cli("--bank", bank, "--ledger", ledger, "--policy", join(dir, "no-existe.json"))).stderr).toContain("No se encontró el archivo");
  });

  test("the policy switches a rule off and changes a tolerance", async () => {
    const policy = write(dir, "estricta.json", JSON.stringify({ rules: { uniqueAmount: false }, tolerance: { withholdings: [] } }));
    const j = JSON.parse((await cli("--bank", bank, "--ledger", ledger, "--customers", customers, "--policy", policy, "--json")).stdout);
    expect(j.matches.map((m: { bankLine: number }) => m.bankLine)).toEqual([2, 4, 6, 10]);
    expect(j.unmatched.find((u: { bankLine: number }) => u.bankLine === 9).reason).toBe("referencia bancaria 9990008 identifica a 0001000123, pero ninguna factura abierta ni combinación suya da el importe");
  });
});
