import { message, type Lang, type MessageKey } from "../../src/core/messages";
import type { Report, ReportSheet } from "../../src/core/report/report";
import { PROMISE_COLUMNS, promiseKeys } from "../../src/mail/compromisos";
import { JOURNAL_COLUMNS, journalFromRows, RowJournal, type JournalEntry, type RowStore } from "../../src/mail/journal";
import type { ListSpec, WorkbookPort } from "../../src/workbook/port";

/**
 * The two lists the mail panels keep in the workbook through the port: the send journal
 * (`Cartera envíos`) and the promises to pay (`Compromisos`). Headers are written in the
 * pane's language and read back in either, so a workbook passed between a Spanish and an
 * English Excel keeps one journal. Loaded on demand with the journal model (and papaparse).
 */
export const JOURNAL_SHEET = "Cartera envíos";
export const PROMISES_SHEET = "Compromisos";

type Labels = Record<string, string[]>;

function labels(prefix: "pane.mail.col" | "pane.minutes.col", columns: readonly string[]): Labels {
  return Object.fromEntries(columns.map((c) => [c, (["es", "en"] as Lang[]).map((l) => message(l, `${prefix}.${c}` as MessageKey))]));
}

export const JOURNAL_LABELS = labels("pane.mail.col", JOURNAL_COLUMNS);
export const PROMISE_LABELS = labels("pane.minutes.col", PROMISE_COLUMNS);

export function journalList(lang: Lang): ListSpec {
  return { id: "journal", name: JOURNAL_SHEET, header: JOURNAL_COLUMNS.map((c) => message(lang, `pane.mail.col.${c}` as MessageKey)) };
}

export function promiseList(lang: Lang): ListSpec {
  return { id: "promises", name: PROMISES_SHEET, header: PROMISE_COLUMNS.map((c) => message(lang, `pane.minutes.col.${c}` as MessageKey)) };
}

export function listStore(port: WorkbookPort, list: ListSpec): RowStore {
  return { read: () => port.readList(list), append: (rows) => port.appendList(list, rows) };
}

/** The journal as stored now (read afresh at the start of every batch). */
export function openJournal(port: WorkbookPort, lang: Lang): Promise<RowJournal> {
  return RowJournal.open(listStore(port, journalList(lang)), JOURNAL_LABELS);
}

/** Every step recorded, in order (the journal view shows each message's last). */
export async function journalSteps(port: WorkbookPort, lang: Lang): Promise<JournalEntry[]> {
  const rows = await port.readList(journalList(lang));
  return journalFromRows(rows, JOURNAL_LABELS);
}

export async function knownPromiseKeys(port: WorkbookPort, lang: Lang): Promise<Set<string>> {
  return promiseKeys(await port.readList(promiseList(lang)), PROMISE_LABELS);
}

/**
 * The lists as a workbook (the browser's download: there is no workbook to keep them in),
 * one sheet each, every cell text.
 */
export async function listsReport(port: WorkbookPort, lang: Lang, title: string): Promise<Report | null> {
  const sheets: ReportSheet[] = [];
  for (const list of [journalList(lang), promiseList(lang)]) {
    const rows = await port.readList(list);
    if (rows.length < 2) continue;
    const header = list.header;
    sheets.push({
      id: list.id,
      name: list.name,
      columns: header.map((h, i) => ({ key: `c${i}`, header: h, type: "text", width: i === 1 ? 40 : 18 })),
      rows: rows.slice(1).map((r) => header.map((_, i) => r[i] ?? "")),
      totals: [],
      notes: [],
      freezeHeader: true,
      autoFilter: true,
    });
  }
  return sheets.length ? { title, lang, currency: "MXN", sheets } : null;
}
