import { existsSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync, mkdirSync, unlinkSync } from "node:fs";
import { dirname, extname, resolve } from "node:path";
import { formatDayFirst, formatIsoDate, parseIsoDate, type CivilDay } from "../core/dates";
import { formatMoney } from "../core/money";
import { InputError } from "../core/errors";
import { describe, message, type Lang } from "../core/messages";
import { parsePolicy, type PaymentsPolicy } from "../core/reconcile/payments/policy";
import { postingCsv, postingRows } from "../core/reconcile/payments/posting";
import { BANK_STATEMENT_SPEC } from "../core/tables/bankStatement";
import { CUSTOMER_SPEC } from "../core/tables/customers";
import { currencyCode } from "../core/tables/fields";
import { LEDGER_SPEC } from "../core/tables/ledger";
import { fileSource } from "../io/fileSource";
import { paymentsJson, runPaymentsJob, type PaymentsJobInput, type PaymentsJobOutput } from "../jobs/reconcilePayments";
import { safeText } from "../report/text";
import { todayCivil } from "./aging";
import { parseOptions, UsageError, type Command, type Io } from "./common";
import { OUTPUT_OPTIONS, printResult, printWarnings, writeWorkbook } from "./finish";
import { checkOutput, writeError } from "./output";

/**
 * `cartera reconcile payments --bank FILE --ledger FILE …`: the subcommand handler. Its words
 * are those after `payments`; `src/cli/commands.ts` wires it under `reconcile`.
 */
export interface PaymentsArgs {
  bank: string;
  ledger: string;
  customers?: string;
  asOf?: CivilDay;
  policyFile?: string;
  currency?: string;
  json: boolean;
  out?: string;
  posting?: string;
  lang: Lang;
}

/** Reads `--policy FILE`: JSON over the defaults, every mistake named (path, value, what it takes). */
export function readPolicyFile(file: string): PaymentsPolicy {
  let text: string;
  try {
    text = readFileSync(file, "utf8").replace(/^\ufeff/, "");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError({ code: "file.notFound", params: { file } });
    if (code === "EISDIR") throw new InputError({ code: "file.isDirectory", params: { file } });
    throw new InputError({ code: "payments.cli.policyRead", params: { file, detail: (e as Error).message } });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError({ code: "payments.cli.policyJson", params: { file, detail: (e as Error).message } });
  }
  const { policy, problems } = parsePolicy(json);
  if (problems.length) {
    throw new InputError({ code: "payments.cli.policyInvalid", params: { file, "problems.es": problems.map((p) => describe(p, "es")).join("; "), "problems.en": problems.map((p) => describe(p, "en")).join("; ") } });
  }
  return policy;
}

/** The job on files: shared by the command line and the benchmark. */
export function runPayments(args: Pick<PaymentsArgs, "bank" | "ledger" | "customers" | "asOf" | "currency" | "lang">, policy?: PaymentsPolicy, onProgress?: PaymentsJobInput["onProgress"], detail = true): Promise<PaymentsJobOutput> {
  return runPaymentsJob({
    bank: fileSource(args.bank, BANK_STATEMENT_SPEC),
    ledger: fileSource(args.ledger, LEDGER_SPEC),
    customers: args.customers ? fileSource(args.customers, CUSTOMER_SPEC) : undefined,
    asOf: args.asOf,
    today: todayCivil(),
    policy,
    currency: args.currency,
    lang: args.lang,
    onProgress,
    detail,
  });
}

/** Where `--posting` may write: a .csv, never an input, never a folder, never the `--out` workbook. */
export function checkPosting(file: string, inputs: readonly (string | undefined)[], out: string | undefined, lang: Lang): string {
  const ext = extname(file);
  if (ext !== "" && ext.toLowerCase() !== ".csv") throw new UsageError(message(lang, "payments.cli.postingExtension", { file }));
  const path = ext === "" ? `${file}.csv` : file;
  const target = resolve(path);
  if (out !== undefined && resolve(out) === target) throw new UsageError(message(lang, "payments.cli.postingSame"));
  if (existsSync(target)) {
    const st = statSync(target);
    if (st.isDirectory()) throw new UsageError(message(lang, "payments.cli.postingIsDirectory", { file: path }));
    const real = realpathSync(target);
    for (const input of inputs) {
      if (!input || !existsSync(input)) continue;
      const other = statSync(input);
      if (realpathSync(input) === real || (other.ino === st.ino && other.dev === st.dev)) throw new UsageError(message(lang, "payments.cli.postingIsInput", { file: path, input }));
    }
  }
  return path;
}

