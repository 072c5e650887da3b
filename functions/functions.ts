/*
 * The CARTERA.* Excel custom functions. Each JSDoc block below is the function's metadata:
 * custom-functions-metadata-plugin turns it into functions.json at build time, and
 * functions/translations.es.json gives the Spanish names (functions.es.json). The JSDoc
 * description is what Excel shows in autocomplete, so it stays one short sentence; design
 * notes live in ordinary comments.
 *
 * Every function is synchronous: the arithmetic is local and fast, so there is nothing to wait
 * for, nothing to batch, and no call can be left showing #BUSY!. Dates come and go as Excel
 * serials in the 1900 date system; money goes through integer centavos and comes back as
 * currency units (centavos ÷ 100, exact to the centavo).
 */
import { bucketIndex, bucketLabels } from "../src/core/aging/aging";
import { ageColumns } from "../src/core/aging/agingTotals";
import { checkClabe, isValidClabe } from "../src/core/identifiers/clabe";
import { availableCredit, DEFAULT_TOLERANCE_DAYS, holdReasonProblem, releaseDecision } from "../src/core/credit/credit";
import { serialFromDay } from "../src/core/dates";
import { chequeIndemnity as indemnity, lateInterest as interest, type DayBasis } from "../src/core/collections/interest";
import {
  averageDaysDelinquent as delinquentDays,
  averageDaysToPay,
  bestPossibleDso,
  collectionEffectivenessIndex,
  dso as simpleDso,
  dsoCountBack as countBack,
  type Kpi,
  type Payment,
} from "../src/core/kpi/kpi";
import { centavosFromNumber, toUnits, type Centavos } from "../src/core/money";
import { MAX_INSTALMENTS, paymentPlan as plan } from "../src/core/collections/paymentPlan";
import { isValidRfc } from "../src/core/identifiers/rfc";
import { addBusinessDays } from "../src/core/workdays";
import { cellText } from "../src/core/grid";
import { describe } from "../src/core/messages";
import { isEmpty, Range, run, type Call } from "./call";
import { localizeBucketLabel, type FnMessage } from "./messages";

// ---- aging ------------------------------------------------------------------------------

/**
 * Days past due at the key date (negative when not yet due).
 * @customfunction DAYSPASTDUE
 * @param due Due date: an Excel date or text such as 31/10/2026, 31.10.2026 or 2026-10-31.
 * @param [asOf] Key date; today when omitted.
 * @returns Days past due.
 */
export function daysPastDue(due: unknown, asOf?: unknown): number {
  return run("DAYSPASTDUE", (c) => {
    const d = c.day(due, "due");
    return c.asOf(asOf) - d;
  });
}

/**
 * Aging bucket of an item, e.g. current, 1-30, 31-60.
 * @customfunction BUCKET
 * @param due Due date.
 * @param [asOf] Key date; today when omitted.
 * @param [edges] Bucket edges in days, e.g. {30,60,90,120} (the default) or "15,30,60,90".
 * @returns The bucket label.
 */
export function bucket(due: unknown, asOf?: unknown, edges?: unknown[][]): string {
  return run("BUCKET", (c) => {
    const d = c.day(due, "due");
    const e = c.edges(edges);
    const label = bucketLabels(e)[bucketIndex(c.asOf(asOf) - d, e)];
    return localizeBucketLabel(label, c.lang);
  });
}

interface AgingItems {
  length: number;
  amounts: Float64Array;
  due: Int32Array;
  /** Index into `rows` of each item, for grouping. */
  source: Int32Array;
}

/**
 * Reads parallel amount/due ranges into typed arrays. Rows with no amount are skipped (blank
 * rows of a whole-column reference); an amount without a due date is an error, because
 * silently dropping money from an aging is worse than asking.
 */
