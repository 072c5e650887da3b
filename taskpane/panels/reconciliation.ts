import { formatIsoDate, parseIsoDate } from "../../src/core/dates";
import { postingCsv, postingRows } from "../../src/core/reconcile/payments/posting";
import type { Report } from "../../src/core/report/report";
import { BANK_STATEMENT_SPEC } from "../../src/core/tables/bankStatement";
import { CUSTOMER_SPEC } from "../../src/core/tables/customers";
import { COUNTERPARTY_SPEC } from "../../src/core/tables/counterparty";
import { DELIVERY_SPEC } from "../../src/core/tables/deliveries";
import { INVOICE_LINE_SPEC } from "../../src/core/tables/invoiceLines";
import { LEDGER_SPEC } from "../../src/core/tables/ledger";
import type { Rejection } from "../../src/core/tables/table";
import { reviewPaymentsJob, runPaymentsJob, type PaymentsJobOutput } from "../../src/jobs/reconcilePayments";
import { runReconcileDeliveriesJob } from "../../src/jobs/reconcileDeliveries";
import { runReconcileStatementJob } from "../../src/jobs/reconcileStatement";
import type { TableRead } from "../../src/jobs/read";
import { optionsRecord } from "../../src/workbook/settings";
import { h, saveBytes, uid } from "../dom";
import type { PaneKey } from "../i18n";
import type { Panel, PanelContext, PanelDefinition } from "../panels";
import { DepositReview } from "../widgets/depositReview";
import { rejectedList } from "../widgets/rejectedList";
import { ResultsSummary } from "../widgets/resultsSummary";
import { RunBar, type RunControl, type RunOutcome } from "../widgets/runBar";
import { TableInput } from "../widgets/tableInput";

export const reconciliationPanel: PanelDefinition = { id: "reconciliation", labelKey: "pane.tab.reconciliation", create: (ctx) => new ReconciliationPanel(ctx) };

type Mode = "deliveries" | "statement" | "payments";
type Part = "deliveries" | "invoices" | "ours" | "theirs" | "bank" | "paymentsLedger" | "paymentsCustomers";

/** One cent on amounts, 0.01 of the unit on quantities: what `cartera reconcile` uses by default. */
const DEFAULT_TOLERANCE = { amount: 1, quantity: 10 };

/**
 * The Reconciliation panel: billing vs delivery notes, our ledger vs the customer's listing,
 * or bank deposits vs open items (Pagos). Each is table inputs and a few options, one call to
 * its job (the same as `cartera reconcile deliveries|statement|payments`), its Report written
 * to sheets or downloaded. Pagos stops between the two: every deposit is reviewed first
 * (DepositReview), and only what the analyst accepted or assigned is written.
 */
class ReconciliationPanel implements Panel {
  readonly element: HTMLElement;
  private readonly inputs: Record<Part, TableInput>;
  private readonly modes: Record<Mode, HTMLInputElement>;
  private readonly sections: Record<Mode, HTMLElement>;
  private readonly asOf: HTMLInputElement;
  private readonly from: HTMLInputElement;
  private readonly to: HTMLInputElement;
  private readonly customer: HTMLInputElement;
  private readonly runBar: RunBar;
  private readonly results: ResultsSummary;
  private readonly review: DepositReview;
  private readonly writeBar: RunBar;
  private payments: PaymentsJobOutput | null = null;

