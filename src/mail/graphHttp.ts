import { AuthenticationHandler, Client, ResponseType, type Context, type Middleware } from "@microsoft/microsoft-graph-client";
import type { Clock } from "./pacing";
import { retryAfterMs, Semaphore } from "./pacing";

/**
 * The project's thin interface over @microsoft/microsoft-graph-client. The client's default
 * chain retries 503 and 504 as well as 429, so a plain POST could send a message four times;
 * this chain is built by hand instead: a policy step (429 honouring Retry-After for every
 * request; 503/504 and dropped connections only for requests marked safe to repeat; a 401
 * refreshes the token once), the client's own AuthenticationHandler (it sends the token only
 * to Graph hosts and to the custom host of a test emulator), and the HTTP call through a
 * fetch the caller chooses (the global one, which honours NODE_EXTRA_CA_CERTS, or one with its
 * own CA). At most four requests are in flight at once.
 */
export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string | Uint8Array; signal?: AbortSignal }) => Promise<Response>;

export interface TokenSource {
  /** A bearer token; `refresh` after a 401 asks for a new one. */
  token(refresh: boolean): Promise<string>;
}

/** A request failed: HTTP status (0 when no answer came), Graph's error code and message. */
export class GraphFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "GraphFailure";
  }
  /** No answer, or an answer that does not say whether the request was carried out. */
  get unclear(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 408;
  }
}

const SAFE_HEADER = "X-Cartera-Retry";

export interface PolicyOptions {
  clock: Clock;
  maxConcurrent?: number;
  /** Attempts per request for throttling and (safe requests only) transient failures. */
  maxAttempts?: number;
  /** Longest wait for one Retry-After. */
  maxRetryAfterMs?: number;
  timeoutMs?: number;
  onRetry?: (info: { url: string; method: string; status: number; waitMs: number; attempt: number }) => void;
}

function plainHeaders(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  if (typeof Headers !== "undefined" && h instanceof Headers) h.forEach((v, k) => (out[k] = v));
  else if (Array.isArray(h)) for (const [k, v] of h as [string, string][]) out[k] = v;
  else Object.assign(out, h as Record<string, string>);
  return out;
}

class PolicyHandler implements Middleware {
  private next?: Middleware;
  constructor(
    private readonly o: Required<Omit<PolicyOptions, "onRetry">> & Pick<PolicyOptions, "onRetry">,
    private readonly tokens: RefreshingAuth,
  ) {}
  setNext(next: Middleware): void {
    this.next = next;
  }
  async execute(context: Context): Promise<void> {
    const options = (context.options ??= {});
    const initial = plainHeaders(options.headers);
    const safe = Object.keys(initial).some((k) => k.toLowerCase() === SAFE_HEADER.toLowerCase());
    for (const k of Object.keys(initial)) if (k.toLowerCase() === SAFE_HEADER.toLowerCase()) delete initial[k];
    const url = typeof context.request === "string" ? context.request : context.request.url;
    const method = (options.method ?? "GET").toUpperCase();
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      options.headers = { ...initial };
      context.response = undefined;
      let failure: unknown;
      try {
        await this.next!.execute(context);
      } catch (e) {
        failure = e;
      }
      const res = context.response as Response | undefined;
      const last = attempt >= this.o.maxAttempts;
      if (!res) {
        if (safe && !last) {
          await this.wait(url, method, 0, this.backoff(attempt), attempt);
          continue;
        }
        throw failure instanceof Error ? failure : new Error(String(failure));
      }
      if (res.status === 429 && !last) {
        const ms = Math.min(retryAfterMs(res.headers.get("Retry-After"), this.o.clock.now()) ?? this.backoff(attempt), this.o.maxRetryAfterMs);
        await res.arrayBuffer().catch(() => undefined);
        await this.wait(url, method, 429, ms, attempt);
        continue;
      }
      if (res.status === 401 && !refreshed) {
        refreshed = true;
        this.tokens.refreshNext = true;
        await res.arrayBuffer().catch(() => undefined);
        continue;
      }
      if (safe && !last && (res.status === 503 || res.status === 504 || res.status === 502)) {
        const ms = Math.min(retryAfterMs(res.headers.get("Retry-After"), this.o.clock.now()) ?? this.backoff(attempt), this.o.maxRetryAfterMs);
        await res.arrayBuffer().catch(() => undefined);
        await this.wait(url, method, res.status, ms, attempt);
        continue;
      }
      return;
    }
  }
  private backoff(attempt: number): number {
    return Math.min(1000 * 2 ** (attempt - 1), 30_000);
  }
  private async wait(url: string, method: string, status: number, waitMs: number, attempt: number): Promise<void> {
    this.o.onRetry?.({ url, method, status, waitMs, attempt });
    await this.o.clock.sleep(waitMs);
  }
}

