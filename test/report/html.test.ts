/**
 * The HTML writer, as strings (jest has no DOM here): what the pane inserts and what e-mail
 * bodies will quote. Everything from data is escaped; the pane's hooks are the summary's id,
 * each figure's key, the centavos, and class "overdue" on a positive highlighted figure.
 */
import { age } from "../../src/core/aging/aging";
import { buildAgingReport } from "../../src/core/aging/agingReport";
import { dayFromCivil } from "../../src/core/dates";
import { CustomerMaster } from "../../src/core/tables/customers";
import type { LedgerItem } from "../../src/core/tables/ledger";
import type { ReportSheet, ReportSummary } from "../../src/core/report/report";
import { escapeHtml, factsHtml, formatValue, glimpseHtml, reportSummaryHtml, sheetHtml, summaryHtml } from "../../src/report/html";

const AS_OF = dayFromCivil(2026, 10, 31);

function item(customer: string, name: string, amount: number, due: number, currency = "MXN"): LedgerItem {
  return { row: 7, customer, customerName: name, documentNumber: `9${customer}${amount}`, documentType: "RV", reference: "", assignment: "", text: "", documentDate: due - 30, postingDate: due - 30, baselineDate: null, netDueDate: due, clearingDate: null, termDays: null, terms: "", amount, currency };
}

const EVIL = `<script>alert("x")</script> & 'Hijos'`;
const items = [
  item("0001000123", EVIL, 123456789, AS_OF - 45), // 1,234,567.89 in 31-60
  item("0001000123", EVIL, 5000, AS_OF + 5), // current
  item("0002000456", "Ferretería Ramos", 700000, AS_OF - 200), // 120+
  item("0002000456", "Ferretería Ramos", -200000, AS_OF - 3), // a credit in 1-30
  item("0003000789", "Importadora del Norte", 90000, AS_OF - 10, "USD"),
];
const result = age(items, { asOf: AS_OF });
const report = buildAgingReport({ result, items, rejected: [], source: "ledger.txt", lang: "es", master: new CustomerMaster([]) });

/** The <tr> of a figure in a summary table. */
function row(html: string, key: string): string {
  const m = html.match(new RegExp(`<tr[^>]*data-bucket="${key}"[^>]*>.*?</tr>`));
  if (!m) throw new Error(`no row ${key} in ${html}`);
  return m[0];
}