function readAgingItems(c: Call, amounts: unknown, dues: unknown, asOfDay: number, cleared?: unknown): AgingItems {
  const am = Range.of(amounts);
  const du = Range.of(dues);
  c.sameSize("dues", du, "amounts", am);
  const cl = cleared === undefined || cleared === null ? null : Range.of(cleared);
  if (cl && !cl.isOmitted()) c.sameSize("clearedDates", cl, "amounts", am);
  const useCleared = cl !== null && !cl.isOmitted();
  const n = am.size;
  const out: AgingItems = { length: 0, amounts: new Float64Array(n), due: new Int32Array(n), source: new Int32Array(n) };
  let k = 0;
  for (let i = 0; i < n; i++) {
    const a = am.at(i);
    if (a === null || a === undefined || a === "" || (typeof a === "string" && a.trim() === "")) continue;
    if (useCleared) {
      const cd = c.cellDay(cl!, i, "clearedDates", true);
      // Open at the key date: not cleared, or cleared after it (SAP FBL5N).
      if (cd !== null && cd <= asOfDay) continue;
    }
    const cents = (typeof a === "number" ? centavosFromNumber(a) : null) ?? c.cellAmount(am, i, "amounts");
    if (cents === 0) continue;
    out.amounts[k] = cents;
    out.due[k] = c.cellDay(du, i, "dues");
    out.source[k] = i;
    k++;
  }
  out.length = k;
  return out;
}

/**
 * Aging of a list of items: two rows, the bucket labels and the total of each bucket.
 * @customfunction AGING
 * @param amounts Item amounts (numbers, or text such as SAP's 1,234.56-).
 * @param dues Due dates, one per amount.
 * @param [asOf] Key date; today when omitted.
 * @param [edges] Bucket edges in days; 30, 60, 90, 120 by default.
 * @param [clearedDates] Clearing dates: an item cleared on or before the key date does not count.
 * @returns Labels and totals per bucket.
 */
export function aging(amounts: unknown[][], dues: unknown[][], asOf?: unknown, edges?: unknown[][], clearedDates?: unknown[][]): unknown[][] {
  return run("AGING", (c) => {
    const e = c.edges(edges);
    const key = c.asOf(asOf);
    const items = readAgingItems(c, amounts, dues, key, clearedDates);
    const result = ageColumns(items, key, e);
    return [result.labels.map((l) => localizeBucketLabel(l, c.lang)), result.totals.map(toUnits)];
  });
}

/**
 * Aging by customer: one row per customer, a column per bucket and the total.
 * @customfunction AGINGBY
 * @param customers Customer of each item.
 * @param amounts Item amounts.
 * @param dues Due dates, one per amount.
 * @param [asOf] Key date; today when omitted.
 * @param [edges] Bucket edges in days; 30, 60, 90, 120 by default.
 * @returns A table with a header row, sorted by customer.
 */
export function agingBy(customers: unknown[][], amounts: unknown[][], dues: unknown[][], asOf?: unknown, edges?: unknown[][]): unknown[][] {
  return run("AGINGBY", (c) => {
    const e = c.edges(edges);
    const key = c.asOf(asOf);
    const cu = Range.of(customers);
    c.sameSize("customers", cu, "amounts", Range.of(amounts));
    const items = readAgingItems(c, amounts, dues, key);
    // Customers are grouped by their text, so 1000123 and "1000123" are one customer, and
    // shown as first written (a code typed as text keeps its leading zeros).
    const index = new Map<string, number>();
    const shown: unknown[] = [];
    const keys: string[] = [];
    const group = new Int32Array(items.length);
    for (let k = 0; k < items.length; k++) {
      const i = items.source[k];
      const v = cu.at(i);
      if (isEmpty(v)) throw c.missingCell("customers", cu, i);
      const t = cellText(v);
      let g = index.get(t);
      if (g === undefined) {
        g = keys.length;
        index.set(t, g);
        keys.push(t);
        shown.push(v);
      }
      group[k] = g;
    }
    const result = ageColumns({ ...items, group, groupCount: keys.length }, key, e);
    const order = keys.map((_, g) => g).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
    const header: unknown[] = [c.text("header.customer"), ...result.labels.map((l) => localizeBucketLabel(l, c.lang)), c.text("header.total")];
    const rows: unknown[][] = [header];
    for (const g of order) {
      const buckets = result.byGroup[g];
      let total = 0;
      for (const b of buckets) total += b;
      rows.push([shown[g], ...buckets.map(toUnits), toUnits(total)]);
    }
    return rows;
  });
}

