/**
 * The credit review of a portfolio at a key date: per customer, the balance and overdue of
 * the aging (credits aged by their own date, as `cartera aging` does), open orders and
 * deliveries not invoiced, the exposure as SAP FD32 counts it (open items + open orders +
 * deliveries not invoiced), available credit, utilisation, payment behaviour, the guarantee,
 * flags and a recommendation; every open order released or held; the schedule of the next
 * days; the guarantees to renew. Amounts in another currency than the customer's limit are
 * never added to it: that customer gets a clear error and no figures.
 */
import { age, dueDate, type AgingResult } from "../aging/aging";
import { behaviourWindow, BehaviourSums, NO_BEHAVIOUR, type Behaviour } from "./behaviour";
import type { HoldReason } from "./credit";
import { daysToExpiry, isExpired, isExpiring, type Guarantee } from "./guarantee";
import type { CreditPolicy } from "./policy";
import { recommend, type Recommendation } from "./recommend";
import { releaseOrders, schedule, type OrderDecision, type ScheduleDay } from "./release";
import type { CivilDay } from "../dates";
import type { Centavos } from "../money";
import { reduce, type Fraction } from "../rates";
import { customerKey, masterAgingOptions, type Customer, type CustomerMaster } from "../tables/customers";
import type { LedgerItem } from "../tables/ledger";
import type { OpenOrder, UnbilledDelivery } from "../tables/orders";
import type { PaidItem } from "../tables/paymentHistory";

export type CreditFlag = "over-limit" | "overdue-beyond-tolerance" | "guarantee-expired" | "guarantee-expiring" | "no-limit" | "credit-balance" | "currency-mismatch";

/** In the order the report lists them: the most urgent first. */
export const FLAGS: readonly CreditFlag[] = ["currency-mismatch", "over-limit", "overdue-beyond-tolerance", "guarantee-expired", "guarantee-expiring", "no-limit", "credit-balance"];

export interface CreditFigures {
  balance: Centavos;
  overdue: Centavos;
  /** Largest days past due among debit items (0 when none is late). */
  maxDaysPastDue: number;
  overdueBeyondTolerance: Centavos;
  openItems: number;
  openOrders: Centavos;
  orders: number;
  deliveries: Centavos;
  exposure: Centavos;
  /** Null without a limit on file. */
  available: Centavos | null;
  /** Exposure ÷ limit; null without a positive limit. */
  utilization: Fraction | null;
  /** Guarantee ÷ exposure; null without a guarantee amount or without exposure to cover. */
  coverage: Fraction | null;
  released: Centavos;
  held: Centavos;
  heldOrders: number;
  /** Limit − (open items + deliveries + released orders): what is left once the release is done. */
  availableAfterRelease: Centavos | null;
}

export interface CustomerCredit {
  key: string;
  /** The master's code when the customer is in it, else the ledger's (or the orders'). */
  customer: string;
  name: string;
  inMaster: boolean;
  master: Customer | null;
  /** The limit's currency: the master's, else the review's default currency. */
  currency: string;
  limit: Centavos | null;
  termDays: number | null;
  guarantee: Guarantee | null;
  daysToExpiry: number | null;
  /** Currencies other than the limit's in which it has items, orders or deliveries. */
  otherCurrencies: string[];
  /** Null when `otherCurrencies` is not empty: those amounts cannot be added to the limit's. */
  figures: CreditFigures | null;
  behaviour: Behaviour;
  flags: CreditFlag[];
  recommendation: Recommendation | null;
}

export interface CreditInput {
  asOf: CivilDay;
  /** Ledger items (those not open at the key date are left out by the aging). */
  items: readonly LedgerItem[];
  master: CustomerMaster;
  orders: readonly OpenOrder[];
  deliveries: readonly UnbilledDelivery[];
  /** Paid items for the behaviour; the ledger's own cleared items when no history was given. */
  history: readonly PaidItem[];
  policy: CreditPolicy;
  /** Currency of a limit the master gives none for, and of tables without a currency column. */
  currency: string;
  /** Days of the schedule view, the key date first. */
  scheduleDays: number;
}

export interface CreditResult {
  asOf: CivilDay;
  policy: CreditPolicy;
  currency: string;
  scheduleDays: number;
  aging: AgingResult;
  /** Sorted by customer code. */
  customers: CustomerCredit[];
  /** Every order, per customer (in customer order) in the order it was evaluated. */
  orders: OrderDecision[];
  schedule: ScheduleDay[];
  /** Guarantees expired or expiring within the policy's days, soonest (most expired) first. */
  renewals: CustomerCredit[];
  /** Paid items that weighed in the behaviour, and those outside the window or in another currency. */
  historyUsed: number;
  historyIgnored: number;
}

