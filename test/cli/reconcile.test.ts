import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../../src/cli/main";
import { generateDeliveriesSample, generateStatementSample } from "../../samples/reconcile";
import { cp1252, sha256, tempDir, write } from "../helpers/files";

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const dir = tempDir();
const ROOT = join(__dirname, "..", "..");

const deliveries = write(
  dir,
  "remisiones.csv",
  "\ufeff" +
    [
      "Reporte de remisiones",
      "",
      "Remisión,Fecha de entrega,Cliente,Nombre,Obra,Planta,Material,Cantidad,Unidad,Importe,Estatus",
      "R1001,01/10/2026,0001000123,Constructora Peña,Torre A,P01,CON250,7.5,M3,\"17,625.00\",",
      "R1002,01/10/2026,0001000123,Constructora Peña,Torre A,P01,CON250,7.5,M3,\"17,625.00\",",
      "R1003,02/10/2026,0001000123,Constructora Peña,Torre A,P01,CON250,7.5,M3,\"17,625.00\",",
      "R1004,03/10/2026,0001000123,Constructora Peña,Torre A,P01,CON250,7.5,M3,\"17,625.00\",",
      "R1005,03/10/2026,0001000123,Constructora Peña,Torre A,P01,CON250,7.5,M3,\"17,625.00\",",
      "R1006,03/10/2026,0001000456,Urbanizadora Celaya,Blvd. Norte,P02,GRAVA,12.345,T,\"5,184.90\",",
      "R1007,04/10/2026,0001000456,Urbanizadora Celaya,Blvd. Norte,P02,GRAVA,10,T,\"4,200.00\",Cancelada",
      "Remisión,Fecha de entrega,Cliente,Nombre,Obra,Planta,Material,Cantidad,Unidad,Importe,Estatus",
      "R1008,31/09/2026,0001000456,Urbanizadora Celaya,Blvd. Norte,P02,GRAVA,10,T,\"4,200.00\",",
    ].join("\r\n") +
    "\r\n",
);
const invoices = write(
  dir,
  "facturas.csv",
  [
    "Factura,Fecha factura,Cliente,Material,Cantidad facturada,Unidad,Valor neto,Remisiones",
    "A-5001,05/10/2026,1000123,CON250,15,M3,\"35,250.00\",\"R1001, R1002\"",
    "A-5002,05/10/2026,1000123,CON250,7.5,M3,\"17,625.00\",R0999",
    "A-5003,06/10/2026,1000123,CON250,8,M3,\"17,625.00\",r1003",
    "A-5004,06/10/2026,1000123,CON250,7.5,M3,\"17,625.00\",R1004",
    "A-5010,07/10/2026,1000123,CON250,7.5,M3,\"17,625.00\",Rem. 0001004",
    "A-5011,07/10/2026,1000456,GRAVA,12.345,T,\"5,184.90\",R1006;R1007",
  ].join("\r\n") + "\r\n",
);