/**
 * Due date: a date plus payment terms, in calendar or business days.
 * @customfunction DUEDATE
 * @param date Invoice or baseline date.
 * @param termDays Terms: days, or a key or text such as Z030, NT30, "30 días", "2/10 neto 30" (net days count).
 * @param [holidays] Holidays that are not business days.
 * @param [businessDays] TRUE to count business days (no Saturdays, Sundays or holidays).
 * @returns The due date (an Excel date).
 */
export function dueDate(date: unknown, termDays: unknown, holidays?: unknown[][], businessDays?: unknown): number {
  return run("DUEDATE", (c) => {
    const start = c.day(date, "date");
    const days = c.termDays(termDays, "termDays");
    const business = c.flag(businessDays, "businessDays");
    const off = c.daySet(holidays, "holidays");
    return serialFromDay(business ? addBusinessDays(start, days, off) : start + days);
  });
}

// ---- KPIs -------------------------------------------------------------------------------

/** A KPI's failure as Excel shows it: bad input is #VALUE!, no arithmetic answer #NUM!, missing data #N/A. */
function kpiValue(c: Call, k: Kpi, args: { days?: string; sales?: string; months?: number }): number {
  if (k.ok) return k.value;
  switch (k.failure) {
    case "period":
      throw c.invalid("arg.positive", args.days ?? "days");
    case "months":
      throw c.invalid("arg.integer", "months", { min: 1, max: 120 });
    case "negativeSales":
      throw c.invalid("kpi.negativeSales", args.sales ?? "monthlySales");
    case "salesExhausted":
      throw c.notAvailable("kpi.salesExhausted", { months: args.months ?? 0 });
    case "noPayments":
      throw c.notAvailable("kpi.noPayments");
    case "noSales":
    case "negativeAr":
    case "zeroDenominator":
      throw c.noAnswer();
  }
}

/**
 * Days sales outstanding: receivables ÷ credit sales × days.
 * @customfunction DSO
 * @param ar Receivables at the end of the period.
 * @param creditSales Credit sales of the period.
 * @param days Days in the period, e.g. 30, 90 or 365.
 * @returns Days.
 */
export function dso(ar: unknown, creditSales: unknown, days: unknown): number {
  return run("DSO", (c) => kpiValue(c, simpleDso(c.amount(ar, "ar"), c.amount(creditSales, "creditSales"), c.positiveNumber(days, "days")), {}));
}

/**
 * Days sales outstanding by the count-back method, from each month's sales.
 * @customfunction DSOCOUNTBACK
 * @param ar Receivables at the end of the latest month.
 * @param monthlySales Credit sales of each month, oldest to latest.
 * @param [monthDays] Days of each month (or one number for all); 30 by default.
 * @returns Days.
 */
export function dsoCountBack(ar: unknown, monthlySales: unknown[][], monthDays?: unknown[][]): number {
  return run("DSOCOUNTBACK", (c) => {
    const total = c.amount(ar, "ar");
    const sales = Range.of(monthlySales);
    const days = Range.of(monthDays);
    const oneValue = days.size === 1 && !days.isOmitted();
    if (!days.isOmitted() && !oneValue) c.sameSize("monthDays", days, "monthlySales", sales);
    const s: Centavos[] = [];
    const d: number[] = [];
    for (let i = 0; i < sales.size; i++) {
      if (isEmpty(sales.at(i))) continue;
      s.push(c.cellAmount(sales, i, "monthlySales"));
      const md = days.isOmitted() ? 30 : oneValue ? days.at(0) : days.at(i);
      d.push(isEmpty(md) ? 30 : c.positiveNumber(md, "monthDays"));
    }
    if (s.length === 0) throw c.invalid("arg.missing", "monthlySales");
    return kpiValue(c, countBack(total, s, d), { sales: "monthlySales", months: s.length, days: "monthDays" });
  });
}

