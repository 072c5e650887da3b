import { formatDayFirst } from "../core/dates";
import { fillTemplate, message, type Lang } from "../core/messages";
import { formatMoney } from "../core/money";
import type { ColumnType, Report, ReportSheet, ReportSummary, ReportValue } from "../core/report/report";
import { OVERDUE_FILL, OVERDUE_FONT, TITLE_COLOR } from "./layout";

/**
 * The HTML writer: a Report's summaries and facts for the task pane, and a Report sheet as a
 * table for an e-mail body. Output is a string; every text that comes from data (a customer
 * called `<script>`, a header with `&`) is escaped, so the pane can insert it as HTML and a
 * mail client shows it as text.
 *
 * Two looks. The pane's (default) carries classes its stylesheet draws. E-mail's (`inline`)
 * carries everything in `style` attributes and old table attributes, because Outlook's Word
 * engine drops <style> blocks, ignores flex, max-width and CSS on <caption>, and honours
 * `cellpadding`/`align` on tables.
 */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** `name="value"` pairs, escaped; null/undefined/false are left out. */
function attrs(a: Record<string, string | number | null | undefined | false>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== null && v !== undefined && v !== false && v !== "")
    .map(([k, v]) => ` ${k}="${escapeHtml(String(v))}"`)
    .join("");
}

const NUMERIC: ReadonlySet<ColumnType> = new Set(["money", "integer", "number", "percent"]);

/** A value as a reader sees it: money with its currency, dates day-first, digits grouped. */
export function formatValue(type: ColumnType, value: ReportValue, lang: Lang, currency = "MXN"): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return message(lang, value ? "pane.html.yes" : "pane.html.no");
  if (typeof value === "string") return value;
  switch (type) {
    case "money":
      return formatMoney(value, currency);
    case "date":
      // As on the result sheets (dd/mm/yyyy) and in the text writer, whatever the language.
      return formatDayFirst(value);
    case "integer":
      return fillTemplate("{n#}", lang, { n: value });
    case "number":
      return groupFixed(value, 2);
    case "percent":
      return `${groupFixed(value * 100, 1)}%`;
    default:
      return String(value);
  }
}

function groupFixed(n: number, decimals: number): string {
  const [int, frac] = Math.abs(n).toFixed(decimals).split(".");
  const sign = n < 0 && Number(`${int}.${frac}`) !== 0 ? "-" : "";
  return `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${frac}`;
}

// ---- summaries and facts --------------------------------------------------------------------

/** Inline styles for e-mail, by the role of an element. */
const MAIL = {
  table: "border-collapse:collapse;font-family:Segoe UI,Arial,sans-serif;font-size:14px;color:#242424",
  caption: "font-family:Segoe UI,Arial,sans-serif;font-size:12px;color:#616161;margin:8px 0 4px",
  th: "padding:4px 8px;border-bottom:1px solid #e0e0e0;font-weight:normal",
  headTh: `padding:6px 8px;font-weight:bold;background:${TITLE_COLOR};color:#ffffff`,
  td: "padding:4px 8px;border-bottom:1px solid #e0e0e0",
  left: "text-align:left",
  num: "text-align:right;white-space:nowrap",
  overdue: `color:${OVERDUE_FONT};background:${OVERDUE_FILL}`,
  total: "font-weight:bold;border-top:1px solid #616161;background:#DDEBF7",
  fact: "font-family:Segoe UI,Arial,sans-serif;font-size:12px;color:#616161;margin:4px 0",
  title: `font-family:Segoe UI,Arial,sans-serif;font-size:16px;font-weight:bold;color:${TITLE_COLOR};margin:12px 0 2px`,
  note: "font-family:Segoe UI,Arial,sans-serif;font-size:12px;font-style:italic;color:#595959;margin:2px 0",
};

export interface HtmlOptions {
  /** E-mail: inline styles only (Outlook-safe). The pane's default uses its stylesheet's classes. */
  inline?: boolean;
}

function style(inline: boolean | undefined, ...parts: (string | false)[]): string | undefined {
  if (!inline) return undefined;
  return parts.filter((p): p is string => Boolean(p)).join(";");
}

