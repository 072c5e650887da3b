import Papa from "papaparse";

/**
 * The send journal: one line per step of each message, appended and never rewritten, so a
 * crash or a cancel at any point leaves a journal that says how far each message got. The
 * last line of a key is its state. Re-running a batch consults it first: a message whose key
 * (kind, customer, period, content hash) is `sent` is not sent again; a changed statement has
 * another hash, so it is a new message.
 */
export type JournalStatus =
  /** The Graph draft exists (draft id and internetMessageId known); attachments may be missing. */
  | "drafted"
  /** Draft complete with every attachment: may be sent. */
  | "ready"
  /** The send request is going out: after a crash here, look the message up before sending again. */
  | "sending"
  | "sent"
  /** The send got no clear answer and the lookup could not settle it: looked up again next run. */
  | "unclear"
  | "failed"
  /** Written to the dry-run outbox. */
  | "written";

export const JOURNAL_COLUMNS = ["time", "key", "kind", "customer", "period", "template", "contentHash", "to", "subject", "transport", "mailbox", "draftId", "internetMessageId", "status", "detail"] as const;

export type JournalEntry = Record<(typeof JOURNAL_COLUMNS)[number], string> & { status: JournalStatus };

export interface SendJournal {
  latest(key: string): JournalEntry | undefined;
  /** Every key's last entry. */
  all(): JournalEntry[];
  record(entry: JournalEntry): Promise<void>;
}

export class MemoryJournal implements SendJournal {
  readonly lines: JournalEntry[] = [];
  private readonly last = new Map<string, JournalEntry>();
  constructor(entries: readonly JournalEntry[] = []) {
    for (const e of entries) this.remember(e);
  }
  protected remember(e: JournalEntry): void {
    this.lines.push(e);
    this.last.set(e.key, e);
  }
  latest(key: string): JournalEntry | undefined {
    return this.last.get(key);
  }
  all(): JournalEntry[] {
    return [...this.last.values()];
  }
  async record(entry: JournalEntry): Promise<void> {
    this.remember(entry);
  }
}

/**
 * A CSV cell that Excel cannot take for a formula: text starting with `=`, `+`, `-`, `@`, a
 * tab or a carriage return gets a leading apostrophe (and so does text that already starts
 * with one, so reading it back is exact).
 */
export function csvCell(value: string): string {
  const v = /^[=+\-@\t\r']/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvLine(values: readonly string[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}

export function fromCsvCell(value: string): string {
  return value.startsWith("'") ? value.slice(1) : value;
}

/** Rows of a CSV this module wrote (header first); a torn last line from a crash is dropped. */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, "");
  const complete = body.endsWith("\n") ? body : body.slice(0, body.lastIndexOf("\n") + 1);
  const parsed = Papa.parse<string[]>(complete, { skipEmptyLines: true });
  return parsed.data.map((r) => r.map(fromCsvCell));
}

const STATUSES = new Set<string>(["drafted", "ready", "sending", "sent", "unclear", "failed", "written"]);

export function journalEntries(text: string): JournalEntry[] {
  const rows = parseCsv(text);
  if (rows.length === 0) return [];
  const header = rows[0];
  const idx = JOURNAL_COLUMNS.map((c) => header.indexOf(c));
  const out: JournalEntry[] = [];
  for (const r of rows.slice(1)) {
    const e = Object.fromEntries(JOURNAL_COLUMNS.map((c, i) => [c, idx[i] >= 0 ? (r[idx[i]] ?? "") : ""])) as JournalEntry;
    if (e.key && STATUSES.has(e.status)) out.push(e);
  }
  return out;
}

export function journalHeader(): string {
  return "\uFEFF" + csvLine(JOURNAL_COLUMNS);
}

export function journalLine(e: JournalEntry): string {
  return csvLine(JOURNAL_COLUMNS.map((c) => e[c] ?? ""));
}

/**
 * A list of text rows kept somewhere else than a file: a sheet of the workbook (the add-in's
 * `Cartera envíos`), the browser session. `read` gives every row, its header first ([] when
 * the list does not exist yet); `append` adds rows below the last one (creating the list and
 * its header when needed) and resolves once they are stored.
 */
export interface RowStore {
  read(): Promise<string[][]>;
  append(rows: string[][]): Promise<void>;
}

/** A journal entry as a row, in JOURNAL_COLUMNS order. */
export function journalRow(e: JournalEntry): string[] {
  return JOURNAL_COLUMNS.map((c) => e[c] ?? "");
}

/**
 * Which column holds each field, from a header row: a cell naming the field itself
 * (`status`) or one of its labels (`Estado`, `Status`: the header the add-in writes, in
 * either language); where the header says nothing recognisable, the field's own position.
 */
export function columnIndexes(header: readonly string[], columns: readonly string[], labels: Readonly<Record<string, readonly string[]>> = {}): number[] {
  const norm = (s: string) => s.trim().toLowerCase();
  const cells = header.map(norm);
  return columns.map((c, i) => {
    const names = [c, ...(labels[c] ?? [])].map(norm);
    const at = cells.findIndex((h) => names.includes(h));
    return at >= 0 ? at : i;
  });
}

/** Entries from a stored list's rows (header first); rows without a key or a known status are left out. */
export function journalFromRows(rows: readonly (readonly string[])[], labels: Readonly<Record<string, readonly string[]>> = {}): JournalEntry[] {
  if (rows.length === 0) return [];
  const idx = columnIndexes(rows[0], JOURNAL_COLUMNS, labels);
  const out: JournalEntry[] = [];
  for (const r of rows.slice(1)) {
    const e = Object.fromEntries(JOURNAL_COLUMNS.map((c, i) => [c, r[idx[i]] ?? ""])) as JournalEntry;
    if (e.key && STATUSES.has(e.status)) out.push(e);
  }
  return out;
}

/**
 * The journal kept in a RowStore (the add-in: the `Cartera envíos` sheet, or the browser
 * session). Steps recorded while a write is under way are appended together by the next
 * write, in order, so a batch of four messages in flight costs one write per round rather than
 * one per step; each `record` still resolves only once its own row is stored.
 */
export class RowJournal extends MemoryJournal {
  private pending: { row: string[]; done: () => void; fail: (e: unknown) => void }[] = [];
  private writing: Promise<void> | null = null;

  private constructor(
    private readonly store: RowStore,
    entries: JournalEntry[],
  ) {
    super(entries);
  }

  static async open(store: RowStore, labels: Readonly<Record<string, readonly string[]>> = {}): Promise<RowJournal> {
    return new RowJournal(store, journalFromRows(await store.read(), labels));
  }

  override record(entry: JournalEntry): Promise<void> {
    const stored = new Promise<void>((done, fail) => this.pending.push({ row: journalRow(entry), done, fail }));
    this.writing ??= this.flush();
    return stored.then(() => super.record(entry));
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length) {
        const batch = this.pending;
        this.pending = [];
        try {
          await this.store.append(batch.map((p) => p.row));
          for (const p of batch) p.done();
        } catch (e) {
          for (const p of batch) p.fail(e);
        }
      }
    } finally {
      this.writing = null;
    }
  }
}