/**
 * Best possible DSO: current (not yet due) receivables ÷ credit sales × days.
 * @customfunction BPDSO
 * @param currentAr Receivables not yet due at the end of the period.
 * @param creditSales Credit sales of the period.
 * @param days Days in the period.
 * @returns Days.
 */
export function bpdso(currentAr: unknown, creditSales: unknown, days: unknown): number {
  return run("BPDSO", (c) =>
    kpiValue(c, bestPossibleDso(c.amount(currentAr, "currentAr"), c.amount(creditSales, "creditSales"), c.positiveNumber(days, "days")), {}),
  );
}

/**
 * Average days delinquent: DSO minus best possible DSO.
 * @customfunction ADD
 * @param totalAr Total receivables at the end of the period.
 * @param currentAr Receivables not yet due at the end of the period.
 * @param creditSales Credit sales of the period.
 * @param days Days in the period.
 * @returns Days.
 */
export function averageDaysDelinquent(totalAr: unknown, currentAr: unknown, creditSales: unknown, days: unknown): number {
  return run("ADD", (c) =>
    kpiValue(
      c,
      delinquentDays(c.amount(totalAr, "totalAr"), c.amount(currentAr, "currentAr"), c.amount(creditSales, "creditSales"), c.positiveNumber(days, "days")),
      {},
    ),
  );
}

/**
 * Collection effectiveness index, in percent.
 * @customfunction CEI
 * @param beginAr Receivables at the beginning of the period.
 * @param creditSales Credit sales of the period.
 * @param endAr Total receivables at the end of the period.
 * @param endCurrentAr Receivables not yet due at the end of the period.
 * @param [months] Months in the period (N); 1 by default.
 * @returns Percent.
 */
export function cei(beginAr: unknown, creditSales: unknown, endAr: unknown, endCurrentAr: unknown, months?: unknown): number {
  return run("CEI", (c) => {
    const n = c.integer(months, "months", 1, 120, 1);
    const k = collectionEffectivenessIndex(
      c.amount(beginAr, "beginAr"),
      c.amount(creditSales, "creditSales"),
      c.amount(endAr, "endAr"),
      c.amount(endCurrentAr, "endCurrentAr"),
      n,
    );
    return kpiValue(c, k, {});
  });
}

/**
 * Amount-weighted average days paid after the due date.
 * @customfunction AVGDAYSTOPAY
 * @param amounts Invoice amounts.
 * @param dueDates Due dates.
 * @param paidDates Payment dates; invoices without one do not count.
 * @returns Days (negative when paid early).
 */
export function avgDaysToPay(amounts: unknown[][], dueDates: unknown[][], paidDates: unknown[][]): number {
  return run("AVGDAYSTOPAY", (c) => {
    const am = Range.of(amounts);
    const du = Range.of(dueDates);
    const pd = Range.of(paidDates);
    c.sameSize("dueDates", du, "amounts", am);
    c.sameSize("paidDates", pd, "amounts", am);
    const payments: Payment[] = [];
    for (let i = 0; i < am.size; i++) {
      if (isEmpty(am.at(i))) continue;
      const paid = c.cellDay(pd, i, "paidDates", true);
      if (paid === null) continue; // not paid yet
      payments.push({ amount: c.cellAmount(am, i, "amounts"), due: c.cellDay(du, i, "dueDates"), paid });
    }
    return kpiValue(c, averageDaysToPay(payments), {});
  });
}

// ---- credit -----------------------------------------------------------------------------

/**
 * Available credit: limit − balance − open orders (negative when over the line).
 * @customfunction CREDITAVAILABLE
 * @param limit Credit limit.
 * @param balance The customer's open balance.
 * @param [openOrders] Open orders, deliveries and billing not yet posted.
 * @returns Available credit.
 */
export function creditAvailable(limit: unknown, balance: unknown, openOrders?: unknown): number {
  return run("CREDITAVAILABLE", (c) =>
    toUnits(availableCredit(c.amount(limit, "limit"), c.amount(balance, "balance"), c.optionalAmount(openOrders, "openOrders", 0))),
  );
}

