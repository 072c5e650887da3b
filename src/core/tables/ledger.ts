import type { TableSpec } from "./columns";
import { parseDateCell, simpleDate, type CivilDay } from "../dates";
import { cellText, isEmptyCell, type Row } from "../grid";
import type { Problem } from "../messages";
import { parseAmount, simpleAmount, type Centavos } from "../money";
import type { Rejection, RowContext, RowOutcome } from "./table";
import { parseTermDays } from "../terms";

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

/** SAP FBL5N column headers in Spanish and English (DESIGN.md), plus what people type by hand. */
export const LEDGER_SPEC: TableSpec = {
  kind: "ledger",
  fields: [
    { key: "customer", label: { es: "Cuenta", en: "Account" }, synonyms: ["Cliente", "Deudor", "Customer", "Cód. cliente", "Código cliente", "Codigo de cliente", "Num. cliente", "No. cliente", "Customer Number", "Customer Account", "KUNNR", "Debtor"] },
    { key: "customerName", label: { es: "Nombre", en: "Name" }, synonyms: ["Nombre del cliente", "Nombre cliente", "Razón social", "Nombre 1", "Customer Name", "Name 1", "NAME1"] },
    { key: "documentNumber", label: { es: "Nº documento", en: "Document Number" }, synonyms: ["Número de documento", "No. documento", "Núm. documento", "Num documento", "Documento", "DocumentNo", "Document No", "Document", "Factura", "Folio", "Invoice", "Invoice Number", "BELNR"] },
    { key: "documentType", label: { es: "Clase de documento", en: "Document Type" }, synonyms: ["Clase documento", "Cl.doc.", "Clase", "Tipo de documento", "Tipo", "Doc. Type", "Type", "BLART"] },
    { key: "reference", label: { es: "Referencia", en: "Reference" }, synonyms: ["XBLNR", "Ref."] },
    { key: "assignment", label: { es: "Asignación", en: "Assignment" }, synonyms: ["ZUONR"] },
    { key: "documentDate", label: { es: "Fecha de documento", en: "Document Date" }, synonyms: ["Fecha documento", "Fecha doc.", "Fecha factura", "Fecha de factura", "Fecha", "Invoice Date", "Doc. Date", "Date", "BLDAT"] },
    { key: "postingDate", label: { es: "Fecha de contabilización", en: "Posting Date" }, synonyms: ["Fe.contabilización", "Fecha contabilización", "Fecha contab.", "Pstng Date", "BUDAT"] },
    { key: "baselineDate", label: { es: "Base p.plazo pago", en: "Baseline Payment Date" }, synonyms: ["Fecha base", "Fecha base plazo pago", "Baseline Date", "Baseline Pmnt Dte", "ZFBDT"] },
    { key: "netDueDate", label: { es: "Vencimiento neto", en: "Net Due Date" }, synonyms: ["Vencimiento", "Fecha de vencimiento", "Fecha vencimiento", "Fecha venc.", "Venc. neto", "Due Date", "Net due date", "NETDT"] },
    { key: "arrears", label: { es: "Demora tras vencimiento neto", en: "Arrears after net due date" }, synonyms: ["Demora", "Días de demora", "Arrears", "Days in arrears", "VERZN"] },
    { key: "localAmount", label: { es: "Importe en moneda local", en: "Amount in Local Currency" }, synonyms: ["Importe ML", "Importe en ML", "Amount in LC", "Amt in loc.cur.", "DMBTR", "DMSHB"] },
    { key: "localCurrency", label: { es: "Moneda local", en: "Local Currency" }, synonyms: ["ML", "LCurr", "HWAER"] },
    { key: "documentAmount", label: { es: "Importe en moneda doc.", en: "Amount in Doc. Curr." }, synonyms: ["Importe en moneda del documento", "Importe moneda documento", "Importe MD", "Amount in DC", "Amount in document currency", "WRBTR", "WRSHB"] },
    { key: "documentCurrency", label: { es: "Moneda del documento", en: "Document Currency" }, synonyms: ["Moneda documento", "Moneda", "Currency", "Curr.", "Mon.", "WAERS"] },
    { key: "amount", label: { es: "Importe", en: "Amount" }, synonyms: ["Monto", "Saldo", "Saldo pendiente", "Importe pendiente", "Balance", "Open amount", "Open Balance"] },
    { key: "clearingDate", label: { es: "Fecha de compensación", en: "Clearing Date" }, synonyms: ["Fecha compensación", "Fe.compensación", "Compensación", "Clearing", "AUGDT"] },
    { key: "clearingDocument", label: { es: "Doc.compensación", en: "Clearing Document" }, synonyms: ["Documento de compensación", "Doc. compensación", "Clrng doc.", "AUGBL"] },
    { key: "paymentTerms", label: { es: "Condiciones de pago", en: "Terms of Payment" }, synonyms: ["Condición de pago", "Cond. pago", "Cond.pago", "Plazo", "Días de crédito", "Dias credito", "Días plazo", "Payment Terms", "Terms", "Payt Terms", "ZTERM"] },
    { key: "text", label: { es: "Texto", en: "Text" }, synonyms: ["Concepto", "Descripción", "Description", "SGTXT"] },
  ],
  required: [
    ["customer"],
    ["documentNumber"],
    ["documentAmount", "localAmount", "amount"],
    ["netDueDate", "documentDate", "baselineDate"],
  ],
};

