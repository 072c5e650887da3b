import type { TableSpec } from "./columns";
import type { CivilDay } from "../dates";
import type { Centavos } from "../money";
import type { RowFields, TableKind } from "./fields";
import { isStarLine } from "./orders";

/**
 * Payment history: items already cleared, with when they fell due and when they were paid
 * (an FBL5N "cleared items" export, or a collections system's payment list). It says how a
 * customer pays; the credit review weighs it over the last months.
 */
export interface PaidItem {
  row: number;
  customer: string;
  document: string;
  due: CivilDay;
  paid: CivilDay;
  /** Positive for an invoice paid; credits (payments, credit memos) are kept but do not weigh. */
  amount: Centavos;
  /** Null when the file has no currency column. */
  currency: string | null;
}

export const PAYMENT_HISTORY_SPEC: TableSpec = {
  kind: "paymentHistory",
  fields: [
    { key: "customer", type: "code", label: { es: "Cliente", en: "Customer" }, synonyms: ["Cuenta", "Deudor", "Código cliente", "No. cliente", "Customer Number", "Account", "KUNNR"] },
    { key: "document", type: "code", label: { es: "Nº documento", en: "Document Number" }, synonyms: ["Número de documento", "No. documento", "Documento", "Factura", "Folio", "Referencia", "Invoice", "Document", "DocumentNo", "BELNR"] },
    { key: "dueDate", type: "date", label: { es: "Vencimiento neto", en: "Net Due Date" }, synonyms: ["Vencimiento", "Fecha de vencimiento", "Fecha vencimiento", "Venc. neto", "Vence", "Due Date", "Net due date", "NETDT", "FAEDT"] },
    { key: "paidDate", type: "date", label: { es: "Fecha de compensación", en: "Clearing Date" }, synonyms: ["Fecha compensación", "Fe.compensación", "Fecha de pago", "Fecha pago", "Pagado el", "Fecha de cobro", "Payment date", "Paid on", "Paid date", "Clearing date", "AUGDT"] },
    { key: "documentAmount", type: "money", label: { es: "Importe en moneda doc.", en: "Amount in Doc. Curr." }, synonyms: ["Importe moneda documento", "Importe MD", "Amount in DC", "WRBTR"] },
    { key: "documentCurrency", type: "currency", label: { es: "Moneda del documento", en: "Document Currency" }, synonyms: ["Moneda documento", "Moneda doc.", "Moneda", "Currency", "Curr.", "WAERS"] },
    { key: "localAmount", type: "money", label: { es: "Importe en moneda local", en: "Amount in Local Currency" }, synonyms: ["Importe ML", "Amount in LC", "DMBTR"] },
    { key: "localCurrency", type: "currency", label: { es: "Moneda local", en: "Local Currency" }, synonyms: ["ML", "HWAER"] },
    { key: "amount", type: "money", label: { es: "Importe", en: "Amount" }, synonyms: ["Monto", "Importe pagado", "Importe de la factura", "Paid amount", "Invoice amount"] },
  ],
  required: [["customer"], ["documentAmount", "localAmount", "amount"], ["dueDate"], ["paidDate"]],
};

/**
 * A history row: customer, amount, due date and payment date are needed. The document amount
 * goes with the document currency, the local amount with the local currency, as in the ledger.
 */
export const PAYMENT_HISTORY_KIND: TableKind<PaidItem> = {
  spec: PAYMENT_HISTORY_SPEC,
  build(f: RowFields): PaidItem | null {
    if (isStarLine(f)) return null;
    const customer = f.code("customer");
    const document = f.code("document");
    if (customer === "" && document === "") return null;
    if (customer === "" && !f.has("customer")) f.reject("customer", { code: "row.missing" });
    const m = f.ctx.mapping;
    let amountKey = "amount";
    let currencyKey: string | undefined = m.documentCurrency !== undefined ? "documentCurrency" : "localCurrency";
    if (m.documentAmount !== undefined && f.has("documentAmount")) [amountKey, currencyKey] = ["documentAmount", "documentCurrency"];
    else if (m.localAmount !== undefined && f.has("localAmount")) [amountKey, currencyKey] = ["localAmount", "localCurrency"];
    else if (m.amount === undefined) amountKey = m.documentAmount !== undefined ? "documentAmount" : "localAmount";
    const amount = f.money(amountKey);
    if (amount === null && !f.has(amountKey)) f.reject(amountKey, { code: "row.missing" });
    const due = f.date("dueDate");
    if (due === null && !f.has("dueDate")) f.reject("dueDate", { code: "row.missing" });
    const paid = f.date("paidDate");
    if (paid === null && !f.has("paidDate")) f.reject("paidDate", { code: "row.missing" });
    return { row: f.rowNumber, customer, document, due: due ?? 0, paid: paid ?? 0, amount: amount ?? 0, currency: f.currency(currencyKey) };
  },
};