/**
 * Whether to release an order or hold it, with the reason.
 * @customfunction RELEASE
 * @param orderAmount Order amount.
 * @param limit Credit limit.
 * @param exposure Current exposure: balance plus open orders and deliveries.
 * @param maxDaysPastDue Days past due of the oldest overdue item.
 * @param [toleranceDays] Days past due tolerated; 15 by default, as in the credit review's policy.
 * @returns RELEASE, or HOLD: and the reasons.
 */
export function release(orderAmount: unknown, limit: unknown, exposure: unknown, maxDaysPastDue: unknown, toleranceDays?: unknown): string {
  return run("RELEASE", (c) => {
    const decision = releaseDecision({
      orderAmount: c.nonNegativeAmount(orderAmount, "orderAmount"),
      limit: c.nonNegativeAmount(limit, "limit"),
      exposure: c.amount(exposure, "exposure"),
      maxDaysPastDue: Math.max(0, c.number(maxDaysPastDue, "maxDaysPastDue")),
      toleranceDays: c.integer(toleranceDays, "toleranceDays", 0, 3650, DEFAULT_TOLERANCE_DAYS),
    });
    if (decision.release) return c.text("release.ok");
    // The same sentences as `cartera credit`'s hold reasons.
    const reasons = decision.reasons.map((r) => describe(holdReasonProblem(r), c.lang));
    return c.text("release.hold", { reasons: reasons.join("; ") });
  });
}

// ---- Mexican law: returned cheques and late interest ------------------------------------

/**
 * Damages for a returned cheque: 20 % of its value (LGTOC art. 193).
 * @customfunction CHEQUEINDEMNITY
 * @param amount Cheque amount.
 * @returns The indemnity, rounded to the centavo.
 */
export function chequeIndemnity(amount: unknown): number {
  return run("CHEQUEINDEMNITY", (c) => toUnits(indemnity(c.nonNegativeAmount(amount, "amount"))));
}

/**
 * Simple late interest from the day after the due date; the legal 6 % a year when no rate was agreed.
 * @customfunction LATEINTEREST
 * @param amount Overdue amount.
 * @param annualRate Agreed annual rate (6% or 0.06); empty for the legal 6 % (Código de Comercio art. 362).
 * @param due Due date.
 * @param paid Payment date; empty for today.
 * @param [basis] Days in the year: 360 (the default) or 365.
 * @returns Interest, rounded to the centavo.
 */
export function lateInterest(amount: unknown, annualRate: unknown, due: unknown, paid: unknown, basis?: unknown): number {
  return run("LATEINTEREST", (c) => {
    const principal = c.nonNegativeAmount(amount, "amount");
    const rate = c.rate(annualRate, "annualRate");
    const dueDay = c.day(due, "due");
    const paidDay = c.asOf(paid, "paid");
    const b = isEmpty(basis) ? 360 : c.number(basis, "basis");
    if (b !== 360 && b !== 365) throw c.invalid("arg.basis", "basis");
    return toUnits(interest(principal, rate, dueDay, paidDay, b as DayBasis));
  });
}

/**
 * Schedule of a payment plan in equal instalments: no., date, payment, interest, principal, balance.
 * @customfunction PAYMENTPLAN
 * @param amount Amount to repay.
 * @param instalments Number of payments.
 * @param annualRate Annual rate on the outstanding balance (empty for none).
 * @param firstDate Date of the first payment.
 * @param [frequencyDays] Days between payments; 30 by default.
 * @returns A table with a header row.
 */
