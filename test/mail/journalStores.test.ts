/**
 * The send journal's two stores beyond the command line's file: a workbook sheet (the
 * `Cartera envíos` list through the Office adapter, over the office-addin-mock workbook) and
 * the browser session (the standalone adapter). Same model, same re-run rule: what a store
 * says was sent is not sent again.
 */
import { ExcelWorkbook } from "../../src/office/excelWorkbook";
import { listKey } from "../../src/office/listSheet";
import { journalFromRows, JOURNAL_COLUMNS, RowJournal, type RowStore } from "../../src/mail/journal";
import { newPromiseRows, promiseKeys, PROMISE_COLUMNS } from "../../src/mail/compromisos";
import { MemoryOutboxTransport } from "../../src/mail/outboxFiles";
import { journalEntryFor, sendBatch, type MailTransport } from "../../src/mail/transport";
import type { MailMessage } from "../../src/mail/message";
import { FileWorkbook, LIST_STORAGE_PREFIX } from "../../src/workbook/fileWorkbook";
import type { ListSpec, WorkbookPort } from "../../src/workbook/port";
import { dayFromCivil } from "../../src/core/dates";
import type { Minutes } from "../../src/core/statement/minutes";
import { FakeExcel } from "../helpers/fakeExcel";
import { syntheticMessage, VirtualClock } from "./support";

const LABELS_ES = ["Hora", "Clave", "Tipo", "Cliente", "Periodo", "Plantilla", "Huella", "Para", "Asunto", "Medio", "Buzón", "Id de borrador", "internetMessageId", "Estado", "Detalle"];
const JOURNAL: ListSpec = { id: "journal", name: "Cartera envíos", header: LABELS_ES };
const labels = Object.fromEntries(JOURNAL_COLUMNS.map((c, i) => [c, [LABELS_ES[i]]]));

function store(port: WorkbookPort, list: ListSpec): RowStore & { appends: number } {
  const s = {
    appends: 0,
    read: () => port.readList(list),
    append: async (rows: string[][]) => {
      s.appends++;
      await port.appendList(list, rows);
    },
  };
  return s;
}

/** A transport that "sends" by remembering, so the test can count what went out. */
class CountingTransport implements MailTransport {
  readonly name = "graph" as const;
  readonly done = "sent" as const;
  readonly mailbox = "me";
  readonly sent: string[] = [];
  async deliver(m: MailMessage, ctx: Parameters<MailTransport["deliver"]>[1]) {
    await ctx.record("drafted", { draftId: `d-${m.customer}`, internetMessageId: `<${m.customer}@x>` });
    await ctx.record("sending");
    this.sent.push(m.customer);
    return { status: "sent" as const };
  }
}

describe("the journal in a Cartera envíos sheet (Office adapter over the mock workbook)", () => {
  test("written as text rows under a header, read back at the start of the next batch: only what was not sent goes", async () => {
    const fake = new FakeExcel();
    fake.addSheet("Partidas").put("A1", [["Cuenta"], ["1"]]);
    const wb = new ExcelWorkbook({ lang: "es", run: fake.run });
    const clock = new VirtualClock();
    const messages = await Promise.all([0, 1, 2, 3, 4].map((i) => syntheticMessage(i)));
    const first = new CountingTransport();
    const s1 = store(wb, JOURNAL);
    const journal = await RowJournal.open(s1, labels);
    // Two of five go, then the run stops (a cancel): the sheet says how far each got.
    const controller = new AbortController();
    await sendBatch(messages, { transport: first, journal, clock, concurrency: 1, signal: controller.signal, onOutcome: (_o, done) => done === 2 && controller.abort() });
    expect(first.sent).toHaveLength(2);
    const sheet = fake.live().find((s) => s.name === "Cartera envíos")!;
    expect(sheet).toBeDefined();
    const rows = sheet.read("A1:O40").filter((r) => r.some((c) => c !== "" && c !== undefined && c !== null));
    expect(rows[0]).toEqual(LABELS_ES);
    // drafted, sending, sent for each of the two
    expect(rows.slice(1).map((r) => r[13])).toEqual(["drafted", "sending", "sent", "drafted", "sending", "sent"]);
    expect(fake.sheet("Cartera")!.read("A1:B40").some((r) => r[0] === listKey(JOURNAL) && r[1] === sheet.id)).toBe(true);
    // Text stays text: the period looks like a date and must not become one.
    expect(sheet.formatAt("E2")).toBe("@");

    // A new pane session (a new adapter, nothing cached) reads the sheet back.
    const wb2 = new ExcelWorkbook({ lang: "es", run: fake.run });
    const again = await RowJournal.open(store(wb2, JOURNAL), labels);
    expect(again.all().filter((e) => e.status === "sent").map((e) => e.customer)).toEqual(first.sent);
    const second = new CountingTransport();
    const outcomes = await sendBatch(messages, { transport: second, journal: again, clock });
    expect(outcomes.map((o) => o.status)).toEqual(["already", "already", "sent", "sent", "sent"]);
    expect(second.sent.sort()).toEqual(["C00002", "C00003", "C00004"]);
    // A third run sends nothing.
    const third = new CountingTransport();
    await sendBatch(messages, { transport: third, journal: await RowJournal.open(store(new ExcelWorkbook({ lang: "es", run: fake.run }), JOURNAL), labels), clock });
    expect(third.sent).toEqual([]);
  });

  test("a renamed journal sheet is still the journal; a user's own sheet of that name is left alone", async () => {
    const fake = new FakeExcel();
    const mine = fake.addSheet("Cartera envíos");
    mine.put("A1", [["Mis notas"]]);
    const wb = new ExcelWorkbook({ lang: "es", run: fake.run });
    const m = await syntheticMessage(1);
    const clock = new VirtualClock();
    const j = await RowJournal.open(store(wb, JOURNAL), labels);
    await j.record(journalEntryFor(m, new CountingTransport(), clock, "sent"));
    expect(mine.read("A1")[0][0]).toBe("Mis notas");
    expect(mine.usedBox()).toEqual({ row: 0, column: 0, rows: 1, columns: 1 });
    const ours = fake.live().find((s) => s.name === "Cartera envíos (2)")!;
    expect(ours.read("N2")[0][0]).toBe("sent");
    ours.name = "Envíos de octubre";
    const back = await RowJournal.open(store(new ExcelWorkbook({ lang: "es", run: fake.run }), JOURNAL), labels);
    expect(back.latest(m.key)?.status).toBe("sent");
  });

  test("steps recorded while a write is under way are written together, in order", async () => {
    const fake = new FakeExcel();
    const wb = new ExcelWorkbook({ lang: "es", run: fake.run });
    const s = store(wb, JOURNAL);
    const j = await RowJournal.open(s, labels);
    const clock = new VirtualClock();
    const ms = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => syntheticMessage(i)));
    await Promise.all(ms.map((m) => j.record(journalEntryFor(m, new CountingTransport(), clock, "drafted"))));
    expect(s.appends).toBe(2);
    const rows = await wb.readList(JOURNAL);
    expect(journalFromRows(rows, labels).map((e) => e.customer)).toEqual(ms.map((m) => m.customer));
  });

  test("text that looks like a formula is kept as text and read back exactly", async () => {
    const fake = new FakeExcel();
    const wb = new ExcelWorkbook({ lang: "es", run: fake.run });
    const list: ListSpec = { id: "t", name: "T", header: ["a", "b"] };
    await wb.appendList(list, [["=HYPERLINK(\"http://evil\")", "-5"]]);
    const sheet = fake.live().find((x) => x.name === "T")!;
    expect(sheet.read("A2:B2")[0]).toEqual(["'=HYPERLINK(\"http://evil\")", "'-5"]);
    expect((await wb.readList(list))[1]).toEqual(["=HYPERLINK(\"http://evil\")", "-5"]);
  });
});

