import { parseIsoDate, type CivilDay } from "../core/dates";
import { message, type Lang } from "../core/messages";
import { parseAmount } from "../core/money";
import type { Tolerance } from "../core/reconcile/deliveries";
import { parseQuantity } from "../core/reconcile/quantity";
import type { TheirSign } from "../core/reconcile/statement";
import type { Report } from "../core/report/report";
import { COUNTERPARTY_SPEC } from "../core/tables/counterparty";
import { DELIVERY_SPEC } from "../core/tables/deliveries";
import { currencyCode } from "../core/tables/fields";
import { INVOICE_LINE_SPEC } from "../core/tables/invoiceLines";
import { LEDGER_SPEC } from "../core/tables/ledger";
import { fileSource } from "../io/fileSource";
import type { Warning } from "../jobs/read";
import { reconcileDeliveriesJson, runReconcileDeliveriesJob, type ReconcileDeliveriesOutput } from "../jobs/reconcileDeliveries";
import { reconcileStatementJson, runReconcileStatementJob, type ReconcileStatementOutput } from "../jobs/reconcileStatement";
import { reconcilePaymentsCli } from "./payments";
import { todayCivil } from "./aging";
import { parseOptions, UsageError, type Command, type Io } from "./common";
import { OUTPUT_OPTIONS, printResult, printWarnings, writeWorkbook } from "./finish";
import { checkOutput } from "./output";

/**
 * `cartera reconcile deliveries …` (billing vs remissions) and `cartera reconcile statement …`
 * (our ledger vs the customer's). Each builds file sources, runs its job and writes the
 * Report: a workbook for `--out`, the JSON view for `--json`, text otherwise.
 */
export const DEFAULT_TOLERANCE = "0.01";

function dateOption(value: string | undefined, option: string, lang: Lang): CivilDay | undefined {
  if (value === undefined) return undefined;
  const d = parseIsoDate(value);
  if (d === null) throw new UsageError(message(lang, "cli.reconcile.dateInvalid", { option, value }));
  return d;
}

function required(value: string | undefined, option: string, usage: string, lang: Lang): string {
  if (value === undefined || value === "") throw new UsageError(message(lang, "cli.reconcile.missingOption", { option, usage }));
  return value;
}

/**
 * `0.01` is a centavo on amounts and 0.01 of the unit on quantities; `0.5%` is relative to
 * the delivered figure. Exact: read as centavos and thousandths, never as floats compared.
 */
export function parseTolerance(text: string, lang: Lang): Tolerance {
  const t = text.trim();
  const pct = /^(\d+(?:\.\d{1,4})?)\s*%$/.exec(t);
  if (pct) {
    const [whole, frac = ""] = pct[1].split(".");
    return { amount: 0, quantity: 0, relativePpm: Number(whole) * 10000 + Number((frac + "0000").slice(0, 4)) };
  }
  const amount = /^[\d.,]+$/.test(t) ? parseAmount(t) : null;
  const quantity = /^[\d.,]+$/.test(t) ? parseQuantity(t) : null;
  if (!amount?.ok || !quantity?.ok) throw new UsageError(message(lang, "cli.reconcile.toleranceInvalid", { value: text }));
  return { amount: amount.value, quantity: quantity.value };
}

async function finish(job: { report: Report; warnings: Warning[] }, json: () => unknown, args: { json: boolean; out?: string; lang: Lang }, io: Io): Promise<number> {
  const { lang } = args;
  printWarnings(job.warnings, lang, io, (w, detail) => message(lang, "cli.reconcile.warning", { table: message(lang, `reconcile.table.${w.kind}` as Parameters<typeof message>[1]), detail }));
  await writeWorkbook(job.report, args.out);
  return printResult(job.report, json, args, io);
}

export interface DeliveriesArgs {
  deliveries: string;
  invoices: string;
  from?: CivilDay;
  to?: CivilDay;
  asOf: CivilDay;
  tolerance: Tolerance;
  currency: string;
  lang: Lang;
}

/** The deliveries job on files: shared by the command line and the benchmark. */
export function runDeliveries(args: DeliveriesArgs): Promise<ReconcileDeliveriesOutput> {
  return runReconcileDeliveriesJob({
    deliveries: fileSource(args.deliveries, DELIVERY_SPEC),
    invoices: fileSource(args.invoices, INVOICE_LINE_SPEC),
    asOf: args.asOf,
    from: args.from,
    to: args.to,
    tolerance: args.tolerance,
    currency: args.currency,
    lang: args.lang,
  });
}

