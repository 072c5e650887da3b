import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../src/core/errors";
import { LEDGER_SPEC, ledgerRow, type LedgerItem } from "../../src/core/tables/ledger";
import { DelimitedError, DelimitedSplitter, splitDelimited, type DelimitedFormat } from "../../src/io/delimited";
import { readTableFile } from "../../src/io/readTable";
import { readTableBytes } from "../../src/io/tableSource";
import { TextChunkDecoder } from "../../src/io/sniff";
import { cp1252, tempDir } from "../helpers/files";

const TAB: DelimitedFormat = { delimiter: "\t", quoting: false };
const CSV: DelimitedFormat = { delimiter: ",", quoting: true };

function split(pieces: string[], format: DelimitedFormat): { rows: [number, string[]][]; lines: number } {
  const rows: [number, string[]][] = [];
  const s = new DelimitedSplitter(format, (row, n) => {
    rows.push([n, row]);
    return true;
  });
  for (const p of pieces) s.write(p);
  const { lines } = s.end();
  return { rows, lines };
}

function delimitedError(f: () => unknown): DelimitedError {
  try {
    f();
  } catch (e) {
    if (e instanceof DelimitedError) return e;
    throw e;
  }
  throw new Error("expected a DelimitedError");
}

const dir = tempDir("delimited-");
const ledger = (r: LedgerItem[]) => (i: LedgerItem) => r.push(i);
const convert = (row: unknown[], n: number, ctx: Parameters<typeof ledgerRow>[2]) => ledgerRow(row, n, ctx, { defaultCurrency: "MXN" });

describe("line breaks", () => {
  const lines = ["Cuenta\tNº documento\tVencimiento neto\tImporte", "1\tA\t31.10.2026\t1.00", "", "2\tB\t31.10.2026\t2.00", "3\tC\t31.10.2026\t3.00"];

  test("CRLF, LF and lone CR, mixed in one text, each end one line wherever the pieces break", () => {
    const text = lines[0] + "\r\n" + lines[1] + "\n" + lines[2] + "\r" + lines[3] + "\r\n" + lines[4];
    const expected = lines.map((l, i) => [i + 1, l.split("\t")]);
    // Every way of cutting the text in two, the CR and LF of one break included.
    for (let cut = 0; cut <= text.length; cut++) {
      const { rows, lines: n } = split([text.slice(0, cut), text.slice(cut)], TAB);
      expect({ cut, rows }).toEqual({ cut, rows: expected });
      expect(n).toBe(5);
    }
    // One character at a time.
    expect(split([...text], TAB).rows).toEqual(expected);
  });

  test("a final line break ends the last line; it does not add a blank one", () => {
    expect(split(["a\tb\r\n"], TAB).rows).toEqual([[1, ["a", "b"]]]);
    expect(split(["a\tb\r"], TAB).rows).toEqual([[1, ["a", "b"]]]);
    expect(split(["a\tb\n\n"], TAB).rows).toEqual([[1, ["a", "b"]], [2, [""]]]);
  });

  test("an SAP export pasted after another with other line endings reads every line, numbered as an editor numbers them", async () => {
    const head = ["Partidas individuales de deudores", "", "Cuenta\tNº documento\tVencimiento neto\tImporte en moneda local\tMoneda local"];
    const items = Array.from({ length: 40 }, (_, i) => `000100${1000 + (i % 7)}\t18000${1000 + i}\t31.10.2026\t${i + 1},234.56\tMXN`);
    const text = head.join("\r\n") + "\r\n" + items.slice(0, 20).join("\r\n") + "\r\n" + items.slice(20).join("\n") + "\n";
    for (const bytes of [cp1252(text), cp1252(text.replace(/\r\n|\n/g, "\r"))]) {
      const records: LedgerItem[] = [];
      const { reader, info } = await readTableBytes(new Uint8Array(bytes), "pegado.txt", LEDGER_SPEC, convert, ledger(records));
      expect(records.map((r) => r.row)).toEqual(items.map((_, i) => i + 4));
      expect(records[39].amount).toBe(4023456);
      expect(reader.stats).toMatchObject({ headerRow: 3, dataRows: 40, blankRows: 0 });
      expect(info).toMatchObject({ rows: 43, lines: 43 });
    }
  });

  test("streamed from disk: a CRLF split across the 1 MB read boundary is one break", async () => {
    const header = "Cuenta\tNº documento\tVencimiento neto\tImporte\r\n";
    const line = (i: number) => `0001000123\tF-${String(i).padStart(6, "0")}\t31.10.2026\t10.00`;
    let text = header;
    let i = 0;
    // Grow to just short of 1 MiB, then place a CRLF across the boundary.
    while (text.length + line(i).length + 2 < (1 << 20) - 100) text += line(i++) + "\r\n";
    const pad = (1 << 20) - text.length - 1 - line(i).length;
    text += line(i++) + " ".repeat(pad) + "\r\n";
    expect(text.length).toBe((1 << 20) + 1); // the CR is the last byte of the first read, the LF the first of the next
    for (let k = 0; k < 1000; k++) text += line(i++) + (k % 2 ? "\n" : "\r\n");
    const p = join(dir, "boundary.txt");
    writeFileSync(p, cp1252(text));
    const records: LedgerItem[] = [];
    const { reader, info } = await readTableFile(p, LEDGER_SPEC, convert, ledger(records));
    expect(records.length).toBe(i);
    expect(records[i - 1].row).toBe(i + 1);
    expect(reader.stats.blankRows).toBe(0);
    expect(info.lines).toBe(i + 1);
  });
});

