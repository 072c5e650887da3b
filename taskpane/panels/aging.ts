import { bucketLabels, type AgingBasis } from "../../src/core/aging/aging";
import { displayBucketLabels } from "../../src/core/aging/agingReport";
import { formatIsoDate, parseIsoDate, type CivilDay } from "../../src/core/dates";
import type { Lang } from "../../src/core/messages";
import type { Report } from "../../src/core/report/report";
import { CUSTOMER_SPEC } from "../../src/core/tables/customers";
import { LEDGER_SPEC } from "../../src/core/tables/ledger";
import type { Rejection } from "../../src/core/tables/table";
import { runAgingJob, type JobPhase } from "../../src/workbook/agingJob";
import type { WorkbookPort, WriteResult } from "../../src/workbook/port";
import { optionsRecord } from "../../src/workbook/settings";
import { h, uid } from "../dom";
import type { Panel, PanelContext, PanelDefinition } from "../panels";
import { MappingEditor } from "../widgets/mappingEditor";
import { rejectedList } from "../widgets/rejectedList";
import { ResultsSummary } from "../widgets/resultsSummary";
import { RunBar, type RunControl, type RunOutcome } from "../widgets/runBar";
import { SourcePicker, type PickedTable } from "../widgets/sourcePicker";
import { agingOptionsFrom, agingOptionsText, parseEdgesText, type AgingOptions } from "./agingOptions";

export const agingPanel: PanelDefinition = { id: "aging", labelKey: "pane.tab.aging", create: (ctx) => new AgingPanel(ctx) };

interface AgingInput extends AgingOptions {
  asOf: CivilDay;
  ledger: PickedTable;
  customers: PickedTable | null;
}

/**
 * The Aging panel: the ledger and an optional customer master (pickers and mapping editors),
 * key date, buckets and basis, one job call, and the result drawn from its Report.
 */
class AgingPanel implements Panel {
  readonly element: HTMLElement;
  private readonly ledger: SourcePicker;
  private readonly ledgerColumns: MappingEditor;
  private readonly customers: SourcePicker;
  private readonly customerColumns: MappingEditor;
  private readonly asOf: HTMLInputElement;
  private readonly buckets: HTMLInputElement;
  private readonly bucketsHelp: HTMLElement;
  private readonly basis: Record<AgingBasis, HTMLInputElement>;
  private readonly runBar: RunBar;
  private readonly results: ResultsSummary;

  constructor(private readonly ctx: PanelContext) {
    const { t } = ctx;
    const validate = () => void this.validate();
    const changed = (editor: MappingEditor, picked: PickedTable | null) => {
      editor.show(picked);
      this.results.clear();
      this.runBar.reset();
      this.validate();
    };
    this.ledgerColumns = new MappingEditor({ t, spec: LEDGER_SPEC, testPrefix: "", heading: t("pane.mapping.heading"), onChange: validate });
    this.customerColumns = new MappingEditor({ t, spec: CUSTOMER_SPEC, testPrefix: "customers-", heading: t("pane.aging.customersMapping"), collapsed: true, onChange: validate });
    this.ledger = new SourcePicker({ ctx, spec: LEDGER_SPEC, id: "aging-source", testId: "source", testIds: { open: "open-workbook", fileInput: "file-input" }, settingKey: "aging.source",
      heading: t("pane.aging.sourceHeading"), selectLabel: t("pane.source.label"), openLabel: t("pane.aging.openWorkbook"), openHelp: t("pane.aging.openWorkbookHelp"),
      onChange: (picked) => changed(this.ledgerColumns, picked) });
    // What `cartera aging --customers FILE` does: names, payment terms, plaza and credit limit.
    this.customers = new SourcePicker({ ctx, spec: CUSTOMER_SPEC, id: "aging-customers", testId: "customers", optional: true, settingKey: "aging.customers",
      heading: t("pane.aging.customersHeading"), intro: t("pane.aging.customersIntro"), selectLabel: t("pane.aging.customersLabel"),
      openLabel: t("pane.aging.openCustomers"), openHelp: t("pane.aging.openCustomersHelp"), removeLabel: t("pane.aging.removeCustomers"),
      onChange: (picked) => changed(this.customerColumns, picked) });

    this.asOf = h("input", { type: "date", id: "aging-asof", required: true, "data-testid": "asof", onchange: validate });
    const helpId = uid("buckets-help");
    this.buckets = h("input", { type: "text", id: "aging-buckets", inputmode: "numeric", autocomplete: "off", "aria-describedby": helpId, "data-testid": "buckets", oninput: validate });
    this.bucketsHelp = h("p", { className: "hint", id: helpId, "aria-live": "polite" });
    const group = uid("basis");
    const radio = (value: AgingBasis, label: string) => {
      const id = uid("basis");
      const input = h("input", { type: "radio", name: group, id, value, "data-testid": `basis-${value}` });
      return { input, el: h("div", { className: "radio" }, input, h("label", { for: id }, label)) };
    };
    const due = radio("due", t("pane.aging.basisDue"));
    const doc = radio("document", t("pane.aging.basisDocument"));
    this.basis = { due: due.input, document: doc.input };
    const options = h(
      "section",
      { className: "card", "aria-labelledby": "aging-options-heading" },
      h("h2", { id: "aging-options-heading" }, t("pane.aging.optionsHeading")),
      h("div", { className: "field" }, h("label", { for: "aging-asof" }, t("pane.aging.asOf")), this.asOf),
      h("div", { className: "field" }, h("label", { for: "aging-buckets" }, t("pane.aging.buckets")), this.buckets, this.bucketsHelp),
      h("fieldset", { className: "field" }, h("legend", {}, t("pane.aging.basis")), due.el, doc.el),
    );

    this.runBar = new RunBar({ t, label: t("pane.aging.run"), scope: () => this.element, run: (c) => this.run(c), onFinish: validate });
    this.results = new ResultsSummary({ heading: t("pane.aging.resultsHeading"), factIds: ["counts", "customers-count"] });
    const hint = ctx.port.mode === "standalone" ? h("p", { className: "message info" }, t("pane.standaloneHint")) : null;
    this.element = h("div", { className: "panel-body" }, hint, this.ledger.element, this.ledgerColumns.element, this.customers.element, this.customerColumns.element, options, this.runBar.element, this.results.element);
  }

