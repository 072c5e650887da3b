import { formatIsoDate, parseIsoDate } from "../../src/core/dates";
import type { Report } from "../../src/core/report/report";
import { COUNTERPARTY_SPEC } from "../../src/core/tables/counterparty";
import { DELIVERY_SPEC } from "../../src/core/tables/deliveries";
import { INVOICE_LINE_SPEC } from "../../src/core/tables/invoiceLines";
import { LEDGER_SPEC } from "../../src/core/tables/ledger";
import type { Rejection } from "../../src/core/tables/table";
import { runReconcileDeliveriesJob } from "../../src/jobs/reconcileDeliveries";
import { runReconcileStatementJob } from "../../src/jobs/reconcileStatement";
import type { TableRead } from "../../src/jobs/read";
import { optionsRecord } from "../../src/workbook/settings";
import { h, uid } from "../dom";
import type { PaneKey } from "../i18n";
import type { Panel, PanelContext, PanelDefinition } from "../panels";
import { rejectedList } from "../widgets/rejectedList";
import { ResultsSummary } from "../widgets/resultsSummary";
import { RunBar, type RunControl, type RunOutcome } from "../widgets/runBar";
import { TableInput } from "../widgets/tableInput";

export const reconciliationPanel: PanelDefinition = { id: "reconciliation", labelKey: "pane.tab.reconciliation", create: (ctx) => new ReconciliationPanel(ctx) };

type Mode = "deliveries" | "statement";

/** One cent on amounts, 0.01 of the unit on quantities: what `cartera reconcile` uses by default. */
const DEFAULT_TOLERANCE = { amount: 1, quantity: 10 };

/**
 * The Reconciliation panel: billing vs delivery notes, or our ledger vs the customer's
 * listing. Each is two table inputs and a few options, one call to its job (the same as
 * `cartera reconcile deliveries|statement`), its Report written to sheets or downloaded.
 */
class ReconciliationPanel implements Panel {
  readonly element: HTMLElement;
  private readonly inputs: Record<"deliveries" | "invoices" | "ours" | "theirs", TableInput>;
  private readonly modes: Record<Mode, HTMLInputElement>;
  private readonly sections: Record<Mode, HTMLElement>;
  private readonly asOf: HTMLInputElement;
  private readonly from: HTMLInputElement;
  private readonly to: HTMLInputElement;
  private readonly customer: HTMLInputElement;
  private readonly runBar: RunBar;
  private readonly results: ResultsSummary;

  constructor(private readonly ctx: PanelContext) {
    const { t } = ctx;
    const onChange = () => {
      this.results.clear();
      this.runBar.reset();
      this.validate();
    };
    const input = (part: string, spec: typeof LEDGER_SPEC, heading: PaneKey, openHelp: PaneKey, main = false) => new TableInput({ ctx, spec, panel: "reconciliation", part, heading, openHelp, main, onChange });
    this.inputs = {
      deliveries: input("deliveries", DELIVERY_SPEC, "pane.reconcile.deliveriesHeading", "pane.reconcile.deliveriesHelp", true),
      invoices: input("invoices", INVOICE_LINE_SPEC, "pane.reconcile.invoicesHeading", "pane.reconcile.invoicesHelp"),
      ours: input("ours", LEDGER_SPEC, "pane.reconcile.oursHeading", "pane.aging.openWorkbookHelp"),
      theirs: input("theirs", COUNTERPARTY_SPEC, "pane.reconcile.theirsHeading", "pane.reconcile.theirsHelp"),
    };
    const date = (id: string, required: boolean) => h("input", { type: "date", id, required, "data-testid": id, onchange: onChange });
    this.asOf = date("reconciliation-asof", true);
    this.from = date("reconciliation-from", false);
    this.to = date("reconciliation-to", false);
    this.customer = h("input", { type: "text", id: "reconciliation-customer", autocomplete: "off", "data-testid": "reconciliation-customer", oninput: onChange });
    const field = (id: string, label: PaneKey, el: HTMLElement) => h("div", { className: "field" }, h("label", { for: id }, t(label)), el);
    this.sections = {
      deliveries: h("div", {}, ...this.inputs.deliveries.element, ...this.inputs.invoices.element, h("section", { className: "card" }, field("reconciliation-from", "pane.reconcile.from", this.from), field("reconciliation-to", "pane.reconcile.to", this.to))),
      statement: h("div", { hidden: true }, ...this.inputs.ours.element, ...this.inputs.theirs.element, h("section", { className: "card" }, field("reconciliation-customer", "pane.reconcile.customer", this.customer))),
    };
    const group = uid("mode");
    const radio = (mode: Mode, label: PaneKey) => {
      const id = uid("mode");
      const el = h("input", { type: "radio", name: group, id, value: mode, "data-testid": `reconciliation-mode-${mode}`, onchange: () => this.showMode() });
      return { el, row: h("div", { className: "radio" }, el, h("label", { for: id }, t(label))) };
    };
    const d = radio("deliveries", "pane.reconcile.modeDeliveries");
    const s = radio("statement", "pane.reconcile.modeStatement");
    this.modes = { deliveries: d.el, statement: s.el };
    const choose = h("section", { className: "card" }, h("fieldset", { className: "field" }, h("legend", {}, t("pane.reconcile.which")), d.row, s.row), field("reconciliation-asof", "pane.aging.asOf", this.asOf));
    this.runBar = new RunBar({ t, label: t("pane.reconcile.run"), scope: () => this.element, run: (c) => this.run(c), onFinish: () => this.validate() });
    this.results = new ResultsSummary({ heading: t("pane.reconcile.resultsHeading"), testId: "reconciliation-results" });
    this.element = h("div", { className: "panel-body" }, choose, this.sections.deliveries, this.sections.statement, this.runBar.element, this.results.element);
  }

