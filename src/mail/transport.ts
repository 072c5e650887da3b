import type { Problem } from "../core/messages";
import type { JournalEntry, JournalStatus, SendJournal } from "./journal";
import type { MailMessage } from "./message";
import type { Clock } from "./pacing";
import { forEachLimited } from "./pacing";

/**
 * One interface for every way a message leaves: the dry-run outbox (the default everywhere)
 * and Microsoft Graph. A transport records its own intermediate steps in the journal (draft
 * created, sending…); the batch runner records the outcome and decides what not to send again.
 */
export type Delivery =
  | { status: "sent" | "written"; draftId?: string; internetMessageId?: string; detail?: string }
  | { status: "failed" | "unclear"; problem: Problem; draftId?: string; internetMessageId?: string };

export interface DeliveryContext {
  /** The message's last journal entry from an earlier run, if any. */
  previous?: JournalEntry;
  /** Appends a step for this message to the journal (flushed before it returns). */
  record(status: JournalStatus, fields?: Partial<JournalEntry>): Promise<void>;
  signal?: AbortSignal;
}

export interface MailTransport {
  readonly name: "outbox" | "graph";
  /** Which journal status means "delivered by this transport": never delivered twice. */
  readonly done: JournalStatus;
  /** The mailbox it sends as, for the journal ("me" when signed-in user's). */
  readonly mailbox: string;
  /** Before a batch: settle earlier runs' unclear messages (Graph looks them up in $batch requests). */
  prepare?(previous: readonly JournalEntry[], signal?: AbortSignal): Promise<Map<string, JournalEntry>>;
  deliver(message: MailMessage, context: DeliveryContext): Promise<Delivery>;
}

export type OutcomeStatus = "sent" | "written" | "already" | "failed" | "unclear" | "cancelled";

export interface MessageOutcome {
  message: MailMessage;
  status: OutcomeStatus;
  problem?: Problem;
  /** An earlier, different version of this customer's message for the period was already sent. */
  supersedes?: boolean;
}

export interface BatchOptions {
  transport: MailTransport;
  journal: SendJournal;
  clock: Clock;
  /** Messages in progress at once (Graph requests are capped separately, at 4). */
  concurrency?: number;
  signal?: AbortSignal;
  onOutcome?: (outcome: MessageOutcome, done: number, total: number) => void;
}

function isoTime(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}

export function journalEntryFor(m: MailMessage, transport: MailTransport, clock: Clock, status: JournalStatus, fields: Partial<JournalEntry> = {}): JournalEntry {
  return {
    time: isoTime(clock),
    key: m.key,
    kind: m.kind,
    customer: m.customer,
    period: m.period,
    template: m.template,
    contentHash: m.contentHash,
    to: [...m.to, ...m.cc.map((c) => `cc:${c}`)].join(";"),
    subject: m.subject,
    transport: transport.name,
    mailbox: transport.mailbox,
    draftId: "",
    internetMessageId: "",
    detail: "",
    ...fields,
    status,
  };
}

/**
 * Delivers a batch through one transport, consulting and extending the journal: what the
 * journal says this transport already delivered is skipped; the rest goes out a few at
 * a time (the transport paces what it must), each message's outcome reported as it is known. Cancelling stops new messages from
 * starting; messages under way finish their current step and are journaled.
 */
export async function sendBatch(messages: readonly MailMessage[], o: BatchOptions): Promise<MessageOutcome[]> {
  const { transport, journal, clock } = o;
  const outcomes: MessageOutcome[] = new Array(messages.length);
  let done = 0;
  const sentBefore = new Set<string>();
  for (const e of journal.all()) if (e.status === transport.done) sentBefore.add(`${e.kind}|${e.customer}|${e.period}`);
  const settled = transport.prepare ? await transport.prepare(journal.all().filter((e) => e.transport === transport.name), o.signal) : new Map<string, JournalEntry>();
  for (const e of settled.values()) await journal.record(e);
  const finish = (i: number, outcome: MessageOutcome) => {
    outcomes[i] = outcome;
    done++;
    o.onOutcome?.(outcome, done, messages.length);
  };
  await forEachLimited(
    messages,
    o.concurrency ?? 4,
    async (m, i) => {
      const previous = settled.get(m.key) ?? journal.latest(m.key);
      if (previous && previous.status === transport.done && previous.transport === transport.name) {
        finish(i, { message: m, status: "already" });
        return;
      }
      const supersedes = !previous && sentBefore.has(`${m.kind}|${m.customer}|${m.period}`);
      if (o.signal?.aborted) {
        finish(i, { message: m, status: "cancelled" });
        return;
      }
      let ids: Partial<JournalEntry> = { draftId: previous?.transport === transport.name ? previous.draftId : "", internetMessageId: previous?.transport === transport.name ? previous.internetMessageId : "" };
      const context: DeliveryContext = {
        previous: previous?.transport === transport.name ? previous : undefined,
        signal: o.signal,
        record: async (status, fields = {}) => {
          ids = { draftId: fields.draftId ?? ids.draftId, internetMessageId: fields.internetMessageId ?? ids.internetMessageId };
          await journal.record(journalEntryFor(m, transport, clock, status, { ...fields, ...ids }));
        },
      };
      let d: Delivery;
      try {
        d = await transport.deliver(m, context);
      } catch (e) {
        if (e instanceof Error && e.name === "AbortError") {
          finish(i, { message: m, status: "cancelled" });
          return;
        }
        d = { status: "failed", problem: { code: "mail.unexpected", params: { detail: e instanceof Error ? e.message : String(e) } } };
      }
      if (d.status === "failed" || d.status === "unclear") {
        await context.record(d.status, { draftId: d.draftId, internetMessageId: d.internetMessageId, detail: `${d.problem.code} ${JSON.stringify(d.problem.params ?? {})}` });
        finish(i, { message: m, status: d.status, problem: d.problem, supersedes });
      } else {
        await context.record(d.status, { draftId: d.draftId, internetMessageId: d.internetMessageId, detail: "detail" in d ? (d.detail ?? "") : "" });
        finish(i, { message: m, status: d.status, supersedes });
      }
    },
    o.signal,
  );
  for (let i = 0; i < messages.length; i++) if (!outcomes[i]) outcomes[i] = { message: messages[i], status: "cancelled" };
  return outcomes;
}
