import type { TableSpec } from "./columns";
import type { CivilDay } from "../dates";
import type { Centavos } from "../money";
import type { RowFields, TableKind } from "./fields";

/**
 * A bank statement: BBVA México's web CSV (`FECHA`, `DESCRIPCIÓN`, `CARGO`, `ABONO`, `SALDO`)
 * and any other bank's statement recognised by synonyms: separate deposit and charge columns,
 * one signed amount, or an unsigned amount beside a charge/credit indicator.
 */
export type BankLineKind = "deposit" | "charge" | "zero";

export interface BankLine {
  /** 1-based source row. */
  row: number;
  kind: BankLineKind;
  date: CivilDay | null;
  description: string;
  /** A second text column (some banks split the concept from the description). */
  detail: string;
  reference: string;
  payer: string;
  payerAccount: string;
  payerRfc: string;
  /** Centavos credited (> 0 on a deposit line, else 0). */
  deposit: Centavos;
  /** Centavos debited (> 0 on a charge line, else 0), whatever sign the bank wrote. */
  charge: Centavos;
  /** A negative amount in the deposit column: the bank took back a credit. */
  reversal: boolean;
  balance: Centavos | null;
  currency: string | null;
}

export const BANK_STATEMENT_SPEC: TableSpec = {
  kind: "bank",
  fields: [
    { key: "date", type: "date", label: { es: "Fecha", en: "Date" }, synonyms: ["Fecha de operación", "Fecha operación", "Fecha de movimiento", "Fecha movimiento", "Fecha valor", "Fecha de aplicación", "Fecha aplicación", "Fecha contable", "Día", "Transaction Date", "Posting Date", "Value Date", "Booking Date", "Operation Date"] },
    { key: "description", type: "text", label: { es: "Descripción", en: "Description" }, synonyms: ["Concepto", "Concepto / Referencia", "Concepto/Referencia", "Movimiento", "Descripción del movimiento", "Detalle", "Leyenda", "Details", "Narrative", "Transaction Details", "Memo", "Particulars"] },
    { key: "detail", type: "text", label: { es: "Referencia ampliada", en: "Additional details" }, synonyms: ["Concepto de pago", "Información adicional", "Descripción detallada", "Referencia leyenda", "Additional information", "Extended reference", "Payment details"] },
    { key: "reference", type: "text", label: { es: "Referencia", en: "Reference" }, synonyms: ["Referencia numérica", "Ref.", "Referencia bancaria", "Clave de rastreo", "Rastreo", "Número de referencia", "No. referencia", "Ref", "Reference Number", "Tracking Key", "Bank Reference"] },
    { key: "deposit", type: "money", label: { es: "Abono", en: "Deposit" }, synonyms: ["Abonos", "Depósito", "Depósitos", "Ingreso", "Ingresos", "Crédito", "Créditos", "Entradas", "Credit", "Credits", "Deposits", "Money In", "Paid In", "Credit Amount"] },
    { key: "charge", type: "money", label: { es: "Cargo", en: "Charge" }, synonyms: ["Cargos", "Retiro", "Retiros", "Egreso", "Egresos", "Débito", "Débitos", "Salidas", "Debit", "Debits", "Withdrawal", "Withdrawals", "Money Out", "Paid Out", "Debit Amount"] },
    { key: "amount", type: "money", label: { es: "Importe", en: "Amount" }, synonyms: ["Monto", "Importe neto", "Importe del movimiento", "Signed Amount", "Transaction Amount", "Net Amount"] },
    { key: "direction", type: "indicator", label: { es: "Cargo/Abono", en: "Debit/Credit" }, synonyms: ["Tipo de movimiento", "Tipo movimiento", "C/A", "D/C", "Debit/Credit", "Dr/Cr", "Sentido"] },
    { key: "balance", type: "money", label: { es: "Saldo", en: "Balance" }, synonyms: ["Saldo final", "Saldo disponible", "Saldo después del movimiento", "Running Balance", "Ledger Balance"] },
    { key: "payer", type: "text", label: { es: "Ordenante", en: "Payer" }, synonyms: ["Nombre del ordenante", "Nombre ordenante", "Remitente", "Depositante", "Emisor", "Payer Name", "Originator", "Counterparty", "Remitter"] },
    { key: "payerAccount", type: "text", label: { es: "Cuenta ordenante", en: "Payer account" }, synonyms: ["Cuenta del ordenante", "CLABE ordenante", "Cuenta origen", "Cuenta de origen", "Originator Account", "Counterparty Account", "Payer Account"] },
    { key: "payerRfc", type: "rfc", label: { es: "RFC ordenante", en: "Payer tax ID" }, synonyms: ["RFC del ordenante", "RFC", "RFC emisor", "Payer RFC"] },
    { key: "currency", type: "currency", label: { es: "Moneda", en: "Currency" }, synonyms: ["Divisa", "Currency", "Curr."] },
  ],
  required: [["date"], ["description", "reference", "detail"], ["deposit", "charge", "amount"]],
};

/**
 * The statement as a table kind. Every line after the header is kept (deposits, charges and
 * lines with no amount such as `SALDO ANTERIOR`), so each keeps its place among the data rows.
 * A line with both a deposit and a charge, or an amount without a date, is rejected: deciding
 * which it meant would be a guess.
 */
export const BANK_STATEMENT_KIND: TableKind<BankLine> = {
  spec: BANK_STATEMENT_SPEC,
  build(f: RowFields): BankLine {
    const date = f.date("date");
    const dep = f.money("deposit");
    const chg = f.money("charge");
    const amt = f.money("amount");
    let deposit = 0;
    let charge = 0;
    let reversal = false;
    if ((dep ?? 0) !== 0 && (chg ?? 0) !== 0) {
      f.reject("charge", { code: "bank.bothSides" });
    } else if ((dep ?? 0) !== 0) {
      if (dep! > 0) deposit = dep!;
      else {
        charge = -dep!;
        reversal = true;
      }
    } else if ((chg ?? 0) !== 0) {
      // BBVA writes charges negative, other banks positive: a charge column holds charges.
      charge = Math.abs(chg!);
    } else if ((amt ?? 0) !== 0) {
      const dir = f.indicator("direction");
      const abs = Math.abs(amt!);
      // With an indicator the amount is usually unsigned; the indicator decides.
      if (dir > 0) charge = abs;
      else if (dir < 0) deposit = abs;
      else if (amt! > 0) deposit = amt!;
      else charge = abs;
    }
    if ((deposit !== 0 || charge !== 0) && date === null && f.problems.length === 0) f.reject("date", { code: "row.missing" });
    return {
      row: f.rowNumber,
      kind: deposit > 0 ? "deposit" : charge > 0 ? "charge" : "zero",
      date,
      description: f.text("description"),
      detail: f.text("detail"),
      reference: f.text("reference"),
      payer: f.text("payer"),
      payerAccount: f.text("payerAccount").replace(/[\s-]/g, ""),
      payerRfc: f.text("payerRfc").toUpperCase().replace(/[\s-]/g, ""),
      deposit,
      charge,
      reversal,
      balance: f.money("balance"),
      currency: f.currency("currency"),
    };
  },
};
