import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { JOURNAL_COLUMNS, journalEntries, journalHeader, journalLine, MemoryJournal, type JournalEntry } from "./journal";

/**
 * The send journal as a CSV file (the command line; the add-in keeps the same columns in a
 * `Cartera envíos` sheet). Each line is written and flushed to disk before the step it
 * records is taken further, so the file survives a crash at any point.
 */
/** A journal kept in a file: every step is appended, durably, as one line. */
abstract class FileJournal extends MemoryJournal {
  protected constructor(
    readonly path: string,
    entries: JournalEntry[],
  ) {
    super(entries);
  }

  protected abstract line(entry: JournalEntry): string;

  override async record(entry: JournalEntry): Promise<void> {
    appendDurably(this.path, this.line(entry));
    await super.record(entry);
  }
}

export class CsvJournal extends FileJournal {
  protected line(entry: JournalEntry): string {
    return journalLine(entry);
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
}

/**
 * The same journal as JSON lines (`--journal envios.jsonl`), one object per step, for tools
 * that read logs rather than spreadsheets. A line torn by a crash is ignored.
 */
export class JsonlJournal extends FileJournal {
  static open(path: string): JsonlJournal {
    mkdirSync(dirname(path), { recursive: true });
    const text = existsSync(path) ? readFileSync(path, "utf8") : "";
    const entries: JournalEntry[] = [];
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      try {
        const o = JSON.parse(line) as Record<string, unknown>;
        const e = Object.fromEntries(JOURNAL_COLUMNS.map((c) => [c, typeof o[c] === "string" ? o[c] : ""])) as JournalEntry;
        if (e.key && e.status) entries.push(e);
      } catch {
        // the torn last line of a crash
      }
    }
    if (text && !text.endsWith("\n")) appendDurably(path, "\n");
    return new JsonlJournal(path, entries);
  }

  protected line(entry: JournalEntry): string {
    return JSON.stringify(Object.fromEntries(JOURNAL_COLUMNS.map((c) => [c, entry[c] ?? ""]))) + "\n";
  }
}

/** The journal file by its name: `.jsonl`/`.json` as JSON lines, anything else as CSV. */
export function openJournal(path: string): MemoryJournal {
  return /\.jsonl?$/i.test(path) ? JsonlJournal.open(path) : CsvJournal.open(path);
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
