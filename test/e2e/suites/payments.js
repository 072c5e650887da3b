"use strict";
/* global document, window */
/**
 * The Pagos section of the Reconciliation panel, in a plain browser: the sample BBVA statement,
 * ledger and master opened, matched, every deposit reviewed (accept, reject, reassign to a
 * suggestion, a hand assignment refused because another line pays the invoice), and only then
 * the application written. The proposals are checked against `cartera reconcile payments
 * --json` and the written posting sheet against the decisions taken.
 */
const path = require("node:path");
const fs = require("node:fs");
const { execFileSync } = require("node:child_process");

module.exports = async function paymentsSuite(env) {
  const { test, assert, assertEqual, openPane, context, base, shot, pageErrors, ROOT, AS_OF, tmp, tableRows, bundleFakeOffice } = env;
  const samples = (f) => path.join(ROOT, "samples", f);
  const files = { bank: samples("bank-bbva.csv"), paymentsLedger: samples("payments-ledger.txt"), paymentsCustomers: samples("payments-customers.csv") };

  await test("Pagos: every deposit shown with the command line's proposal; accept, reject, reassign; only the decided ones are written", async () => {
    const cli = JSON.parse(
      execFileSync(process.execPath, [path.join(ROOT, "bin", "cartera.js"), "reconcile", "payments", "--bank", files.bank, "--ledger", files.paymentsLedger, "--customers", files.paymentsCustomers, "--as-of", AS_OF, "--json"], { cwd: ROOT, maxBuffer: 256 << 20, stdio: ["ignore", "pipe", "pipe"] }).toString("utf8"),
    );
    const { page } = await openPane(context, base);
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await page.click("[data-testid=tab-reconciliation]");
    await page.click("[data-testid=reconciliation-mode-payments]");
    for (const [part, file] of Object.entries(files)) {
      await page.setInputFiles(`[data-testid=reconciliation-${part}-file-input]`, file);
      await page.waitForFunction((id) => /filas leídas/.test(document.querySelector(`[data-testid=${id}-status]`)?.textContent ?? ""), `reconciliation-${part}`, { timeout: 60000 });
    }
    await page.fill("[data-testid=reconciliation-asof]", AS_OF);
    await page.click("#panel-reconciliation [data-testid=run]");
    await page.waitForSelector("[data-testid=deposit-review]:not([hidden])", { timeout: 120000 });
    const counts = await page.textContent("[data-testid=deposits-counts]");
    assert(counts.startsWith(`${cli.stats.deposits} depósitos · ${cli.stats.matched} propuestas · 0 aceptadas`), `counts: ${counts}`);
    assert(await page.isDisabled("[data-testid=payments-write] [data-testid=run]"), "nothing is written before a decision");

    // Each proposal on the first page is the command line's: customer and documents.
    const byLine = new Map(cli.matches.map((m) => [m.bankLine, m]));
    const shown = await page.$$eval("[data-testid=deposit]", (els) => els.map((el) => ({ line: Number(el.dataset.line), state: el.dataset.state, customer: el.querySelector("[data-testid=deposit-proposal]")?.dataset.customer ?? null, text: el.textContent })));
    assertEqual(shown.length, 50, "a page of deposits");
    for (const s of shown) {
      const m = byLine.get(s.line);
      if (!m) {
        assertEqual(s.state, "unmatched", `line ${s.line} state`);
        continue;
      }
      assertEqual(s.state, "pending", `line ${s.line} state`);
      assertEqual(s.customer, m.customer, `line ${s.line} customer`);
      for (const d of m.documents) assert(s.text.includes(d), `line ${s.line} shows document ${d}`);
    }

    // A deposit a returned cheque took back says so on its card.
    const bounced = cli.matches.find((m) => m.reversedBy !== undefined);
    await page.fill("[data-testid=deposits-search]", bounced.documents[0]);
    assert((await page.textContent(`[data-testid=deposit][data-line="${bounced.bankLine}"] [data-testid=deposit-reversed]`)).includes(`línea ${bounced.reversedBy}`), "reversal shown");
    await page.fill("[data-testid=deposits-search]", "");

    // The unmatched filter lists exactly the command line's unmatched deposits.
    await page.selectOption("[data-testid=deposits-filter]", "unmatched");
    assert((await page.textContent("[data-testid=deposits-page]")).includes(`(${cli.unmatched.length} depósitos)`), "unmatched count");

    // Reassign an unmatched deposit to its suggestion.
    const suggested = cli.unmatched.find((u) => u.suggestions.length > 0);
    const row = (line) => `[data-testid=deposit][data-line="${line}"]`;
    await page.click(`${row(suggested.bankLine)} [data-testid=deposit-reassign]`);
    await page.click(`${row(suggested.bankLine)} [data-testid=reassign-suggestion-0]`);
    await page.selectOption("[data-testid=deposits-filter]", "all");
    await page.fill("[data-testid=deposits-search]", String(suggested.amount.toFixed(2)).replace(/\B(?=(\d{3})+(?!\d))/g, ","));
    assertEqual(await page.getAttribute(row(suggested.bankLine), "data-state"), "assigned", "the suggestion taken");
    await page.fill("[data-testid=deposits-search]", "");

    // Accept every proposal shown (all of them), then reject one.
    await page.selectOption("[data-testid=deposits-filter]", "pending");
    await page.click("[data-testid=deposits-accept-shown]");
    assert((await page.textContent("[data-testid=deposits-counts]")).includes(`${cli.stats.matched} aceptadas`), "all proposals accepted");
    const rejected = cli.matches[0];
    await page.selectOption("[data-testid=deposits-filter]", "accepted");
    await page.click(`${row(rejected.bankLine)} [data-testid=deposit-reject]`);
    // Decided, it leaves the "accepted" view (as a message leaves a filtered inbox) and shows under its state.
    assert(!(await page.$(row(rejected.bankLine))), "it leaves the accepted view");
    await page.selectOption("[data-testid=deposits-filter]", "rejected");
    assertEqual(await page.getAttribute(row(rejected.bankLine), "data-state"), "rejected", "rejected");

    // By hand: another unmatched deposit to an invoice an accepted line already pays — refused, with the reason.
    const taken = cli.matches[1];
    const other = cli.unmatched.find((u) => u.bankLine !== suggested.bankLine);
    await page.selectOption("[data-testid=deposits-filter]", "unmatched");
    await page.click(`${row(other.bankLine)} [data-testid=deposit-reassign]`);
    await page.fill(`${row(other.bankLine)} [data-testid=reassign-customer]`, taken.customer);
    await page.click(`${row(other.bankLine)} [data-testid=reassign-list]`);
    await page.check(`${row(other.bankLine)} [data-testid=reassign-invoices] input[data-document="${taken.documents[0]}"]`);
    assert((await page.textContent(`${row(other.bankLine)} [data-testid=reassign-total]`)).startsWith("Marcadas: $"), "checked total shown");
    await page.click(`${row(other.bankLine)} [data-testid=reassign-apply]`);
    await page.selectOption("[data-testid=deposits-filter]", "refused");
    const refusal = await page.textContent(`${row(other.bankLine)} [data-testid=deposit-refused]`);
    assert(refusal.includes(`ya la paga la línea ${taken.bankLine}`), `refusal: ${refusal}`);
    await shot(page, "14-payments-review.png");

    // Write: the posting sheet holds the accepted and assigned lines, not the rejected or refused ones.
    const download = page.waitForEvent("download", { timeout: 120000 });
    await page.click("[data-testid=payments-write] [data-testid=run]");
    const d = await download;
    assertEqual(d.suggestedFilename(), `cartera-conciliacion-payments-${AS_OF}.xlsx`, "file name");
    const ExcelJS = require("exceljs");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await d.path());
    const posting = wb.getWorksheet("Aplicación");
    assert(posting, `an application sheet (${wb.worksheets.map((w) => w.name).join(", ")})`);
    let lineCol = 0;
    const lines = new Set();
    posting.eachRow((r) => {
      if (!lineCol) {
        r.eachCell((c, i) => c.value === "Línea banco" && (lineCol = i));
        return;
      }
      const v = r.getCell(lineCol).value;
      if (typeof v === "number") lines.add(v);
    });
    // A deposit a returned cheque took back is not posted (postingRows), whoever decided it.
    const expected = new Set(cli.matches.filter((m) => m.reversedBy === undefined).map((m) => m.bankLine).filter((l) => l !== rejected.bankLine));
    expected.add(suggested.bankLine);
    assertEqual([...lines].sort((a, b) => a - b).join(","), [...expected].sort((a, b) => a - b).join(","), "bank lines posted");
    assert(!lines.has(other.bankLine), "the refused assignment is not posted");
    const status = await page.textContent("[data-testid=payments-write] [data-testid=status]");
    assert(status.includes(`Aplicados: ${cli.stats.matched - 1} aceptados y 1 asignados; 1 rechazados`), `status: ${status}`);

    // The same application as the CSV an analyst uploads.
    const csvDownload = page.waitForEvent("download", { timeout: 30000 });
    await page.click("[data-testid=posting-csv]");
    const csv = fs.readFileSync(await (await csvDownload).path(), "utf8");
    assertEqual(csv.split(/\r?\n/)[0].replace(/^\uFEFF/, ""), "type,customer,document,invoice_reference,amount,currency,bank_date,bank_reference,residual,bank_line,rule,account", "posting header");
    assert(csv.includes(",analyst,"), "the assigned line is labelled as the analyst's");
    await page.close();
  });

  await test("Pagos in Excel: three sheets picked, every proposal accepted, the Aplicación sheet holds exactly the rows of `--posting`", async () => {
    const posting = path.join(tmp, "posting.csv");
    execFileSync(process.execPath, [path.join(ROOT, "bin", "cartera.js"), "reconcile", "payments", "--bank", files.bank, "--ledger", files.paymentsLedger, "--customers", files.paymentsCustomers, "--as-of", AS_OF, "--posting", posting], { cwd: ROOT, stdio: ["ignore", "ignore", "ignore"] });
    // Document, amount applied, bank line of each posting row, as the CSV gives them.
    const cliRows = fs.readFileSync(posting, "utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/).slice(1).map((l) => l.split(",")).map((c) => `${c[2]}|${Number(c[4]).toFixed(2)}|${c[9]}`).sort();
    const script = await bundleFakeOffice(path.join(tmp, "fake-office-payments"));
    const bank = await tableRows(files.bank, "bankStatement.js", "BANK_STATEMENT_SPEC");
    const ledger = await tableRows(files.paymentsLedger, "ledger.js", "LEDGER_SPEC");
    const master = await tableRows(files.paymentsCustomers, "customers.js", "CUSTOMER_SPEC");
    const p = await context.newPage();
    p.on("pageerror", (e) => pageErrors.push(String(e)));
    await p.route(/appsforoffice\.microsoft\.com/, (r) =>
      r.fulfill({ contentType: "text/javascript", body: `${script};window.__seedLedger([["Cuenta"],["x"]]);window.__seedSheet("Banco", ${JSON.stringify(bank)});window.__seedSheet("Libro", ${JSON.stringify(ledger)});window.__seedSheet("Clientes", ${JSON.stringify(master)});` }),
    );
    await p.goto(`${base}/taskpane.html`);
    await p.waitForSelector("body[data-ready='true']", { timeout: 30000 });
    await p.click("[data-testid=tab-reconciliation]");
    await p.click("[data-testid=reconciliation-mode-payments]");
    await p.selectOption("[data-testid=reconciliation-bank-select]", "sheet:Banco");
    await p.selectOption("[data-testid=reconciliation-paymentsLedger-select]", "sheet:Libro");
    await p.selectOption("[data-testid=reconciliation-paymentsCustomers-select]", "sheet:Clientes");
    await p.waitForFunction(() => /fila/.test(document.querySelector("[data-testid=reconciliation-paymentsCustomers-mapping]")?.textContent ?? ""), null, { timeout: 30000 });
    await p.fill("[data-testid=reconciliation-asof]", AS_OF);
    await p.click("#panel-reconciliation [data-testid=run]");
    await p.waitForSelector("[data-testid=deposit-review]:not([hidden])", { timeout: 120000 });
    await p.selectOption("[data-testid=deposits-filter]", "pending");
    await p.click("[data-testid=deposits-accept-shown]");
    await p.click("[data-testid=payments-write] [data-testid=run]");
    await p.waitForFunction(() => document.querySelector("[data-testid=payments-write] [data-testid=status]").textContent.startsWith("Listo."), null, { timeout: 120000 });
    const sheets = await p.evaluate(() => window.__fakeExcel.live().map((x) => x.name));
    assert(sheets.includes("Aplicación"), `an Aplicación sheet (${sheets.join(", ")})`);
    const written = await p.evaluate(() => window.__fakeExcel.sheet("Aplicación").read("A1:L20000"));
    const header = written.findIndex((r) => r.includes("Línea banco"));
    const h = written[header];
    const [doc, amount, line] = ["Nº documento", "Importe aplicado", "Línea banco"].map((x) => h.indexOf(x));
    assert(doc >= 0 && amount >= 0 && line >= 0, `posting columns (${h.join(" | ")})`);
    const paneRows = written.slice(header + 1).filter((r) => typeof r[line] === "number").map((r) => `${r[doc] ?? ""}|${Number(r[amount]).toFixed(2)}|${r[line]}`).sort();
    assertEqual(paneRows.length, cliRows.length, "posting rows");
    assertEqual(paneRows.join("\n"), cliRows.join("\n"), "the pane's posting is the command line's");
    await shot(p, "15-excel-payments.png");
    await p.close();
  });
};
