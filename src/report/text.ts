import { formatDayFirst } from "../core/dates";
import { formatMoney } from "../core/money";
import type { ReportSheet, ReportValue } from "../core/report/report";

/** A Report sheet as an aligned text table for the terminal. */
export function sheetToText(sheet: ReportSheet, options: { maxRows?: number; columns?: string[] } = {}): string {
  const cols = sheet.columns.map((c, i) => ({ c, i })).filter(({ c }) => !options.columns || options.columns.includes(c.key));
  const currencyIdx = new Map(sheet.columns.map((c, i) => [c.key, i]));
  const fmt = (values: readonly ReportValue[], i: number): string => {
    const col = sheet.columns[i];
    const v = values[i];
    if (v === null || v === undefined) return "";
    if (col.type === "money" && typeof v === "number") {
      const cur = col.currencyKey ? values[currencyIdx.get(col.currencyKey) ?? -1] : undefined;
      return formatMoney(v, typeof cur === "string" && cur ? cur : "MXN");
    }
    if (col.type === "date" && typeof v === "number") return formatDayFirst(v);
    return String(v);
  };
  const rows = options.maxRows === undefined ? sheet.rows : sheet.rows.slice(0, options.maxRows);
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
