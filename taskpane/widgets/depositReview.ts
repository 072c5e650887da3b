import { formatDayFirst, formatIsoDate, type CivilDay } from "../../src/core/dates";
import { describe, type Problem } from "../../src/core/messages";
import { formatMoney, type Centavos } from "../../src/core/money";
import { docLabel, type PaymentMatch, type PaymentUnmatched, type Suggestion } from "../../src/core/reconcile/payments/engine";
import { evidenceText, ruleLabel } from "../../src/core/reconcile/payments/paymentsReport";
import { reviewPayments, type PaymentDecision, type PaymentsReview } from "../../src/core/reconcile/payments/review";
import type { LedgerItem } from "../../src/core/tables/ledger";
import type { PaymentsJobOutput } from "../../src/jobs/reconcilePayments";
import { clear, h, uid } from "../dom";
import type { PaneKey, Translator } from "../i18n";

/** Deposits drawn at a time: a statement of 20,000 lines stays a page the pane can scroll. */
export const DEPOSITS_PER_PAGE = 50;

type Filter = "all" | "pending" | "accepted" | "rejected" | "assigned" | "unmatched" | "refused";
const FILTERS: readonly Filter[] = ["all", "pending", "unmatched", "accepted", "rejected", "assigned", "refused"];

/** One deposit of the statement as the review shows it: the matcher's proposal, or why there is none. */
interface Entry {
  bankLine: number;
  date: CivilDay | null;
  description: string;
  amount: Centavos;
  currency: string;
  proposal?: PaymentMatch;
  unmatched?: PaymentUnmatched;
  /** Lower-cased text the search box looks in. */
  haystack: string;
}

export interface DepositReviewOptions {
  t: Translator;
  /** After every decision (the panel enables writing). */
  onChange: () => void;
}

/**
 * The Pagos review: every deposit with its proposed match and evidence (or why it has none and
 * what is suggested); the analyst accepts, rejects or reassigns each one — to a suggestion, or
 * to open invoices of any customer picked by hand. Each decision is checked at once by the same
 * review the sheets are written from (an invoice already paid by another line is refused there),
 * so what the pane shows is what will be posted.
 */
export class DepositReview {
  readonly element: HTMLElement;
  private job: PaymentsJobOutput | null = null;
  private entries: Entry[] = [];
  private readonly decisions = new Map<number, PaymentDecision>();
  private current: PaymentsReview | null = null;
  private refused = new Map<number, Problem>();
  private page = 0;
  private editing: number | null = null;
  private readonly counts: HTMLElement;
  private readonly filter: HTMLSelectElement;
  private readonly search: HTMLInputElement;
  private readonly list: HTMLElement;
  private readonly pager: HTMLElement;
  private readonly customers: HTMLDataListElement;
  /** Customer names by ledger code, for a deposit assigned by hand. */
  private readonly names = new Map<string, string>();

  constructor(private readonly o: DepositReviewOptions) {
    const { t } = o;
    const filterId = uid("deposit-filter");
    const searchId = uid("deposit-search");
    this.counts = h("p", { className: "status", "data-testid": "deposits-counts", "aria-live": "polite" });
    this.filter = h("select", { id: filterId, "data-testid": "deposits-filter", onchange: () => this.goTo(0) }, ...FILTERS.map((f) => h("option", { value: f }, t(`pane.payments.filter.${f}` as PaneKey))));
    this.search = h("input", { type: "search", id: searchId, autocomplete: "off", "data-testid": "deposits-search", oninput: () => this.goTo(0) });
    this.customers = h("datalist", { id: uid("deposit-customers") });
    this.list = h("ol", { className: "deposits", "data-testid": "deposits" });
    this.pager = h("div", { className: "row pager" });
    this.element = h(
      "section",
      { className: "card review", hidden: true, "data-testid": "deposit-review", "aria-label": t("pane.payments.reviewHeading") },
      h("h2", {}, t("pane.payments.reviewHeading")),
      h("p", { className: "hint" }, t("pane.payments.reviewHelp")),
      this.counts,
      h("div", { className: "row" }, h("div", { className: "field" }, h("label", { for: filterId }, t("pane.payments.filter")), this.filter), h("div", { className: "field" }, h("label", { for: searchId }, t("pane.payments.search")), this.search)),
      h("div", { className: "row" }, h("button", { type: "button", className: "button", "data-testid": "deposits-accept-shown", onclick: () => this.acceptShown() }, t("pane.payments.acceptShown"))),
      this.list,
      this.pager,
      this.customers,
    );
  }

