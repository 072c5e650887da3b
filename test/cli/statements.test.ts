import ExcelJS from "exceljs";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { run } from "../../src/cli/main";
import { loginCli, minutesCli, statementsCli } from "../../src/cli/statements";
import { journalEntries, parseCsv } from "../../src/mail/journal";
import { GraphEmulator } from "../helpers/graphEmulator";
import { tempDir, write } from "../helpers/files";
import { writeFixtures } from "../mail/fixtures";
import { VirtualClock } from "../mail/support";

type Io = { out: string[]; err: string[] };
const io = (): Io & { out: string[]; err: string[] } => ({ out: [], err: [] });
const sink = (b: Io) => ({ out: (l: string) => b.out.push(l), err: (l: string) => b.err.push(l) });

async function cli(...argv: string[]) {
  const b = io();
  const code = await run(argv, sink(b));
  return { code, stdout: b.out.join("\n"), stderr: b.err.join("\n") };
}

function folders(outbox: string): string[] {
  return readdirSync(outbox).filter((n) => !n.endsWith(".csv")).sort();
}

describe("cartera statements (dry run, the default)", () => {
  const dir = tempDir();
  const f = writeFixtures(dir, 8, (c, i) => (i === 2 ? { ...c, emails: "sin correo" } : i === 5 ? { ...c, emails: "pagos@cliente5.com.mx; pagos@@cliente5" } : i === 6 ? { ...c, name: '<script>alert("x")</script> =HYPERLINK("http://evil")' } : c));
  const outbox = join(dir, "outbox");
  let result: Awaited<ReturnType<typeof cli>>;
  beforeAll(async () => {
    result = await cli("statements", "--ledger", f.ledger, "--customers", f.customers, "--as-of", "2026-10-31", "--outbox", outbox);
  });

  test("one message per customer and currency; a customer without a valid address is reported and skipped", () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("Omitido 0001001002 MXN");
    expect(result.stderr).toContain('"pagos@@cliente5" no es un correo válido');
    // 8 customers, one without an address; customers 0 and 7 also owe in USD.
    expect(folders(outbox)).toHaveLength(9);
    expect(result.stdout).toContain("Ensayo: 9 mensajes escritos");
    expect(result.stdout).toContain("(0 ya estaban)");
    expect(result.stdout).toContain("1 clientes omitidos");
    const journal = journalEntries(readFileSync(join(outbox, "envios.csv"), "utf8"));
    expect(journal.map((e) => e.status)).toEqual(Array(9).fill("written"));
  });

  test("the .eml parses with a MIME parser: HTML, text and both attachments, named by customer and date", async () => {
    const mail = await simpleParser(readFileSync(join(outbox, folders(outbox).find((n) => n.includes("0001001000_MXN"))!, "message.eml")));
    expect(mail.subject).toBe("Estado de cuenta al 31/10/2026 · Materiales 0 S.A. de C.V. (MXN)");
    expect(mail.to).toMatchObject({ value: [{ address: "cobranza0@cliente0.com.mx" }] });
    expect(mail.cc).toMatchObject({ value: [{ address: "tesoreria@cliente0.com.mx" }] });
    expect(mail.headers.get("x-unsent")).toBe("1");
    expect(mail.text).toContain("Saldo total:          $12,000.25");
    expect(mail.text).toMatch(/1800000001\s+F-0-1\s+01\/08\/2026 31\/08\/2026\s+61\s+\$10,000.00/);
    expect(mail.html).toContain("Partidas abiertas");
    expect(mail.html).toContain("$12,000.25");
    const names = mail.attachments.map((a) => a.filename).sort();
    // customer 0 owes in MXN and USD: one statement each, the currency in the file name
    expect(names).toEqual(["EstadoDeCuenta_0001001000_MXN_2026-10-31.pdf", "EstadoDeCuenta_0001001000_MXN_2026-10-31.xlsx"]);
    const pdf = mail.attachments.find((a) => a.filename!.endsWith(".pdf"))!;
    expect(pdf.content.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.contentType).toBe("application/pdf");
  });

  test("a single-currency customer's files carry no currency; the outbox folder has the preview and attachments", () => {
    const folder = join(outbox, folders(outbox).find((n) => n.includes("0001001001_MXN"))!);
    expect(readdirSync(folder).sort()).toEqual(["EstadoDeCuenta_0001001001_2026-10-31.pdf", "EstadoDeCuenta_0001001001_2026-10-31.xlsx", "message.eml", "preview.html"]);
  });

  test("customer data is HTML-escaped, and never becomes a formula in the .xlsx", async () => {
    const folder = join(outbox, folders(outbox).find((n) => n.includes("0001001006"))!);
    const html = readFileSync(join(folder, "preview.html"), "utf8");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#x3D;HYPERLINK(&quot;http://evil&quot;)");
    const xlsx = readdirSync(folder).find((n) => n.endsWith(".xlsx"))!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(folder, xlsx)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const title = ws.getCell("A1");
    expect(title.type).toBe(ExcelJS.ValueType.String);
    expect(String(title.value)).toContain('=HYPERLINK("http://evil")');
    let formulas = 0;
    wb.eachSheet((s) => s.eachRow((r) => r.eachCell((c) => (formulas += c.type === ExcelJS.ValueType.Formula ? 1 : 0))));
    expect(formulas).toBe(0);
  });

  test("the customer's language picks the template (customer 4 is English in the master)", async () => {
    const mail = await simpleParser(readFileSync(join(outbox, folders(outbox).find((n) => n.includes("0001001004"))!, "message.eml")));
    expect(mail.subject).toBe("Statement of account as of 2026-10-31 · Materiales 4 S.A. de C.V. (MXN)");
    expect(mail.html).toContain("Open items");
    expect(mail.attachments.map((a) => a.filename)).toContain("Statement_0001001004_2026-10-31.pdf");
  });

  test("payment instructions come from the settings; a CLABE is checked and names its bank", async () => {
    const wrong = write(dir, "wrong.json", JSON.stringify({ "statement.clabe": "012180001234567895" }));
    const bad = await cli("statements", "--ledger", f.ledger, "--customers", f.customers, "--as-of", "2026-10-31", "--outbox", join(dir, "never"), "--settings", wrong);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("la CLABE de la configuración para MXN no es válida");
    expect(existsSync(join(dir, "never"))).toBe(false);
    const settings = write(dir, "settings.json", JSON.stringify({ "statement.clabe": "0121 8000 1234 5678 99", "statement.accountHolder": "Materiales del Bajío, S.A. de C.V.", "statement.signature.name": "Ana Ruiz", "statement.company": "Materiales del Bajío" }));
    const out2 = join(dir, "outbox2");
    const r = await cli("statements", "--ledger", f.ledger, "--customers", f.customers, "--as-of", "2026-10-31", "--outbox", out2, "--settings", settings, "--only", "1001001,0001001003");
    expect(r.code).toBe(0);
    expect(folders(out2)).toHaveLength(2);
    const mail = await simpleParser(readFileSync(join(out2, folders(out2)[1], "message.eml")));
    expect(mail.text).toContain("CLABE:        012180001234567899");
    expect(mail.text).toContain("Banco:        BBVA MEXICO");
    expect(mail.text).toContain("Referencia:   REF3");
    expect(mail.text).toContain("Ana Ruiz");
  });

  test("a broken template stops the run with one line naming the file and the line", async () => {
    const own = join(dir, "mine");
    mkdirSync(own, { recursive: true });
    writeFileSync(join(own, "statement.es-MX.hbs"), "<p>Hola {{customer.name}}</p>\n{{#each lines}}\n<p>{{document}}</p>\n{{/if}}\n");
    const r = await cli("statements", "--ledger", f.ledger, "--customers", f.customers, "--as-of", "2026-10-31", "--outbox", join(dir, "o3"), "--templates", own);
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")).toEqual([`cartera: Plantilla ${join(own, "statement.es-MX.hbs")}, línea 2: each doesn't match if - 2:3`]);
    expect(existsSync(join(dir, "o3"))).toBe(false);
    writeFileSync(join(own, "statement.es-MX.hbs"), "<p>Hola</p>\n\n{{moneda balance}}\n");
    const r2 = await cli("statements", "--ledger", f.ledger, "--customers", f.customers, "--outbox", join(dir, "o3"), "--templates", own, "--lang", "en");
    expect(r2.stderr).toBe(`cartera: Template ${join(own, "statement.es-MX.hbs")}, line 3: "moneda" is not a helper`);
  });

  test("a template of the user's replaces the shipped one of the same name only", async () => {
    const own = join(dir, "mine2");
    mkdirSync(own, { recursive: true });
    writeFileSync(join(own, "statement.subject.es-MX.hbs"), "Su saldo: {{money balance}}\n");
    const out4 = join(dir, "o4");
    await cli("statements", "--ledger", f.ledger, "--customers", f.customers, "--as-of", "2026-10-31", "--outbox", out4, "--templates", own, "--only", "1001001");
    const mail = await simpleParser(readFileSync(join(out4, folders(out4)[0], "message.eml")));
    expect(mail.subject).toBe("Su saldo: $12,500.50");
    expect(mail.html).toContain("Partidas abiertas");
  });

  test("usage errors", async () => {
    expect((await cli("statements", "--customers", f.customers)).code).toBe(2);
    const r = await cli("statements", "--ledger", f.ledger, "--customers", f.customers, "--rate", "10");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--rate solo tiene sentido con --send");
    expect((await cli("statements", "--help")).stdout).toContain("--send");
    expect((await cli("--help")).stdout).toContain("statements");
  });
});

