/**
 * What the CARTERA.* functions say to the user, in Spanish and English: messages shown with
 * #VALUE! and #N/A, and the words inside text results (bucket labels, release decisions,
 * table headers). Problems found by core parsers keep core's own wording (src/core/messages).
 */
import { fillTemplate, type Lang } from "../src/core/messages";

const es = {
  "arg.missing": "{arg}: falta el valor",
  "arg.problem": "{arg}: {detail}",
  "arg.number": "{arg}: \"{value}\" no es un número",
  "arg.integer": "{arg}: se esperaba un número entero de {min} a {max}",
  "arg.positive": "{arg}: debe ser mayor que cero",
  "arg.nonNegative": "{arg}: no puede ser negativo",
  "arg.boolean": "{arg}: se esperaba VERDADERO o FALSO",
  "arg.rate": "{arg}: \"{value}\" no es una tasa (escriba 6% o 0.06)",
  "arg.rateTooHigh": "{arg}: {value} equivale a {percent}% anual; para el {value} % escriba {value}% o {fraction}",
  "arg.basis": "{arg}: la base debe ser 360 o 365 días",
  "arg.edges": "{arg}: los límites deben ser días enteros mayores que cero y crecientes, p. ej. 30, 60, 90, 120",
  "range.size": "{arg} y {other} deben tener el mismo número de celdas ({n} y {m})",
  "range.cell": "{arg}, {pos}: {detail}",
  "pos.row": "fila {row}",
  "pos.column": "columna {col}",
  "pos.cell": "fila {row}, columna {col}",
  "kpi.salesExhausted": "las ventas de los {months} meses dados no alcanzan a cubrir la cartera: agregue meses anteriores",
  "kpi.noPayments": "no hay facturas pagadas (importe positivo con fecha de pago)",
  "kpi.negativeSales": "{arg}: las ventas de un mes no pueden ser negativas",
  "release.ok": "LIBERAR",
  "release.hold": "RETENER: {reasons}",
  "release.overdue": "{days} días de atraso (tolerancia {tolerance})",
  "release.overLimit": "excede el límite de crédito por {excess}",
  "label.current": "corriente",
  "header.customer": "Cliente",
  "header.total": "Total",
  "header.number": "No.",
  "header.date": "Fecha",
  "header.payment": "Pago",
  "header.interest": "Interés",
  "header.principal": "Capital",
  "header.balance": "Saldo",
} as const;

export type FnMessage = keyof typeof es;

const en: Record<FnMessage, string> = {
  "arg.missing": "{arg}: the value is missing",
  "arg.problem": "{arg}: {detail}",
  "arg.number": "{arg}: \"{value}\" is not a number",
  "arg.integer": "{arg}: a whole number from {min} to {max} was expected",
  "arg.positive": "{arg}: must be greater than zero",
  "arg.nonNegative": "{arg}: cannot be negative",
  "arg.boolean": "{arg}: TRUE or FALSE was expected",
  "arg.rate": "{arg}: \"{value}\" is not a rate (write 6% or 0.06)",
  "arg.rateTooHigh": "{arg}: {value} means {percent}% a year; for {value} % write {value}% or {fraction}",
  "arg.basis": "{arg}: the basis must be 360 or 365 days",
  "arg.edges": "{arg}: edges must be whole days greater than zero, increasing, e.g. 30, 60, 90, 120",
  "range.size": "{arg} and {other} must have the same number of cells ({n} and {m})",
  "range.cell": "{arg}, {pos}: {detail}",
  "pos.row": "row {row}",
  "pos.column": "column {col}",
  "pos.cell": "row {row}, column {col}",
  "kpi.salesExhausted": "the sales of the {months} months given do not cover the receivables: add earlier months",
  "kpi.noPayments": "there are no paid invoices (a positive amount with a payment date)",
  "kpi.negativeSales": "{arg}: a month's sales cannot be negative",
  "release.ok": "RELEASE",
  "release.hold": "HOLD: {reasons}",
  "release.overdue": "{days} days past due (tolerance {tolerance})",
  "release.overLimit": "over the credit limit by {excess}",
  "label.current": "current",
  "header.customer": "Customer",
  "header.total": "Total",
  "header.number": "No.",
  "header.date": "Date",
  "header.payment": "Payment",
  "header.interest": "Interest",
  "header.principal": "Principal",
  "header.balance": "Balance",
};

const tables: Record<Lang, Record<FnMessage, string>> = { es, en };

export function fnMessage(lang: Lang, code: FnMessage, params: Record<string, string | number> = {}): string {
  return fillTemplate(tables[lang][code], lang, params);
}

/** Bucket labels come from core in English (`current`, `1-30` …); only `current` has words. */
export function localizeBucketLabel(label: string, lang: Lang): string {
  return label === "current" ? fnMessage(lang, "label.current") : label;
}
