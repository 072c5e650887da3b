import { bucketLabels, type AgingBasis } from "../src/core/aging/aging";
import { displayBucketLabels } from "../src/core/aging/agingReport";
import { fieldLabel, HEADER_SCAN_ROWS, neededDescription } from "../src/core/tables/columns";
import { formatIsoDate, parseIsoDate, type CivilDay } from "../src/core/dates";
import { CUSTOMER_SPEC } from "../src/core/tables/customers";
import { InputError } from "../src/core/errors";
import { LEDGER_SPEC } from "../src/core/tables/ledger";
import { describe, type Lang } from "../src/core/messages";
import { formatMoney } from "../src/core/money";
import type { Rejection } from "../src/core/tables/table";
import { runAgingJob, type AgingJobResult, type JobPhase, type TableInput } from "../src/workbook/agingJob";
import type { FileWorkbook } from "../src/workbook/fileWorkbook";
import { columnLetter, detectTable, isDetected, mappingProblem, mappingToSave, type DetectedTable } from "../src/workbook/mapping";
import { isCancelled, type SourcePreview, type SourceRef, type WorkbookPort } from "../src/workbook/port";
import { agingSettingsFrom, agingSettingsRecord, parseEdgesText, type AgingSettings } from "../src/workbook/settings";
import { clear, h, uid } from "./dom";
import { strings, type Strings } from "./i18n";

/** Rejected rows listed in the pane; all of them are on the Rejected sheet. */
const MAX_REJECTED_SHOWN = 200;

export interface AgingPanelOptions {
  port: WorkbookPort;
  lang: Lang;
  /** Today as a civil date, the default key date. */
  today: CivilDay;
  /** Lets the file picker hand bytes to the standalone adapter. */
  files?: FileWorkbook;
}

/**
 * The Aging panel: source, column mapping the user can correct, key date, buckets and basis,
 * run with progress and cancel, totals, rejected rows. It only translates between the DOM and
 * the workbook port / job; the numbers come from core.
 */
export class AgingPanel {
  readonly element: HTMLElement;
  private readonly t: Strings;
  private settings: AgingSettings = agingSettingsFrom({});
  private sources: SourceRef[] = [];
  private source: SourceRef | null = null;
  private preview: SourcePreview | null = null;
  private table: DetectedTable | null = null;
  private controller: AbortController | null = null;
  private lastDownload: { fileName: string; bytes: Uint8Array } | null = null;
  /** The customer master to use, ready to read; null for none. */
  private master: TableInput | null = null;
  /** A master was chosen but cannot be used (no header…): Run waits until it is fixed or removed. */
  private masterBroken = false;

  private readonly sourceSelect: HTMLSelectElement;
  private readonly sourceStatus: HTMLElement;
  private readonly sourceError: HTMLElement;
  private readonly mappingSection: HTMLElement;
  private readonly customersSelect: HTMLSelectElement;
  private readonly customersStatus: HTMLElement;
  private readonly customersError: HTMLElement;
  private readonly customersRemove: HTMLButtonElement;
  private readonly mappingBody: HTMLElement;
  private readonly mappingStatus: HTMLElement;
  private readonly mappingNeeded: HTMLElement;
  private readonly mappingError: HTMLElement;
  private readonly asOfInput: HTMLInputElement;
  private readonly bucketsInput: HTMLInputElement;
  private readonly bucketsHelp: HTMLElement;
  private readonly basisInputs: Record<AgingBasis, HTMLInputElement>;
  private readonly runButton: HTMLButtonElement;
  private readonly cancelButton: HTMLButtonElement;
  private readonly progress: HTMLProgressElement;
  private readonly progressBox: HTMLElement;
  private readonly status: HTMLElement;
  private readonly results: HTMLElement;
  private readonly downloadButton: HTMLButtonElement;

