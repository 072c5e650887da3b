import { formatIsoDate } from "../../src/core/dates";
import { describe } from "../../src/core/messages";
import type { JournalEntry } from "../../src/mail/journal";
import type { MailMessage } from "../../src/mail/message";
import type { OutboxFile } from "../../src/mail/outboxFiles";
import type { MessageOutcome } from "../../src/mail/transport";
import { throwIfAborted } from "../../src/workbook/port";
import { clear, h, saveBytes } from "../dom";
import { errorText } from "../i18n";
import { loadLists, loadRuntime } from "../mail/load";
import type { PanelContext } from "../panels";
import { ConfirmStep } from "./confirmStep";
import { JournalView } from "./journalView";
import { MessagePreview } from "./messagePreview";
import { RunBar, type RunControl, type RunOutcome } from "./runBar";
import { SignInBox } from "./signIn";

type Runtime = Awaited<ReturnType<typeof loadRuntime>>;

/** One message-to-be of a batch, as the list of recipients shows it. */
export interface BatchItem<T> {
  value: T;
  customer: string;
  /** `0001000128 · Constructora Ríos Ibáñez · MXN` */
  label: string;
  /** `Saldo $12,000.25 · vencido $10,000.00` */
  detail: string;
  to: readonly string[];
  cc: readonly string[];
}

export interface MailBatchOptions<T> {
  ctx: PanelContext;
  /** Ids and test ids (`statements-…`) and the panel's settings prefix. */
  id: string;
  /** Which messages of the shared journal are this panel's. */
  kind: JournalEntry["kind"];
  scope: () => HTMLElement;
  /** The message for an item; `index` is its place in the whole batch (the outbox folder's number). */
  compose: (rt: Runtime, value: T, index: number) => Promise<MailMessage>;
  zipName: () => string;
  /** After a batch, what the panel adds for the items delivered (the minutes' Compromisos): files for the dry run's zip, a sentence for the status. */
  afterBatch?: (rt: Runtime, delivered: T[], dryRun: boolean) => Promise<{ files: OutboxFile[]; note: string }>;
}

const DEFAULT_RATE = 30;
const DEFAULT_SETTLE_SECONDS = 20;

/**
 * The mail-sending half both mail panels share: which customers to include (all, or a checked
 * list), a preview of any message, the dry run (the default: every message's .eml, HTML
 * preview and attachments in one .zip, the same files `cartera statements` writes into its
 * outbox) or sending through Outlook after signing in and confirming, progress and cancel,
 * what did not go and why, and the send journal. Sending goes through the same batch runner,
 * journal and Graph transport as the command line; the journal is read afresh before every
 * batch, so sending again sends only what was not sent.
 */
export class MailBatch<T> {
  readonly element: HTMLElement;
  private items: BatchItem<T>[] = [];
  private readonly checked = new Set<number>();
  private readonly recipients: HTMLElement;
  private readonly list: HTMLElement;
  private readonly filter: HTMLInputElement;
  private readonly includeAll: HTMLInputElement;
  private readonly includeChecked: HTMLInputElement;
  private readonly checkedCount: HTMLElement;
  private readonly preview: MessagePreview;
  private readonly dryRun: HTMLInputElement;
  private readonly send: HTMLInputElement;
  private readonly signIn: SignInBox;
  private readonly confirm: ConfirmStep;
  private readonly runBar: RunBar;
  private readonly hint: HTMLElement;
  private readonly failures: HTMLElement;
  private readonly journal: JournalView;
  private readonly sections: HTMLElement[];
  private previewTurn = 0;