  constructor(private readonly ctx: PanelContext) {
    const { t } = ctx;
    const onChange = () => {
      this.clearResults();
      this.validate();
    };
    const input = (part: string, spec: typeof LEDGER_SPEC, heading: PaneKey, openHelp: PaneKey, main = false) => new TableInput({ ctx, spec, panel: "reconciliation", part, heading, openHelp, main, onChange });
    this.inputs = {
      deliveries: input("deliveries", DELIVERY_SPEC, "pane.reconcile.deliveriesHeading", "pane.reconcile.deliveriesHelp", true),
      invoices: input("invoices", INVOICE_LINE_SPEC, "pane.reconcile.invoicesHeading", "pane.reconcile.invoicesHelp"),
      ours: input("ours", LEDGER_SPEC, "pane.reconcile.oursHeading", "pane.aging.openWorkbookHelp"),
      theirs: input("theirs", COUNTERPARTY_SPEC, "pane.reconcile.theirsHeading", "pane.reconcile.theirsHelp"),
      bank: input("bank", BANK_STATEMENT_SPEC, "pane.payments.bankHeading", "pane.payments.bankHelp"),
      paymentsLedger: input("paymentsLedger", LEDGER_SPEC, "pane.payments.ledgerHeading", "pane.aging.openWorkbookHelp"),
      paymentsCustomers: new TableInput({ ctx, spec: CUSTOMER_SPEC, panel: "reconciliation", part: "paymentsCustomers", heading: "pane.payments.customersHeading", intro: "pane.payments.customersIntro", openHelp: "pane.payments.customersHelp", optional: true, onChange }),
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
      payments: h("div", { hidden: true }, ...this.inputs.bank.element, ...this.inputs.paymentsLedger.element, ...this.inputs.paymentsCustomers.element),
    };
    const group = uid("mode");
    const radio = (mode: Mode, label: PaneKey) => {
      const id = uid("mode");
      const el = h("input", { type: "radio", name: group, id, value: mode, "data-testid": `reconciliation-mode-${mode}`, onchange: () => this.showMode() });
      return { el, row: h("div", { className: "radio" }, el, h("label", { for: id }, t(label))) };
    };
    const d = radio("deliveries", "pane.reconcile.modeDeliveries");
    const s = radio("statement", "pane.reconcile.modeStatement");
    const p = radio("payments", "pane.reconcile.modePayments");
    this.modes = { deliveries: d.el, statement: s.el, payments: p.el };
    const choose = h("section", { className: "card" }, h("fieldset", { className: "field" }, h("legend", {}, t("pane.reconcile.which")), d.row, s.row, p.row), field("reconciliation-asof", "pane.aging.asOf", this.asOf));
    this.runBar = new RunBar({ t, label: t("pane.reconcile.run"), scope: () => this.element, run: (c) => this.run(c), onFinish: () => this.validate() });
    this.results = new ResultsSummary({ heading: t("pane.reconcile.resultsHeading"), testId: "reconciliation-results" });
    this.review = new DepositReview({ t, onChange: () => this.writeBar.setReady(this.review.applicable > 0) });
    this.writeBar = new RunBar({ t, label: t("pane.payments.write"), scope: () => this.element, run: (c) => this.writeApplication(c), onFinish: () => this.writeBar.setReady(this.review.applicable > 0) });
    this.writeBar.element.hidden = true;
    this.writeBar.element.dataset.testid = "payments-write";
    this.element = h("div", { className: "panel-body" }, choose, this.sections.deliveries, this.sections.statement, this.sections.payments, this.runBar.element, this.results.element, this.review.element, this.writeBar.element);
  }

  async init(): Promise<void> {
    const saved = this.ctx.settings.options("reconciliation");
    this.asOf.value = saved.asOf && parseIsoDate(saved.asOf) !== null ? saved.asOf : formatIsoDate(this.ctx.today);
    this.customer.value = saved.customer ?? "";
    this.modes[saved.mode === "statement" || saved.mode === "payments" ? saved.mode : "deliveries"].checked = true;
    this.showMode();
    for (const i of Object.values(this.inputs)) await i.init();
  }

  private get mode(): Mode {
    return this.modes.payments.checked ? "payments" : this.modes.statement.checked ? "statement" : "deliveries";
  }

  private showMode(): void {
    for (const m of ["deliveries", "statement", "payments"] as const) this.sections[m].hidden = this.mode !== m;
    this.clearResults();
    this.validate();
  }

  /** The inputs changed: an earlier result (and a review in progress) no longer applies. */
  private clearResults(): void {
    this.results.clear();
    this.runBar.reset();
    this.payments = null;
    this.review.hide();
    this.writeBar.reset();
    this.writeBar.element.hidden = true;
  }

  private validate(): void {
    const dates = parseIsoDate(this.asOf.value) !== null && (this.from.value === "" || parseIsoDate(this.from.value) !== null) && (this.to.value === "" || parseIsoDate(this.to.value) !== null);
    const i = this.inputs;
    const ready = { deliveries: i.deliveries.ready && i.invoices.ready, statement: i.ours.ready && i.theirs.ready && this.customer.value.trim() !== "", payments: i.bank.ready && i.paymentsLedger.ready && i.paymentsCustomers.ready }[this.mode];
    this.runBar.setReady(dates && ready);
  }