  constructor(private readonly options: AgingPanelOptions) {
    const t = (this.t = strings(options.lang));
    const standalone = options.port.mode === "standalone";

    // Source
    this.sourceSelect = h("select", { id: "aging-source", "data-testid": "source-select", onchange: () => void this.pickSource(this.sourceSelect.value) });
    this.sourceStatus = h("p", { className: "hint", id: "aging-source-status", "data-testid": "source-status" });
    this.sourceError = h("div", { className: "message error", role: "alert", "data-testid": "source-error", hidden: true });
    const fileInput = hiddenFileInput("aging-file", "file-input", (input) => void this.openFile(input));
    const sourceSection = h(
      "section",
      { className: "card", "aria-labelledby": "aging-source-heading" },
      h("h2", { id: "aging-source-heading" }, t.sourceHeading),
      standalone
        ? h(
            "div",
            { className: "row" },
            h("button", { type: "button", className: "button primary", "data-testid": "open-workbook", "aria-describedby": "aging-source-status", onclick: () => fileInput.click() }, t.openWorkbook),
            fileInput,
          )
        : h(
            "div",
            { className: "field" },
            h("label", { for: "aging-source" }, t.sourceLabel),
            h("div", { className: "row" }, this.sourceSelect, h("button", { type: "button", className: "button", onclick: () => void this.refreshSources() }, t.sourceRefresh)),
          ),
      this.sourceStatus,
      this.sourceError,
    );
    if (standalone) this.sourceStatus.textContent = t.openWorkbookHelp;

    // Mapping
    this.mappingBody = h("tbody");
    this.mappingStatus = h("p", { className: "hint", "data-testid": "mapping-status" });
    this.mappingNeeded = h("p", { className: "hint", id: "aging-mapping-needed" });
    this.mappingError = h("div", { className: "message warning", role: "alert", "data-testid": "mapping-error", hidden: true });
    this.mappingSection = h(
      "section",
      { className: "card", "aria-labelledby": "aging-mapping-heading", hidden: true, "data-testid": "mapping" },
      h("h2", { id: "aging-mapping-heading" }, t.mappingHeading),
      this.mappingStatus,
      this.mappingNeeded,
      h(
        "table",
        { className: "grid mapping", "data-testid": "mapping-table", "aria-describedby": "aging-mapping-needed" },
        h("caption", {}, t.mappingCaption),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t.mappingField), h("th", { scope: "col" }, t.mappingColumn))),
        this.mappingBody,
      ),
      this.mappingError,
    );

    // Customer master (optional), as `cartera aging --customers FILE`
    this.customersSelect = h("select", { id: "aging-customers", "data-testid": "customers-select", "aria-describedby": "aging-customers-status", onchange: () => void this.pickMasterKey(this.customersSelect.value) });
    this.customersStatus = h("p", { className: "hint", id: "aging-customers-status", "aria-live": "polite", "data-testid": "customers-status" });
    this.customersError = h("div", { className: "message error", role: "alert", "data-testid": "customers-error", hidden: true });
    const customersInput = hiddenFileInput("aging-customers-file", "customers-file-input", (input) => void this.openMasterFile(input));
    this.customersRemove = h("button", { type: "button", className: "button", hidden: true, "data-testid": "customers-remove", onclick: () => void this.removeMasterFile() }, t.removeCustomers);
    const customersSection = h(
      "section",
      { className: "card", "aria-labelledby": "aging-customers-heading", "data-testid": "customers" },
      h("h2", { id: "aging-customers-heading" }, t.customersHeading),
      h("p", { className: "hint" }, t.customersIntro),
      standalone
        ? h(
            "div",
            { className: "row" },
            h("button", { type: "button", className: "button", "data-testid": "open-customers", "aria-describedby": "aging-customers-status", onclick: () => customersInput.click() }, t.openCustomers),
            this.customersRemove,
            customersInput,
          )
        : h("div", { className: "field" }, h("label", { for: "aging-customers" }, t.customersLabel), this.customersSelect),
      this.customersStatus,
      this.customersError,
    );
    if (standalone) this.customersStatus.textContent = t.openCustomersHelp;

    // Options
    this.asOfInput = h("input", { type: "date", id: "aging-asof", required: true, "data-testid": "asof", onchange: () => this.validate() });
    const bucketsHelpId = uid("buckets-help");
    this.bucketsInput = h("input", {
      type: "text",
      id: "aging-buckets",
      inputmode: "numeric",
      autocomplete: "off",
      "aria-describedby": bucketsHelpId,
      "data-testid": "buckets",
      oninput: () => this.validate(),
    });
    this.bucketsHelp = h("p", { className: "hint", id: bucketsHelpId, "aria-live": "polite" });
    const basisName = uid("basis");
    const radio = (value: AgingBasis, label: string) => {
      const id = uid("basis");
      const input = h("input", { type: "radio", name: basisName, id, value, "data-testid": `basis-${value}` });
      return { input, el: h("div", { className: "radio" }, input, h("label", { for: id }, label)) };
    };
    const due = radio("due", t.basisDue);
    const doc = radio("document", t.basisDocument);
    this.basisInputs = { due: due.input, document: doc.input };
    const optionsSection = h(
      "section",
      { className: "card", "aria-labelledby": "aging-options-heading" },
      h("h2", { id: "aging-options-heading" }, t.optionsHeading),
      h("div", { className: "field" }, h("label", { for: "aging-asof" }, t.asOf), this.asOfInput),
      h("div", { className: "field" }, h("label", { for: "aging-buckets" }, t.buckets), this.bucketsInput, this.bucketsHelp),
      h("fieldset", { className: "field" }, h("legend", {}, t.basis), due.el, doc.el),
    );

    // Run
    this.runButton = h("button", { type: "button", className: "button primary", "data-testid": "run", disabled: true, onclick: () => void this.run() }, t.run);
    this.cancelButton = h("button", { type: "button", className: "button", "data-testid": "cancel", hidden: true, onclick: () => this.controller?.abort() }, t.cancel);
    this.progress = h("progress", { max: 100, value: 0, "aria-label": t.progressLabel, "data-testid": "progress" });
    this.progressBox = h("div", { className: "progress", hidden: true }, this.progress);
    this.status = h("p", { className: "status", role: "status", "aria-live": "polite", "data-testid": "status" });
    this.downloadButton = h("button", { type: "button", className: "button", hidden: true, "data-testid": "download-again", onclick: () => this.downloadAgain() }, t.downloadAgain);
    const runSection = h("section", { className: "card run" }, h("div", { className: "row" }, this.runButton, this.cancelButton, this.downloadButton), this.progressBox, this.status);

    this.results = h("section", { className: "results", "aria-labelledby": "aging-results-heading", hidden: true, "data-testid": "results" });

    this.element = h("div", { className: "panel-body" }, standalone ? h("p", { className: "message info" }, t.standaloneHint) : null, sourceSection, this.mappingSection, customersSection, optionsSection, runSection, this.results);
  }

  /** Loads settings and (in Excel) the sources. */
  async init(): Promise<void> {
    try {
      this.settings = agingSettingsFrom(await this.options.port.loadSettings());
    } catch {
      this.settings = agingSettingsFrom({});
    }
    this.asOfInput.value = formatIsoDate(this.settings.asOf ?? this.options.today);
    this.bucketsInput.value = this.settings.edges.join(",");
    this.basisInputs[this.settings.basis].checked = true;
    this.validate();
    if (this.options.port.mode === "excel") await this.refreshSources();
    else if (this.settings.customers) this.customersStatus.textContent = `${this.t.openCustomersHelp}. ${this.t.customersLast(this.settings.customers.replace(/^file:customers:/, ""))}`;
  }

  // ---- sources ------------------------------------------------------------------------

  private async refreshSources(): Promise<void> {
    this.showSourceError(null);
    try {
      this.sources = await this.options.port.listSources();
    } catch (e) {
      this.showSourceError(this.errorText(e));
      return;
    }
    clear(this.sourceSelect);
    for (const s of this.sources) this.sourceSelect.append(h("option", { value: s.key }, s.label));
    await this.fillMasterList();
    if (this.sources.length === 0) {
      this.sourceStatus.textContent = this.t.sourceNone;
      this.mappingSection.hidden = true;
      this.validate();
      return;
    }
    const pick = this.sources.find((s) => s.preferred) ?? this.sources.find((s) => s.key === this.settings.source) ?? this.sources[0];
    this.sourceSelect.value = pick.key;
    await this.pickSource(pick.key);
  }

  private async openFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = "";
    if (!file || !this.options.files) return;
    this.showSourceError(null);
    this.clearResults();
    this.mappingSection.hidden = true;
    this.source = null;
    this.table = null;
    this.validate();
    this.sourceStatus.textContent = this.t.opening(file.name);
    this.progressBox.hidden = false;
    this.progress.removeAttribute("value"); // indeterminate while the file is parsed
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const ref = await this.options.files.open(bytes, file.name, LEDGER_SPEC);
      this.sources = await this.options.port.listSources();
      this.sourceStatus.textContent = this.t.opened(ref.label, ref.rows);
      await this.pickSource(ref.key);
    } catch (e) {
      this.sourceStatus.textContent = this.t.openWorkbookHelp;
      this.showSourceError(this.errorText(e));
    } finally {
      this.progressBox.hidden = true;
      this.progress.value = 0;
    }
  }

  // ---- customer master ----------------------------------------------------------------

  /** Excel: "(ninguno)" and every source; keeps the current choice, else the remembered one. */
  private async fillMasterList(): Promise<void> {
    const keep = this.master?.source.key ?? (this.masterBroken ? this.customersSelect.value : this.settings.customers);
    clear(this.customersSelect);
    this.customersSelect.append(h("option", { value: "" }, this.t.customersNone));
    for (const s of this.sources) this.customersSelect.append(h("option", { value: s.key }, s.label));
    const key = keep && this.sources.some((s) => s.key === keep) ? keep : "";
    this.customersSelect.value = key;
    await this.pickMasterKey(key);
  }

  private async pickMasterKey(key: string): Promise<void> {
    await this.pickMaster(key === "" ? null : (this.sources.find((s) => s.key === key) ?? null));
  }

  /** Reads the master's first rows and finds its header with CUSTOMER_SPEC (the same synonyms as `--customers`). */
  private async pickMaster(source: SourceRef | null): Promise<void> {
    const t = this.t;
    this.master = null;
    this.masterBroken = false;
    this.showMasterError(null);
    this.clearResults();
    this.customersStatus.textContent = source ? "" : this.options.port.mode === "standalone" ? t.openCustomersHelp : "";
    if (source) {
      try {
        const preview = await this.options.port.preview(source, HEADER_SCAN_ROWS);
        const table = detectTable(CUSTOMER_SPEC, preview);
        if (!isDetected(table)) throw table;
        this.master = { source, preview, table };
        const fields = CUSTOMER_SPEC.fields.filter((f) => f.key in table.mapping).map((f) => fieldLabel(CUSTOMER_SPEC, f.key, this.options.lang));
        this.customersStatus.textContent = t.customersFound(preview.label, table.headerRow, fields.join(", "));
      } catch (e) {
        this.masterBroken = true;
        this.showMasterError(this.errorText(e));
      }
    }
    this.customersRemove.hidden = source === null;
    this.validate();
  }

  private async openMasterFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = "";
    if (!file || !this.options.files) return;
    this.showMasterError(null);
    this.customersStatus.textContent = this.t.opening(file.name);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const ref = await this.options.files.open(bytes, file.name, CUSTOMER_SPEC, undefined, "customers");
      await this.pickMaster(ref);
    } catch (e) {
      // The file's own reader found no customer header (or no file at all): say so; Run is not blocked.
      if (this.master) this.options.files.close(this.master.source);
      this.master = null;
      this.masterBroken = false;
      this.customersRemove.hidden = true;
      this.customersStatus.textContent = this.t.openCustomersHelp;
      this.showMasterError(this.errorText(e));
      this.validate();
    }
  }

  private async removeMasterFile(): Promise<void> {
    if (this.master) this.options.files?.close(this.master.source);
    await this.pickMaster(null);
    this.settings.customers = undefined;
  }

  private showMasterError(text: string | null): void {
    this.customersError.hidden = text === null;
    this.customersError.textContent = text ?? "";
  }

  private async pickSource(key: string): Promise<void> {
    const source = this.sources.find((s) => s.key === key) ?? null;
    this.source = source;
    this.table = null;
    this.showSourceError(null);
    this.clearResults();
    if (!source) {
      this.mappingSection.hidden = true;
      this.validate();
      return;
    }
    try {
      this.preview = await this.options.port.preview(source, HEADER_SCAN_ROWS);
      const detected = detectTable(LEDGER_SPEC, this.preview, this.settings.mapping);
      if (!isDetected(detected)) throw detected;
      this.table = detected;
      this.renderMapping();
    } catch (e) {
      this.mappingSection.hidden = true;
      this.showSourceError(this.errorText(e));
    }
    this.validate();
  }

  // ---- mapping ------------------------------------------------------------------------

  private renderMapping(): void {
    const table = this.table!;
    const t = this.t;
    const lang = this.options.lang;
    // Only a meaning with no alternative is marked; the hint names the groups where one of several will do.
    const required = new Set(LEDGER_SPEC.required.filter((g) => g.length === 1).map((g) => g[0]));
    clear(this.mappingBody);
    for (const field of LEDGER_SPEC.fields) {
      const label = fieldLabel(LEDGER_SPEC, field.key, lang);
      const id = uid("map");
      const select = h("select", { id, "aria-label": t.mappingSelectLabel(label), "data-field": field.key, "data-testid": `map-${field.key}` });
      select.append(h("option", { value: "" }, t.mappingNone));
      table.headers.forEach((header, i) => select.append(h("option", { value: String(i) }, `${columnLetter(i)} · ${header || "—"}`)));
      select.value = field.key in table.mapping ? String(table.mapping[field.key]) : "";
      select.addEventListener("change", () => {
        if (select.value === "") delete table.mapping[field.key];
        else table.mapping[field.key] = Number(select.value);
        row.classList.toggle("changed", table.mapping[field.key] !== table.detected[field.key]);
        this.validate();
      });
      const row = h(
        "tr",
        { "data-field": field.key },
        h("th", { scope: "row" }, h("label", { for: id }, label), required.has(field.key) ? h("span", { className: "required" }, ` (${t.mappingRequired})`) : null),
        h("td", {}, select),
      );
      row.classList.toggle("changed", table.mapping[field.key] !== table.detected[field.key]);
      this.mappingBody.append(row);
    }
    this.mappingStatus.textContent = t.headerAt(table.headerRow, this.preview?.label ?? "") + (table.restored ? ` ${t.mappingRestored}` : "");
    this.mappingNeeded.textContent = t.mappingNeeded(neededDescription(LEDGER_SPEC, lang).join("; "));
    this.mappingSection.hidden = false;
  }

  // ---- options and run ----------------------------------------------------------------

  private edges(): number[] | null {
    return parseEdgesText(this.bucketsInput.value);
  }

  private basis(): AgingBasis {
    return this.basisInputs.document.checked ? "document" : "due";
  }

  /** Enables Run only when a source, a usable mapping, a key date and buckets are there. */
  private validate(): boolean {
    const edges = this.edges();
    this.bucketsInput.setAttribute("aria-invalid", edges ? "false" : "true");
    this.bucketsHelp.textContent = edges ? this.t.bucketsHelp(displayBucketLabels(bucketLabels(edges), this.options.lang).join(", ")) : this.t.bucketsInvalid;
    const asOf = parseIsoDate(this.asOfInput.value);
    this.asOfInput.setAttribute("aria-invalid", asOf === null ? "true" : "false");
    let problem: string | null = null;
    if (this.table) problem = mappingProblem(LEDGER_SPEC, this.table.mapping, this.options.lang);
    this.mappingError.hidden = problem === null;
    this.mappingError.textContent = problem ?? "";
    const ok = edges !== null && asOf !== null && this.source !== null && this.table !== null && problem === null && !this.masterBroken && this.controller === null;
    this.runButton.disabled = !ok;
    return ok;
  }

  private setBusy(busy: boolean): void {
    for (const el of this.element.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>("input, select, button")) {
      if (el === this.cancelButton) continue;
      if (busy) {
        el.dataset.wasDisabled = el.disabled ? "1" : "";
        el.disabled = true;
      } else {
        el.disabled = el.dataset.wasDisabled === "1";
      }
    }
    this.cancelButton.hidden = !busy;
    this.progressBox.hidden = !busy;
    this.element.setAttribute("aria-busy", busy ? "true" : "false");
  }

  private async run(): Promise<void> {
    if (!this.validate() || !this.source || !this.preview || !this.table) return;
    const t = this.t;
    const edges = this.edges()!;
    const asOf = parseIsoDate(this.asOfInput.value)!;
    const basis = this.basis();
    const standalone = this.options.port.mode === "standalone";
    this.clearResults();
    this.controller = new AbortController();
    this.setBusy(true);
    this.cancelButton.focus();
    this.progress.value = 0;
    let phase: JobPhase | null = null;
    const phaseText: Record<JobPhase, string> = { read: t.phaseRead, age: t.phaseAge, write: standalone ? t.phaseWriteFile : t.phaseWriteExcel };
    try {
      const job = await runAgingJob({
        port: this.options.port,
        source: this.source,
        preview: this.preview,
        table: this.table,
        master: this.master ?? undefined,
        asOf,
        edges,
        basis,
        lang: this.options.lang,
        signal: this.controller.signal,
        fileName: `cartera-${this.options.lang === "es" ? "antiguedad" : "aging"}-${formatIsoDate(asOf)}.xlsx`,
        onProgress: (fraction, p) => {
          this.progress.value = Math.round(fraction * 100);
          if (p !== phase) {
            phase = p;
            this.status.textContent = phaseText[p];
          }
        },
      });
      this.showResults(job);
      this.lastDownload = job.written?.download ?? null;
      this.status.textContent = this.lastDownload ? t.downloaded(this.lastDownload.fileName) : t.done(job.written?.sheets.join(", ") ?? "");
      await this.saveSettings(asOf, edges, basis);
    } catch (e) {
      this.status.textContent = isCancelled(e) ? t.cancelled : this.errorText(e);
    } finally {
      this.controller = null;
      this.setBusy(false);
      this.downloadButton.hidden = this.lastDownload === null;
      this.validate();
      this.runButton.focus();
    }
  }

  private async saveSettings(asOf: CivilDay, edges: number[], basis: AgingBasis): Promise<void> {
    const mapping = this.table ? mappingToSave(LEDGER_SPEC, this.table) : {};
    this.settings = { asOf, edges, basis, source: this.source?.key, customers: this.master?.source.key, mapping: { ...this.settings.mapping, ...mapping } };
    // Fields back on their detected column are forgotten, the rest remembered.
    for (const f of LEDGER_SPEC.fields) if (!(f.key in mapping)) delete this.settings.mapping[f.key];
    try {
      await this.options.port.saveSettings(agingSettingsRecord(this.settings, LEDGER_SPEC.fields.map((f) => f.key)));
    } catch {
      // Settings are a convenience: a protected workbook must not turn a good run into an error.
    }
  }

  private downloadAgain(): void {
    if (!this.lastDownload) return;
    // The bytes of the last run are kept: downloading again does not rebuild the report.
    const { bytes, fileName } = this.lastDownload;
    saveBytes(bytes, fileName);
  }

  // ---- results ------------------------------------------------------------------------

  private clearResults(): void {
    clear(this.results);
    this.results.hidden = true;
    this.status.textContent = "";
    this.lastDownload = null;
    this.downloadButton.hidden = true;
  }

  private showResults(job: AgingJobResult): void {
    const t = this.t;
    const lang = this.options.lang;
    const labels = displayBucketLabels(job.result.labels, lang);
    clear(this.results);
    this.results.append(h("h2", { id: "aging-results-heading", tabindex: -1 }, t.resultsHeading));
    for (const [currency, totals] of job.result.totalsByCurrency) {
      const body = h("tbody");
      labels.forEach((label, i) =>
        body.append(
          h(
            "tr",
            { className: i > 0 && totals.buckets[i] > 0 ? "overdue" : "", "data-bucket": String(i) },
            h("th", { scope: "row" }, label),
            h("td", { className: "num", "data-centavos": String(totals.buckets[i]) }, formatMoney(totals.buckets[i], currency)),
          ),
        ),
      );
      body.append(
        h("tr", { className: "total", "data-bucket": "total" }, h("th", { scope: "row" }, t.total), h("td", { className: "num", "data-centavos": String(totals.total) }, formatMoney(totals.total, currency))),
        h("tr", { className: "total", "data-bucket": "overdue" }, h("th", { scope: "row" }, t.overdue), h("td", { className: "num", "data-centavos": String(totals.overdue) }, formatMoney(totals.overdue, currency))),
      );
      this.results.append(
        h(
          "table",
          { className: "grid totals", "data-currency": currency, "data-testid": `totals-${currency}` },
          h("caption", {}, t.totalsCaption(currency)),
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t.bucket), h("th", { scope: "col", className: "num" }, t.amount))),
          body,
        ),
      );
    }
    const customers = job.result.customers.length;
    const open = job.result.itemBucket.length - job.result.notOpenAtKeyDate;
    this.results.append(h("p", { className: "hint", "data-testid": "counts" }, t.counts(customers, open)));
    if (job.master) this.results.append(h("p", { className: "hint", "data-testid": "customers-count" }, t.customersCount(job.master.size)));
    this.results.append(this.rejectedList(job.rejected, this.source));
    if (job.master && job.masterRejected.length) this.results.append(this.rejectedList(job.masterRejected, this.master?.source ?? null, "master"));
    this.results.hidden = false;
  }

  /** Rejected ledger rows, or the master's rows shown as warnings (`kind` "master"). */
  private rejectedList(rejected: readonly Rejection[], source: SourceRef | null, kind: "ledger" | "master" = "ledger"): HTMLElement {
    const t = this.t;
    const lang = this.options.lang;
    const master = kind === "master";
    const headingId = master ? "aging-customers-rejected-heading" : "aging-rejected-heading";
    const section = h(
      "section",
      { className: master ? "rejected warnings" : "rejected", "aria-labelledby": headingId, "data-testid": master ? "customers-rejected" : "rejected" },
      h("h3", { id: headingId }, master ? t.customersRejectedHeading(rejected.length) : t.rejectedHeading(rejected.length)),
    );
    if (rejected.length === 0) {
      section.append(h("p", { className: "hint" }, t.rejectedNone));
      return section;
    }
    if (master) section.append(h("p", { className: "hint" }, t.customersRejectedHelp));
    if (!master || this.options.port.mode === "excel") section.append(h("p", { className: "hint" }, this.options.port.mode === "excel" ? t.rejectedHelpExcel : t.rejectedHelpFile));
    const list = h("ul", { className: "rejected-list" });
    for (const r of rejected.slice(0, MAX_REJECTED_SHOWN)) {
      const text = t.rejectedItem(r.row, r.column, r.value, describe(r.problem, lang));
      list.append(h("li", {}, h("button", { type: "button", className: "link", "data-row": String(r.row), "data-column": String(r.columnIndex), onclick: () => void this.goTo(r, source) }, text)));
    }
    section.append(list);
    const more = rejected.length - MAX_REJECTED_SHOWN;
    if (more > 0) section.append(h("p", { className: "hint" }, master ? t.customersRejectedMore(more) : t.rejectedMore(more)));
    return section;
  }

  private async goTo(r: Rejection, source: SourceRef | null): Promise<void> {
    if (!source) return;
    try {
      const selected = await this.options.port.selectCell(source, r.row, r.columnIndex);
      this.status.textContent = selected ? this.t.rejectedSelected(r.row, r.column) : this.t.rejectedNoCursor(r.row, r.column);
    } catch (e) {
      this.status.textContent = this.errorText(e);
    }
  }

  // ---- messages -----------------------------------------------------------------------

  private showSourceError(text: string | null): void {
    this.sourceError.hidden = text === null;
    this.sourceError.textContent = text ?? "";
  }

  private errorText(e: unknown): string {
    if (e instanceof InputError) return e.describe(this.options.lang);
    const detail = e instanceof Error ? e.message : String(e);
    return this.t.unexpected(detail);
  }
}

/** Hands bytes to the browser as a download. */
export function saveBytes(bytes: Uint8Array, fileName: string): void {
  const blob = new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file picker opened by its visible button; hidden from the keyboard and screen readers, which use the button. */
function hiddenFileInput(id: string, testId: string, onPick: (input: HTMLInputElement) => void): HTMLInputElement {
  const input: HTMLInputElement = h("input", {
    type: "file",
    id,
    accept: ".xlsx,.csv,.txt,.tsv",
    className: "visually-hidden",
    tabindex: -1,
    "aria-hidden": "true",
    "data-testid": testId,
    onchange: () => onPick(input),
  });
  return input;
}