  show(job: PaymentsJobOutput): void {
    this.job = job;
    this.decisions.clear();
    this.editing = null;
    const text = (e: Omit<Entry, "haystack">, extra: string) => `${e.bankLine} ${e.description} ${formatMoney(e.amount, e.currency)} ${extra}`.toLowerCase();
    const fromMatch = (m: PaymentMatch): Entry => {
      const e = { bankLine: m.bankLine, date: m.line.date, description: m.line.description, amount: m.amount, currency: m.currency, proposal: m };
      return { ...e, haystack: text(e, `${m.customer} ${m.customerName} ${m.applied.map((a) => `${a.item.documentNumber} ${a.item.reference}`).join(" ")}`) };
    };
    const fromUnmatched = (u: PaymentUnmatched): Entry => {
      const e = { bankLine: u.bankLine, date: u.line.date, description: u.line.description, amount: u.amount, currency: u.currency, unmatched: u };
      return { ...e, haystack: text(e, u.suggestions.map((s) => `${s.customer} ${s.customerName} ${s.documents.map((d) => d.documentNumber).join(" ")}`).join(" ")) };
    };
    this.entries = [...job.result.matches.map(fromMatch), ...job.result.unmatched.map(fromUnmatched)].sort((a, b) => a.bankLine - b.bankLine);
    clear(this.customers);
    this.names.clear();
    for (const c of job.customerList()) {
      this.names.set(c.code, c.name);
      this.customers.append(h("option", { value: c.code }, c.name));
    }
    this.element.hidden = false;
    this.recompute();
    this.goTo(0);
  }

  hide(): void {
    this.job = null;
    this.current = null;
    this.element.hidden = true;
    clear(this.list);
  }

  /** Decisions by bank line, for the job's review (`reviewPaymentsJob`). */
  get decided(): ReadonlyMap<number, PaymentDecision> {
    return this.decisions;
  }

  /** Proposals accepted plus deposits assigned (what writing would post). */
  get applicable(): number {
    return this.current ? this.current.counts.accepted + this.current.counts.assigned : 0;
  }

  private recompute(): void {
    const job = this.job;
    if (!job) return;
    this.current = reviewPayments({ result: job.result, decisions: this.decisions, lines: job.lines, policy: job.policy });
    this.refused = new Map(this.current.problems.map((p) => [p.bankLine, p.problem]));
    const c = this.current.counts;
    this.counts.textContent = this.o.t("pane.payments.counts", { deposits: this.entries.length, proposed: job.result.matches.length, accepted: c.accepted, rejected: c.rejected, assigned: c.assigned, pending: c.pending, unmatched: job.result.unmatched.length });
  }

  private decide(bankLine: number, d: PaymentDecision | null): void {
    if (d) this.decisions.set(bankLine, d);
    else this.decisions.delete(bankLine);
    this.changed();
  }

  private changed(): void {
    this.editing = null;
    this.recompute();
    this.draw();
    this.o.onChange();
  }

  private stateOf(e: Entry): Filter {
    if (this.refused.has(e.bankLine)) return "refused";
    const d = this.decisions.get(e.bankLine);
    if (d) return d.action === "accept" ? "accepted" : d.action === "reject" ? "rejected" : "assigned";
    return e.proposal ? "pending" : "unmatched";
  }

  private shown(): Entry[] {
    const f = this.filter.value as Filter;
    const q = this.search.value.trim().toLowerCase();
    return this.entries.filter((e) => (f === "all" || this.stateOf(e) === f) && (q === "" || e.haystack.includes(q)));
  }

  private acceptShown(): void {
    for (const e of this.shown()) if (e.proposal && !this.decisions.has(e.bankLine)) this.decisions.set(e.bankLine, { action: "accept" });
    this.changed();
  }

  private goTo(page: number): void {
    this.page = page;
    this.editing = null;
    this.draw();
  }