  async init(): Promise<void> {
    const saved = this.ctx.settings.options("reconciliation");
    this.asOf.value = saved.asOf && parseIsoDate(saved.asOf) !== null ? saved.asOf : formatIsoDate(this.ctx.today);
    this.customer.value = saved.customer ?? "";
    this.modes[saved.mode === "statement" ? "statement" : "deliveries"].checked = true;
    this.showMode();
    for (const i of Object.values(this.inputs)) await i.init();
  }

  private get mode(): Mode {
    return this.modes.statement.checked ? "statement" : "deliveries";
  }

  private showMode(): void {
    this.sections.deliveries.hidden = this.mode !== "deliveries";
    this.sections.statement.hidden = this.mode !== "statement";
    this.results.clear();
    this.runBar.reset();
    this.validate();
  }

  private validate(): void {
    const dates = parseIsoDate(this.asOf.value) !== null && (this.from.value === "" || parseIsoDate(this.from.value) !== null) && (this.to.value === "" || parseIsoDate(this.to.value) !== null);
    const ready = this.mode === "deliveries" ? this.inputs.deliveries.ready && this.inputs.invoices.ready : this.inputs.ours.ready && this.inputs.theirs.ready && this.customer.value.trim() !== "";
    this.runBar.setReady(dates && ready);
  }

  private async run(c: RunControl): Promise<RunOutcome> {
    const { t, port } = this.ctx;
    const asOf = parseIsoDate(this.asOf.value);
    if (asOf === null) return { status: "" };
    this.results.clear();
    c.say(t("pane.reconcile.phase.read"));
    const onProgress = (f: number) => c.progress(0.6 * f);
    const common = { asOf, lang: t.lang, signal: c.signal, onProgress };
    let report: Report;
    let reads: { input: TableInput; read: TableRead }[];
    if (this.mode === "deliveries") {
      const { deliveries, invoices } = this.inputs;
      const job = await runReconcileDeliveriesJob({
        ...common,
        deliveries: deliveries.source(this.ctx)!,
        invoices: invoices.source(this.ctx)!,
        from: parseIsoDate(this.from.value) ?? undefined,
        to: parseIsoDate(this.to.value) ?? undefined,
        tolerance: DEFAULT_TOLERANCE,
      });
      report = job.report;
      reads = [
        { input: deliveries, read: job.deliveries },
        { input: invoices, read: job.invoices },
      ];
    } else {
      const { ours, theirs } = this.inputs;
      const job = await runReconcileStatementJob({ ...common, ours: ours.source(this.ctx)!, theirs: theirs.source(this.ctx)!, customer: this.customer.value.trim() });
      report = job.report;
      reads = [
        { input: ours, read: job.ours },
        { input: theirs, read: job.theirs },
      ];
    }
    c.say(t("pane.reconcile.phase.write"));
    const written = await port.writeReport(report, {
      family: `reconcile-${this.mode}`,
      signal: c.signal,
      fileName: t("pane.reconcile.fileName", { mode: this.mode, date: formatIsoDate(asOf) }),
      onProgress: (p) => c.progress(0.6 + 0.4 * (p.total ? p.done / p.total : 1)),
    });
    const say = (text: string) => this.runBar.say(text);
    const lists = reads
      .filter(({ read }) => read.rejected.length > 0)
      .map(({ input, read }) =>
        rejectedList({ port, t, say, rejected: read.rejected as Rejection[], source: input.value?.source ?? null, testId: "reconciliation-rejected", heading: (n) => t("pane.credit.rejectedHeading", { count: n, source: read.label }) }),
      );
    this.results.show(report, ...lists);
    await this.ctx.settings.save({
      ...optionsRecord("reconciliation", { asOf: this.asOf.value, mode: this.mode, customer: this.customer.value.trim() }),
      ...Object.values(this.inputs).reduce((acc, i) => ({ ...acc, ...i.settingsRecord() }), {}),
    });
    const download = written.download;
    return download ? { status: t("pane.run.downloaded", { file: download.fileName }), download } : { status: t("pane.run.done", { sheets: written.sheets.join(", ") }) };
  }
}
