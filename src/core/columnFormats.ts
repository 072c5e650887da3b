/**
 * Decisions taken once per column, never one cell at a time: whether a column's dates are
 * written day first or month first, and whether its amounts use a decimal point or a decimal
 * comma. One cell alone cannot say what `03/04/2026` or `1.000` means; the rest of its
 * column usually can, and when it cannot, the decision says so instead of guessing.
 *
 * Both functions take a column's raw cell values (strings are examined, numbers and empty
 * cells are neutral) and only count: no allocation per value.
 */
import { dateOrderEvidence, dayFromCivil, formatIsoDate, isValidYmd, type DateOrder } from "./dates";
import type { Problem } from "./messages";
import { decimalEvidence, type DecimalSeparator } from "./money";

// ---- date order -----------------------------------------------------------------------

export interface DateOrderCounts {
  /** Values that are real dates only when read day first (`13/02/2013`). */
  dayFirstOnly: number;
  /** Values that are real dates only when read month first (`2/13/2013`). */
  monthFirstOnly: number;
  /** Values that are real dates either way (`03/04/2026`). */
  either: number;
}

/**
 * - `dayFirst`, `decided: true`: some value can only be day first and none only month first.
 * - `dayFirst`, `decided: false`: nothing in the column says; day first is the rule. When some
 *   values could be read either way, `note` says so (a warning worth showing once).
 * - `monthFirst`: some value can only be month first and none only day first; `warning` names
 *   one, since reading month first departs from the rule.
 * - `mixed`: values of both kinds; `problem` names one of each. The column cannot be read
 *   without guessing: reject it.
 */
export type DateOrderDecision =
  | { order: "dayFirst"; decided: boolean; counts: DateOrderCounts; note?: Problem }
  | { order: "monthFirst"; decided: true; counts: DateOrderCounts; warning: Problem }
  | { order: "mixed"; counts: DateOrderCounts; problem: Problem };

/** The date the text means when read in `order`, as ISO, for messages. */
function reading(text: string, order: DateOrder): string {
  const m = /^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{1,4})/.exec(text);
  if (!m) return text.trim();
  const a = +m[1], b = +m[2];
  const y = m[3].length <= 2 ? 2000 + +m[3] : +m[3];
  const [mo, d] = order === "dayFirst" ? [b, a] : [a, b];
  return isValidYmd(y, mo, d) ? formatIsoDate(dayFromCivil(y, mo, d)) : text.trim();
}

/** How many of a column's texts give each kind of evidence, and the first text of each kind. */
function tally<E extends string>(values: readonly unknown[], evidence: (text: string) => E): { count: Partial<Record<E, number>>; example: Partial<Record<E, string>> } {
  const count: Partial<Record<E, number>> = {};
  const example: Partial<Record<E, string>> = {};
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "string") continue;
    const e = evidence(v);
    const n = count[e] ?? 0;
    if (n === 0) example[e] = v.trim();
    count[e] = n + 1;
  }
  return { count, example };
}

export function decideDateOrder(values: readonly unknown[]): DateOrderDecision {
  const t = tally(values, dateOrderEvidence);
  const counts: DateOrderCounts = { dayFirstOnly: t.count.dayFirst ?? 0, monthFirstOnly: t.count.monthFirst ?? 0, either: t.count.either ?? 0 };
  const dayExample = t.example.dayFirst ?? "";
  const monthExample = t.example.monthFirst ?? "";
  const eitherExample = t.example.either ?? "";
  if (counts.dayFirstOnly > 0 && counts.monthFirstOnly > 0) {
    return {
      order: "mixed",
      counts,
      problem: {
        code: "date.order.mixed",
        params: {
          dayFirst: dayExample,
          dayFirstReading: reading(dayExample, "dayFirst"),
          monthFirst: monthExample,
          monthFirstReading: reading(monthExample, "monthFirst"),
        },
      },
    };
  }
  if (counts.monthFirstOnly > 0) {
    return {
      order: "monthFirst",
      decided: true,
      counts,
      warning: { code: "date.order.monthFirst", params: { example: monthExample, reading: reading(monthExample, "monthFirst"), count: counts.monthFirstOnly + counts.either } },
    };
  }
  if (counts.dayFirstOnly > 0) return { order: "dayFirst", decided: true, counts };
  if (counts.either > 0) {
    return {
      order: "dayFirst",
      decided: false,
      counts,
      note: { code: "date.order.assumed", params: { example: eitherExample, reading: reading(eitherExample, "dayFirst"), count: counts.either } },
    };
  }
  return { order: "dayFirst", decided: false, counts };
}

// ---- decimal separator ----------------------------------------------------------------

export interface DecimalCounts {
  /** Values that can only have a decimal point (`1,234.56`, `1.5`, `1,000,000`). */
  point: number;
  /** Values that can only have a decimal comma (`1.234,56`, `1,5`, `1.000.000`). */
  comma: number;
  /** Values that could be either (`1.000`, `12,345`). */
  ambiguous: number;
}

/**
 * - `.` or `,`: some value can only be read that way and none the other way; `reason` names it.
 * - `undecided` because `noSeparators`: nothing in the column has a separator (or only numbers):
 *   nothing is ambiguous either, so nothing needs saying.
 * - `undecided` because `allAmbiguous`: every value with a separator could be either; each one
 *   is a problem when parsed (`amount.ambiguous`), and `reason` says why for the whole column.
 * - `undecided` because `conflict`: values of both kinds. Each unambiguous value still reads
 *   its own way; ambiguous ones are problems; `reason` names one of each.
 */
export type DecimalDecision =
  | { decimal: DecimalSeparator; counts: DecimalCounts; reason: Problem }
  | { decimal: "undecided"; why: "noSeparators"; counts: DecimalCounts }
  | { decimal: "undecided"; why: "allAmbiguous" | "conflict"; counts: DecimalCounts; reason: Problem };

export function decideDecimalSeparator(values: readonly unknown[]): DecimalDecision {
  const t = tally(values, decimalEvidence);
  const counts: DecimalCounts = { point: t.count["."] ?? 0, comma: t.count[","] ?? 0, ambiguous: t.count.ambiguous ?? 0 };
  const pointExample = t.example["."] ?? "";
  const commaExample = t.example[","] ?? "";
  const ambiguousExample = t.example.ambiguous ?? "";
  if (counts.point > 0 && counts.comma > 0) {
    return { decimal: "undecided", why: "conflict", counts, reason: { code: "amount.decimal.conflict", params: { point: pointExample, comma: commaExample } } };
  }
  if (counts.point > 0) return { decimal: ".", counts, reason: { code: "amount.decimal.point", params: { example: pointExample } } };
  if (counts.comma > 0) return { decimal: ",", counts, reason: { code: "amount.decimal.comma", params: { example: commaExample } } };
  if (counts.ambiguous > 0) {
    return { decimal: "undecided", why: "allAmbiguous", counts, reason: { code: "amount.decimal.undecided", params: { example: ambiguousExample, count: counts.ambiguous } } };
  }
  return { decimal: "undecided", why: "noSeparators", counts };
}
