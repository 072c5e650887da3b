import { GraphEmulator } from "../helpers/graphEmulator";
import { GraphMailer, planAttachments, RANGE_SIZE } from "../../src/mail/graph";
import { httpsFetch } from "../../src/mail/httpsFetch";
import { MemoryJournal, type JournalEntry } from "../../src/mail/journal";
import { PDF_TYPE, XLSX_TYPE } from "../../src/mail/message";
import { RatePacer } from "../../src/mail/pacing";
import { journalEntryFor, sendBatch } from "../../src/mail/transport";
import { bytes, syntheticMessage, VirtualClock } from "./support";

let emu: GraphEmulator;
let clock: VirtualClock;

beforeEach(async () => {
  clock = new VirtualClock();
  emu = new GraphEmulator(clock);
  await emu.start();
});

afterEach(async () => {
  expect(emu.schemaErrors).toEqual([]);
  expect(emu.violations).toEqual([]);
  expect(emu.maxInFlight).toBeLessThanOrEqual(4);
  await emu.stop();
});

function mailer(over: Partial<ConstructorParameters<typeof GraphMailer>[0]> = {}) {
  return new GraphMailer({ graphUrl: emu.url, tokens: { token: async () => "token-1" }, clock, fetch: httpsFetch({ ca: emu.cert }), pacer: new RatePacer(600, clock), ...over });
}

async function batch(messages: Awaited<ReturnType<typeof syntheticMessage>>[], journal = new MemoryJournal(), transport = mailer()) {
  const outcomes = await sendBatch(messages, { transport, journal, clock });
  return { outcomes, journal };
}

function sendsOf(key: string): number {
  return [...emu.messages.values()].filter((m) => m.key === key).reduce((s, m) => s + m.sends, 0);
}