interface Acc {
  key: string;
  codes: string[];
  name: string;
  /** Per currency: balance, overdue, maxDays, items, overdue beyond tolerance, orders, deliveries. */
  byCurrency: Map<string, { balance: number; overdue: number; maxDays: number; items: number; beyond: number; orders: number; deliveries: number }>;
  orders: OpenOrder[];
  sums: BehaviourSums | null;
}

function bucket(acc: Acc, currency: string) {
  let b = acc.byCurrency.get(currency);
  if (!b) acc.byCurrency.set(currency, (b = { balance: 0, overdue: 0, maxDays: 0, items: 0, beyond: 0, orders: 0, deliveries: 0 }));
  return b;
}

/** Ledger items that were cleared by the key date: the payment history an "all items" export carries. */
export function paidItemsFromLedger(items: Iterable<LedgerItem>, asOf: CivilDay, master: CustomerMaster | undefined): PaidItem[] {
  const out: PaidItem[] = [];
  for (const it of items) {
    if (it.clearingDate === null || it.clearingDate > asOf || it.amount <= 0) continue;
    const due = dueDate(it, master?.get(it.customer)?.termDays ?? undefined);
    if (due === null) continue;
    out.push({ row: it.row, customer: it.customer, document: it.documentNumber, due, paid: it.clearingDate, amount: it.amount, currency: it.currency });
  }
  return out;
}

