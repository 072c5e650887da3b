import type { TableSpec } from "./columns";
import type { CivilDay } from "../dates";
import type { Centavos } from "../money";
import type { RowFields, TableKind } from "./fields";

/**
 * Open sales orders (SAP VA05 "list of sales orders", or a plant's delivery programme) and
 * deliveries not yet invoiced (the "delivered and not invoiced" list of the billing-vs-
 * deliveries reconciliation): the two parts of a customer's credit exposure that are not yet
 * in the ledger (SAP FD32 counts both).
 */
export interface OpenOrder {
  row: number;
  order: string;
  customer: string;
  customerName: string;
  orderDate: CivilDay;
  /** Requested (or scheduled) ship date, for the schedule view. */
  shipDate: CivilDay | null;
  amount: Centavos;
  /** Null when the file has no currency column: the customer's limit currency is meant. */
  currency: string | null;
  plant: string;
  text: string;
}

export const ORDER_SPEC: TableSpec = {
  kind: "orders",
  fields: [
    { key: "order", type: "code", label: { es: "Pedido", en: "Order" }, synonyms: ["Nº pedido", "No. pedido", "Núm. pedido", "Número de pedido", "Pedido de ventas", "Documento de ventas", "Doc. ventas", "Doc.ventas", "Documento ventas", "Orden", "Orden de venta", "Folio pedido", "Sales Document", "Sales Doc.", "Sales Order", "Order Number", "Order No.", "VBELN"] },
    { key: "customer", type: "code", label: { es: "Cliente", en: "Customer" }, synonyms: ["Solicitante", "Cuenta", "Deudor", "Código cliente", "No. cliente", "Sold-to party", "Sold-To Pt", "Sold-to", "Customer Number", "Account", "KUNNR", "KUNAG"] },
    { key: "customerName", type: "text", label: { es: "Nombre", en: "Name" }, synonyms: ["Nombre del cliente", "Nombre solicitante", "Nombre del solicitante", "Razón social", "Customer Name", "Name 1", "NAME1"] },
    { key: "orderDate", type: "date", label: { es: "Fecha de pedido", en: "Order date" }, synonyms: ["Fecha pedido", "Fecha del pedido", "Fecha de documento", "Fecha documento", "Fecha doc.", "Creado el", "Fecha de creación", "Document Date", "Doc. Date", "Created on", "Order Dt", "AUDAT", "ERDAT"], weak: ["Fecha", "Date"] },
    { key: "shipDate", type: "date", label: { es: "Fecha de entrega solicitada", en: "Requested ship date" }, synonyms: ["Fecha de entrega", "Fecha entrega", "Fecha de entrega preferente", "Fe.entrega pref.", "Fecha programada", "Fecha de embarque", "Fecha de envío", "Entrega solicitada", "Req. deliv.date", "Req.dlv.date", "Requested delivery date", "Delivery date", "Ship date", "Scheduled date", "VDATU", "EDATU"] },
    { key: "amount", type: "money", label: { es: "Importe", en: "Amount" }, synonyms: ["Valor neto", "Valor neto del pedido", "Valor neto pedido", "Valor", "Monto", "Importe del pedido", "Importe pedido", "Importe neto", "Net value", "Net Value", "Order value", "Net Order Value", "NETWR"], weak: ["Total"] },
    { key: "currency", type: "currency", label: { es: "Moneda", en: "Currency" }, synonyms: ["Moneda del documento", "Moneda documento", "Mon.", "Doc. Currency", "Curr.", "Crcy", "WAERK", "WAERS"] },
    { key: "plant", type: "text", label: { es: "Planta", en: "Plant" }, synonyms: ["Centro", "Centro suministrador", "Plant", "Delivering plant", "WERKS"] },
    { key: "text", type: "text", label: { es: "Texto", en: "Text" }, synonyms: ["Obra", "Descripción", "Material", "Concepto", "Description", "Job site"] },
  ],
  required: [["order"], ["customer"], ["amount"], ["orderDate"]],
};

/** SAP list exports mark subtotal and total lines with `*` in their first filled cell. */
export function isStarLine(f: RowFields): boolean {
  for (const v of f.row) {
    if (v === null || v === undefined) continue;
    if (typeof v !== "string") return false;
    const t = v.trim();
    if (t !== "") return t.charCodeAt(0) === 42;
  }
  return false;
}

