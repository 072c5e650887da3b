import type { TableSpec } from "./columns";
import type { CivilDay } from "../dates";
import type { Row } from "../grid";
import type { Centavos } from "../money";
import { currencyCode, kindConverter, type RowFields, type TableKind } from "./fields";
import type { TermsTable } from "../terms";
import type { RowContext, RowOutcome } from "./table";

export { currencyCode };

/** An open item (or one that was open at some date) from an SAP FBL5N-like export. */
export interface LedgerItem {
  /** 1-based source row. */
  row: number;
  customer: string;
  customerName: string;
  documentNumber: string;
  documentType: string;
  reference: string;
  assignment: string;
  text: string;
  documentDate: CivilDay | null;
  postingDate: CivilDay | null;
  baselineDate: CivilDay | null;
  netDueDate: CivilDay | null;
  clearingDate: CivilDay | null;
  /** Days from the terms column; null when absent or not a number of days. */
  termDays: number | null;
  terms: string;
  amount: Centavos;
  currency: string;
}

/**
 * SAP FBL5N column headings in Spanish and English (DESIGN.md): the long, medium and short
 * headings of the ALV grid and list output, the technical names of table extracts
 * (SE16 on BSID/BSAD), and what people type by hand.
 */
export const LEDGER_SPEC: TableSpec = {
  kind: "ledger",
  fields: [
    { key: "customer", type: "code", label: { es: "Cuenta", en: "Account" }, synonyms: ["Cliente", "Deudor", "Customer", "Cód. cliente", "Código cliente", "Codigo de cliente", "Num. cliente", "No. cliente", "Núm. cliente", "Nº cliente", "Customer Number", "Customer Account", "Cust. Account", "Acct", "KUNNR", "Debtor", "Cta."] },
    { key: "customerName", type: "text", label: { es: "Nombre", en: "Name" }, synonyms: ["Nombre del cliente", "Nombre cliente", "Razón social", "Nombre 1", "Customer Name", "Name 1", "NAME1"] },
    { key: "documentNumber", type: "code", label: { es: "Nº documento", en: "Document Number" }, synonyms: ["Número de documento", "Número documento", "No. documento", "Núm. documento", "Num documento", "Nº doc.", "No. doc.", "Núm.doc.", "Doc. nº", "DocumentNo", "Document No", "Document No.", "Doc. No.", "DocNo", "Factura", "Folio", "Invoice", "Invoice Number", "BELNR"], weak: ["Documento", "Document", "No", "Nº", "Número"] },
    { key: "documentType", type: "code", label: { es: "Clase de documento", en: "Document Type" }, synonyms: ["Clase documento", "Cl.doc.", "Cl. doc.", "Clase doc.", "Tipo de documento", "Doc. Type", "Doc..Type", "DocType", "Type of document", "BLART"], weak: ["Clase", "Cl.", "Tipo", "Type", "Typ"] },
    { key: "reference", type: "code", label: { es: "Referencia", en: "Reference" }, synonyms: ["XBLNR", "Ref.", "Referencia factura", "Ref. doc."] },
    { key: "assignment", type: "code", label: { es: "Asignación", en: "Assignment" }, synonyms: ["ZUONR", "Asignac.", "Asig."] },
    { key: "documentDate", type: "date", label: { es: "Fecha de documento", en: "Document Date" }, synonyms: ["Fecha documento", "Fecha doc.", "Fe.doc.", "Fecha factura", "Fecha de factura", "Invoice Date", "Doc. Date", "Doc..Date", "Document Dt", "Doc.Date", "BLDAT"], weak: ["Fecha", "Date"] },
    { key: "postingDate", type: "date", label: { es: "Fecha de contabilización", en: "Posting Date" }, synonyms: ["Fe.contabilización", "Fecha contabilización", "Fecha contab.", "Fe.contab.", "Pstng Date", "Posting Dt", "Pstg Date", "BUDAT"] },
    { key: "baselineDate", type: "date", label: { es: "Base p.plazo pago", en: "Baseline Payment Date" }, synonyms: ["Fecha base", "Fecha base plazo pago", "Fe.base", "Base plazo pago", "Baseline Date", "Baseline Pmnt Dte", "Bline Date", "Baseline dt", "ZFBDT"] },
    { key: "netDueDate", type: "date", label: { es: "Vencimiento neto", en: "Net Due Date" }, synonyms: ["Vencimiento", "Fecha de vencimiento", "Fecha vencimiento", "Fecha venc.", "Venc. neto", "Venc.neto", "Vence", "Due Date", "Net due date", "Net due dt", "Due on", "NETDT", "FAEDT"] },
    { key: "arrears", type: "integer", label: { es: "Demora tras vencimiento neto", en: "Arrears after net due date" }, synonyms: ["Demora", "Días de demora", "Días demora", "Arrears", "Days in arrears", "Arrears by net due date", "VERZN"] },
    { key: "localAmount", type: "money", label: { es: "Importe en moneda local", en: "Amount in Local Currency" }, synonyms: ["Importe ML", "Importe en ML", "Imp. ML", "Importe mon.local", "Amount in LC", "Amt in loc.cur.", "LC amnt", "LC Amount", "Amount LC", "DMBTR", "DMSHB"] },
    { key: "localCurrency", type: "currency", label: { es: "Moneda local", en: "Local Currency" }, synonyms: ["ML", "LCurr", "Local Crcy", "HWAER"] },
    { key: "documentAmount", type: "money", label: { es: "Importe en moneda doc.", en: "Amount in Doc. Curr." }, synonyms: ["Importe en moneda del documento", "Importe moneda documento", "Importe MD", "Imp. MD", "Importe mon.doc.", "Amount in DC", "Amount in document currency", "Amt in doc. curr.", "DC amnt", "DC Amount", "Amount DC", "WRBTR", "WRSHB"] },
    { key: "documentCurrency", type: "currency", label: { es: "Moneda del documento", en: "Document Currency" }, synonyms: ["Moneda documento", "Moneda doc.", "Moneda", "Mon.", "Mon.doc.", "Currency", "Curr.", "Crcy", "Doc. Currency", "WAERS"] },
    { key: "amount", type: "money", label: { es: "Importe", en: "Amount" }, synonyms: ["Monto", "Saldo", "Saldo pendiente", "Importe pendiente", "Balance", "Open amount", "Open Balance", "Amnt"] },
    { key: "debitCredit", type: "indicator", label: { es: "Debe/Haber", en: "Debit/Credit" }, synonyms: ["Indicador debe/haber", "Ind. debe/haber", "D/H", "Debit/Credit ind.", "Debit/Credit Indicator", "D/C", "D/C ind.", "SHKZG"] },
    { key: "clearingDate", type: "date", label: { es: "Fecha de compensación", en: "Clearing Date" }, synonyms: ["Fecha compensación", "Fe.compensación", "Fe.comp.", "Clearing date", "Clrng date", "AUGDT"], weak: ["Compensación", "Clearing"] },
    { key: "clearingDocument", type: "code", label: { es: "Doc.compensación", en: "Clearing Document" }, synonyms: ["Documento de compensación", "Doc. compensación", "Doc.comp.", "Clrng doc.", "Clearing doc.", "AUGBL"] },
    { key: "paymentTerms", type: "terms", label: { es: "Condiciones de pago", en: "Terms of Payment" }, synonyms: ["Condición de pago", "Cond. pago", "Cond.pago", "Cond.pag.", "Plazo", "Días de crédito", "Dias credito", "Días plazo", "Payment Terms", "Terms", "Payt Terms", "PayT", "ZTERM"] },
    { key: "days1", type: "integer", label: { es: "Días 1", en: "Days 1" }, synonyms: ["ZBD1T", "Días descuento 1", "Cash discount days 1", "Days 1"] },
    { key: "days2", type: "integer", label: { es: "Días 2", en: "Days 2" }, synonyms: ["ZBD2T", "Días descuento 2", "Cash discount days 2", "Days 2"] },
    { key: "netDays", type: "integer", label: { es: "Días neto", en: "Net days" }, synonyms: ["ZBD3T", "Plazo neto", "Días netos", "Net payment terms period", "Net Days"] },
    { key: "text", type: "text", label: { es: "Texto", en: "Text" }, synonyms: ["Concepto", "Descripción", "Description", "SGTXT"] },
  ],
  required: [
    ["customer"],
    ["documentNumber"],
    ["documentAmount", "localAmount", "amount"],
    ["netDueDate", "documentDate", "baselineDate"],
  ],
};

