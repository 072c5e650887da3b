import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { MailMessage } from "./message";
import { toEml } from "./mime";
import type { Clock } from "./pacing";
import type { Delivery, DeliveryContext, MailTransport } from "./transport";

/**
 * The dry-run transport: per message a folder in the outbox with `message.eml` (RFC 5322, opens
 * in Outlook as a draft ready to send), `preview.html` (the HTML part as the customer will see
 * it) and each attachment. Nothing leaves the machine.
 */
export class OutboxTransport implements MailTransport {
  readonly name = "outbox" as const;
  readonly done = "written" as const;
  constructor(
    readonly dir: string,
    readonly from: string,
    private readonly clock: Clock,
    readonly mailbox = "",
  ) {}

  folderOf(m: MailMessage): string {
    return join(this.dir, m.slug);
  }

  async deliver(m: MailMessage, _context: DeliveryContext): Promise<Delivery> {
    const folder = this.folderOf(m);
    mkdirSync(folder, { recursive: true });
    const messageId = `<${m.contentHash}.${m.kind}@cartera.invalid>`;
    writeAtomically(join(folder, "message.eml"), toEml(m, { from: this.from, date: new Date(this.clock.now()), messageId, unsent: true }));
    writeAtomically(join(folder, "preview.html"), m.html);
    for (const a of m.attachments) writeAtomically(join(folder, a.name), a.content);
    return { status: "written", internetMessageId: messageId, detail: folder };
  }
}

function writeAtomically(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