describe("cartera reconcile deliveries", () => {
  test("--json follows the contract", async () => {
    const before = [sha256(deliveries), sha256(invoices)];
    const r = await cli("reconcile", "deliveries", "--deliveries", deliveries, "--invoices", invoices, "--to", "2026-10-31", "--json");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const j = JSON.parse(r.stdout);
    expect(j.matched).toEqual([
      { remission: "R1001", invoice: "A-5001" },
      { remission: "R1002", invoice: "A-5001" },
      { remission: "R1003", invoice: "A-5003" },
      { remission: "R1004", invoice: "A-5004" },
      { remission: "R1004", invoice: "A-5010" },
      { remission: "R1006", invoice: "A-5011" },
    ]);
    expect(j.notInvoiced).toEqual([expect.objectContaining({ remission: "R1005", customer: "0001000123", date: "2026-10-03", quantity: 7.5, amount: 17625, ageDays: 28 })]);
    expect(j.missingRemissions).toEqual([
      expect.objectContaining({ invoice: "A-5002", remission: "R0999", reason: "notOnFile" }),
      expect.objectContaining({ invoice: "A-5011", remission: "R1007", reason: "cancelled" }),
    ]);
    expect(j.differences).toEqual([expect.objectContaining({ remission: "R1003", invoice: "A-5003", field: "quantity", delivered: 7.5, invoiced: 8 })]);
    expect(j.duplicates).toEqual([expect.objectContaining({ remission: "R1004", invoices: ["A-5004", "A-5010"] })]);
    expect(j.summary).toEqual([
      expect.objectContaining({ customer: "0001000123", product: "CON250", plant: "", deliveredQuantity: 0, invoicedQuantity: 7.5, deliveredAmount: 0, invoicedAmount: 17625 }),
      expect.objectContaining({ customer: "0001000123", product: "CON250", plant: "P01", deliveredQuantity: 37.5, invoicedQuantity: 38, deliveredAmount: 88125, invoicedAmount: 88125 }),
      expect.objectContaining({ customer: "0001000456", product: "GRAVA", plant: "P02", deliveredQuantity: 12.345, invoicedQuantity: 12.345, deliveredAmount: 5184.9, invoicedAmount: 5184.9 }),
    ]);
    expect(j.rejected).toEqual([{ file: "remisiones.csv", row: 12, column: "Fecha de entrega", value: "31/09/2026", reason: expect.stringContaining("no existe") }]);
    expect(j.rows.deliveries).toMatchObject({ titleRows: 2, headerRow: 3, records: 7, rejected: 1, repeatedHeaders: 1, total: 12 });
    expect(j.counts).toMatchObject({ cancelledRemissions: 1 });
    expect([sha256(deliveries), sha256(invoices)]).toEqual(before);
  });

  test("a tolerance as a percentage; text in English", async () => {
    const pct = JSON.parse((await cli("reconcile", "deliveries", "--deliveries", deliveries, "--invoices", invoices, "--tolerance", "7%", "--as-of", "2026-10-31", "--json")).stdout);
    expect(pct.differences).toEqual([]);
    expect(pct.tolerance).toEqual({ relative: 0.07 });
    const en = await cli("reconcile", "deliveries", "--deliveries", deliveries, "--invoices", invoices, "--as-of", "2026-10-31", "--lang", "en");
    expect(en.code).toBe(0);
    expect(en.stdout).toContain("Billing vs deliveries");
    expect(en.stdout).toContain("Matched: 6 · not invoiced: 1 · missing delivery notes: 2 · differences: 1 · invoiced twice: 1 · to review: 0");
    expect(en.stdout).toContain("Rejected rows of remisiones.csv:");
    expect(en.stdout).toContain('row 12, Fecha de entrega = "31/09/2026"');
  });

  test("--out writes the workbook: summary, lists, rejected rows of each file", async () => {
    const out = join(dir, "conciliacion-remisiones.xlsx");
    const r = await cli("reconcile", "deliveries", "--deliveries", deliveries, "--invoices", invoices, "--to", "2026-10-31", "--out", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Libro de resultados: ${out}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Resumen", "Sin facturar", "Diferencias", "Remisiones faltantes", "Facturadas dos veces", "Por revisar", "Conciliadas", "Rechazados (remisiones)", "Rechazados (facturas)"]);
    const summary = wb.getWorksheet("Resumen")!;
    expect(summary.getCell("A1").value).toBe("Facturación vs remisiones");
    const header = (summary.getRow(4).values as unknown[]).slice(1);
    const q = header.indexOf("Cant. entregada") + 1;
    const grava = summary.getRow(7);
    expect(grava.getCell(1).value).toBe("0001000456");
    expect(grava.getCell(q).value).toBe(12.345);
    expect(grava.getCell(q).numFmt).toBe("#,##0.00#");
    expect(wb.getWorksheet("Rechazados (remisiones)")!.getRow(2).values).toEqual([undefined, 12, "Fecha de entrega", "31/09/2026", expect.stringContaining("no existe")]);
  });

  test("bad usage and bad files get one clear message", async () => {
    const missing = await cli("reconcile", "deliveries", "--deliveries", deliveries);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("falta --invoices");
    expect((await cli("reconcile", "deliveries", "--deliveries", deliveries, "--invoices", invoices, "--tolerance", "mucho")).code).toBe(2);
    expect((await cli("reconcile", "deliveries", "--deliveries", deliveries, "--invoices", invoices, "--from", "2026-10-31", "--to", "2026-10-01")).stderr).toContain("posterior");
    expect((await cli("reconcile", "deliveries", "--deliveries", deliveries, "--invoices", invoices, "--to", "31/10/2026")).code).toBe(2);
    const same = await cli("reconcile", "deliveries", "--deliveries", deliveries, "--invoices", invoices, "--out", invoices.replace(/\.csv$/, ".xlsx"));
    expect(same.code).toBe(0);
    const over = await cli("reconcile", "deliveries", "--deliveries", deliveries, "--invoices", invoices, "--out", invoices);
    expect(over.code).toBe(2);
    const unknown = write(dir, "otra-cosa.csv", "Fecha,Concepto,Monto\n01/10/2026,x,1\n");
    const layout = await cli("reconcile", "deliveries", "--deliveries", deliveries, "--invoices", unknown);
    expect(layout.code).toBe(1);
    expect(layout.stderr.split("\n")).toHaveLength(1);
    expect(layout.stderr).toContain("Líneas de factura: No se encontró la fila de encabezados");
    expect(layout.stderr).toContain("Se necesitan: Factura; Remisiones; Cliente; Cantidad facturada o Valor neto.");
    const en = await cli("reconcile", "deliveries", "--deliveries", unknown, "--invoices", invoices, "--lang", "en");
    expect(en.stderr).toContain("Delivery notes: No header row was found");
    const gone = await cli("reconcile", "deliveries", "--deliveries", join(dir, "no-existe.csv"), "--invoices", invoices);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain("no-existe.csv");
  });

  test("help and subcommands", async () => {
    expect((await cli("reconcile")).code).toBe(2);
    expect((await cli("reconcile", "--help")).stdout).toContain("reconcile deliveries|statement");
    expect((await cli("reconcile", "deliveries", "--help")).stdout).toContain("--tolerance 0.01");
    expect((await cli("reconcile", "statement", "--help", "--lang", "en")).stdout).toContain("--their-sign receivable|payable");
    const bad = await cli("reconcile", "frobnicate");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("reconcile deliveries, reconcile statement o reconcile payments");
    expect((await cli("--help")).stdout).toContain("reconcile statement");
  });
});

// Our FBL5N export (all customers) and two layouts of the customer's listing.
const ours = write(
  dir,
  "fbl5n.txt",
  cp1252(
    [
      "Partidas individuales de deudores",
      "",
      "\tCuenta\tNombre\tNº documento\tClase de documento\tReferencia\tAsignación\tFecha de documento\tVencimiento neto\tImporte en moneda local\tMoneda local\tFecha de compensación\tTexto",
      "\t0001000123\tConstructora Peña\t9000001001\tRV\tA-1001\t\t01.09.2026\t01.10.2026\t10,000.00\tMXN\t\tConcreto",
      "\t0001000123\tConstructora Peña\t9000001002\tRV\tA-1002\t\t05.09.2026\t05.10.2026\t20,000.00\tMXN\t\tConcreto",
      "\t0001000123\tConstructora Peña\t9000001003\tRV\tA-1003\t\t10.09.2026\t10.10.2026\t30,000.00\tMXN\t\tConcreto",
      "\t0001000123\tConstructora Peña\t9000001004\tRV\tA-1004\t\t15.10.2026\t15.11.2026\t5,000.00\tMXN\t\tBlock",
      "\t0001000123\tConstructora Peña\t1600000050\tDG\tNC-50\tA-1002\t20.10.2026\t20.10.2026\t1,000.00-\tMXN\t\tBonificación por pronto pago",
      "\t0001000123\tConstructora Peña\t9000001005\tRV\tA-1005\t\t30.10.2026\t30.11.2026\t7,000.00\tMXN\t\tGrava",
      "\t0001000123\tConstructora Peña\t9000000900\tRV\tA-0900\t\t01.08.2026\t01.09.2026\t4,000.00\tMXN\t15.10.2026\tArena",
      "\t0001000777\tOtro cliente\t9000001006\tRV\tA-1006\t\t30.10.2026\t30.11.2026\t7,000.00\tMXN\t\t",
      "*\t0001000123\t\t\t\t\t\t\t\t75,000.00\tMXN\t\t",
    ].join("\r\n") + "\r\n",
  ),
);
const theirsTwoColumns = write(
  dir,
  "estado-proveedor.csv",
  cp1252(
    [
      "Constructora Peña, S.A. de C.V.",
      "Estado de cuenta del proveedor al 31/10/2026",
      "",
      "Fecha,Factura,Concepto,Cargo,Abono,Saldo",
      '01/09/2026,F-0001001,Factura,,"$10,000.00","$10,000.00"',
      '05/09/2026,A 1002,Factura,,"$20,000.00","$30,000.00"',
      '10/09/2026,1003,Factura,,"$29,500.00","$59,500.00"',
      '15/10/2026,A-1004,Factura,,"$5,000.00","$64,500.00"',
      '30/10/2026,"A-1001, A-1002",Pago SPEI,"$12,000.00",,"$52,500.00"',
      '01/08/2026,A-0900,Factura,,"$4,000.00","$56,500.00"',
      ',,Total,"$12,000.00","$68,500.00","$56,500.00"',
    ].join("\r\n") + "\r\n",
  ),
);
const theirsSigned = write(
  dir,
  "open-items.csv",
  ["Invoice number,Document Date,Description,Amount", "F-0001001,2026-09-01,Invoice,10000.00", "A 1002,2026-09-05,Invoice,20000.00", "1003,2026-09-10,Invoice,29500.00", "A-1004,2026-10-15,Invoice,5000.00", "\"A-1001, A-1002\",2026-10-30,Wire payment,-12000.00", "A-0900,2026-08-01,Invoice,4000.00"].join("\n") + "\n",
);

describe("cartera reconcile statement", () => {
  const expected = {
    customer: "0001000123",
    asOf: "2026-10-31",
    ourBalance: 71000,
    theirBalance: 56500,
    matched: [
      expect.objectContaining({ ours: "9000001001", theirs: "F-0001001", amount: 10000 }),
      expect.objectContaining({ ours: "9000001002", theirs: "A 1002", amount: 20000 }),
      expect.objectContaining({ ours: "9000001003", theirs: "1003", amount: 30000 }),
      expect.objectContaining({ ours: "9000001004", theirs: "A-1004", amount: 5000 }),
    ],
    items: [
      expect.objectContaining({ type: "payment-in-transit", document: "A-1001, A-1002", date: "2026-10-30", ours: 0, theirs: -12000, effect: -12000 }),
      expect.objectContaining({ type: "credit-note-not-recorded", document: "1600000050", date: "2026-10-20", ours: -1000, theirs: 0, effect: 1000 }),
      expect.objectContaining({ type: "invoice-not-recorded", document: "9000001005", date: "2026-10-30", ours: 7000, theirs: 0, effect: -7000 }),
      expect.objectContaining({ type: "amount-difference", document: "9000001003", ours: 30000, theirs: 29500, effect: -500 }),
      expect.objectContaining({ type: "unexplained", document: "A-0900", ours: 0, theirs: 4000, effect: 4000, note: expect.stringContaining("compensado") }),
    ],
    reconciles: true,
  };

  test("--json follows the contract: their listing with Cargo and Abono (their accounts payable)", async () => {
    const r = await cli("reconcile", "statement", "--ours", ours, "--theirs", theirsTwoColumns, "--customer", "1000123", "--as-of", "2026-10-31", "--json");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject(expected);
    expect(j.theirSign).toMatchObject({ sign: "payable", decidedBy: "documents" });
    expect(j.rows.theirs).toMatchObject({ titleRows: 3, records: 6, subtotalRows: 1 });
  });

  test("the same listing with one signed column, in English", async () => {
    const r = await cli("reconcile", "statement", "--ours", ours, "--theirs", theirsSigned, "--customer", "0001000123", "--as-of", "2026-10-31", "--json", "--lang", "en");
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ ...expected, items: expected.items.map((i, k) => (k === 4 ? expect.objectContaining({ type: "unexplained", note: expect.stringContaining("cleared") }) : i)) });
    expect(j.theirSign).toMatchObject({ sign: "receivable", decidedBy: "documents" });
  });

  test("--out writes the signed statement", async () => {
    const out = join(dir, "conciliacion-saldos.xlsx");
    const r = await cli("reconcile", "statement", "--ours", ours, "--theirs", theirsTwoColumns, "--customer", "1000123", "--as-of", "2026-10-31", "--out", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Saldo según nuestros registros");
    expect(r.stdout).toContain("Por el cliente: Constructora Peña");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Conciliación", "Documentos conciliados", "Por revisar", "Rechazados (nuestros)", "Rechazados (cliente)"]);
    const ws = wb.getWorksheet("Conciliación")!;
    const col = (c: number) => {
      const out: unknown[] = [];
      ws.eachRow((row) => out.push(row.getCell(c).value));
      return out;
    };
    const concepts = col(1);
    expect(concepts.slice(2, 18)).toEqual([
      "Concepto",
      "Saldo según nuestros registros",
      "Pagos en tránsito (pagos del cliente aún no registrados por nosotros)",
      "Pago SPEI",
      "Subtotal (1)",
      "Notas de crédito nuestras no registradas por el cliente",
      "Bonificación por pronto pago",
      "Subtotal (1)",
      "Facturas nuestras no registradas por el cliente",
      "Grava",
      "Subtotal (1)",
      "Diferencias de importe",
      "Concreto",
      "Subtotal (1)",
      "Diferencias sin explicar",
      expect.stringContaining("9000000900"),
    ]);
    const effects = col(7).filter((v) => typeof v === "number");
    expect(effects).toEqual([71000, -12000, -12000, 1000, 1000, -7000, -7000, -500, -500, 4000, 4000, 56500]);
    // Balance rows are framed as totals; the signature lines sit under the notes.
    const balance = ws.getRow(5);
    expect(balance.getCell(1).font?.bold).toBe(true);
    expect(balance.getCell(7).border?.bottom?.style).toBe("double");
    expect(concepts).toContain("Por el proveedor");
    const sign = ws.getColumn(1).values.indexOf("Por el proveedor");
    expect(ws.getRow(sign).getCell(1).border?.top?.style).toBe("medium");
    expect(ws.getRow(sign).getCell(4).value).toBe("Por el cliente: Constructora Peña");
    expect(ws.getRow(sign + 1).getCell(1).value).toBe("Nombre:");
  });

  test("bad usage and undecidable listings", async () => {
    expect((await cli("reconcile", "statement", "--ours", ours, "--theirs", theirsSigned)).stderr).toContain("falta --customer");
    expect((await cli("reconcile", "statement", "--ours", ours, "--theirs", theirsSigned, "--customer", "1", "--their-sign", "maybe")).code).toBe(2);
    expect((await cli("reconcile", "statement", "--ours", ours, "--theirs", theirsSigned, "--customer", "1", "--their-balance", "mucho")).code).toBe(2);
    const mixed = write(dir, "mixed.csv", "Factura,Importe\nA-1001,10000.00\nA-1002,-20000.00\n");
    const undecided = await cli("reconcile", "statement", "--ours", ours, "--theirs", mixed, "--customer", "1000123", "--as-of", "2026-10-31");
    expect(undecided.code).toBe(1);
    expect(undecided.stderr).toContain("--their-sign");
    const given = await cli("reconcile", "statement", "--ours", ours, "--theirs", mixed, "--customer", "1000123", "--as-of", "2026-10-31", "--their-sign", "receivable", "--json");
    expect(JSON.parse(given.stdout).reconciles).toBe(true);
    const stated = JSON.parse((await cli("reconcile", "statement", "--ours", ours, "--theirs", theirsTwoColumns, "--customer", "1000123", "--as-of", "2026-10-31", "--their-balance", "60,000.00", "--json")).stdout);
    expect(stated.theirBalance).toBe(60000);
    expect(stated.items.at(-1)).toMatchObject({ type: "unexplained", effect: 3500 });
    const nobody = await cli("reconcile", "statement", "--ours", ours, "--theirs", theirsSigned, "--customer", "999", "--as-of", "2026-10-31", "--their-sign", "receivable", "--json");
    expect(nobody.code).toBe(0);
    expect(nobody.stderr).toContain("no hay partidas del cliente 999");
  });
});

