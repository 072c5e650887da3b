import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { flattenPolicyJson, type PolicyEntry } from "../core/credit/policy";
import { parseIsoDate } from "../core/dates";
import { InputError } from "../core/errors";
import { message, type Lang, type MessageKey } from "../core/messages";
import { POLICY_SPEC } from "../core/tables/creditPolicy";
import { currencyCode } from "../core/tables/fields";
import { CUSTOMER_SPEC } from "../core/tables/customers";
import { LEDGER_SPEC } from "../core/tables/ledger";
import { ORDER_SPEC, UNBILLED_DELIVERY_SPEC } from "../core/tables/orders";
import { PAYMENT_HISTORY_SPEC } from "../core/tables/paymentHistory";
import { creditJson, DEFAULT_SCHEDULE_DAYS, runCreditJob, type CreditJobOutput, type PolicyInput } from "../jobs/credit";
import { fileSource } from "../io/fileSource";
import { todayCivil } from "./aging";
import { parseOptions, UsageError, type Command, type Io } from "./common";
import { OUTPUT_OPTIONS, printResult, printWarnings, writeWorkbook } from "./finish";
import { checkOutput } from "./output";

export interface CreditArgs {
  ledger: string;
  customers: string;
  orders?: string;
  deliveries?: string;
  history?: string;
  policy?: string;
  asOf: number;
  days: number;
  currency: string;
  sheet?: string;
  json: boolean;
  out?: string;
  lang: Lang;
}

/** A JSON policy file (by its extension) as entries; any other file is read as a key/value table. */
export function policyInput(path: string): PolicyInput {
  if (extname(path).toLowerCase() !== ".json") return { source: fileSource(path, POLICY_SPEC) };
  let text: string;
  try {
    text = readFileSync(path, "utf8").replace(/^\ufeff/, "");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" ? { code: "file.notFound", params: { file: path } } : { code: "file.unreadable", params: { file: path, detail: (e as Error).message } });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError({ code: "credit.policy.notJson", params: { file: basename(path), detail: (e as Error).message } });
  }
  const entries: PolicyEntry[] | null = flattenPolicyJson(value);
  if (!entries) throw new InputError({ code: "credit.policy.notObject", params: { file: basename(path) } });
  return { entries, label: basename(path) };
}

/** The credit job on files: shared by the command line and the benchmark. */
export function runCredit(args: Omit<CreditArgs, "json" | "out">): Promise<CreditJobOutput> {
  return runCreditJob({
    ledger: fileSource(args.ledger, LEDGER_SPEC, { sheet: args.sheet }),
    customers: fileSource(args.customers, CUSTOMER_SPEC),
    orders: args.orders ? fileSource(args.orders, ORDER_SPEC) : undefined,
    deliveries: args.deliveries ? fileSource(args.deliveries, UNBILLED_DELIVERY_SPEC) : undefined,
    history: args.history ? fileSource(args.history, PAYMENT_HISTORY_SPEC) : undefined,
    policy: args.policy ? policyInput(args.policy) : undefined,
    asOf: args.asOf,
    days: args.days,
    currency: args.currency,
    lang: args.lang,
  });
}

export async function creditCommand(args: CreditArgs, io: Io): Promise<number> {
  const lang = args.lang;
  const inputs = [args.ledger, args.customers, args.orders, args.deliveries, args.history, args.policy];
  const out = args.out ? checkOutput(args.out, inputs, lang) : undefined;
  const job = await runCredit(args);
  printWarnings(job.warnings, lang, io, (w, detail) => message(lang, "cli.credit.warning", { table: message(lang, `credit.table.${w.kind}` as MessageKey), detail }));
  await writeWorkbook(job.report, out);
  return printResult(job.report, () => creditJson(job, lang), { json: args.json, out, lang }, io);
}

/** `cartera credit --ledger FILE --customers FILE …` */
export const creditCli: Command = { run: (argv, lang, io) => credit(argv, lang, io) };

async function credit(argv: string[], lang: Lang, io: Io): Promise<number> {
  const parsed = parseOptions(
    argv,
    {
      ledger: { type: "string" },
      customers: { type: "string" },
      orders: { type: "string" },
      deliveries: { type: "string" },
      history: { type: "string" },
      "as-of": { type: "string" },
      policy: { type: "string" },
      days: { type: "string" },
      currency: { type: "string" },
      sheet: { type: "string" },
      ...OUTPUT_OPTIONS,
    },
    lang,
  );
  const v = parsed.values;
  if (v.help) {
    io.out(message(lang, "cli.help.credit"));
    return 0;
  }
  if (parsed.positionals.length > 0) throw new UsageError(message(lang, "cli.credit.positional", { value: parsed.positionals[0] }));
  if (v.ledger === undefined) throw new UsageError(message(lang, "cli.credit.ledgerMissing"));
  if (v.customers === undefined) throw new UsageError(message(lang, "cli.credit.customersMissing"));
  let asOf = todayCivil();
  if (v["as-of"] !== undefined) {
    const d = parseIsoDate(v["as-of"]);
    if (d === null) throw new UsageError(message(lang, "cli.asOfInvalid", { value: v["as-of"] }));
    asOf = d;
  }
  let days = DEFAULT_SCHEDULE_DAYS;
  if (v.days !== undefined) {
    days = /^\d+$/.test(v.days.trim()) ? Number(v.days.trim()) : NaN;
    if (!(days >= 1 && days <= 366)) throw new UsageError(message(lang, "cli.credit.daysInvalid", { value: v.days }));
  }
  const currency = v.currency === undefined ? "MXN" : currencyCode(v.currency);
  if (currency === null) throw new UsageError(message(lang, "cli.currencyInvalid", { value: v.currency! }));
  return creditCommand(
    { ledger: v.ledger, customers: v.customers, orders: v.orders, deliveries: v.deliveries, history: v.history, policy: v.policy, asOf, days, currency, sheet: v.sheet, json: v.json ?? false, out: v.out, lang },
    io,
  );
}
