import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { PublicClientApplication, type ICachePlugin, type TokenCacheContext } from "@azure/msal-node";
import type { TokenSource } from "./graphHttp";

/**
 * Sign-in for the command line. `CARTERA_GRAPH_TOKEN` (automation, tests) is used as given;
 * otherwise `cartera login` runs MSAL's device-code flow once and later runs take their token
 * silently from MSAL's cache (a file only the user can read). The add-in signs in with Nested
 * App Authentication instead (README, DESIGN.md); it never reads this file.
 */
export const GRAPH_SCOPES = ["Mail.Send", "Mail.ReadWrite"];
export const SHARED_SCOPES = ["Mail.Send.Shared", "Mail.ReadWrite.Shared"];

export function envTokenSource(token: string): TokenSource {
  return { token: async () => token };
}

export function defaultCachePath(env: Record<string, string | undefined>): string {
  const base = env.XDG_CONFIG_HOME || join(homedir(), ".config");
  return join(base, "cartera", "msal-cache.json");
}

function filePlugin(path: string): ICachePlugin {
  return {
    beforeCacheAccess: async (c: TokenCacheContext) => {
      if (existsSync(path)) c.tokenCache.deserialize(readFileSync(path, "utf8"));
    },
    afterCacheAccess: async (c: TokenCacheContext) => {
      if (!c.cacheHasChanged) return;
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, c.tokenCache.serialize(), { mode: 0o600 });
      chmodSync(path, 0o600);
    },
  };
}

export interface MsalOptions {
  clientId: string;
  tenant: string;
  cachePath: string;
  scopes: string[];
  /** Shows the device-code instructions (`To sign in, open … and enter the code …`). */
  onDeviceCode: (message: string) => void;
  /** Sign in when no cached account is there (`cartera login`), or fail. */
  interactive: boolean;
}

export class NotSignedIn extends Error {
  constructor() {
    super("not signed in");
    this.name = "NotSignedIn";
  }
}

export function msalTokenSource(o: MsalOptions): TokenSource & { login(): Promise<string> } {
  const app = new PublicClientApplication({
    auth: { clientId: o.clientId, authority: `https://login.microsoftonline.com/${o.tenant}` },
    cache: { cachePlugin: filePlugin(o.cachePath) },
  });
  const deviceCode = async () => {
    const r = await app.acquireTokenByDeviceCode({ scopes: o.scopes, deviceCodeCallback: (info) => o.onDeviceCode(info.message) });
    if (!r) throw new NotSignedIn();
    return r;
  };
  const silent = async (forceRefresh: boolean) => {
    const accounts = await app.getTokenCache().getAllAccounts();
    if (accounts.length === 0) return null;
    return app.acquireTokenSilent({ account: accounts[0], scopes: o.scopes, forceRefresh });
  };
  return {
    async token(refresh: boolean) {
      const r = (await silent(refresh).catch(() => null)) ?? (o.interactive ? await deviceCode() : null);
      if (!r) throw new NotSignedIn();
      return r.accessToken;
    },
    async login() {
      const r = await deviceCode();
      return r.account?.username ?? "";
    },
  };
}
