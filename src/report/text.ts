import { formatDayFirst } from "../core/dates";
import { message, type Lang } from "../core/messages";
import { formatMoney } from "../core/money";
import { formatQuantity } from "../core/reconcile/quantity";
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
    if (col.type === "quantity" && typeof v === "number") return formatQuantity(v);
    if (col.type === "date" && typeof v === "number") return formatDayFirst(v);
    // Percent columns hold fractions (0.951), as Excel's `0.0%` format does.
    if (col.type === "percent" && typeof v === "number") return `${String(Math.round(v * 1000) / 10)} %`;
    return safeText(String(v));
  };
  const picked = options.rows ?? sheet.rows.map((_, k) => k);
  const rows = picked.map((r) => sheet.rows[r]);
  const kinds = picked.map((r) => sheet.rowKinds?.[r] ?? null);
  const body = [...rows, ...sheet.totals.map((t) => t.values)].map((r) => cols.map(({ i }) => fmt(r, i)));
  const header = cols.map(({ c }) => c.header);
  // A section's label stands alone on its line: it does not widen the first column.
  const widths = header.map((h, k) => Math.min(40, Math.max(h.length, ...body.filter((_, j) => kinds[j] !== "section").map((r) => r[k].length))));
  const right = cols.map(({ c }) => c.type === "money" || c.type === "integer" || c.type === "number" || c.type === "quantity");
  const line = (cells: string[]) =>
    cells.map((s, k) => (s.length > widths[k] ? s.slice(0, widths[k] - 1) + "…" : right[k] ? s.padStart(widths[k]) : s.padEnd(widths[k]))).join("  ").trimEnd();
  const rule = (ch: string) => widths.map((w) => ch.repeat(w)).join("  ");
  const out = [line(header), rule("-")];
  body.forEach((r, k) => {
    if (k === rows.length && sheet.totals.length) out.push(rule("="));
    const kind = kinds[k];
    if (kind === "section") {
      out.push("", r.find((c) => c !== "") ?? "");
      return;
    }
    if (kind === "subtotal") out.push(rule("-"));
    else if (kind === "balance" && k > 0) out.push(rule("="));
    out.push(line(r));
  });
  return out.join("\n");
}

/** One problem row (row, column, value, reason) as a line: `fila 12, Vencimiento neto = "31.02.2026": …`. */
export function problemLine(values: readonly ReportValue[], lang: Lang): string {
  const [row, column, value, reason, file] = values;
  const line = message(lang, "report.problemLine", { row: String(row ?? ""), column: shortText(String(column ?? ""), 40), value: shortText(String(value ?? "")), reason: safeText(String(reason ?? "")) });
  // A problem sheet gathering several tables names each row's file in a fifth column.
  return typeof file === "string" && file !== "" ? `${shortText(file, 40)}: ${line}` : line;
}

/** Signature blocks side by side: the line, the party, the lines to fill in. */
export function signatureLines(sheet: ReportSheet): string[] {
  const blocks = sheet.signatures ?? [];
  const width = Math.max(32, ...blocks.map((b) => Math.max(b.party.length, ...b.lines.map((l) => l.length)) + 4));
  const height = Math.max(...blocks.map((b) => b.lines.length));
  const row = (cells: string[]) => cells.map((c) => safeText(c).padEnd(width)).join("").trimEnd();
  const out = ["", row(blocks.map(() => "_".repeat(width - 4))), row(blocks.map((b) => b.party))];
  for (let k = 0; k < height; k++) out.push(row(blocks.map((b) => b.lines[k] ?? "")));
  return out;
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
      // A glimpse of nothing is its heading alone ("no differences"), not an empty table.
      if (first.glimpse.rows.length) out.push(sheetToText(first, { rows: first.glimpse.rows, columns: first.glimpse.columns }));
    } else {
      out.push(sheetToText(first));
    }
    out.push("");
    for (const fact of report.facts ?? []) out.push(safeText(fact));
    for (const note of first.notes.slice(0, options.maxNotes ?? first.notes.length)) out.push(safeText(note));
    if (first.signatures?.length) out.push(...signatureLines(first));
  }
  // Further sheets that chose a glimpse (held orders, a schedule) show it too.
  for (const sheet of report.sheets.slice(1)) {
    if (!sheet.glimpse || sheet.problems) continue;
    out.push("", safeText(sheet.glimpse.heading));
    if (sheet.glimpse.rows.length) out.push(sheetToText({ ...sheet, totals: [] }, { rows: sheet.glimpse.rows, columns: sheet.glimpse.columns }));
  }
  const max = options.maxProblems ?? 20;
  for (const sheet of report.sheets) {
    if (!sheet.problems || sheet.rows.length === 0) continue;
    out.push("", sheet.problemsHeading ? safeText(sheet.problemsHeading) : message(lang, "report.problemsHeading", { sheet: sheet.name }));
    for (const r of sheet.rows.slice(0, max)) out.push(`  ${problemLine(r, lang)}`);
    if (sheet.rows.length > max) out.push(`  ${message(lang, "report.problemsMore", { count: sheet.rows.length - max })}${options.moreHint ? ` ${options.moreHint}` : ""}`);
  }
  return out;
}