export function paymentPlan(amount: unknown, instalments: unknown, annualRate: unknown, firstDate: unknown, frequencyDays?: unknown): unknown[][] {
  return run("PAYMENTPLAN", (c) => {
    const principal = c.nonNegativeAmount(amount, "amount");
    if (principal === 0) throw c.invalid("arg.positive", "amount");
    const n = c.integer(instalments, "instalments", 1, MAX_INSTALMENTS);
    const rate = c.rate(annualRate, "annualRate") ?? { num: 0n, den: 1n };
    const first = c.day(firstDate, "firstDate");
    const every = c.integer(frequencyDays, "frequencyDays", 1, 366, 30);
    const headers: FnMessage[] = ["header.number", "header.date", "header.payment", "header.interest", "header.principal", "header.balance"];
    const rows: unknown[][] = [headers.map((h) => c.text(h))];
    for (const r of plan({ amount: principal, instalments: n, annualRate: rate, firstDate: first, frequencyDays: every })) {
      rows.push([r.n, serialFromDay(r.date), toUnits(r.payment), toUnits(r.interest), toUnits(r.principal), toUnits(r.balance)]);
    }
    return rows;
  });
}

// ---- identifiers ------------------------------------------------------------------------

/**
 * TRUE when a CLABE has 18 digits, a correct check digit and the bank code of a SPEI participant.
 * @customfunction CLABEVALID
 * @param clabe Interbank account number (as text).
 * @returns TRUE or FALSE.
 */
export function clabeValid(clabe: unknown): boolean {
  return run("CLABEVALID", () => {
    // A CLABE typed as a number has already lost its last digits (Excel keeps 15): FALSE.
    return typeof clabe === "string" && isValidClabe(clabe);
  });
}

/**
 * The bank of a CLABE, by Banxico's catalogue of SPEI participants.
 * @customfunction CLABEBANK
 * @param clabe Interbank account number (as text).
 * @returns The bank's short name, e.g. BBVA MEXICO.
 */
export function clabeBank(clabe: unknown): string {
  return run("CLABEBANK", (c) => {
    if (isEmpty(clabe)) throw c.invalid("arg.missing", "clabe");
    if (typeof clabe === "number") throw c.invalid("clabe.number", "clabe");
    const r = checkClabe(cellText(clabe));
    if (r.ok) return r.bank.name;
    // A well-formed CLABE of a bank that is not (or no longer) in SPEI: no answer, not bad input.
    if (r.problem.code === "clabe.bankUnknown") throw c.notAvailable("arg.problem", { arg: c.label("clabe"), detail: describe(r.problem, c.lang) });
    throw c.problem("clabe", r.problem);
  });
}

/**
 * TRUE when an RFC has the right shape and date (and check digit when strict).
 * @customfunction RFCVALID
 * @param rfc RFC of a company (12 characters) or a person (13, or 10 without homoclave).
 * @param [strict] TRUE to also require a check digit that verifies.
 * @returns TRUE or FALSE.
 */
export function rfcValid(rfc: unknown, strict?: unknown): boolean {
  return run("RFCVALID", (c) => {
    const s = c.flag(strict, "strict");
    return typeof rfc === "string" && isValidRfc(rfc, { strict: s });
  });
}

// ---- reading SAP text -------------------------------------------------------------------

/**
 * Converts an amount written as text (1,234.56-, (1,234.56), $1,234.56) into a number.
 * @customfunction AMOUNT
 * @param text Amount as text.
 * @param [decimalSeparator] "." or ",": settles texts such as 1.000 or 1,000.
 * @returns The amount; 0 for an empty cell.
 */
export function amountFromText(text: unknown, decimalSeparator?: unknown): number {
  // Like NUMBERVALUE, an empty cell is 0: columns of SAP text often have blanks. One cell has no
  // column to settle `1.000` (a thousand or one), so without the separator it is #VALUE!.
  return run("AMOUNT", (c) => {
    const decimal = c.decimalSeparator(decimalSeparator, "decimalSeparator");
    return isEmpty(text) ? 0 : toUnits(c.amountWithSeparator(text, "text", decimal, "decimalSeparator"));
  });
}

/**
 * Converts a day-first date written as text (31.10.2026, 31/10/2026) into an Excel date.
 * @customfunction DATE
 * @param text Date as text.
 * @returns The date (an Excel date).
 */
export function dateFromText(text: unknown): number {
  return run("DATE", (c) => serialFromDay(c.day(text, "text")));
}
