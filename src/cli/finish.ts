import { describe, message, type Lang } from "../core/messages";
import type { Report } from "../core/report/report";
import type { Warning } from "../jobs/read";
import { reportToText, shortText } from "../report/text";
import { writeReportXlsxFile } from "../report/xlsxFile";
import { textOptions, type Io } from "./common";
import { writeError } from "./output";

/** The options every command that writes a Report shares. */
export const OUTPUT_OPTIONS = {
  json: { type: "boolean" },
  ...textOptions("out", "lang"),
  help: { type: "boolean", short: "h" },
} as const;

/** Warnings printed on stderr; all of them are in --json. */
const MAX_WARNINGS_SHOWN = 20;

/** Where a warning is and why, as one line: a heading's warning names the row only. */
export function warningDetail(w: Warning, lang: Lang): string {
  const reason = describe(w.problem, lang);
  if (w.row === undefined) return reason;
  if (w.column === undefined || w.value === w.column) return message(lang, "report.warningLine", { row: String(w.row), reason });
  return message(lang, "report.problemLine", { row: String(w.row), column: shortText(w.column, 40), value: shortText(w.value ?? ""), reason });
}

/** The first warnings on stderr, each through `line` (which names its table), then how many more. */
export function printWarnings(warnings: readonly Warning[], lang: Lang, io: Io, line: (w: Warning, detail: string) => string): void {
  for (const w of warnings.slice(0, MAX_WARNINGS_SHOWN)) io.err(line(w, warningDetail(w, lang)));
  if (warnings.length > MAX_WARNINGS_SHOWN) io.err(message(lang, "cli.warning", { detail: message(lang, "cli.moreWarnings", { count: warnings.length - MAX_WARNINGS_SHOWN }) }));
}

export async function writeWorkbook(report: Report, out: string | undefined): Promise<void> {
  if (!out) return;
  try {
    await writeReportXlsxFile(report, out);
  } catch (e) {
    throw writeError(e, out);
  }
}

/**
 * What a command prints once its workbook is written: the JSON view, or the Report as text
 * and where the workbook is. `after` adds lines of the command's own before the last one.
 */
export function printResult(report: Report, json: () => unknown, args: { json: boolean; out?: string; lang: Lang; maxNotes?: number }, io: Io, after?: () => void): number {
  const { lang } = args;
  if (args.json) {
    io.out(JSON.stringify(json(), null, 2));
    return 0;
  }
  for (const line of reportToText(report, { maxNotes: args.maxNotes ?? 3, maxProblems: 20, moreHint: message(lang, "cli.moreHint") })) io.out(line);
  after?.();
  if (args.out) io.out(`\n${message(lang, "cli.resultWorkbook", { file: args.out })}`);
  return 0;
}
