/* global setInterval, clearInterval, Buffer, URL, document, window, navigator, performance, localStorage */
"use strict";
/**
 * End-to-end tests of the task pane in standalone mode (no Office host), in Debian's Chromium
 * driven by playwright-core: the built pane (dist/) is served on 127.0.0.1 by a tiny static
 * server started here; office.js cannot load (no network), so the pane must fall back to
 * standalone mode at once. The totals the pane shows and the workbook it downloads are checked
 * against the command line's engine (`cartera aging … --json`).
 *
 *   npm run test:e2e                 (CHROME_PATH=/path/to/chromium to use another Chromium)
 *
 * Screenshots go to test/e2e/screenshots/ (git-ignored). Ends with "N passed, N failed".
 */
const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");
const { spawnSync, execFileSync } = require("node:child_process");

const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const SHOTS = path.join(__dirname, "screenshots");
const SAMPLE_TXT = path.join(ROOT, "samples", "ledger-fbl5n.txt");
const SAMPLE_XLSX = path.join(ROOT, "samples", "ledger.xlsx");
const SAMPLE_CUSTOMERS = path.join(ROOT, "samples", "customers.csv");
const AS_OF = "2026-10-31";

// ---- set-up ------------------------------------------------------------------------------

function chromePath() {
  const p = process.env.CHROME_PATH || "/usr/bin/chromium";
  if (fs.existsSync(p)) return p;
  console.error(`Chromium not found at ${p} (set CHROME_PATH or install it): apt-get install -y chromium`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}

/** Newest modification time under a path (files only). */
function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return fs.readdirSync(p).reduce((m, f) => Math.max(m, newest(path.join(p, f))), 0);
}

/** Builds when dist/ is missing or older than the pane's sources, so the test never runs a stale pane. */
function ensureBuilt() {
  const built = Math.min(newest(path.join(DIST, "taskpane.js")), newest(path.join(DIST, "src", "cli", "main.js")));
  const sources = Math.max(newest(path.join(ROOT, "taskpane")), newest(path.join(ROOT, "src")), newest(path.join(ROOT, "templates")), newest(path.join(ROOT, "webpack.config.js")));
  if (built > 0 && (process.env.E2E_NO_BUILD || (built >= sources && !process.env.E2E_BUILD))) return;
  console.log("# building (npm run build)…");
  const r = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) {
    console.error("npm run build failed");
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".json": "application/json", ".map": "application/json", ".png": "image/png", ".xml": "application/xml", ".txt": "text/plain" };

function serve(dir) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const file = path.normalize(path.join(dir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream", "Cache-Control": "no-store" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** The engine's answer, from the built command line. */
function engine(file, extra = []) {
  const out = execFileSync(process.execPath, [path.join(ROOT, "bin", "cartera.js"), "aging", file, "--as-of", AS_OF, "--json", ...extra], { cwd: ROOT, maxBuffer: 256 << 20, stdio: ["ignore", "pipe", "pipe"] });
  const json = JSON.parse(out.toString("utf8"));
  json.byCurrency = json.totalsByCurrency || (json.customers.length ? { [json.customers[0].currency]: json.totals } : {});
  return json;
}

/** How the pane writes money (es-MX and en-US group alike), written independently of the engine. */
function money(units, currency) {
  const cents = Math.round(units * 100);
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const body = `${whole}.${String(abs % 100).padStart(2, "0")}`;
  const symbol = { MXN: "$", USD: "US$", EUR: "€" }[currency];
  const text = symbol === undefined ? `${body} ${currency}` : `${symbol}${body}`;
  return cents < 0 ? `-${text}` : text;
}

/**
 * office.js for the Excel-mode test: test/e2e/fakeOffice.ts (Office + Excel.run over
 * office-addin-mock objects) bundled for the browser with the project's webpack and ts-loader.
 */
function bundleFakeOffice(outDir) {
  const webpack = require("webpack");
  const config = {
    mode: "development",
    devtool: false,
    entry: path.join(__dirname, "fakeOffice.ts"),
    output: { path: outDir, filename: "fake-office.js" },
    target: ["web", "es2020"],
    resolve: { extensions: [".ts", ".js"], alias: { "office-addin-manifest": path.join(ROOT, "test", "shims", "office-addin-manifest.js") } },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { configFile: path.join(ROOT, "tsconfig.json"), transpileOnly: true, compilerOptions: { module: "es2020", target: "es2020" } } },
        },
      ],
    },
    performance: { hints: false },
  };
  return new Promise((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err || stats.hasErrors()) reject(err || new Error(stats.toString("errors-only")));
      else resolve(fs.readFileSync(path.join(outDir, "fake-office.js"), "utf8"));
    }),
  );
}

/** A file's rows as a user would paste them into a sheet, found with a table kind's spec. */
async function tableRows(file, specModule, specName) {
  const { readTableBytes } = require(path.join(DIST, "src", "io", "tableSource.js"));
  const spec = require(path.join(DIST, "src", "core", "tables", specModule))[specName];
  const rows = [];
  const { reader } = await readTableBytes(new Uint8Array(fs.readFileSync(file)), path.basename(file), spec, (row) => (rows.push(row.slice()), null), () => undefined);
  return [reader.headers, ...rows];
}

/** The sample's rows as a user would paste them into a sheet: header, then data (no title lines). */
async function ledgerRows(file) {
  const { readTableBytes } = require(path.join(DIST, "src", "io", "tableSource.js"));
  const { LEDGER_SPEC } = require(path.join(DIST, "src", "core", "tables", "ledger.js"));
  const rows = [];
  const { reader } = await readTableBytes(new Uint8Array(fs.readFileSync(file)), path.basename(file), LEDGER_SPEC, (row) => (rows.push(row.slice()), null), () => undefined);
  return [reader.headers, ...rows];
}

/**
 * The first 20 customers of the sample master, as a sheet's rows (codes as text, numbers as
 * numbers) and as a CSV for the command line, with one credit limit nobody can read.
 */