describe("Graph transport against the HTTPS emulator", () => {
  test("draft, journal, send: one message with attachments inline, every body valid against the Graph schema", async () => {
    const m = await syntheticMessage(1, [
      { name: "EstadoDeCuenta_C1_2026-10-31.pdf", contentType: PDF_TYPE, content: bytes(40_000) },
      { name: "EstadoDeCuenta_C1_2026-10-31.xlsx", contentType: XLSX_TYPE, content: bytes(9_000) },
    ]);
    const { outcomes, journal } = await batch([m]);
    expect(outcomes.map((o) => o.status)).toEqual(["sent"]);
    expect(journal.lines.map((l) => l.status)).toEqual(["drafted", "ready", "sending", "sent"]);
    const stored = [...emu.messages.values()][0];
    expect(stored.to).toEqual(m.to);
    expect(stored.attachments.map((a) => [a.name, a.size, a.via])).toEqual([
      ["EstadoDeCuenta_C1_2026-10-31.xlsx", 9_000, "inline"],
      ["EstadoDeCuenta_C1_2026-10-31.pdf", 40_000, "inline"],
    ]);
    expect(stored.sends).toBe(1);
    expect(journal.latest(m.key)!.internetMessageId).toBe(stored.internetMessageId);
  });

  test("429 on send: waits Retry-After (7 s) and sends once", async () => {
    emu.rules = [{ route: "POST /messages/{id}/send", fault: "429", retryAfter: 7 }];
    const m = await syntheticMessage(2);
    const { outcomes } = await batch([m]);
    expect(outcomes[0].status).toBe("sent");
    const sends = emu.log.filter((r) => r.route === "/messages/{id}/send");
    expect(sends.map((r) => r.status)).toEqual([429, 202]);
    expect(sends[1].at - sends[0].at).toBeGreaterThanOrEqual(7000);
    expect(clock.sleeps).toContain(7000);
    expect(sendsOf(m.key)).toBe(1);
  });

  test("503 on send is not retried blindly: the message is looked up, found still a draft, and sent once", async () => {
    emu.rules = [{ route: "POST /messages/{id}/send", fault: "503" }];
    const m = await syntheticMessage(3);
    const { outcomes, journal } = await batch([m]);
    expect(outcomes[0].status).toBe("sent");
    expect(emu.count("/messages", "GET")).toBeGreaterThanOrEqual(1);
    expect(emu.log.filter((r) => r.route === "/messages/{id}/send").map((r) => r.status)).toEqual([503, 202]);
    expect(sendsOf(m.key)).toBe(1);
    expect(journal.lines.map((l) => l.status)).toEqual(["drafted", "ready", "sending", "sending", "sent"]);
  });

  test.each(["503-after", "drop-after"] as const)("%s (the message really went): found sent by internetMessageId, never sent again", async (fault) => {
    emu.rules = [{ route: "POST /messages/{id}/send", fault }];
    const m = await syntheticMessage(4);
    const { outcomes } = await batch([m]);
    expect(outcomes[0].status).toBe("sent");
    expect(emu.count("/messages/{id}/send")).toBe(1);
    expect(sendsOf(m.key)).toBe(1);
  });

  test("a 401 refreshes the token once", async () => {
    let calls = 0;
    const refreshes: boolean[] = [];
    const tokens = { token: async (refresh: boolean) => (refreshes.push(refresh), calls++ === 0 ? "expired" : "token-1") };
    const { outcomes } = await batch([await syntheticMessage(5)], new MemoryJournal(), mailer({ tokens }));
    expect(outcomes[0].status).toBe("sent");
    expect(refreshes.slice(0, 2)).toEqual([false, true]);
  });

  test("a token that stays invalid is reported, not retried forever", async () => {
    const { outcomes } = await batch([await syntheticMessage(6)], new MemoryJournal(), mailer({ tokens: { token: async () => "wrong" } }));
    expect(outcomes[0]).toMatchObject({ status: "failed", problem: { code: "mail.graph.unauthorized" } });
    expect(emu.count("/messages", "POST")).toBe(2);
  });

  test("403 ErrorSendAsDenied from a shared mailbox is explained per message; the others go", async () => {
    emu.rules = [{ route: "POST /messages/{id}/send", fault: "403-sendas" }];
    const shared = mailer({ mailbox: "cobranza@empresa.com.mx" });
    const { outcomes } = await batch([await syntheticMessage(7), await syntheticMessage(8)], new MemoryJournal(), shared);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["failed", "sent"]);
    const failed = outcomes.find((o) => o.status === "failed")!;
    expect(failed.problem).toEqual({ code: "mail.graph.sendAsDenied", params: { mailbox: "cobranza@empresa.com.mx" } });
    expect(emu.log.every((r) => r.route.startsWith("/messages"))).toBe(true);
  });

  test("a 5 MB attachment goes through an upload session in ranges of at most 4 MB without Authorization", async () => {
    const big = bytes(5 * 1024 * 1024 + 123);
    const m = await syntheticMessage(9, [
      { name: "Anexo.pdf", contentType: PDF_TYPE, content: big },
      { name: "EstadoDeCuenta.xlsx", contentType: XLSX_TYPE, content: bytes(12_000) },
    ]);
    const { outcomes } = await batch([m]);
    expect(outcomes[0].status).toBe("sent");
    const stored = [...emu.messages.values()][0];
    expect(stored.attachments.map((a) => [a.name, a.size, a.via]).sort()).toEqual([
      ["Anexo.pdf", big.length, "upload"],
      ["EstadoDeCuenta.xlsx", 12_000, "inline"],
    ]);
    expect(emu.count("/upload", "PUT")).toBe(Math.ceil(big.length / RANGE_SIZE));
    // the draft and the upload are done before the one send
    const order = emu.log.map((r) => r.route);
    expect(order.lastIndexOf("/upload")).toBeLessThan(order.indexOf("/messages/{id}/send"));
  });

  test("attachment plan: small ones inline under 3 MB together, the rest posted, 3 MB and more uploaded", () => {
    const a = (name: string, n: number) => ({ name, contentType: PDF_TYPE, content: new Uint8Array(n) });
    const plan = planAttachments([a("a", 2_000_000), a("b", 1_500_000), a("c", 3 * 1024 * 1024), a("d", 10_000)], 50_000);
    expect(plan.inline.map((x) => x.name)).toEqual(["d", "b"]);
    expect(plan.separate.map((x) => x.name)).toEqual(["a"]);
    expect(plan.upload.map((x) => x.name)).toEqual(["c"]);
  });

  test("small attachments that do not fit inline are posted one by one", async () => {
    const m = await syntheticMessage(10, [
      { name: "uno.pdf", contentType: PDF_TYPE, content: bytes(2_000_000, 1) },
      { name: "dos.pdf", contentType: PDF_TYPE, content: bytes(1_900_000, 2) },
    ]);
    const { outcomes } = await batch([m]);
    expect(outcomes[0].status).toBe("sent");
    expect([...emu.messages.values()][0].attachments.map((x) => x.via).sort()).toEqual(["inline", "post"]);
  });

  test("re-running the same batch sends nothing twice; a changed statement is a new message", async () => {
    const messages = await Promise.all(Array.from({ length: 10 }, (_, i) => syntheticMessage(100 + i)));
    const journal = new MemoryJournal();
    await batch(messages, journal);
    expect(emu.sent()).toHaveLength(10);
    const again = await batch(messages, journal);
    expect(again.outcomes.every((o) => o.status === "already")).toBe(true);
    expect(emu.count("/messages/{id}/send")).toBe(10);
    const changed = await syntheticMessage(103, undefined, " (corregido)");
    const third = await batch([...messages, changed], journal);
    expect(third.outcomes.filter((o) => o.status === "sent")).toEqual([expect.objectContaining({ supersedes: true })]);
    expect(emu.sent()).toHaveLength(11);
  });

  test("resuming after a crash: messages left `sending` are looked up in $batch first; sent ones are not sent again", async () => {
    const t = mailer();
    const messages = await Promise.all(Array.from({ length: 25 }, (_, i) => syntheticMessage(200 + i)));
    const journal = new MemoryJournal();
    // An earlier run got as far as `sending` for every message, then the machine died: the
    // first 15 did go out, the other 10 are still drafts.
    for (const [i, m] of messages.entries()) {
      const stored = { id: `D${i}`, internetMessageId: `<crash${i}@emulator>`, isDraft: i >= 15, subject: m.subject, to: m.to, cc: m.cc, html: m.html, key: m.key, attachments: [], sends: i < 15 ? 1 : 0 };
      emu.messages.set(stored.id, stored);
      await journal.record(journalEntryFor(m, t, clock, "sending", { draftId: stored.id, internetMessageId: stored.internetMessageId } as Partial<JournalEntry>));
    }
    emu.rules = [{ route: "GET $batch /messages", fault: "429", retryAfter: 4 }];
    const { outcomes } = await batch(messages, journal, t);
    expect(emu.count("/$batch", "POST")).toBe(3); // 20 + 5, and the throttled inner request again
    expect(outcomes.filter((o) => o.status === "already")).toHaveLength(15);
    expect(outcomes.filter((o) => o.status === "sent")).toHaveLength(10);
    for (const m of messages) expect(sendsOf(m.key)).toBe(1);
  });

  test("a cancelled batch, resumed, sends only the rest", async () => {
    const messages = await Promise.all(Array.from({ length: 40 }, (_, i) => syntheticMessage(300 + i)));
    const journal = new MemoryJournal();
    const controller = new AbortController();
    const first = await sendBatch(messages, { transport: mailer(), journal, clock, signal: controller.signal, onOutcome: (_o, done) => done === 10 && controller.abort() });
    const sentFirst = first.filter((o) => o.status === "sent").length;
    expect(sentFirst).toBeGreaterThanOrEqual(10);
    expect(sentFirst).toBeLessThan(40);
    expect(first.filter((o) => o.status === "cancelled")).toHaveLength(40 - sentFirst);
    const second = await batch(messages, journal);
    expect(second.outcomes.filter((o) => o.status === "already")).toHaveLength(sentFirst);
    expect(second.outcomes.filter((o) => o.status === "sent")).toHaveLength(40 - sentFirst);
    for (const m of messages) expect(sendsOf(m.key)).toBe(1);
  });

  test("cancelled while waiting for the pace: the ready drafts are sent by the next run, once", async () => {
    const messages = await Promise.all(Array.from({ length: 8 }, (_, i) => syntheticMessage(400 + i)));
    const journal = new MemoryJournal();
    const controller = new AbortController();
    // A clock whose sleeps never end: whoever waits for the pace waits until the cancel.
    const frozen = { now: () => clock.now(), sleep: (_ms: number, signal?: AbortSignal) => new Promise<void>((_r, reject) => signal?.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { name: "AbortError" })))) };
    const slow = mailer({ pacer: new RatePacer(3, frozen) });
    const first = await sendBatch(messages, { transport: slow, journal, clock, signal: controller.signal, onOutcome: (_o, done) => done === 3 && controller.abort() });
    expect(first.filter((o) => o.status === "sent")).toHaveLength(3);
    expect(first.filter((o) => o.status === "cancelled")).toHaveLength(5);
    expect(first.filter((o) => o.status === "cancelled" && journal.latest(o.message.key)?.status === "ready").length).toBeGreaterThanOrEqual(1);
    const second = await batch(messages, journal);
    expect(second.outcomes.filter((o) => o.status === "sent")).toHaveLength(5);
    for (const m of messages) expect(sendsOf(m.key)).toBe(1);
    // the drafts the first run had ready were sent, not made again
    expect(emu.count("/messages", "POST")).toBe(8);
  });

  test("500 statements through injected faults: none lost, none sent twice", async () => {
    emu.chaos = { rate: 0.08, seed: 12, faults: ["429", "503", "503-after", "drop", "drop-after", "401"] };
    const messages = await Promise.all(Array.from({ length: 500 }, (_, i) => syntheticMessage(1000 + i)));
    const journal = new MemoryJournal();
    let runs = 0;
    let pending = messages;
    while (pending.length && runs < 5) {
      runs++;
      const { outcomes } = await batch(pending, journal);
      pending = outcomes.filter((o) => o.status !== "sent" && o.status !== "already").map((o) => o.message);
    }
    expect(pending).toEqual([]);
    const faults = emu.log.filter((r) => r.status === -1 || r.status >= 400).length;
    expect(faults).toBeGreaterThan(50);
    for (const m of messages) expect(sendsOf(m.key)).toBe(1);
    expect(emu.sent()).toHaveLength(500);
  });

  test("300 statements paced: at most 30 sends in any minute, at most 4 requests in flight", async () => {
    const messages = await Promise.all(Array.from({ length: 300 }, (_, i) => syntheticMessage(5000 + i)));
    const start = clock.now();
    const { outcomes } = await batch(messages, new MemoryJournal(), mailer({ pacer: new RatePacer(30, clock) }));
    expect(outcomes.every((o) => o.status === "sent")).toBe(true);
    // by the time each request arrived (the log is in order of completion)
    const sends = emu.log.filter((r) => r.route === "/messages/{id}/send").map((r) => r.at).sort((a, b) => a - b);
    expect(sends).toHaveLength(300);
    for (let i = 30; i < sends.length; i++) expect(sends[i] - sends[i - 30]).toBeGreaterThanOrEqual(60_000);
    expect(clock.now() - start).toBeGreaterThanOrEqual(9 * 60_000);
  });
});
