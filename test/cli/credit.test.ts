import ExcelJS from "exceljs";
import { join } from "node:path";
import { run } from "../../src/cli/main";
import { FLAGS } from "../../src/core/credit/review";
import { cp1252, sha256, tempDir, write } from "../helpers/files";

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const dir = tempDir("cartera-credit-");
const header = "\tCuenta\tNº documento\tClase de documento\tFecha de documento\tFe.contabilización\tVencimiento neto\tImporte en moneda local\tMoneda local\tImporte en moneda doc.\tMoneda del documento\tFecha de compensación";
const ledger = write(
  dir,
  "fbl5n.txt",
  cp1252(
    [
      "Partidas individuales de deudores",
      "",
      header,
      "\t0001000123\t1800000001\tRV\t01.10.2026\t01.10.2026\t20.10.2026\t200,000.00\tMXN\t200,000.00\tMXN\t", // 11 days past due
      "\t0001000123\t1800000002\tDG\t05.10.2026\t05.10.2026\t05.10.2026\t10,000.25-\tMXN\t10,000.25-\tMXN\t",
      "\t0001000123\t1800000003\tRV\t01.06.2026\t01.06.2026\t01.07.2026\t50,000.00\tMXN\t50,000.00\tMXN\t25.06.2026", // paid 6 days early
      "\t0000200001\t1800000004\tRV\t01.06.2026\t01.06.2026\t01.07.2026\t30,000.00\tMXN\t30,000.00\tMXN\t", // 122 days
      "\t0000300001\t1800000005\tRV\t01.10.2026\t01.10.2026\t30.11.2026\t5,000.00\tMXN\t5,000.00\tMXN\t",
      "\t0000400001\t1800000006\tRV\t01.10.2026\t01.10.2026\t30.11.2026\t5,000.00\tMXN\t250.00\tUSD\t",
      "\t0000400001\t1800000007\tRV\t01.10.2026\t01.10.2026\t30.11.2026\t5,000.00\tMXN\t5,000.00\tMXN\t",
      "*\t0001000123\t\t\t\t\t\t240,000.00\tMXN\t\t\t",
    ].join("\r\n") + "\r\n",
  ),
);
const customers = write(
  dir,
  "clientes.csv",
  "\ufeffCliente,Nombre,Plazo,Límite de crédito,Clase de riesgo,Tipo de garantía,Importe de garantía,Vencimiento de garantía,Analista,Contacto,Correo,Teléfono\n" +
    "1000123,\"Constructora Peña, S.A. de C.V.\",30,\"500,000.00\",A,Pagaré,\"250,000.00\",31/01/2027,Laura Méndez,Ana Peña,cobranza@pena.mx,477 111 2233\n" +
    "200001,Ferretería Ruiz,45,\"30,000.00\",C,Fianza,\"50,000.00\",15/10/2026,Jorge Ibarra,Luis Ruiz,pagos@ruiz.mx,\n" +
    "300001,Casa Lara,30,,B,Ninguna,,,,,,\n" +
    "400001,Aceros Vega,30,\"50,000.00\",B,,,,,,,\n",
);
const orders = write(
  dir,
  "va05.csv",
  "Documento de ventas,Solicitante,Fecha de documento,Fecha de entrega preferente,Valor neto,Moneda\n" +
    "4501,1000123,26.10.2026,02.11.2026,\"280,000.00\",MXN\n" +
    "4500,1000123,25.10.2026,31.10.2026,\"30,000.00\",MXN\n" +
    "4502,1000123,27.10.2026,03.11.2026,\"5,000.00\",MXN\n" +
    "4600,200001,20.10.2026,01.11.2026,\"1,000.00\",MXN\n" +
    "4700,300001,20.10.2026,,\"1,000.00\",MXN\n" +
    "4800,400001,20.10.2026,,\"1,000.00\",MXN\n",
);
const deliveries = write(dir, "remisiones.csv", "Remisión,Cliente,Fecha,Importe\nR1,0001000123,29/10/2026,\"20,000.00\"\n");

