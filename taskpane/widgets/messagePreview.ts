import type { MailMessage } from "../../src/mail/message";
import { clear, h } from "../dom";
import type { Translator } from "../i18n";

/**
 * One message as its recipient will get it: subject, from, to, cc, the attachments' names
 * and sizes, the HTML part in a sandboxed frame (no scripts, no same-origin access, no
 * navigation: a customer's name that says `<script>` can do nothing) and the plain-text part.
 */
export class MessagePreview {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;

  constructor(
    private readonly t: Translator,
    testId = "preview",
  ) {
    this.body = h("div", {});
    this.element = h("section", { className: "card preview", "aria-labelledby": `${testId}-heading`, "data-testid": testId, hidden: true }, h("h2", { id: `${testId}-heading` }, t("pane.mail.previewHeading")), this.body);
  }

  /** While the message is being composed (its PDF and workbook take a moment). */
  busy(): void {
    clear(this.body);
    this.body.append(h("p", { className: "hint", role: "status" }, this.t("pane.mail.composing")));
    this.element.hidden = false;
  }

  show(m: MailMessage, from: string): void {
    const { t } = this;
    clear(this.body);
    const row = (label: string, value: string, id: string) => h("tr", {}, h("th", { scope: "row" }, label), h("td", { "data-testid": id }, value));
    const attachments = h("ul", { className: "attachments", "data-testid": "preview-attachments" }, ...m.attachments.map((a) => h("li", { "data-name": a.name }, t("pane.mail.attachment", { name: a.name, size: Math.max(1, Math.round(a.content.length / 1024)) }))));
    const frame = h("iframe", {
      // An empty sandbox: no scripts, no forms, no popups, no top navigation, an opaque origin.
      sandbox: "",
      referrerpolicy: "no-referrer",
      title: t("pane.mail.frameTitle"),
      className: "message-frame",
      "data-testid": "preview-frame",
    });
    frame.srcdoc = m.html;
    this.body.append(
      h(
        "table",
        { className: "grid headers" },
        h("tbody", {}, row(t("pane.mail.subject"), m.subject, "preview-subject"), row(t("pane.mail.from"), from, "preview-from"), row(t("pane.mail.to"), m.to.join(", "), "preview-to"), m.cc.length ? row(t("pane.mail.cc"), m.cc.join(", "), "preview-cc") : null),
      ),
      h("p", { className: "hint" }, t("pane.mail.attachments")),
      attachments,
      frame,
      h("details", {}, h("summary", {}, t("pane.mail.textPart")), h("pre", { className: "text-part", "data-testid": "preview-text" }, m.text)),
    );
    this.element.hidden = false;
  }

  clear(): void {
    clear(this.body);
    this.element.hidden = true;
  }
}