export function reviewCredit(input: CreditInput): CreditResult {
  const { asOf, master, policy: p } = input;
  const tolerance = p["release.toleranceDays"];
  const aging = age(input.items, { asOf, basis: "due", ...masterAgingOptions(master) });

  const accs = new Map<string, Acc>();
  const acc = (code: string, name: string): Acc => {
    const key = customerKey(code);
    let a = accs.get(key);
    if (!a) accs.set(key, (a = { key, codes: [code], name, byCurrency: new Map(), orders: [], sums: null }));
    else if (a.name === "" && name !== "") a.name = name;
    return a;
  };
  for (const c of master.customers) acc(c.code, c.name);
  for (const row of aging.customers) {
    const b = bucket(acc(row.customer, row.name), row.currency);
    b.balance += row.total;
    b.overdue += row.overdue;
    b.items += row.items;
    if (row.maxDaysPastDue > b.maxDays) b.maxDays = row.maxDaysPastDue;
  }
  // Debit items past the tolerance: what must be collected before the overdue hold lifts.
  // One map lookup per item (by the ledger's own spelling of the code), a million times.
  const byRaw = new Map<string, { currency: string; b: ReturnType<typeof bucket>; a: Acc }>();
  const { itemBucket, itemDays } = aging;
  const list = input.items;
  for (let i = 0; i < list.length; i++) {
    if (itemBucket[i] < 0 || itemDays[i] <= tolerance) continue;
    const it = list[i];
    if (it.amount <= 0) continue;
    let hit = byRaw.get(it.customer);
    if (hit === undefined) {
      const a = accs.get(customerKey(it.customer))!;
      byRaw.set(it.customer, (hit = { currency: it.currency, b: bucket(a, it.currency), a }));
    }
    if (hit.currency === it.currency) hit.b.beyond += it.amount;
    else bucket(hit.a, it.currency).beyond += it.amount;
  }
  for (const o of input.orders) {
    const a = acc(o.customer, o.customerName);
    a.orders.push(o);
    bucket(a, o.currency ?? input.currency).orders += o.amount;
  }
  for (const d of input.deliveries) bucket(acc(d.customer, ""), d.currency ?? input.currency).deliveries += d.amount;

  const window = behaviourWindow(asOf, p["history.months"], p["history.trendMonths"]);
  let historyUsed = 0;
  let historyIgnored = 0;
  const limitCurrency = (a: Acc) => master.get(a.codes[0])?.currency ?? input.currency;
  for (const h of input.history) {
    const a = accs.get(customerKey(h.customer));
    // Days weighed by pesos and dollars together would be a wrong number that looks right.
    if (!a || (h.currency ?? input.currency) !== limitCurrency(a)) {
      historyIgnored++;
      continue;
    }
    a.sums ??= new BehaviourSums();
    if (a.sums.add(window, h.amount, h.due, h.paid)) historyUsed++;
    else historyIgnored++;
  }

  const customers: CustomerCredit[] = [];
  const orders: OrderDecision[] = [];
  const sorted = [...accs.values()].map((a) => ({ a, m: master.get(a.codes[0]) ?? null })).map(({ a, m }) => ({ a, m, code: m?.code ?? a.codes[0] }));
  sorted.sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  for (const { a, m, code } of sorted) {
    const currency = m?.currency ?? input.currency;
    const limit = m?.creditLimit ?? null;
    const guarantee = m?.guarantee ?? null;
    const expired = isExpired(guarantee, asOf);
    const behaviour = a.sums?.result() ?? NO_BEHAVIOUR;
    const other = [...a.byCurrency.entries()].filter(([cur, b]) => cur !== currency && (b.items > 0 || b.orders > 0 || b.deliveries > 0 || b.balance !== 0)).map(([cur]) => cur).sort();
    const flags = new Set<CreditFlag>();
    if (limit === null) flags.add("no-limit");
    if (expired) flags.add("guarantee-expired");
    else if (isExpiring(guarantee, asOf, p["guarantee.expiringDays"])) flags.add("guarantee-expiring");

    const record: CustomerCredit = {
      key: a.key,
      customer: code,
      name: m?.name || a.name,
      inMaster: m !== null,
      master: m,
      currency,
      limit,
      termDays: m?.termDays ?? null,
      guarantee,
      daysToExpiry: daysToExpiry(guarantee, asOf),
      otherCurrencies: other,
      figures: null,
      behaviour,
      flags: [],
      recommendation: null,
    };
    if (other.length > 0) {
      flags.add("currency-mismatch");
      const reason: HoldReason = { kind: "currency", limitCurrency: currency, currencies: [...new Set([...a.byCurrency.keys(), currency])].sort() };
      const r = releaseOrders({ customer: code, currency, limit, baseExposure: 0, maxDaysPastDue: 0, overdueBeyondTolerance: 0, guaranteeExpired: null, currencyError: reason }, a.orders, p);
      orders.push(...r.decisions);
    } else {
      const b = a.byCurrency.get(currency) ?? { balance: 0, overdue: 0, maxDays: 0, items: 0, beyond: 0, orders: 0, deliveries: 0 };
      const base = b.balance + b.deliveries;
      const r = releaseOrders(
        { customer: code, currency, limit, baseExposure: base, maxDaysPastDue: b.maxDays, overdueBeyondTolerance: b.beyond, guaranteeExpired: expired ? guarantee!.expires : null, currencyError: null },
        a.orders,
        p,
      );
      orders.push(...r.decisions);
      const exposure = base + b.orders;
      const utilization = limit !== null && limit > 0 ? reduce({ num: BigInt(exposure), den: BigInt(limit) }) : null;
      const coverage = guarantee?.amount != null && exposure > 0 ? reduce({ num: BigInt(guarantee.amount), den: BigInt(exposure) }) : null;
      record.figures = {
        balance: b.balance,
        overdue: b.overdue,
        maxDaysPastDue: b.maxDays,
        overdueBeyondTolerance: b.beyond,
        openItems: b.items,
        openOrders: b.orders,
        orders: a.orders.length,
        deliveries: b.deliveries,
        exposure,
        available: limit === null ? null : limit - exposure,
        utilization,
        coverage,
        released: r.released,
        held: r.held,
        heldOrders: r.decisions.filter((d) => d.decision === "hold").length,
        availableAfterRelease: limit === null ? null : limit - base - r.released,
      };
      if (limit !== null && exposure > limit) flags.add("over-limit");
      if (b.maxDays > tolerance) flags.add("overdue-beyond-tolerance");
      if (b.balance < 0) flags.add("credit-balance");
      record.recommendation = recommend({ asOf, limit, termDays: record.termDays, currency, exposure, maxDaysPastDue: b.maxDays, utilization, guarantee, behaviour }, p);
    }
    record.flags = FLAGS.filter((f) => flags.has(f));
    customers.push(record);
  }
  const renewals = customers
    .filter((c) => c.flags.includes("guarantee-expired") || c.flags.includes("guarantee-expiring"))
    .sort((x, y) => x.daysToExpiry! - y.daysToExpiry! || (x.customer < y.customer ? -1 : x.customer > y.customer ? 1 : 0));
  return { asOf, policy: p, currency: input.currency, scheduleDays: input.scheduleDays, aging, customers, orders, schedule: schedule(orders, asOf, input.scheduleDays), renewals, historyUsed, historyIgnored };
}