  private draw(): void {
    const { t } = this.o;
    const shown = this.shown();
    const pages = Math.max(1, Math.ceil(shown.length / DEPOSITS_PER_PAGE));
    this.page = Math.min(this.page, pages - 1);
    clear(this.list);
    for (const e of shown.slice(this.page * DEPOSITS_PER_PAGE, (this.page + 1) * DEPOSITS_PER_PAGE)) this.list.append(this.item(e));
    clear(this.pager);
    if (shown.length === 0) this.pager.append(h("p", { className: "hint" }, t("pane.payments.none")));
    else {
      const button = (key: PaneKey, to: number, disabled: boolean, testId: string) => h("button", { type: "button", className: "button", disabled, "data-testid": testId, onclick: () => this.goTo(to) }, t(key));
      this.pager.append(
        button("pane.payments.previous", this.page - 1, this.page === 0, "deposits-previous"),
        h("span", { className: "hint", "data-testid": "deposits-page" }, t("pane.payments.page", { page: this.page + 1, pages, count: shown.length })),
        button("pane.payments.next", this.page + 1, this.page >= pages - 1, "deposits-next"),
      );
    }
  }

  private money(c: Centavos, currency: string): string {
    return formatMoney(c, currency);
  }

  private day(d: CivilDay | null): string {
    return d === null ? "—" : this.o.t.lang === "es" ? formatDayFirst(d) : formatIsoDate(d);
  }

  private item(e: Entry): HTMLElement {
    const { t } = this.o;
    const lang = t.lang;
    const state = this.stateOf(e);
    const d = this.decisions.get(e.bankLine);
    const li = h("li", { className: `deposit ${state}`, "data-testid": "deposit", "data-line": String(e.bankLine), "data-state": state });
    li.append(
      h("div", { className: "deposit-head" }, h("strong", {}, t("pane.payments.line", { line: e.bankLine })), " ", this.day(e.date), " ", h("span", { className: "num" }, this.money(e.amount, e.currency)), " ", h("span", { className: `badge state-${state}`, "data-testid": "deposit-state" }, t(`pane.payments.state.${state}` as PaneKey))),
      h("div", { className: "hint deposit-description" }, e.description),
    );
    const refused = this.refused.get(e.bankLine);
    if (d?.action === "assign") li.append(this.proposalBlock(d.customer, d.customerName, d.documents, "analyst", d.evidence ? evidenceText(d.evidence, lang) : ""));
    else if (e.proposal) li.append(this.proposalBlock(e.proposal.customer, e.proposal.customerName, e.proposal.applied.map((a) => a.item), e.proposal.rule, evidenceText(e.proposal.evidence, lang), e.proposal.difference));
    else if (e.unmatched) li.append(h("p", { className: "deposit-reason", "data-testid": "deposit-reason" }, describe(e.unmatched.reason, lang)));
    // A deposit a returned cheque or a reversal took back is never posted, whatever is decided.
    const reversedBy = e.proposal?.reversedBy;
    if (reversedBy !== undefined) li.append(h("p", { className: "error", "data-testid": "deposit-reversed" }, t("pane.payments.reversed", { line: reversedBy })));
    if (refused) li.append(h("p", { className: "error", "data-testid": "deposit-refused" }, describe(refused, lang)));
    const button = (key: PaneKey, testId: string, on: () => void, pressed?: boolean) => h("button", { type: "button", className: "button", "data-testid": testId, "aria-pressed": pressed === undefined ? undefined : String(pressed), onclick: on }, t(key));
    const actions = h("div", { className: "row" });
    if (e.proposal) {
      actions.append(button("pane.payments.accept", "deposit-accept", () => this.decide(e.bankLine, { action: "accept" }), d?.action === "accept"));
      actions.append(button("pane.payments.reject", "deposit-reject", () => this.decide(e.bankLine, { action: "reject" }), d?.action === "reject"));
    }
    actions.append(button(e.proposal ? "pane.payments.reassign" : "pane.payments.assign", "deposit-reassign", () => this.edit(e.bankLine)));
    if (d) actions.append(button("pane.payments.undo", "deposit-undo", () => this.decide(e.bankLine, null)));
    li.append(actions);
    if (this.editing === e.bankLine) li.append(this.editor(e));
    return li;
  }

