import { existsSync, readFileSync } from "node:fs";
import type { Minutes } from "../core/statement/minutes";
import { newPromiseRows, PROMISE_COLUMNS, promiseKeys } from "./compromisos";
import { csvLine, parseCsv } from "./journal";
import { appendDurably } from "./journalFile";

/** The command line's `compromisos.csv` beside the journal: new promises appended, durably. */
export function appendPromises(path: string, minutes: Minutes, now: Date): number {
  const exists = existsSync(path);
  const rows = exists ? parseCsv(readFileSync(path, "utf8")) : [];
  const added = newPromiseRows(minutes, now, promiseKeys(rows));
  let text = exists && rows.length ? "" : "\uFEFF" + csvLine(PROMISE_COLUMNS);
  for (const r of added) text += csvLine(r);
  if (text) appendDurably(path, text);
  return added.length;
}
