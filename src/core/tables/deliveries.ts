import type { TableSpec } from "./columns";
import type { CivilDay } from "../dates";
import { cellText, type Row } from "../grid";
import type { Centavos } from "../money";
import { parseQuantity, type Thousandths } from "../reconcile/quantity";
import type { RowFields, TableKind } from "./fields";

/**
 * The deliveries list (remisiones): one row per delivery note, or per item of one (SAP's
 * LIPS positions). Headings from SAP VL06O / LIKP-LIPS exports (Spanish and English, long and
 * technical names) and from plant dispatch systems' CSV files.
 */
export interface Delivery {
  /** 1-based source row. */
  row: number;
  /** The remission number as written (`R-0001001`). */
  remission: string;
  item: string;
  date: CivilDay;
  customer: string;
  customerName: string;
  jobsite: string;
  plant: string;
  product: string;
  productName: string;
  /** Null when the cell is empty: unknown, not zero. */
  quantity: Thousandths | null;
  unit: string;
  amount: Centavos | null;
  currency: string;
  cancelled: boolean;
}

/** Synonyms both lists share (customer, plant, product, units, money). */
export const CUSTOMER_SYNONYMS = ["Solicitante", "Núm. cliente", "No. cliente", "Nº cliente", "Cód. cliente", "Código cliente", "Código de cliente", "Clave cliente", "Sold-to party", "Sold-to", "Sold-To Pt", "Customer", "Customer number", "Customer No.", "KUNAG", "Cuenta", "Deudor"];
export const CUSTOMER_NAME_SYNONYMS = ["Nombre del cliente", "Nombre cliente", "Razón social", "Nombre solicitante", "Nombre 1", "Customer name", "Name of sold-to party", "Sold-to name", "Name 1", "NAME1"];
export const PLANT_SYNONYMS = ["Centro", "Centro suministrador", "Planta de concreto", "Planta de suministro", "Puesto de expedición", "Pto.exped.", "Plant", "Supplying plant", "Shipping point", "WERKS", "VSTEL"];
export const PRODUCT_SYNONYMS = ["Producto", "Clave de producto", "Clave producto", "Código de producto", "Código producto", "Cód. producto", "Artículo", "Código de material", "Nº material", "Número de material", "Product", "Product code", "Material number", "Item code", "SKU", "MATNR"];
export const PRODUCT_NAME_SYNONYMS = ["Descripción", "Descripción del material", "Descripción material", "Descripción producto", "Descripción del producto", "Denominación", "Texto breve de material", "Texto material", "Material description", "Description", "Product description", "ARKTX", "MAKTX"];
export const UNIT_SYNONYMS = ["Unidad de medida", "UM", "U.M.", "UMV", "UMB", "Unidad de venta", "Unidad medida venta", "Un.medida", "Unit", "UoM", "Unit of measure", "Sales unit", "SU", "VRKME", "MEINS"];
export const CURRENCY_SYNONYMS = ["Moneda del documento", "Mon.", "Currency", "Curr.", "Doc. Currency", "WAERK", "WAERS"];
export const STATUS_SYNONYMS = ["Estatus", "Status", "Situación", "Estado del documento", "Document status"];
export const CANCELLED_SYNONYMS = ["Anulado", "Cancelada", "Cancelado", "Cancelled", "Canceled", "Is cancelled", "Doc. anulado", "Anulada?"];

export const DELIVERY_SPEC: TableSpec = {
  kind: "deliveries",
  fields: [
    { key: "remission", type: "code", label: { es: "Remisión", en: "Delivery note" }, synonyms: ["Remision", "Nº remisión", "No. remisión", "Núm. remisión", "Número de remisión", "Folio remisión", "Folio de remisión", "Remisión No.", "Nota de remisión", "Ticket", "No. ticket", "Ticket No.", "Ticket number", "Boleta", "Vale", "Vale de entrega", "Entrega", "Nº entrega", "Número de entrega", "Documento de entrega", "Doc. entrega", "Delivery", "Delivery No.", "Delivery number", "Delivery Note No.", "Outbound delivery", "VBELN"], weak: ["Folio", "Número", "No", "Nº", "Documento", "Document"] },
    { key: "item", type: "code", label: { es: "Posición", en: "Item" }, synonyms: ["Pos.", "Pos. entrega", "Posición de entrega", "Delivery item", "Item", "POSNR"] },
    { key: "date", type: "date", label: { es: "Fecha de entrega", en: "Delivery date" }, synonyms: ["Fecha entrega", "Fecha de remisión", "Fecha remisión", "Fecha de salida", "Fecha salida", "Fecha de carga", "Fecha de despacho", "Fecha mov. mercancías", "Fecha de movimiento de mercancías", "Fe.SM real", "Fecha SM real", "Deliv. Date", "Actual GI date", "Act. GI date", "Actual goods movement date", "Goods issue date", "GI date", "Ship date", "Shipping date", "LFDAT", "WADAT_IST", "WADAT"], weak: ["Fecha", "Date", "Día"] },
    { key: "customer", type: "code", label: { es: "Cliente", en: "Customer" }, synonyms: CUSTOMER_SYNONYMS },
    { key: "customerName", type: "text", label: { es: "Nombre", en: "Name" }, synonyms: CUSTOMER_NAME_SYNONYMS },
    { key: "jobsite", type: "text", label: { es: "Obra", en: "Jobsite" }, synonyms: ["Nombre de obra", "Obra/Proyecto", "Proyecto", "Destinatario", "Destinatario de mercancías", "Destinatario mcía.", "Dest.mcía.", "Lugar de entrega", "Dirección de entrega", "Ship-to party", "Ship-to", "Ship-To Pt", "Jobsite", "Job site", "Site", "Project", "KUNNR"] },
    { key: "plant", type: "code", label: { es: "Planta", en: "Plant" }, synonyms: PLANT_SYNONYMS },
    { key: "product", type: "code", label: { es: "Material", en: "Material" }, synonyms: PRODUCT_SYNONYMS, weak: ["Clave", "Código"] },
    { key: "productName", type: "text", label: { es: "Descripción", en: "Description" }, synonyms: PRODUCT_NAME_SYNONYMS, weak: ["Texto"] },
    { key: "quantity", type: "number", label: { es: "Cantidad entregada", en: "Delivered quantity" }, synonyms: ["Cantidad", "Ctd.entrega", "Ctd. entregada", "Cant. entregada", "Cantidad de entrega", "Volumen", "Volumen m3", "M3", "Delivery quantity", "Dlv. qty", "Actual delivery qty", "Quantity", "Qty", "LFIMG", "Cant.", "Ctd."] },
    { key: "unit", type: "text", label: { es: "Unidad", en: "Unit" }, synonyms: UNIT_SYNONYMS },
    { key: "amount", type: "money", label: { es: "Importe", en: "Amount" }, synonyms: ["Importe remisión", "Valor", "Valor neto", "Monto", "Importe total", "Subtotal", "Net value", "Amount", "Value", "NETWR"], weak: ["Total"] },
    { key: "currency", type: "currency", label: { es: "Moneda", en: "Currency" }, synonyms: CURRENCY_SYNONYMS },
    { key: "status", type: "text", label: { es: "Estado", en: "Status" }, synonyms: [...STATUS_SYNONYMS, "Estado remisión", "GBSTK"] },
    { key: "cancelled", type: "text", label: { es: "Anulada", en: "Cancelled" }, synonyms: CANCELLED_SYNONYMS },
  ],
  required: [["remission"], ["customer"], ["date"], ["quantity", "amount"]],
};

