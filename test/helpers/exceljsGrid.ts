// exceljs cell values turned into Grid values: the oracle the fast .xlsx reader is compared with.
import { dayFromCivil, serialFromDay, type DateSystem } from "../../src/core/dates";
import type { Cell } from "../../src/core/grid";

/**
 * Turns an exceljs cell value into what Office.js would give for the same cell: dates as
 * serials in the workbook's date system, formulas as their results, rich text as text.
 */
export function gridValueFromExcelJs(v: unknown, system: DateSystem): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    // exceljs builds dates from serials in UTC, so the UTC fields are the civil date.
    return serialFromDay(dayFromCivil(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()), system);
  }
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("result" in o) return gridValueFromExcelJs(o.result, system);
    if ("formula" in o || "sharedFormula" in o) return null;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join("");
    if ("text" in o) return gridValueFromExcelJs(o.text, system);
    if ("error" in o) return String(o.error);
  }
  return String(v);
}

/** exceljs rows are 1-based and sparse; a Grid row is a dense 0-based array. */
export function gridRowFromExcelJs(values: unknown, system: DateSystem): Cell[] {
  if (!Array.isArray(values)) return [];
  const out: Cell[] = new Array(Math.max(0, values.length - 1));
  for (let i = 1; i < values.length; i++) out[i - 1] = gridValueFromExcelJs(values[i], system);
  return out;
}
