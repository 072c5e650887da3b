import type { AgingBasis } from "../core/aging/aging";
import type { CivilDay } from "../core/dates";
import { message, type Lang } from "../core/messages";
import { CUSTOMER_SPEC } from "../core/tables/customers";
import { LEDGER_SPEC } from "../core/tables/ledger";
import { TERMS_SPEC } from "../core/tables/terms";
import { agingJson, runAgingJob, type AgingJobOutput } from "../jobs/aging";
import { parseOptions, UsageError, type Command, type Io } from "./common";
import { fileSource } from "../io/fileSource";
import { AGING_OPTIONS, agingChoices } from "./options";
import { OUTPUT_OPTIONS, printResult, printWarnings, writeWorkbook } from "./finish";
import { checkOutput } from "./output";

export interface AgingArgs {
  ledger: string;
  asOf: CivilDay;
  edges: number[];
  basis: AgingBasis;
  customers?: string;
  terms?: string;
  currency: string;
  sheet?: string;
  json: boolean;
  out?: string;
  lang: Lang;
}

/** The aging job on files: shared by the command line and the benchmark. */
export function runAging(args: Pick<AgingArgs, "ledger" | "asOf" | "edges" | "basis" | "customers" | "terms" | "currency" | "sheet" | "lang">, detail = true): Promise<AgingJobOutput> {
  return runAgingJob({
    ledger: fileSource(args.ledger, LEDGER_SPEC, { sheet: args.sheet }),
    customers: args.customers ? fileSource(args.customers, CUSTOMER_SPEC) : undefined,
    terms: args.terms ? fileSource(args.terms, TERMS_SPEC) : undefined,
    asOf: args.asOf,
    edges: args.edges,
    basis: args.basis,
    currency: args.currency,
    lang: args.lang,
    detail,
  });
}

export async function agingCommand(args: AgingArgs, io: Io): Promise<number> {
  const lang = args.lang;
  const out = args.out ? checkOutput(args.out, [args.ledger, args.customers, args.terms], lang) : undefined;
  const job = await runAging(args, out !== undefined);
  printWarnings(job.warnings, lang, io, (w, detail) => message(lang, w.kind === "customers" ? "cli.warningCustomers" : "cli.warning", { detail }));
  await writeWorkbook(job.report, out);
  return printResult(job.report, () => agingJson(job, lang), { json: args.json, out, lang, maxNotes: 2 }, io);
}

/** `cartera aging LEDGER …` */
export const agingCli: Command = { run: (argv, lang, io) => aging(argv, lang, io) };

async function aging(argv: string[], lang: Lang, io: Io): Promise<number> {
  const parsed = parseOptions(
    argv,
    {
      ...AGING_OPTIONS,
      ...OUTPUT_OPTIONS,
    },
    lang,
  );
  const v = parsed.values;
  if (v.help) {
    io.out(message(lang, "cli.help.aging"));
    return 0;
  }
  if (parsed.positionals.length !== 1) throw new UsageError(message(lang, "cli.ledgerMissing"));
  const choices = agingChoices(v, lang);
  return agingCommand(
    {
      ledger: parsed.positionals[0],
      ...choices,
      customers: v.customers,
      terms: v.terms,
      sheet: v.sheet,
      json: v.json ?? false,
      out: v.out,
      lang,
    },
    io,
  );
}

export { parseEdges, todayCivil } from "./options";