  private proposalBlock(customer: string, name: string, documents: readonly LedgerItem[], rule: PaymentMatch["rule"], evidence: string, difference?: Centavos): HTMLElement {
    const { t } = this.o;
    const docs = documents.map(docLabel).join(", ");
    return h(
      "div",
      { className: "deposit-proposal", "data-testid": "deposit-proposal", "data-customer": customer },
      h("div", {}, t("pane.payments.proposal", { customer, name: name || "—", documents: docs || "—", rule: ruleLabel(t.lang, rule) })),
      difference ? h("div", { className: "hint" }, t("pane.payments.difference", { amount: formatMoney(difference, documents[0]?.currency ?? "MXN") })) : null,
      evidence ? h("div", { className: "hint", "data-testid": "deposit-evidence" }, evidence) : null,
    );
  }

  private edit(bankLine: number): void {
    this.editing = this.editing === bankLine ? null : bankLine;
    this.draw();
    this.list.querySelector<HTMLElement>(`[data-line="${bankLine}"] .reassign input`)?.focus();
  }

  /** Reassigning: one of the suggestions, or a customer's open invoices checked by hand. */
  private editor(e: Entry): HTMLElement {
    const { t } = this.o;
    const job = this.job!;
    const box = h("div", { className: "reassign", "data-testid": "reassign" });
    const suggestions: Suggestion[] = e.unmatched?.suggestions ?? [];
    if (suggestions.length) {
      box.append(h("p", {}, t("pane.payments.suggestions")));
      suggestions.forEach((s, i) => {
        box.append(
          h(
            "div",
            { className: "row" },
            h("button", { type: "button", className: "button", "data-testid": `reassign-suggestion-${i}`, onclick: () => this.decide(e.bankLine, { action: "assign", customer: s.customer, customerName: s.customerName, documents: s.documents, evidence: s.evidence }) }, t("pane.payments.takeSuggestion")),
            h("span", {}, t("pane.payments.suggestion", { customer: s.customer, name: s.customerName || "—", documents: s.documents.map((x) => x.documentNumber).join(", "), open: formatMoney(s.openTotal, e.currency), rule: ruleLabel(t.lang, s.rule) })),
          ),
        );
      });
    }
    const customerId = uid("reassign-customer");
    const code = h("input", { type: "text", id: customerId, list: this.customers.id, autocomplete: "off", "data-testid": "reassign-customer", value: e.proposal?.customer ?? e.unmatched?.customer ?? "" });
    const invoices = h("div", { className: "reassign-invoices", "data-testid": "reassign-invoices" });
    const total = h("p", { className: "hint", "data-testid": "reassign-total", "aria-live": "polite" });
    const assign = h("button", { type: "button", className: "button primary", disabled: true, "data-testid": "reassign-apply" }, t("pane.payments.assignChecked"));
    let open: LedgerItem[] = [];
    const checked = () => [...invoices.querySelectorAll<HTMLInputElement>("input[type=checkbox]")].filter((c) => c.checked).map((c) => open[Number(c.value)]);
    const update = () => {
      const sum = checked().reduce((a, it) => a + it.amount, 0);
      total.textContent = t("pane.payments.checkedTotal", { total: formatMoney(sum, e.currency), difference: formatMoney(e.amount - sum, e.currency) });
      assign.disabled = checked().length === 0;
    };
    const list = () => {
      clear(invoices);
      open = job.openInvoices(code.value.trim());
      if (open.length === 0) invoices.append(h("p", { className: "hint" }, t("pane.payments.noInvoices", { customer: code.value.trim() })));
      open.forEach((it, i) => {
        const id = uid("reassign-invoice");
        invoices.append(h("div", { className: "radio" }, h("input", { type: "checkbox", id, value: String(i), "data-document": it.documentNumber, onchange: update }), h("label", { for: id }, `${docLabel(it)} · ${this.day(it.documentDate)} · ${formatMoney(it.amount, it.currency)}`)));
      });
      update();
    };
    assign.addEventListener("click", () => {
      const name = this.names.get(code.value.trim()) ?? "";
      this.decide(e.bankLine, { action: "assign", customer: code.value.trim(), customerName: name, documents: checked() });
    });
    box.append(
      h("div", { className: "field" }, h("label", { for: customerId }, t("pane.payments.otherCustomer")), h("div", { className: "row" }, code, h("button", { type: "button", className: "button", "data-testid": "reassign-list", onclick: list }, t("pane.payments.listInvoices")))),
      invoices,
      total,
      h("div", { className: "row" }, assign, h("button", { type: "button", className: "button", onclick: () => this.edit(e.bankLine) }, t("pane.payments.cancelEdit"))),
    );
    return box;
  }
}
