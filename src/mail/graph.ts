import type { Problem } from "../core/messages";
import type { JournalEntry } from "./journal";
import type { MailAttachment, MailMessage } from "./message";
import { base64 } from "./mime";
import { RatePacer, type Clock } from "./pacing";
import { GraphFailure, GraphHttp, type FetchLike, type TokenSource } from "./graphHttp";
import type { Delivery, DeliveryContext, MailTransport } from "./transport";

/**
 * Sending through Microsoft Graph so that no retry can ever send a message twice:
 * draft (`POST /me/messages`, which answers with the id and internetMessageId) → journal →
 * attachments → journal → `POST /me/messages/{id}/send`. When the send gets no clear answer
 * (a 5xx, a dropped connection), the message is looked up by internetMessageId before anything
 * is sent again: found sent, it is sent; still a draft after the settling time, it is sent
 * once more; not found, it is left `unclear` for a person to check. Mail-sending POSTs are
 * retried only on 429 (graphHttp.ts).
 */
export const INLINE_LIMIT = 3 * 1024 * 1024; // inline attachments must total under 3 MB
export const REQUEST_LIMIT = 4 * 1024 * 1024; // a Graph request body is capped at 4 MB
export const UPLOAD_LIMIT = 150 * 1024 * 1024; // an upload session takes files up to 150 MB
export const RANGE_SIZE = 12 * 320 * 1024; // 3.75 MiB: under 4 MB, a multiple of 320 KiB
const BATCH_LIMIT = 20;

export interface GraphMailerOptions {
  graphUrl: string;
  tokens: TokenSource;
  clock: Clock;
  /** A shared mailbox or another user (`/users/{id}`); the signed-in user's when absent. */
  mailbox?: string;
  fetch?: FetchLike;
  maxConcurrent?: number;
  /** How long an unclear send is left to settle before it is looked up. */
  settleMs?: number;
  /** Lookups of an unclear send before a draft found is sent again. */
  lookups?: number;
  /** Attempts at preparing a draft when a step before sending fails without an answer. */
  prepareAttempts?: number;
  onRetry?: ConstructorParameters<typeof GraphHttp>[0]["onRetry"];
  /** Paces the sends themselves (what Exchange counts per minute): ≤ 30 a minute by default. */
  pacer?: RatePacer;
}

type Found = { state: "sent"; id: string } | { state: "draft"; id: string } | { state: "missing" };

export interface AttachmentPlan {
  inline: MailAttachment[];
  separate: MailAttachment[];
  upload: MailAttachment[];
}

/**
 * Which attachments ride in the draft itself (together under 3 MB, and the whole request under
 * 4 MB once base64-encoded), which are posted one by one (small ones that did not fit), and
 * which need an upload session (3 MB and more, up to 150 MB).
 */
export function planAttachments(attachments: readonly MailAttachment[], bodyBytes: number): AttachmentPlan {
  const plan: AttachmentPlan = { inline: [], separate: [], upload: [] };
  let inlineRaw = 0;
  let request = bodyBytes + 2048;
  for (const a of [...attachments].sort((x, y) => x.content.length - y.content.length)) {
    const size = a.content.length;
    if (size >= INLINE_LIMIT) plan.upload.push(a);
    else if (inlineRaw + size < INLINE_LIMIT && request + Math.ceil(size / 3) * 4 + 512 < REQUEST_LIMIT) {
      plan.inline.push(a);
      inlineRaw += size;
      request += Math.ceil(size / 3) * 4 + 512;
    } else plan.separate.push(a);
  }
  return plan;
}

function fileAttachment(a: MailAttachment) {
  return { "@odata.type": "#microsoft.graph.fileAttachment", name: a.name, contentType: a.contentType, contentBytes: base64(a.content) };
}

