import { isCancelled } from "../../src/workbook/port";
import { h, saveBytes } from "../dom";
import { errorText, type Translator } from "../i18n";

export interface RunControl {
  signal: AbortSignal;
  /** Fraction done (0..1), or null while the length of the work is unknown. */
  progress(fraction: number | null): void;
  /** Replaces the status line (the phase the job is in). */
  say(text: string): void;
}

export interface RunOutcome {
  /** The status line once done. */
  status: string;
  /** The standalone adapter's file, kept for "download again". */
  download?: { fileName: string; bytes: Uint8Array };
}

export interface RunBarOptions {
  t: Translator;
  label: string;
  /** The panel whose controls are disabled while a run is going. */
  scope: () => HTMLElement;
  run: (control: RunControl) => Promise<RunOutcome>;
  /** After every run, done, failed or cancelled (the panel validates again). */
  onFinish?: () => void;
  /** Asked before a run starts (sending mail: "Send N messages?"); false leaves everything as it was. */
  confirm?: () => Promise<boolean>;
}

/**
 * Run button, progress bar, Cancel (an AbortController the job checks between chunks), the
 * status line and "download again". While a run is going every other control of the panel is
 * disabled; a cancelled run says so and is never shown as an error.
 */
export class RunBar {
  readonly element: HTMLElement;
  private controller: AbortController | null = null;
  private last: RunOutcome["download"] | null = null;
  private ready = false;
  private asking = false;
  private readonly runButton: HTMLButtonElement;
  private readonly cancelButton: HTMLButtonElement;
  private readonly downloadButton: HTMLButtonElement;
  private readonly bar: HTMLProgressElement;
  private readonly box: HTMLElement;
  private readonly status: HTMLElement;

  constructor(private readonly o: RunBarOptions) {
    const { t } = o;
    this.runButton = h("button", { type: "button", className: "button primary", "data-testid": "run", disabled: true, onclick: () => void this.start() }, o.label);
    this.cancelButton = h("button", { type: "button", className: "button", "data-testid": "cancel", hidden: true, onclick: () => this.controller?.abort() }, t("pane.run.cancel"));
    this.downloadButton = h("button", { type: "button", className: "button", hidden: true, "data-testid": "download-again", onclick: () => this.downloadAgain() }, t("pane.run.downloadAgain"));
    this.bar = h("progress", { max: 100, value: 0, "aria-label": t("pane.run.progress"), "data-testid": "progress" });
    this.box = h("div", { className: "progress", hidden: true }, this.bar);
    this.status = h("p", { className: "status", role: "status", "aria-live": "polite", "data-testid": "status" });
    this.element = h("section", { className: "card run" }, h("div", { className: "row" }, this.runButton, this.cancelButton, this.downloadButton), this.box, this.status);
  }

  get busy(): boolean {
    return this.controller !== null;
  }

  /** Enables Run when the panel says everything it needs is there (never during a run). */
  setReady(ok: boolean): void {
    this.ready = ok;
    this.runButton.disabled = !ok || this.busy;
  }

  say(text: string): void {
    this.status.textContent = text;
  }

  /** The Run button's words (a panel whose run changes with a choice: a dry run or sending). */
  setLabel(label: string): void {
    this.runButton.textContent = label;
  }

  /** Forgets the last run's status and download (the inputs changed). */
  reset(): void {
    this.say("");
    this.last = null;
    this.downloadButton.hidden = true;
  }

  async start(): Promise<void> {
    if (this.busy || !this.ready || this.asking) return;
    if (this.o.confirm) {
      this.asking = true;
      try {
        if (!(await this.o.confirm())) return;
      } finally {
        this.asking = false;
      }
      if (this.busy || !this.ready) return;
    }
    this.reset();
    const controller = (this.controller = new AbortController());
    this.setBusy(true);
    this.cancelButton.focus();
    this.bar.value = 0;
    try {
      const outcome = await this.o.run({
        signal: controller.signal,
        progress: (f) => (f === null ? this.bar.removeAttribute("value") : (this.bar.value = Math.round(f * 100))),
        say: (text) => this.say(text),
      });
      this.last = outcome.download ?? null;
      this.say(outcome.status);
    } catch (e) {
      this.say(isCancelled(e) ? this.o.t("pane.run.cancelled") : errorText(this.o.t, e));
    } finally {
      this.controller = null;
      this.setBusy(false);
      this.downloadButton.hidden = this.last === null;
      this.o.onFinish?.();
      this.runButton.focus();
    }
  }

  private setBusy(busy: boolean): void {
    for (const el of this.o.scope().querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>("input, select, button")) {
      if (el === this.cancelButton) continue;
      if (busy) {
        el.dataset.wasDisabled = el.disabled ? "1" : "";
        el.disabled = true;
      } else {
        el.disabled = el.dataset.wasDisabled === "1";
      }
    }
    this.cancelButton.hidden = !busy;
    this.box.hidden = !busy;
    this.o.scope().setAttribute("aria-busy", busy ? "true" : "false");
  }

  private downloadAgain(): void {
    // The bytes of the last run are kept: downloading again does not rebuild the report.
    if (this.last) saveBytes(this.last.bytes, this.last.fileName);
  }
}