function readAmount(f: RowFields, key: string): Centavos | null {
  const amount = f.money(key);
  if (amount === null) {
    if (!f.has(key)) f.reject(key, { code: "row.missing" });
    return null;
  }
  if (amount < 0) {
    f.reject(key, { code: "credit.amount.negative" });
    return null;
  }
  return amount;
}

/**
 * An order row: order number, customer, order date and amount are needed (a row without an
 * order number is a subtotal line: skipped and counted). A negative amount (a return) is not
 * an order the credit check releases: rejected.
 */
export const ORDER_KIND: TableKind<OpenOrder> = {
  spec: ORDER_SPEC,
  build(f: RowFields): OpenOrder | null {
    const order = f.code("order");
    if (order === "" || isStarLine(f)) return null;
    const customer = f.code("customer");
    if (customer === "" && !f.has("customer")) f.reject("customer", { code: "row.missing" });
    const orderDate = f.date("orderDate");
    if (orderDate === null && !f.has("orderDate")) f.reject("orderDate", { code: "row.missing" });
    const amount = readAmount(f, "amount");
    return {
      row: f.rowNumber,
      order,
      customer,
      customerName: f.text("customerName"),
      orderDate: orderDate ?? 0,
      shipDate: f.date("shipDate"),
      amount: amount ?? 0,
      currency: f.currency("currency"),
      plant: f.text("plant"),
      text: f.text("text"),
    };
  },
};

/** A delivery (remisión) that left the plant and is not yet on an invoice. */
export interface UnbilledDelivery {
  row: number;
  delivery: string;
  customer: string;
  date: CivilDay | null;
  amount: Centavos;
  currency: string | null;
}

export const UNBILLED_DELIVERY_SPEC: TableSpec = {
  kind: "unbilledDeliveries",
  fields: [
    { key: "delivery", type: "code", label: { es: "Remisión", en: "Delivery" }, synonyms: ["Nº remisión", "No. remisión", "Remision", "Entrega", "Nº entrega", "No. entrega", "Documento de entrega", "Ticket", "Boleta", "Remission", "Delivery note", "Delivery Number", "Outbound delivery", "VBELN"] },
    { key: "customer", type: "code", label: { es: "Cliente", en: "Customer" }, synonyms: ["Destinatario", "Solicitante", "Cuenta", "Deudor", "Código cliente", "Ship-to party", "Sold-to party", "Account", "KUNNR", "KUNAG"] },
    { key: "date", type: "date", label: { es: "Fecha de remisión", en: "Delivery date" }, synonyms: ["Fecha remisión", "Fecha de entrega", "Fecha entrega", "Fecha de salida", "Fecha salida mercancías", "Fe.SM real", "Goods issue date", "Act. GI date", "WADAT_IST"], weak: ["Fecha", "Date"] },
    { key: "amount", type: "money", label: { es: "Importe", en: "Amount" }, synonyms: ["Valor", "Valor neto", "Monto", "Importe de la remisión", "Importe remisión", "Importe por facturar", "Net value", "Value"] },
    { key: "currency", type: "currency", label: { es: "Moneda", en: "Currency" }, synonyms: ["Mon.", "Curr.", "Crcy", "WAERK", "WAERS"] },
  ],
  required: [["customer"], ["amount"]],
};

/** A delivery row: customer and amount are needed; a row without a customer nor a delivery number is a subtotal line. */
export const UNBILLED_DELIVERY_KIND: TableKind<UnbilledDelivery> = {
  spec: UNBILLED_DELIVERY_SPEC,
  build(f: RowFields): UnbilledDelivery | null {
    const delivery = f.code("delivery");
    const customer = f.code("customer");
    if (isStarLine(f) || (delivery === "" && customer === "")) return null;
    if (customer === "" && !f.has("customer")) f.reject("customer", { code: "row.missing" });
    const amount = readAmount(f, "amount");
    return { row: f.rowNumber, delivery, customer, date: f.date("date"), amount: amount ?? 0, currency: f.currency("currency") };
  },
};