  async init(): Promise<void> {
    const saved = agingOptionsFrom(this.ctx.settings.options("aging"));
    this.asOf.value = formatIsoDate(saved.asOf ?? this.ctx.today);
    this.buckets.value = saved.edges.join(",");
    this.basis[saved.basis].checked = true;
    this.validate();
    await this.ledger.init();
    await this.customers.init();
  }

  /** Enables Run only when a usable ledger, key date and buckets are there; returns what to run. */
  private validate(): AgingInput | null {
    const { t } = this.ctx;
    const edges = parseEdgesText(this.buckets.value);
    this.buckets.setAttribute("aria-invalid", String(edges === null));
    this.bucketsHelp.textContent = edges ? t("pane.aging.bucketsHelp", { labels: displayBucketLabels(bucketLabels(edges), t.lang).join(", ") }) : t("pane.aging.bucketsInvalid");
    const asOf = parseIsoDate(this.asOf.value);
    this.asOf.setAttribute("aria-invalid", String(asOf === null));
    const ledger = this.ledger.value;
    const columnsOk = this.ledgerColumns.problem === null && this.customerColumns.problem === null;
    const ok = edges !== null && asOf !== null && ledger !== null && this.customers.ready && columnsOk;
    this.runBar.setReady(ok);
    return ok ? { asOf, edges, basis: this.basis.document.checked ? "document" : "due", ledger, customers: this.customers.value } : null;
  }

  private async run(c: RunControl): Promise<RunOutcome> {
    const input = this.validate();
    if (!input) return { status: "" };
    const { t, port } = this.ctx;
    this.results.clear();
    const write = port.mode === "standalone" ? "pane.aging.phase.writeFile" : "pane.aging.phase.writeExcel";
    const phases: Record<JobPhase, string> = { read: t("pane.aging.phase.read"), age: t("pane.aging.phase.age"), write: t(write) };
    let phase: JobPhase | null = null;
    const fileName = t("pane.aging.fileName", { date: formatIsoDate(input.asOf) });
    const onProgress = (fraction: number, p: JobPhase) => {
      c.progress(fraction);
      if (p !== phase) c.say(phases[(phase = p)]);
    };
    const job = await ageAndWrite(port, input, { lang: t.lang, signal: c.signal, fileName, onProgress });
    const say = (text: string) => this.runBar.say(text);
    this.results.show(
      job.report,
      rejectedList({ port, t, say, rejected: job.ledgerRejected, source: input.ledger.source, testId: "rejected", heading: (n) => t("pane.rejected.heading", { count: n }), more: (n) => t("pane.aging.rejectedMore", { count: n }), fileHelp: t("pane.aging.rejectedHelpFile") }),
      input.customers && job.customersRejected.length
        ? rejectedList({ port, t, say, rejected: job.customersRejected, source: input.customers.source, testId: "customers-rejected", heading: (n) => t("pane.aging.customersRejectedHeading", { count: n }), warning: t("pane.aging.customersRejectedHelp") })
        : null,
      job.ledgerWarnings.length
        ? rejectedList({ port, t, say, rejected: job.ledgerWarnings, source: input.ledger.source, testId: "ledger-warnings", heading: (n) => t("pane.aging.ledgerWarningsHeading", { count: n }), warning: t("pane.aging.ledgerWarningsHelp") })
        : null,
    );
    await this.ctx.settings.save({
      ...optionsRecord("aging", agingOptionsText(input)),
      ...this.ledger.settingsRecord(),
      ...this.customers.settingsRecord(),
      ...this.ledgerColumns.settingsRecord(),
      ...this.customerColumns.settingsRecord(),
    });
    const download = job.written.download;
    return download ? { status: t("pane.run.downloaded", { file: download.fileName }), download } : { status: t("pane.run.done", { sheets: job.written.sheets.join(", ") }) };
  }
}

/** The one call into the aging job (src/jobs/aging.ts, through the pane's door that also writes the Report). */
async function ageAndWrite(
  port: WorkbookPort,
  { ledger, customers, asOf, edges, basis }: AgingInput,
  { lang, signal, fileName, onProgress }: { lang: Lang; signal: AbortSignal; fileName: string; onProgress: (fraction: number, phase: JobPhase) => void },
): Promise<{ report: Report; ledgerRejected: Rejection[]; customersRejected: Rejection[]; ledgerWarnings: Rejection[]; written: WriteResult }> {
  const job = await runAgingJob({ port, ...ledger, master: customers ?? undefined, asOf, edges, basis, lang, signal, fileName, onProgress });
  return { report: job.report, ledgerRejected: job.rejected, customersRejected: job.masterRejected, ledgerWarnings: job.ledgerWarnings, written: job.written ?? { sheets: [] } };
}
