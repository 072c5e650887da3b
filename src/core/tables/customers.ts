import type { AgingOptions } from "../aging/aging";
import type { TableSpec } from "./columns";
import { cellText, isEmptyCell, type Row } from "../grid";
import type { Problem } from "../messages";
import { parseAmount, type Centavos } from "../money";
import type { Rejection, RowContext, RowOutcome } from "./table";
import { parseTermDays } from "../terms";

/** A row of the customer master: who the customer is and the credit it was granted. */
export interface Customer {
  row: number;
  code: string;
  name: string;
  rfc: string;
  termDays: number | null;
  creditLimit: Centavos | null;
  emails: string[];
  plaza: string;
}

export const CUSTOMER_SPEC: TableSpec = {
  kind: "customers",
  fields: [
    { key: "code", label: { es: "Cliente", en: "Customer" }, synonyms: ["Cuenta", "Deudor", "Código", "Código cliente", "Cód. cliente", "No. cliente", "Account", "Customer Number", "Code", "KUNNR"] },
    { key: "name", label: { es: "Nombre", en: "Name" }, synonyms: ["Razón social", "Nombre del cliente", "Nombre 1", "Customer Name", "Name 1", "NAME1"] },
    { key: "rfc", label: { es: "RFC", en: "Tax ID" }, synonyms: ["R.F.C.", "RFC cliente", "Tax Number", "STCD1"] },
    { key: "termDays", label: { es: "Plazo", en: "Terms" }, synonyms: ["Días de crédito", "Dias credito", "Plazo de crédito", "Días plazo", "Condiciones de pago", "Cond. pago", "Payment Terms", "Terms of Payment", "Term Days", "ZTERM"] },
    { key: "creditLimit", label: { es: "Límite de crédito", en: "Credit Limit" }, synonyms: ["Limite credito", "Línea de crédito", "Crédito", "Credit Line", "Limit"] },
    { key: "emails", label: { es: "Correo", en: "Email" }, synonyms: ["Correos", "Correo electrónico", "E-mail", "Emails", "Mail", "Contacto correo"] },
    { key: "plaza", label: { es: "Plaza", en: "Branch" }, synonyms: ["Sucursal", "Ciudad", "City", "Region", "Región", "Zona"] },
  ],
  required: [["code"]],
};

export function customerRow(row: Row, rowNumber: number, ctx: RowContext): RowOutcome<Customer> | null {
  const m = ctx.mapping;
  const raw = row[m.code];
  if (isEmptyCell(raw)) return null;
  const problems: Rejection[] = [];
  const reject = (index: number, problem: Problem) =>
    problems.push({ row: rowNumber, column: ctx.headers[index] ?? "", columnIndex: index, value: cellText(row[index]), problem });
  const text = (i: number | undefined) => (i === undefined ? "" : cellText(row[i]));

  let termDays: number | null = null;
  if (m.termDays !== undefined && !isEmptyCell(row[m.termDays])) {
    termDays = parseTermDays(row[m.termDays]);
    if (termDays === null) reject(m.termDays, { code: "terms.unrecognized", params: { value: text(m.termDays) } });
  }
  let creditLimit: Centavos | null = null;
  if (m.creditLimit !== undefined && !isEmptyCell(row[m.creditLimit])) {
    const parsed = parseAmount(row[m.creditLimit]);
    if (parsed.ok) creditLimit = parsed.value;
    else reject(m.creditLimit, parsed.problem);
  }
  if (problems.length) return { problems };
  return {
    record: {
      row: rowNumber,
      code: cellText(raw),
      name: text(m.name),
      rfc: text(m.rfc).toUpperCase(),
      termDays,
      creditLimit,
      emails: text(m.emails).split(/[;,\s]+/).filter((e) => e.includes("@")),
      plaza: text(m.plaza),
    },
  };
}

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