function text(row: Row, index: number | undefined): string {
  return index === undefined ? "" : cellText(row[index]);
}

/** Keeps leading zeros in text and avoids `1000123.0` for codes stored as numbers. */
function code(row: Row, index: number | undefined): string {
  if (index === undefined) return "";
  const v = row[index];
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return cellText(v);
}

export interface LedgerOptions {
  /** Currency when the ledger has no currency column. */
  defaultCurrency: string;
}

function reject(problems: Rejection[], row: Row, rowNumber: number, ctx: RowContext, index: number, problem: Problem): void {
  problems.push({ row: rowNumber, column: ctx.headers[index] ?? "", columnIndex: index, value: cellText(row[index]), problem });
}

/** SAP writes an empty date as 00.00.0000. */
function isZeroDate(v: string): boolean {
  return v.length >= 6 && /^\s*0{1,2}[./-]0{1,2}[./-]0{2,4}\s*$/.test(v);
}

function dateAt(row: Row, index: number | undefined, rowNumber: number, ctx: RowContext, problems: Rejection[]): CivilDay | null {
  if (index === undefined) return null;
  const v = row[index];
  if (isEmptyCell(v) || (typeof v === "string" && v.charCodeAt(v.length - 1) === 48 /* '0' */ && isZeroDate(v))) return null;
  if (typeof v === "string") {
    const fast = simpleDate(v);
    if (fast === fast) return fast;
  }
  const parsed = parseDateCell(v, ctx.dateSystem);
  if (parsed.ok) return parsed.day;
  reject(problems, row, rowNumber, ctx, index, parsed.problem);
  return null;
}

function firstNonEmpty(row: Row): unknown {
  for (let i = 0; i < row.length; i++) if (!isEmptyCell(row[i])) return row[i];
  return undefined;
}

/** Problems of the row being converted; conversion is synchronous, so one scratch list serves all rows. */
const scratch: Rejection[] = [];

/**
 * Converts one data row of a ledger. Returns null for rows without a document number
 * (subtotal and separator lines), which are skipped and counted rather than rejected.
 * Runs once per row of million-row exports: no closures, few allocations.
 */