class HttpHandler implements Middleware {
  constructor(
    private readonly fetchImpl: FetchLike,
    private readonly gate: Semaphore,
    private readonly timeoutMs: number,
  ) {}
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === "string" ? context.request : context.request.url;
    const options = context.options ?? {};
    const release = await this.gate.acquire();
    try {
      context.response = await this.fetchImpl(url, {
        method: options.method ?? "GET",
        headers: plainHeaders(options.headers),
        body: options.body as string | Uint8Array | undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } finally {
      release();
    }
  }
}

class RefreshingAuth {
  refreshNext = false;
  constructor(private readonly source: TokenSource) {}
  getAccessToken = async (): Promise<string> => {
    const refresh = this.refreshNext;
    this.refreshNext = false;
    return this.source.token(refresh);
  };
}

export interface GraphHttpOptions extends PolicyOptions {
  /** `https://graph.microsoft.com/v1.0`, or an emulator's `https://127.0.0.1:PORT/v1.0`. */
  graphUrl: string;
  tokens: TokenSource;
  fetch?: FetchLike;
}

export interface GraphResponse {
  status: number;
  headers: Headers;
  json: unknown;
}

/** Graph's error body: `{ "error": { "code", "message" } }`. */
async function failureOf(res: Response): Promise<GraphFailure> {
  let code = "";
  let msg = res.statusText;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? "";
    msg = body.error?.message ?? msg;
  } catch {
    // not JSON: the status says enough
  }
  return new GraphFailure(res.status, code, msg, retryAfterMs(res.headers.get("Retry-After"), Date.now()));
}

export class GraphHttp {
  readonly client: Client;
  readonly gate: Semaphore;
  private readonly fetchImpl: FetchLike;
  private readonly policy: PolicyHandler;
  private readonly clock: Clock;
  private readonly timeoutMs: number;

  constructor(o: GraphHttpOptions) {
    const u = new URL(o.graphUrl.replace(/\/+$/, ""));
    if (u.protocol !== "https:") throw new GraphFailure(0, "InvalidUrl", `Graph URL must be https: ${o.graphUrl}`);
    const version = u.pathname.replace(/^\/+/, "") || "v1.0";
    this.fetchImpl = o.fetch ?? ((url, init) => fetch(url, init as RequestInit));
    this.gate = new Semaphore(o.maxConcurrent ?? 4);
    this.clock = o.clock;
    this.timeoutMs = o.timeoutMs ?? 120_000;
    const auth = new RefreshingAuth(o.tokens);
    this.policy = new PolicyHandler({ clock: o.clock, maxConcurrent: o.maxConcurrent ?? 4, maxAttempts: o.maxAttempts ?? 6, maxRetryAfterMs: o.maxRetryAfterMs ?? 300_000, timeoutMs: this.timeoutMs, onRetry: o.onRetry }, auth);
    const authHandler = new AuthenticationHandler({ getAccessToken: auth.getAccessToken });
    const http = new HttpHandler(this.fetchImpl, this.gate, this.timeoutMs);
    this.policy.setNext(authHandler);
    authHandler.setNext(http);
    const graphHost = u.hostname === "graph.microsoft.com";
    this.client = Client.initWithMiddleware({ baseUrl: u.origin, defaultVersion: version, middleware: this.policy, customHosts: graphHost ? undefined : new Set([u.hostname]) });
  }

  /**
   * One request. `safe`: repeating it cannot do anything twice (a GET, a lookup $batch), so
   * 503, 504 and dropped connections are retried too. Non-2xx answers throw a GraphFailure;
   * no answer at all throws one with status 0.
   */
  async request(method: "GET" | "POST" | "DELETE" | "PATCH", path: string, body?: unknown, safe = false): Promise<GraphResponse> {
    let req = this.client.api(path).responseType(ResponseType.RAW);
    if (safe) req = req.header(SAFE_HEADER, "1");
    let res: Response;
    try {
      res = (method === "GET" ? await req.get() : method === "DELETE" ? await req.delete() : method === "PATCH" ? await req.patch(body) : await req.post(body ?? {})) as Response;
    } catch (e) {
      if (e instanceof GraphFailure) throw e;
      throw new GraphFailure(0, "NoResponse", e instanceof Error ? e.message : String(e));
    }
    if (!res.ok) throw await failureOf(res);
    const text = res.status === 204 ? "" : await res.text();
    return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
  }

  /**
   * A PUT of bytes to an upload session's URL: no Authorization header (the URL carries its
   * own credential, and Graph rejects a token there). Repeating a byte range is harmless, so
   * 429, 5xx and dropped connections are retried.
   */
  async putRange(url: string, bytes: Uint8Array, start: number, total: number, attempts = 5): Promise<{ status: number; json: unknown }> {
    for (let attempt = 1; ; attempt++) {
      const release = await this.gate.acquire();
      let res: Response | undefined;
      let error: unknown;
      try {
        res = await this.fetchImpl(url, {
          method: "PUT",
          headers: { "Content-Type": "application/octet-stream", "Content-Range": `bytes ${start}-${start + bytes.length - 1}/${total}`, "Content-Length": String(bytes.length) },
          body: bytes,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (e) {
        error = e;
      } finally {
        release();
      }
      if (res && res.ok) {
        const text = await res.text();
        return { status: res.status, json: text ? JSON.parse(text) : undefined };
      }
      const retryable = !res || res.status === 429 || res.status >= 500;
      if (!retryable || attempt >= attempts) {
        if (!res) throw new GraphFailure(0, "NoResponse", error instanceof Error ? error.message : String(error));
        throw await failureOf(res);
      }
      const ms = (res && retryAfterMs(res.headers.get("Retry-After"), this.clock.now())) ?? Math.min(1000 * 2 ** (attempt - 1), 30_000);
      if (res) await res.arrayBuffer().catch(() => undefined);
      await this.clock.sleep(ms);
    }
  }
}
