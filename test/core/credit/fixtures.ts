import { parseIsoDate, type CivilDay } from "../../../src/core/dates";
import { DEFAULT_POLICY, type CreditPolicy } from "../../../src/core/credit/policy";
import { reviewCredit, type CreditInput } from "../../../src/core/credit/review";
import { CustomerMaster, type Customer } from "../../../src/core/tables/customers";
import type { LedgerItem } from "../../../src/core/tables/ledger";
import type { OpenOrder, UnbilledDelivery } from "../../../src/core/tables/orders";
import type { PaidItem } from "../../../src/core/tables/paymentHistory";

/** Civil day of `YYYY-MM-DD`. */
export const d = (iso: string): CivilDay => parseIsoDate(iso)!;
export const AS_OF = d("2026-10-31");

let row = 1;

/** An open invoice (or credit, when negative) as the ledger kind gives it: amount in pesos, due date ISO. */
export function item(customer: string, pesos: number, due: string, currency = "MXN", extra: Partial<LedgerItem> = {}): LedgerItem {
  const dueDay = d(due);
  return {
    row: ++row,
    customer,
    customerName: "",
    documentNumber: String(1800000000 + row),
    documentType: pesos < 0 ? "DG" : "RV",
    reference: "",
    assignment: "",
    text: "",
    documentDate: dueDay - 30,
    postingDate: dueDay - 30,
    baselineDate: dueDay - 30,
    netDueDate: dueDay,
    clearingDate: null,
    termDays: 30,
    terms: "Z030",
    amount: Math.round(pesos * 100),
    currency,
    ...extra,
  };
}

export function customer(code: string, limitPesos: number | null, extra: Partial<Customer> = {}): Customer {
  return { row: ++row, code, name: `Cliente ${code}`, rfc: "", termDays: 30, creditLimit: limitPesos === null ? null : Math.round(limitPesos * 100), currency: null, emails: [], plaza: "", riskClass: "", guarantee: null, analyst: "", contact: "", phone: "", ...extra };
}

export function order(customer: string, no: string, pesos: number, date: string, ship: string | null = null, currency: string | null = null): OpenOrder {
  return { row: ++row, order: no, customer, customerName: "", orderDate: d(date), shipDate: ship === null ? null : d(ship), amount: Math.round(pesos * 100), currency, plant: "", text: "" };
}

export function delivery(customer: string, pesos: number, currency: string | null = null): UnbilledDelivery {
  return { row: ++row, delivery: `R${row}`, customer, date: AS_OF - 2, amount: Math.round(pesos * 100), currency };
}

export function paid(customer: string, pesos: number, due: string, paidOn: string, currency: string | null = "MXN"): PaidItem {
  return { row: ++row, customer, document: String(row), due: d(due), paid: d(paidOn), amount: Math.round(pesos * 100), currency };
}

export function review(input: Partial<Omit<CreditInput, "master" | "policy">> & { customers?: Customer[]; policy?: Partial<CreditPolicy> }) {
  return reviewCredit({
    asOf: input.asOf ?? AS_OF,
    items: input.items ?? [],
    master: new CustomerMaster(input.customers ?? []),
    orders: input.orders ?? [],
    deliveries: input.deliveries ?? [],
    history: input.history ?? [],
    policy: { ...DEFAULT_POLICY, ...input.policy },
    currency: input.currency ?? "MXN",
    scheduleDays: input.scheduleDays ?? 7,
  });
}
