import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { join } from "node:path";
import { generate } from "selfsigned";

/**
 * An HTTPS Microsoft Graph mail emulator on 127.0.0.1 for tests: drafts, attachments (inline,
 * posted, upload sessions), send, lookup by internetMessageId, `$batch`, and sendMail. Every
 * JSON body is validated against the Graph mail schema kept in schemas/graph; every limit the
 * project must respect is checked and counted (concurrency, request size, inline attachments
 * under 3 MB, upload ranges ≤ 4 MB without Authorization). Faults are injected by rule: 429
 * with Retry-After, 503 before or after the work was done, 401, and dropped connections
 * (before or after the work was done). It answers CORS, so a browser page can use it too.
 */
export type Fault = "429" | "503" | "503-after" | "401" | "drop" | "drop-after" | "403-sendas";

export interface FaultRule {
  /** e.g. `POST /messages/{id}/send`, `POST /messages`, `GET /messages`, `PUT /upload`, `POST /$batch`. */
  route: string;
  fault: Fault;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  retryAfter?: number;
  /** Skip this many matching requests first. */
  after?: number;
}

interface StoredAttachment {
  name: string;
  size: number;
  contentType: string;
  via: "inline" | "post" | "upload";
}

interface StoredMessage {
  id: string;
  internetMessageId: string;
  isDraft: boolean;
  subject: string;
  to: string[];
  cc: string[];
  html: string;
  key: string;
  attachments: StoredAttachment[];
  sends: number;
}

interface UploadSession {
  messageId: string;
  name: string;
  size: number;
  contentType: string;
  received: Buffer[];
  next: number;
}

export interface EmulatorClock {
  now(): number;
}

const SCHEMA = JSON.parse(readFileSync(join(__dirname, "..", "..", "schemas", "graph", "sendMail.schema.json"), "utf8"));

