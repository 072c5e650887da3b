import { describe as say } from "../../src/core/messages";
import { dayFromCivil, formatIsoDate } from "../../src/core/dates";
import type { Fraction } from "../../src/core/rates";
import { TableReader } from "../../src/core/tables/table";
import { TERMS_SPEC, termsRow } from "../../src/core/tables/terms";
import {
  discountAt,
  lookupTerms,
  netDueDate,
  netDueFromBaseline,
  parseDays,
  parsePaymentTerms,
  parsePercent,
  parseTermDays,
  TermsTable,
  type PaymentTerms,
  type TermsRecord,
} from "../../src/core/terms";

const pct = (f: Fraction) => Number(f.num * 1000n / f.den) / 10; // 3/100 → 3, 3/200 → 1.5
const shape = (t: PaymentTerms | null) => (t === null ? null : { net: t.netDays, discounts: t.discounts.map((d) => [pct(d.percent), d.days]) });

describe("terms spelled out in text", () => {
  test.each([
    ["2/10N30", 30, [[2, 10]]],
    ["2/10 neto 30", 30, [[2, 10]]],
    ["2/10 net 30", 30, [[2, 10]]],
    ["2/10, n/30", 30, [[2, 10]]],
    ["2% 10 Neto 30 días", 30, [[2, 10]]],
    ["3/14 2/30 N45", 45, [[3, 14], [2, 30]]],
    ["1.5/10 NET 30", 30, [[1.5, 10]]],
    ["1,5/15 neto 45", 45, [[1.5, 15]]],
    ["2/30 N30", 30, [[2, 30]]],
    ["NT30", 30, []],
    ["N30", 30, []],
    ["NT030", 30, []],
    ["Z030", 30, []],
    ["Z045", 45, []],
    ["30 días", 30, []],
    ["30 dias", 30, []],
    ["30 DD", 30, []],
    ["30D", 30, []],
    ["Neto 30", 30, []],
    ["Net 60 days", 60, []],
    ["crédito a 30 días", 30, []],
    ["30 días naturales", 30, []],
    ["  45  ", 45, []],
    ["contado", 0, []],
    ["De Contado", 0, []],
    ["PAGO DE CONTADO", 0, []],
    ["Inmediato", 0, []],
    ["due on receipt", 0, []],
  ])("%s → net %d", (text, net, discounts) => {
    expect(shape(parsePaymentTerms(text))).toEqual({ net, discounts });
  });

  test.each([
    ["ZB01", "a key: its meaning is SAP's or the installation's, not the text's"],
    ["ZB02", "an installation's own key"],
    ["PP30", "a key that only looks like days"],
    ["0002", "an SAP standard key, not 2 days"],
    ["30 días hábiles", "business days are not calendar days"],
    ["2/10", "a discount without a net period"],
    ["5/30 N10", "a discount after the net date"],
    ["2/10 3/5 N30", "tiers out of order"],
    ["2/10/2026", "a date"],
    ["pronto", "words"],
    ["", "nothing"],
    ["99999", "more than ten years"],
  ])("%s is not read (%s)", (text) => {
    expect(parsePaymentTerms(text)).toBeNull();
  });

  test("percentages stay exact fractions", () => {
    const t = parsePaymentTerms("2.125/10 N30")!;
    expect(t.discounts[0].percent).toEqual({ num: 17n, den: 800n });
  });
});