describe("quotes", () => {
  test("unquoted formats keep quotes as text, and NUL bytes are only characters", () => {
    const { rows } = split(['0001\tTUBO 1/2" CÉDULA 40\t"1,234.56"\r\n', "0002\t\u0000PISO\u0000\t5.00\r\n", '0003\t"abierta\t7.00\r\n'], TAB);
    expect(rows).toEqual([
      [1, ["0001", 'TUBO 1/2" CÉDULA 40', "1,234.56"]],
      [2, ["0002", "\u0000PISO\u0000", "5.00"]],
      [3, ["0003", '"abierta', "7.00"]],
    ]);
  });

  test("a quoted field may hold line breaks and doubled quotes, as Excel writes them", () => {
    const { rows, lines } = split(['Cliente,Texto,Importe\r\n1,"Factura ""A""\r\nsegunda línea",10\r\n2,"x, y",20\r\n'], CSV);
    expect(rows).toEqual([
      [1, ["Cliente", "Texto", "Importe"]],
      [2, ["1", 'Factura "A"\nsegunda línea', "10"]],
      [3, ["2", "x, y", "20"]],
    ]);
    expect(lines).toBe(4);
  });

  test("a field that only starts with a quote is text up to the next delimiter, on its own line", () => {
    expect(split(['1,"ESPECIAL" PISO,5\n2,"a" ,6\n'], CSV).rows).toEqual([
      [1, ["1", '"ESPECIAL" PISO', "5"]],
      [2, ["2", "a", "6"]],
    ]);
  });

  test("a quote that never closes, or a stray quote inside a field spanning lines, is an error naming the lines", () => {
    const unclosed = delimitedError(() => split(['Cliente,Importe\n1,10\n2,"PISO CERÁMICO,20\n3,30\n4,40\n'], CSV));
    expect([unclosed.reason, unclosed.line]).toEqual(["unclosedQuote", 3]);
    const stray = delimitedError(() => split(['Cliente,Texto,Importe\n1,"PISO\n2,"TUBO",30\n'], CSV));
    expect([stray.reason, stray.line, stray.detail]).toEqual(["strayQuote", 3, 2]);
  });

  test("through the readers: one InputError in the user's language", async () => {
    const csv = 'Cuenta,Nº documento,Vencimiento neto,Importe\n1,A,31/10/2026,10\n1,"B,31/10/2026,12\n1,C,31/10/2026,5\n';
    let error: unknown;
    try {
      await readTableBytes(new TextEncoder().encode(csv), "abierta.csv", LEDGER_SPEC, convert, () => {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problem).toEqual({ code: "text.unclosedQuote", params: { file: "abierta.csv", line: 3 } });
    expect((error as InputError).describe("es")).toMatch(/^abierta\.csv, línea 3: un campo abre comillas/);
  });
});

describe("limits", () => {
  test("a line without end stops at the record limit instead of taking the memory", async () => {
    const s = new DelimitedSplitter(TAB, () => true);
    const piece = "x".repeat(1 << 20);
    const e = delimitedError(() => {
      for (let i = 0; i < 100; i++) s.write(piece);
    });
    expect([e.reason, e.line]).toEqual(["recordTooLong", 1]);
  });

  test("a 1 MB cell is read whole", () => {
    const big = "PISO ".repeat(220_000);
    expect(split([`1\t${big}\t3\n2\tb\t4\n`], TAB).rows.map(([n, r]) => [n, r.length, r[1].length])).toEqual([
      [1, 3, big.length],
      [2, 3, 1],
    ]);
  });

  test("pieces from an async iterable and from a web stream, stopping early", async () => {
    async function* pieces() {
      yield "a\tb\nc";
      yield "\td\ne\tf\n";
    }
    const seen: string[][] = [];
    expect(await splitDelimited(pieces(), TAB, (row) => seen.push(row) < 2)).toMatchObject({ records: 2, stopped: true });
    expect(seen).toEqual([["a", "b"], ["c", "d"]]);
    const stream = new ReadableStream<string>({
      start(c) {
        c.enqueue("a\tb\r");
        c.enqueue("\nc\td");
        c.close();
      },
    });
    const rows: string[][] = [];
    expect(await splitDelimited(stream, TAB, (row) => rows.push(row) > 0)).toMatchObject({ records: 2, lines: 2 });
    expect(rows).toEqual([["a", "b"], ["c", "d"]]);
  });
});

describe("TextChunkDecoder", () => {
  test("a Windows-1252 letter at the end of a chunk, where UTF-8 would begin a character, is not lost", () => {
    // ASCII so far: undecided. "Ã" (0xC3) ends the chunk, a space begins the next.
    const d = new TextChunkDecoder("utf-8", true);
    const a = d.decode(new Uint8Array([0x50, 0x45, 0xc3]));
    const b = d.decode(new Uint8Array([0x20, 0x41, 0xd1, 0x4f]));
    expect(a + b + d.end()).toBe("PEÃ AÑO");
    expect(d.encoding).toBe("windows-1252");
  });

  test("a file whose very last byte is a Windows-1252 letter, small or past the 64 KB head", async () => {
    const header = "Cuenta\tNº documento\tVencimiento neto\tImporte\tTexto\r\n";
    const row = (i: number) => `0001000123\tF-${i}\t31.10.2026\t10.00\tPAGO`;
    for (const [name, count, head] of [["small.txt", 3, header], ["large.txt", 3000, header.replace("Nº", "No")]] as const) {
      const text = head + Array.from({ length: count }, (_, i) => row(i)).join("\r\n") + " Ñ";
      const p = join(dir, name);
      writeFileSync(p, cp1252(text));
      const records: LedgerItem[] = [];
      const { info } = await readTableFile(p, LEDGER_SPEC, convert, ledger(records));
      expect(info.encoding).toBe("windows-1252");
      expect(records[count - 1].text).toBe("PAGO Ñ");
      const fromBytes: LedgerItem[] = [];
      await readTableBytes(new Uint8Array(cp1252(text)), name, LEDGER_SPEC, convert, ledger(fromBytes));
      expect(fromBytes[count - 1].text).toBe("PAGO Ñ");
    }
  });

  test("control characters do not settle an undecided file as UTF-8", () => {
    const d = new TextChunkDecoder("utf-8", true);
    const a = d.decode(new Uint8Array([0x41, 0x00, 0x0c, 0x42]));
    const b = d.decode(new Uint8Array([0x20, 0xf1]));
    expect(a + b + d.end()).toBe("A\u0000\u000cB ñ");
    expect(d.encoding).toBe("windows-1252");
  });
});
