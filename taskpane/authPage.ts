/**
 * taskpane-auth.html: the page MSAL's standard flows come back to, and the Office dialog's
 * page where Office has no Nested App Authentication (taskpane/mail/msal.ts).
 *
 * - With an authorization response in its address it is MSAL v5's redirect bridge: it hands
 *   the response to the window that asked for it (a popup's opener, or the dialog's own start
 *   page after a redirect) and does nothing else.
 * - Opened by the Office dialog (`?dialog=1&clientId=…&tenant=…&scopes=…`) it signs in with
 *   MSAL's standard application (redirect flow, cache in session storage) and returns the
 *   token, the user name and the expiry to the pane with `Office.context.ui.messageParent`.
 */
import { createStandardPublicClientApplication, type AuthenticationResult } from "@azure/msal-browser";
import { broadcastResponseToMainFrame } from "@azure/msal-browser/redirect-bridge";

function hasAuthResponse(): boolean {
  const where = `${location.hash}&${location.search}`;
  return /[#&?](code|error)=/.test(where) && /[#&?]state=/.test(where);
}

async function officeReady(): Promise<void> {
  const office = (globalThis as { Office?: { onReady(): Promise<unknown> } }).Office;
  if (office) await office.onReady();
}

async function reply(message: { accessToken?: string; username?: string; expiresOn?: number; error?: string }): Promise<void> {
  await officeReady();
  Office.context.ui.messageParent(JSON.stringify(message), { targetOrigin: location.origin });
}

function result(r: AuthenticationResult): Promise<void> {
  return reply({ accessToken: r.accessToken, username: r.account?.username ?? "", expiresOn: r.expiresOn ? r.expiresOn.getTime() : undefined });
}

async function dialog(params: URLSearchParams): Promise<void> {
  const scopes = (params.get("scopes") ?? "Mail.Send Mail.ReadWrite").split(" ").filter((s) => s);
  const app = await createStandardPublicClientApplication({
    auth: { clientId: params.get("clientId") ?? "", authority: `https://login.microsoftonline.com/${encodeURIComponent(params.get("tenant") ?? "organizations")}`, redirectUri: new URL("taskpane-auth.html", location.href).href },
    cache: { cacheLocation: "sessionStorage" },
  });
  const back = await app.handleRedirectPromise();
  if (back) return result(back);
  const account = app.getActiveAccount() ?? app.getAllAccounts()[0];
  if (account) {
    try {
      return await result(await app.acquireTokenSilent({ scopes, account }));
    } catch {
      // interaction needed: the redirect below
    }
  }
  await app.acquireTokenRedirect({ scopes, prompt: "select_account", redirectStartPage: location.href });
}

async function main(): Promise<void> {
  if (hasAuthResponse()) return broadcastResponseToMainFrame();
  const params = new URLSearchParams(location.search);
  if (params.get("dialog") === "1") {
    try {
      await dialog(params);
    } catch (e) {
      await reply({ error: e instanceof Error ? e.message : String(e) });
    }
  }
}

void main();