describe("cartera statements --send against the HTTPS Graph emulator", () => {
  const dir = tempDir();
  const f = writeFixtures(dir, 12);
  const emu = new GraphEmulator();
  let ca = "";
  beforeAll(async () => {
    await emu.start();
    ca = write(dir, "emulator-ca.pem", emu.cert);
  });
  afterAll(() => emu.stop());

  test("sends each statement once; the re-run sends nothing; the journal says so", async () => {
    const env = { CARTERA_GRAPH_TOKEN: "token-1", CARTERA_GRAPH_CA: ca };
    const outbox = join(dir, "out");
    const args = ["--ledger", f.ledger, "--customers", f.customers, "--as-of", "2026-10-31", "--outbox", outbox, "--send", "--graph-url", emu.url, "--rate", "120"];
    emu.rules = [{ route: "POST /messages/{id}/send", fault: "503-after", after: 3 }, { route: "POST /messages/{id}/send", fault: "429", retryAfter: 2, after: 5 }];
    const b = io();
    const code = await statementsCli({ env, clock: new VirtualClock() }).run(args, "es", sink(b));
    expect(b.err.join("\n")).toContain("Microsoft Graph pide esperar 2 s (429)");
    expect(code).toBe(0);
    expect(b.out[0]).toBe("Enviados: 14 · ya enviados antes: 0 · con error: 0 · sin confirmar: 0 · cancelados: 0 · omitidos: 0");
    expect(emu.sent()).toHaveLength(14);
    expect(emu.sent().every((m) => m.sends === 1 && m.attachments.length === 2)).toBe(true);
    expect(emu.schemaErrors).toEqual([]);
    const b2 = io();
    expect(await statementsCli({ env, clock: new VirtualClock() }).run(args, "es", sink(b2))).toBe(0);
    expect(b2.out[0]).toContain("Enviados: 0 · ya enviados antes: 14");
    expect(emu.sent()).toHaveLength(14);
    const journal = journalEntries(readFileSync(join(outbox, "envios.csv"), "utf8"));
    const last = new Map(journal.map((e) => [e.key, e]));
    expect([...last.values()].map((e) => e.status)).toEqual(Array(14).fill("sent"));
    expect([...last.values()].every((e) => e.internetMessageId.startsWith("<EM"))).toBe(true);
  });

  test("cartera login without an app registration says which settings it needs", async () => {
    await expect(loginCli({ env: { CARTERA_GRAPH_TOKEN: "ignored by login" }, clock: new VirtualClock() }).run([], "es", sink(io()))).rejects.toMatchObject({ problem: { code: "mail.noSignIn" } });
  });

  test("the journal as JSON lines (--journal *.jsonl) works the same", async () => {
    const env = { CARTERA_GRAPH_TOKEN: "token-1", CARTERA_GRAPH_CA: ca };
    const journal = join(dir, "envios.jsonl");
    const args = ["--ledger", f.ledger, "--customers", f.customers, "--as-of", "2026-10-31", "--only", "1001003", "--outbox", join(dir, "j"), "--journal", journal, "--send", "--graph-url", emu.url];
    const before = emu.sent().length;
    expect(await statementsCli({ env, clock: new VirtualClock() }).run(args, "en", sink(io()))).toBe(0);
    const b = io();
    expect(await statementsCli({ env, clock: new VirtualClock() }).run(args, "en", sink(b))).toBe(0);
    expect(b.out[0]).toContain("Sent: 0 · sent before: 1");
    expect(emu.sent().length).toBe(before + 1);
    const lines = readFileSync(journal, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.status)).toEqual(["drafted", "ready", "sending", "sent"]);
  });

  test("without a token or a sign-in, nothing is sent and the user is told how to sign in", async () => {
    const b = io();
    await expect(statementsCli({ env: {}, clock: new VirtualClock() }).run(["--ledger", f.ledger, "--customers", f.customers, "--outbox", join(dir, "x"), "--send", "--graph-url", emu.url], "es", sink(b))).rejects.toMatchObject({ problem: { code: "mail.noSignIn" } });
  });
});

