import type { JournalEntry, JournalStatus } from "../../src/mail/journal";
import { clear, h } from "../dom";
import type { PaneKey, Translator } from "../i18n";

/** Messages listed; the sheet (or the downloaded workbook) has them all. */
export const MAX_JOURNAL_SHOWN = 100;

export interface JournalViewOptions {
  t: Translator;
  mode: "excel" | "standalone";
  /** Only this kind of message (the journal is one list for statements and minutes). */
  kind: JournalEntry["kind"];
  testId: string;
  /** The browser keeps the journal in the session only: it can be downloaded as a workbook. */
  onDownload?: () => void;
}

/**
 * What the send journal says about this panel's messages: each message's last step
 * (customer, period, status, time, detail), newest first, and the counts by status. It is the
 * `Cartera envíos` sheet in Excel, the browser session's list outside Excel.
 */
export class JournalView {
  readonly element: HTMLElement;
  private readonly counts: HTMLElement;
  private readonly list: HTMLElement;
  private readonly download: HTMLButtonElement | null;

  constructor(private readonly o: JournalViewOptions) {
    const { t } = o;
    this.counts = h("p", { "data-testid": `${o.testId}-counts` });
    this.list = h("div", { className: "journal-list" });
    this.download = o.onDownload ? h("button", { type: "button", className: "button", "data-testid": `${o.testId}-download`, hidden: true, onclick: () => o.onDownload?.() }, t("pane.mail.journalDownload")) : null;
    this.element = h(
      "section",
      { className: "card journal", "aria-labelledby": `${o.testId}-heading`, "data-testid": o.testId },
      h("h2", { id: `${o.testId}-heading` }, t("pane.mail.journalHeading")),
      h("p", { className: "hint" }, t(o.mode === "excel" ? "pane.mail.journalWhereExcel" : "pane.mail.journalWhereBrowser")),
      this.counts,
      this.list,
      this.download,
    );
    this.show([]);
  }

  /** Every step of the journal, in the order recorded. */
  show(steps: readonly JournalEntry[]): void {
    const { t } = this.o;
    const last = new Map<string, JournalEntry>();
    for (const e of steps) if (e.kind === this.o.kind && e.transport !== "outbox") last.set(e.key, e);
    const entries = [...last.values()].sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
    const count = (...s: JournalStatus[]) => entries.filter((e) => s.includes(e.status)).length;
    this.counts.textContent = entries.length ? t("pane.mail.journalCounts", { sent: count("sent"), unclear: count("unclear"), failed: count("failed"), pending: count("drafted", "ready", "sending") }) : t("pane.mail.journalEmpty");
    clear(this.list);
    if (this.download) this.download.hidden = steps.length === 0;
    if (!entries.length) return;
    const col = (k: string) => h("th", { scope: "col" }, t(`pane.mail.col.${k}` as PaneKey));
    const table = h("table", { className: "grid" }, h("thead", {}, h("tr", {}, col("customer"), col("period"), col("status"), col("time"))));
    const body = h("tbody", {});
    for (const e of entries.slice(0, MAX_JOURNAL_SHOWN)) {
      body.append(
        h(
          "tr",
          { "data-status": e.status, "data-customer": e.customer, "data-key": e.key, title: e.detail || e.subject },
          h("td", {}, e.customer),
          h("td", {}, e.period),
          h("td", { className: `status-${e.status}` }, t(`pane.mail.status.${e.status}` as PaneKey)),
          h("td", { className: "num" }, localTime(e.time)),
        ),
      );
    }
    table.append(body);
    this.list.append(table);
    if (entries.length > MAX_JOURNAL_SHOWN) this.list.append(h("p", { className: "hint" }, t("pane.mail.journalMore", { count: entries.length - MAX_JOURNAL_SHOWN })));
  }
}

/** `2026-11-02T15:04:05.000Z` as the user's clock reads it (a moment, not a civil date). */
function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
