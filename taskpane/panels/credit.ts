import { formatIsoDate, parseIsoDate } from "../../src/core/dates";
import { CUSTOMER_SPEC } from "../../src/core/tables/customers";
import { LEDGER_SPEC } from "../../src/core/tables/ledger";
import { ORDER_SPEC, UNBILLED_DELIVERY_SPEC } from "../../src/core/tables/orders";
import { PAYMENT_HISTORY_SPEC } from "../../src/core/tables/paymentHistory";
import type { Rejection } from "../../src/core/tables/table";
import { DEFAULT_SCHEDULE_DAYS, runCreditJob, type CreditPhase } from "../../src/jobs/credit";
import { optionsRecord } from "../../src/workbook/settings";
import { h } from "../dom";
import type { Panel, PanelContext, PanelDefinition } from "../panels";
import { PolicyEditor } from "../widgets/policyEditor";
import { rejectedList } from "../widgets/rejectedList";
import { ResultsSummary } from "../widgets/resultsSummary";
import { RunBar, type RunControl, type RunOutcome } from "../widgets/runBar";
import { TableInput } from "../widgets/tableInput";

export const creditPanel: PanelDefinition = { id: "credit", labelKey: "pane.tab.credit", create: (ctx) => new CreditPanel(ctx) };

/**
 * The Credit review panel: the ledger and the customer master, optional open orders,
 * deliveries not invoiced and payment history; key date and schedule days; one call to the
 * credit job (`cartera credit`), its Report written to sheets or downloaded.
 */
class CreditPanel implements Panel {
  readonly element: HTMLElement;
  private readonly inputs: Record<"ledger" | "customers" | "orders" | "deliveries" | "history", TableInput>;
  private readonly asOf: HTMLInputElement;
  private readonly days: HTMLInputElement;
  private readonly policy: PolicyEditor;
  private readonly runBar: RunBar;
  private readonly results: ResultsSummary;

  constructor(private readonly ctx: PanelContext) {
    const { t } = ctx;
    const onChange = () => {
      this.results.clear();
      this.runBar.reset();
      this.validate();
    };
    const input = (part: string, spec: typeof LEDGER_SPEC, heading: Parameters<typeof t>[0], openHelp: Parameters<typeof t>[0], optional: boolean) =>
      new TableInput({ ctx, spec, panel: "credit", part, heading, openHelp, optional, main: part === "ledger", onChange });
    this.inputs = {
      ledger: input("ledger", LEDGER_SPEC, "pane.credit.ledgerHeading", "pane.aging.openWorkbookHelp", false),
      customers: input("customers", CUSTOMER_SPEC, "pane.credit.customersHeading", "pane.credit.customersHelp", false),
      orders: input("orders", ORDER_SPEC, "pane.credit.ordersHeading", "pane.credit.ordersHelp", true),
      deliveries: input("deliveries", UNBILLED_DELIVERY_SPEC, "pane.credit.deliveriesHeading", "pane.credit.deliveriesHelp", true),
      history: input("history", PAYMENT_HISTORY_SPEC, "pane.credit.historyHeading", "pane.credit.historyHelp", true),
    };
    this.asOf = h("input", { type: "date", id: "credit-asof", required: true, "data-testid": "credit-asof", onchange: () => this.validate() });
    this.days = h("input", { type: "number", id: "credit-days", min: 1, max: 90, step: 1, "data-testid": "credit-days", oninput: () => this.validate() });
    const options = h(
      "section",
      { className: "card", "aria-labelledby": "credit-options-heading" },
      h("h2", { id: "credit-options-heading" }, t("pane.credit.optionsHeading")),
      h("div", { className: "field" }, h("label", { for: "credit-asof" }, t("pane.aging.asOf")), this.asOf),
      h("div", { className: "field" }, h("label", { for: "credit-days" }, t("pane.credit.days")), this.days),
    );
    this.policy = new PolicyEditor(t, onChange);
    this.runBar = new RunBar({ t, label: t("pane.credit.run"), scope: () => this.element, run: (c) => this.run(c), onFinish: () => this.validate() });
    this.results = new ResultsSummary({ heading: t("pane.credit.resultsHeading"), factIds: ["credit-counts"], testId: "credit-results", glimpses: true });
    this.element = h("div", { className: "panel-body" }, ...Object.values(this.inputs).flatMap((i) => i.element), options, this.policy.element, this.runBar.element, this.results.element);
  }

