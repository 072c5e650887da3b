import type { Report } from "../../src/core/report/report";
import { glimpseHtml, reportSummaryHtml } from "../../src/report/html";
import { clear, h, uid, type Child } from "../dom";

export interface ResultsSummaryOptions {
  heading: string;
  /** `data-testid` of the report's facts, by position (the aging's `counts`, `customers-count`). */
  factIds?: readonly string[];
  /** `data-testid` of the section (`results` by default). */
  testId?: string;
  /** Also show each sheet's glimpse (its chosen rows: held orders first, the schedule…). */
  glimpses?: boolean;
}

/**
 * A result at a glance, drawn from the Report itself (its summaries and facts, through the
 * HTML writer that e-mails use too), so the pane shows exactly the figures the sheets hold.
 * Panels add what only the pane has after it (lists of rejected rows).
 */
export class ResultsSummary {
  readonly element: HTMLElement;

  constructor(private readonly o: ResultsSummaryOptions) {
    this.element = h("section", { className: "results", hidden: true, "data-testid": o.testId ?? "results" });
  }

  show(report: Report, ...after: Child[]): void {
    clear(this.element);
    const heading = h("h2", { id: uid("results-heading"), tabindex: -1 }, this.o.heading);
    const body = h("div", { className: "summary" });
    // The writer escapes every text it is given: a customer called "<script>" shows as text.
    body.innerHTML = reportSummaryHtml(report, { factIds: this.o.factIds }) + (this.o.glimpses ? `<div class="glimpses">${report.sheets.map((s) => glimpseHtml(s, report.lang, { currency: report.currency })).join("")}</div>` : "");
    this.element.setAttribute("aria-labelledby", heading.id);
    this.element.append(heading, body);
    for (const c of after) if (c) this.element.append(c);
    this.element.hidden = false;
  }

  clear(): void {
    clear(this.element);
    this.element.hidden = true;
  }
}
