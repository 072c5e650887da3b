import { validateEdges, type AgingBasis } from "../core/aging/aging";
import { parseIsoDate, type CivilDay } from "../core/dates";
import { describe, message, type Lang } from "../core/messages";
import { CUSTOMER_SPEC } from "../core/tables/customers";
import { LEDGER_SPEC } from "../core/tables/ledger";
import { agingJson, runAgingJob, type AgingJobOutput } from "../jobs/aging";
import { reportToText, shortText } from "../report/text";
import { writeReportXlsxFile } from "../report/xlsx";
import { UsageError, type Io } from "./common";
import { fileSource } from "../io/fileSource";
import { checkOutput, writeError } from "./output";

export interface AgingArgs {
  ledger: string;
  asOf: CivilDay;
  edges: number[];
  basis: AgingBasis;
  customers?: string;
  currency: string;
  sheet?: string;
  json: boolean;
  out?: string;
  lang: Lang;
}

export function parseEdges(text: string, lang: Lang): number[] {
  const edges = text.split(",").map((s) => s.trim()).filter((s) => s !== "").map((s) => (/^\d+$/.test(s) ? Number(s) : NaN));
  const problem = validateEdges(edges);
  if (problem) throw new UsageError(message(lang, "cli.bucketsInvalid", { value: text }));
  return edges;
}

export function todayCivil(): CivilDay {
  const now = new Date(); // the user's own clock and zone decide what "today" is
  return parseIsoDate(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`)!;
}

/** The aging job on files: shared by the command line and the benchmark. */
export function runAging(args: Pick<AgingArgs, "ledger" | "asOf" | "edges" | "basis" | "customers" | "currency" | "sheet" | "lang">, detail = true): Promise<AgingJobOutput> {
  return runAgingJob({
    ledger: fileSource(args.ledger, LEDGER_SPEC, { sheet: args.sheet }),
    customers: args.customers ? fileSource(args.customers, CUSTOMER_SPEC) : undefined,
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
  const out = args.out ? checkOutput(args.out, [args.ledger, args.customers], lang) : undefined;
  const job = await runAging(args, out !== undefined);
  for (const w of job.warnings) {
    const reason = describe(w.problem, lang);
    // A heading's warning names the heading itself: the row is enough.
    const where =
      w.row === undefined ? reason : w.value === w.column ? message(lang, "report.warningLine", { row: String(w.row), reason }) : message(lang, "report.problemLine", { row: String(w.row), column: shortText(w.column ?? "", 40), value: shortText(w.value ?? ""), reason });
    io.err(message(lang, w.kind === "customers" ? "cli.warningCustomers" : "cli.warning", { detail: where }));
  }
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
