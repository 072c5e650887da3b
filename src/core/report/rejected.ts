import { describe, message, type Lang } from "../messages";
import type { Rejection } from "../tables/table";
import type { ReportSheet } from "./report";

export interface RejectedSheetOptions {
  id?: string;
  name?: string;
  /** The heading the terminal gives this sheet when several files' rejections are listed. */
  heading?: string;
  /** A fifth column naming each row's file, when one sheet lists several files' rows. */
  files?: { header: string; labels: readonly string[] };
}

/**
 * The rows a reader could not use, one per problem: row, column, value and reason. Every
 * result lists them the same way (the aging, each reconciliation, cash application, credit).
 */
export function rejectedSheet(rejected: readonly Rejection[], lang: Lang, o: RejectedSheetOptions = {}): ReportSheet {
  const say = (k: Parameters<typeof message>[1]) => message(lang, k);
  const columns: ReportSheet["columns"] = [
    { key: "row", header: say("report.col.row"), type: "integer", width: 8 },
    { key: "column", header: say("report.col.column"), type: "text", width: 28 },
    { key: "value", header: say("report.col.value"), type: "text", width: 24 },
    { key: "reason", header: say("report.col.reason"), type: "text", width: 70 },
  ];
  if (o.files) columns.push({ key: "file", header: o.files.header, type: "text", width: 28 });
  return {
    id: o.id ?? "rejected",
    name: o.name ?? say("report.sheet.rejected"),
    columns,
    rows: rejected.map((r, i) => {
      const row = [r.row, r.column, r.value, describe(r.problem, lang)];
      if (o.files) row.push(o.files.labels[i] ?? "");
      return row;
    }),
    totals: [],
    notes: [],
    freezeHeader: true,
    autoFilter: true,
    problems: true,
    ...(o.heading ? { problemsHeading: o.heading } : {}),
  };
}