  async init(): Promise<void> {
    const saved = this.ctx.settings.options("credit");
    this.asOf.value = saved.asOf && parseIsoDate(saved.asOf) !== null ? saved.asOf : formatIsoDate(this.ctx.today);
    this.days.value = saved.days && /^\d+$/.test(saved.days) ? saved.days : String(DEFAULT_SCHEDULE_DAYS);
    this.policy.load(saved);
    this.validate();
    for (const i of Object.values(this.inputs)) await i.init();
  }

  private choices(): { asOf: number; days: number } | null {
    const asOf = parseIsoDate(this.asOf.value);
    const days = /^\d+$/.test(this.days.value) ? Number(this.days.value) : NaN;
    this.asOf.setAttribute("aria-invalid", String(asOf === null));
    this.days.setAttribute("aria-invalid", String(!(days >= 1 && days <= 90)));
    return asOf !== null && days >= 1 && days <= 90 ? { asOf, days } : null;
  }

  private validate(): void {
    this.runBar.setReady(this.choices() !== null && this.policy.problem === null && Object.values(this.inputs).every((i) => i.ready));
  }

  private async run(c: RunControl): Promise<RunOutcome> {
    const choices = this.choices();
    if (!choices) return { status: "" };
    const { t, port } = this.ctx;
    const { ledger, customers, orders, deliveries, history } = this.inputs;
    this.results.clear();
    const phases: Record<CreditPhase | "write", string> = { read: t("pane.credit.phase.read"), review: t("pane.credit.phase.review"), write: t("pane.credit.phase.write") };
    let phase: string | null = null;
    const say = (p: CreditPhase | "write") => p !== phase && c.say(phases[(phase = p)]);
    const job = await runCreditJob({
      ledger: ledger.source(this.ctx)!,
      customers: customers.source(this.ctx)!,
      orders: orders.source(this.ctx),
      deliveries: deliveries.source(this.ctx),
      history: history.source(this.ctx),
      policy: { entries: this.policy.entries(), label: t("pane.credit.policyLabel") },
      asOf: choices.asOf,
      days: choices.days,
      lang: t.lang,
      signal: c.signal,
      onProgress: (f, p) => {
        c.progress(0.6 * f);
        say(p);
      },
    });
    say("write");
    const written = await port.writeReport(job.report, {
      family: "credit",
      signal: c.signal,
      fileName: t("pane.credit.fileName", { date: formatIsoDate(choices.asOf) }),
      onProgress: (p) => c.progress(0.6 + 0.4 * (p.total ? p.done / p.total : 1)),
    });
    const rejected: { input: TableInput; rows: Rejection[] }[] = [];
    for (const [part, read] of Object.entries(job.reads)) {
      const input = this.inputs[part as keyof CreditPanel["inputs"]];
      if (input && read && read.rejected.length) rejected.push({ input, rows: read.rejected });
    }
    const barSay = (text: string) => this.runBar.say(text);
    this.results.show(
      job.report,
      ...rejected.map(({ input, rows }) =>
        rejectedList({ port, t, say: barSay, rejected: rows, source: input.value?.source ?? null, testId: "credit-rejected", heading: (n) => t("pane.credit.rejectedHeading", { count: n, source: input.value?.preview.label ?? "" }) }),
      ),
    );
    await this.ctx.settings.save({
      ...optionsRecord("credit", { asOf: this.asOf.value, days: this.days.value }),
      ...this.policy.settingsRecord(),
      ...Object.values(this.inputs).reduce((acc, i) => ({ ...acc, ...i.settingsRecord() }), {}),
    });
    const download = written.download;
    return download ? { status: t("pane.run.downloaded", { file: download.fileName }), download } : { status: t("pane.run.done", { sheets: written.sheets.join(", ") }) };
  }
}
