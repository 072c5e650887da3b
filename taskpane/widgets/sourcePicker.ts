import type { TableSpec } from "../../src/core/tables/columns";
import { detectTable, isDetected, type DetectedTable } from "../../src/workbook/mapping";
import type { SettingsRecord, SourcePreview, SourceRef } from "../../src/workbook/port";
import { clear, h } from "../dom";
import { errorText } from "../i18n";
import type { PanelContext } from "../panels";

/** A source read as a table of some kind: where it is, its first rows, its header and mapping. */
/** Rows previewed: the header is looked for in the first 30, formats are decided from all of them. */
const FORMAT_SAMPLE_ROWS = 500;

export interface PickedTable {
  source: SourceRef;
  preview: SourcePreview;
  table: DetectedTable;
}

export interface SourcePickerOptions {
  ctx: PanelContext;
  /** The kind of table: its header is found with this spec's synonyms. */
  spec: TableSpec;
  /** Base of the element ids (`aging-source` → #aging-source, #aging-source-status). */
  id: string;
  /**
   * Base of the test ids: `<p>-select`, `<p>-status`, `<p>-error`, `<p>-remove`, `<p>-progress`,
   * `open-<p>`, `<p>-file-input` unless `testIds` names them otherwise.
   */
  testId: string;
  testIds?: { open?: string; fileInput?: string };
  heading: string;
  intro?: string;
  /** Label of the Excel source list. */
  selectLabel: string;
  /** The standalone "open file" button and the hint under it. */
  openLabel: string;
  openHelp: string;
  removeLabel?: string;
  /** An optional source (a customer master) starts at "(ninguno)" and can be removed. */
  optional?: boolean;
  /** Where the source is remembered (`aging.source`). */
  settingKey: string;
  /**
   * In a browser, the file's part when a panel opens several (`customers`, `orders`): a file
   * of its own that never replaces the others. An optional source has one by default.
   */
  slot?: string;
  onChange: (picked: PickedTable | null) => void;
}

/**
 * Picks a source for one kind of table. In Excel: a list of the workbook's tables, sheets and
 * the selection, with a refresh button. In a browser: an "open file" button over a hidden file
 * input, the file read by the standalone adapter. Either way it previews the source, finds the
 * header with the kind's spec and the remembered corrections, and says what went wrong.
 */
export class SourcePicker {
  readonly element: HTMLElement;
  /** The usable table picked, or null. */
  value: PickedTable | null = null;
  /** A source is chosen but cannot be used (no header): Run waits until it is fixed or removed. */
  private broken = false;
  private sources: SourceRef[] = [];
  /** Counts picks, so a slow preview of an earlier pick cannot overwrite a later one. */
  private turn = 0;
  private readonly select: HTMLSelectElement;
  private readonly status: HTMLElement;
  private readonly error: HTMLElement;
  private readonly remove: HTMLButtonElement;
  private readonly progress: HTMLElement;
  private readonly standalone: boolean;

  constructor(private readonly o: SourcePickerOptions) {
    const { t, port } = o.ctx;
    const p = o.testId;
    this.standalone = port.mode === "standalone";
    const statusId = `${o.id}-status`;
    this.select = h("select", { id: o.id, "data-testid": `${p}-select`, "aria-describedby": statusId, onchange: () => void this.pick(this.select.value) });
    this.status = h("p", { className: "hint", id: statusId, "aria-live": "polite", "data-testid": `${p}-status` });
    this.error = h("div", { className: "message error", role: "alert", "data-testid": `${p}-error`, hidden: true });
    this.remove = h("button", { type: "button", className: "button", hidden: true, "data-testid": `${p}-remove`, onclick: () => void this.removeFile() }, o.removeLabel ?? t("pane.source.remove"));
    this.progress = h("div", { className: "progress", hidden: true }, h("progress", { "aria-label": t("pane.source.reading"), "data-testid": `${p}-progress` }));
    const input: HTMLInputElement = h("input", {
      type: "file",
      id: `${o.id}-file`,
      accept: ".xlsx,.csv,.txt,.tsv",
      // Hidden from the keyboard and screen readers, which use the visible button.
      className: "visually-hidden",
      tabindex: -1,
      "aria-hidden": "true",
      "data-testid": o.testIds?.fileInput ?? `${p}-file-input`,
      onchange: () => void this.openFile(input),
    });
    const control = this.standalone
      ? h(
          "div",
          { className: "row" },
          h("button", { type: "button", className: o.optional ? "button" : "button primary", "data-testid": o.testIds?.open ?? `open-${p}`, "aria-describedby": statusId, onclick: () => input.click() }, o.openLabel),
          o.optional ? this.remove : null,
          input,
        )
      : h(
          "div",
          { className: "field" },
          h("label", { for: o.id }, o.selectLabel),
          h("div", { className: "row source-row" }, this.select, h("button", { type: "button", className: "button", onclick: () => void this.refresh() }, t("pane.source.refresh"))),
        );
    this.element = h(
      "section",
      { className: "card", "aria-labelledby": `${o.id}-heading`, "data-testid": p },
      h("h2", { id: `${o.id}-heading` }, o.heading),
      o.intro ? h("p", { className: "hint" }, o.intro) : null,
      control,
      this.progress,
      this.status,
      this.error,
    );
  }

