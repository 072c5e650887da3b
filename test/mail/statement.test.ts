import { age } from "../../src/core/aging/aging";
import { parseIsoDate } from "../../src/core/dates";
import { checkAddresses, isValidEmail } from "../../src/core/statement/address";
import { buildStatements, languageOf } from "../../src/core/statement/statement";
import { buildStatementReport, statementFileBase } from "../../src/core/statement/statementReport";
import { CustomerMaster, type Customer } from "../../src/core/tables/customers";
import type { LedgerItem } from "../../src/core/tables/ledger";

const asOf = parseIsoDate("2026-10-31")!;
const d = (s: string) => parseIsoDate(s)!;

function item(customer: string, doc: string, due: string, amount: number, currency = "MXN"): LedgerItem {
  return { row: 2, customer, customerName: "", documentNumber: doc, documentType: amount < 0 ? "DG" : "RV", reference: "", assignment: "", text: "", documentDate: d(due) - 30, postingDate: d(due) - 30, baselineDate: null, netDueDate: d(due), clearingDate: null, termDays: null, terms: "", amount, currency };
}

function customer(code: string, over: Partial<Customer> = {}): Customer {
  return { row: 2, code, name: `Cliente ${code}`, rfc: "", termDays: 30, creditLimit: null, currency: null, emails: [`pagos@${code.toLowerCase()}.mx`], plaza: "", ...over };
}

describe("statements from the aging", () => {
  const items = [item("0000100", "A", "2026-08-31", 1_000_000), item("0000100", "B", "2026-11-14", 250_050), item("0000100", "C", "2026-10-20", -50_025), item("0000100", "D", "2026-07-16", 100_000, "USD"), item("200", "E", "2026-10-01", 5_000), item("300", "F", "2026-10-01", 7_000)];
  const result = age(items, { asOf });
  const master = new CustomerMaster([customer("100", { language: "Inglés", cc: ["PAGOS@100.mx", "jefe@0000100.mx"] }), customer("200", { emails: [] }), customer("400")]);

  test("one per customer and currency; figures are the aging's own", () => {
    const { statements } = buildStatements({ result, items, master, lang: "es" });
    expect(statements.map((s) => `${s.customer} ${s.currency}`)).toEqual(["0000100 MXN", "0000100 USD"]);
    const mxn = statements[0];
    const row = result.customers.find((c) => c.customer === "0000100" && c.currency === "MXN")!;
    expect(mxn.balance).toBe(row.total);
    expect(mxn.buckets).toEqual(row.buckets);
    expect(mxn.charges).toBe(1_250_050);
    expect(mxn.unappliedCredits).toBe(-50_025);
    expect(mxn.charges + mxn.unappliedCredits).toBe(mxn.balance);
    expect(mxn.lines.map((l) => [l.document, l.days])).toEqual([["A", 61], ["C", 11], ["B", -14]]);
    expect(mxn.lang).toBe("en");
    // the master's copy to the main address is not repeated
    expect(mxn.cc).toEqual(["jefe@0000100.mx"]);
    expect(statementFileBase(mxn)).toBe("Statement_0000100_MXN_2026-10-31");
  });

  test("customers without an address or not in the master are reported and skipped", () => {
    const { problems } = buildStatements({ result, items, master, lang: "es" });
    expect(problems).toEqual([
      { customer: "200", currency: "MXN", name: "Cliente 200", skipped: true, problem: { code: "statement.noAddress", params: { customer: "200", row: 2 } } },
      { customer: "300", currency: "MXN", name: "", skipped: true, problem: { code: "statement.notInMaster", params: { customer: "300" } } },
    ]);
  });

  test("the statement's Report totals its lines", () => {
    const { statements } = buildStatements({ result, items, master, lang: "es", only: ["100"] });
    const report = buildStatementReport(statements[0]);
    const sheet = report.sheets[0];
    const amountCol = sheet.columns.findIndex((c) => c.key === "amount");
    expect(sheet.rows.reduce((s, r) => s + (r[amountCol] as number), 0)).toBe(statements[0].balance);
    expect(sheet.totals[2].values[amountCol]).toBe(statements[0].balance);
  });

  test("languages as masters write them", () => {
    expect(["es", "ES-MX", "Español", "S", "spanish"].map(languageOf)).toEqual(["es", "es", "es", "es", "es"]);
    expect(["en", "Inglés", "ENGLISH", "E", "en-US"].map(languageOf)).toEqual(["en", "en", "en", "en", "en"]);
    expect(languageOf("Portugués")).toBeNull();
  });
});

describe("addresses", () => {
  test.each(["ana@cliente.com.mx", "cobranza.norte+oct@grupo-ab.mx", "a_b@x.io"])("valid: %s", (a) => expect(isValidEmail(a)).toBe(true));
  test.each(["pagos@@cliente5", "sin correo", "ana@cliente", "ana@.mx", "ana@cliente..mx", "ana @x.mx", "\"ana\"@x.mx", "ana@x.m", "ana@-x.mx", "ana@x.mx\r\nBcc: otro@x.mx"])("invalid: %s", (a) => expect(isValidEmail(a)).toBe(false));
  test("Outlook-pasted lists: names dropped, duplicates once, bad ones reported", () => {
    expect(checkAddresses(["Ana Ruiz <ana@x.mx>; ANA@x.mx, pepe@", "luis@y.mx"])).toEqual({ valid: ["ana@x.mx", "luis@y.mx"], invalid: ["pepe@"] });
  });
});