export function draftBody(m: MailMessage, inline: readonly MailAttachment[]): Record<string, unknown> {
  const recipients = (list: readonly string[]) => list.map((address) => ({ emailAddress: { address } }));
  const body: Record<string, unknown> = {
    subject: m.subject,
    body: { contentType: "HTML", content: m.html },
    toRecipients: recipients(m.to),
    internetMessageHeaders: [{ name: "X-Cartera-Key", value: m.key }],
  };
  if (m.cc.length) body.ccRecipients = recipients(m.cc);
  if (inline.length) body.attachments = inline.map(fileAttachment);
  return body;
}

function odataQuote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export class GraphMailer implements MailTransport {
  readonly name = "graph" as const;
  readonly done = "sent" as const;
  readonly mailbox: string;
  readonly http: GraphHttp;
  private readonly prefix: string;
  private readonly clock: Clock;
  private readonly settleMs: number;
  private readonly lookups: number;
  private readonly prepareAttempts: number;
  private readonly pacer: RatePacer;

  constructor(o: GraphMailerOptions) {
    this.pacer = o.pacer ?? new RatePacer(30, o.clock);
    this.http = new GraphHttp({ graphUrl: o.graphUrl, tokens: o.tokens, clock: o.clock, fetch: o.fetch, maxConcurrent: o.maxConcurrent, onRetry: o.onRetry });
    this.mailbox = o.mailbox ?? "me";
    this.prefix = o.mailbox ? `/users/${encodeURIComponent(o.mailbox)}` : "/me";
    this.clock = o.clock;
    this.settleMs = o.settleMs ?? 20_000;
    this.lookups = o.lookups ?? 2;
    this.prepareAttempts = o.prepareAttempts ?? 3;
  }

  private lookupPath(internetMessageId: string): string {
    return `${this.prefix}/messages?$filter=${encodeURIComponent(`internetMessageId eq ${odataQuote(internetMessageId)}`)}&$select=id,isDraft,internetMessageId`;
  }

  private static found(json: unknown): Found {
    const list = ((json as { value?: { id: string; isDraft?: boolean }[] })?.value ?? []) as { id: string; isDraft?: boolean }[];
    const sent = list.find((x) => x.isDraft === false);
    if (sent) return { state: "sent", id: sent.id };
    if (list.length) return { state: "draft", id: list[0].id };
    return { state: "missing" };
  }

  /** Looks a message up by internetMessageId, in every folder of the mailbox. */
  async lookup(internetMessageId: string): Promise<Found> {
    const r = await this.http.request("GET", this.lookupPath(internetMessageId), undefined, true);
    return GraphMailer.found(r.json);
  }

  /**
   * Before a batch: the messages an earlier run left `sending` or `unclear` are looked up in
   * `$batch` requests of at most 20 (each inner request can be throttled on its own: those
   * are asked again after their Retry-After). Returns the entries that changed.
   */
  async prepare(previous: readonly JournalEntry[]): Promise<Map<string, JournalEntry>> {
    const open = previous.filter((e) => (e.status === "sending" || e.status === "unclear") && e.internetMessageId);
    const out = new Map<string, JournalEntry>();
    for (let i = 0; i < open.length; i += BATCH_LIMIT) {
      let pending = open.slice(i, i + BATCH_LIMIT).map((e, k) => ({ id: String(k + 1), entry: e }));
      for (let round = 0; pending.length && round < 5; round++) {
        const body = { requests: pending.map((p) => ({ id: p.id, method: "GET", url: this.lookupPath(p.entry.internetMessageId) })) };
        let responses: { id: string; status: number; headers?: Record<string, string>; body?: unknown }[];
        try {
          responses = ((await this.http.request("POST", "/$batch", body, true)).json as { responses: typeof responses }).responses ?? [];
        } catch {
          break; // each message is looked up again on its own when its turn comes
        }
        let wait = 0;
        const again: typeof pending = [];
        for (const p of pending) {
          const r = responses.find((x) => x.id === p.id);
          if (!r || r.status === 429 || r.status >= 500) {
            const ra = Number(r?.headers?.["Retry-After"] ?? r?.headers?.["retry-after"] ?? 0);
            wait = Math.max(wait, Number.isFinite(ra) ? ra * 1000 : 0);
            again.push(p);
            continue;
          }
          if (r.status !== 200) continue;
          const f = GraphMailer.found(r.body);
          if (f.state === "sent") out.set(p.entry.key, { ...p.entry, status: "sent", draftId: f.id, detail: "found sent by internetMessageId", time: new Date(this.clock.now()).toISOString() });
          else if (f.state === "draft") out.set(p.entry.key, { ...p.entry, status: "ready", draftId: f.id, detail: "found as draft by internetMessageId", time: new Date(this.clock.now()).toISOString() });
        }
        pending = again;
        if (pending.length) await this.clock.sleep(Math.max(wait, 1000));
      }
    }
    return out;
  }

  async deliver(m: MailMessage, ctx: DeliveryContext): Promise<Delivery> {
    const prev = ctx.previous;
    let draftId = "";
    let imid = prev?.internetMessageId ?? "";
    try {
      if (prev && (prev.status === "sending" || prev.status === "unclear") && imid) {
        const f = await this.lookup(imid);
        if (f.state === "sent") return { status: "sent", draftId: f.id, internetMessageId: imid, detail: "found sent by internetMessageId" };
        if (f.state === "missing") return { status: "unclear", problem: { code: "mail.graph.missing", params: { id: imid } }, internetMessageId: imid };
        draftId = f.id;
      } else if (prev && prev.status === "ready" && prev.draftId) {
        const still = await this.draftExists(prev.draftId);
        if (still) draftId = prev.draftId;
      } else if (prev && prev.draftId) {
        // A draft from a run that stopped before its attachments were complete (or failed):
        // never sent, so it is discarded and the message prepared afresh.
        await this.discard(prev.draftId);
      }
      if (!draftId) {
        const d = await this.prepareDraft(m, ctx);
        draftId = d.id;
        imid = d.internetMessageId;
      }
      return await this.send(m, ctx, draftId, imid);
    } catch (e) {
      // Cancelled while waiting for its turn to send: the journal's last step stands (`ready`).
      if (e instanceof Error && e.name === "AbortError") throw e;
      return { status: "failed", problem: problemOf(e, this.mailbox), draftId, internetMessageId: imid };
    }
  }

  private async draftExists(id: string): Promise<boolean> {
    try {
      const r = await this.http.request("GET", `${this.prefix}/messages/${encodeURIComponent(id)}?$select=id,isDraft`, undefined, true);
      return (r.json as { isDraft?: boolean }).isDraft === true;
    } catch (e) {
      if (e instanceof GraphFailure && e.status === 404) return false;
      throw e;
    }
  }

  private async discard(id: string): Promise<void> {
    try {
      await this.http.request("DELETE", `${this.prefix}/messages/${encodeURIComponent(id)}`, undefined, true);
    } catch {
      // gone already, or not ours to delete: it is never sent either way
    }
  }

  /** Draft with every attachment, journaled `drafted` then `ready`; restarted when a step gets no answer. */
  private async prepareDraft(m: MailMessage, ctx: DeliveryContext): Promise<{ id: string; internetMessageId: string }> {
    for (const a of m.attachments) if (a.content.length > UPLOAD_LIMIT) throw new GraphFailure(413, "AttachmentTooLarge", a.name);
    const plan = planAttachments(m.attachments, m.html.length * 2 + m.subject.length);
    for (let attempt = 1; ; attempt++) {
      let id = "";
      try {
        const r = await this.http.request("POST", `${this.prefix}/messages`, draftBody(m, plan.inline));
        const msg = r.json as { id: string; internetMessageId: string };
        id = msg.id;
        await ctx.record("drafted", { draftId: msg.id, internetMessageId: msg.internetMessageId });
        for (const a of plan.separate) await this.http.request("POST", `${this.prefix}/messages/${encodeURIComponent(id)}/attachments`, fileAttachment(a));
        for (const a of plan.upload) await this.upload(id, a);
        await ctx.record("ready", { draftId: msg.id, internetMessageId: msg.internetMessageId });
        return { id: msg.id, internetMessageId: msg.internetMessageId };
      } catch (e) {
        const transient = e instanceof GraphFailure && e.unclear;
        if (id) await this.discard(id);
        if (!transient || attempt >= this.prepareAttempts) throw e;
        await this.clock.sleep(1000 * attempt);
      }
    }
  }

  /** An attachment of 3 MB or more: an upload session, then byte ranges of at most 4 MB. */
  private async upload(draftId: string, a: MailAttachment): Promise<void> {
    const total = a.content.length;
    const s = await this.http.request("POST", `${this.prefix}/messages/${encodeURIComponent(draftId)}/attachments/createUploadSession`, {
      AttachmentItem: { attachmentType: "file", name: a.name, size: total, contentType: a.contentType },
    });
    const session = s.json as { uploadUrl: string; nextExpectedRanges?: string[] };
    let start = 0;
    while (start < total) {
      const end = Math.min(start + RANGE_SIZE, total);
      const r = await this.http.putRange(session.uploadUrl, a.content.subarray(start, end), start, total);
      if (end >= total) break;
      // The service says where it wants the next bytes (it may have kept fewer than sent).
      const next = (r.json as { nextExpectedRanges?: string[] })?.nextExpectedRanges?.[0];
      const n = next === undefined ? end : Number(next.split("-")[0]);
      start = Number.isFinite(n) && n > start ? n : end;
    }
  }

  private async send(m: MailMessage, ctx: DeliveryContext, draftId: string, imid: string): Promise<Delivery> {
    for (let resend = 0; ; resend++) {
      await this.pacer.acquire(ctx.signal);
      await ctx.record("sending", { draftId, internetMessageId: imid });
      try {
        await this.http.request("POST", `${this.prefix}/messages/${encodeURIComponent(draftId)}/send`);
        return { status: "sent", draftId, internetMessageId: imid };
      } catch (e) {
        if (!(e instanceof GraphFailure) || !e.unclear) throw e;
      }
      // No clear answer: the message may have gone. Let the mailbox settle, then look.
      let found: Found = { state: "missing" };
      for (let k = 0; k < this.lookups; k++) {
        await this.clock.sleep(this.settleMs);
        try {
          found = await this.lookup(imid);
        } catch (e) {
          return { status: "unclear", problem: problemOf(e, this.mailbox), draftId, internetMessageId: imid };
        }
        if (found.state === "sent") return { status: "sent", draftId: found.id, internetMessageId: imid, detail: "found sent by internetMessageId" };
        if (found.state === "missing") break;
      }
      if (found.state === "missing") return { status: "unclear", problem: { code: "mail.graph.missing", params: { id: imid } }, draftId, internetMessageId: imid };
      if (resend >= 1) return { status: "unclear", problem: { code: "mail.graph.stillDraft", params: { id: imid } }, draftId, internetMessageId: imid };
      draftId = found.id; // still a draft after settling: it was not sent; send it once more
    }
  }
}

/** A failure as the user reads it: Send As denied explained, throttling and other errors with their codes. */
export function problemOf(e: unknown, mailbox: string): Problem {
  if (e instanceof GraphFailure) {
    if (e.status === 403 && /SendAsDenied/i.test(e.code)) return { code: "mail.graph.sendAsDenied", params: { mailbox } };
    if (e.status === 401) return { code: "mail.graph.unauthorized", params: { detail: e.message } };
    if (e.status === 403) return { code: "mail.graph.forbidden", params: { code: e.code, detail: e.message } };
    if (e.status === 429) return { code: "mail.graph.throttled", params: {} };
    if (e.status === 413 && e.code === "AttachmentTooLarge") return { code: "mail.attachmentTooLarge", params: { name: e.message } };
    if (e.status === 0) return { code: "mail.graph.noResponse", params: { detail: e.message } };
    return { code: "mail.graph.error", params: { status: e.status, code: e.code || "-", detail: e.message } };
  }
  return { code: "mail.unexpected", params: { detail: e instanceof Error ? e.message : String(e) } };
}
