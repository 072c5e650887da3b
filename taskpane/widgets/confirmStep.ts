import { h } from "../dom";
import type { Translator } from "../i18n";

/**
 * A question asked in the pane before something that cannot be undone (sending mail): the
 * question, "Send" and "Go back". Office add-ins have no `window.confirm`, and a question in
 * the pane itself can be read by a screen reader (role alertdialog).
 */
export class ConfirmStep {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private readonly yes: HTMLButtonElement;
  private readonly no: HTMLButtonElement;
  private answer: ((ok: boolean) => void) | null = null;

  constructor(t: Translator, testId: string) {
    this.text = h("p", { id: `${testId}-text`, "data-testid": `${testId}-text` });
    this.yes = h("button", { type: "button", className: "button primary", "data-testid": `${testId}-yes`, onclick: () => this.settle(true) }, t("pane.mail.confirmSend"));
    this.no = h("button", { type: "button", className: "button", "data-testid": `${testId}-no`, onclick: () => this.settle(false) }, t("pane.mail.confirmBack"));
    this.element = h("div", { className: "message info confirm", role: "alertdialog", "aria-labelledby": `${testId}-text`, "data-testid": testId, hidden: true }, this.text, h("div", { className: "row" }, this.yes, this.no));
  }

  /** Shows the question; resolves true on "Send", false on "Go back". */
  ask(question: string): Promise<boolean> {
    this.settle(false);
    this.text.textContent = question;
    this.element.hidden = false;
    this.yes.disabled = false;
    this.no.disabled = false;
    this.yes.focus();
    return new Promise((resolve) => (this.answer = resolve));
  }

  private settle(ok: boolean): void {
    const answer = this.answer;
    this.answer = null;
    this.element.hidden = true;
    answer?.(ok);
  }
}
