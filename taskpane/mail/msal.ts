/**
 * The `@azure/msal-browser` adapter for the pane's sign-in (src/mail/browserAuth.ts holds the
 * logic), after OfficeDev/Office-Add-in-samples `Samples/auth/Office-Add-in-SSO-NAA`:
 *
 * - inside Office with `NestedAppAuth 1.1`: `createNestablePublicClientApplication` — Office
 *   brokers the sign-in (SSO with Office's account, popups through the host); the app
 *   registration's SPA redirect is `brk-multihub://<add-in domain>`;
 * - inside Office without it: the Office dialog (`displayDialogAsync`) opens
 *   `taskpane-auth.html`, which signs in with MSAL's standard flow and hands the token back
 *   with `messageParent`;
 * - in a plain browser: the same nestable factory, which falls back to MSAL's standard
 *   application; its popup returns through `taskpane-auth.html` (MSAL v5's redirect bridge).
 *
 * MSAL's cache is session storage, never local storage; the token itself stays in memory.
 * Tests replace the MSAL application, and nothing else, through `window.__carteraMsal`
 * (used only when a test page defines it).
 */
import { createNestablePublicClientApplication, type Configuration, type IPublicClientApplication } from "@azure/msal-browser";
import { BrowserSignIn, type MsalClient, type MsalResult } from "../../src/mail/browserAuth";
import { realClock } from "../../src/mail/pacing";

export const MAIL_SCOPES = ["Mail.Send", "Mail.ReadWrite"];
export const SHARED_MAILBOX_SCOPES = ["Mail.Send.Shared", "Mail.ReadWrite.Shared"];

export interface SignInSettings {
  clientId: string;
  tenant: string;
  /** A shared mailbox needs the `.Shared` scopes too. */
  shared: boolean;
}

interface TestHook {
  create(config: Configuration): Promise<MsalClient>;
}

interface OfficeLike {
  context?: {
    requirements?: { isSetSupported(name: string, version?: string): boolean };
    ui?: { displayDialogAsync: typeof Office.context.ui.displayDialogAsync };
  };
  auth?: { getAuthContext?: () => Promise<{ userPrincipalName?: string }> };
}

function office(): OfficeLike | undefined {
  const o = (globalThis as { Office?: OfficeLike }).Office;
  return o?.context?.requirements ? o : undefined;
}

/** The page MSAL's standard flows return to, and the Office dialog's page. */
export function authPageUrl(params: Record<string, string> = {}): string {
  const u = new URL("taskpane-auth.html", location.href);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.href;
}

export function msalConfig(s: SignInSettings): Configuration {
  return {
    auth: { clientId: s.clientId, authority: `https://login.microsoftonline.com/${encodeURIComponent(s.tenant || "organizations")}`, redirectUri: authPageUrl() },
    cache: { cacheLocation: "sessionStorage" },
  };
}

/** MSAL's application behind Cartera's interface (its AccountInfo has the fields used). */
function asClient(app: IPublicClientApplication): MsalClient {
  return {
    getActiveAccount: () => app.getActiveAccount(),
    getAllAccounts: () => app.getAllAccounts(),
    setActiveAccount: (a) => app.setActiveAccount(a as Parameters<IPublicClientApplication["setActiveAccount"]>[0]),
    acquireTokenSilent: (r) => app.acquireTokenSilent({ ...r, account: r.account as Parameters<IPublicClientApplication["acquireTokenSilent"]>[0]["account"] & object }),
    ssoSilent: (r) => app.ssoSilent(r),
    acquireTokenPopup: (r) => app.acquireTokenPopup(r),
  };
}

/** The token from the Office dialog (taskpane-auth.html with `dialog=1`). */
function officeDialog(ui: NonNullable<NonNullable<OfficeLike["context"]>["ui"]>, s: SignInSettings, scopes: string[]): Promise<MsalResult> {
  const url = authPageUrl({ dialog: "1", clientId: s.clientId, tenant: s.tenant || "organizations", scopes: scopes.join(" ") });
  return new Promise((resolve, reject) => {
    ui.displayDialogAsync(url, { height: 60, width: 30 }, (opened) => {
      if (opened.status === Office.AsyncResultStatus.Failed) return reject(new Error(opened.error.message));
      const dialog = opened.value;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
        const m = arg as { message: string; origin?: string };
        // Only the add-in's own page may hand over a token.
        if (m.origin && m.origin !== location.origin) return;
        dialog.close();
        try {
          const r = JSON.parse(m.message) as { accessToken?: string; username?: string; expiresOn?: number; error?: string };
          if (!r.accessToken) return reject(new Error(r.error ?? "no token"));
          resolve({ accessToken: r.accessToken, account: { username: r.username ?? "" }, expiresOn: r.expiresOn ? new Date(r.expiresOn) : null });
        } catch (e) {
          reject(e);
        }
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
        // 12006: the user closed the dialog.
        reject(new Error(`dialog ${(arg as { error?: number }).error ?? "closed"}`));
      });
    });
  });
}

const sessions = new Map<string, BrowserSignIn>();

/** One sign-in per app registration for the whole pane: both mail panels share it. */
export function signInFor(s: SignInSettings): BrowserSignIn {
  const key = `${s.clientId}|${s.tenant}|${s.shared}`;
  const known = sessions.get(key);
  if (known) return known;
  const o = office();
  const scopes = s.shared ? [...MAIL_SCOPES, ...SHARED_MAILBOX_SCOPES] : MAIL_SCOPES;
  const naa = o?.context?.requirements?.isSetSupported("NestedAppAuth", "1.1") === true;
  const ui = o?.context?.ui;
  const hook = (globalThis as { __carteraMsal?: TestHook }).__carteraMsal;
  const signIn = new BrowserSignIn({
    scopes,
    clock: realClock,
    client: async () => (hook ? hook.create(msalConfig(s)) : asClient(await createNestablePublicClientApplication(msalConfig(s)))),
    loginHint: async () => (o?.auth?.getAuthContext ? (await o.auth.getAuthContext()).userPrincipalName : undefined),
    popupBlocked: (e) => (e as { errorCode?: string } | null)?.errorCode === "popup_window_error" || (e as { errorCode?: string } | null)?.errorCode === "empty_window_error",
    dialog: ui ? () => officeDialog(ui, s, scopes) : undefined,
    dialogOnly: Boolean(o && !naa && ui),
  });
  sessions.set(key, signIn);
  return signIn;
}