  constructor(private readonly o: MailBatchOptions<T>) {
    const { t } = o.ctx;
    const p = o.id;
    const validate = () => this.validate();
    this.includeAll = h("input", { type: "radio", name: `${p}-include`, id: `${p}-include-all`, checked: true, "data-testid": `${p}-include-all`, onchange: validate });
    this.includeChecked = h("input", { type: "radio", name: `${p}-include`, id: `${p}-include-checked`, "data-testid": `${p}-include-checked`, onchange: validate });
    this.filter = h("input", { type: "search", id: `${p}-filter`, "data-testid": `${p}-filter`, autocomplete: "off", oninput: () => this.applyFilter() });
    this.checkedCount = h("span", { className: "hint", "data-testid": `${p}-checked-count` });
    this.list = h("ul", { className: "recipients-list", "data-testid": `${p}-items` });
    this.recipients = h(
      "section",
      { className: "card", "aria-labelledby": `${p}-recipients-heading`, "data-testid": `${p}-recipients`, hidden: true },
      h("h2", { id: `${p}-recipients-heading` }, t("pane.mail.recipientsHeading")),
      h("div", { className: "radio" }, this.includeAll, h("label", { for: this.includeAll.id, "data-testid": `${p}-include-all-label` }, "")),
      h("div", { className: "radio" }, this.includeChecked, h("label", { for: this.includeChecked.id }, t("pane.mail.includeChecked"))),
      h("div", { className: "field" }, h("label", { for: this.filter.id }, t("pane.mail.filter")), this.filter),
      h(
        "div",
        { className: "row" },
        h("button", { type: "button", className: "button", "data-testid": `${p}-check-shown`, onclick: () => this.checkShown() }, t("pane.mail.checkShown")),
        h("button", { type: "button", className: "button", "data-testid": `${p}-uncheck`, onclick: () => this.uncheckAll() }, t("pane.mail.uncheckAll")),
        this.checkedCount,
      ),
      this.list,
    );
    this.preview = new MessagePreview(t, `${p}-preview`);
    this.dryRun = h("input", { type: "radio", name: `${p}-mode`, id: `${p}-mode-dryrun`, checked: true, "data-testid": `${p}-mode-dryrun`, onchange: () => this.modeChanged() });
    this.send = h("input", { type: "radio", name: `${p}-mode`, id: `${p}-mode-send`, "data-testid": `${p}-mode-send`, onchange: () => this.modeChanged() });
    this.signIn = new SignInBox({ ctx: o.ctx, id: `${p}-signin`, onChange: validate });
    this.signIn.element.hidden = true;
    this.confirm = new ConfirmStep(t, `${p}-confirm`);
    this.hint = h("p", { className: "hint", "data-testid": `${p}-send-hint` });
    this.runBar = new RunBar({
      t,
      label: t("pane.mail.runDryRun"),
      scope: o.scope,
      run: (c) => this.run(c),
      onFinish: validate,
      confirm: () => (this.send.checked ? this.confirm.ask(this.question()) : Promise.resolve(true)),
    });
    this.failures = h("section", { className: "rejected", "data-testid": `${p}-failures`, hidden: true });
    const delivery = h(
      "section",
      { className: "card", "aria-labelledby": `${p}-delivery-heading`, "data-testid": `${p}-delivery`, hidden: true },
      h("h2", { id: `${p}-delivery-heading` }, t("pane.mail.deliveryHeading")),
      h("div", { className: "radio" }, this.dryRun, h("label", { for: this.dryRun.id }, t("pane.mail.dryRun"))),
      h("div", { className: "radio" }, this.send, h("label", { for: this.send.id }, t("pane.mail.send"))),
      this.signIn.element,
      this.hint,
    );
    const bar = h("div", { "data-testid": `${p}-send`, hidden: true }, this.confirm.element, this.runBar.element, this.failures);
    this.journal = new JournalView({ t, mode: o.ctx.port.mode, kind: o.kind, testId: `${p}-journal`, onDownload: o.ctx.port.mode === "standalone" ? () => void this.downloadLists() : undefined });
    this.element = h("div", { className: "mail-batch" }, this.recipients, this.preview.element, delivery, bar, this.journal.element);
    this.sections = [this.recipients, delivery, bar];
  }

  async init(): Promise<void> {
    this.signIn.init();
    const saved = this.o.ctx.settings.options(this.o.id);
    if (saved.mode === "send") this.send.checked = true;
    this.modeChanged(false, false);
    // The journal (and MSAL, for a pane last used to send) load when the panel is first
    // shown, not while the pane starts: the Aging panel never waits for them.
    whenShown(this.journal.element, () => void this.refreshJournal());
    if (this.send.checked) whenShown(this.signIn.element, () => void this.signIn.restore());
  }

