import { parseDateCell, simpleDate, type CivilDay } from "../dates";
import { cellText, isEmptyCell, type Row } from "../grid";
import type { Problem } from "../messages";
import { parseAmount, simpleAmount, type Centavos } from "../money";
import { lookupTerms, type TermsTable } from "../terms";
import type { FieldType, TableSpec } from "./columns";
import type { Rejection, RowContext, RowOutcome } from "./table";

/**
 * The one generic converter: a table kind reads its fields through RowFields, which parses
 * each cell by the field's type (from the kind's spec) and records every problem in one
 * rejection shape. Fields are parsed when the kind asks for them, so a column the kind does
 * not use (SAP's `Demora`, say) can never reject a row. One RowFields serves every row of a
 * table: conversion is synchronous, so nothing is allocated per row but the record itself.
 */
export class RowFields {
  row: Row = [];
  rowNumber = 0;
  ctx: RowContext = { mapping: {}, headers: [], dateSystem: 1900 };
  readonly problems: Rejection[] = [];
  /** Things worth saying about a row that is still used. */
  readonly warnings: Rejection[] = [];
  private readonly types: Record<string, FieldType>;

  constructor(readonly spec: TableSpec) {
    this.types = Object.fromEntries(spec.fields.map((f) => [f.key, f.type]));
  }

  reset(row: Row, rowNumber: number, ctx: RowContext): void {
    this.row = row;
    this.rowNumber = rowNumber;
    this.ctx = ctx;
    this.problems.length = 0;
    this.warnings.length = 0;
  }

  /** 0-based column of a field, or undefined when the table has no such column. */
  column(key: string): number | undefined {
    return this.ctx.mapping[key];
  }

  /** The column of a field whose cell holds something, or -1 (no such column, or an empty cell). */
  filled(key: string): number {
    const i = this.ctx.mapping[key];
    return i === undefined || isEmptyCell(this.row[i]) ? -1 : i;
  }

  has(key: string): boolean {
    const i = this.ctx.mapping[key];
    return i !== undefined && !isEmptyCell(this.row[i]);
  }

  raw(key: string): unknown {
    const i = this.ctx.mapping[key];
    return i === undefined ? undefined : this.row[i];
  }

  /** Records a problem with a field's cell (or with the row, at `key`'s column). */
  reject(key: string | number, problem: Problem): void {
    const index = typeof key === "number" ? key : (this.ctx.mapping[key] ?? 0);
    this.problems.push({ row: this.rowNumber, column: this.ctx.headers[index] ?? "", columnIndex: index, value: cellText(this.row[index]), problem });
  }

  /** Records a warning: the row is used, and the user hears about it. */
  warn(key: string | number, problem: Problem): void {
    const index = typeof key === "number" ? key : (this.ctx.mapping[key] ?? 0);
    this.warnings.push({ row: this.rowNumber, column: this.ctx.headers[index] ?? "", columnIndex: index, value: cellText(this.row[index]), problem });
  }

  text(key: string): string {
    const i = this.ctx.mapping[key];
    return i === undefined ? "" : cellText(this.row[i]);
  }

  /**
   * Keeps leading zeros in text and avoids `1000123.0` for codes stored as numbers. A code
   * longer than any SAP key (KUNNR 10, BELNR 10, XBLNR 16, ZUONR 18 characters) by far is not
   * a code: rejected, never carried into totals under a name nobody can read.
   */
  code(key: string): string {
    const i = this.ctx.mapping[key];
    if (i === undefined) return "";
    const v = this.row[i];
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
    const t = cellText(v);
    if (t.length > MAX_CODE_LENGTH) {
      this.reject(i, { code: "code.tooLong", params: { length: t.length, max: MAX_CODE_LENGTH } });
      return "";
    }
    return t;
  }

  /** Centavos; null when the column is absent or the cell empty (or unreadable: then rejected). */
  money(key: string): Centavos | null {
    const i = this.filled(key);
    if (i < 0) return null;
    const v = this.row[i];
    const decimal = this.ctx.formats?.[i]?.decimal ?? "undecided";
    if (typeof v === "string") {
      const fast = simpleAmount(v, decimal);
      if (fast === fast) return fast;
    }
    const parsed = parseAmount(v, { decimal });
    if (parsed.ok) return parsed.value;
    this.reject(i, parsed.problem);
    return null;
  }

  date(key: string): CivilDay | null {
    const i = this.filled(key);
    if (i < 0) return null;
    const v = this.row[i];
    const format = this.ctx.formats?.[i];
    const order = format?.order ?? "dayFirst";
    if (typeof v === "string") {
      // SAP writes an empty date as 00.00.0000.
      if (v.charCodeAt(v.length - 1) === 48 /* '0' */ && isZeroDate(v)) return null;
      if (format?.unreadable) {
        this.reject(i, format.unreadable);
        return null;
      }
      const fast = simpleDate(v, order);
      if (fast === fast) return fast;
    }
    const parsed = parseDateCell(v, this.ctx.dateSystem, order);
    if (parsed.ok) return parsed.day;
    this.reject(i, parsed.problem);
    return null;
  }