/**
 * One summary as a two-column table (label, value). Hooks a test or a script can rely on:
 * the table's `data-testid` is the summary's id (`totals-MXN`), each row's `data-bucket` is
 * its figure's key (`0`, `1`…, `total`, `overdue`), money cells carry `data-centavos`, and a
 * highlighted figure above zero has class `overdue`.
 */
export function summaryHtml(summary: ReportSummary, lang: Lang, options: HtmlOptions = {}): string {
  const inline = options.inline;
  const rows = summary.figures.map((f) => {
    const overdue = f.highlight === true && typeof f.value === "number" && f.value > 0;
    const numeric = NUMERIC.has(f.type);
    const className = [overdue ? "overdue" : "", f.total ? "total" : ""].filter(Boolean).join(" ");
    const cell = (tag: "th" | "td", text: string, num: boolean, extra: Record<string, string | number | undefined> = {}) =>
      `<${tag}${attrs({
        class: !inline && num ? "num" : undefined,
        ...extra,
        align: inline ? (num ? "right" : "left") : undefined,
        style: style(inline, tag === "th" ? MAIL.th : MAIL.td, num ? MAIL.num : MAIL.left, overdue && MAIL.overdue, f.total === true && MAIL.total),
      })}>${escapeHtml(text)}</${tag}>`;
    const value = formatValue(f.type, f.value, lang, summary.currency);
    const centavos = f.type === "money" && typeof f.value === "number" ? f.value : undefined;
    return `<tr${attrs({ class: inline ? undefined : className, "data-bucket": f.key })}>${cell("th", f.label, false, { scope: "row" })}${cell("td", value, numeric, { "data-centavos": centavos })}</tr>`;
  });
  const valueNumeric = summary.figures.some((f) => NUMERIC.has(f.type));
  const head =
    `<tr><th${attrs({ scope: "col", align: inline ? "left" : undefined, style: style(inline, MAIL.headTh, MAIL.left) })}>${escapeHtml(summary.labelHeader)}</th>` +
    `<th${attrs({ scope: "col", class: !inline && valueNumeric ? "num" : undefined, align: inline ? (valueNumeric ? "right" : "left") : undefined, style: style(inline, MAIL.headTh, valueNumeric ? MAIL.num : MAIL.left) })}>${escapeHtml(summary.valueHeader)}</th></tr>`;
  const table = attrs({
    class: inline ? undefined : "grid summary",
    "data-testid": summary.id,
    "data-currency": summary.currency,
    cellpadding: inline ? 0 : undefined,
    cellspacing: inline ? 0 : undefined,
    border: inline ? 0 : undefined,
    style: style(inline, MAIL.table),
  });
  // Outlook ignores CSS on <caption>: e-mail gets a paragraph above the table instead.
  const caption = inline ? "" : `<caption>${escapeHtml(summary.caption)}</caption>`;
  const before = inline ? `<p${attrs({ style: MAIL.caption })}>${escapeHtml(summary.caption)}</p>` : "";
  return `${before}<table${table}>${caption}<thead>${head}</thead><tbody>${rows.join("")}</tbody></table>`;
}

export interface FactsOptions extends HtmlOptions {
  /** `data-testid` of each fact by position (the aging's `counts`, `customers-count`). */
  factIds?: readonly string[];
}

export function factsHtml(facts: readonly string[], options: FactsOptions = {}): string {
  return facts.map((f, i) => `<p${attrs({ class: options.inline ? undefined : "hint fact", "data-testid": options.factIds?.[i], style: style(options.inline, MAIL.fact) })}>${escapeHtml(f)}</p>`).join("");
}

/** What a result found at a glance: every summary, then the facts. */
export function reportSummaryHtml(report: Report, options: FactsOptions = {}): string {
  return (report.summaries ?? []).map((s) => summaryHtml(s, report.lang, options)).join("") + factsHtml(report.facts ?? [], options);
}

// ---- a whole sheet, for e-mail ---------------------------------------------------------------

export interface SheetHtmlOptions {
  /** Rows shown; the rest are counted in a line under the table. */
  maxRows?: number;
  /** Currency of money columns without a currency column (the report's). */
  currency?: string;
}