  /** The batch to offer (after the panel prepared it); all included until the user checks some. */
  show(items: BatchItem<T>[]): void {
    const { t } = this.o.ctx;
    this.items = items;
    this.checked.clear();
    this.includeAll.checked = true;
    this.filter.value = "";
    this.preview.clear();
    this.failures.hidden = true;
    const label = this.recipients.querySelector(`[data-testid=${this.o.id}-include-all-label]`);
    if (label) label.textContent = t("pane.mail.includeAll", { count: items.length });
    clear(this.list);
    items.forEach((item, i) => {
      const box = h("input", { type: "checkbox", id: `${this.o.id}-item-${i}`, "aria-label": t("pane.mail.include", { name: item.label }), onchange: () => this.toggle(i, box.checked) });
      const who = [item.to.join(", "), item.cc.length ? `${t("pane.mail.cc")}: ${item.cc.join(", ")}` : ""].filter((x) => x).join(" · ");
      this.list.append(
        h(
          "li",
          { "data-testid": `${this.o.id}-item`, "data-index": String(i), "data-customer": item.customer, "data-search": `${item.label} ${who}`.toLowerCase() },
          box,
          h("label", { for: box.id }, h("span", { className: "item-label" }, item.label), h("span", { className: "hint" }, ` ${item.detail}`), h("br", {}), h("span", { className: "hint recipients-to" }, who)),
          h("button", { type: "button", className: "link", "data-action": "preview", onclick: () => void this.showPreview(i) }, t("pane.mail.preview")),
        ),
      );
    });
    for (const s of this.sections) s.hidden = items.length === 0;
    this.validate();
  }

  clear(): void {
    this.items = [];
    clear(this.list);
    this.preview.clear();
    for (const s of this.sections) s.hidden = true;
    this.runBar.reset();
    this.validate();
  }

  private toggle(i: number, on: boolean): void {
    if (on) this.checked.add(i);
    else this.checked.delete(i);
    // Checking someone means "only these".
    if (on) this.includeChecked.checked = true;
    this.validate();
  }

  private applyFilter(): void {
    const q = this.filter.value.trim().toLowerCase();
    for (const li of this.list.querySelectorAll<HTMLElement>("li")) li.hidden = q !== "" && !(li.dataset.search ?? "").includes(q);
  }

  private checkShown(): void {
    for (const li of this.list.querySelectorAll<HTMLElement>("li")) {
      if (li.hidden) continue;
      const i = Number(li.dataset.index);
      this.checked.add(i);
      li.querySelector<HTMLInputElement>("input[type=checkbox]")!.checked = true;
    }
    this.includeChecked.checked = true;
    this.validate();
  }

  private uncheckAll(): void {
    this.checked.clear();
    for (const box of this.list.querySelectorAll<HTMLInputElement>("input[type=checkbox]")) box.checked = false;
    this.validate();
  }

  /** Indexes of the items the batch sends, in order. */
  private selected(): number[] {
    return this.includeAll.checked ? this.items.map((_, i) => i) : [...this.checked].sort((a, b) => a - b);
  }

  private modeChanged(save = true, restore = true): void {
    const { t } = this.o.ctx;
    const sending = this.send.checked;
    this.signIn.element.hidden = !sending;
    this.runBar.setLabel(t(sending ? "pane.mail.runSend" : "pane.mail.runDryRun"));
    this.runBar.reset();
    if (sending && restore) void this.signIn.restore();
    if (save) void this.o.ctx.settings.save({ [`${this.o.id}.mode`]: sending ? "send" : "" });
    this.validate();
  }

  /** Enables what the batch allows now (after the panel's own run, which disabled everything meanwhile). */
  refresh(): void {
    this.validate();
  }

  private validate(): void {
    const { t } = this.o.ctx;
    const n = this.selected().length;
    this.checkedCount.textContent = t("pane.mail.checkedCount", { checked: this.checked.size, total: this.items.length });
    let problem: string | null = null;
    if (this.items.length && n === 0) problem = t("pane.mail.noneChecked");
    else if (this.send.checked) problem = this.signIn.problem;
    this.hint.textContent = problem ?? "";
    this.runBar.setReady(this.items.length > 0 && problem === null);
  }