export function ledgerRow(row: Row, rowNumber: number, ctx: RowContext, options: LedgerOptions): RowOutcome<LedgerItem> | null {
  const m = ctx.mapping;
  const documentNumber = code(row, m.documentNumber);
  if (documentNumber === "" || documentNumber.charCodeAt(0) === 42 /* '*' */) return null;
  const first = firstNonEmpty(row);
  if (typeof first === "string" && first.trim().charCodeAt(0) === 42) return null;

  const problems = scratch;
  problems.length = 0;

  const customer = code(row, m.customer);
  if (customer === "") reject(problems, row, rowNumber, ctx, m.customer, { code: "row.missing" });

  // The document-currency amount goes with the document currency, the local amount with the
  // local currency; a row without a document amount falls back to the local one.
  let amountIndex: number | undefined;
  let currencyIndex: number | undefined;
  if (m.documentAmount !== undefined && m.documentCurrency !== undefined && !isEmptyCell(row[m.documentAmount])) {
    amountIndex = m.documentAmount;
    currencyIndex = m.documentCurrency;
  } else if (m.localAmount !== undefined && !isEmptyCell(row[m.localAmount])) {
    amountIndex = m.localAmount;
    currencyIndex = m.localCurrency;
  } else if (m.amount !== undefined && !isEmptyCell(row[m.amount])) {
    amountIndex = m.amount;
    currencyIndex = m.documentCurrency ?? m.localCurrency;
  } else if (m.documentAmount !== undefined && m.documentCurrency === undefined && !isEmptyCell(row[m.documentAmount])) {
    amountIndex = m.documentAmount;
  }
  let amount = 0;
  if (amountIndex === undefined) {
    reject(problems, row, rowNumber, ctx, m.localAmount ?? m.documentAmount ?? m.amount ?? 0, { code: "row.missing" });
  } else {
    const v = row[amountIndex];
    const fast = typeof v === "string" ? simpleAmount(v) : NaN;
    if (fast === fast) amount = fast;
    else {
      const parsed = parseAmount(v);
      if (parsed.ok) amount = parsed.value;
      else reject(problems, row, rowNumber, ctx, amountIndex, parsed.problem);
    }
  }
  let currency = options.defaultCurrency;
  if (currencyIndex !== undefined && !isEmptyCell(row[currencyIndex])) {
    const c = currencyCode(row[currencyIndex]);
    if (c !== null) currency = c;
    else reject(problems, row, rowNumber, ctx, currencyIndex, { code: "currency.invalid", params: { value: cellText(row[currencyIndex]) } });
  }

  const documentDate = dateAt(row, m.documentDate, rowNumber, ctx, problems);
  const postingDate = dateAt(row, m.postingDate, rowNumber, ctx, problems);
  const baselineDate = dateAt(row, m.baselineDate, rowNumber, ctx, problems);
  const netDueDate = dateAt(row, m.netDueDate, rowNumber, ctx, problems);
  const clearingDate = dateAt(row, m.clearingDate, rowNumber, ctx, problems);

  const terms = text(row, m.paymentTerms);
  const termDays = m.paymentTerms === undefined ? null : parseTermDays(row[m.paymentTerms]);

  if (netDueDate === null && documentDate === null && baselineDate === null && postingDate === null && problems.length === 0) {
    reject(problems, row, rowNumber, ctx, m.netDueDate ?? m.documentDate ?? m.baselineDate ?? m.postingDate ?? 0, { code: "row.missing" });
  }
  if (problems.length > 0) return { problems: problems.slice() };
  return {
    record: {
      row: rowNumber,
      customer,
      customerName: text(row, m.customerName),
      documentNumber,
      documentType: text(row, m.documentType),
      reference: text(row, m.reference),
      assignment: text(row, m.assignment),
      text: text(row, m.text),
      documentDate,
      postingDate,
      baselineDate,
      netDueDate,
      clearingDate,
      termDays,
      terms,
      amount,
      currency,
    },
  };
}

const currencyCache = new Map<string, string | null>();

/** What Mexican ledgers write for their currencies besides the ISO code. */
const CURRENCY_ALIASES: Record<string, string> = {
  MN: "MXN", MXP: "MXN", PESOS: "MXN", PESO: "MXN", MONEDANACIONAL: "MXN",
  DLS: "USD", DLLS: "USD", DOLARES: "USD", DOLAR: "USD", US: "USD", USDLLS: "USD",
  EUROS: "EUR", EURO: "EUR",
};

/** ISO 4217 codes or a known alias (`M.N.`, `DLLS`); a ledger has a handful, so each distinct text is read once. */
export function currencyCode(v: unknown): string | null {
  const t = cellText(v);
  let c = currencyCache.get(t);
  if (c === undefined) {
    const u = t.toUpperCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\s.$]/g, "");
    c = CURRENCY_ALIASES[u] ?? (/^[A-Z]{3}$/.test(u) ? u : null);
    if (currencyCache.size < 1000) currencyCache.set(t, c);
  }
  return c;
}
