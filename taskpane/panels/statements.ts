import { DEFAULT_EDGES } from "../../src/core/aging/aging";
import { formatIsoDate, parseIsoDate } from "../../src/core/dates";
import { describe } from "../../src/core/messages";
import { formatMoney } from "../../src/core/money";
import type { Statement, StatementProblem } from "../../src/core/statement/statement";
import { CUSTOMER_SPEC } from "../../src/core/tables/customers";
import { LEDGER_SPEC } from "../../src/core/tables/ledger";
import type { Rejection } from "../../src/core/tables/table";
import type { TemplateSet } from "../../src/mail/templates";
import { optionsRecord } from "../../src/workbook/settings";
import { append, clear, h } from "../dom";
import { loadRuntime } from "../mail/load";
import type { Panel, PanelContext, PanelDefinition } from "../panels";
import { MailBatch, type BatchItem } from "../widgets/mailBatch";
import { rejectedList } from "../widgets/rejectedList";
import { RunBar, type RunControl, type RunOutcome } from "../widgets/runBar";
import { TableInput } from "../widgets/tableInput";

export const statementsPanel: PanelDefinition = { id: "statements", labelKey: "pane.tab.statements", create: (ctx) => new StatementsPanel(ctx) };

/**
 * The Estados de cuenta panel: the ledger and the customer master (table inputs), the key
 * date, then one call to the statements job (`cartera statements`: the aging at the key date,
 * one statement per customer and currency, who is skipped and why). The statements go to the
 * shared mail batch: pick customers, preview, dry run or send, the journal.
 */
class StatementsPanel implements Panel {
  readonly element: HTMLElement;
  private readonly ledger: TableInput;
  private readonly customers: TableInput;
  private readonly asOf: HTMLInputElement;
  private readonly buildBar: RunBar;
  private readonly summary: HTMLElement;
  private readonly batch: MailBatch<Statement>;
  private asOfText = "";
  /** Checked when the statements are prepared: a broken template stops there, naming its file and line. */
  private templates: TemplateSet | null = null;

  constructor(private readonly ctx: PanelContext) {
    const { t } = ctx;
    const onChange = () => {
      this.batch.clear();
      clear(this.summary);
      this.buildBar.reset();
      this.validate();
    };
    this.ledger = new TableInput({ ctx, spec: LEDGER_SPEC, panel: "statements", part: "ledger", heading: "pane.statements.ledgerHeading", openHelp: "pane.aging.openWorkbookHelp", main: true, onChange });
    this.customers = new TableInput({ ctx, spec: CUSTOMER_SPEC, panel: "statements", part: "customers", heading: "pane.statements.customersHeading", openHelp: "pane.statements.customersHelp", onChange });
    this.asOf = h("input", { type: "date", id: "statements-asof", required: true, "data-testid": "statements-asof", onchange: onChange });
    const options = h(
      "section",
      { className: "card", "aria-labelledby": "statements-options-heading" },
      h("h2", { id: "statements-options-heading" }, t("pane.statements.optionsHeading")),
      h("div", { className: "field" }, h("label", { for: "statements-asof" }, t("pane.aging.asOf")), this.asOf),
    );
    this.buildBar = new RunBar({ t, label: t("pane.statements.build"), scope: () => this.element, run: (c) => this.build(c), onFinish: () => this.built() });
    this.summary = h("section", { className: "results", "data-testid": "statements-summary" });
    this.batch = new MailBatch<Statement>({
      ctx,
      id: "statements",
      kind: "statement",
      scope: () => this.element,
      compose: (rt, st, index) => rt.composeStatement(st, (this.templates ??= rt.paneTemplates(ctx.settings.options("template"))), { index }),
      zipName: () => t("pane.statements.zipName", { date: this.asOfText }),
    });
    this.element = h(
      "div",
      { className: "panel-body" },
      ...this.ledger.element,
      ...this.customers.element,
      options,
      h("div", { "data-testid": "statements-build" }, this.buildBar.element),
      this.summary,
      this.batch.element,
    );
  }

  async init(): Promise<void> {
    const saved = this.ctx.settings.options("statements");
    this.asOf.value = saved.asOf && parseIsoDate(saved.asOf) !== null ? saved.asOf : formatIsoDate(this.ctx.today);
    this.validate();
    await Promise.all([this.ledger.init(), this.customers.init(), this.batch.init()]);
  }