  private from(): string {
    const s = this.o.ctx.settings;
    const signed = this.signIn.signedIn;
    return s.get("mail.from") ?? signed?.mailbox ?? signed?.user ?? s.get("mail.mailbox") ?? s.get("statement.signature.email") ?? "cartera@localhost.invalid";
  }

  private question(): string {
    const picked = this.selected().map((i) => this.items[i]);
    const signed = this.signIn.signedIn;
    return this.o.ctx.t("pane.mail.confirm", { messages: picked.length, customers: new Set(picked.map((x) => x.customer)).size, mailbox: signed?.mailbox ?? signed?.user ?? "?" });
  }

  private async showPreview(i: number): Promise<void> {
    const turn = ++this.previewTurn;
    this.preview.busy();
    try {
      const rt = await loadRuntime();
      const m = await this.o.compose(rt, this.items[i].value, i);
      if (turn === this.previewTurn) this.preview.show(m, this.from());
    } catch (e) {
      if (turn === this.previewTurn) {
        this.preview.clear();
        this.runBar.say(errorText(this.o.ctx.t, e));
      }
    }
  }

  private async compose(rt: Runtime, picked: number[], c: RunControl, share: number): Promise<MailMessage[]> {
    const { t } = this.o.ctx;
    const messages: MailMessage[] = [];
    for (let k = 0; k < picked.length; k++) {
      throwIfAborted(c.signal);
      c.say(t("pane.mail.phase.compose", { done: k, total: picked.length }));
      messages.push(await this.o.compose(rt, this.items[picked[k]].value, picked[k]));
      c.progress((share * (k + 1)) / picked.length);
    }
    return messages;
  }

  private async run(c: RunControl): Promise<RunOutcome> {
    const rt = await loadRuntime();
    const picked = this.selected();
    this.failures.hidden = true;
    return this.send.checked ? this.deliver(rt, picked, c) : this.dryRunZip(rt, picked, c);
  }

  private async dryRunZip(rt: Runtime, picked: number[], c: RunControl): Promise<RunOutcome> {
    const { t } = this.o.ctx;
    const messages = await this.compose(rt, picked, c, 0.85);
    // The dry run is not journaled in the workbook: it sends nothing, and its .zip holds its own envios.csv.
    const transport = new rt.MemoryOutboxTransport(this.from(), rt.realClock);
    const journal = new rt.MemoryJournal();
    const outcomes = await rt.sendBatch(messages, { transport, journal, clock: rt.realClock, signal: c.signal });
    throwIfAborted(c.signal);
    const extra = this.o.afterBatch ? await this.o.afterBatch(rt, this.delivered(outcomes, picked), true) : { files: [], note: "" };
    c.say(t("pane.mail.phase.zip"));
    const bytes = rt.zipOutbox([...transport.files, { path: "envios.csv", data: rt.journalCsv(journal.lines) }, ...extra.files]);
    const fileName = this.o.zipName();
    saveBytes(bytes, fileName, "application/zip");
    c.progress(1);
    const status = [t("pane.mail.dryRunDone", { count: messages.length, file: fileName }), extra.note].filter((x) => x).join(" ");
    return { status, download: { fileName, bytes } };
  }

