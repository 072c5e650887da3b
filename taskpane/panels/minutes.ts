import { formatIsoDate } from "../../src/core/dates";
import { describe } from "../../src/core/messages";
import { InputError } from "../../src/core/errors";
import type { Minutes, MinutesProblem } from "../../src/core/statement/minutes";
import { MEETING_SPEC } from "../../src/core/tables/meeting";
import type { Rejection } from "../../src/core/tables/table";
import type { TemplateSet } from "../../src/mail/templates";
import { append, clear, h } from "../dom";
import { errorText } from "../i18n";
import { loadRuntime } from "../mail/load";
import type { Panel, PanelContext, PanelDefinition } from "../panels";
import { MailBatch, type BatchItem } from "../widgets/mailBatch";
import { rejectedList } from "../widgets/rejectedList";
import { RunBar, type RunControl, type RunOutcome } from "../widgets/runBar";
import { TableInput } from "../widgets/tableInput";

type Runtime = Awaited<ReturnType<typeof loadRuntime>>;

export const minutesPanel: PanelDefinition = { id: "minutes", labelKey: "pane.tab.minutes", create: (ctx) => new MinutesPanel(ctx) };

/**
 * The Minutas panel: the meeting sheet (a table input over the meeting kind) or the minutes
 * as JSON, one call to the minutes job (`cartera minutes`), and the shared mail batch. Every
 * agreement with an amount and a date of the minutes sent is added once to the workbook's
 * `Compromisos` list (the promises to pay collections follows up); a dry run lists them in
 * the .zip's `compromisos.csv` instead.
 */
class MinutesPanel implements Panel {
  readonly element: HTMLElement;
  private readonly meeting: TableInput;
  private readonly jsonStatus: HTMLElement;
  private readonly jsonError: HTMLElement;
  private readonly jsonRemove: HTMLButtonElement;
  private json: { json: unknown; label: string } | null = null;
  private readonly buildBar: RunBar;
  private readonly summary: HTMLElement;
  private readonly batch: MailBatch<Minutes>;
  private templates: TemplateSet | null = null;
  private firstDate = "";

  constructor(private readonly ctx: PanelContext) {
    const { t } = ctx;
    const onChange = () => {
      this.batch.clear();
      clear(this.summary);
      this.buildBar.reset();
      this.validate();
    };
    this.meeting = new TableInput({ ctx, spec: MEETING_SPEC, panel: "minutes", part: "meeting", heading: "pane.minutes.meetingHeading", openHelp: "pane.minutes.meetingHelp", optional: true, onChange });
    const input: HTMLInputElement = h("input", { type: "file", accept: ".json,application/json", className: "visually-hidden", tabindex: -1, "aria-hidden": "true", "data-testid": "minutes-json-input", onchange: () => void this.openJson(input, onChange) });
    this.jsonStatus = h("p", { className: "hint", "aria-live": "polite", "data-testid": "minutes-json-status" }, t("pane.minutes.jsonHelp"));
    this.jsonError = h("div", { className: "message error", role: "alert", "data-testid": "minutes-json-error", hidden: true });
    this.jsonRemove = h("button", { type: "button", className: "button", hidden: true, "data-testid": "minutes-json-remove", onclick: () => this.removeJson(onChange) }, t("pane.minutes.jsonRemove"));
    const jsonCard = h(
      "section",
      { className: "card", "data-testid": "minutes-json" },
      h("div", { className: "row" }, h("button", { type: "button", className: "button", "data-testid": "open-minutes-json", onclick: () => input.click() }, t("pane.minutes.jsonOpen")), this.jsonRemove, input),
      this.jsonStatus,
      this.jsonError,
    );
    this.buildBar = new RunBar({ t, label: t("pane.minutes.build"), scope: () => this.element, run: (c) => this.build(c), onFinish: () => this.built() });
    this.summary = h("section", { className: "results", "data-testid": "minutes-summary" });
    this.batch = new MailBatch<Minutes>({
      ctx,
      id: "minutes",
      kind: "minutes",
      scope: () => this.element,
      compose: (rt, mn, index) => rt.composeMinutes(mn, (this.templates ??= rt.paneTemplates(ctx.settings.options("template"))), { index }),
      zipName: () => t("pane.minutes.zipName", { date: this.firstDate }),
      afterBatch: (rt, delivered, dryRun) => this.promises(rt, delivered, dryRun),
    });
    this.element = h("div", { className: "panel-body" }, ...this.meeting.element, jsonCard, h("div", { "data-testid": "minutes-build" }, this.buildBar.element), this.summary, this.batch.element);
  }

  async init(): Promise<void> {
    this.validate();
    await Promise.all([this.meeting.init(), this.batch.init()]);
  }

  /** After preparing (done, failed or cancelled): what may run now, here and in the mail batch. */
  private built(): void {
    this.validate();
    this.batch.refresh();
  }

  private validate(): void {
    this.buildBar.setReady(this.json !== null || (this.meeting.value !== null && this.meeting.ready));
  }