  private async run(c: RunControl): Promise<RunOutcome> {
    const { t, port } = this.ctx;
    const asOf = parseIsoDate(this.asOf.value);
    if (asOf === null) return { status: "" };
    this.clearResults();
    c.say(t("pane.reconcile.phase.read"));
    const onProgress = (f: number) => c.progress(0.6 * f);
    const common = { asOf, lang: t.lang, signal: c.signal, onProgress };
    let report: Report;
    let reads: { input: TableInput; read: TableRead }[];
    if (this.mode === "payments") return this.matchPayments(c, asOf);
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
    this.results.show(report, ...this.rejectedLists(reads, this.runBar));
    await this.saveSettings();
    return this.written(written);
  }

  private rejectedLists(reads: { input: TableInput; read: TableRead }[], bar: RunBar): HTMLElement[] {
    const { t, port } = this.ctx;
    const say = (text: string) => bar.say(text);
    return reads
      .filter(({ read }) => read.rejected.length > 0)
      .map(({ input, read }) =>
        rejectedList({ port, t, say, rejected: read.rejected as Rejection[], source: input.value?.source ?? null, testId: "reconciliation-rejected", heading: (n) => t("pane.credit.rejectedHeading", { count: n, source: read.label }) }),
      );
  }

  private saveSettings(): Promise<void> {
    return this.ctx.settings.save({
      ...optionsRecord("reconciliation", { asOf: this.asOf.value, mode: this.mode, customer: this.customer.value.trim() }),
      ...Object.values(this.inputs).reduce((acc, i) => ({ ...acc, ...i.settingsRecord() }), {}),
    });
  }

  private written(written: Awaited<ReturnType<PanelContext["port"]["writeReport"]>>): RunOutcome {
    const { t } = this.ctx;
    const download = written.download;
    return download ? { status: t("pane.run.downloaded", { file: download.fileName }), download } : { status: t("pane.run.done", { sheets: written.sheets.join(", ") }) };
  }

  /** Pagos, first step: match the statement and show every deposit for review; nothing is written yet. */
  private async matchPayments(c: RunControl, asOf: number): Promise<RunOutcome> {
    const { t } = this.ctx;
    const { bank, paymentsLedger, paymentsCustomers } = this.inputs;
    const job = await runPaymentsJob({
      bank: bank.source(this.ctx)!,
      ledger: paymentsLedger.source(this.ctx)!,
      customers: paymentsCustomers.source(this.ctx),
      asOf,
      today: this.ctx.today,
      lang: t.lang,
      signal: c.signal,
      onProgress: (f) => c.progress(f),
    });
    this.payments = job;
    const reads = [
      { input: bank, read: job.bank },
      { input: paymentsLedger, read: job.ledger },
      ...(job.customers ? [{ input: paymentsCustomers, read: job.customers }] : []),
    ];
    this.results.show(job.report, ...this.rejectedLists(reads, this.runBar));
    this.review.show(job);
    this.writeBar.element.hidden = false;
    this.writeBar.setReady(false);
    await this.saveSettings();
    const s = job.result.stats;
    return { status: t("pane.payments.matched", { deposits: s.deposits, proposed: s.matched, unmatched: s.unmatched }) };
  }

  /** Pagos, second step: what the analyst accepted or assigned, written as the application sheets. */
  private async writeApplication(c: RunControl): Promise<RunOutcome> {
    const { t, port } = this.ctx;
    const job = this.payments;
    if (!job) return { status: "" };
    const reviewed = reviewPaymentsJob(job, this.review.decided, t.lang);
    c.say(t("pane.reconcile.phase.write"));
    const written = await port.writeReport(reviewed.report, {
      family: "reconcile-payments",
      signal: c.signal,
      fileName: t("pane.reconcile.fileName", { mode: "payments", date: formatIsoDate(job.asOf) }),
      onProgress: (p) => c.progress(p.total ? p.done / p.total : 1),
    });
    this.results.show(reviewed.report);
    const csv = new TextEncoder().encode(postingCsv(postingRows(reviewed.result)));
    const file = t("pane.payments.postingFile", { date: formatIsoDate(job.asOf) });
    this.writeBar.element.querySelector("[data-testid=posting-csv]")?.remove();
    this.writeBar.element.append(h("button", { type: "button", className: "button", "data-testid": "posting-csv", onclick: () => saveBytes(csv, file, "text/csv;charset=utf-8") }, t("pane.payments.postingCsv", { file })));
    const outcome = this.written(written);
    return { ...outcome, status: `${outcome.status} ${t("pane.payments.posted", { ...reviewed.counts })}` };
  }
}
