import type { AgingOptions } from "../aging/aging";
import type { TableSpec } from "./columns";
import type { Centavos } from "../money";
import { lookupTerms, type TermsTable } from "../terms";
import { kindConverter, type RowFields, type TableKind } from "./fields";

/** A row of the customer master: who the customer is and the credit it was granted. */
export interface Customer {
  row: number;
  code: string;
  name: string;
  rfc: string;
  termDays: number | null;
  creditLimit: Centavos | null;
  /** Currency of the credit limit, when the master has a column for it. */
  currency: string | null;
  emails: string[];
  plaza: string;
  /** Copy recipients (statements, minutes). */
  cc?: string[];
  /** Language of correspondence as written in the master (`es`, `en`, `Español`, SAP's `S`/`E`); "" when absent. */
  language?: string;
  /** The reference the customer writes on its transfers; "" when the master has none. */
  paymentReference?: string;
}

export const CUSTOMER_SPEC: TableSpec = {
  kind: "customers",
  fields: [
    { key: "code", type: "code", label: { es: "Cliente", en: "Customer" }, synonyms: ["Cuenta", "Deudor", "Código", "Código cliente", "Cód. cliente", "No. cliente", "Account", "Customer Number", "Code", "KUNNR"] },
    { key: "name", type: "text", label: { es: "Nombre", en: "Name" }, synonyms: ["Razón social", "Nombre del cliente", "Nombre 1", "Customer Name", "Name 1", "NAME1"] },
    { key: "rfc", type: "rfc", label: { es: "RFC", en: "Tax ID" }, synonyms: ["R.F.C.", "RFC cliente", "Tax Number", "STCD1"] },
    { key: "termDays", type: "terms", label: { es: "Plazo", en: "Terms" }, synonyms: ["Días de crédito", "Dias credito", "Plazo de crédito", "Días plazo", "Condiciones de pago", "Cond. pago", "Payment Terms", "Terms of Payment", "Term Days", "ZTERM"] },
    { key: "creditLimit", type: "money", label: { es: "Límite de crédito", en: "Credit Limit" }, synonyms: ["Limite credito", "Línea de crédito", "Crédito", "Credit Line", "Limit"] },
    { key: "currency", type: "currency", label: { es: "Moneda", en: "Currency" }, synonyms: ["Moneda del límite", "Moneda límite", "Limit currency", "Credit currency", "Curr.", "WAERS"] },
    { key: "emails", type: "emails", label: { es: "Correo", en: "Email" }, synonyms: ["Correos", "Correo electrónico", "E-mail", "Emails", "Mail", "Contacto correo"] },
    { key: "plaza", type: "text", label: { es: "Plaza", en: "Branch" }, synonyms: ["Sucursal", "Ciudad", "City", "Region", "Región", "Zona"] },
    { key: "cc", type: "emails", label: { es: "Correo copia", en: "Email CC" }, synonyms: ["CC", "Copia", "Con copia", "Correos copia", "Copia a", "Cc emails", "Email copy"] },
    { key: "language", type: "text", label: { es: "Idioma", en: "Language" }, synonyms: ["Idioma correspondencia", "Lengua", "Lang", "Correspondence language", "SPRAS", "LANGU"] },
    { key: "paymentReference", type: "code", label: { es: "Referencia de pago", en: "Payment reference" }, synonyms: ["Referencia bancaria", "Ref. pago", "Referencia depósito", "Convenio", "Payment ref.", "Bank reference"] },
  ],
  required: [["code"]],
};

/**
 * The customer master as a table kind: a row without a code is not a customer (skipped). Its
 * terms are looked up in the installation's terms table when there is one.
 */
export function customerKind(terms?: TermsTable): TableKind<Customer> {
  return {
    spec: CUSTOMER_SPEC,
    build: (f) => buildCustomer(f, terms),
  };
}

function buildCustomer(f: RowFields, terms: TermsTable | undefined): Customer | null {
  if (!f.has("code")) return null;
  let termDays: number | null = null;
  if (f.has("termDays")) {
    const found = lookupTerms(f.raw("termDays"), terms);
    if (found.ok) termDays = found.terms.netDays;
    else f.reject("termDays", found.problem);
  }
  return {
    row: f.rowNumber,
    code: f.text("code"),
    name: f.text("name"),
    rfc: f.text("rfc").toUpperCase(),
    termDays,
    creditLimit: f.money("creditLimit"),
    currency: f.currency("currency"),
    emails: f.emails("emails"),
    plaza: f.text("plaza"),
    cc: f.emails("cc"),
    language: f.text("language"),
    paymentReference: f.code("paymentReference"),
  };
}

export const CUSTOMER_KIND = customerKind();

export const customerRow = kindConverter(CUSTOMER_KIND);

/** SAP pads numeric customer codes with zeros (ALPHA conversion); a master typed by hand often does not. */
export function customerKey(code: string): string {
  return /^\d+$/.test(code) ? code.replace(/^0+(?=\d)/, "") : code.toUpperCase();
}

export class CustomerMaster {
  private readonly byKey = new Map<string, Customer>();
  constructor(readonly customers: readonly Customer[]) {
    for (const c of customers) if (!this.byKey.has(customerKey(c.code))) this.byKey.set(customerKey(c.code), c);
  }
  get(code: string): Customer | undefined {
    return this.byKey.get(customerKey(code));
  }
  get size(): number {
    return this.byKey.size;
  }
}

/**
 * What the customer master lends the aging: its payment terms (for items with neither due date
 * nor terms) and its names (for customers the ledger leaves unnamed). Nothing without a master.
 */
export function masterAgingOptions(master: CustomerMaster | undefined): Pick<AgingOptions, "customerTermDays" | "customerName"> {
  if (!master) return {};
  return { customerTermDays: (c) => master.get(c)?.termDays ?? undefined, customerName: (c) => master.get(c)?.name };
}
