import type { AgingBasis } from "../core/aging/aging";
import type { CivilDay } from "../core/dates";
import { describe, message, type Lang } from "../core/messages";
import { CUSTOMER_SPEC } from "../core/tables/customers";
import { LEDGER_SPEC } from "../core/tables/ledger";
import { TERMS_SPEC } from "../core/tables/terms";
import { agingJson, runAgingJob, type AgingJobOutput } from "../jobs/aging";
import { reportToText, shortText } from "../report/text";
import { writeReportXlsxFile } from "../report/xlsxFile";
import { parseOptions, UsageError, type Command, type Io } from "./common";
import { fileSource } from "../io/fileSource";
import { AGING_OPTIONS, agingChoices } from "./options";
import { checkOutput, writeError } from "./output";

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

const MAX_WARNINGS_SHOWN = 20;

export async function agingCommand(args: AgingArgs, io: Io): Promise<number> {
  const lang = args.lang;
  const out = args.out ? checkOutput(args.out, [args.ledger, args.customers, args.terms], lang) : undefined;
  const job = await runAging(args, out !== undefined);
  // The first warnings on stderr; all of them are in --json.
  for (const w of job.warnings.slice(0, MAX_WARNINGS_SHOWN)) {
    const reason = describe(w.problem, lang);
    // A heading's warning names the heading itself: the row is enough.
    const where =
      w.row === undefined ? reason : w.value === w.column ? message(lang, "report.warningLine", { row: String(w.row), reason }) : message(lang, "report.problemLine", { row: String(w.row), column: shortText(w.column ?? "", 40), value: shortText(w.value ?? ""), reason });
    io.err(message(lang, w.kind === "customers" ? "cli.warningCustomers" : "cli.warning", { detail: where }));
  }
  if (job.warnings.length > MAX_WARNINGS_SHOWN) io.err(message(lang, "cli.warning", { detail: message(lang, "cli.moreWarnings", { count: job.warnings.length - MAX_WARNINGS_SHOWN }) }));
  if (out) {
    try {
      await writeReportXlsxFile(job.report, out);
    } catch (e) {
      throw writeError(e, out);
    }
  }
  if (args.json) {
    io.out(JSON.stringify(agingJson(job, lang), null, 2));
    return 0;
  }
  for (const line of reportToText(job.report, { maxNotes: 2, maxProblems: 20, moreHint: message(lang, "cli.moreHint") })) io.out(line);
  if (out) io.out(`\n${message(lang, "cli.resultWorkbook", { file: out })}`);
  return 0;
}

/** `cartera aging LEDGER …` */
export const agingCli: Command = { run: (argv, lang, io) => aging(argv, lang, io) };

async function aging(argv: string[], lang: Lang, io: Io): Promise<number> {
  const parsed = parseOptions(
    argv,
    {
      ...AGING_OPTIONS,
      json: { type: "boolean" },
      out: { type: "string" },
      lang: { type: "string" },
      help: { type: "boolean", short: "h" },
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