const CANCEL_WORDS = /^(CANCELAD[AO]S?|ANULAD[AO]S?|CANCELLED|CANCELED|VOID|VOIDED|BAJA|DADA DE BAJA|ANULACION|CANCELACION)$/;
const YES = new Set(["X", "SI", "S", "YES", "Y", "TRUE", "VERDADERO", "1", "CANCELADA", "CANCELADO", "ANULADA", "ANULADO", "CANCELLED", "CANCELED"]);
const NO = new Set(["NO", "N", "FALSE", "FALSO", "0", "-"]);

function plainUpper(s: string): string {
  // eslint-disable-next-line no-control-regex
  return (/^[\u0000-\u007f]*$/.test(s) ? s : s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "")).toUpperCase().trim();
}

/** A status that says the document was cancelled (`Cancelada`, `Anulada`, `Void`); anything else is in force. */
export function statusCancelled(status: string): boolean {
  if (status === "") return false;
  return CANCEL_WORDS.test(plainUpper(status).replace(/\s+/g, " "));
}

/**
 * A cancelled-flag column (`X` as SAP's FKSTO writes it, `Sí`, `TRUE`); empty is not
 * cancelled, and a value that is neither yes nor no is rejected rather than read either way.
 */
export function cancelledFlag(f: RowFields, key: string): boolean {
  if (!f.has(key)) return false;
  const v = plainUpper(f.text(key));
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  f.reject(key, { code: "flag.invalid", params: { value: f.text(key) } });
  return false;
}

/** A quantity cell in thousandths; null when absent or empty (or unreadable: then rejected). */
export function quantityField(f: RowFields, key: string): Thousandths | null {
  if (!f.has(key)) return null;
  const parsed = parseQuantity(f.raw(key));
  if (parsed.ok) return parsed.value;
  f.reject(key, parsed.problem);
  return null;
}

/** SAP `*`/`**` lines and `Total` lines: content without a document number. */
export function isTotalLine(row: Row): boolean {
  for (let i = 0; i < row.length; i++) {
    const t = cellText(row[i]);
    if (t === "") continue;
    return t.charCodeAt(0) === 42 /* '*' */ || /^(total|totales|subtotal|suma|gran total)\b/i.test(t);
  }
  return false;
}

export interface DeliveryOptions {
  /** Currency of a list without a currency column. */
  defaultCurrency: string;
}

/** The deliveries list as a table kind: a row without a remission number is not data (skipped, counted). */
export function deliveryKind(options: DeliveryOptions): TableKind<Delivery> {
  return {
    spec: DELIVERY_SPEC,
    build(f: RowFields): Delivery | null {
      const remission = f.code("remission");
      if (remission === "" || isTotalLine(f.row)) return null;
      if (!/\d/.test(remission)) f.reject("remission", { code: "remission.noNumber", params: { value: remission } });
      const customer = f.code("customer");
      if (customer === "") f.reject("customer", { code: "row.missing" });
      const date = f.date("date");
      if (date === null && !f.has("date")) f.reject("date", { code: "row.missing" });
      const cancelled = cancelledFlag(f, "cancelled") || statusCancelled(f.text("status"));
      return {
        row: f.rowNumber,
        remission,
        item: f.code("item"),
        date: date ?? 0,
        customer,
        customerName: f.text("customerName"),
        jobsite: f.text("jobsite"),
        plant: f.code("plant"),
        product: f.code("product"),
        productName: f.text("productName"),
        quantity: quantityField(f, "quantity"),
        unit: f.text("unit"),
        amount: f.money("amount"),
        currency: f.currency("currency") ?? options.defaultCurrency,
        cancelled,
      };
    },
  };
}
