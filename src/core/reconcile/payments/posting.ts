/**
 * The application as a file an analyst uploads to post the payments (`--posting FILE.csv`),
 * and the same rows for the result workbook's posting sheet. One line per cleared document,
 * plus a line per difference booked to an account and per amount left on the customer's
 * account, so that for every bank line: deposit = Σ applied − Σ differences + on account.
 *
 * Layout (fixed, whatever the language, so an upload template never breaks): UTF-8 with BOM,
 * comma-separated, CRLF, a header row, amounts with a point and two decimals and no thousands
 * separator, dates `YYYY-MM-DD`:
 *
 *   type             clear | partial | difference | on_account
 *   customer         the ledger's customer code
 *   document         the ledger's document number (empty for difference and on_account)
 *   invoice_reference the document's reference (XBLNR)
 *   amount           applied to the document; for a difference, open total − deposit (positive: a
 *                    fee or withholding to debit; negative: an excess to credit); on account: the rest
 *   currency         ISO code
 *   bank_date        the statement line's date
 *   bank_reference   the line's reference column, else the number after `/` in the description
 *   residual         what stays open on the document (partial payments), else 0
 *   bank_line        the line's position among the statement's data rows (1 = first after the header)
 *   rule             reference | payer | tolerance | uniqueAmount
 *   account          where a difference goes (the policy's accounts), else empty
 *
 * Deposits taken back by a returned cheque or a reversal in the same statement are left out:
 * their invoices stay open.
 */
import { formatIsoDate, type CivilDay } from "../../dates";
import type { Centavos } from "../../money";
import type { BankLine } from "../../tables/bankStatement";
import type { PaymentRule, PaymentsResult } from "./engine";

export type PostingType = "clear" | "partial" | "difference" | "on_account";

export interface PostingRow {
  type: PostingType;
  customer: string;
  document: string;
  invoiceReference: string;
  amount: Centavos;
  currency: string;
  bankDate: CivilDay | null;
  bankReference: string;
  residual: Centavos;
  bankLine: number;
  rule: PaymentRule;
  account: string;
}

export const POSTING_HEADERS = ["type", "customer", "document", "invoice_reference", "amount", "currency", "bank_date", "bank_reference", "residual", "bank_line", "rule", "account"] as const;

/** The bank's own reference for a line: its reference column, else the number BBVA writes after `/`. */
export function bankReferenceOf(line: BankLine): string {
  if (line.reference) return line.reference;
  const m = /\/\s*([0-9]{6,})/.exec(line.description);
  return m ? m[1] : "";
}

export function postingRows(result: PaymentsResult): PostingRow[] {
  const rows: PostingRow[] = [];
  for (const m of result.matches) {
    if (m.reversedBy !== undefined) continue;
    const common = { customer: m.customer, currency: m.currency, bankDate: m.line.date, bankReference: bankReferenceOf(m.line), bankLine: m.bankLine, rule: m.rule };
    for (const a of m.applied) {
      rows.push({ ...common, type: a.residual > 0 ? "partial" : "clear", document: a.item.documentNumber, invoiceReference: a.item.reference, amount: a.applied, residual: a.residual, account: "" });
    }
    if (m.adjustment) rows.push({ ...common, type: "difference", document: "", invoiceReference: "", amount: m.adjustment.amount, residual: 0, account: m.adjustment.account });
    if (m.leftover > 0) rows.push({ ...common, type: "on_account", document: "", invoiceReference: "", amount: m.leftover, residual: 0, account: "" });
  }
  return rows;
}

/** `1234.56`, `-0.50`: what an upload reads without guessing separators. */
export function plainAmount(c: Centavos): string {
  const neg = c < 0;
  const a = Math.abs(c);
  const cents = a % 100;
  return `${neg ? "-" : ""}${(a - cents) / 100}.${cents < 10 ? "0" : ""}${cents}`;
}

function csvField(s: string): string {
  // A field starting like a formula is quoted with an apostrophe so a spreadsheet keeps it as text.
  const t = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

export function postingCsv(rows: readonly PostingRow[]): string {
  const out = ["\ufeff" + POSTING_HEADERS.join(",")];
  for (const r of rows) {
    out.push(
      [r.type, r.customer, r.document, r.invoiceReference, plainAmount(r.amount), r.currency, r.bankDate === null ? "" : formatIsoDate(r.bankDate), r.bankReference, plainAmount(r.residual), String(r.bankLine), r.rule, r.account]
        .map(csvField)
        .join(","),
    );
  }
  return out.join("\r\n") + "\r\n";
}