describe("cartera credit --json", () => {
  test("follows the contract", async () => {
    const before = [ledger, customers, orders, deliveries].map(sha256);
    const r = await cli("credit", "--ledger", ledger, "--customers", customers, "--orders", orders, "--deliveries", deliveries, "--as-of", "2026-10-31", "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.asOf).toBe("2026-10-31");
    expect(json.customers.map((c: { customer: string }) => c.customer)).toEqual(["1000123", "200001", "300001", "400001"]);
    const [pena, ruiz, lara, vega] = json.customers;
    expect(pena).toEqual({
      customer: "1000123",
      name: "Constructora Peña, S.A. de C.V.",
      currency: "MXN",
      limit: 500000,
      termDays: 30,
      balance: 189999.75,
      overdue: 189999.75,
      maxDaysPastDue: 11,
      openOrders: 315000,
      deliveries: 20000,
      exposure: 524999.75,
      available: -24999.75,
      utilization: 1.05,
      avgDaysToPay: -6,
      avgDaysToPayTrend: null,
      payments: 1,
      guarantee: { type: "pagaré", amount: 250000, expires: "2027-01-31", daysToExpiry: 92, coverage: 0.4762 },
      flags: ["over-limit"],
      recommendation: { action: "maintain", rule: "maintain", limit: 500000, termDays: 30, reasons: ["ninguna regla de aumento, reducción o bloqueo aplica: mantener límite y plazo"] },
      error: null,
    });
    expect(ruiz).toMatchObject({ limit: 30000, maxDaysPastDue: 122, flags: ["over-limit", "overdue-beyond-tolerance", "guarantee-expired"], recommendation: { action: "block", rule: "block-days-past-due" } });
    expect(lara).toMatchObject({ limit: null, available: null, utilization: null, exposure: 6000, guarantee: null, flags: ["no-limit"], recommendation: { rule: "no-limit", limit: null } });
    expect(vega).toMatchObject({ limit: 50000, balance: null, exposure: null, available: null, flags: ["currency-mismatch"], recommendation: null, error: expect.stringContaining("USD") });

    // Per customer in order-date order: 4500 (25.10) before 4501 (26.10); the held 4501 does not consume.
    expect(json.orders.map((o: { order: string; decision: string; availableAfter: number | null }) => [o.order, o.decision, o.availableAfter])).toEqual([
      ["4500", "release", 260000.25],
      ["4501", "hold", -19999.75],
      ["4502", "release", 255000.25],
      ["4600", "hold", -1000],
      ["4700", "hold", null],
      ["4800", "hold", null],
    ]);
    expect(json.orders[1]).toEqual({
      order: "4501",
      customer: "1000123",
      amount: 280000,
      currency: "MXN",
      orderDate: "2026-10-26",
      shipDate: "2026-11-02",
      decision: "hold",
      reasons: ["excede el límite de crédito por $19,999.75"],
      availableAfter: -19999.75,
      toRelease: { collect: 19999.75, raiseLimitBy: 19999.75, renewGuarantee: false, setLimitAtLeast: null },
    });
    expect(json.orders[3].reasons).toEqual(["122 días de atraso (tolerancia 15)", "excede el límite de crédito por $1,000.00", "la garantía venció el 15/10/2026"]);
    expect(json.orders[4].reasons).toEqual(["no tiene límite de crédito registrado"]);
    expect(json.orders[5].reasons[0]).toContain("sus importes están en MXN, USD y su límite en MXN");

    expect(json.schedule.from).toBe("2026-10-31");
    expect(json.schedule.days.map((x: { date: string; orders: { order: string }[] }) => [x.date, x.orders.map((o) => o.order)])).toEqual([
      ["2026-10-31", ["4500"]],
      ["2026-11-01", ["4600"]],
      ["2026-11-02", ["4501"]],
      ["2026-11-03", ["4502"]],
      ["2026-11-04", []],
      ["2026-11-05", []],
      ["2026-11-06", []],
    ]);
    expect(json.renewals).toEqual([{ customer: "200001", name: "Ferretería Ruiz", type: "fianza", amount: 50000, currency: "MXN", expires: "2026-10-15", daysToExpiry: -16, expired: true, contact: "Luis Ruiz", emails: ["pagos@ruiz.mx"], phone: "", analyst: "Jorge Ibarra" }]);
    expect(json.policy["release.toleranceDays"]).toBe(15);
    expect(json.policy["increase.percent"]).toBe(20);
    expect(json.history).toEqual({ source: "ledger", used: 1, ignored: 0 });
    expect(json.rejected).toEqual([]);
    expect([ledger, customers, orders, deliveries].map(sha256)).toEqual(before);
  });

  test("a policy file (JSON) moves the thresholds; a two-column table does too", async () => {
    const policy = write(dir, "politica.json", JSON.stringify({ release: { toleranceDays: 150, holdOverLimit: false } }));
    const json = JSON.parse((await cli("credit", "--ledger", ledger, "--customers", customers, "--orders", orders, "--as-of", "2026-10-31", "--policy", policy, "--json")).stdout);
    expect(json.orders.find((o: { order: string }) => o.order === "4600").reasons).toEqual(["la garantía venció el 15/10/2026"]);
    expect(json.policy["release.toleranceDays"]).toBe(150);
    const table = write(dir, "politica.csv", "Clave,Valor\nblock.daysPastDue,200\n");
    const t = JSON.parse((await cli("credit", "--ledger", ledger, "--customers", customers, "--as-of", "2026-10-31", "--policy", table, "--json")).stdout);
    expect(t.customers[1].recommendation.rule).not.toBe("block-days-past-due");
  });

  test("a policy with a mistake stops the run with file, row and reason", async () => {
    const table = write(dir, "mala.csv", "Clave,Valor\nrelease.toleranceDays,15\nincrease.percent,0.2\n");
    const r = await cli("credit", "--ledger", ledger, "--customers", customers, "--policy", table);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("cartera: mala.csv, fila 3: política, increase.percent: «0.2» es ambiguo (¿una fracción o un porcentaje?): escriba el porcentaje con su signo, p. ej. 20% para el veinte por ciento o 0.5% para medio por ciento");
    const typo = write(dir, "typo.json", '{"release.tolerance": 10}');
    const e = await cli("credit", "--ledger", ledger, "--customers", customers, "--policy", typo, "--lang", "en");
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(/^cartera: typo\.json: policy: there is no key "release\.tolerance"\. Keys: release\.toleranceDays/);
    const notJson = write(dir, "roto.json", "{release: 1");
    expect((await cli("credit", "--ledger", ledger, "--customers", customers, "--policy", notJson)).stderr).toMatch(/^cartera: roto\.json no es un JSON válido/);
  });

  test("wrong usage exits 2 with a hint", async () => {
    for (const argv of [["credit", "--ledger", ledger], ["credit", "--customers", customers], ["credit", ledger, "--customers", customers], ["credit", "--ledger", ledger, "--customers", customers, "--days", "0"], ["credit", "--ledger", ledger, "--customers", customers, "--as-of", "31/10/2026"]]) {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("Use --help");
    }
    const h = await cli("credit", "--help");
    expect(h.code).toBe(0);
    expect(h.stdout).toContain("cartera credit --ledger ARCHIVO --customers ARCHIVO");
    expect((await cli("--help")).stdout).toMatch(/credit +revisión de crédito/);
  });

  test("a heading taken only by an ambiguous name is a warning naming its table", async () => {
    const weak = write(dir, "pedidos-fecha.csv", "Pedido,Cliente,Fecha,Importe\n1,1000123,30/10/2026,10\n");
    const r = await cli("credit", "--ledger", ledger, "--customers", customers, "--orders", weak, "--as-of", "2026-10-31", "--json");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("Aviso (pedidos): fila 1: La columna «Fecha» se tomó como Fecha de pedido solo por un nombre ambiguo: revise que sea la correcta.");
    expect(JSON.parse(r.stdout).warnings).toEqual([{ table: "orders", row: 1, column: "Fecha", value: "Fecha", reason: expect.stringContaining("«Fecha»") }]);
  });

  test("a bad row of any table is rejected with its file, and the rest still reviewed", async () => {
    const bad = write(dir, "pedidos-malos.csv", "Pedido,Cliente,Fecha de pedido,Importe\n1,1000123,30/10/2026,abc\n2,1000123,30/10/2026,10\n");
    const json = JSON.parse((await cli("credit", "--ledger", ledger, "--customers", customers, "--orders", bad, "--as-of", "2026-10-31", "--json")).stdout);
    expect(json.rejected).toEqual([{ file: "pedidos-malos.csv", row: 2, column: "Importe", value: "abc", reason: "\"abc\" no es un importe reconocido" }]);
    expect(json.orders.map((o: { order: string }) => o.order)).toEqual(["2"]);
  });
});

describe("cartera credit --out and the terminal", () => {
  test("writes the result workbook with flags highlighted, and prints the review", async () => {
    const out = join(dir, "credito.xlsx");
    const r = await cli("credit", "--ledger", ledger, "--customers", customers, "--orders", orders, "--as-of", "2026-10-31", "--out", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Revisión de crédito — Al 31/10/2026");
    expect(r.stdout).toContain("Pedidos retenidos de mayor importe (4 de 4):");
    expect(r.stdout).toContain(`Libro de resultados: ${out}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Crédito", "Pedidos", "Programación", "Garantías", "Política", "Rechazados"]);
    const ws = wb.getWorksheet("Crédito")!;
    expect(ws.getCell("A1").value).toBe("Revisión de crédito");
    const headerRow = ws.getRow(4).values as unknown[];
    const flagsCol = headerRow.indexOf("Alertas");
    expect(flagsCol).toBeGreaterThan(0);
    const ruiz = ws.getRow(6);
    expect(ruiz.getCell(1).value).toBe("200001");
    expect(ruiz.getCell(flagsCol).value).toBe("sobre el límite, atraso mayor a la tolerancia, garantía vencida");
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; operator?: string }[] }[] }).conditionalFormattings;
    const letter = String.fromCharCode(64 + flagsCol);
    expect(cf.some((f) => f.ref.startsWith(`${letter}5:`) && f.rules.some((x) => x.type === "containsText" && x.operator === "notContainsBlanks"))).toBe(true);
    const policy = wb.getWorksheet("Política")!;
    expect(policy.getRow(4).values).toEqual([undefined, "Clave", "Valor", "Predeterminado", "Origen", "Descripción"]);
    expect(policy.getRow(5).getCell(1).value).toBe("release.toleranceDays");
    expect(policy.getRow(5).getCell(2).value).toBe("15");
    // The Política sheet is itself a policy file.
    const again = await cli("credit", "--ledger", ledger, "--customers", customers, "--as-of", "2026-10-31", "--policy", out, "--json");
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).policy["block.daysPastDue"]).toBe(90);
  });

  test("in English", async () => {
    const r = await cli("credit", "--ledger", ledger, "--customers", customers, "--orders", orders, "--as-of", "2026-10-31", "--lang", "en");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Credit review — As of 2026-10-31");
    expect(r.stdout).toContain("Largest orders held (4 of 4):");
    expect(r.stdout).toContain("over the credit limit by $4,999.75");
  });
});

describe("the bundled samples", () => {
  const S = join(__dirname, "..", "..", "samples");
  test("exercise every flag and every recommendation rule", async () => {
    const r = await cli("credit", "--ledger", join(S, "ledger-fbl5n.txt"), "--customers", join(S, "customers.csv"), "--orders", join(S, "orders.csv"), "--deliveries", join(S, "unbilled-deliveries.csv"), "--history", join(S, "payment-history.csv"), "--as-of", "2026-10-31", "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const flags = new Set(json.customers.flatMap((c: { flags: string[] }) => c.flags));
    expect([...flags].sort()).toEqual([...FLAGS].sort());
    const rules = new Set(json.customers.map((c: { recommendation: { rule: string } | null }) => c.recommendation?.rule).filter(Boolean));
    expect([...rules].sort()).toEqual(["block-days-past-due", "decrease-guarantee-expired", "decrease-late-payer", "decrease-trend", "decrease-unused", "increase-good-payer", "maintain", "no-limit"]);
    const decisions = new Set(json.orders.map((o: { decision: string }) => o.decision));
    expect(decisions).toEqual(new Set(["release", "hold"]));
    expect(json.renewals.some((x: { expired: boolean }) => x.expired)).toBe(true);
    expect(json.renewals.some((x: { expired: boolean }) => !x.expired)).toBe(true);
    expect(json.history.source).toBe("history");
    expect(json.rejected.map((x: { row: number }) => x.row)).toEqual([2248, 6115, 9963, 13821]);
  });
});
