import type { ReportChart, ReportSheet, ReportValue } from "./report";

/**
 * The rows a report chart plots. A Report says what to chart (category column, series
 * columns, how many categories); which rows make the cut is a decision, so it lives here and
 * every writer that draws charts plots the same rows.
 *
 * Rows are ranked by the sum of their highlighted series (the overdue buckets of an aging),
 * then by the sum of all series; only rows in `currency` are kept when the series carry a
 * currency, because bars of different currencies must not stack.
 */
export interface ChartData {
  categories: string[];
  /** Series in the chart's order: column key, header, and one value per category (report units). */
  series: { key: string; header: string; values: number[] }[];
}

export function chartData(sheet: ReportSheet, chart: ReportChart, currency?: string): ChartData {
  const index = new Map(sheet.columns.map((c, i) => [c.key, i]));
  const cat = index.get(chart.categoryKey);
  const seriesIdx = chart.seriesKeys.map((k) => index.get(k)).filter((i): i is number => i !== undefined);
  if (cat === undefined || seriesIdx.length === 0) return { categories: [], series: [] };
  const currencyKey = sheet.columns[seriesIdx[0]].currencyKey;
  const curIdx = currencyKey === undefined ? undefined : index.get(currencyKey);
  const highlighted = seriesIdx.filter((i) => sheet.columns[i].highlightPositive);
  const num = (v: ReportValue) => (typeof v === "number" ? v : 0);
  const ranked = sheet.rows
    .filter((r) => currency === undefined || curIdx === undefined || r[curIdx] === currency)
    .map((r, order) => ({ r, order, hi: highlighted.reduce((s, i) => s + num(r[i]), 0), all: seriesIdx.reduce((s, i) => s + num(r[i]), 0) }))
    .sort((a, b) => b.hi - a.hi || b.all - a.all || a.order - b.order)
    .slice(0, Math.max(0, chart.maxCategories));
  return {
    categories: ranked.map((x) => String(x.r[cat] ?? "")),
    series: seriesIdx.map((i) => ({ key: sheet.columns[i].key, header: sheet.columns[i].header, values: ranked.map((x) => num(x.r[i])) })),
  };
}