export interface LedgerOptions {
  /** Currency when the ledger has no currency column. */
  defaultCurrency: string;
  /** The installation's own terms keys (`--terms`, a Condiciones sheet). */
  terms?: TermsTable;
}

function firstNonEmptyText(row: Row): string | undefined {
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v === null || v === undefined) continue;
    if (typeof v !== "string") return undefined;
    const t = v.trim();
    if (t !== "") return t;
  }
  return undefined;
}

/**
 * The ledger as a table kind. Rows without a document number (subtotal and separator lines)
 * are not data: skipped and counted. Runs once per row of million-row exports: no closures
 * per row, few allocations.
 */
export function ledgerKind(options: LedgerOptions): TableKind<LedgerItem> {
  return {
    spec: LEDGER_SPEC,
    build(f: RowFields): LedgerItem | null {
      const documentNumber = f.code("documentNumber");
      if (documentNumber === "" || documentNumber.charCodeAt(0) === 42 /* '*' */) return null;
      const first = firstNonEmptyText(f.row);
      if (first !== undefined && first.charCodeAt(0) === 42) return null;

      const customer = f.code("customer");
      if (customer === "") f.reject("customer", { code: "row.missing" });

      // The document-currency amount goes with the document currency, the local amount with the
      // local currency; a row without a document amount falls back to the local one.
      let amountKey: string | undefined;
      let currencyKey: string | undefined;
      const m = f.ctx.mapping;
      if (m.documentAmount !== undefined && m.documentCurrency !== undefined && f.has("documentAmount")) {
        amountKey = "documentAmount";
        currencyKey = "documentCurrency";
      } else if (f.has("localAmount")) {
        amountKey = "localAmount";
        currencyKey = "localCurrency";
      } else if (f.has("amount")) {
        amountKey = "amount";
        currencyKey = m.documentCurrency !== undefined ? "documentCurrency" : "localCurrency";
      } else if (m.documentCurrency === undefined && f.has("documentAmount")) {
        amountKey = "documentAmount";
      }
      let amount = 0;
      if (amountKey === undefined) {
        f.reject(m.localAmount ?? m.documentAmount ?? m.amount ?? 0, { code: "row.missing" });
      } else {
        amount = f.money(amountKey) ?? 0;
        // SAP table extracts write amounts unsigned beside the debit/credit indicator.
        if (amount > 0 && f.indicator("debitCredit") < 0) amount = -amount;
      }
      const currency = (currencyKey !== undefined ? f.currency(currencyKey) : null) ?? options.defaultCurrency;

      const documentDate = f.date("documentDate");
      const postingDate = f.date("postingDate");
      const baselineDate = f.date("baselineDate");
      let netDueDate = f.date("netDueDate");
      const clearingDate = f.date("clearingDate");

      // Without a net due date SAP computes it from the baseline and the net days (ZBD3T,
      // else ZBD2T, else ZBD1T).
      if (netDueDate === null && baselineDate !== null && (m.netDays !== undefined || m.days2 !== undefined || m.days1 !== undefined)) {
        const net = f.integer("netDays") || f.integer("days2") || f.integer("days1");
        if (net !== null && net !== 0) netDueDate = baselineDate + net;
      }

      const terms = f.text("paymentTerms");
      const termDays = f.termDays("paymentTerms", options.terms);

      if (netDueDate === null && documentDate === null && baselineDate === null && postingDate === null && f.problems.length === 0) {
        f.reject(m.netDueDate ?? m.documentDate ?? m.baselineDate ?? m.postingDate ?? 0, { code: "row.missing" });
      }
      return {
        row: f.rowNumber,
        customer,
        customerName: f.text("customerName"),
        documentNumber,
        documentType: f.text("documentType"),
        reference: f.text("reference"),
        assignment: f.text("assignment"),
        text: f.text("text"),
        documentDate,
        postingDate,
        baselineDate,
        netDueDate,
        clearingDate,
        termDays,
        terms,
        amount,
        currency,
      };
    },
  };
}

type Converter = (row: Row, rowNumber: number, ctx: RowContext) => RowOutcome<LedgerItem> | null;

/**
 * Converters by currency, per terms table: callers often pass a fresh options object per row,
 * and building one costs a RowFields and a kind.
 */
const plain = new Map<string, Converter>();
const withTerms = new WeakMap<TermsTable, Map<string, Converter>>();

/** One ledger row through the ledger kind (for callers that hand rows one by one). */
export function ledgerRow(row: Row, rowNumber: number, ctx: RowContext, options: LedgerOptions): RowOutcome<LedgerItem> | null {
  let byCurrency = plain;
  if (options.terms) {
    byCurrency = withTerms.get(options.terms) ?? new Map();
    withTerms.set(options.terms, byCurrency);
  }
  let convert = byCurrency.get(options.defaultCurrency);
  if (!convert) byCurrency.set(options.defaultCurrency, (convert = kindConverter(ledgerKind(options))));
  return convert(row, rowNumber, ctx);
}