describe("looking terms up: the user's table, then SAP's documented keys, then the text", () => {
  test("SAP's ZB01 and 0001", () => {
    const zb01 = lookupTerms("ZB01");
    expect(zb01.ok && zb01.source).toBe("sap");
    expect(zb01.ok && shape(zb01.terms)).toEqual({ net: 45, discounts: [[3, 14], [2, 30]] });
    expect(parseTermDays("zb01")).toBe(45);
    expect(parseTermDays("0001")).toBe(0);
  });

  test("unknown keys are problems naming them, never 0 or 1 day", () => {
    const r = lookupTerms("ZB02");
    expect(r).toEqual({ ok: false, problem: { code: "terms.unknownKey", params: { value: "ZB02" } } });
    if (!r.ok) {
      expect(say(r.problem, "es")).toBe('"ZB02" no es una condición de pago conocida: defínala en la tabla de condiciones de pago o escriba los días (30, neto 30, 2/10 neto 30)');
      expect(say(r.problem, "en")).toBe('"ZB02" is not known payment terms: define it in the terms table or write the days (30, net 30, 2/10 net 30)');
    }
    expect(parseTermDays("ZB02")).toBeNull();
    expect(parseTermDays("0002")).toBeNull();
  });

  test("numbers are days", () => {
    expect(parseTermDays(30)).toBe(30);
    expect(parseTermDays(0)).toBe(0);
    expect(parseTermDays(30.5)).toBeNull();
    expect(parseTermDays(-5)).toBeNull();
    expect(lookupTerms(-5)).toMatchObject({ ok: false, problem: { code: "terms.days" } });
    expect(lookupTerms(true)).toMatchObject({ ok: false, problem: { code: "terms.unknownKey" } });
  });

  test("the user's table comes first, even over a key the text would read", () => {
    const table = new TermsTable([
      { key: "zb02", netDays: 60, discounts: [{ percent: { num: 1n, den: 100n }, days: 15 }] },
      { key: "Z030", netDays: 35, discounts: [] },
    ]);
    expect(table.size).toBe(2);
    const zb02 = table.lookup(" ZB02 ");
    expect(zb02.ok && zb02.source).toBe("table");
    expect(zb02.ok && shape(zb02.terms)).toEqual({ net: 60, discounts: [[1, 15]] });
    const z030 = lookupTerms("Z030", table);
    expect(z030.ok && [z030.source, z030.terms.netDays]).toEqual(["table", 35]);
    const text = table.lookup("2/10 N30");
    expect(text.ok && [text.source, text.terms.netDays]).toEqual(["text", 30]);
    expect(table.lookup("ZB01").ok).toBe(true);
  });

  test("a key defined two different ways is a problem on every use, not one of the two", () => {
    const table = new TermsTable([
      { key: "Z100", netDays: 30, discounts: [], row: 2 },
      { key: "Z100", netDays: 30, discounts: [], row: 3 },
      { key: "Z200", netDays: 30, discounts: [], row: 4 },
      { key: "z200", netDays: 45, discounts: [], row: 9 },
    ]);
    expect(table.lookup("Z100").ok).toBe(true);
    const r = table.lookup("Z200");
    expect(r).toEqual({ ok: false, problem: { code: "terms.duplicateKey", params: { value: "Z200", rows: "4, 9" } } });
    if (!r.ok) expect(say(r.problem, "es")).toBe('la condición de pago "Z200" está definida de dos formas distintas en la tabla de condiciones (filas 4, 9); deje una sola');
    expect(table.conflicts).toEqual([{ key: "Z200", rows: [4, 9] }]);
  });
});

describe("due dates from the baseline, as SAP computes NETDT", () => {
  const base = dayFromCivil(2026, 10, 1);
  const iso = (d: number) => formatIsoDate(d);
  test("ZBD3T when set, else ZBD2T, else ZBD1T; 0 means not set", () => {
    expect(iso(netDueFromBaseline(base, 14, 30, 45))).toBe("2026-11-15");
    expect(iso(netDueFromBaseline(base, 10, 30, 0))).toBe("2026-10-31");
    expect(iso(netDueFromBaseline(base, 10, 30))).toBe("2026-10-31");
    expect(iso(netDueFromBaseline(base, 30, null, null))).toBe("2026-10-31");
    expect(iso(netDueFromBaseline(base, 30, 0, 0))).toBe("2026-10-31");
    expect(iso(netDueFromBaseline(base))).toBe("2026-10-01");
    expect(iso(netDueFromBaseline(base, 0, 0, 0))).toBe("2026-10-01");
  });
  test("terms age by their net period; discounts by tier", () => {
    const zb01 = parseTermsOrThrow("ZB01");
    expect(iso(netDueDate(base, zb01))).toBe("2026-11-15");
    expect(discountAt(zb01, 0)).toEqual({ num: 3n, den: 100n });
    expect(discountAt(zb01, 14)).toEqual({ num: 3n, den: 100n });
    expect(discountAt(zb01, 15)).toEqual({ num: 1n, den: 50n });
    expect(discountAt(zb01, 30)).toEqual({ num: 1n, den: 50n });
    expect(discountAt(zb01, 31)).toBeNull();
  });
});

function parseTermsOrThrow(key: string): PaymentTerms {
  const r = lookupTerms(key);
  if (!r.ok) throw new Error(key);
  return r.terms;
}

describe("cells of a terms table", () => {
  test("days", () => {
    expect(parseDays(30)).toEqual({ ok: true, days: 30 });
    expect(parseDays("030")).toEqual({ ok: true, days: 30 });
    expect(parseDays("30 días")).toEqual({ ok: true, days: 30 });
    expect(parseDays(30.5).ok).toBe(false);
    expect(parseDays("treinta").ok).toBe(false);
    expect(parseDays(4000)).toMatchObject({ ok: false, problem: { code: "terms.days", params: { max: 3650 } } });
  });
  test("percentages in points, exact; a number below 1 is ambiguous", () => {
    expect(parsePercent(3)).toEqual({ ok: true, percent: { num: 3n, den: 100n } });
    expect(parsePercent("3.000")).toEqual({ ok: true, percent: { num: 3n, den: 100n } });
    expect(parsePercent("3,000")).toEqual({ ok: true, percent: { num: 3n, den: 100n } });
    expect(parsePercent("2,5 %")).toEqual({ ok: true, percent: { num: 1n, den: 40n } });
    expect(parsePercent(2.125)).toEqual({ ok: true, percent: { num: 17n, den: 800n } });
    expect(parsePercent(0)).toEqual({ ok: true, percent: { num: 0n, den: 1n } });
    expect(parsePercent(100).ok).toBe(false);
    expect(parsePercent(2.1234).ok).toBe(false);
    expect(parsePercent("mucho").ok).toBe(false);
    const amb = parsePercent(0.03);
    expect(amb).toEqual({ ok: false, problem: { code: "terms.percentAmbiguous", params: { value: "0.03", asPoints: "0.03", asPercentFormat: "3" } } });
    if (!amb.ok) expect(say(amb.problem, "es")).toBe("0.03 puede ser 0.03 % o, en una celda con formato de porcentaje, 3 %; escriba el porcentaje con su signo, p. ej. 3%");
  });
});