  /** After preparing (done, failed or cancelled): what may run now, here and in the mail batch. */
  private built(): void {
    this.validate();
    this.batch.refresh();
  }

  private validate(): void {
    const asOf = parseIsoDate(this.asOf.value);
    this.asOf.setAttribute("aria-invalid", String(asOf === null));
    this.buildBar.setReady(asOf !== null && this.ledger.ready && this.customers.ready);
  }

  /** `statement.clabe`, `statement.signature.name`…: the settings the statements read, as the CLI's `--settings` JSON has them. */
  private statementSettings(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.ctx.settings.options("statement")).map(([k, v]) => [`statement.${k}`, v]));
  }

  private async build(c: RunControl): Promise<RunOutcome> {
    const { t } = this.ctx;
    const asOf = parseIsoDate(this.asOf.value);
    if (asOf === null) return { status: "" };
    this.batch.clear();
    clear(this.summary);
    c.say(t("pane.statements.phase.read"));
    const rt = await loadRuntime();
    this.templates = rt.paneTemplates(this.ctx.settings.options("template"));
    const job = await rt.runStatementsJob({
      ledger: this.ledger.source(this.ctx)!,
      customers: this.customers.source(this.ctx)!,
      asOf,
      edges: DEFAULT_EDGES,
      lang: t.lang,
      settings: this.statementSettings(),
      signal: c.signal,
      onProgress: (f) => c.progress(f),
    });
    this.asOfText = formatIsoDate(asOf);
    this.showSummary(job.statements, job.problems, [
      { input: this.ledger, rows: job.aging.ledger.rejected },
      { input: this.customers, rows: job.aging.customers?.rejected ?? [] },
    ]);
    this.batch.show(job.statements.map((st) => this.item(st)));
    await this.ctx.settings.save({ ...optionsRecord("statements", { asOf: this.asOf.value }), ...this.ledger.settingsRecord(), ...this.customers.settingsRecord() });
    return { status: t("pane.statements.built", { count: job.statements.length }) };
  }

  private item(st: Statement): BatchItem<Statement> {
    const { t } = this.ctx;
    return {
      value: st,
      customer: st.customer,
      label: t("pane.statements.item", { customer: st.customer, name: st.name, currency: st.currency }),
      detail: t("pane.statements.itemDetail", { balance: formatMoney(st.balance, st.currency), overdue: formatMoney(st.overdue, st.currency) }),
      to: st.to,
      cc: st.cc,
    };
  }

  private showSummary(statements: readonly Statement[], problems: readonly StatementProblem[], rejected: { input: TableInput; rows: Rejection[] }[]): void {
    const { t, port } = this.ctx;
    const skipped = problems.filter((p) => p.skipped);
    const warnings = problems.filter((p) => !p.skipped);
    const line = (p: StatementProblem) => h("li", { "data-customer": p.customer, "data-code": p.problem.code }, t("pane.statements.problem", { customer: p.customer, name: p.name, currency: p.currency, reason: describe(p.problem, t.lang) }));
    append(
      this.summary,
      h("p", { "data-testid": "statements-counts" }, t("pane.statements.counts", { statements: statements.length, customers: new Set(statements.map((s) => s.customer)).size, skipped: new Set(skipped.map((p) => p.customer)).size })),
      skipped.length ? h("section", { className: "rejected warnings", "data-testid": "statements-skipped" }, h("h3", {}, t("pane.statements.skippedHeading", { count: skipped.length })), h("ul", { className: "rejected-list" }, ...skipped.map(line))) : null,
      warnings.length ? h("section", { className: "rejected warnings", "data-testid": "statements-warnings" }, h("h3", {}, t("pane.statements.warningsHeading", { count: warnings.length })), h("ul", { className: "rejected-list" }, ...warnings.map(line))) : null,
      ...rejected
        .filter((r) => r.rows.length)
        .map((r) =>
          rejectedList({ port, t, say: (text) => this.buildBar.say(text), rejected: r.rows, source: r.input.value?.source ?? null, testId: "statements-rejected", heading: (n) => t("pane.statements.rejectedHeading", { count: n, source: r.input.value?.preview.label ?? "" }) }),
        ),
    );
  }
}
