import type { AgingOptions } from "../aging/aging";
import { guaranteeTypeOf, type Guarantee } from "../credit/guarantee";
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
  /** Credit review (src/core/credit): the risk class, the guarantee behind the line, who reviews it. */
  riskClass?: string;
  guarantee?: Guarantee | null;
  analyst?: string;
  contact?: string;
  phone?: string;
  /**
   * What identifies the customer's payments at the bank (cash application): the references it
   * quotes (a CIE or deposit reference), its accounts or CLABEs, the other names it pays under.
   * Present when read from a master table; empty lists when the master has no such columns.
   */
  bankReferences?: string[];
  accounts?: string[];
  altNames?: string[];
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
    { key: "riskClass", type: "code", label: { es: "Clase de riesgo", en: "Risk class" }, synonyms: ["Categoría de riesgo", "Cat. riesgo", "Clase riesgo", "Riesgo", "Nivel de riesgo", "Risk category", "Risk Categ.", "Risk", "CTLPC"] },
    { key: "guaranteeType", type: "text", label: { es: "Tipo de garantía", en: "Guarantee type" }, synonyms: ["Tipo garantía", "Clase de garantía", "Garantía tipo", "Type of guarantee", "Collateral type", "Collateral"], weak: ["Garantía", "Guarantee"] },
    { key: "guaranteeAmount", type: "money", label: { es: "Importe de garantía", en: "Guarantee amount" }, synonyms: ["Importe garantía", "Monto de garantía", "Monto garantía", "Monto de la garantía", "Valor de la garantía", "Garantía importe", "Collateral amount", "Guarantee value"] },
    { key: "guaranteeExpiry", type: "date", label: { es: "Vencimiento de garantía", en: "Guarantee expiry" }, synonyms: ["Vencimiento garantía", "Vence garantía", "Vigencia de garantía", "Vigencia garantía", "Vigencia", "Fecha de vencimiento de la garantía", "Guarantee expires", "Guarantee expiry date", "Collateral expiry", "Expiry date"] },
    { key: "analyst", type: "text", label: { es: "Analista", en: "Analyst" }, synonyms: ["Analista de crédito", "Analista crédito", "Responsable de crédito", "Responsable", "Gestor", "Ejecutivo de cobranza", "Credit analyst", "Credit rep", "Credit representative", "SBGRP"] },
    { key: "contact", type: "text", label: { es: "Contacto", en: "Contact" }, synonyms: ["Persona de contacto", "Nombre de contacto", "Contact person", "Contact name", "Attn"] },
    { key: "phone", type: "text", label: { es: "Teléfono", en: "Phone" }, synonyms: ["Tel.", "Tel", "Teléfono de contacto", "Telephone", "Phone number", "TELF1"] },
    { key: "bankReference", type: "text", label: { es: "Referencia bancaria", en: "Bank reference" }, synonyms: ["Referencia de pago", "Ref. bancaria", "Referencia numérica", "Referencia de depósito", "Referencia CIE", "Convenio CIE", "Referencias bancarias", "Payment Reference", "Bank Ref", "Deposit Reference"], weak: ["Referencia", "Reference"] },
    { key: "accounts", type: "text", label: { es: "Cuentas bancarias", en: "Bank accounts" }, synonyms: ["Cuenta bancaria", "CLABE", "Cuenta CLABE", "CLABE interbancaria", "CLABEs", "Cuentas de pago", "No. de cuenta bancaria", "Bank Account", "Bank Accounts", "Payer Accounts"] },
    { key: "altNames", type: "text", label: { es: "Nombres alternos", en: "Alternate names" }, synonyms: ["Otros nombres", "Alias", "Nombre comercial", "Nombres alternativos", "Ordenantes", "Also Known As", "AKA", "Trade Name", "Payer Names"] },
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
    // The reference the customer quotes on its transfers: the first of its bank references.
    paymentReference: listCell(f.text("bankReference"))[0] ?? "",
    bankReferences: listCell(f.text("bankReference")),
    // Spaces inside an account are the groups of a CLABE (`012 180 00118359719 1`), not separators.
    accounts: listCell(f.text("accounts")).map((a) => a.replace(/[\s-]/g, "")),
    altNames: listCell(f.text("altNames"), /[;|\n]+/),
    riskClass: f.code("riskClass"),
    guarantee: readGuarantee(f),
    analyst: f.text("analyst"),
    contact: f.text("contact"),
    phone: f.text("phone"),
  };
}

export const CUSTOMER_KIND = customerKind();

/**
 * The guarantee columns of one master row. A type of "none" with an amount or an expiry is a
 * contradiction (rejected: which one is true is the analyst's call); an amount or an expiry
 * with no type is a guarantee of unnamed type (`otra`).
 */
function readGuarantee(f: RowFields): Guarantee | null {
  const text = f.text("guaranteeType");
  const type = guaranteeTypeOf(text);
  const amount = f.money("guaranteeAmount");
  const expires = f.date("guaranteeExpiry");
  if (amount !== null && amount < 0) {
    f.reject("guaranteeAmount", { code: "credit.guarantee.negative" });
    return null;
  }
  if (type === "none") {
    if ((amount !== null && amount > 0) || expires !== null) f.reject(amount !== null && amount > 0 ? "guaranteeAmount" : "guaranteeExpiry", { code: "credit.guarantee.contradiction", params: { type: text } });
    return null;
  }
  if (type === null) {
    if ((amount === null || amount === 0) && expires === null) return null;
    return { type: "otra", description: "", amount, expires };
  }
  return { type, description: text, amount, expires };
}

/** A cell holding several values: `;`, `|`, `,` or line breaks between them (names: not commas). */
function listCell(text: string, separators: RegExp = /[;|,\n]+/): string[] {
  return text === "" ? [] : text.split(separators).map((s) => s.trim()).filter((s) => s !== "");
}

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
