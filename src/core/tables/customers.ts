import type { AgingOptions } from "../aging/aging";
import type { TableSpec } from "./columns";
import type { Centavos } from "../money";
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
    { key: "bankReference", type: "text", label: { es: "Referencia bancaria", en: "Bank reference" }, synonyms: ["Referencia de pago", "Ref. bancaria", "Referencia numérica", "Referencia de depósito", "Referencia CIE", "Convenio CIE", "Referencias bancarias", "Payment Reference", "Bank Ref", "Deposit Reference"], weak: ["Referencia", "Reference"] },
    { key: "accounts", type: "text", label: { es: "Cuentas bancarias", en: "Bank accounts" }, synonyms: ["Cuenta bancaria", "CLABE", "Cuenta CLABE", "CLABE interbancaria", "CLABEs", "Cuentas de pago", "No. de cuenta bancaria", "Bank Account", "Bank Accounts", "Payer Accounts"] },
    { key: "altNames", type: "text", label: { es: "Nombres alternos", en: "Alternate names" }, synonyms: ["Otros nombres", "Alias", "Nombre comercial", "Nombres alternativos", "Ordenantes", "Also Known As", "AKA", "Trade Name", "Payer Names"] },
  ],
  required: [["code"]],
};

/** The customer master as a table kind: a row without a code is not a customer (skipped). */
export const CUSTOMER_KIND: TableKind<Customer> = {
  spec: CUSTOMER_SPEC,
  build(f: RowFields): Customer | null {
    if (!f.has("code")) return null;
    let termDays: number | null = null;
    if (f.has("termDays")) {
      termDays = f.termDays("termDays");
      if (termDays === null) f.reject("termDays", { code: "terms.unrecognized", params: { value: f.text("termDays") } });
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
      bankReferences: listCell(f.text("bankReference")),
      // Spaces inside an account are the groups of a CLABE (`012 180 00118359719 1`), not separators.
      accounts: listCell(f.text("accounts")).map((a) => a.replace(/[\s-]/g, "")),
      altNames: listCell(f.text("altNames"), /[;|\n]+/),
    };
  },
};

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