function validators() {
  const ajv = new Ajv({ allowUnionTypes: true, strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(SCHEMA);
  const id = SCHEMA.$id as string;
  const ref = (d: string) => ajv.compile({ $ref: `${id}#/definitions/${d}` });
  return {
    message: ref("microsoft.graph.message"),
    fileAttachment: ref("microsoft.graph.fileAttachment"),
    createUploadSession: ref("createUploadSessionRequestBody"),
    batch: ref("batchRequestBody"),
    sendMail: ajv.compile({ $ref: id }),
  };
}

export interface RequestRecord {
  method: string;
  route: string;
  at: number;
  status: number;
}

export class GraphEmulator {
  readonly messages = new Map<string, StoredMessage>();
  readonly sessions = new Map<string, UploadSession>();
  readonly log: RequestRecord[] = [];
  readonly schemaErrors: string[] = [];
  readonly violations: string[] = [];
  readonly validTokens = new Set<string>(["token-1"]);
  rules: FaultRule[] = [];
  /** Probability per request of a random fault, drawn from a seeded generator. */
  chaos?: { rate: number; seed: number; faults: Fault[] };
  maxInFlight = 0;
  /** CORS preflights answered (a browser's; Node clients send none). */
  preflights = 0;
  cert = "";
  url = "";
  private inFlight = 0;
  private server?: Server;
  private seq = 0;
  private readonly sockets = new Set<Socket>();
  private readonly v = validators();
  private rand = 0;

  constructor(private readonly clock: EmulatorClock = { now: () => Date.now() }) {}

  async start(): Promise<void> {
    const pems = await generate([{ name: "commonName", value: "127.0.0.1" }], {
      keySize: 2048,
      algorithm: "sha256",
      extensions: [
        { name: "basicConstraints", cA: true },
        { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }, { type: 2, value: "localhost" }] },
      ],
    });
    this.cert = pems.cert;
    this.server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => void this.handle(req, res));
    this.server.on("secureConnection", (s: Socket) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    const port = (this.server.address() as AddressInfo).port;
    this.url = `https://127.0.0.1:${port}/v1.0`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  /** Messages sent, each with how many times. */
  sent(): StoredMessage[] {
    return [...this.messages.values()].filter((m) => !m.isDraft);
  }

  count(route: string, method?: string): number {
    return this.log.filter((r) => r.route === route && (!method || r.method === method)).length;
  }

  private nextRandom(): number {
    // mulberry32: the same faults on every run of a test
    this.rand = (this.rand + 0x6d2b79f5) | 0;
    let t = this.rand;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  private faultFor(method: string, route: string): FaultRule | undefined {
    const name = `${method} ${route}`;
    for (const r of this.rules) {
      if (r.route !== name) continue;
      if ((r.after ?? 0) > 0) {
        r.after = (r.after ?? 0) - 1;
        continue;
      }
      if ((r.times ?? 1) <= 0) continue;
      r.times = (r.times ?? 1) - 1;
      return r;
    }
    if (this.chaos) {
      if (this.rand === 0) this.rand = this.chaos.seed;
      if (this.nextRandom() < this.chaos.rate) {
        const f = this.chaos.faults[Math.floor(this.nextRandom() * this.chaos.faults.length)];
        return { route: name, fault: f, retryAfter: 1 + Math.floor(this.nextRandom() * 5) };
      }
    }
    return undefined;
  }

  private async body(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  private send(res: ServerResponse, status: number, json?: unknown, headers: Record<string, string> = {}): number {
    const text = json === undefined ? "" : JSON.stringify(json);
    res.writeHead(status, { ...(text ? { "Content-Type": "application/json" } : {}), ...headers });
    res.end(text);
    return status;
  }

  private error(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): number {
    return this.send(res, status, { error: { code, message } }, headers);
  }

  private check(v: ValidateFunction, body: unknown, what: string): boolean {
    if (v(body)) return true;
    this.schemaErrors.push(`${what}: ${JSON.stringify(v.errors?.slice(0, 3))}`);
    return false;
  }

  /**
   * CORS, so the task pane can call the emulator from Chromium (its page is on another origin):
   * preflights are answered at once (never counted, never faulted) and every answer carries
   * the origin and exposes Retry-After and Location, as Graph's do.
   */
  private cors(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    if (!origin) return false;
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Vary", "Origin");
    res.setHeader("Access-Control-Expose-Headers", "Retry-After, Location");
    if (req.method !== "OPTIONS") return false;
    this.preflights++;
    res.writeHead(204, {
      "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE",
      "Access-Control-Allow-Headers": "Authorization, Content-Type, Content-Range",
      "Access-Control-Max-Age": "600",
    });
    res.end();
    return true;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.cors(req, res)) return;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const at = this.clock.now();
    const url = new URL(req.url ?? "/", "https://127.0.0.1");
    const method = req.method ?? "GET";
    let route = "";
    let status = 0;
    try {
      const raw = await this.body(req);
      if (raw.length > 4 * 1024 * 1024) {
        this.violations.push(`${method} ${url.pathname}: request of ${raw.length} bytes`);
        route = "too-large";
        status = this.error(res, 413, "RequestEntityTooLarge", "request over 4 MB");
        return;
      }
      if (url.pathname.startsWith("/upload/")) {
        route = "/upload";
        const fault = this.faultFor(method, route);
        if (fault) {
          const answered = this.preFault(fault, req, res);
          if (answered !== false) return void (status = answered);
        }
        status = this.upload(req, res, url.pathname.slice(8), raw);
        return;
      }
      const m = /^\/v1\.0(?:\/me|\/users\/([^/]+))(\/.*)$/.exec(url.pathname) ?? /^\/v1\.0(\/\$batch)$/.exec(url.pathname);
      if (!m) {
        route = url.pathname;
        status = this.error(res, 404, "ResourceNotFound", url.pathname);
        return;
      }
      const rest = m.length === 3 ? m[2] : m[1];
      route = rest.replace(/^\/messages\/[^/]+/, "/messages/{id}");
      const auth = req.headers.authorization ?? "";
      const fault = this.faultFor(method, route);
      if (fault) {
          const answered = this.preFault(fault, req, res);
          if (answered !== false) return void (status = answered);
        }
      if (!auth.startsWith("Bearer ") || !this.validTokens.has(auth.slice(7))) {
        status = this.error(res, 401, "InvalidAuthenticationToken", "Access token is empty or invalid.");
        return;
      }
      if (auth.split("Bearer").length > 2) this.violations.push(`${method} ${route}: Authorization header repeated`);
      const json = raw.length && (req.headers["content-type"] ?? "").includes("json") ? JSON.parse(raw.toString("utf8")) : undefined;
      if (rest === "/$batch") {
        status = await this.batch(res, json);
        return;
      }
      status = this.route(method, rest, url, json, res, fault);
    } catch (e) {
      status = this.error(res, 500, "InternalServerError", (e as Error).message);
    } finally {
      this.inFlight--;
      this.log.push({ method, route, at, status });
    }
  }

  /** Faults that answer before any work is done; true when the request was answered. */
  private preFault(f: FaultRule, req: IncomingMessage, res: ServerResponse): number | false {
    switch (f.fault) {
      case "429":
        return this.error(res, 429, "ApplicationThrottled", "Too many requests", { "Retry-After": String(f.retryAfter ?? 3) });
      case "503":
        return this.error(res, 503, "ServiceUnavailable", "Service unavailable", f.retryAfter ? { "Retry-After": String(f.retryAfter) } : {});
      case "401":
        return this.error(res, 401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.");
      case "403-sendas":
        return this.error(res, 403, "ErrorSendAsDenied", "The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account.");
      case "drop":
        req.socket.destroy();
        return -1;
      default:
        return false; // the -after faults strike once the work is done
    }
  }

  private postFault(f: FaultRule | undefined, res: ServerResponse): boolean {
    if (!f) return false;
    if (f.fault === "503-after") {
      this.error(res, 503, "ServiceUnavailable", "Service unavailable");
      return true;
    }
    if (f.fault === "drop-after") {
      res.socket?.destroy();
      return true;
    }
    return false;
  }

  private newMessage(body: Record<string, unknown>): StoredMessage {
    const id = `AAMk${String(++this.seq).padStart(8, "0")}`;
    const headers = (body.internetMessageHeaders as { name: string; value: string }[] | undefined) ?? [];
    const rec = (l: unknown) => ((l as { emailAddress: { address: string } }[] | undefined) ?? []).map((r) => r.emailAddress.address);
    return {
      id,
      internetMessageId: `<EM${this.seq}.${Date.now().toString(36)}@emulator.prod.outlook.com>`,
      isDraft: true,
      subject: String(body.subject ?? ""),
      to: rec(body.toRecipients),
      cc: rec(body.ccRecipients),
      html: String((body.body as { content?: string } | undefined)?.content ?? ""),
      key: headers.find((h) => h.name.toLowerCase() === "x-cartera-key")?.value ?? "",
      attachments: [],
      sends: 0,
    };
  }

  private view(m: StoredMessage) {
    return { id: m.id, internetMessageId: m.internetMessageId, isDraft: m.isDraft, subject: m.subject, hasAttachments: m.attachments.length > 0 };
  }

  private route(method: string, rest: string, url: URL, json: Record<string, unknown> | undefined, res: ServerResponse, fault: FaultRule | undefined): number {
    if (method === "POST" && rest === "/messages") {
      if (!this.check(this.v.message, json, "POST /messages")) return this.error(res, 400, "ErrorInvalidRequest", "schema");
      for (const h of (json!.internetMessageHeaders as { name: string }[] | undefined) ?? []) if (!/^x-/i.test(h.name)) return this.error(res, 400, "InvalidInternetMessageHeader", h.name);
      const inline = ((json!.attachments as { contentBytes: string }[] | undefined) ?? []).reduce((s, a) => s + Buffer.from(a.contentBytes, "base64").length, 0);
      if (inline >= 3 * 1024 * 1024) {
        this.violations.push(`inline attachments of ${inline} bytes`);
        return this.error(res, 400, "ErrorAttachmentSizeLimitExceeded", "inline attachments over 3 MB");
      }
      const m = this.newMessage(json!);
      for (const a of (json!.attachments as { name: string; contentType: string; contentBytes: string }[] | undefined) ?? []) m.attachments.push({ name: a.name, contentType: a.contentType, size: Buffer.from(a.contentBytes, "base64").length, via: "inline" });
      this.messages.set(m.id, m);
      if (this.postFault(fault, res)) return -1;
      return this.send(res, 201, this.view(m));
    }
    if (method === "POST" && rest === "/sendMail") {
      if (!this.check(this.v.sendMail, json, "POST /sendMail")) return this.error(res, 400, "ErrorInvalidRequest", "schema");
      const m = this.newMessage((json!.message ?? json!.Message) as Record<string, unknown>);
      m.isDraft = false;
      m.sends = 1;
      this.messages.set(m.id, m);
      if (this.postFault(fault, res)) return -1;
      return this.send(res, 202);
    }
    if (method === "GET" && rest === "/messages") {
      const filter = url.searchParams.get("$filter") ?? "";
      const f = /^internetMessageId eq '((?:[^']|'')*)'$/.exec(filter);
      if (!f) return this.error(res, 400, "ErrorInvalidUrlQueryFilter", filter);
      const wanted = f[1].replace(/''/g, "'");
      const value = [...this.messages.values()].filter((m) => m.internetMessageId === wanted).map((m) => this.view(m));
      return this.send(res, 200, { value });
    }
    const idm = /^\/messages\/([^/]+)(\/.*)?$/.exec(rest);
    if (!idm) return this.error(res, 404, "ResourceNotFound", rest);
    const m = this.messages.get(decodeURIComponent(idm[1]));
    if (!m) return this.error(res, 404, "ErrorItemNotFound", "The specified object was not found in the store.");
    const sub = idm[2] ?? "";
    if (method === "GET" && sub === "") return this.send(res, 200, this.view(m));
    if (method === "DELETE" && sub === "") {
      this.messages.delete(m.id);
      return this.send(res, 204);
    }
    if (method === "POST" && sub === "/attachments") {
      if (!this.check(this.v.fileAttachment, json, "POST attachments")) return this.error(res, 400, "ErrorInvalidRequest", "schema");
      const a = json as { name: string; contentType: string; contentBytes: string };
      m.attachments.push({ name: a.name, contentType: a.contentType, size: Buffer.from(a.contentBytes, "base64").length, via: "post" });
      return this.send(res, 201, { id: `att${m.attachments.length}` });
    }
    if (method === "POST" && sub === "/attachments/createUploadSession") {
      if (!this.check(this.v.createUploadSession, json, "createUploadSession")) return this.error(res, 400, "ErrorInvalidRequest", "schema");
      const item = (json as { AttachmentItem: { name: string; size: number; contentType?: string } }).AttachmentItem;
      if (item.size < 3 * 1024 * 1024 || item.size > 150 * 1024 * 1024) this.violations.push(`upload session for ${item.size} bytes`);
      const token = `s${++this.seq}`;
      this.sessions.set(token, { messageId: m.id, name: item.name, size: item.size, contentType: item.contentType ?? "", received: [], next: 0 });
      return this.send(res, 201, { uploadUrl: `${this.url.replace(/\/v1\.0$/, "")}/upload/${token}?authtoken=opaque`, expirationDateTime: "2030-01-01T00:00:00Z", nextExpectedRanges: ["0-"] });
    }
    if (method === "POST" && sub === "/send") {
      if (!m.isDraft) return this.error(res, 400, "ErrorInvalidRecipients", "already sent");
      // As in Exchange, the sent message lands in Sent Items under a new id; the draft's id is gone.
      this.messages.delete(m.id);
      m.id = `SENT${String(++this.seq).padStart(8, "0")}`;
      this.messages.set(m.id, m);
      m.isDraft = false;
      m.sends++;
      if (this.postFault(fault, res)) return -1;
      return this.send(res, 202);
    }
    return this.error(res, 405, "MethodNotAllowed", `${method} ${sub}`);
  }

  private upload(req: IncomingMessage, res: ServerResponse, token: string, raw: Buffer): number {
    if (req.headers.authorization) this.violations.push("Authorization header on the upload URL");
    const s = this.sessions.get(token);
    if (!s) return this.error(res, 404, "ItemNotFound", token);
    if (raw.length > 4 * 1024 * 1024) this.violations.push(`upload range of ${raw.length} bytes`);
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(req.headers["content-range"] ?? ""));
    if (!range || Number(range[3]) !== s.size || Number(range[1]) !== s.next || Number(range[2]) - Number(range[1]) + 1 !== raw.length) {
      this.violations.push(`bad Content-Range ${req.headers["content-range"]} (expected from ${s.next})`);
      return this.error(res, 416, "InvalidRange", String(req.headers["content-range"]));
    }
    s.received.push(raw);
    s.next += raw.length;
    if (s.next < s.size) return this.send(res, 200, { expirationDateTime: "2030-01-01T00:00:00Z", nextExpectedRanges: [`${s.next}-`] });
    const m = this.messages.get(s.messageId);
    m?.attachments.push({ name: s.name, size: s.size, contentType: s.contentType, via: "upload" });
    this.sessions.delete(token);
    return this.send(res, 201, undefined, { Location: `${this.url}/me/messages/${s.messageId}/attachments/att` });
  }

  private async batch(res: ServerResponse, json: unknown): Promise<number> {
    if (!this.check(this.v.batch, json, "$batch")) return this.error(res, 400, "BadRequest", "schema");
    const responses: unknown[] = [];
    for (const r of (json as { requests: { id: string; method: string; url: string; body?: unknown }[] }).requests) {
      const inner = new URL(r.url.startsWith("/") ? `https://127.0.0.1${r.url}` : `https://127.0.0.1/${r.url}`);
      const rest = inner.pathname.replace(/^\/(me|users\/[^/]+)/, "");
      // Inner requests are throttled on their own.
      const fault = this.faultFor(r.method, `$batch ${rest}`);
      if (fault?.fault === "429") {
        responses.push({ id: r.id, status: 429, headers: { "Retry-After": String(fault.retryAfter ?? 2) }, body: { error: { code: "TooManyRequests", message: "throttled" } } });
        continue;
      }
      const captured = { status: 0, body: undefined as unknown };
      const fake = {
        writeHead: (s: number) => (captured.status = s),
        end: (t: string) => (captured.body = t ? JSON.parse(t) : undefined),
        socket: null,
      } as unknown as ServerResponse;
      this.route(r.method, rest, inner, r.body as Record<string, unknown> | undefined, fake, undefined);
      responses.push({ id: r.id, status: captured.status, headers: {}, body: captured.body });
    }
    return this.send(res, 200, { responses });
  }
}
