import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { MailMessage } from "./message";
import { outboxFiles, outboxMessageId } from "./outboxFiles";
import type { Clock } from "./pacing";
import type { Delivery, DeliveryContext, MailTransport } from "./transport";

/**
 * The dry-run transport of the command line: per message a folder in the outbox with the
 * files `outboxFiles` lists (`message.eml`, `preview.html`, each attachment), each written
 * atomically. Nothing leaves the machine. The task pane zips the same files instead.
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
    for (const f of outboxFiles(m, { from: this.from, date: new Date(this.clock.now()) })) {
      const path = join(this.dir, ...f.path.split("/"));
      mkdirSync(dirname(path), { recursive: true });
      writeAtomically(path, f.data);
    }
    return { status: "written", internetMessageId: outboxMessageId(m), detail: this.folderOf(m) };
  }
}

function writeAtomically(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
