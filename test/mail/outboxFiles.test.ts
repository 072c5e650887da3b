/**
 * One list of outbox files for both doors: the command line writes it into folders, the task
 * pane zips it. The zip must hold exactly the files the folder holds, byte for byte, and its
 * .eml must parse with a real MIME parser.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import { simpleParser } from "mailparser";
import { OutboxTransport } from "../../src/mail/outbox";
import { journalCsv, MemoryOutboxTransport, outboxFiles, zipOutbox } from "../../src/mail/outboxFiles";
import { journalEntries, MemoryJournal } from "../../src/mail/journal";
import { PDF_TYPE, XLSX_TYPE } from "../../src/mail/message";
import { sendBatch } from "../../src/mail/transport";
import { tempDir } from "../helpers/files";
import { bytes, syntheticMessage, VirtualClock } from "./support";

function walk(dir: string, base = ""): string[] {
  return readdirSync(join(dir, base), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(dir, join(base, d.name)) : [join(base, d.name).split("\\").join("/")]));
}

describe("the outbox's files", () => {
  const attachments = [
    { name: "EstadoDeCuenta_C1_2026-10-31.pdf", contentType: PDF_TYPE, content: bytes(30_000, 1) },
    { name: "EstadoDeCuenta_C1_2026-10-31.xlsx", contentType: XLSX_TYPE, content: bytes(8_000, 2) },
  ];

  test("per message: message.eml, preview.html and each attachment, in the message's folder", async () => {
    const m = await syntheticMessage(1, attachments);
    const files = outboxFiles(m, { from: "cobranza@materiales.com.mx", date: new Date(Date.UTC(2026, 10, 2)) });
    expect(files.map((f) => f.path)).toEqual([`${m.slug}/message.eml`, `${m.slug}/preview.html`, `${m.slug}/EstadoDeCuenta_C1_2026-10-31.pdf`, `${m.slug}/EstadoDeCuenta_C1_2026-10-31.xlsx`]);
    expect(files[1].data).toBe(m.html);
  });

  test("the pane's zip holds exactly what the command line writes on disk", async () => {
    const clock = new VirtualClock();
    const messages = await Promise.all([1, 2, 3].map((i) => syntheticMessage(i, attachments)));
    const dir = tempDir();
    await sendBatch(messages, { transport: new OutboxTransport(dir, "cobranza@materiales.com.mx", clock), journal: new MemoryJournal(), clock });
    const memory = new MemoryOutboxTransport("cobranza@materiales.com.mx", clock);
    const journal = new MemoryJournal();
    await sendBatch(messages, { transport: memory, journal, clock });
    const zip = unzipSync(zipOutbox([...memory.files, { path: "envios.csv", data: journalCsv(journal.lines) }]));
    const onDisk = walk(dir).sort();
    expect(Object.keys(zip).filter((p) => p !== "envios.csv").sort()).toEqual(onDisk);
    for (const p of onDisk) expect(Buffer.from(zip[p]).equals(readFileSync(join(dir, p)))).toBe(true);
    expect(journalEntries(strFromU8(zip["envios.csv"])).map((e) => e.status)).toEqual(["written", "written", "written"]);
    const mail = await simpleParser(Buffer.from(zip[`${messages[0].slug}/message.eml`]));
    expect(mail.html).toContain("Saldo 1");
    expect(mail.text).toContain("Saldo 1");
    expect(mail.attachments.map((a) => [a.filename, a.size])).toEqual([
      ["EstadoDeCuenta_C1_2026-10-31.pdf", 30_000],
      ["EstadoDeCuenta_C1_2026-10-31.xlsx", 8_000],
    ]);
    expect(mail.headers.get("x-unsent")).toBe("1");
  });
});
