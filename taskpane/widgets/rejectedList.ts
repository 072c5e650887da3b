import { describe } from "../../src/core/messages";
import type { Rejection } from "../../src/core/tables/table";
import type { SourceRef, WorkbookPort } from "../../src/workbook/port";
import { h, uid } from "../dom";
import { errorText, type Translator } from "../i18n";

/** Rows listed in the pane; the result's own sheet (Rechazados) has them all. */
export const MAX_REJECTED_SHOWN = 200;

export interface RejectedListOptions {
  port: WorkbookPort;
  t: Translator;
  rejected: readonly Rejection[];
  /** The source the rows came from (for selecting a cell). */
  source: SourceRef | null;
  testId: string;
  /** Heading with the count (`Filas rechazadas (3)`). */
  heading: (count: number) => string;
  /** Rows not listed (`… y 12 más`). */
  more?: (count: number) => string;
  /** Rows that did not stop the run (the master's): drawn as warnings, with this explanation. */
  warning?: string;
  /** Shown in a browser, where no cell can be selected (where else the rows are). */
  fileHelp?: string;
  /** Where the pane says what clicking a row did (the run bar's status line). */
  say: (text: string) => void;
}

/**
 * The rows that could not be used, each with row, column, value and reason. Clicking one puts
 * Excel's cursor on the cell (`port.selectCell`); in a file it says where the cell is.
 */
export function rejectedList(o: RejectedListOptions): HTMLElement {
  const { t, rejected } = o;
  const headingId = uid(`${o.testId}-heading`);
  const section = h(
    "section",
    { className: o.warning ? "rejected warnings" : "rejected", "aria-labelledby": headingId, "data-testid": o.testId },
    h("h3", { id: headingId }, o.heading(rejected.length)),
  );
  if (rejected.length === 0) {
    section.append(h("p", { className: "hint" }, t("pane.rejected.none")));
    return section;
  }
  const excel = o.port.mode === "excel";
  if (o.warning) section.append(h("p", { className: "hint" }, o.warning));
  const help = excel ? t("pane.rejected.helpExcel") : o.fileHelp;
  if (help) section.append(h("p", { className: "hint" }, help));
  const list = h("ul", { className: "rejected-list" });
  for (const r of rejected.slice(0, MAX_REJECTED_SHOWN)) {
    const text = t("pane.rejected.item", { row: r.row, column: r.column, value: r.value, reason: describe(r.problem, t.lang) });
    list.append(h("li", {}, h("button", { type: "button", className: "link", "data-row": String(r.row), "data-column": String(r.columnIndex), onclick: () => void goTo(o, r) }, text)));
  }
  section.append(list);
  const more = rejected.length - MAX_REJECTED_SHOWN;
  if (more > 0) section.append(h("p", { className: "hint" }, o.more ? o.more(more) : t("pane.rejected.more", { count: more })));
  return section;
}

async function goTo(o: RejectedListOptions, r: Rejection): Promise<void> {
  if (!o.source) return;
  try {
    const selected = await o.port.selectCell(o.source, r.row, r.columnIndex);
    o.say(o.t(selected ? "pane.rejected.selected" : "pane.rejected.noCursor", { row: r.row, column: r.column }));
  } catch (e) {
    o.say(errorText(o.t, e));
  }
}
