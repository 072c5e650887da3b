import { parseIsoDate } from "../../../../src/core/dates";
import type { BankLine } from "../../../../src/core/tables/bankStatement";
import type { Customer } from "../../../../src/core/tables/customers";
import type { LedgerItem } from "../../../../src/core/tables/ledger";

export const day = (iso: string) => parseIsoDate(iso)!;

let row = 10;

/** An open invoice as the ledger kind reads one from FBL5N. */
export function invoice(customer: string, documentNumber: string, amount: number, date: string, extra: Partial<LedgerItem> = {}): LedgerItem {
  return {
    row: row++,
    customer,
    customerName: "",
    documentNumber,
    documentType: amount > 0 ? "RV" : "DG",
    reference: "",
    assignment: "",
    text: "",
    documentDate: day(date),
    postingDate: day(date),
    baselineDate: day(date),
    netDueDate: day(date) + 30,
    clearingDate: null,
    termDays: 30,
    terms: "Z030",
    amount,
    currency: "MXN",
    ...extra,
  };
}

/** Statement lines in order; the header is row 1, so line i (1-based) is `bankLine` i. */
export function statement(lines: { date: string; description: string; deposit?: number; charge?: number; reference?: string }[]): BankLine[] {
  return lines.map((l, i) => ({
    row: i + 2,
    kind: (l.deposit ?? 0) > 0 ? "deposit" : (l.charge ?? 0) > 0 ? "charge" : "zero",
    date: day(l.date),
    description: l.description,
    detail: "",
    reference: l.reference ?? "",
    payer: "",
    payerAccount: "",
    payerRfc: "",
    deposit: l.deposit ?? 0,
    charge: l.charge ?? 0,
    reversal: false,
    balance: null,
    currency: null,
  }));
}

export function customer(code: string, name: string, extra: Partial<Customer> = {}): Customer {
  return { row: row++, code, name, rfc: "", termDays: 30, creditLimit: null, currency: null, emails: [], plaza: "", bankReferences: [], accounts: [], altNames: [], ...extra };
}