describe("the journal in the browser session (standalone adapter)", () => {
  test("kept in sessionStorage: a reloaded page knows what was sent", async () => {
    const storage = new Map<string, string>();
    const session = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) };
    const port = new FileWorkbook({ save: () => undefined, session });
    const clock = new VirtualClock();
    const m = await syntheticMessage(3);
    const first = new CountingTransport();
    await sendBatch([m], { transport: first, journal: await RowJournal.open(store(port, JOURNAL), labels), clock });
    expect(JSON.parse(storage.get(LIST_STORAGE_PREFIX + "journal")!)[0]).toEqual(LABELS_ES);
    const reloaded = new FileWorkbook({ save: () => undefined, session });
    const second = new CountingTransport();
    const outcomes = await sendBatch([m], { transport: second, journal: await RowJournal.open(store(reloaded, JOURNAL), labels), clock });
    expect(outcomes[0].status).toBe("already");
    expect(second.sent).toEqual([]);
  });

  test("the dry run writes the outbox files, not the journal's sent", async () => {
    const clock = new VirtualClock();
    const outbox = new MemoryOutboxTransport("cobranza@materiales.com.mx", clock);
    const m = await syntheticMessage(4);
    const port = new FileWorkbook({ save: () => undefined });
    const outcomes = await sendBatch([m], { transport: outbox, journal: await RowJournal.open(store(port, JOURNAL), labels), clock });
    expect(outcomes[0].status).toBe("written");
    expect(outbox.files.map((f) => f.path)).toEqual([`${m.slug}/message.eml`, `${m.slug}/preview.html`, `${m.slug}/${m.attachments[0].name}`]);
  });
});

describe("Compromisos rows", () => {
  const minutes: Minutes = {
    id: "x",
    customer: "0001000128",
    customerName: "Constructora Ríos Ibáñez",
    date: dayFromCivil(2026, 11, 5),
    place: "León",
    lang: "es",
    attendees: [],
    topics: [],
    balance: null,
    to: ["a@b.mx"],
    agreements: [
      { description: "Pago de agosto", responsible: "María", dueDate: dayFromCivil(2026, 11, 15), amount: 5_000_000, currency: "MXN" },
      { description: "Nota de crédito", responsible: "Ana", dueDate: dayFromCivil(2026, 11, 10), amount: null, currency: "MXN" },
      { description: "Segundo pago", responsible: "María", dueDate: dayFromCivil(2026, 11, 30), amount: 7_500_050, currency: "MXN" },
    ],
  };

  test("an agreement with an amount and a date is a row, once; the key column is found by any header", () => {
    const now = new Date(Date.UTC(2026, 10, 6));
    const rows = newPromiseRows(minutes, now, new Set());
    expect(rows.map((r) => [r[5], r[7], r[8]])).toEqual([
      ["Pago de agosto", "2026-11-15", "50000.00"],
      ["Segundo pago", "2026-11-30", "75000.50"],
    ]);
    const stored = [["Registrado", "Clave", "Cliente"], ...rows.map((r) => r.slice(0, 3))];
    const known = promiseKeys(stored, { key: ["Clave"] });
    expect(newPromiseRows(minutes, now, known)).toEqual([]);
    expect(PROMISE_COLUMNS[1]).toBe("key");
  });
});