function customerSample(file) {
  const lines = fs.readFileSync(SAMPLE_CUSTOMERS, "utf8").replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.trim() !== "").slice(0, 21);
  const badRow = 4;
  const cells = (l) => l.match(/("([^"]|"")*"|[^,]*)(,|$)/g).slice(0, 7).map((c) => c.replace(/,$/, "").replace(/^"|"$/g, "").replace(/""/g, '"'));
  const rows = lines.map((l, i) => {
    const r = cells(l);
    if (i + 1 === badRow) r[4] = "sin límite";
    return i === 0 ? r : r.map((v, c) => (c === 3 || c === 4) && /^\d+(\.\d+)?$/.test(v) ? Number(v) : v);
  });
  const quote = (v) => (/[",;]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  fs.writeFileSync(file, rows.map((r) => r.map(quote).join(",")).join("\n"));
  return { rows, file, badRow };
}

// ---- tiny runner ---------------------------------------------------------------------------

const results = [];
async function test(name, fn) {
  // E2E_ONLY=regex runs only the matching tests (while working on one panel; CI runs them all).
  if (process.env.E2E_ONLY && !new RegExp(process.env.E2E_ONLY).test(name)) return;
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}\n     ${String((e && e.stack) || e).split("\n").slice(0, 6).join("\n     ")}`);
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

function assertEqual(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// ---- the pane --------------------------------------------------------------------------------

async function openPane(context, base, { lang } = {}) {
  const page = await context.newPage();
  if (lang) await page.addInitScript((l) => Object.defineProperty(navigator, "language", { get: () => l }), lang);
  const started = Date.now();
  await page.goto(`${base}/taskpane.html`, { waitUntil: "domcontentloaded" });
  await page.waitForSelector("body[data-ready='true']", { timeout: 15000 });
  return { page, readyMs: Date.now() - started };
}

async function openFile(page, file) {
  await page.setInputFiles("[data-testid=file-input]", file);
  await page.waitForFunction(() => {
    const m = document.querySelector("[data-testid=mapping]");
    const e = document.querySelector("[data-testid=source-error]");
    return (m && !m.hidden) || (e && !e.hidden);
  }, null, { timeout: 120000 });
}

async function selectedText(page, testId) {
  return page.$eval(`[data-testid=${testId}]`, (s) => s.options[s.selectedIndex].textContent);
}

async function runAging(page) {
  await page.fill("[data-testid=asof]", AS_OF);
  const download = page.waitForEvent("download", { timeout: 300000 });
  await page.click("[data-testid=run]");
  const d = await download;
  await page.waitForSelector("[data-testid=results]:not([hidden])", { timeout: 60000 });
  return d;
}

/** Every shown total (buckets, total, overdue) against the engine's, per currency. */
async function checkTotals(page, expected) {
  // One table per summary of the Report (src/report/html.ts): testid = summary id, data-bucket = figure key.
  const shown = await page.$$eval("[data-testid=results] table[data-testid^='totals-']", (tables) =>
    Object.fromEntries(tables.map((t) => [t.dataset.currency, Object.fromEntries([...t.querySelectorAll("tbody tr")].map((tr) => [tr.dataset.bucket, tr.querySelector("td").textContent]))])),
  );
  const currencies = Object.keys(expected.byCurrency);
  assertEqual(Object.keys(shown).sort().join(","), currencies.sort().join(","), "currencies shown");
  let checked = 0;
  for (const cur of currencies) {
    const e = expected.byCurrency[cur];
    e.buckets.forEach((v, i) => {
      assertEqual(shown[cur][String(i)], money(v, cur), `${cur} bucket ${expected.buckets[i]}`);
      checked++;
    });
    assertEqual(shown[cur].total, money(e.total, cur), `${cur} total`);
    assertEqual(shown[cur].overdue, money(e.overdue, cur), `${cur} overdue`);
    checked += 2;
  }
  return checked;
}

async function checkWorkbook(download, expected, tmp, names) {
  const ExcelJS = require("exceljs");
  const file = path.join(tmp, download.suggestedFilename());
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  assertEqual(wb.worksheets.map((w) => w.name).join(","), names.join(","), "result sheets");
  const summary = wb.worksheets[0];
  const header = summary.getRow(4).values.slice(1);
  const col = (h) => header.indexOf(h) + 1;
  for (const [cur, e] of Object.entries(expected.byCurrency)) {
    let row = null;
    summary.eachRow((r) => {
      if (r.getCell(1).value === `Total ${cur}`) row = r;
    });
    assert(row, `no "Total ${cur}" row in ${summary.name}`);
    const labels = header.slice(3, 3 + e.buckets.length);
    labels.forEach((l, i) => assertEqual(Math.round(Number(row.getCell(col(l)).value) * 100), Math.round(e.buckets[i] * 100), `${summary.name} ${cur} ${l}`));
    assertEqual(Math.round(Number(row.getCell(col("Total")).value) * 100), Math.round(e.total * 100), `${summary.name} ${cur} Total`);
  }
  // Every open item on the detail sheet, every rejection on the rejected sheet.
  const items = expected.customers.reduce((n, c) => n + c.items, 0);
  assertEqual(wb.worksheets[1].actualRowCount - 1, items, "detail rows");
  assertEqual(wb.worksheets[2].actualRowCount - 1, expected.rejected.length, "rejected rows");
  return file;
}

// ---- main ------------------------------------------------------------------------------------

async function main() {
  const executablePath = chromePath();
  ensureBuilt();
  const { chromium } = require("playwright-core");
  const { message } = require(path.join(DIST, "src", "core", "messages.js"));
  fs.mkdirSync(SHOTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cartera-e2e-"));
  const userDataDir = path.join(tmp, "profile");
  const server = await serve(DIST);
  const base = `http://127.0.0.1:${server.address().port}`;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    locale: "es-MX",
    acceptDownloads: true,
    // The Graph emulator's certificate is self-signed, made for 127.0.0.1 by the test itself.
    ignoreHTTPSErrors: true,
    viewport: { width: 420, height: 900 },
  });
  // No network: only our server answers; anything else (office.js from Microsoft's CDN) fails at once.
  const external = new Set();
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    external.add(url.hostname);
    return route.abort("internetdisconnected");
  });
  const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
  const pageErrors = [];

  let page;
  await test("the pane falls back to standalone mode at once when office.js cannot load", async () => {
    const opened = await openPane(context, base);
    page = opened.page;
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    assert(opened.readyMs < 8000, `ready after ${opened.readyMs} ms`);
    assertEqual(await page.textContent("[data-testid=mode]"), "Navegador", "mode badge");
    assertEqual((await page.textContent("[data-testid=open-workbook]")).trim(), "Abrir libro…", "open button");
    assertEqual(await page.getAttribute("html", "lang"), "es-MX", "document language");
    const onlyCdn = [...external].every((h) => h === "appsforoffice.microsoft.com");
    assert(onlyCdn, `unexpected requests to ${[...external].join(", ")}`);
    await shot(page, "01-standalone-start.png");
  });

  await test("tabs work from the keyboard (arrow keys, Home) and say which is selected", async () => {
    await page.focus("[data-testid=tab-aging]");
    await page.keyboard.press("ArrowRight");
    assertEqual(await page.getAttribute("[data-testid=tab-reconciliation]", "aria-selected"), "true", "reconciliation selected");
    assert(await page.isVisible("[data-testid=reconciliation-deliveries]"), "reconciliation panel visible");
    await page.keyboard.press("ArrowRight");
    assert(await page.isVisible("[data-testid=credit-ledger]"), "credit panel visible");
    await shot(page, "02-credit-panel.png");
    await page.keyboard.press("Home");
    assertEqual(await page.getAttribute("[data-testid=tab-aging]", "aria-selected"), "true", "aging selected again");
    assertEqual(await page.evaluate(() => document.activeElement && document.activeElement.dataset.testid), "tab-aging", "focus follows");
  });

  const txt = engine(SAMPLE_TXT);
  const headerLine = fs.readFileSync(SAMPLE_TXT, "latin1").split(/\r?\n/).findIndex((l) => l.startsWith("Cuenta\t")) + 1;

  await test("opening the SAP FBL5N text export shows the mapping found (column → meaning)", async () => {
    await openFile(page, SAMPLE_TXT);
    assert(!(await page.isVisible("[data-testid=source-error]")), await page.textContent("[data-testid=source-error]"));
    assertEqual(await selectedText(page, "map-customer"), "A · Cuenta", "customer");
    assertEqual(await selectedText(page, "map-customerName"), "B · Nombre", "name");
    assertEqual(await selectedText(page, "map-documentNumber"), "C · Nº documento", "document number");
    assertEqual(await selectedText(page, "map-netDueDate"), "J · Vencimiento neto", "net due date");
    assertEqual(await selectedText(page, "map-documentAmount"), "N · Importe en moneda doc.", "document amount");
    assertEqual(await selectedText(page, "map-clearingDate"), "P · Fecha de compensación", "clearing date");
    assertEqual(await selectedText(page, "map-amount"), "(ninguna)", "generic amount");
    const status = await page.textContent("[data-testid=mapping-status]");
    assert(status.includes(`fila ${headerLine} `), `header row ${headerLine} in "${status}"`);
    assert(await page.isEnabled("[data-testid=run]"), "run enabled");
    await shot(page, "03-mapping.png");
  });

  let download;
  await test("running the aging shows the engine's totals to the centavo, per currency", async () => {
    download = await runAging(page);
    const n = await checkTotals(page, txt);
    const status = await page.textContent("[data-testid=status]");
    assert(status.includes(download.suggestedFilename()), `status "${status}"`);
    const counts = await page.textContent("[data-testid=counts]");
    // Customers are counted once; their rows per currency separately.
    const distinct = new Set(txt.customers.map((c) => c.customer)).size;
    const rows = distinct === txt.customers.length ? "" : ` (${txt.customers.length.toLocaleString("en-US")} filas por cliente y moneda)`;
    assert(counts.startsWith(`${distinct.toLocaleString("en-US")} clientes${rows}`), `counts "${counts}"`);
    assert(n >= 16, `${n} totals checked`);
    await shot(page, "04-results.png");
  });

  await test("rejected rows are listed with row, column, value and reason", async () => {
    const items = await page.$$eval("[data-testid=rejected] li button", (bs) => bs.map((b) => ({ row: b.dataset.row, text: b.textContent })));
    assertEqual(items.length, txt.rejected.length, "rejected shown");
    txt.rejected.forEach((r, i) => {
      assertEqual(items[i].row, String(r.row), `row of rejection ${i}`);
      assert(items[i].text.includes(r.reason), `"${items[i].text}" gives the reason "${r.reason}"`);
    });
    await page.click("[data-testid=rejected] li button");
    const status = await page.textContent("[data-testid=status]");
    assert(status.startsWith(`Fila ${txt.rejected[0].row}, columna ${txt.rejected[0].column}`), `status "${status}"`);
    await page.locator("[data-testid=rejected]").screenshot({ path: path.join(SHOTS, "05-rejected.png") });
  });

  await test("the downloaded workbook holds the same totals, every item and every rejection (read with exceljs)", async () => {
    await checkWorkbook(download, txt, tmp, ["Resumen", "Detalle", "Rechazados"]);
  });

  await test("a corrected mapping is used: without the clearing-date column, cleared items count as open", async () => {
    // The engine's view of the same change: the same file with that header made unrecognisable.
    const copy = path.join(tmp, "ledger-no-clearing.txt");
    const text = fs.readFileSync(SAMPLE_TXT, "latin1").replace("\tFecha de compensación\t", "\tSin usar\t");
    fs.writeFileSync(copy, Buffer.from(text, "latin1"));
    const expected = engine(copy);
    assert(expected.byCurrency.MXN.buckets.join() !== txt.byCurrency.MXN.buckets.join(), "the change matters");
    await page.selectOption("[data-testid=map-clearingDate]", "");
    assert(await page.isEnabled("[data-testid=run]"), "still runnable");
    await runAging(page);
    await checkTotals(page, expected);
  });

  await test("a mapping missing a needed meaning says which, and Run waits for it", async () => {
    await page.selectOption("[data-testid=map-customer]", "");
    const warning = await page.textContent("[data-testid=mapping-error]");
    assertEqual(warning, "Falta asignar una columna a: Cuenta.", "warning");
    assert(!(await page.isEnabled("[data-testid=run]")), "run disabled");
    await page.selectOption("[data-testid=map-customer]", "0");
    assert(await page.isEnabled("[data-testid=run]"), "run enabled again");
  });

  await test("the last mapping and options are remembered (browser storage) for the next session", async () => {
    await page.fill("[data-testid=buckets]", "15,30,60,90");
    await runAging(page);
    const labels = await page.$$eval("[data-testid=totals-MXN] tbody tr th", (ths) => ths.map((t) => t.textContent));
    assertEqual(labels.join("|"), "Corriente|1-15|16-30|31-60|61-90|90+|Total|Vencido", "bucket labels");
    const again = (await openPane(context, base)).page;
    assertEqual(await again.inputValue("[data-testid=asof]"), AS_OF, "key date");
    assertEqual(await again.inputValue("[data-testid=buckets]"), "15,30,60,90", "buckets");
    await openFile(again, SAMPLE_TXT);
    assertEqual(await selectedText(again, "map-clearingDate"), "(ninguna)", "corrected field remembered");
    assertEqual(await selectedText(again, "map-customer"), "A · Cuenta", "other fields as detected");
    assert((await again.textContent("[data-testid=mapping-status]")).includes("Se aplicó la asignación"), "says it restored it");
    await again.fill("[data-testid=buckets]", "30,60,90,120");
    await again.selectOption("[data-testid=map-clearingDate]", "15");
    await again.close();
  });

  await test("corrections saved as ledger.mapping.* (before mappings were kept per kind) still apply, and move to mapping.ledger.*", async () => {
    const p = (await openPane(context, base)).page;
    p.on("pageerror", (e) => pageErrors.push(String(e)));
    await p.evaluate(() => {
      const s = JSON.parse(localStorage.getItem("cartera.settings.v1"));
      for (const k of Object.keys(s)) if (k.startsWith("mapping.")) delete s[k];
      s["ledger.mapping.clearingDate"] = "-";
      localStorage.setItem("cartera.settings.v1", JSON.stringify(s));
    });
    await p.reload();
    await p.waitForSelector("body[data-ready='true']");
    await openFile(p, SAMPLE_TXT);
    assertEqual(await selectedText(p, "map-clearingDate"), "(ninguna)", "old correction applied");
    assert((await p.textContent("[data-testid=mapping-status]")).includes("Se aplicó la asignación"), "says it restored it");
    await p.fill("[data-testid=buckets]", "30,60,90,120");
    await runAging(p);
    const stored = () => p.evaluate(() => JSON.parse(localStorage.getItem("cartera.settings.v1")));
    const moved = await stored();
    assertEqual(moved["ledger.mapping.clearingDate"], undefined, "old key removed");
    assertEqual(moved["mapping.ledger.clearingDate"], "-", "new key written");
    await p.selectOption("[data-testid=map-clearingDate]", "15");
    await runAging(p);
    assertEqual((await stored())["mapping.ledger.clearingDate"], undefined, "back on its detected column: forgotten");
    await p.close();
  });

  await test("the .xlsx sample (English headers below title lines) gives the engine's totals too", async () => {
    if (!fs.existsSync(SAMPLE_XLSX)) throw new Error(`${SAMPLE_XLSX} is missing (npm run samples)`);
    const xlsx = engine(SAMPLE_XLSX);
    const p = (await openPane(context, base)).page;
    await openFile(p, SAMPLE_XLSX);
    assertEqual(await selectedText(p, "map-customer"), "A · Account", "customer");
    assertEqual(await selectedText(p, "map-netDueDate"), "J · Net Due Date", "net due date");
    await p.fill("[data-testid=buckets]", "30,60,90,120");
    await p.selectOption("[data-testid=map-clearingDate]", "15");
    const d = await runAging(p);
    await checkTotals(p, xlsx);
    await checkWorkbook(d, xlsx, tmp, ["Resumen", "Detalle", "Rechazados"]);
    await shot(p, "06-xlsx-results.png");
    await p.close();
  });

  await test("a customer master (second file) adds plaza and credit limit to the summary; totals equal `--customers`", async () => {
    const expected = engine(SAMPLE_TXT, ["--customers", SAMPLE_CUSTOMERS]);
    const p = (await openPane(context, base)).page;
    p.on("pageerror", (e) => pageErrors.push(String(e)));
    await openFile(p, SAMPLE_TXT);
    assertEqual((await p.textContent("[data-testid=open-customers]")).trim(), "Abrir maestro de clientes…", "master button");
    await p.setInputFiles("[data-testid=customers-file-input]", SAMPLE_CUSTOMERS);
    await p.waitForFunction(() => !document.querySelector("[data-testid=customers-mapping]").hidden || !document.querySelector("[data-testid=customers-error]").hidden, null, { timeout: 60000 });
    assert(!(await p.isVisible("[data-testid=customers-error]")), await p.textContent("[data-testid=customers-error]"));
    const masterLines = fs.readFileSync(SAMPLE_CUSTOMERS, "utf8").split(/\r?\n/).filter((l) => l.trim() !== "").length;
    assertEqual(await p.textContent("[data-testid=customers-status]"), `customers.csv: ${masterLines} filas leídas.`, "master status");
    // The master's own mapping editor (folded under the columns it recognised).
    assertEqual(await p.textContent("[data-testid=customers-mapping-status]"), "Encabezados en la fila 1 de customers.csv.", "master header row");
    const recognised = await p.textContent("[data-testid=customers-mapping-summary]");
    assert(recognised.startsWith("Columnas reconocidas: Cliente, Nombre") && recognised.includes("Límite de crédito") && recognised.includes("Plaza"), `master columns "${recognised}"`);
    assert(!(await p.isVisible("[data-testid=customers-map-plaza]")), "the master's mapping starts folded");
    await p.click("[data-testid=customers-mapping-summary]");
    assertEqual(await selectedText(p, "customers-map-code"), "A · Cliente", "master code");
    assertEqual(await selectedText(p, "customers-map-creditLimit"), "E · Límite de crédito", "master credit limit");
    assertEqual(await selectedText(p, "customers-map-plaza"), "G · Plaza", "master plaza");
    assert(await p.isVisible("[data-testid=customers-remove]"), "remove button shown");
    await p.fill("[data-testid=buckets]", "30,60,90,120");
    await p.selectOption("[data-testid=map-clearingDate]", "15");
    const d = await runAging(p);
    await checkTotals(p, expected);
    const count = await p.textContent("[data-testid=customers-count]");
    assert(/^300 clientes en el maestro\.$/.test(count), `count "${count}"`);
    assert(!(await p.isVisible("[data-testid=customers-rejected]")), "no master warnings for the sample");
    const file = await checkWorkbook(d, expected, tmp, ["Resumen", "Detalle", "Rechazados"]);

    // The summary's plaza and credit-limit columns, filled from the master.
    const ExcelJS = require("exceljs");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const summary = wb.worksheets[0];
    const header = summary.getRow(4).values.slice(1);
    const plazaCol = header.indexOf("Plaza") + 1;
    const limitCol = header.indexOf("Límite de crédito") + 1;
    assert(plazaCol > 0 && limitCol > 0, `summary header ${JSON.stringify(header)}`);
    const master = new Map(
      fs
        .readFileSync(SAMPLE_CUSTOMERS, "utf8")
        .replace(/^\uFEFF/, "")
        .split(/\r?\n/)
        .slice(1)
        .filter((l) => l.trim() !== "")
        .map((l) => {
          const cells = l.match(/("([^"]|"")*"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, "").replace(/^"|"$/g, ""));
          return [cells[0].replace(/^0+/, ""), { plaza: cells[6], limit: Number(cells[4]) }];
        }),
    );
    let filled = 0;
    for (let r = 5; r < 5 + expected.customers.length; r++) {
      const row = summary.getRow(r);
      const code = String(row.getCell(1).value);
      const m = master.get(code.replace(/^0+/, ""));
      assert(m, `summary row ${r}: customer ${code} is not in the master`);
      assertEqual(row.getCell(plazaCol).value, m.plaza, `plaza of ${code}`);
      assertEqual(Math.round(Number(row.getCell(limitCol).value) * 100), Math.round(m.limit * 100), `credit limit of ${code}`);
      filled++;
    }
    assertEqual(filled, expected.customers.length, "summary rows with plaza and limit");
    // Names on the summary are the engine's (the ledger's, else the master's).
    expected.customers.forEach((c, i) => assertEqual(summary.getRow(5 + i).getCell(2).value, c.name, `name of ${c.customer}`));
    await shot(p, "11-customer-master.png");

    // Remembered with the other settings; removing it gives the plain result again.
    const saved = await p.evaluate(() => JSON.parse(localStorage.getItem("cartera.settings.v1"))["aging.customers"]);
    assertEqual(saved, "file:customers:customers.csv", "remembered master");

    // The master's mapping can be corrected like the ledger's: without its plaza column the
    // summary's Plaza stays empty (limits still filled), and the correction is kept for that kind.
    await p.selectOption("[data-testid=customers-map-plaza]", "");
    assert(await p.$eval("[data-testid=customers-mapping] tr[data-field=plaza]", (tr) => tr.classList.contains("changed")), "changed row marked");
    const noPlaza = await checkWorkbook(await runAging(p), expected, tmp, ["Resumen", "Detalle", "Rechazados"]);
    await checkTotals(p, expected);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(noPlaza);
    const s2 = wb2.worksheets[0];
    for (let r = 5; r < 5 + expected.customers.length; r++) {
      const v = s2.getRow(r).getCell(plazaCol).value;
      assert(v === null || v === "", `plaza of row ${r} is ${JSON.stringify(v)} without a plaza column`);
      // The limits stay as the master gives them (a few sample customers have none on file).
      const m = master.get(String(s2.getRow(r).getCell(1).value).replace(/^0+/, ""));
      assertEqual(Math.round(Number(s2.getRow(r).getCell(limitCol).value) * 100), Math.round((m.limit || 0) * 100), `credit limit of row ${r} still filled`);
    }
    const stored = await p.evaluate(() => JSON.parse(localStorage.getItem("cartera.settings.v1")));
    assertEqual(stored["mapping.customers.plaza"], "-", "master correction remembered for its kind");
    assertEqual(stored["mapping.ledger.plaza"], undefined, "not for the ledger's");
    await p.selectOption("[data-testid=customers-map-plaza]", "6");
    await p.click("[data-testid=customers-remove]");
    await runAging(p);
    await checkTotals(p, txt);
    assert(!(await p.isVisible("[data-testid=customers-count]")), "no master count without a master");
    const after = await p.evaluate(() => JSON.parse(localStorage.getItem("cartera.settings.v1"))["aging.customers"]);
    assertEqual(after, undefined, "master forgotten once removed");
    await p.close();
  });

  await test("a binary file renamed .csv gets one clear message, not a stack trace", async () => {
    const bad = path.join(tmp, "cartera.csv");
    fs.writeFileSync(bad, Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10, 0x80, 0x00, 0x00, 0x7f, 0x45, 0x4c, 0x46, ...Array(200).fill(0)]));
    await openFile(page, bad);
    assertEqual(await page.textContent("[data-testid=source-error]"), message("es", "file.binary", { file: "cartera.csv" }), "message");
    assert(!(await page.isVisible("[data-testid=mapping]")), "no mapping for a bad file");
    assert(!(await page.isEnabled("[data-testid=run]")), "nothing to run");
    await shot(page, "07-bad-file.png");
  });

  await test("a file without a recognisable header says what it found and what it needs", async () => {
    const bad = path.join(tmp, "sin-encabezados.csv");
    fs.writeFileSync(bad, "Producto,Cantidad,Precio\nCemento,10,250.00\nVarilla,5,180.50\n");
    await openFile(page, bad);
    const text = await page.textContent("[data-testid=source-error]");
    assert(text.startsWith("No se encontró la fila de encabezados"), text);
    assert(text.includes('"Producto", "Cantidad", "Precio"') && text.includes("Se necesitan: Cuenta; Nº documento"), text);
  });

  await test("the credit review: ledger, master, orders, deliveries and history opened, reviewed, the workbook holds the command line's figures", async () => {
    const samples = (f) => path.join(ROOT, "samples", f);
    const cli = JSON.parse(
      execFileSync(process.execPath, [path.join(ROOT, "bin", "cartera.js"), "credit", "--ledger", SAMPLE_TXT, "--customers", SAMPLE_CUSTOMERS, "--orders", samples("orders.csv"), "--deliveries", samples("unbilled-deliveries.csv"), "--history", samples("payment-history.csv"), "--as-of", AS_OF, "--json"], { cwd: ROOT, maxBuffer: 256 << 20, stdio: ["ignore", "pipe", "pipe"] }).toString("utf8"),
    );
    await page.click("[data-testid=tab-credit]");
    const parts = { ledger: SAMPLE_TXT, customers: SAMPLE_CUSTOMERS, orders: samples("orders.csv"), deliveries: samples("unbilled-deliveries.csv"), history: samples("payment-history.csv") };
    for (const [part, file] of Object.entries(parts)) {
      await page.setInputFiles(`[data-testid=credit-${part}-file-input]`, file);
      await page.waitForFunction((id) => /filas leídas/.test(document.querySelector(`[data-testid=${id}-status]`)?.textContent ?? ""), `credit-${part}`, { timeout: 60000 });
    }
    await page.fill("[data-testid=credit-asof]", AS_OF);
    // The policy is shown and editable; a value the policy parser refuses says why and Run waits.
    await page.click("[data-testid=credit-policy] summary");
    await page.fill("[data-testid='policy-release.toleranceDays']", "mucho");
    assert(await page.isVisible("[data-testid=policy-error]"), "policy error shown");
    assert(await page.isDisabled("#panel-credit [data-testid=run]"), "Run waits for a valid policy");
    await page.fill("[data-testid='policy-release.toleranceDays']", "");
    assert(!(await page.isDisabled("#panel-credit [data-testid=run]")), "Run enabled again");
    const download = page.waitForEvent("download", { timeout: 300000 });
    await page.click("#panel-credit [data-testid=run]");
    const d = await download;
    assertEqual(d.suggestedFilename(), `cartera-credito-${AS_OF}.xlsx`, "file name");
    await page.waitForSelector("[data-testid=credit-results]:not([hidden])", { timeout: 60000 });
    const ExcelJS = require("exceljs");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await d.path());
    const first = wb.worksheets[0];
    const codes = [];
    first.eachRow((row) => {
      const v = row.getCell(1).value;
      if (typeof v === "string" && cli.customers.some((c) => c.customer === v)) codes.push(v);
    });
    assertEqual(codes.length, cli.customers.length, "one row per customer of `cartera credit`");
    assert(wb.worksheets.length >= 5, `${wb.worksheets.length} sheets`);
    await shot(page, "09-credit-results.png");
    await page.click("[data-testid=tab-aging]");
  });

  await test("billing vs delivery notes: both lists opened, reconciled, the workbook holds `cartera reconcile deliveries`'s answers; the statement mode asks for a customer", async () => {
    const samples = (f) => path.join(ROOT, "samples", f);
    const cli = JSON.parse(
      execFileSync(process.execPath, [path.join(ROOT, "bin", "cartera.js"), "reconcile", "deliveries", "--deliveries", samples("deliveries.csv"), "--invoices", samples("invoice-lines.csv"), "--as-of", AS_OF, "--json"], { cwd: ROOT, maxBuffer: 256 << 20, stdio: ["ignore", "pipe", "pipe"] }).toString("utf8"),
    );
    await page.click("[data-testid=tab-reconciliation]");
    for (const [part, file] of [["deliveries", samples("deliveries.csv")], ["invoices", samples("invoice-lines.csv")]]) {
      await page.setInputFiles(`[data-testid=reconciliation-${part}-file-input]`, file);
      await page.waitForFunction((id) => /filas leídas/.test(document.querySelector(`[data-testid=${id}-status]`)?.textContent ?? ""), `reconciliation-${part}`, { timeout: 60000 });
    }
    await page.fill("[data-testid=reconciliation-asof]", AS_OF);
    const download = page.waitForEvent("download", { timeout: 300000 });
    await page.click("#panel-reconciliation [data-testid=run]");
    const d = await download;
    assertEqual(d.suggestedFilename(), `cartera-conciliacion-deliveries-${AS_OF}.xlsx`, "file name");
    await page.waitForSelector("[data-testid=reconciliation-results]:not([hidden])", { timeout: 60000 });
    const ExcelJS = require("exceljs");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await d.path());
    // Every remission the command line finds not invoiced is on one of the workbook's sheets.
    const cells = new Set();
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => typeof c.value === "string" && cells.add(c.value))));
    assert(cli.notInvoiced.length > 0, "the sample has remissions not invoiced");
    for (const n of cli.notInvoiced) assert(cells.has(n.remission), `remission ${n.remission} not invoiced is in the workbook`);
    await shot(page, "10-reconciliation-results.png");
    await page.click("[data-testid=reconciliation-mode-statement]");
    assert(await page.isVisible("[data-testid=reconciliation-theirs]"), "the statement's inputs show");
    assert(await page.isDisabled("#panel-reconciliation [data-testid=run]"), "Run waits for both lists and a customer");
    await page.click("[data-testid=reconciliation-mode-deliveries]");
    await page.click("[data-testid=tab-aging]");
  });

  await test("English follows the browser's language", async () => {
    const p = (await openPane(context, base, { lang: "en-US" })).page;
    assertEqual(await p.textContent("[data-testid=mode]"), "Browser", "mode badge");
    assertEqual((await p.textContent("[data-testid=open-workbook]")).trim(), "Open workbook…", "open button");
    assertEqual(await p.getAttribute("html", "lang"), "en", "document language");
    const bad = path.join(tmp, "empty.csv");
    fs.writeFileSync(bad, "");
    await openFile(p, bad);
    assertEqual(await p.textContent("[data-testid=source-error]"), message("en", "file.empty", { file: "empty.csv" }), "message");
    await shot(p, "08-english-error.png");
    await p.close();
  });

  await test("in Excel (office.js stand-in over office-addin-mock objects): table picked, aged, sheets written, a rejected row selects its cell", async () => {
    const script = await bundleFakeOffice(path.join(tmp, "fake-office"));
    const rows = await ledgerRows(SAMPLE_TXT);
    const p = await context.newPage();
    p.on("pageerror", (e) => pageErrors.push(String(e)));
    // A customer sheet too: the first customers of the sample, one with a credit limit nobody can read.
    const master = customerSample(path.join(tmp, "clientes.csv"));
    await p.route(/appsforoffice\.microsoft\.com/, (r) =>
      r.fulfill({ contentType: "text/javascript", body: `${script};window.__seedLedger(${JSON.stringify(rows)});window.__seedSheet("Clientes", ${JSON.stringify(master.rows)});` }),
    );
    await p.goto(`${base}/taskpane.html`);
    await p.waitForSelector("body[data-ready='true']", { timeout: 30000 });
    assertEqual(await p.textContent("[data-testid=mode]"), "Excel", "mode badge");
    assertEqual(await p.inputValue("[data-testid=source-select]"), "table:Partidas", "the table holding the active cell is picked");
    const options = await p.$$eval("[data-testid=source-select] option", (os) => os.map((o) => o.value));
    assert(options.includes("sheet:Notas") && options.includes("sheet:Partidas"), `sources ${options.join(", ")}`);
    assertEqual(await p.inputValue("[data-testid=customers-select]"), "", "no customer master by default");
    assertEqual(await selectedText(p, "customers-select"), "(ninguno)", "the master list starts at (ninguno)");
    const masters = await p.$$eval("[data-testid=customers-select] option", (os) => os.map((o) => o.value));
    assert(masters.includes("sheet:Notas") && masters.includes("sheet:Clientes"), `master sources ${masters.join(", ")}`);
    await p.waitForSelector("[data-testid=mapping]:not([hidden])");
    assertEqual(await selectedText(p, "map-customer"), "A · Cuenta", "customer");
    await p.fill("[data-testid=asof]", AS_OF);
    await p.fill("[data-testid=buckets]", "30,60,90,120");
    await p.selectOption("[data-testid=map-clearingDate]", "15");
    await p.click("[data-testid=run]");
    await p.waitForFunction(() => document.querySelector("[data-testid=status]").textContent.startsWith("Listo."), null, { timeout: 120000 });
    assertEqual(await p.textContent("[data-testid=status]"), "Listo. Hojas de resultados: Resumen, Detalle, Rechazados.", "status");
    await checkTotals(p, txt);
    const state = () =>
      p.evaluate(() => {
        const f = window.__fakeExcel;
        const summary = f.sheet("Resumen");
        return {
          sheets: f.live().map((s) => s.name),
          tables: summary.tables.map((t) => t.name),
          charts: summary.charts.map((c) => c.type),
          frozen: summary.frozenRows,
          settings: f.sheet("Cartera").read("A5:A8").map((r) => r[0]),
        };
      });
    const first = await state();
    assertEqual(first.sheets.join(","), "Partidas,Notas,Clientes,Resumen,Detalle,Rechazados,Cartera", "sheets");
    assertEqual(first.tables.join(","), "Cartera_aging_aging_summary", "summary table");
    assertEqual(first.charts.join(","), "BarStacked", "chart");
    assertEqual(first.frozen, 4, "frozen header");
    assert(first.settings.includes("aging.asOf"), `settings ${first.settings}`);
    // Clicking a rejected row selects its cell in the source sheet.
    const button = p.locator("[data-testid=rejected] li button").first();
    const row = Number(await button.getAttribute("data-row"));
    const column = Number(await button.getAttribute("data-column"));
    await button.click();
    await p.waitForFunction(() => document.querySelector("[data-testid=status]").textContent.endsWith("seleccionada."));
    const selected = await p.evaluate(() => window.__fakeExcel.selected);
    const letter = (i) => (i >= 26 ? letter(Math.floor(i / 26) - 1) : "") + String.fromCharCode(65 + (i % 26));
    assertEqual(JSON.stringify(selected), JSON.stringify({ sheet: "Partidas", address: `${letter(column)}${row}` }), "selected cell");
    await p.screenshot({ path: path.join(SHOTS, "10-excel-mode.png"), fullPage: true });
    // Running again replaces Cartera's sheets, not adds to them.
    await p.click("[data-testid=run]");
    await p.waitForFunction(() => document.querySelector("[data-testid=status]").textContent.startsWith("Listo."), null, { timeout: 120000 });
    assertEqual((await state()).sheets.join(","), "Partidas,Notas,Clientes,Cartera,Resumen,Detalle,Rechazados", "sheets after a re-run");

    // The customer master from a sheet: its own mapping editor, the engine's totals with
    // `--customers`, and its unusable row listed as a warning that selects its cell.
    await p.selectOption("[data-testid=customers-select]", "sheet:Clientes");
    await p.waitForSelector("[data-testid=customers-mapping]:not([hidden])");
    assertEqual(await p.textContent("[data-testid=customers-mapping-status]"), "Encabezados en la fila 1 de Clientes!A1:G21.", "master header");
    assertEqual(await p.inputValue("[data-testid=customers-map-creditLimit]"), "4", "master credit limit column");
    await p.click("[data-testid=run]");
    await p.waitForFunction(() => document.querySelector("[data-testid=status]").textContent.startsWith("Listo."), null, { timeout: 120000 });
    await checkTotals(p, engine(SAMPLE_TXT, ["--customers", master.file]));
    assertEqual(await p.textContent("[data-testid=customers-count]"), `${master.rows.length - 2} clientes en el maestro.`, "master count (the unusable row left out)");
    const warning = p.locator("[data-testid=customers-rejected] li button");
    assertEqual(await warning.count(), 1, "master warnings");
    assert((await warning.textContent()).startsWith(`Fila ${master.badRow} · Límite de crédito · «sin límite»:`), await warning.textContent());
    await warning.click();
    await p.waitForFunction(() => document.querySelector("[data-testid=status]").textContent.endsWith("seleccionada."));
    assertEqual(JSON.stringify(await p.evaluate(() => window.__fakeExcel.selected)), JSON.stringify({ sheet: "Clientes", address: `E${master.badRow}` }), "selected master cell");
    const saved = await p.evaluate(() => window.__fakeExcel.sheet("Cartera").read("A1:B40").filter((r) => r[0] === "aging.customers").map((r) => r[1]));
    assertEqual(saved.join(), "sheet:Clientes", "master remembered in the Cartera sheet");
    await p.screenshot({ path: path.join(SHOTS, "12-excel-master.png"), fullPage: true });
    await p.close();
  });

  await test("in Excel: the Reconciliation panel reads two sheets, reconciles, and writes its result sheets beside the workbook's own", async () => {
    const script = await bundleFakeOffice(path.join(tmp, "fake-office-reconcile"));
    const samples = (f) => path.join(ROOT, "samples", f);
    const deliveries = await tableRows(samples("deliveries.csv"), "deliveries.js", "DELIVERY_SPEC");
    const invoices = await tableRows(samples("invoice-lines.csv"), "invoiceLines.js", "INVOICE_LINE_SPEC");
    const cli = JSON.parse(
      execFileSync(process.execPath, [path.join(ROOT, "bin", "cartera.js"), "reconcile", "deliveries", "--deliveries", samples("deliveries.csv"), "--invoices", samples("invoice-lines.csv"), "--as-of", AS_OF, "--json"], { cwd: ROOT, maxBuffer: 256 << 20, stdio: ["ignore", "pipe", "pipe"] }).toString("utf8"),
    );
    const p = await context.newPage();
    p.on("pageerror", (e) => pageErrors.push(String(e)));
    await p.route(/appsforoffice\.microsoft\.com/, (r) =>
      r.fulfill({ contentType: "text/javascript", body: `${script};window.__seedLedger([["Cuenta"],["x"]]);window.__seedSheet("Remisiones", ${JSON.stringify(deliveries)});window.__seedSheet("Facturas", ${JSON.stringify(invoices)});` }),
    );
    await p.goto(`${base}/taskpane.html`);
    await p.waitForSelector("body[data-ready='true']", { timeout: 30000 });
    await p.click("[data-testid=tab-reconciliation]");
    await p.selectOption("[data-testid=reconciliation-deliveries-select]", "sheet:Remisiones");
    await p.selectOption("[data-testid=reconciliation-invoices-select]", "sheet:Facturas");
    await p.waitForFunction(() => /fila/.test(document.querySelector("[data-testid=reconciliation-invoices-mapping]")?.textContent ?? ""), null, { timeout: 30000 });
    await p.fill("[data-testid=reconciliation-asof]", AS_OF);
    await p.click("#panel-reconciliation [data-testid=run]");
    await p.waitForFunction(() => document.querySelector("#panel-reconciliation [data-testid=status]").textContent.startsWith("Listo."), null, { timeout: 120000 });
    const sheets = await p.evaluate(() => window.__fakeExcel.live().map((s) => s.name));
    for (const name of ["Resumen", "Sin facturar", "Conciliadas"]) assert(sheets.includes(name), `sheet ${name} written (${sheets.join(", ")})`);
    // The sheet of remissions not invoiced holds exactly the command line's.
    const written = await p.evaluate(() => window.__fakeExcel.sheet("Sin facturar").read("A1:A4000").map((r) => r[0]));
    for (const n of cli.notInvoiced) assert(written.includes(n.remission), `remission ${n.remission} on the sheet`);
    await shot(p, "13-excel-reconciliation.png");
    await p.close();
  });

  await test("100,000 rows: the pane stays responsive, can be cancelled, and then ages them all", async () => {
    const big = path.join(tmp, "cartera-100k.csv");
    const lines = ["Cliente,Documento,Fecha documento,Vencimiento,Importe,Moneda"];
    for (let i = 0; i < 100000; i++) {
      const d = 1 + (i % 28);
      const m = 1 + (i % 12);
      lines.push(`${String(1000 + (i % 997)).padStart(10, "0")},${9000000000 + i},${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/2026,${String(d).padStart(2, "0")}/${String(1 + ((i + 3) % 12)).padStart(2, "0")}/2026,"${((i * 7919) % 1000000) / 100 - (i % 10 === 0 ? 5000 : 0)}",MXN`);
    }
    fs.writeFileSync(big, lines.join("\n"));
    const expected = engine(big);
    const p = (await openPane(context, base)).page;
    await openFile(p, big);
    await p.fill("[data-testid=asof]", AS_OF);
    await p.fill("[data-testid=buckets]", "30,60,90,120");
    // Cancel as soon as the first chunk is in: the page's timer only fires when the pane yields.
    const cancel = await p.evaluate(
      () =>
        new Promise((resolve) => {
          const q = (id) => document.querySelector(`[data-testid=${id}]`);
          q("run").click();
          const t0 = performance.now();
          let clickedAt = 0;
          const iv = setInterval(() => {
            if (!clickedAt && q("progress").value > 0) {
              clickedAt = performance.now();
              q("cancel").click();
            }
            if (clickedAt && q("status").textContent.startsWith("Cancelado")) {
              clearInterval(iv);
              resolve({ firstYieldMs: Math.round(clickedAt - t0), cancelMs: Math.round(performance.now() - clickedAt), progress: q("progress").value });
            }
          }, 5);
        }),
    );
    assert(cancel.cancelMs < 2000, `cancel took ${cancel.cancelMs} ms (${JSON.stringify(cancel)})`);
    assert(cancel.progress < 60, `cancelled at ${cancel.progress}% (while reading)`);
    assert(!(await p.isVisible("[data-testid=results]")), "no results after cancel");
    // Then the whole run, with a 10 ms timer in the page recording how long it was kept waiting.
    await p.evaluate(() => {
      const status = document.querySelector("[data-testid=status]");
      const gaps = (window.__gaps = []);
      let last = performance.now();
      let phase = status.textContent;
      window.__timer = setInterval(() => {
        const now = performance.now();
        gaps.push({ ms: now - last, phase });
        last = now;
        phase = status.textContent;
      }, 10);
    });
    const download = p.waitForEvent("download", { timeout: 300000 });
    const t1 = Date.now();
    await p.click("[data-testid=run]");
    await download;
    await p.waitForSelector("[data-testid=results]:not([hidden])");
    const runMs = Date.now() - t1;
    await checkTotals(p, expected);
    const gaps = await p.evaluate(() => {
      clearInterval(window.__timer);
      const worst = {};
      for (const g of window.__gaps) worst[g.phase] = Math.max(worst[g.phase] || 0, Math.round(g.ms));
      return worst;
    });
    console.log(`     (first yield after ${cancel.firstYieldMs} ms, cancelled in ${cancel.cancelMs} ms; full run ${runMs} ms; longest wait per phase: ${JSON.stringify(gaps)})`);
    // Reading, aging and writing (in the worker) all leave the page free to answer within a second.
    for (const [phase, ms] of Object.entries(gaps)) assert(ms < 1000, `the pane kept the page waiting ${ms} ms during "${phase}"`);
    await shot(p, "09-100k-results.png");
    await p.close();
  });

  // Each panel's own suites (test/e2e/suites/*.js): one module per panel, given the same runner and browser.
  const env = { test, assert, assertEqual, openPane, openFile, selectedText, bundleFakeOffice, tableRows, engine, money, message, context, base, tmp, shot, pageErrors, ROOT, DIST, AS_OF };
  const suites = path.join(__dirname, "suites");
  for (const f of fs.existsSync(suites) ? fs.readdirSync(suites).filter((n) => n.endsWith(".js")).sort() : []) await require(path.join(suites, f))(env);

  await test("no uncaught errors in the page", async () => {
    assertEqual(pageErrors.join("\n"), "", "page errors");
  });

  await context.close();
  server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}

main()
  .catch((e) => {
    console.log(`FAIL setup\n     ${(e && e.stack) || e}`);
    results.push({ name: "setup", ok: false });
  })
  .finally(() => {
    const passed = results.filter((r) => r.ok).length;
    const failed = results.length - passed;
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed > 0 ? 1 : 0;
  });