  private async openJson(input: HTMLInputElement, onChange: () => void): Promise<void> {
    const { t } = this.ctx;
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    this.jsonError.hidden = true;
    try {
      const text = (await file.text()).replace(/^\uFEFF/, "");
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new InputError({ code: "minutes.jsonSyntax", params: { file: file.name, detail: (e as Error).message } });
      }
      this.json = { json, label: file.name };
      this.jsonStatus.textContent = t("pane.minutes.jsonOpened", { file: file.name });
      this.jsonRemove.hidden = false;
    } catch (e) {
      this.json = null;
      this.jsonError.textContent = errorText(t, e);
      this.jsonError.hidden = false;
    }
    onChange();
  }

  private removeJson(onChange: () => void): void {
    this.json = null;
    this.jsonRemove.hidden = true;
    this.jsonError.hidden = true;
    this.jsonStatus.textContent = this.ctx.t("pane.minutes.jsonHelp");
    onChange();
  }

  private async build(c: RunControl): Promise<RunOutcome> {
    const { t } = this.ctx;
    this.batch.clear();
    clear(this.summary);
    c.say(t("pane.minutes.phase.read"));
    c.progress(null);
    const rt = await loadRuntime();
    this.templates = rt.paneTemplates(this.ctx.settings.options("template"));
    const source = this.json ?? this.meeting.source(this.ctx);
    if (!source) return { status: "" };
    const job = await rt.runMinutesJob({ meeting: source, lang: t.lang, signal: c.signal });
    const skipped = new Set(job.problems.filter((p) => p.problem.code === "minutes.noAddress").map((p) => p.minutes));
    const sendable = job.minutes.filter((m) => !skipped.has(m.id));
    this.firstDate = sendable.length ? formatIsoDate(sendable[0].date) : "";
    this.showSummary(rt, job.minutes, job.problems, skipped.size, job.read?.rejected ?? []);
    this.batch.show(sendable.map((mn) => this.item(rt, mn)));
    await this.ctx.settings.save(this.meeting.settingsRecord());
    return { status: t("pane.minutes.built", { count: sendable.length }) };
  }

  private item(rt: Runtime, mn: Minutes): BatchItem<Minutes> {
    const { t } = this.ctx;
    return {
      value: mn,
      customer: mn.customer,
      label: t("pane.minutes.item", { customer: mn.customer, name: mn.customerName, date: rt.statementDate(mn.date, t.lang) }),
      detail: t("pane.minutes.itemDetail", { attendees: mn.attendees.length, agreements: mn.agreements.length, promises: mn.agreements.filter(rt.isPromise).length }),
      to: mn.to,
      cc: [],
    };
  }

  private showSummary(rt: Runtime, minutes: readonly Minutes[], problems: readonly MinutesProblem[], skipped: number, rejected: Rejection[]): void {
    const { t, port } = this.ctx;
    const promises = minutes.reduce((n, m) => n + m.agreements.filter(rt.isPromise).length, 0);
    append(
      this.summary,
      h("p", { "data-testid": "minutes-counts" }, t("pane.minutes.counts", { minutes: minutes.length, promises, skipped })),
      problems.length
        ? h(
            "section",
            { className: "rejected warnings", "data-testid": "minutes-problems" },
            h("h3", {}, t("pane.minutes.problemsHeading", { count: problems.length })),
            h("ul", { className: "rejected-list" }, ...problems.map((p) => h("li", { "data-code": p.problem.code }, t("pane.minutes.problem", { customer: p.minutes.split("|")[0], reason: describe(p.problem, t.lang) })))),
          )
        : null,
      rejected.length
        ? rejectedList({ port, t, say: (text) => this.buildBar.say(text), rejected, source: this.meeting.value?.source ?? null, testId: "minutes-rejected", heading: (n) => t("pane.minutes.rejectedHeading", { count: n, source: this.meeting.value?.preview.label ?? "" }) })
        : null,
    );
  }

  /** The promises to pay of the minutes delivered, each once: the Compromisos sheet, or the dry run's compromisos.csv. */
  private async promises(rt: Runtime, delivered: Minutes[], dryRun: boolean): Promise<{ files: { path: string; data: string }[]; note: string }> {
    const { t, port } = this.ctx;
    const known = await rt.knownPromiseKeys(port, t.lang);
    const now = new Date();
    const rows = delivered.flatMap((mn) => rt.newPromiseRows(mn, now, known));
    if (dryRun) {
      const csv = "\uFEFF" + rt.csvLine(rt.PROMISE_COLUMNS) + rows.map((r) => rt.csvLine(r)).join("");
      return { files: rows.length ? [{ path: "compromisos.csv", data: csv }] : [], note: t("pane.minutes.promisesDryRun", { count: rows.length }) };
    }
    if (rows.length) await port.appendList(rt.promiseList(t.lang), rows);
    return { files: [], note: t(port.mode === "excel" ? "pane.minutes.promisesAdded" : "pane.minutes.promisesAddedSession", { count: rows.length }) };
  }
}
