import { existsSync, readFileSync } from "node:fs";
import { formatIsoDate } from "../core/dates";
import { isPromise, type Minutes } from "../core/statement/minutes";
import { csvLine, parseCsv } from "./journal";
import { appendDurably } from "./journalFile";

/**
 * The `Compromisos` list: every agreement with an amount and a date, one line each, appended
 * when its minutes are delivered (the add-in keeps the same columns in a sheet). A line is
 * added once: re-running the same minutes adds nothing.
 */
export const PROMISE_COLUMNS = ["registered", "key", "customer", "customerName", "meetingDate", "description", "responsible", "dueDate", "amount", "currency", "status"] as const;

export function promiseKey(m: Minutes, index: number): string {
  const a = m.agreements[index];
  return `${m.customer}|${formatIsoDate(m.date)}|${index + 1}|${a.dueDate === null ? "" : formatIsoDate(a.dueDate)}|${a.amount ?? ""}`;
}

export function appendPromises(path: string, minutes: Minutes, now: Date): number {
  const exists = existsSync(path);
  const rows = exists ? parseCsv(readFileSync(path, "utf8")) : [];
  const keyIndex = rows.length ? rows[0].indexOf("key") : -1;
  const known = new Set(rows.slice(1).map((r) => r[keyIndex] ?? ""));
  let text = exists && rows.length ? "" : "\uFEFF" + csvLine(PROMISE_COLUMNS);
  let added = 0;
  minutes.agreements.forEach((a, i) => {
    if (!isPromise(a)) return;
    const key = promiseKey(minutes, i);
    if (known.has(key)) return;
    known.add(key);
    // Amounts in currency units with two decimals, as a person (and Excel) reads them.
    const amount = (a.amount / 100).toFixed(2);
    text += csvLine([now.toISOString(), key, minutes.customer, minutes.customerName, formatIsoDate(minutes.date), a.description, a.responsible, formatIsoDate(a.dueDate), amount, a.currency, "open"]);
    added++;
  });
  if (text) appendDurably(path, text);
  return added;
}
