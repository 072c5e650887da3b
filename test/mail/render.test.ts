import { simpleParser } from "mailparser";
import { MEETING_KIND } from "../../src/core/tables/meeting";
import { kindConverter } from "../../src/core/tables/fields";
import { csvCell, csvLine, journalEntries, journalHeader, journalLine, parseCsv, type JournalEntry } from "../../src/mail/journal";
import { encodeHeaderText, toEml } from "../../src/mail/mime";
import { RatePacer } from "../../src/mail/pacing";
import { loadTemplateFiles } from "../../src/mail/templateFiles";
import { TemplateSet } from "../../src/mail/templates";
import { bytes, syntheticMessage, VirtualClock } from "./support";

describe("templates", () => {
  const shipped = loadTemplateFiles();
  test("every shipped template parses and its partials and helpers exist", () => {
    expect(() => new TemplateSet(shipped)).not.toThrow();
    expect(shipped.map((f) => f.name)).toEqual(expect.arrayContaining(["statement.es-MX.hbs", "statement.en.hbs", "statement.subject.es-MX.hbs", "minutes.es-MX.hbs", "partials/layout.hbs"]));
  });
  test("a missing partial is named with its file and line", () => {
    const files = [...shipped.filter((f) => f.name !== "partials/payment.hbs")];
    expect(() => new TemplateSet(files)).toThrow(/statement\.(en|es-MX)\.hbs, line \d+: the partial "payment" does not exist/);
  });
  test("a subject is one line whatever the data holds", () => {
    const set = new TemplateSet([{ name: "x.subject.es-MX.hbs", file: "x", text: "Estado {{customer.name}}" }]);
    expect(set.render("x", "es", "subject", { customer: { name: "A\r\nBcc: otro@x.mx" } })).toBe("Estado A Bcc: otro@x.mx");
  });
  test("HTML escapes, text does not", () => {
    const set = new TemplateSet([
      { name: "x.es-MX.hbs", file: "x", text: "<b>{{n}}</b>" },
      { name: "x.es-MX.txt.hbs", file: "y", text: "{{n}}" },
    ]);
    expect(set.render("x", "es", "html", { n: "<i>&" })).toBe("<b>&lt;i&gt;&amp;</b>");
    expect(set.render("x", "es", "text", { n: "<i>&" })).toBe("<i>&");
  });
});

describe("MIME", () => {
  test("non-ASCII subjects and file names survive a real parser; long bodies are wrapped", async () => {
    const m = await syntheticMessage(1, [{ name: "Conciliación año 2026.pdf", contentType: "application/pdf", content: bytes(100_000) }]);
    const subject = "Estado de cuenta · Ferretería Ñandú, S.A. de C.V. — saldo al 31/10/2026 con acentos áéíóú y más texto para doblar";
    const eml = toEml({ ...m, subject }, { from: "Cobranza <cobranza@empresa.mx>", date: new Date(Date.UTC(2026, 10, 2)), messageId: "<x@y>" });
    expect(eml.split("\r\n").every((l) => l.length <= 998)).toBe(true);
    const parsed = await simpleParser(eml);
    expect(parsed.subject).toBe(subject);
    expect(parsed.attachments[0].filename).toBe("Conciliación año 2026.pdf");
    expect(Buffer.from(parsed.attachments[0].content).equals(Buffer.from(bytes(100_000)))).toBe(true);
    expect(parsed.text).toBe(m.text);
    expect(encodeHeaderText("plain")).toBe("plain");
  });
});

describe("journal CSV", () => {
  test("cells Excel would take for a formula are quoted as text and read back exactly", () => {
    expect(csvCell("=HYPERLINK(\"x\")")).toBe("\"'=HYPERLINK(\"\"x\"\")\"");
    expect(csvCell("-500.25")).toBe("'-500.25");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(parseCsv(csvLine(["=1+1", "'ya", "a,b", "+52"]))).toEqual([["=1+1", "'ya", "a,b", "+52"]]);
  });
  test("a line torn by a crash is ignored; the last line of a key is its state", () => {
    const e = (status: JournalEntry["status"]) => ({ time: "t", key: "k1", kind: "statement", customer: "C", period: "p", template: "t", contentHash: "h", to: "a@b.mx", subject: "s", transport: "graph", mailbox: "me", draftId: "D", internetMessageId: "<i>", status, detail: "" }) as JournalEntry;
    const text = journalHeader() + journalLine(e("drafted")) + journalLine(e("sending")) + journalLine(e("sent")).slice(0, 20);
    expect(journalEntries(text).map((x) => x.status)).toEqual(["drafted", "sending"]);
  });
});

describe("pacing", () => {
  test("no more than N starts in any window, in order", async () => {
    const clock = new VirtualClock();
    const pacer = new RatePacer(3, clock, 1000);
    const at: number[] = [];
    await Promise.all(Array.from({ length: 10 }, () => pacer.acquire().then(() => at.push(clock.now() - Date.UTC(2026, 10, 2, 15)))));
    expect(at).toEqual([0, 0, 0, 1000, 1000, 1000, 2000, 2000, 2000, 3000]);
  });
});

describe("meeting kind", () => {
  const convert = kindConverter(MEETING_KIND);
  const ctx = { mapping: { entry: 0, name: 1, description: 2 }, headers: ["Tipo", "Nombre", "Descripción"], dateSystem: 1900 as const };
  test("entry types in either language; an unknown one is rejected with its value", () => {
    expect(convert(["Asistente", "Ana", ""], 5, ctx)).toMatchObject({ record: { entry: "attendee", name: "Ana" } });
    expect(convert(["Agreement", "", "Pay"], 6, ctx)).toMatchObject({ record: { entry: "agreement" } });
    expect(convert(["Pendiente", "", "x"], 7, ctx)).toEqual({ problems: [expect.objectContaining({ row: 7, column: "Tipo", value: "Pendiente", problem: { code: "meeting.entryUnknown", params: { value: "Pendiente" } } })] });
    expect(convert(["Tema", "", ""], 8, ctx)).toEqual({ problems: [expect.objectContaining({ column: "Descripción", problem: { code: "row.missing" } })] });
  });
});
