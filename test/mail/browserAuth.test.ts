/**
 * The pane's token source over MSAL's interface (stubbed here at that boundary only): silent
 * first, a popup only from signIn, the Office dialog when the popup cannot open or NAA is not
 * there, a renewal after a 401, and never a window in the middle of a batch.
 */
import { BrowserSignIn, type MsalAccount, type MsalClient, type MsalResult } from "../../src/mail/browserAuth";
import { GraphFailure } from "../../src/mail/graphHttp";
import { VirtualClock } from "./support";

class FakeMsal implements MsalClient {
  active: MsalAccount | null = null;
  accounts: MsalAccount[] = [];
  calls: string[] = [];
  silentFails = false;
  popupError: unknown = null;
  issued = 0;
  constructor(private readonly clock: VirtualClock) {}
  private result(account: MsalAccount): MsalResult {
    this.issued++;
    return { accessToken: `token-${this.issued}`, account, expiresOn: new Date(this.clock.now() + 3600_000) };
  }
  getActiveAccount() {
    return this.active;
  }
  getAllAccounts() {
    return this.accounts;
  }
  setActiveAccount(a: MsalAccount | null) {
    this.active = a;
  }
  async acquireTokenSilent(r: { account: MsalAccount; forceRefresh?: boolean }) {
    this.calls.push(`silent${r.forceRefresh ? "!" : ""}`);
    if (this.silentFails) throw Object.assign(new Error("interaction_required"), { name: "InteractionRequiredAuthError" });
    return this.result(r.account);
  }
  async ssoSilent(r: { loginHint: string }) {
    this.calls.push(`sso:${r.loginHint}`);
    if (this.silentFails) throw Object.assign(new Error("login_required"), { name: "InteractionRequiredAuthError" });
    const a = { username: r.loginHint };
    this.accounts = [a];
    return this.result(a);
  }
  async acquireTokenPopup(r: { loginHint?: string }) {
    this.calls.push("popup");
    if (this.popupError) throw this.popupError;
    const a = { username: r.loginHint ?? "ana@materiales.com.mx" };
    this.accounts = [a];
    return this.result(a);
  }
}

function setup(over: Partial<ConstructorParameters<typeof BrowserSignIn>[0]> = {}) {
  const clock = new VirtualClock();
  const msal = new FakeMsal(clock);
  let created = 0;
  const signIn = new BrowserSignIn({
    scopes: ["Mail.Send", "Mail.ReadWrite"],
    client: async () => {
      created++;
      return msal;
    },
    clock,
    ...over,
  });
  return { clock, msal, signIn, created: () => created };
}

describe("BrowserSignIn", () => {
  test("before signing in, a batch gets no token and no window opens", async () => {
    const { signIn, msal, created } = setup();
    await expect(signIn.token(false)).rejects.toMatchObject({ status: 401, code: "SignInRequired" });
    expect(msal.calls).toEqual([]);
    expect(created()).toBe(0);
  });

  test("sign-in: silently with Office's user (NAA's SSO); the token is reused, renewed silently after a 401", async () => {
    const { signIn, msal } = setup({ loginHint: async () => "ana@materiales.com.mx" });
    expect(await signIn.signIn()).toBe("ana@materiales.com.mx");
    expect(msal.calls).toEqual(["sso:ana@materiales.com.mx"]);
    expect(await signIn.token(false)).toBe("token-1");
    expect(await signIn.token(false)).toBe("token-1");
    expect(await signIn.token(true)).toBe("token-2");
    expect(msal.calls).toEqual(["sso:ana@materiales.com.mx", "silent!"]);
  });

  test("interaction required: signIn opens the popup; later tokens come silently from MSAL's account", async () => {
    const { signIn, msal, clock } = setup();
    msal.silentFails = true;
    expect(await signIn.restore()).toBeNull();
    msal.silentFails = false;
    expect(await signIn.signIn()).toBe("ana@materiales.com.mx");
    expect(msal.calls).toEqual(["popup"]);
    expect(msal.active?.username).toBe("ana@materiales.com.mx");
    // close to expiry: renewed silently before use
    clock.t += 58 * 60_000;
    expect(await signIn.token(false)).toBe("token-2");
    expect(msal.calls).toEqual(["popup", "silent"]);
  });

  test("mid-batch, a session that needs interaction fails the request (401) instead of opening a popup", async () => {
    const { signIn, msal } = setup();
    await signIn.signIn();
    msal.silentFails = true;
    const e = await signIn.token(true).catch((x) => x);
    expect(e).toBeInstanceOf(GraphFailure);
    expect(e).toMatchObject({ status: 401, code: "SignInRequired" });
    expect(msal.calls.filter((c) => c === "popup")).toHaveLength(1);
  });

  test("a blocked popup falls back to the Office dialog; a dialog's token is not renewed silently", async () => {
    const dialog = jest.fn(async (): Promise<MsalResult> => ({ accessToken: "dialog-token", account: { username: "luis@materiales.com.mx" }, expiresOn: null }));
    const { signIn, msal } = setup({ dialog, popupBlocked: (e) => (e as { errorCode?: string }).errorCode === "popup_window_error" });
    msal.popupError = Object.assign(new Error("popup blocked"), { errorCode: "popup_window_error" });
    expect(await signIn.signIn()).toBe("luis@materiales.com.mx");
    expect(await signIn.token(false)).toBe("dialog-token");
    await expect(signIn.token(true)).rejects.toMatchObject({ code: "SignInRequired" });
    expect(msal.calls).toEqual(["popup"]);
  });

  test("another popup error is the user's to read, not a dialog", async () => {
    const dialog = jest.fn();
    const { signIn, msal } = setup({ dialog, popupBlocked: () => false });
    msal.popupError = new Error("user_cancelled");
    await expect(signIn.signIn()).rejects.toThrow("user_cancelled");
    expect(dialog).not.toHaveBeenCalled();
  });

  test("Office without NAA: the dialog only, MSAL never created", async () => {
    const dialog = jest.fn(async (): Promise<MsalResult> => ({ accessToken: "d", account: { username: "x@y.mx" } }));
    const { signIn, created } = setup({ dialog, dialogOnly: true });
    expect(await signIn.restore()).toBeNull();
    expect(await signIn.signIn()).toBe("x@y.mx");
    expect(created()).toBe(0);
    await signIn.signOut();
    expect(signIn.account).toBeNull();
    await expect(signIn.token(false)).rejects.toMatchObject({ code: "SignInRequired" });
  });
});
