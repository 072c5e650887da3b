import type { TableSpec } from "./columns";
import type { CivilDay } from "../dates";
import type { Centavos } from "../money";
import { isTotalLine } from "./deliveries";
import type { RowFields, TableKind } from "./fields";

/**
 * A customer's own listing of what it owes us (its accounts payable, or a statement it
 * prints), in whatever layout its system has: one signed amount column, or debits and
 * credits in two (Cargo/Abono, Debe/Haber), or an amount beside a D/H indicator.
 */
export interface TheirItem {
  row: number;
  /** Our invoice as they cite it (`F-0012345`, `A 12345`), possibly several. */
  reference: string;
  /** Their own document number (a journal entry, a payment). */
  document: string;
  uuid: string;
  date: CivilDay | null;
  type: string;
  text: string;
  /** As written: a debit (cargo) positive, a credit (abono) negative; a signed column as is. */
  amount: Centavos;
  currency: string | null;
}

export const COUNTERPARTY_SPEC: TableSpec = {
  kind: "counterparty",
  fields: [
    { key: "reference", type: "text", label: { es: "Referencia", en: "Reference" }, synonyms: ["Factura", "Nº factura", "No. factura", "Núm. factura", "Número de factura", "Factura proveedor", "Factura del proveedor", "Folio factura", "Serie y folio", "Documento de referencia", "Invoice", "Invoice number", "Invoice No.", "Vendor invoice", "Supplier invoice", "Ref.", "XBLNR"], weak: ["Folio"] },
    { key: "document", type: "text", label: { es: "Nº documento", en: "Document number" }, synonyms: ["No. documento", "Núm. documento", "Número de documento", "Documento", "Documento contable", "Póliza", "Nº póliza", "No. póliza", "Doc. No.", "Document", "DocumentNo", "Document No.", "Journal entry", "BELNR"], weak: ["No", "Nº", "Número"] },
    { key: "uuid", type: "text", label: { es: "UUID", en: "UUID" }, synonyms: ["Folio fiscal", "Folio fiscal (UUID)", "UUID CFDI", "CFDI UUID", "Fiscal folio", "Timbre fiscal"] },
    { key: "date", type: "date", label: { es: "Fecha", en: "Date" }, synonyms: ["Fecha documento", "Fecha de documento", "Fecha factura", "Fecha de factura", "Fecha contabilización", "Fe.contabilización", "Document Date", "Invoice date", "Posting Date", "BLDAT", "BUDAT"] },
    { key: "type", type: "text", label: { es: "Tipo", en: "Type" }, synonyms: ["Tipo de documento", "Tipo documento", "Clase de documento", "Clase doc.", "Tipo de movimiento", "Tipo movimiento", "Doc. Type", "Document Type", "Type", "BLART"] },
    { key: "text", type: "text", label: { es: "Concepto", en: "Description" }, synonyms: ["Descripción", "Texto", "Comentario", "Observaciones", "Description", "Text", "Memo", "SGTXT"] },
    { key: "amount", type: "money", label: { es: "Importe", en: "Amount" }, synonyms: ["Monto", "Importe en moneda local", "Importe ML", "Importe pendiente", "Saldo pendiente", "Importe neto", "Amount", "Amount in LC", "Amount in Local Currency", "Open amount", "DMBTR", "WRBTR"], weak: ["Saldo", "Balance", "Total"] },
    { key: "debit", type: "money", label: { es: "Cargo", en: "Debit" }, synonyms: ["Cargos", "Debe", "Débito", "Importe debe", "Debits", "Debit amount"] },
    { key: "credit", type: "money", label: { es: "Abono", en: "Credit" }, synonyms: ["Abonos", "Haber", "Crédito", "Importe haber", "Credits", "Credit amount"] },
    { key: "debitCredit", type: "indicator", label: { es: "Debe/Haber", en: "Debit/Credit" }, synonyms: ["D/H", "Indicador debe/haber", "Ind. debe/haber", "D/C", "Debit/Credit ind.", "SHKZG"] },
    { key: "currency", type: "currency", label: { es: "Moneda", en: "Currency" }, synonyms: ["Mon.", "Moneda del documento", "Currency", "Curr.", "WAERS"] },
  ],
  required: [["reference", "document", "uuid"], ["amount", "debit", "credit"]],
};

/**
 * Their listing as a table kind. A row with no document at all is a total, a subtotal or an
 * opening-balance line: not data (skipped, counted). With debit and credit columns a running
 * balance column (`Saldo`) is ignored, never read as the amount.
 */
export const COUNTERPARTY_KIND: TableKind<TheirItem> = {
  spec: COUNTERPARTY_SPEC,
  build(f: RowFields): TheirItem | null {
    const reference = f.text("reference");
    const document = f.text("document");
    const uuid = f.text("uuid");
    if ((reference === "" && document === "" && uuid === "") || isTotalLine(f.row)) return null;
    const m = f.ctx.mapping;
    let amount = 0;
    if (m.debit !== undefined || m.credit !== undefined) {
      const debit = f.money("debit");
      const credit = f.money("credit");
      if (debit === null && credit === null && f.problems.length === 0) f.reject(m.debit ?? m.credit, { code: "row.missing" });
      // A credit column sometimes carries its minus sign: an abono always lowers the balance.
      amount = (debit ?? 0) - Math.abs(credit ?? 0);
    } else {
      const a = f.money("amount");
      if (a === null && f.problems.length === 0) f.reject("amount", { code: "row.missing" });
      amount = a ?? 0;
      if (amount > 0 && f.indicator("debitCredit") < 0) amount = -amount;
    }
    return {
      row: f.rowNumber,
      reference,
      document,
      uuid,
      date: f.date("date"),
      type: f.text("type"),
      text: f.text("text"),
      amount,
      currency: f.currency("currency"),
    };
  },
};