  /** Excel: lists the sources. Browser: names the file used last time (it cannot be reopened for the user). */
  async init(): Promise<void> {
    if (!this.standalone) return this.refresh();
    this.status.textContent = this.fileHelp();
  }

  /** Ready to run: a usable table, or (optional) none at all. */
  get ready(): boolean {
    return this.o.optional ? !this.broken : this.value !== null;
  }

  /** What to remember: the source's key, forgotten when there is none. */
  settingsRecord(): SettingsRecord {
    return { [this.o.settingKey]: this.value?.source.key ?? "" };
  }

  /** Excel: reads the workbook's sources again and keeps (or makes) a choice. */
  async refresh(): Promise<void> {
    const { t, port, settings } = this.o.ctx;
    this.showError(null);
    try {
      this.sources = await port.listSources();
    } catch (e) {
      this.showError(errorText(t, e));
      return;
    }
    const current = this.value?.source.key ?? (this.broken ? this.select.value : undefined);
    clear(this.select);
    if (this.o.optional) this.select.append(h("option", { value: "" }, t("pane.source.none")));
    for (const s of this.sources) this.select.append(h("option", { value: s.key }, s.label));
    this.status.textContent = this.sources.length === 0 && !this.o.optional ? t("pane.source.empty") : "";
    const listed = (k: string | undefined) => (k !== undefined && this.sources.some((s) => s.key === k) ? k : undefined);
    const remembered = listed(current) ?? listed(settings.get(this.o.settingKey));
    // A required source follows the active cell (the adapter's preferred source) first.
    const key = this.o.optional ? (remembered ?? "") : (this.sources.find((s) => s.preferred)?.key ?? remembered ?? this.sources[0]?.key ?? "");
    this.select.value = key;
    await this.pick(key);
  }

  private async pick(key: string): Promise<void> {
    await this.use(this.sources.find((s) => s.key === key) ?? null);
  }

  /** Previews the source and finds its header; an error is shown, and a required source stays unpicked. */
  private async use(source: SourceRef | null): Promise<void> {
    const { t, port, settings } = this.o.ctx;
    const turn = ++this.turn;
    this.value = null;
    this.broken = false;
    this.showError(null);
    if (source) {
      try {
        // The header is found in the first rows; the rest of the sample settles each column's formats.
        const preview = await port.preview(source, FORMAT_SAMPLE_ROWS);
        // The user picked another source meanwhile: this preview is stale.
        if (turn !== this.turn) return;
        const table = detectTable(this.o.spec, preview, settings.mapping(this.o.spec.kind));
        if (!isDetected(table)) throw table;
        this.value = { source, preview, table };
      } catch (e) {
        if (turn !== this.turn) return;
        this.broken = true;
        this.showError(errorText(t, e));
      }
    }
    this.remove.hidden = !source;
    this.o.onChange(this.value);
  }

  private async openFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = "";
    const files = this.o.ctx.files;
    if (!file || !files) return;
    const { t } = this.o.ctx;
    const previous = this.value?.source;
    if (!this.o.optional) await this.use(null);
    this.showError(null);
    this.status.textContent = t("pane.source.opening", { file: file.name });
    this.progress.hidden = false;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // An optional file has a slot of its own (`file:customers:…`) and is never the preferred source.
      const ref = await files.open(bytes, file.name, this.o.spec, undefined, this.o.slot ?? (this.o.optional ? this.o.spec.kind : undefined));
      this.status.textContent = t("pane.source.opened", { file: ref.label, rows: ref.rows });
      await this.use(ref);
    } catch (e) {
      // The file's own reader found no header of this kind (or no file at all): say so.
      if (previous && this.o.optional) files.close(previous);
      await this.use(null);
      this.status.textContent = this.o.openHelp;
      this.showError(errorText(t, e));
    } finally {
      this.progress.hidden = true;
    }
  }

  private async removeFile(): Promise<void> {
    if (this.value) this.o.ctx.files?.close(this.value.source);
    await this.use(null);
    this.status.textContent = this.o.openHelp;
  }

  private fileHelp(): string {
    const last = this.o.ctx.settings.get(this.o.settingKey);
    const name = last?.replace(/^file:(?:[\w-]+:)?/, "");
    return name ? `${this.o.openHelp}. ${this.o.ctx.t("pane.source.last", { file: name })}` : this.o.openHelp;
  }

  private showError(text: string | null): void {
    this.error.hidden = text === null;
    this.error.textContent = text ?? "";
  }
}
