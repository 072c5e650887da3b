"use strict";
/* global document, window, localStorage, sessionStorage, Buffer */
/**
 * The mail panels in a plain browser: Estados de cuenta and Minutas, end to end.
 *
 * The sample ledger and master (one customer's e-mail removed) are prepared into statements
 * and compared with `cartera statements` on the same files; a message is previewed; the dry
 * run's .zip must hold exactly the files the command line writes into its outbox, and its
 * .eml files parse with mailparser. Then, signed in with MSAL replaced at its boundary only
 * (window.__carteraMsal: the PublicClientApplication; the pane's sign-in logic, the Graph
 * transport, the batch runner and the journal are the real ones), five statements go to the
 * HTTPS Graph emulator (test/helpers/graphEmulator.ts, compiled here with swc) through
 * injected 429s, 503s, a 401 and a dropped connection: each arrives exactly once, the journal
 * says sent, and sending again sends nothing. The minutes panel does the same with the
 * command line's sample minutes and records its promises to pay once.
 */
const fs = require("node:fs");
const path = require("node:path");
const Module = require("node:module");
const { execFileSync } = require("node:child_process");

/** A TypeScript test helper, compiled in memory (it imports only packages and node:). */
function requireTs(file) {
  const { transformFileSync } = require("@swc/core");
  const { code } = transformFileSync(file, { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" }, sourceMaps: false, swcrc: false });
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  m._compile(code, file);
  return m.exports;
}

function walk(dir, base = "") {
  return fs.readdirSync(path.join(dir, base), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(dir, path.join(base, d.name)) : [path.join(base, d.name).split(path.sep).join("/")]));
}

/** MSAL's application as the page gets it: the only thing replaced. It records what the pane asked. */
function fakeMsal() {
  const calls = (window.__msalCalls = []);
  let account = null;
  const result = (a) => ({ accessToken: "token-1", account: a, expiresOn: new Date(Date.now() + 3600 * 1000) });
  window.__carteraMsal = {
    create: async (config) => {
      calls.push({ op: "create", clientId: config.auth.clientId, authority: config.auth.authority, cache: config.cache && config.cache.cacheLocation, redirectUri: config.auth.redirectUri });
      return {
        getActiveAccount: () => account,
        getAllAccounts: () => (account ? [account] : []),
        setActiveAccount: (a) => (account = a),
        acquireTokenSilent: async (r) => (calls.push({ op: "silent", scopes: r.scopes, forceRefresh: Boolean(r.forceRefresh) }), result(r.account)),
        ssoSilent: async () => {
          throw Object.assign(new Error("login_required"), { name: "InteractionRequiredAuthError" });
        },
        acquireTokenPopup: async (r) => {
          calls.push({ op: "popup", scopes: r.scopes });
          account = { username: "ana@materiales.com.mx" };
          return result(account);
        },
      };
    },
  };
}

module.exports = async function mailSuite(env) {
  const { test, assert, assertEqual, context, base, shot, pageErrors, ROOT, AS_OF, tmp } = env;
  const { unzipSync, strFromU8 } = require("fflate");
  const { simpleParser } = require("mailparser");
  const ExcelJS = require("exceljs");
  const { GraphEmulator } = requireTs(path.join(ROOT, "test", "helpers", "graphEmulator.ts"));
  const { journalEntries } = require(path.join(ROOT, "dist", "src", "mail", "journal.js"));
  const cartera = (...args) => execFileSync(process.execPath, [path.join(ROOT, "bin", "cartera.js"), ...args], { cwd: ROOT, maxBuffer: 256 << 20, stdio: ["ignore", "pipe", "pipe"] }).toString("utf8");

  // The sample master with one customer's addresses removed: that customer is skipped, never mailed elsewhere.
  const lines = fs.readFileSync(path.join(ROOT, "samples", "customers.csv"), "utf8").split(/\r?\n/);
  const header = lines[0].replace(/^\uFEFF/, "").split(",");
  const mailCol = header.indexOf("Correo");
  const noMail = lines[2].split(",")[0];
  const master = path.join(tmp, "clientes-correo.csv");
  fs.writeFileSync(master, lines.map((l, i) => (i === 2 ? l.replace(/,[^,@]*@[^,]*(,)/, ",$1") : l)).join("\n"));
  assert(mailCol > 0 && !fs.readFileSync(master, "utf8").split(/\r?\n/)[2].includes("@"), "the master copy lost one customer's e-mail");
  const ledger = path.join(ROOT, "samples", "ledger-fbl5n.txt");
  const cliOutbox = path.join(tmp, "cli-outbox");
  let cliOut = "";
  try {
    cliOut = cartera("statements", "--ledger", ledger, "--customers", master, "--as-of", AS_OF, "--outbox", cliOutbox);
  } catch (e) {
    cliOut = String(e.stdout);
  }
  const cliFiles = walk(cliOutbox).filter((f) => f !== "envios.csv").sort();
  const cliFolders = [...new Set(cliFiles.map((f) => f.split("/")[0]))];
  const written = Number(/Ensayo: ([\d,]+) mensajes/.exec(cliOut)[1].replace(/,/g, ""));

  // The command line's sample minutes (test/cli/statements.test.ts), as JSON.
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
  const json = path.join(tmp, "reunion.json");
  fs.writeFileSync(json, JSON.stringify(meeting));
  const emu = new GraphEmulator();
  await emu.start();

  /** A pane page with MSAL replaced, and settings for quick tests (unclear sends settle in 2 s, not 20). */
  async function mailPane() {
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await page.addInitScript(fakeMsal);
    await page.goto(`${base}/taskpane.html`, { waitUntil: "domcontentloaded" });
    await page.waitForSelector("body[data-ready='true']", { timeout: 15000 });
    return page;
  }

  let page;
  await test("Estados de cuenta: the statements the command line writes, the skipped customer said, a message previewed safely", async () => {
    // A clean start: no column corrections left by the aging tests, and the mail settings of this test.
    const setup = await context.newPage();
    await setup.goto(`${base}/taskpane.html`, { waitUntil: "domcontentloaded" });
    await setup.evaluate(() => {
      const s = JSON.parse(localStorage.getItem("cartera.settings.v1") || "{}");
      for (const k of Object.keys(s)) if (/^(mapping\.|ledger\.mapping\.|statements\.|minutes\.|mail\.)/.test(k)) delete s[k];
      s["mail.settleSeconds"] = "2";
      s["mail.rate"] = "600";
      localStorage.setItem("cartera.settings.v1", JSON.stringify(s));
    });
    await setup.close();
    page = await mailPane();
    const started = Date.now();
    await page.click("[data-testid=tab-statements]");
    await page.setInputFiles("[data-testid=statements-ledger-file-input]", ledger);
    await page.setInputFiles("[data-testid=statements-customers-file-input]", master);
    for (const part of ["ledger", "customers"]) await page.waitForFunction((id) => /filas leídas/.test(document.querySelector(`[data-testid=${id}-status]`)?.textContent ?? ""), `statements-${part}`, { timeout: 60000 });
    await page.fill("[data-testid=statements-asof]", AS_OF);
    await page.click("[data-testid=statements-build] [data-testid=run]");
    await page.waitForSelector("[data-testid=statements-counts]", { timeout: 120000 });
    const counts = await page.textContent("[data-testid=statements-counts]");
    const customers = new Set(cliFolders.map((f) => f.split("_")[1])).size;
    assertEqual(counts, `${written} estados de cuenta para ${customers} clientes · 1 clientes omitidos`, "counts");
    assertEqual(cliFolders.length, written, "the command line's folders");
    const skipped = await page.$$eval("[data-testid=statements-skipped] li", (lis) => lis.map((li) => li.dataset.customer));
    assertEqual([...new Set(skipped)].join(), noMail, "the customer without e-mail is skipped");
    assertEqual(await page.locator("[data-testid=statements-item]").count(), written, "one line per statement");
    console.log(`     (${written} statements prepared in ${Date.now() - started} ms)`);

    // The preview of the first message is the command line's first message.
    const cliMail = await simpleParser(fs.readFileSync(path.join(cliOutbox, cliFolders[0], "message.eml")));
    await page.click("[data-testid=statements-item] >> nth=0 >> [data-action=preview]");
    await page.waitForSelector("[data-testid=preview-subject]", { timeout: 30000 });
    assertEqual(await page.textContent("[data-testid=preview-subject]"), cliMail.subject, "subject");
    assertEqual(await page.textContent("[data-testid=preview-to]"), cliMail.to.value.map((v) => v.address).join(", "), "to");
    const attachments = await page.$$eval("[data-testid=preview-attachments] li", (lis) => lis.map((li) => li.dataset.name));
    assertEqual(attachments.join(), cliMail.attachments.map((a) => a.filename).join(), "attachments");
    assertEqual(await page.getAttribute("[data-testid=preview-frame]", "sandbox"), "", "the HTML is shown in an empty sandbox");
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const body = await frame.evaluate(() => document.body.textContent);
    assert(body.includes("Partidas abiertas"), "the HTML part shows the statement");
    const norm = (s) => s.replace(/\r\n/g, "\n").trim();
    assertEqual(norm(await page.textContent("[data-testid=preview-text]")), norm(cliMail.text), "plain-text part");
    await shot(page, "20-statements-preview.png");
  });

  await test("Estados de cuenta: the dry run (the default) downloads a .zip holding the command line's outbox; each .eml parses with HTML, text and both attachments", async () => {
    assert(await page.isChecked("[data-testid=statements-mode-dryrun]"), "dry run is the default");
    const started = Date.now();
    const download = page.waitForEvent("download", { timeout: 180000 });
    await page.click("[data-testid=statements-send] [data-testid=run]");
    const d = await download;
    await page.waitForFunction(() => /^Ensayo listo/.test(document.querySelector("[data-testid=statements-send] [data-testid=status]").textContent), null, { timeout: 60000 });
    assertEqual(d.suggestedFilename(), `cartera-estados-de-cuenta-${AS_OF}.zip`, "file name");
    const file = path.join(tmp, d.suggestedFilename());
    await d.saveAs(file);
    const zip = unzipSync(new Uint8Array(fs.readFileSync(file)));
    const names = Object.keys(zip).filter((n) => n !== "envios.csv").sort();
    assertEqual(names.length, cliFiles.length, "files in the zip");
    assertEqual(names.join("\n"), cliFiles.join("\n"), "the same files as the command line's outbox");
    // The HTML parts are the command line's, byte for byte.
    for (const f of cliFolders.slice(0, 25)) assert(Buffer.from(zip[`${f}/preview.html`]).equals(fs.readFileSync(path.join(cliOutbox, f, "preview.html"))), `${f}/preview.html`);
    for (const f of [cliFolders[0], cliFolders[Math.floor(cliFolders.length / 2)], cliFolders[cliFolders.length - 1]]) {
      const mail = await simpleParser(Buffer.from(zip[`${f}/message.eml`]));
      assert(mail.html && mail.html.includes("<table"), `${f}: HTML part`);
      assert(mail.text && mail.text.length > 100, `${f}: text part`);
      const att = mail.attachments.map((a) => a.filename).sort();
      assertEqual(att.length, 2, `${f}: attachments`);
      assert(att[0].endsWith(".pdf") && att[1].endsWith(".xlsx"), `${f}: ${att}`);
      const pdf = mail.attachments.find((a) => a.filename.endsWith(".pdf"));
      assertEqual(pdf.content.subarray(0, 5).toString(), "%PDF-", `${f}: a PDF`);
      assertEqual(mail.headers.get("x-unsent"), "1", `${f}: opens as a draft`);
    }
    assertEqual(journalEntries(strFromU8(zip["envios.csv"])).length, written, "the zip's own envios.csv");
    console.log(`     (dry run of ${written} messages, zip of ${(fs.statSync(file).size / 1048576).toFixed(1)} MB, in ${Date.now() - started} ms)`);
  });

  let sentKeys;
  await test("Estados de cuenta: signed in (MSAL replaced at its boundary), five statements sent through the Graph emulator with 429s, 503s, a 401 and a dropped connection — each received once; sending again sends nothing", async () => {
    emu.rules = [
      { route: "POST /messages", fault: "drop", after: 1 },
      { route: "POST /messages", fault: "503", after: 2, retryAfter: 1 },
      { route: "POST /messages", fault: "401", after: 3 },
      { route: "POST /messages/{id}/send", fault: "429", retryAfter: 1, after: 1 },
      { route: "POST /messages/{id}/send", fault: "503-after", after: 2 },
      { route: "POST /messages/{id}/send", fault: "429", retryAfter: 2, after: 3 },
    ];
    await page.check("[data-testid=statements-mode-send]");
    assert(await page.isVisible("[data-testid=statements-signin]"), "sign-in shown for sending");
    assert(await page.isDisabled("[data-testid=statements-send] [data-testid=run]"), "no sending before signing in");
    assertEqual(await page.textContent("[data-testid=statements-send-hint]"), "Escriba el id. de la aplicación registrada en Microsoft Entra (vea el README).", "what is missing");
    await page.fill("[data-testid=statements-signin-clientId]", "6c1f2a10-8f5e-4b7e-9b1a-3c2d4e5f6a7b");
    await page.fill("[data-testid=statements-signin-tenant]", "materialesdelbajio.onmicrosoft.com");
    await page.fill("[data-testid=statements-signin-graphUrl]", emu.url);
    await page.click("[data-testid=statements-signin-button]");
    await page.waitForFunction(() => /^Sesión iniciada/.test(document.querySelector("[data-testid=statements-signin-status]").textContent), null, { timeout: 30000 });
    assertEqual(await page.textContent("[data-testid=statements-signin-status]"), "Sesión iniciada: ana@materiales.com.mx.", "signed in");
    const calls = await page.evaluate(() => window.__msalCalls);
    assertEqual(JSON.stringify(calls[0]), JSON.stringify({ op: "create", clientId: "6c1f2a10-8f5e-4b7e-9b1a-3c2d4e5f6a7b", authority: "https://login.microsoftonline.com/materialesdelbajio.onmicrosoft.com", cache: "sessionStorage", redirectUri: `${base}/taskpane-auth.html` }), "MSAL configured");
    assertEqual(calls[1].op, "popup", "no account yet: the popup, from the click");
    assertEqual(calls[1].scopes.join(" "), "Mail.Send Mail.ReadWrite", "scopes");

    for (let i = 0; i < 5; i++) await page.locator("[data-testid=statements-item] input[type=checkbox]").nth(i).check();
    assert(await page.isChecked("[data-testid=statements-include-checked]"), "checking customers means only those");
    assertEqual(await page.textContent("[data-testid=statements-checked-count]"), `5 de ${written} marcados`, "checked count");
    await page.click("[data-testid=statements-send] [data-testid=run]");
    await page.waitForSelector("[data-testid=statements-confirm]:not([hidden])");
    const picked = await page.$$eval("[data-testid=statements-item]", (lis) => lis.slice(0, 5).map((li) => li.dataset.customer));
    assertEqual(await page.textContent("[data-testid=statements-confirm-text]"), `¿Enviar 5 mensajes a ${new Set(picked).size} clientes desde ana@materiales.com.mx?`, "confirm step");
    assertEqual(emu.log.length, 0, "nothing sent before confirming");
    await shot(page, "21-statements-confirm.png");
    const started = Date.now();
    await page.click("[data-testid=statements-confirm-yes]");
    await page.waitForFunction(() => /^Enviados:/.test(document.querySelector("[data-testid=statements-send] [data-testid=status]").textContent), null, { timeout: 120000 });
    assertEqual(await page.textContent("[data-testid=statements-send] [data-testid=status]"), "Enviados: 5 · ya enviados antes: 0 · con error: 0 · sin confirmar: 0 · cancelados: 0", "status");
    const sent = emu.sent();
    assertEqual(sent.length, 5, "messages the emulator received");
    for (const m of sent) {
      assertEqual(m.sends, 1, `${m.subject} sent once`);
      assertEqual(m.attachments.length, 2, `${m.subject} attachments`);
    }
    sentKeys = sent.map((m) => m.key);
    assertEqual(emu.schemaErrors.join("\n"), "", "every body valid against the Graph schema");
    assertEqual(emu.violations.join("\n"), "", "Graph's limits respected");
    const statuses = emu.log.map((r) => r.status);
    for (const s of [429, 503, 401, -1]) assert(statuses.includes(s), `the emulator injected ${s} (${statuses.join(",")})`);
    assert(emu.maxInFlight <= 4, `at most 4 requests in flight (${emu.maxInFlight})`);
    // Chromium read every answer across origins: the emulator's CORS headers held (its jest test checks the preflight itself).
    const refreshed = (await page.evaluate(() => window.__msalCalls)).filter((c) => c.op === "silent" && c.forceRefresh);
    assertEqual(refreshed.length, 1, "the 401 renewed the token once, silently");
    // The journal shows them sent.
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=statements-journal] tr[data-status=sent]").length === 5);
    assert((await page.textContent("[data-testid=statements-journal-counts]")).startsWith("5 enviados"), "journal counts");
    console.log(`     (5 messages through ${emu.log.length} Graph requests with faults in ${Date.now() - started} ms)`);
    await shot(page, "22-statements-sent.png");

    // Sending the same again: the journal (read afresh) says they went; nothing is sent.
    await page.click("[data-testid=statements-send] [data-testid=run]");
    await page.click("[data-testid=statements-confirm-yes]");
    await page.waitForFunction(() => /ya enviados antes: 5/.test(document.querySelector("[data-testid=statements-send] [data-testid=status]").textContent), null, { timeout: 60000 });
    assertEqual(emu.sent().length, 5, "still five");
    assert(emu.sent().every((m) => m.sends === 1), "none twice");
    // No token in local storage, ever.
    const stored = await page.evaluate(() => Object.keys(localStorage).map((k) => localStorage.getItem(k)).join("\n"));
    assert(!stored.includes("token-1"), "no token in local storage");
  });

  await test("Estados de cuenta: a reloaded pane knows from the session's journal what was sent, and the journal downloads as a workbook", async () => {
    const again = page;
    await again.reload({ waitUntil: "domcontentloaded" });
    await again.waitForSelector("body[data-ready='true']", { timeout: 15000 });
    await again.click("[data-testid=tab-statements]");
    await again.waitForFunction(() => document.querySelectorAll("[data-testid=statements-journal] tr[data-status=sent]").length === 5, null, { timeout: 15000 });
    const download = again.waitForEvent("download", { timeout: 30000 });
    await again.click("[data-testid=statements-journal-download]");
    const d = await download;
    const file = path.join(tmp, d.suggestedFilename());
    await d.saveAs(file);
    assert(/^cartera-envios-\d{4}-\d{2}-\d{2}\.xlsx$/.test(d.suggestedFilename()), d.suggestedFilename());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("Cartera envíos");
    assert(ws, `sheets ${wb.worksheets.map((w) => w.name)}`);
    const head = ws.getRow(ws.actualRowCount > 0 ? findHeader(ws) : 1).values.slice(1);
    const keyCol = head.indexOf("Clave") + 1;
    const statusCol = head.indexOf("Estado") + 1;
    assert(keyCol > 0 && statusCol > 0, `journal header ${head}`);
    const last = new Map();
    ws.eachRow((r, n) => n > findHeader(ws) && last.set(r.getCell(keyCol).value, r.getCell(statusCol).value));
    for (const k of sentKeys) assertEqual(last.get(k), "sent", `journal: ${k}`);
  });

  await test("Minutas: the minutes as JSON, previewed, a dry run with compromisos.csv, then sent once; their promises to pay go once to Compromisos", async () => {
    await page.click("[data-testid=tab-minutes]");
    await page.setInputFiles("[data-testid=minutes-json-input]", json);
    await page.waitForFunction(() => /reunion\.json/.test(document.querySelector("[data-testid=minutes-json-status]").textContent));
    await page.click("[data-testid=minutes-build] [data-testid=run]");
    await page.waitForSelector("[data-testid=minutes-counts]", { timeout: 60000 });
    assertEqual(await page.textContent("[data-testid=minutes-counts]"), "1 minutas · 2 compromisos de pago · 0 sin destinatarios", "counts");
    await page.click("[data-testid=minutes-item] >> nth=0 >> [data-action=preview]");
    await page.waitForSelector("[data-testid=minutes-preview] [data-testid=preview-subject]", { timeout: 30000 });
    assertEqual(await page.textContent("[data-testid=minutes-preview] [data-testid=preview-subject]"), "Minuta de la reunión del 05/11/2026 · Constructora Ríos Ibáñez, S.A. de C.V.", "subject");
    assertEqual(await page.textContent("[data-testid=minutes-preview] [data-testid=preview-to]"), "mgarcia@riosibanez.com.mx, aruiz@materiales.com.mx", "to: the attendees with an address");

    await page.check("[data-testid=minutes-mode-dryrun]");
    const download = page.waitForEvent("download", { timeout: 60000 });
    await page.click("[data-testid=minutes-send] [data-testid=run]");
    const d = await download;
    const zip = unzipSync(new Uint8Array(fs.readFileSync(await d.path())));
    assert(zip["0001_0001000128_2026-11-05/message.eml"], `zip: ${Object.keys(zip)}`);
    assert(zip["0001_0001000128_2026-11-05/Minuta_0001000128_2026-11-05.pdf"], "the PDF to sign");
    const promises = strFromU8(zip["compromisos.csv"]).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    assertEqual(promises.length, 3, "compromisos.csv: header and two promises");
    assert(promises[1].includes("Pago de facturas de agosto") && promises[1].includes("50000.00"), promises[1]);
    const mail = await simpleParser(Buffer.from(zip["0001_0001000128_2026-11-05/message.eml"]));
    assert(mail.text.includes("Saldo conciliado: $125,000.50"), "text part");

    emu.rules = [{ route: "POST /messages/{id}/send", fault: "429", retryAfter: 1 }];
    const before = emu.sent().length;
    await page.check("[data-testid=minutes-mode-send]");
    // The reloaded page forgot the session (tokens live in memory); the registration was remembered.
    assertEqual(await page.inputValue("[data-testid=minutes-signin-graphUrl]"), emu.url, "Graph address remembered");
    await page.click("[data-testid=minutes-signin-button]");
    await page.waitForFunction(() => /^Sesión iniciada/.test(document.querySelector("[data-testid=minutes-signin-status]").textContent), null, { timeout: 15000 });
    await page.click("[data-testid=minutes-send] [data-testid=run]");
    assertEqual(await page.textContent("[data-testid=minutes-confirm-text]"), "¿Enviar 1 mensajes a 1 clientes desde ana@materiales.com.mx?", "confirm");
    await page.click("[data-testid=minutes-confirm-yes]");
    await page.waitForFunction(() => /^Enviados:/.test(document.querySelector("[data-testid=minutes-send] [data-testid=status]").textContent), null, { timeout: 60000 });
    assertEqual(await page.textContent("[data-testid=minutes-send] [data-testid=status]"), "Enviados: 1 · ya enviados antes: 0 · con error: 0 · sin confirmar: 0 · cancelados: 0 Compromisos nuevos: 2 (en esta sesión; se descargan con la bitácora).", "status");
    assertEqual(emu.sent().length, before + 1, "the minutes sent");
    const minutesMail = emu.sent().find((m) => m.subject.startsWith("Minuta"));
    assertEqual(minutesMail.to.join(), "mgarcia@riosibanez.com.mx,aruiz@materiales.com.mx", "to the attendees");
    assertEqual(minutesMail.attachments.map((a) => a.name).join(), "Minuta_0001000128_2026-11-05.pdf", "the PDF");
    await page.click("[data-testid=minutes-send] [data-testid=run]");
    await page.click("[data-testid=minutes-confirm-yes]");
    await page.waitForFunction(() => /ya enviados antes: 1/.test(document.querySelector("[data-testid=minutes-send] [data-testid=status]").textContent), null, { timeout: 60000 });
    assert((await page.textContent("[data-testid=minutes-send] [data-testid=status]")).includes("Compromisos nuevos: 0 "), "no promise twice");
    assertEqual(emu.sent().length, before + 1, "nothing sent twice");
    const rows = await page.evaluate(() => JSON.parse(sessionStorage.getItem("cartera.list.v1.promises")));
    assertEqual(rows.length, 3, "Compromisos: header and two rows");
    assertEqual(rows[1][5], "Pago de facturas de agosto", "first promise");
    assertEqual(rows[2][8], "75000.50", "second promise's amount");
    await shot(page, "23-minutes-sent.png");
  });

  await test("Estados de cuenta and Minutas in Excel (office.js stand-in): the journal is a Cartera envíos sheet read back before each batch, the promises a Compromisos sheet", async () => {
    const t0 = Date.now();
    // The stand-in the aging test bundled, when it ran (it is the same source).
    const bundled = path.join(tmp, "fake-office", "fake-office.js");
    const script = fs.existsSync(bundled) ? fs.readFileSync(bundled, "utf8") : await env.bundleFakeOffice(path.join(tmp, "fake-office-mail"));
    const rows = await env.tableRows(ledger, "ledger.js", "LEDGER_SPEC");
    const clientes = await env.tableRows(path.join(ROOT, "samples", "customers.csv"), "customers.js", "CUSTOMER_SPEC");
    const p = await context.newPage();
    p.on("pageerror", (e) => pageErrors.push(String(e)));
    await p.addInitScript(fakeMsal);
    await p.route(/appsforoffice\.microsoft\.com/, (r) => r.fulfill({ contentType: "text/javascript", body: `${script};window.__seedLedger(${JSON.stringify(rows)});window.__seedSheet("Clientes", ${JSON.stringify(clientes)});` }));
    await p.goto(`${base}/taskpane.html`);
    await p.waitForSelector("body[data-ready='true']", { timeout: 30000 });
    assertEqual(await p.textContent("[data-testid=mode]"), "Excel", "mode badge");
    const ready = Date.now();
    await p.click("[data-testid=tab-statements]");
    assertEqual(await p.inputValue("[data-testid=statements-ledger-select]"), "table:Partidas", "the ledger table");
    await p.selectOption("[data-testid=statements-customers-select]", "sheet:Clientes");
    await p.waitForFunction(() => !document.querySelector("#panel-statements [data-testid=statements-build] [data-testid=run]").disabled, null, { timeout: 30000 });
    await p.fill("[data-testid=statements-asof]", AS_OF);
    await p.click("[data-testid=statements-build] [data-testid=run]");
    await p.waitForSelector("[data-testid=statements-counts]", { timeout: 120000 });
    const prepared = Date.now();
    assert((await p.textContent("[data-testid=statements-counts]")).startsWith(`${written + 1} estados de cuenta`), await p.textContent("[data-testid=statements-counts]"));
    await p.check("[data-testid=statements-mode-send]");
    await p.fill("[data-testid=statements-signin-clientId]", "6c1f2a10-8f5e-4b7e-9b1a-3c2d4e5f6a7b");
    await p.fill("[data-testid=statements-signin-graphUrl]", emu.url);
    await p.click("[data-testid=statements-signin-button]");
    await p.waitForFunction(() => /^Sesión iniciada/.test(document.querySelector("[data-testid=statements-signin-status]").textContent), null, { timeout: 30000 });
    // Three the browser test did not send (from the end of the list).
    const n = await p.locator("[data-testid=statements-item]").count();
    for (const i of [n - 1, n - 2, n - 3]) await p.locator("[data-testid=statements-item] input[type=checkbox]").nth(i).check();
    emu.rules = [{ route: "POST /messages/{id}/send", fault: "429", retryAfter: 1, after: 1 }];
    const before = emu.sent().length;
    const run = async () => {
      await p.click("#panel-statements [data-testid=statements-send] [data-testid=run]");
      await p.click("[data-testid=statements-confirm-yes]");
      await p.waitForFunction(() => /^Enviados:/.test(document.querySelector("[data-testid=statements-send] [data-testid=status]").textContent), null, { timeout: 120000 });
      return p.textContent("[data-testid=statements-send] [data-testid=status]");
    };
    assertEqual(await run(), "Enviados: 3 · ya enviados antes: 0 · con error: 0 · sin confirmar: 0 · cancelados: 0", "first run");
    assertEqual(emu.sent().length, before + 3, "three sent");
    const sheet = () =>
      p.evaluate(() => {
        const f = window.__fakeExcel;
        const ws = f.live().find((s) => s.name === "Cartera envíos");
        const settings = f.sheet("Cartera").read("A1:B60").filter((r) => r[0] === "owned.list.journal").map((r) => r[1]);
        return ws ? { id: ws.id, rows: ws.read("A1:O80").filter((r) => r.some((c) => c !== "" && c !== null && c !== undefined)), owned: settings } : null;
      });
    const first = await sheet();
    assert(first, "a Cartera envíos sheet");
    assertEqual(first.rows[0][13], "Estado", "its header");
    assertEqual(first.owned.join(), first.id, "recorded as Cartera's in the settings sheet");
    const statusOf = (r) => r[13];
    assertEqual(first.rows.slice(1).filter((r) => statusOf(r) === "sent").length, 3, "three sent steps");
    // Another batch reads the sheet again: nothing is sent twice.
    assertEqual(await run(), "Enviados: 0 · ya enviados antes: 3 · con error: 0 · sin confirmar: 0 · cancelados: 0", "second run");
    assertEqual(emu.sent().length, before + 3, "still three");
    assertEqual((await sheet()).rows.length, first.rows.length, "nothing appended by a run that sent nothing");
    await shot(p, "24-excel-journal.png");

    // Minutes in Excel: the promises go to a Compromisos sheet.
    await p.click("[data-testid=tab-minutes]");
    await p.setInputFiles("[data-testid=minutes-json-input]", path.join(tmp, "reunion.json"));
    await p.click("[data-testid=minutes-build] [data-testid=run]");
    await p.waitForSelector("[data-testid=minutes-counts]", { timeout: 60000 });
    await p.check("[data-testid=minutes-mode-send]");
    await p.waitForFunction(() => /^Sesión iniciada/.test(document.querySelector("[data-testid=minutes-signin-status]").textContent), null, { timeout: 15000 });
    await p.click("#panel-minutes [data-testid=minutes-send] [data-testid=run]");
    await p.click("[data-testid=minutes-confirm-yes]");
    await p.waitForFunction(() => /^Enviados:/.test(document.querySelector("[data-testid=minutes-send] [data-testid=status]").textContent), null, { timeout: 60000 });
    assert((await p.textContent("[data-testid=minutes-send] [data-testid=status]")).endsWith("Compromisos nuevos: 2 (hoja Compromisos)."), await p.textContent("[data-testid=minutes-send] [data-testid=status]"));
    const promises = await p.evaluate(() => window.__fakeExcel.live().find((s) => s.name === "Compromisos").read("A1:K5").filter((r) => r[0]));
    assertEqual(promises.length, 3, "Compromisos: header and two promises");
    assertEqual(promises[0][5], "Acuerdo", "its header");
    assertEqual(promises[2][5], "Segundo pago", "the second promise");
    console.log(`     (office.js stand-in bundled and pane ready in ${ready - t0} ms, statements prepared from the sheets in ${prepared - ready} ms, the rest ${Date.now() - prepared} ms)`);
    await p.close();
  });

  if (page) await page.close();
  await emu.stop();
};

function findHeader(ws) {
  let at = 1;
  ws.eachRow((r, n) => {
    if (at === 1 && r.values.includes("Clave")) at = n;
  });
  return at;
}