  /** A whole number (days, quantities); null when absent or empty. */
  integer(key: string): number | null {
    const n = this.number(key);
    if (n === null) return null;
    if (Number.isInteger(n)) return n;
    this.reject(key, { code: "number.unrecognized", params: { value: this.text(key) } });
    return null;
  }

  number(key: string): number | null {
    const i = this.filled(key);
    if (i < 0) return null;
    const v = this.row[i];
    if (typeof v === "number" && Number.isFinite(v)) return v;
    const t = cellText(v).replace(/,/g, "");
    const n = /^[-+]?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
    if (Number.isFinite(n)) return n;
    this.reject(i, { code: "number.unrecognized", params: { value: cellText(v) } });
    return null;
  }

  /**
   * Net days of payment terms (days, an SAP key, a text such as `2/10N30`, or a key of the
   * user's terms table); null when absent or empty. Terms nobody defined are a warning on the
   * row, never a silent 0 or 1 day: the caller falls back as SAP would without terms.
   */
  termDays(key: string, table?: TermsTable): number | null {
    const i = this.ctx.mapping[key];
    if (i === undefined || isEmptyCell(this.row[i])) return null;
    const found = lookupTerms(this.row[i], table);
    if (found.ok) return found.terms.netDays;
    this.warn(i, found.problem);
    return null;
  }

  currency(key: string): string | null {
    const i = this.ctx.mapping[key];
    if (i === undefined || isEmptyCell(this.row[i])) return null;
    const c = currencyCode(this.row[i]);
    if (c === null) this.reject(i, { code: "currency.invalid", params: { value: cellText(this.row[i]) } });
    return c;
  }

  emails(key: string): string[] {
    return this.text(key)
      .split(/[;,\s]+/)
      .filter((e) => e.includes("@"));
  }

  /**
   * A debit/credit indicator: +1 for debit (S, D, Debe, Debit), -1 for credit (H, C, Haber,
   * Credit), 0 when absent or empty, and rejected when it is anything else.
   */
  indicator(key: string): -1 | 0 | 1 {
    const i = this.ctx.mapping[key];
    if (i === undefined || isEmptyCell(this.row[i])) return 0;
    const t = cellText(this.row[i]).toUpperCase();
    const sign = DEBIT_CREDIT[t];
    if (sign !== undefined) return sign;
    this.reject(i, { code: "indicator.invalid", params: { value: cellText(this.row[i]) } });
    return 0;
  }

  /** Any field by its spec type, for kinds that keep every field as read. */
  value(key: string): FieldValue {
    return READERS[this.types[key] ?? "text"](this, key);
  }
}

export type FieldValue = string | number | string[] | null;

/** How each type of field is read. */
const READERS: Record<FieldType, (f: RowFields, key: string) => FieldValue> = {
  text: (f, k) => f.text(k),
  code: (f, k) => f.code(k),
  money: (f, k) => f.money(k),
  date: (f, k) => f.date(k),
  integer: (f, k) => f.integer(k),
  number: (f, k) => f.number(k),
  terms: (f, k) => f.termDays(k),
  currency: (f, k) => f.currency(k),
  emails: (f, k) => f.emails(k),
  indicator: (f, k) => f.indicator(k),
  rfc: (f, k) => f.text(k).toUpperCase().replace(/[\s-]/g, ""),
  clabe: (f, k) => f.text(k).replace(/[\s-]/g, ""),
};

export const MAX_CODE_LENGTH = 64;

const DEBIT_CREDIT: Record<string, -1 | 1> = { S: 1, D: 1, DEBE: 1, DEBIT: 1, CARGO: 1, H: -1, C: -1, HABER: -1, CREDIT: -1, ABONO: -1 };

function isZeroDate(v: string): boolean {
  return v.length >= 6 && /^\s*0{1,2}[./-]0{1,2}[./-]0{2,4}\s*$/.test(v);
}

/** A kind of table: its fields, and what one row of it becomes (null: not a data row, skipped and counted). */
export interface TableKind<T> {
  spec: TableSpec;
  build(fields: RowFields): T | null;
}

/** The row converter a TableReader runs for a kind. */
export function kindConverter<T>(kind: TableKind<T>): (row: Row, rowNumber: number, ctx: RowContext) => RowOutcome<T> | null {
  const fields = new RowFields(kind.spec);
  return (row, rowNumber, ctx) => {
    fields.reset(row, rowNumber, ctx);
    const record = kind.build(fields);
    if (fields.problems.length > 0) return { problems: fields.problems.slice() };
    if (record === null) return null;
    return fields.warnings.length ? { record, warnings: fields.warnings.slice() } : { record };
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
