import type { Clock } from "./pacing";
import { GraphFailure, type TokenSource } from "./graphHttp";

/**
 * Sign-in for the task pane, as a TokenSource for the Graph transport. The MSAL objects stay
 * behind the small interface below: the adapter (taskpane/mail/msal.ts) hands in
 * `@azure/msal-browser`'s nestable public client application — Nested App Authentication
 * inside Office, MSAL's standard flow in a plain browser — or, where Office has no NAA, a
 * token from the Office dialog. Tokens stay in memory here (MSAL keeps its own cache in
 * session storage); nothing reaches the workbook or local storage.
 *
 * Interaction (a popup, a dialog) only ever happens in `signIn`, which the pane calls from a
 * click; a token needed in the middle of a batch is taken silently or not at all, so a batch
 * never opens a window nobody asked for.
 */
export interface MsalAccount {
  username: string;
  name?: string;
}

export interface MsalResult {
  accessToken: string;
  account: MsalAccount | null;
  expiresOn?: Date | null;
}

/** The part of MSAL's IPublicClientApplication Cartera uses. */
export interface MsalClient {
  getActiveAccount(): MsalAccount | null;
  getAllAccounts(): MsalAccount[];
  setActiveAccount(account: MsalAccount | null): void;
  acquireTokenSilent(request: { scopes: string[]; account: MsalAccount; forceRefresh?: boolean }): Promise<MsalResult>;
  ssoSilent(request: { scopes: string[]; loginHint: string }): Promise<MsalResult>;
  acquireTokenPopup(request: { scopes: string[]; loginHint?: string }): Promise<MsalResult>;
}

export interface BrowserSignInOptions {
  scopes: string[];
  /** MSAL's client, created on first use (the msal-browser chunk loads only then). */
  client: () => Promise<MsalClient>;
  /** The Office user's principal name (`Office.auth.getAuthContext()`), for a silent SSO. */
  loginHint?: () => Promise<string | undefined>;
  /** The popup was blocked or cannot open (Office on some platforms): sign in through the Office dialog instead. */
  popupBlocked?: (e: unknown) => boolean;
  /** Office without Nested App Authentication: the Office dialog is the only way in. */
  dialog?: () => Promise<MsalResult>;
  /** Use the dialog from the start (Office says NAA is not supported). */
  dialogOnly?: boolean;
  clock: Clock;
}

/** Tokens this close to expiry are renewed before use. */
const EARLY_MS = 5 * 60_000;

export class BrowserSignIn implements TokenSource {
  private cached: { token: string; expiresAt: number } | null = null;
  private user: string | null = null;
  private viaDialog = false;
  private app: Promise<MsalClient> | null = null;

  constructor(private readonly o: BrowserSignInOptions) {}

  /** Who is signed in, or null. */
  get account(): string | null {
    return this.user;
  }

  private client(): Promise<MsalClient> {
    this.app ??= this.o.client().catch((e) => {
      this.app = null;
      throw e;
    });
    return this.app;
  }

  private keep(r: MsalResult, viaDialog: boolean): string {
    const expiresAt = r.expiresOn ? r.expiresOn.getTime() : this.o.clock.now() + 50 * 60_000;
    this.cached = { token: r.accessToken, expiresAt };
    this.user = r.account?.username ?? this.user ?? "";
    this.viaDialog = viaDialog;
    return r.accessToken;
  }

  /** A token without any window: MSAL's cache or a silent SSO; null when interaction is needed. */
  private async silent(forceRefresh: boolean): Promise<MsalResult | null> {
    const app = await this.client();
    const account = app.getActiveAccount() ?? app.getAllAccounts()[0] ?? null;
    try {
      if (account) {
        const r = await app.acquireTokenSilent({ scopes: this.o.scopes, account, forceRefresh });
        if (r.account) app.setActiveAccount(r.account);
        return r;
      }
      const hint = await this.o.loginHint?.().catch(() => undefined);
      if (!hint) return null;
      const r = await app.ssoSilent({ scopes: this.o.scopes, loginHint: hint });
      if (r.account) app.setActiveAccount(r.account);
      return r;
    } catch {
      // Interaction required, no cached account, consent missing: only signIn may ask the user.
      return null;
    }
  }

  /** At start: signed in already (Office's own account under NAA, MSAL's session cache)? Never opens a window. */
  async restore(): Promise<string | null> {
    if (this.o.dialogOnly) return this.user;
    const r = await this.silent(false).catch(() => null);
    if (r) this.keep(r, false);
    return r ? this.user : null;
  }

  /** From a click: silently when possible, else a popup (NAA brokers it inside Office), else the Office dialog. */
  async signIn(): Promise<string> {
    if (this.o.dialogOnly && this.o.dialog) {
      this.keep(await this.o.dialog(), true);
      return this.user ?? "";
    }
    const quiet = await this.silent(false);
    if (quiet) {
      this.keep(quiet, false);
      return this.user ?? "";
    }
    const app = await this.client();
    const hint = await this.o.loginHint?.().catch(() => undefined);
    try {
      const r = await app.acquireTokenPopup({ scopes: this.o.scopes, loginHint: hint });
      if (r.account) app.setActiveAccount(r.account);
      this.keep(r, false);
    } catch (e) {
      if (!this.o.dialog || !this.o.popupBlocked?.(e)) throw e;
      this.keep(await this.o.dialog(), true);
    }
    return this.user ?? "";
  }

  /** Forgets the token here. (Under NAA Office owns the account: no MSAL logout, which would throw.) */
  async signOut(): Promise<void> {
    this.cached = null;
    this.user = null;
    this.viaDialog = false;
    if (this.app) (await this.client()).setActiveAccount(null);
  }

  async token(refresh: boolean): Promise<string> {
    const now = this.o.clock.now();
    if (!refresh && this.cached && this.cached.expiresAt - now > EARLY_MS) return this.cached.token;
    if (!this.viaDialog && !this.o.dialogOnly && this.user !== null) {
      const r = await this.silent(refresh);
      if (r) return this.keep(r, false);
    }
    // A dialog's token cannot be renewed without the user; neither can a lapsed session.
    this.cached = null;
    throw new GraphFailure(401, "SignInRequired", "sign in again");
  }
}
