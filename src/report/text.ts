import { formatDayFirst } from "../core/dates";
import { message, type Lang } from "../core/messages";
import { formatMoney } from "../core/money";
import type { Report, ReportSheet, ReportValue } from "../core/report/report";

/**
 * The terminal's writer: a Report as lines of text. Everything printed passes through
 * `safeText`, so a customer name carrying terminal escape sequences cannot clear or rewrite
 * the user's screen.
 */

/** Control characters (C0, DEL, C1) shown as visible escapes; the rest unchanged. */
export function safeText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f-\u009f]/.test(s) ? s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === "\t" ? "\\t" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)) : s;
}

/** Long values cut short for one line (a 10,000-character code helps nobody on a terminal). */
export function shortText(s: string, max = 60): string {
  const t = safeText(s);
  return t.length > max ? t.slice(0, max - 1) + "…" : t;
}

/** A Report sheet as an aligned text table for the terminal. */
export function sheetToText(sheet: ReportSheet, options: { rows?: readonly number[]; columns?: readonly string[] } = {}): string {
  const cols = sheet.columns.map((c, i) => ({ c, i })).filter(({ c }) => !options.columns || options.columns.includes(c.key));
  const index = new Map(sheet.columns.map((c, i) => [c.key, i]));
  const fmt = (values: readonly ReportValue[], i: number): string => {
    const col = sheet.columns[i];
    const v = values[i];
    if (v === null || v === undefined) return "";
    if (col.type === "money" && typeof v === "number") {
      const cur = col.currencyKey ? values[index.get(col.currencyKey) ?? -1] : undefined;
      return formatMoney(v, typeof cur === "string" && cur ? cur : "MXN");
    }
    if (col.type === "date" && typeof v === "number") return formatDayFirst(v);
    if (col.type === "percent" && typeof v === "number") return `${(Math.round(v * 1000) / 10).toFixed(1)} %`;
    return safeText(String(v));
  };
  const rows = options.rows ? options.rows.map((r) => sheet.rows[r]) : sheet.rows;
  const body = [...rows, ...sheet.totals.map((t) => t.values)].map((r) => cols.map(({ i }) => fmt(r, i)));
  const header = cols.map(({ c }) => c.header);
  const widths = header.map((h, k) => Math.min(40, Math.max(h.length, ...body.map((r) => r[k].length))));
  const right = cols.map(({ c }) => c.type === "money" || c.type === "integer" || c.type === "number");
  const line = (cells: string[]) =>
    cells.map((s, k) => (s.length > widths[k] ? s.slice(0, widths[k] - 1) + "…" : right[k] ? s.padStart(widths[k]) : s.padEnd(widths[k]))).join("  ").trimEnd();
  const out = [line(header), widths.map((w) => "-".repeat(w)).join("  ")];
  body.forEach((r, k) => {
    if (k === rows.length && sheet.totals.length) out.push(widths.map((w) => "=".repeat(w)).join("  "));
    out.push(line(r));
  });
  return out.join("\n");
}

/** One problem row (row, column, value, reason) as a line: `fila 12, Vencimiento neto = "31.02.2026": …`. */
export function problemLine(values: readonly ReportValue[], lang: Lang): string {
  const [row, column, value, reason] = values;
  return message(lang, "report.problemLine", { row: String(row ?? ""), column: shortText(String(column ?? ""), 40), value: shortText(String(value ?? "")), reason: safeText(String(reason ?? "")) });
}

export interface TextOptions {
  /** Problem lines shown per sheet; the rest are counted. */
  maxProblems?: number;
  /** Where the rest can be seen (`--out` / `--json`). */
  moreHint?: string;
  /** Notes of the first sheet shown (the rest are in the workbook). */
  maxNotes?: number;
}

/**
 * A report as the terminal shows it: the first sheet's title, subtitle, glimpse and notes,
 * then the problems of every problem sheet, a line each.
 */
export function reportToText(report: Report, options: TextOptions = {}): string[] {
  const lang = report.lang;
  const out: string[] = [];
  const first = report.sheets[0];
  if (first) {
    out.push(safeText(first.subtitle ? `${first.title ?? report.title} — ${first.subtitle}` : (first.title ?? report.title)), "");
    if (first.glimpse) {
      out.push(first.glimpse.heading);
      out.push(sheetToText(first, { rows: first.glimpse.rows, columns: first.glimpse.columns }));
    } else {
      out.push(sheetToText(first));
    }
    out.push("");
    for (const fact of report.facts ?? []) out.push(safeText(fact));
    for (const note of first.notes.slice(0, options.maxNotes ?? first.notes.length)) out.push(safeText(note));
  }
  const max = options.maxProblems ?? 20;
  for (const sheet of report.sheets) {
    if (!sheet.problems || sheet.rows.length === 0) continue;
    out.push("", message(lang, "report.problemsHeading", { sheet: sheet.name }));
    for (const r of sheet.rows.slice(0, max)) out.push(`  ${problemLine(r, lang)}`);
    if (sheet.rows.length > max) out.push(`  ${message(lang, "report.problemsMore", { count: sheet.rows.length - max })}${options.moreHint ? ` ${options.moreHint}` : ""}`);
  }
  return out;
}
