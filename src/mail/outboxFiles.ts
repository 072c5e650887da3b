import { zipSync, type Zippable } from "fflate";
import type { JournalEntry } from "./journal";
import { journalHeader, journalLine } from "./journal";
import type { MailMessage } from "./message";
import { toEml } from "./mime";
import type { Clock } from "./pacing";
import type { Delivery, DeliveryContext, MailTransport } from "./transport";

/**
 * What the dry run produces for a message, wherever it goes: a folder named by the message's
 * slug holding `message.eml` (RFC 5322, opens in Outlook as a draft ready to send),
 * `preview.html` (the HTML part as the customer will see it) and each attachment. The command
 * line writes these files into the outbox folder (outbox.ts); the task pane puts the same
 * files into a .zip the user downloads.
 */
export interface OutboxFile {
  /** Relative path with `/` separators: `0001_0001000128_MXN/message.eml`. */
  path: string;
  data: string | Uint8Array;
}

/** The dry run's Message-ID: stable for a given content, never a real mailbox's. */
export function outboxMessageId(m: MailMessage): string {
  return `<${m.contentHash}.${m.kind}@cartera.invalid>`;
}

export function outboxFiles(m: MailMessage, o: { from: string; date: Date }): OutboxFile[] {
  const eml = toEml(m, { from: o.from, date: o.date, messageId: outboxMessageId(m), unsent: true });
  return [
    { path: `${m.slug}/message.eml`, data: eml },
    { path: `${m.slug}/preview.html`, data: m.html },
    ...m.attachments.map((a) => ({ path: `${m.slug}/${a.name}`, data: a.content })),
  ];
}

/**
 * The dry-run transport that keeps the outbox in memory (the task pane), for `zipOutbox` to
 * hand over as one download. Nothing leaves the machine.
 */
export class MemoryOutboxTransport implements MailTransport {
  readonly name = "outbox" as const;
  readonly done = "written" as const;
  readonly files: OutboxFile[] = [];

  constructor(
    readonly from: string,
    private readonly clock: Clock,
    readonly mailbox = "",
  ) {}

  async deliver(m: MailMessage, _context: DeliveryContext): Promise<Delivery> {
    this.files.push(...outboxFiles(m, { from: this.from, date: new Date(this.clock.now()) }));
    return { status: "written", internetMessageId: outboxMessageId(m), detail: m.slug };
  }
}

/** The journal's lines as the command line's `envios.csv` (so the download holds it too). */
export function journalCsv(entries: readonly JournalEntry[]): string {
  return journalHeader() + entries.map(journalLine).join("");
}

const STORED = /\.(pdf|xlsx|zip|png|jpe?g)$/i;

/**
 * The outbox as one .zip, folders as the command line writes them. Attachments that are
 * already compressed (PDF, .xlsx) are stored as they are; the rest is deflated.
 */
export function zipOutbox(files: readonly OutboxFile[]): Uint8Array {
  const encoder = new TextEncoder();
  const tree: Zippable = {};
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const bytes = typeof f.data === "string" ? encoder.encode(f.data) : f.data;
    tree[f.path] = [bytes, { level: STORED.test(f.path) ? 0 : 6 }];
  }
  return zipSync(tree);
}