describe("the bundled samples", () => {
  test("the files are what the generator writes", () => {
    const d = generateDeliveriesSample();
    expect(readFileSync(join(ROOT, "samples", "deliveries.csv"), "utf8")).toBe(d.deliveries);
    expect(readFileSync(join(ROOT, "samples", "invoice-lines.csv"), "utf8")).toBe(d.invoices);
    expect(readFileSync(join(ROOT, "samples", "customer-statement.csv")).equals(generateStatementSample().csv)).toBe(true);
  });

  test("reconcile deliveries finds exactly what was planted", async () => {
    const a = generateDeliveriesSample().answers;
    const r = await cli("reconcile", "deliveries", "--deliveries", join(ROOT, "samples", "deliveries.csv"), "--invoices", join(ROOT, "samples", "invoice-lines.csv"), "--from", "2026-10-01", "--to", "2026-10-31", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const sorted = <T,>(xs: T[]) => [...xs].sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
    expect(sorted(j.notInvoiced.map((n: { remission: string }) => n.remission))).toEqual(sorted(a.notInvoiced));
    expect(sorted(j.missingRemissions.map((m: Record<string, string>) => ({ invoice: m.invoice, remission: m.remission, reason: m.reason })))).toEqual(sorted(a.missing));
    expect(sorted(j.duplicates.map((x: Record<string, unknown>) => ({ remission: x.remission, invoices: x.invoices })))).toEqual(sorted(a.duplicates));
    expect(sorted(j.differences.map((x: Record<string, string>) => ({ remission: x.remission, invoice: x.invoice, field: x.field })))).toEqual(sorted(a.differences));
    expect(j.ambiguous.map((x: Record<string, string>) => ({ invoice: x.invoice, cited: x.cited }))).toEqual(a.ambiguous);
    expect(sorted(j.uncited.map((u: { invoice: string }) => u.invoice))).toEqual(sorted(a.uncited));
    expect(j.rejected.map((x: Record<string, unknown>) => ({ file: x.file === "deliveries.csv" ? "deliveries" : "invoices", row: x.row, column: x.column }))).toEqual(a.rejected);
    expect(j.matched).toHaveLength(a.matched);
    expect(j.counts).toMatchObject({ remissions: a.remissions, cancelledLines: a.cancelledLines });
    expect(j.rows.deliveries.repeatedHeaders).toBe(a.repeatedHeaders);
    // Oldest first.
    const days = j.notInvoiced.map((n: { date: string }) => n.date);
    expect([...days].sort()).toEqual(days);
  });

  test("reconcile statement finds exactly what was planted, against the sample ledger", async () => {
    const a = generateStatementSample().answers;
    const r = await cli("reconcile", "statement", "--ours", join(ROOT, "samples", "ledger-fbl5n.txt"), "--theirs", join(ROOT, "samples", "customer-statement.csv"), "--customer", a.customer, "--as-of", "2026-10-31", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.ourBalance).toBe(a.ourBalance / 100);
    expect(j.theirBalance).toBe(a.theirBalance / 100);
    expect(j.matched).toHaveLength(a.matched);
    expect(j.items.map((i: Record<string, unknown>) => ({ type: i.type, document: i.document, effect: i.effect }))).toEqual(a.items.map((i) => ({ ...i, effect: i.effect / 100 })));
    expect(j.reconciles).toBe(true);
    expect(j.name).toBe(a.name);
  });
});
