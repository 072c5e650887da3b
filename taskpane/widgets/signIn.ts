import type { BrowserSignIn } from "../../src/mail/browserAuth";
import type { SettingsRecord } from "../../src/workbook/port";
import { h } from "../dom";
import { errorText, type PaneKey } from "../i18n";
import { loadMsal } from "../mail/load";
import type { PanelContext } from "../panels";

export const DEFAULT_GRAPH_URL = "https://graph.microsoft.com/v1.0";

export interface SignedIn {
  tokens: BrowserSignIn;
  user: string;
  /** The shared mailbox to send from, when one is set. */
  mailbox?: string;
  graphUrl: string;
}

export interface SignInBoxOptions {
  ctx: PanelContext;
  /** Element ids and test ids (`statements-signin` → `statements-signin-button`…). */
  id: string;
  onChange: () => void;
}

/**
 * Signing in to Microsoft 365 for sending: the app registration's client id and tenant, an
 * optional shared mailbox and the Graph address (settings `mail.clientId`, `mail.tenant`,
 * `mail.mailbox`, `mail.graphUrl`, kept with the workbook's other settings), the sign-in
 * button and who is signed in. MSAL loads only when it is first needed; the token never
 * leaves memory (taskpane/mail/msal.ts).
 */
export class SignInBox {
  readonly element: HTMLElement;
  private readonly fields: Record<"clientId" | "tenant" | "mailbox" | "graphUrl", HTMLInputElement>;
  private readonly button: HTMLButtonElement;
  private readonly out: HTMLButtonElement;
  private readonly status: HTMLElement;
  private readonly settingsBox: HTMLDetailsElement;
  private session: BrowserSignIn | null = null;
  private user: string | null = null;

  constructor(private readonly o: SignInBoxOptions) {
    const { t } = o.ctx;
    const field = (name: keyof SignInBox["fields"], label: PaneKey, placeholder = "") => {
      const input = h("input", { type: "text", id: `${o.id}-${name}`, autocomplete: "off", spellcheck: "false", placeholder, "data-testid": `${o.id}-${name}`, oninput: () => this.changed() });
      return { input, el: h("div", { className: "field" }, h("label", { for: input.id }, t(label)), input) };
    };
    const clientId = field("clientId", "pane.mail.clientId", "00000000-0000-0000-0000-000000000000");
    const tenant = field("tenant", "pane.mail.tenant", "organizations");
    const mailbox = field("mailbox", "pane.mail.mailbox", "cobranza@empresa.com.mx");
    const graphUrl = field("graphUrl", "pane.mail.graphUrl", DEFAULT_GRAPH_URL);
    this.fields = { clientId: clientId.input, tenant: tenant.input, mailbox: mailbox.input, graphUrl: graphUrl.input };
    this.button = h("button", { type: "button", className: "button primary", "data-testid": `${o.id}-button`, onclick: () => void this.signIn() }, t("pane.mail.signIn"));
    this.out = h("button", { type: "button", className: "button", "data-testid": `${o.id}-out`, hidden: true, onclick: () => void this.signOut() }, t("pane.mail.signOut"));
    this.status = h("p", { className: "hint", role: "status", "aria-live": "polite", "data-testid": `${o.id}-status` }, t("pane.mail.signedOut"));
    this.settingsBox = h("details", { "data-testid": `${o.id}-settings` }, h("summary", {}, t("pane.mail.accountSettings")), clientId.el, tenant.el, mailbox.el, graphUrl.el);
    this.element = h("div", { className: "signin", "data-testid": o.id }, h("h3", {}, t("pane.mail.accountHeading")), this.settingsBox, h("div", { className: "row" }, this.button, this.out), this.status);
  }

  init(): void {
    const s = this.o.ctx.settings;
    this.fields.clientId.value = s.get("mail.clientId") ?? "";
    this.fields.tenant.value = s.get("mail.tenant") ?? "";
    this.fields.mailbox.value = s.get("mail.mailbox") ?? "";
    this.fields.graphUrl.value = s.get("mail.graphUrl") ?? "";
    // Nothing to sign in with yet: the settings are where to start.
    if (!this.fields.clientId.value) this.settingsBox.open = true;
  }

  private settings() {
    return { clientId: this.fields.clientId.value.trim(), tenant: this.fields.tenant.value.trim() || "organizations", shared: this.fields.mailbox.value.trim() !== "" };
  }

  get graphUrl(): string {
    return this.fields.graphUrl.value.trim() || DEFAULT_GRAPH_URL;
  }

  /** Why sending cannot start yet, or null. */
  get problem(): string | null {
    const { t } = this.o.ctx;
    if (!/^https:\/\/[^\s/]+/i.test(this.graphUrl)) return t("pane.mail.graphUrlInvalid");
    if (!this.settings().clientId) return t("pane.mail.noClientId");
    if (!this.user) return t("pane.mail.needSignIn");
    return null;
  }

  get signedIn(): SignedIn | null {
    if (!this.session || this.user === null || this.problem) return null;
    const mailbox = this.fields.mailbox.value.trim();
    return { tokens: this.session, user: this.user, mailbox: mailbox || undefined, graphUrl: this.graphUrl };
  }

  settingsRecord(): SettingsRecord {
    const v = (k: keyof SignInBox["fields"]) => this.fields[k].value.trim();
    return { "mail.clientId": v("clientId"), "mail.tenant": v("tenant"), "mail.mailbox": v("mailbox"), "mail.graphUrl": v("graphUrl") };
  }

  /** Signed in already (Office's account under NAA, MSAL's session)? Never opens a window. */
  async restore(): Promise<void> {
    // The other mail panel may have saved the registration since this one was drawn.
    if (!this.fields.clientId.value) this.init();
    if (!this.settings().clientId || this.user) return this.show();
    try {
      const session = (await loadMsal()).signInFor(this.settings());
      this.session = session;
      this.user = session.account ?? (await session.restore());
    } catch {
      this.user = null;
    }
    this.show();
  }

  private changed(): void {
    // Another registration is another session.
    this.session = null;
    this.user = null;
    this.show();
  }

  private async signIn(): Promise<void> {
    const { t } = this.o.ctx;
    if (!this.settings().clientId) {
      this.settingsBox.open = true;
      this.status.textContent = t("pane.mail.noClientId");
      this.fields.clientId.focus();
      return;
    }
    this.button.disabled = true;
    this.status.textContent = t("pane.mail.signingIn");
    try {
      const session = (await loadMsal()).signInFor(this.settings());
      this.session = session;
      this.user = await session.signIn();
      await this.o.ctx.settings.save(this.settingsRecord());
      this.show();
    } catch (e) {
      this.user = null;
      this.show();
      this.status.textContent = t("pane.mail.signInFailed", { detail: errorText(t, e) });
    } finally {
      this.button.disabled = false;
    }
  }

  private async signOut(): Promise<void> {
    await this.session?.signOut();
    this.user = null;
    this.show();
  }

  private show(): void {
    const { t } = this.o.ctx;
    this.status.textContent = this.user !== null ? t("pane.mail.signedIn", { user: this.user || "?" }) : t("pane.mail.signedOut");
    this.out.hidden = this.user === null;
    this.o.onChange();
  }
}