/** Written beside, then renamed: a reader never sees half a file, and a failed write leaves the old one. */
function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text, "utf8");
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    throw writeError(e, path);
  }
}

export async function paymentsCommand(args: PaymentsArgs, io: Io): Promise<number> {
  const lang = args.lang;
  const inputs = [args.bank, args.ledger, args.customers, args.policyFile];
  const out = args.out ? checkOutput(args.out, inputs, lang) : undefined;
  const posting = args.posting ? checkPosting(args.posting, inputs, out, lang) : undefined;
  const policy = args.policyFile ? readPolicyFile(args.policyFile) : undefined;
  // The matched rows and the posting sheet go only to the workbook; the terminal and JSON do without.
  const job = await runPayments(args, policy, undefined, out !== undefined);
  printWarnings(job.warnings, lang, io, (w, detail) => message(lang, w.kind === "customers" ? "cli.warningCustomers" : w.kind === "bank" ? "payments.cli.warningBank" : "payments.cli.warningLedger", { detail }));
  await writeWorkbook(job.report, out);
  let postingCount = 0;
  if (posting) {
    const rows = postingRows(job.result);
    postingCount = rows.length;
    writeAtomically(posting, postingCsv(rows));
  }
  return printResult(job.report, () => paymentsJson(job, lang), { json: args.json, out, lang, maxNotes: 2 }, io, () => {
    // The deposits left for a person, a line each with the whole reason (a table column would cut it).
    const unmatched = job.report.sheets.find((s) => s.id === "payments-unmatched");
    if (unmatched?.glimpse && unmatched.rows.length) {
      io.out("");
      io.out(unmatched.glimpse.heading);
      const at = (key: string) => unmatched.columns.findIndex((c) => c.key === key);
      for (const i of unmatched.glimpse.rows) {
        const row = unmatched.rows[i];
        const date = row[at("date")];
        io.out(`  ${message(lang, "payments.cli.unmatchedLine", { line: String(row[at("bankLine")]), "date.es": typeof date === "number" ? formatDayFirst(date) : "—", "date.en": typeof date === "number" ? formatIsoDate(date) : "—", amount: formatMoney(row[at("amount")] as number, String(row[at("currency")] ?? job.result.currency)), reason: safeText(String(row[at("reason")])) })}`);
      }
      if (unmatched.rows.length > unmatched.glimpse.rows.length) io.out(`  ${message(lang, "report.problemsMore", { count: unmatched.rows.length - unmatched.glimpse.rows.length })} ${message(lang, "cli.moreHint")}`);
    }
    if (posting) io.out(message(lang, "payments.cli.postingWritten", { file: posting, rows: postingCount }));
  });
}

/** The words after `cartera reconcile payments`. */
export const reconcilePaymentsCli: Command = { run: (argv, lang, io) => payments(argv, lang, io) };

async function payments(argv: string[], lang: Lang, io: Io): Promise<number> {
  const parsed = parseOptions(
    argv,
    {
      bank: { type: "string" },
      ledger: { type: "string" },
      customers: { type: "string" },
      "as-of": { type: "string" },
      policy: { type: "string" },
      currency: { type: "string" },
      ...OUTPUT_OPTIONS,
      posting: { type: "string" },
    },
    lang,
  );
  const v = parsed.values;
  if (v.help) {
    io.out(message(lang, "payments.cli.help"));
    return 0;
  }
  if (parsed.positionals.length) throw new UsageError(message(lang, "cli.unexpectedArgument", { value: parsed.positionals[0] }));
  if (v.bank === undefined) throw new UsageError(message(lang, "payments.cli.bankMissing"));
  if (v.ledger === undefined) throw new UsageError(message(lang, "payments.cli.ledgerMissing"));
  let asOf: CivilDay | undefined;
  if (v["as-of"] !== undefined) {
    const d = parseIsoDate(v["as-of"]);
    if (d === null) throw new UsageError(message(lang, "cli.asOfInvalid", { value: v["as-of"] }));
    asOf = d;
  }
  const currency = v.currency === undefined ? undefined : currencyCode(v.currency);
  if (currency === null) throw new UsageError(message(lang, "cli.currencyInvalid", { value: v.currency! }));
  return paymentsCommand({ bank: v.bank, ledger: v.ledger, customers: v.customers, asOf, policyFile: v.policy, currency, json: v.json ?? false, out: v.out, posting: v.posting, lang }, io);
}
