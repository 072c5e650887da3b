import { formatIsoDate } from "../core/dates";
import { isPromise, type Minutes } from "../core/statement/minutes";
import { columnIndexes } from "./journal";

/**
 * The `Compromisos` list: every agreement with an amount and a date, one row each, added
 * when its minutes are delivered — a CSV beside the journal for the command line
 * (compromisosFile.ts), a `Compromisos` sheet in the add-in. A row is added once: re-running
 * the same minutes adds nothing.
 */
export const PROMISE_COLUMNS = ["registered", "key", "customer", "customerName", "meetingDate", "description", "responsible", "dueDate", "amount", "currency", "status"] as const;

export function promiseKey(m: Minutes, index: number): string {
  const a = m.agreements[index];
  return `${m.customer}|${formatIsoDate(m.date)}|${index + 1}|${a.dueDate === null ? "" : formatIsoDate(a.dueDate)}|${a.amount ?? ""}`;
}

/**
 * The rows the minutes' promises add to a list that already holds `known` keys (which this
 * extends), in PROMISE_COLUMNS order. Amounts in currency units with two decimals, as a person
 * (and Excel) reads them.
 */
export function newPromiseRows(minutes: Minutes, now: Date, known: Set<string>): string[][] {
  const rows: string[][] = [];
  minutes.agreements.forEach((a, i) => {
    if (!isPromise(a)) return;
    const key = promiseKey(minutes, i);
    if (known.has(key)) return;
    known.add(key);
    rows.push([now.toISOString(), key, minutes.customer, minutes.customerName, formatIsoDate(minutes.date), a.description, a.responsible, formatIsoDate(a.dueDate), (a.amount / 100).toFixed(2), a.currency, "open"]);
  });
  return rows;
}

/** The keys a stored list holds (its rows, header first; `labels` as for `columnIndexes`). */
export function promiseKeys(rows: readonly (readonly string[])[], labels: Readonly<Record<string, readonly string[]>> = {}): Set<string> {
  if (rows.length === 0) return new Set();
  const at = columnIndexes(rows[0], PROMISE_COLUMNS, labels)[PROMISE_COLUMNS.indexOf("key")];
  return new Set(rows.slice(1).map((r) => r[at] ?? ""));
}
