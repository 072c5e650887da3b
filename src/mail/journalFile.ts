import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { journalEntries, journalHeader, journalLine, MemoryJournal, type JournalEntry } from "./journal";

/**
 * The send journal as a CSV file (the command line; the add-in keeps the same columns in a
 * `Cartera envíos` sheet). Each line is written and flushed to disk before the step it
 * records is taken further, so the file survives a crash at any point.
 */
export class CsvJournal extends MemoryJournal {
  private constructor(
    readonly path: string,
    entries: JournalEntry[],
  ) {
    super(entries);
  }

  static open(path: string): CsvJournal {
    mkdirSync(dirname(path), { recursive: true });
    const exists = existsSync(path);
    const text = exists ? readFileSync(path, "utf8") : "";
    const j = new CsvJournal(path, journalEntries(text));
    if (!exists || text.length === 0) appendDurably(path, journalHeader());
    else if (!text.endsWith("\n")) appendDurably(path, "\r\n"); // a line torn by a crash is closed off
    return j;
  }

  override async record(entry: JournalEntry): Promise<void> {
    appendDurably(this.path, journalLine(entry));
    await super.record(entry);
  }
}

export function appendDurably(path: string, text: string): void {
  const fd = openSync(path, "a");
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