describe("summaries (the pane's totals)", () => {
  const mxn = report.summaries!.find((s) => s.currency === "MXN")!;
  const html = summaryHtml(mxn, "es");

  it("draws one table per summary with the hooks the pane and its tests read", () => {
    expect(html).toMatch(/^<table class="grid summary" data-testid="totals-MXN" data-currency="MXN">/);
    expect(html).toContain("<caption>Saldo por rango, MXN</caption>");
    expect(html).toContain('<th scope="col">Rango</th><th scope="col" class="num">Importe</th>');
    const totals = result.totalsByCurrency.get("MXN")!;
    totals.buckets.forEach((c, i) => expect(row(html, String(i))).toContain(`data-centavos="${c}"`));
    expect(row(html, "total")).toContain(`data-centavos="${totals.total}"`);
    expect(row(html, "overdue")).toContain(`data-centavos="${totals.overdue}"`);
  });

  it("formats money with formatMoney, marks positive highlighted figures overdue and totals as totals", () => {
    expect(row(html, "2")).toBe('<tr class="overdue" data-bucket="2"><th scope="row">31-60</th><td class="num" data-centavos="123456789">$1,234,567.89</td></tr>');
    // Current is never overdue; a negative (credit) bucket is not drawn as overdue.
    expect(row(html, "0")).not.toContain("overdue");
    expect(row(html, "1")).toContain('data-centavos="-200000"');
    expect(row(html, "1")).toContain("-$2,000.00");
    expect(row(html, "1")).not.toContain('class="overdue"');
    expect(row(html, "total")).toMatch(/^<tr class="total" data-bucket="total">/);
    expect(row(html, "overdue")).toMatch(/^<tr class="total" data-bucket="overdue"><th scope="row">Vencido<\/th>/);
    const usd = summaryHtml(report.summaries!.find((s) => s.currency === "USD")!, "es");
    expect(row(usd, "1")).toContain("US$900.00");
  });

  it("renders the report's facts under its summaries, with the ids the pane gives them", () => {
    const all = reportSummaryHtml(report, { factIds: ["counts", "customers-count"] });
    expect(all.match(/<table /g)).toHaveLength(2);
    expect(all).toContain('<p class="hint fact" data-testid="counts">3 clientes · 5 partidas abiertas</p>');
    expect(all).toContain('<p class="hint fact" data-testid="customers-count">0 clientes en el maestro.</p>');
    expect(factsHtml(["a & b"])).toBe('<p class="hint fact">a &amp; b</p>');
  });

  it("escapes every text it is given", () => {
    const evil: ReportSummary = { id: `x"><img src=x onerror=alert(1)>`, caption: EVIL, labelHeader: "<b>", valueHeader: "&", figures: [{ key: `"k"`, label: EVIL, type: "text", value: EVIL }] };
    const out = summaryHtml(evil, "en");
    expect(out).not.toMatch(/<script|<img|<b>/);
    expect(out).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Hijos&#39;");
    expect(out).toContain('data-testid="x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(out).toContain('data-bucket="&quot;k&quot;"');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("uses inline styles only for e-mail (Outlook drops <style> and classes)", () => {
    const mail = summaryHtml(mxn, "es", { inline: true });
    expect(mail).not.toMatch(/class=|<style|<caption/);
    expect(mail).toMatch(/^<p style="[^"]+">Saldo por rango, MXN<\/p><table data-testid="totals-MXN" data-currency="MXN" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;/);
    expect(row(mail, "2")).toMatch(/<td data-centavos="123456789" align="right" style="[^"]*text-align:right[^"]*color:#9C0006[^"]*">\$1,234,567\.89<\/td>/);
    expect(row(mail, "total")).toContain("font-weight:bold");
  });
});

describe("a sheet as an e-mail table", () => {
  const summary = report.sheets[0];

  it("writes header, every row, totals per currency and notes, escaped", () => {
    const html = sheetHtml(summary, "es", { currency: report.currency });
    expect(html).toContain(`<p style="font-family:Segoe UI,Arial,sans-serif;font-size:16px;font-weight:bold;color:#1F4E79;margin:12px 0 2px">Antigüedad de saldos</p>`);
    expect(html).toContain(`data-sheet="aging-summary"`);
    expect(html).not.toMatch(/<script|class=/);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Hijos&#39;");
    expect(html.match(/<tr>/g)).toHaveLength(1 + summary.rows.length + summary.totals.length);
    // Codes keep their leading zeros; each row's money in its own currency.
    expect(html).toContain(">0001000123</td>");
    expect(html).toContain(">US$900.00</td>");
    expect(html).toContain(">Total USD</td>");
    for (const note of summary.notes) expect(html).toContain(`>${escapeHtml(note)}</p>`);
  });

  it("highlights positive overdue amounts as the result sheets do, never in totals", () => {
    const sheet: ReportSheet = {
      id: "s",
      name: "s",
      columns: [
        { key: "c", header: "Cliente", type: "code" },
        { key: "d", header: "Vence", type: "date" },
        { key: "o", header: "Vencido", type: "money", highlightPositive: true },
        { key: "n", header: "Partidas", type: "integer" },
      ],
      rows: [
        ["0042", AS_OF, 150, 1200],
        ["0043", null, -150, 3],
        ["0044", AS_OF, 0, 1],
      ],
      totals: [{ label: "Total", values: ["Total", null, 150, 1204] }],
      notes: [],
      freezeHeader: true,
      autoFilter: true,
    };
    const html = sheetHtml(sheet, "en", { maxRows: 2 });
    const rows = html.match(/<tr>.*?<\/tr>/g)!;
    expect(rows).toHaveLength(1 + 2 + 1); // header, two rows shown, the totals
    expect(rows[1]).toMatch(/color:#9C0006;background:#FFC7CE">\$1\.50<\/td>/);
    expect(rows[1]).toContain(">31/10/2026</td>");
    expect(rows[1]).toContain(">1,200</td>");
    expect(rows[2]).not.toContain("#FFC7CE");
    expect(rows[3]).not.toContain("#FFC7CE");
    expect(rows[3]).toContain("font-weight:bold");
    expect(html).toContain(">… and 1 more rows.</p>");
    expect(rows[0]).toContain('<th scope="col" align="right"');
  });
});

describe("values", () => {
  it("formats each column type for a reader", () => {
    expect(formatValue("money", 123456, "es", "EUR")).toBe("€1,234.56");
    expect(formatValue("integer", -1234567, "es")).toBe("-1,234,567");
    expect(formatValue("number", 1234.5, "en")).toBe("1,234.50");
    expect(formatValue("percent", 0.1234, "en")).toBe("12.3%");
    expect(formatValue("percent", -0.0001, "en")).toBe("0.0%");
    expect(formatValue("date", AS_OF, "en")).toBe("31/10/2026");
    expect(formatValue("boolean", true, "es")).toBe("Sí");
    expect(formatValue("boolean", false, "en")).toBe("No");
    expect(formatValue("code", 42, "es")).toBe("42");
    expect(formatValue("money", null, "es")).toBe("");
  });
});

describe("glimpseHtml", () => {
  test("the glimpse's rows in its order, only its columns, its heading escaped, non-empty flags highlighted", () => {
    const sheet: ReportSheet = {
      id: "orders",
      name: "Pedidos",
      columns: [
        { key: "order", header: "Pedido", type: "code" },
        { key: "amount", header: "Importe", type: "money", currencyKey: "currency" },
        { key: "currency", header: "Moneda", type: "code" },
        { key: "reasons", header: "Motivos", type: "text", highlightNonEmpty: true },
      ],
      rows: [
        ["P1", 10000, "MXN", ""],
        ["P2", 25050, "USD", "excede el límite"],
      ],
      totals: [],
      notes: [],
      freezeHeader: true,
      autoFilter: true,
      glimpse: { heading: "Retenidos <2>", columns: ["order", "amount", "reasons"], rows: [1, 0] },
    };
    const html = glimpseHtml(sheet, "es");
    expect(html).toContain("Retenidos &lt;2&gt;");
    expect(html.indexOf("P2")).toBeLessThan(html.indexOf("P1"));
    // The amount's currency column comes along, so a dollar amount never reads as pesos.
    expect(html).toContain(">Moneda<");
    expect(html).toContain("US$250.50");
    const hot = /<td[^>]*style="([^"]*)"[^>]*>excede el límite<\/td>/.exec(html);
    expect(hot && hot[1]).toMatch(/9C0006/i);
    expect(glimpseHtml({ ...sheet, glimpse: undefined }, "es")).toBe("");
  });
});