  private async deliver(rt: Runtime, picked: number[], c: RunControl): Promise<RunOutcome> {
    const { t, port, settings } = this.o.ctx;
    const signed = this.signIn.signedIn;
    if (!signed) return { status: t("pane.mail.needSignIn") };
    const messages = await this.compose(rt, picked, c, 0.3);
    c.say(t("pane.mail.phase.journal"));
    const journal = await rt.openJournal(port, t.lang);
    const rate = Number(settings.get("mail.rate") ?? DEFAULT_RATE);
    const settle = Number(settings.get("mail.settleSeconds") ?? DEFAULT_SETTLE_SECONDS);
    const transport = new rt.GraphMailer({
      graphUrl: signed.graphUrl,
      tokens: signed.tokens,
      mailbox: signed.mailbox,
      clock: rt.realClock,
      pacer: new rt.RatePacer(rate >= 1 && rate <= 600 ? rate : DEFAULT_RATE, rt.realClock),
      settleMs: (settle >= 0 && settle <= 600 ? settle : DEFAULT_SETTLE_SECONDS) * 1000,
      onRetry: (r) => r.status === 429 && c.say(t("pane.mail.throttled", { seconds: Math.ceil(r.waitMs / 1000) })),
    });
    c.say(t("pane.mail.phase.send", { done: 0, total: messages.length }));
    const outcomes = await rt.sendBatch(messages, {
      transport,
      journal,
      clock: rt.realClock,
      signal: c.signal,
      onOutcome: (_o, done, total) => {
        c.progress(0.3 + (0.7 * done) / total);
        c.say(t("pane.mail.phase.send", { done, total }));
      },
    });
    const extra = this.o.afterBatch ? await this.o.afterBatch(rt, this.delivered(outcomes, picked), false) : { files: [], note: "" };
    this.showFailures(outcomes);
    await this.refreshJournal();
    await settings.save(this.signIn.settingsRecord());
    const count = (s: MessageOutcome["status"]) => outcomes.filter((o) => o.status === s).length;
    const status = t("pane.mail.sentDone", { sent: count("sent"), already: count("already"), failed: count("failed"), unclear: count("unclear"), cancelled: count("cancelled") });
    return { status: [status, extra.note].filter((x) => x).join(" ") };
  }

  /** The items whose message went (or had gone before): what the Compromisos follow. */
  private delivered(outcomes: readonly MessageOutcome[], picked: number[]): T[] {
    return outcomes.flatMap((o, k) => (o.status === "sent" || o.status === "written" || o.status === "already" ? [this.items[picked[k]].value] : []));
  }

  private showFailures(outcomes: readonly MessageOutcome[]): void {
    const { t } = this.o.ctx;
    clear(this.failures);
    const bad = outcomes.filter((o) => o.status === "failed" || o.status === "unclear");
    const superseded = outcomes.filter((o) => o.supersedes && (o.status === "sent" || o.status === "written"));
    if (!bad.length && !superseded.length) {
      this.failures.hidden = true;
      return;
    }
    const who = (o: MessageOutcome) => `${o.message.customer} ${o.message.period}`;
    const reason = (o: MessageOutcome) => (o.problem && (o.problem.code === "mail.graph.unauthorized" || /SignInRequired/.test(String(o.problem.params?.detail ?? ""))) ? t("pane.mail.signInAgain") : o.problem ? describe(o.problem, t.lang) : "");
    this.failures.append(
      h("h3", {}, t("pane.mail.failuresHeading", { count: bad.length })),
      h("ul", { className: "rejected-list" }, ...bad.map((o) => h("li", { "data-status": o.status, "data-customer": o.message.customer }, t("pane.mail.failure", { who: who(o), reason: reason(o) })))),
      ...superseded.map((o) => h("p", { className: "hint" }, t("pane.mail.superseded", { who: who(o) }))),
    );
    this.failures.hidden = false;
  }

  async refreshJournal(): Promise<void> {
    try {
      const lists = await loadLists();
      this.journal.show(await lists.journalSteps(this.o.ctx.port, this.o.ctx.t.lang));
    } catch {
      // An unreadable journal sheet must not stop the panel; the next batch reads it again and says why.
    }
  }

  /** The browser has no workbook: the journal and the promises download as one. */
  private async downloadLists(): Promise<void> {
    const { t, port, today } = this.o.ctx;
    const lists = await loadLists();
    const report = await lists.listsReport(port, t.lang, t("pane.mail.journalHeading"));
    if (!report) return;
    await port.writeReport(report, { family: "mail", fileName: t("pane.mail.journalFile", { date: formatIsoDate(today) }) });
  }
}

/** Runs once the element is first displayed (its tab selected, its section shown); at once where there is no IntersectionObserver. */
function whenShown(el: Element, run: () => void): void {
  if (typeof IntersectionObserver === "undefined") return run();
  // A large margin: "displayed" is what matters, not scrolled into view.
  const io = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    io.disconnect();
    run();
  }, { rootMargin: "100000px" });
  io.observe(el);
}