describe("TERMS_SPEC: a --terms file read like any other table", () => {
  function read(rows: unknown[][]) {
    const records: TermsRecord[] = [];
    const reader = new TableReader<TermsRecord>(TERMS_SPEC, termsRow, (r) => records.push(r), { dateSystem: 1900 });
    rows.forEach((r, i) => reader.push(r, i + 1));
    reader.finish("condiciones.xlsx");
    return { records, rejected: reader.rejected, stats: reader.stats };
  }

  test("Spanish headings below a title, with discounts and contado", () => {
    const { records, rejected, stats } = read([
      ["Condiciones de pago — Constructora del Bajío"],
      [],
      ["Clave", "Descripción", "Días netos", "% descuento 1", "Días descuento 1", "% descuento 2", "Días descuento 2"],
      ["ZB02", "2 % a 10 días, neto 30", 30, 2, 10, "", ""],
      ["ZC45", "3 % 14 días, 2 % 30 días, neto 45", "45", "3.000", "14", "2", "30"],
      ["CONT", "Contado", 0, "", "", "", ""],
      ["", "", "", "", "", "", ""],
      ["Z060", "Neto 60", 60, "", "", "", ""],
    ]);
    expect(rejected).toEqual([]);
    expect(stats).toMatchObject({ headerRow: 3, dataRows: 4, blankRows: 1 });
    expect(records.map((r) => [r.key, r.row, shape(r)])).toEqual([
      ["ZB02", 4, { net: 30, discounts: [[2, 10]] }],
      ["ZC45", 5, { net: 45, discounts: [[3, 14], [2, 30]] }],
      ["CONT", 6, { net: 0, discounts: [] }],
      ["Z060", 8, { net: 60, discounts: [] }],
    ]);
    expect(records[0].description).toBe("2 % a 10 días, neto 30");
    const table = new TermsTable(records);
    const r = table.lookup("zc45");
    expect(r.ok && shape(r.terms)).toEqual({ net: 45, discounts: [[3, 14], [2, 30]] });
  });

  test("SAP's own field names (BSEG ZBD1T/ZBD1P/ZBD2T/ZBD2P/ZBD3T): the net is the last period set", () => {
    const { records, rejected } = read([
      ["ZTERM", "ZBD1T", "ZBD1P", "ZBD2T", "ZBD2P", "ZBD3T"],
      ["ZB01", "14", "3.000", "30", "2.000", "45"],
      ["Z030", "30", "0.000", "0", "0.000", "0"],
      ["ZP10", "10", "2.000", "30", "0.000", "0"],
      ["0001", "0", "0.000", "0", "0.000", "0"],
    ]);
    expect(rejected).toEqual([]);
    expect(records.map((r) => [r.key, shape(r)])).toEqual([
      ["ZB01", { net: 45, discounts: [[3, 14], [2, 30]] }],
      ["Z030", { net: 30, discounts: [] }],
      ["ZP10", { net: 30, discounts: [[2, 10]] }],
      ["0001", { net: 0, discounts: [] }],
    ]);
  });

  test("English headings", () => {
    const { records } = read([
      ["Terms of Payment", "Net days", "Discount 1 %", "Discount 1 days"],
      ["N45", 45, "1.5%", 15],
    ]);
    expect(records.map(shape)).toEqual([{ net: 45, discounts: [[1.5, 15]] }]);
  });

  test("bad rows are rejected with row, column, value and reason; the rest is kept", () => {
    const { records, rejected } = read([
      ["Clave", "Días netos", "% descuento 1", "Días descuento 1", "% descuento 2", "Días descuento 2"],
      ["A1", 30, 0.03, 10, "", ""],
      ["A2", 30, 2, "", "", ""],
      ["A3", 30, 2, 45, "", ""],
      ["A4", 45, 3, 30, 2, 14],
      ["A5", "", "", "", "", ""],
      ["A6", "treinta", "", "", "", ""],
      ["A7", 30, "", "", "", ""],
    ]);
    expect(records.map((r) => r.key)).toEqual(["A7"]);
    expect(rejected.map((r) => [r.row, r.column, r.value, r.problem.code])).toEqual([
      [2, "% descuento 1", "0.03", "terms.percentAmbiguous"],
      [3, "% descuento 1", "2", "terms.discountIncomplete"],
      [4, "Días descuento 1", "45", "terms.periodAfterNet"],
      [5, "Días descuento 2", "14", "terms.discountOrder"],
      [6, "Días netos", "", "terms.noNetDays"],
      [7, "Días netos", "treinta", "terms.days"],
    ]);
    expect(say(rejected[2].problem, "es")).toBe("un plazo de 45 días no puede pasar de los 30 días netos");
    expect(say(rejected[3].problem, "en")).toBe("discount 2 (14 days) must end after discount 1 (30 days)");
  });
});
