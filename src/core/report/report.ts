import type { Lang } from "../messages";

/**
 * The one output seam: a result is built once as a Report and rendered by each writer
 * (xlsx, Excel sheets, JSON, HTML, text). Values are typed by their column: money in
 * centavos, dates as civil day numbers, quantities in thousandths, so no writer re-parses anything.
 */
export type ColumnType = "text" | "code" | "money" | "date" | "integer" | "number" | "percent" | "boolean" | "quantity";

/**
 * How a row of a statement-like sheet reads (the signed reconciliation): the heading of a
 * group (its label in the first column), the group's subtotal, or a balance line.
 */
export type ReportRowKind = "section" | "subtotal" | "balance";

/** A signature block at the foot of a sheet both parties sign: who signs, and the lines to fill. */
export interface ReportSignature {
  party: string;
  lines: string[];
}

export type ReportValue = string | number | boolean | null;

export interface ReportColumn {
  key: string;
  header: string;
  type: ColumnType;
  /** Characters, a hint for writers. */
  width?: number;
  /** For money: the key of the column that holds each row's currency. */
  currencyKey?: string;
  /** Overdue amounts: writers highlight positive values. */
  highlightPositive?: boolean;
  /** Flags, hold reasons, errors: writers highlight any cell that says something. */
  highlightNonEmpty?: boolean;
}

export interface ReportTotal {
  label: string;
  values: ReportValue[];
}

export interface ReportChart {
  kind: "stackedBar";
  title: string;
  /** Column keys: category labels, then one series per column. */
  categoryKey: string;
  seriesKeys: string[];
  /** Rows to plot (a chart of 300 customers helps nobody). */
  maxCategories: number;
}

export interface ReportSheet {
  /** Stable identity across languages, so re-runs replace their own sheets. */
  id: string;
  name: string;
  title?: string;
  subtitle?: string;
  columns: ReportColumn[];
  rows: ReportValue[][];
  totals: ReportTotal[];
  notes: string[];
  freezeHeader: boolean;
  autoFilter: boolean;
  chart?: ReportChart;
  /**
   * What to show where only a glimpse fits (the terminal, an e-mail): a heading, the columns
   * and the rows (indexes into `rows`, in order). Choosing them is the report's decision.
   */
  glimpse?: ReportGlimpse;
  /**
   * Rejected-row sheets: each row is one problem, shown as a line where only a glimpse fits
   * (`fila 12, Vencimiento neto = "31.02.2026": …`).
   */
  problems?: boolean;
  /** The heading a problem sheet gets where only a glimpse fits, when several sheets list problems. */
  problemsHeading?: string;
  /** Per row (aligned with `rows`), for sheets laid out as a statement; absent rows are plain. */
  rowKinds?: (ReportRowKind | null)[];
  /** Signature blocks under the sheet (a reconciliation both parties sign). */
  signatures?: ReportSignature[];
}

export interface ReportGlimpse {
  heading: string;
  columns: string[];
  rows: number[];
}

/** One figure of a result's headline: a bucket's balance, a total, a match rate. */
export interface ReportFigure {
  key: string;
  label: string;
  type: ColumnType;
  value: ReportValue;
  /** Drawn as a warning (an overdue balance, an unmatched amount) when positive. */
  highlight?: boolean;
  /** Emphasised as a total. */
  total?: boolean;
}

/**
 * A small table of figures that says what a result found at a glance: the task pane shows
 * it and e-mails quote it (the aging's totals per currency). Every writer draws it the same.
 */
export interface ReportSummary {
  id: string;
  caption: string;
  /** For money figures. */
  currency?: string;
  /** Header of the label column and of the value column. */
  labelHeader: string;
  valueHeader: string;
  figures: ReportFigure[];
}

export interface Report {
  title: string;
  /** What the result found at a glance (pane, e-mail); the sheets hold the detail. */
  summaries?: ReportSummary[];
  /** Short sentences shown under the summaries (counts of customers and items). */
  facts?: string[];
  lang: Lang;
  /** Default currency for money columns without a currency key. */
  currency: string;
  sheets: ReportSheet[];
}