describe("cartera minutes", () => {
  const dir = tempDir();
  const meeting = {
    customer: "0001000128",
    customerName: "Constructora Ríos Ibáñez, S.A. de C.V.",
    date: "2026-11-05",
    place: "Oficinas de León",
    attendees: [
      { name: "María García", company: "Constructora Ríos Ibáñez", role: "Tesorera", email: "mgarcia@riosibanez.com.mx" },
      { name: "Ana Ruiz", company: "Materiales del Bajío", role: "Administradora de cartera", email: "aruiz@materiales.com.mx" },
      { name: "Luis Pérez", company: "Materiales del Bajío", role: "Crédito", email: "" },
    ],
    topics: ["Facturas vencidas de agosto", "Nota de crédito pendiente"],
    reconciledBalance: { amount: 125000.5, currency: "MXN" },
    agreements: [
      { description: "Pago de facturas de agosto", responsible: "María García", dueDate: "2026-11-15", amount: "50,000.00" },
      { description: "Emitir nota de crédito por devolución", responsible: "Ana Ruiz", dueDate: "2026-11-10" },
      { description: "Segundo pago", responsible: "María García", dueDate: "30/11/2026", amount: 75000.5 },
    ],
  };

  test("JSON minutes: an .eml with the PDF to sign; agreements with amount and date go to Compromisos, once", async () => {
    const file = write(dir, "reunion.json", JSON.stringify(meeting));
    const outbox = join(dir, "out");
    const r = await cli("minutes", "--meeting", file, "--outbox", outbox);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Compromisos nuevos: 2");
    const mail = await simpleParser(readFileSync(join(outbox, folders(outbox)[0], "message.eml")));
    expect(mail.subject).toBe("Minuta de la reunión del 05/11/2026 · Constructora Ríos Ibáñez, S.A. de C.V.");
    expect((mail.to as { value: { address: string }[] }).value.map((v) => v.address)).toEqual(["mgarcia@riosibanez.com.mx", "aruiz@materiales.com.mx"]);
    expect(mail.text).toContain("Saldo conciliado: $125,000.50");
    expect(mail.attachments.map((a) => a.filename)).toEqual(["Minuta_0001000128_2026-11-05.pdf"]);
    const rows = parseCsv(readFileSync(join(outbox, "compromisos.csv"), "utf8"));
    expect(rows.slice(1).map((x) => [x[2], x[5], x[7], x[8], x[9]])).toEqual([
      ["0001000128", "Pago de facturas de agosto", "2026-11-15", "50000.00", "MXN"],
      ["0001000128", "Segundo pago", "2026-11-30", "75000.50", "MXN"],
    ]);
    const again = await cli("minutes", "--meeting", file, "--outbox", outbox);
    expect(again.stdout).toContain("Compromisos nuevos: 0");
    expect(parseCsv(readFileSync(join(outbox, "compromisos.csv"), "utf8"))).toHaveLength(3);
  });

  test("a meeting sheet (CSV) gives the same minutes; customer and date written once at the top", async () => {
    const csv = write(
      dir,
      "reunion.csv",
      [
        "Tipo,Cliente,Razón social,Fecha de reunión,Lugar,Nombre,Empresa,Cargo,Correo,Descripción,Responsable,Fecha compromiso,Importe",
        "Reunión,0001000128,Constructora Ríos Ibáñez,05/11/2026,León,,,,,,,,",
        "Asistente,,,,,María García,Constructora Ríos Ibáñez,Tesorera,mgarcia@riosibanez.com.mx,,,,",
        "Tema,,,,,,,,,Facturas vencidas de agosto,,,",
        'Acuerdo,,,,,,,,,Pago de facturas,María García,15/11/2026,"50,000.00"',
        "Acuerdo,,,,,,,,,Enviar conciliación,Ana Ruiz,,",
      ].join("\r\n"),
    );
    const outbox = join(dir, "out-csv");
    const r = await cli("minutes", csv, "--outbox", outbox);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("Compromisos nuevos: 1");
    const mail = await simpleParser(readFileSync(join(outbox, folders(outbox)[0], "message.eml")));
    expect(mail.text).toContain("1. Pago de facturas — María García — 15/11/2026 — $50,000.00");
    expect(mail.text).toContain("2. Enviar conciliación — Ana Ruiz");
  });

  test("a wrong value in the JSON names its path", async () => {
    const bad = write(dir, "mala.json", JSON.stringify({ ...meeting, agreements: [{ description: "x", dueDate: "31/02/2026" }] }));
    const r = await cli("minutes", "--meeting", bad, "--outbox", join(dir, "bad"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^cartera: minuta en JSON, \$\.agreements\[0\]\.dueDate: /);
  });

  test("minutes --send through the emulator", async () => {
    const emu = new GraphEmulator();
    await emu.start();
    try {
      const ca = write(dir, "ca.pem", emu.cert);
      const file = write(dir, "reunion2.json", JSON.stringify(meeting));
      const b = io();
      const code = await minutesCli({ env: { CARTERA_GRAPH_TOKEN: "token-1", CARTERA_GRAPH_CA: ca }, clock: new VirtualClock() }).run(["--meeting", file, "--outbox", join(dir, "sent"), "--send", "--graph-url", emu.url], "es", sink(b));
      expect(code).toBe(0);
      expect(emu.sent()).toHaveLength(1);
      expect(emu.sent()[0].attachments.map((a) => a.name)).toEqual(["Minuta_0001000128_2026-11-05.pdf"]);
      expect(emu.schemaErrors).toEqual([]);
    } finally {
      await emu.stop();
    }
  });
});