/**
 * A Report sheet as an e-mail table: title, subtitle, header, rows, totals and notes, with
 * inline styles and table layout only. Money is formatted in each row's currency, positive
 * overdue amounts are highlighted as on the result sheets, codes keep their leading zeros.
 */
export function sheetHtml(sheet: ReportSheet, lang: Lang, options: SheetHtmlOptions = {}): string {
  const index = new Map(sheet.columns.map((c, i) => [c.key, i]));
  const currencyOf = sheet.columns.map((c) => (c.currencyKey !== undefined ? (index.get(c.currencyKey) ?? -1) : -1));
  const fallback = options.currency ?? "MXN";
  const row = (values: readonly ReportValue[], total: boolean): string => {
    const cells = sheet.columns.map((c, i) => {
      const v = values[i] ?? null;
      const cur = currencyOf[i] >= 0 ? values[currencyOf[i]] : undefined;
      const text = formatValue(c.type, v, lang, typeof cur === "string" && cur !== "" ? cur : fallback);
      const num = NUMERIC.has(c.type);
      const hot = !total && ((c.highlightPositive === true && typeof v === "number" && v > 0) || (c.highlightNonEmpty === true && v !== null && v !== ""));
      return `<td${attrs({ align: num ? "right" : "left", style: style(true, MAIL.td, num ? MAIL.num : MAIL.left, hot && MAIL.overdue, total && MAIL.total) })}>${escapeHtml(text)}</td>`;
    });
    return `<tr>${cells.join("")}</tr>`;
  };
  const shown = options.maxRows === undefined ? sheet.rows : sheet.rows.slice(0, options.maxRows);
  const more = sheet.rows.length - shown.length;
  const head = sheet.columns
    .map((c) => {
      const num = NUMERIC.has(c.type);
      return `<th${attrs({ scope: "col", align: num ? "right" : "left", style: style(true, MAIL.headTh, num ? MAIL.num : MAIL.left) })}>${escapeHtml(c.header)}</th>`;
    })
    .join("");
  const out: string[] = [];
  if (sheet.title) out.push(`<p${attrs({ style: MAIL.title })}>${escapeHtml(sheet.title)}</p>`);
  if (sheet.subtitle) out.push(`<p${attrs({ style: MAIL.note })}>${escapeHtml(sheet.subtitle)}</p>`);
  out.push(
    `<table${attrs({ cellpadding: 0, cellspacing: 0, border: 0, "data-sheet": sheet.id, style: MAIL.table })}>` +
      `<thead><tr>${head}</tr></thead>` +
      `<tbody>${shown.map((r) => row(r, false)).join("")}${sheet.totals.map((t) => row(t.values, true)).join("")}</tbody></table>`,
  );
  if (more > 0) out.push(`<p${attrs({ style: MAIL.note })}>${escapeHtml(message(lang, "pane.html.moreRows", { count: more }))}</p>`);
  for (const note of sheet.notes) out.push(`<p${attrs({ style: MAIL.note })}>${escapeHtml(note)}</p>`);
  return out.join("");
}

/**
 * The rows a sheet chose for a glimpse (the customers with alerts, held orders first, the
 * schedule), under its heading: what the pane shows of a sheet without listing it whole.
 */
export function glimpseHtml(sheet: ReportSheet, lang: Lang, options: SheetHtmlOptions = {}): string {
  const g = sheet.glimpse;
  if (!g) return "";
  // A money column brings its currency column along: an amount never shows in another currency.
  const wanted = new Set(g.columns);
  for (const c of sheet.columns) if (wanted.has(c.key) && c.type === "money" && c.currencyKey) wanted.add(c.currencyKey);
  const keep = sheet.columns.map((c, i) => ({ c, i })).filter(({ c }) => wanted.has(c.key));
  const view: ReportSheet = {
    ...sheet,
    title: undefined,
    subtitle: undefined,
    columns: keep.map(({ c }) => c),
    rows: g.rows.map((r) => keep.map(({ i }) => sheet.rows[r]?.[i] ?? null)),
    totals: [],
    notes: [],
  };
  const heading = `<p${attrs({ style: MAIL.title, "data-glimpse": sheet.id })}>${escapeHtml(g.heading)}</p>`;
  return g.rows.length ? heading + sheetHtml(view, lang, options) : heading;
}