async function deliveries(argv: string[], lang: Lang, io: Io): Promise<number> {
  const parsed = parseOptions(
    argv,
    {
      deliveries: { type: "string" },
      invoices: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      "as-of": { type: "string" },
      tolerance: { type: "string" },
      currency: { type: "string" },
      ...OUTPUT_OPTIONS,
    },
    lang,
  );
  const v = parsed.values;
  if (v.help) {
    io.out(message(lang, "cli.help.reconcileDeliveries"));
    return 0;
  }
  if (parsed.positionals.length) throw new UsageError(message(lang, "cli.unexpectedArgument", { value: parsed.positionals[0] }));
  const usage = "cartera reconcile deliveries --deliveries FILE --invoices FILE";
  const deliveriesFile = required(v.deliveries, "--deliveries", usage, lang);
  const invoicesFile = required(v.invoices, "--invoices", usage, lang);
  const from = dateOption(v.from, "--from", lang);
  const to = dateOption(v.to, "--to", lang);
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(message(lang, "cli.reconcile.periodInverted", { from: v.from!, to: v.to! }));
  const asOf = dateOption(v["as-of"], "--as-of", lang) ?? to ?? todayCivil();
  const currency = v.currency === undefined ? "MXN" : currencyCode(v.currency);
  if (currency === null) throw new UsageError(message(lang, "cli.currencyInvalid", { value: v.currency! }));
  const tolerance = parseTolerance(v.tolerance ?? DEFAULT_TOLERANCE, lang);
  const out = v.out ? checkOutput(v.out, [deliveriesFile, invoicesFile], lang) : undefined;
  const job = await runDeliveries({ deliveries: deliveriesFile, invoices: invoicesFile, from, to, asOf, tolerance, currency, lang });
  return finish(job, () => reconcileDeliveriesJson(job, lang), { json: v.json ?? false, out, lang }, io);
}

export interface StatementArgs {
  ours: string;
  theirs: string;
  customer: string;
  asOf: CivilDay;
  currency?: string;
  theirSign?: TheirSign;
  theirBalance?: number;
  lang: Lang;
}

export function runStatement(args: StatementArgs): Promise<ReconcileStatementOutput> {
  return runReconcileStatementJob({
    ours: fileSource(args.ours, LEDGER_SPEC),
    theirs: fileSource(args.theirs, COUNTERPARTY_SPEC),
    customer: args.customer,
    asOf: args.asOf,
    currency: args.currency,
    theirSign: args.theirSign,
    theirBalance: args.theirBalance,
    lang: args.lang,
  });
}

async function statement(argv: string[], lang: Lang, io: Io): Promise<number> {
  const parsed = parseOptions(
    argv,
    {
      ours: { type: "string" },
      theirs: { type: "string" },
      customer: { type: "string" },
      "as-of": { type: "string" },
      currency: { type: "string" },
      "their-sign": { type: "string" },
      "their-balance": { type: "string" },
      ...OUTPUT_OPTIONS,
    },
    lang,
  );
  const v = parsed.values;
  if (v.help) {
    io.out(message(lang, "cli.help.reconcileStatement"));
    return 0;
  }
  if (parsed.positionals.length) throw new UsageError(message(lang, "cli.unexpectedArgument", { value: parsed.positionals[0] }));
  const usage = "cartera reconcile statement --ours FILE --theirs FILE --customer CODE";
  const ours = required(v.ours, "--ours", usage, lang);
  const theirs = required(v.theirs, "--theirs", usage, lang);
  const customer = required(v.customer?.trim(), "--customer", usage, lang);
  const asOf = dateOption(v["as-of"], "--as-of", lang) ?? todayCivil();
  let currency: string | undefined;
  if (v.currency !== undefined) {
    const c = currencyCode(v.currency);
    if (c === null) throw new UsageError(message(lang, "cli.currencyInvalid", { value: v.currency }));
    currency = c;
  }
  const sign = v["their-sign"];
  if (sign !== undefined && sign !== "receivable" && sign !== "payable") throw new UsageError(message(lang, "cli.reconcile.theirSignInvalid", { value: sign }));
  let theirBalance: number | undefined;
  if (v["their-balance"] !== undefined) {
    const a = parseAmount(v["their-balance"]);
    if (!a.ok) throw new UsageError(message(lang, "cli.reconcile.amountInvalid", { option: "--their-balance", value: v["their-balance"] }));
    theirBalance = a.value;
  }
  const out = v.out ? checkOutput(v.out, [ours, theirs], lang) : undefined;
  const job = await runStatement({ ours, theirs, customer, asOf, currency, theirSign: sign, theirBalance, lang });
  return finish(job, () => reconcileStatementJson(job, lang), { json: v.json ?? false, out, lang }, io);
}

/** `cartera reconcile deliveries|statement|payments …` */
export const reconcileCli: Command = {
  run: async (argv, lang, io) => {
    const [sub, ...rest] = argv;
    if (sub === "deliveries") return deliveries(rest, lang, io);
    if (sub === "statement") return statement(rest, lang, io);
    if (sub === "payments") return reconcilePaymentsCli.run(rest, lang, io);
    if (sub === undefined || sub === "--help" || sub === "-h" || sub === "help") {
      io.out(message(lang, "cli.help.reconcile"));
      return sub === undefined ? 2 : 0;
    }
    throw new UsageError(message(lang, "cli.reconcile.subcommand", { value: sub }));
  },
};
