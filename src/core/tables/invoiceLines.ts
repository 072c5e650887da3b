import type { TableSpec } from "./columns";
import type { CivilDay } from "../dates";
import type { Centavos } from "../money";
import type { Thousandths } from "../reconcile/quantity";
import {
  cancelledFlag,
  CANCELLED_SYNONYMS,
  CURRENCY_SYNONYMS,
  CUSTOMER_NAME_SYNONYMS,
  CUSTOMER_SYNONYMS,
  isTotalLine,
  PLANT_SYNONYMS,
  PRODUCT_NAME_SYNONYMS,
  PRODUCT_SYNONYMS,
  quantityField,
  statusCancelled,
  STATUS_SYNONYMS,
  UNIT_SYNONYMS,
} from "./deliveries";
import type { RowFields, TableKind } from "./fields";

/**
 * Invoice lines: one row per billing item, citing the remissions it bills. Headings from SAP
 * VF05 / VBRK-VBRP exports (the reference document VGBEL is the delivery) and from billing
 * systems that print the cited remissions as text (`R1001, R1002`, `R1001-R1004`).
 */
export interface InvoiceLine {
  row: number;
  /** The invoice as it is known: `A-5001` (series and folio joined when they come apart). */
  invoice: string;
  item: string;
  date: CivilDay | null;
  customer: string;
  customerName: string;
  plant: string;
  product: string;
  productName: string;
  quantity: Thousandths | null;
  unit: string;
  amount: Centavos | null;
  currency: string;
  /** The citation cell as written. */
  remissions: string;
  cancelled: boolean;
}

export const INVOICE_LINE_SPEC: TableSpec = {
  kind: "invoiceLines",
  fields: [
    { key: "invoice", type: "code", label: { es: "Factura", en: "Invoice" }, synonyms: ["Nº factura", "No. factura", "Núm. factura", "Número de factura", "Folio factura", "Folio de factura", "Factura No.", "Documento de facturación", "Doc. facturación", "Doc.factur.", "Doc. factura", "Billing document", "Billing Doc.", "Bill. Doc.", "Invoice number", "Invoice No.", "Invoice", "VBRK-VBELN"], weak: ["Folio", "Documento", "Document", "Número", "No", "Nº", "VBELN"] },
    { key: "series", type: "code", label: { es: "Serie", en: "Series" }, synonyms: ["Serie factura", "Serie CFDI", "Serie de factura"] },
    { key: "item", type: "code", label: { es: "Posición", en: "Item" }, synonyms: ["Pos.", "Pos. factura", "Posición de factura", "Billing item", "Item", "Línea", "Line", "POSNR"] },
    { key: "date", type: "date", label: { es: "Fecha de factura", en: "Billing date" }, synonyms: ["Fecha factura", "Fe.factura", "Fecha de facturación", "Fecha facturación", "Fecha de emisión", "Fecha emisión", "Invoice date", "Bill. Date", "Billing Dt", "FKDAT"], weak: ["Fecha", "Date"] },
    { key: "customer", type: "code", label: { es: "Cliente", en: "Customer" }, synonyms: [...CUSTOMER_SYNONYMS, "Pagador", "Responsable de pago", "Payer", "KUNRG"] },
    { key: "customerName", type: "text", label: { es: "Nombre", en: "Name" }, synonyms: CUSTOMER_NAME_SYNONYMS },
    { key: "plant", type: "code", label: { es: "Planta", en: "Plant" }, synonyms: PLANT_SYNONYMS },
    { key: "product", type: "code", label: { es: "Material", en: "Material" }, synonyms: [...PRODUCT_SYNONYMS, "Material facturado"], weak: ["Clave", "Código"] },
    { key: "productName", type: "text", label: { es: "Descripción", en: "Description" }, synonyms: PRODUCT_NAME_SYNONYMS, weak: ["Texto", "Concepto"] },
    { key: "quantity", type: "number", label: { es: "Cantidad facturada", en: "Billed quantity" }, synonyms: ["Cantidad", "Ctd.facturada", "Ctd. facturada", "Cant. facturada", "Billed qty", "Invoiced quantity", "Quantity", "Qty", "FKIMG", "Cant.", "Ctd."] },
    { key: "unit", type: "text", label: { es: "Unidad", en: "Unit" }, synonyms: UNIT_SYNONYMS },
    { key: "amount", type: "money", label: { es: "Valor neto", en: "Net value" }, synonyms: ["Importe", "Importe neto", "Subtotal", "Importe sin IVA", "Valor", "Net amount", "Amount", "NETWR", "Monto"] },
    { key: "currency", type: "currency", label: { es: "Moneda", en: "Currency" }, synonyms: CURRENCY_SYNONYMS },
    { key: "remissions", type: "text", label: { es: "Remisiones", en: "Delivery notes" }, synonyms: ["Remisión", "Remision", "Remisiones facturadas", "Nº remisión", "No. remisión", "Referencia remisión", "Ref. remisión", "Remisión referencia", "Tickets", "Ticket", "Vales", "Entrega", "Entregas", "Nº entrega", "Documento de entrega", "Documento de referencia", "Doc. referencia", "Doc.ref.", "Doc. modelo", "Delivery", "Deliveries", "Delivery note", "Reference document", "Ref. document", "Preceding document", "VGBEL"] },
    { key: "cancelled", type: "text", label: { es: "Anulada", en: "Cancelled" }, synonyms: [...CANCELLED_SYNONYMS, "Billing doc. is cancelled", "Factura anulada", "FKSTO"] },
    { key: "status", type: "text", label: { es: "Estado", en: "Status" }, synonyms: [...STATUS_SYNONYMS, "Estado CFDI", "Estatus CFDI", "Estado SAT"] },
    { key: "billingType", type: "code", label: { es: "Clase de factura", en: "Billing type" }, synonyms: ["Cl.factura", "Cl. factura", "Clase factura", "Clase de documento de facturación", "Bill.Type", "BillT", "FKART"] },
  ],
  required: [["invoice"], ["remissions"], ["customer"], ["quantity", "amount"]],
};

/** SAP's cancellation billing types: an S1 cancels an invoice, an S2 a credit memo; neither bills a remission. */
const CANCELLATION_TYPES = new Set(["S1", "S2", "S3", "S4"]);

export interface InvoiceLineOptions {
  defaultCurrency: string;
}

/** Invoice lines as a table kind: a row without an invoice number is not data. */
export function invoiceLineKind(options: InvoiceLineOptions): TableKind<InvoiceLine> {
  return {
    spec: INVOICE_LINE_SPEC,
    build(f: RowFields): InvoiceLine | null {
      const folio = f.code("invoice");
      if (folio === "" || isTotalLine(f.row)) return null;
      const series = f.code("series");
      const invoice = series && !folio.toUpperCase().startsWith(series.toUpperCase()) ? `${series}-${folio}` : folio;
      const customer = f.code("customer");
      if (customer === "") f.reject("customer", { code: "row.missing" });
      const cancelled = cancelledFlag(f, "cancelled") || statusCancelled(f.text("status")) || CANCELLATION_TYPES.has(f.text("billingType").toUpperCase());
      return {
        row: f.rowNumber,
        invoice,
        item: f.code("item"),
        date: f.date("date"),
        customer,
        customerName: f.text("customerName"),
        plant: f.code("plant"),
        product: f.code("product"),
        productName: f.text("productName"),
        quantity: quantityField(f, "quantity"),
        unit: f.text("unit"),
        amount: f.money("amount"),
        currency: f.currency("currency") ?? options.defaultCurrency,
        remissions: f.text("remissions"),
        cancelled,
      };
    },
  };
}
