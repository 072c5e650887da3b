import { decideDateOrder, decideDecimalSeparator } from "../../src/core/columnFormats";
import { addMonths, civilFromDay, dayFromCivil, formatIsoDate, parseDateText, type DateOrder } from "../../src/core/dates";
import { describe as say } from "../../src/core/messages";
import { parseAmount, unitsText } from "../../src/core/money";
import { seeded } from "./seeded";

const pad = (n: number) => String(n).padStart(2, "0");
/** Days of documents in the months before a month end, as an FBL5N export lists them. */
function documentDays(seed: number, n: number): number[] {
  const rnd = seeded(seed);
  const end = dayFromCivil(2026, 10, 31);
  return Array.from({ length: n }, () => end - rnd.int(0, 400));
}

describe("date order per column", () => {
  test("SAP ISO and yyyy-mm-dd columns say nothing about order and need nothing", () => {
    const d = decideDateOrder(documentDays(1, 500).map(formatIsoDate));
    expect(d).toEqual({ order: "dayFirst", decided: false, counts: { dayFirstOnly: 0, monthFirstOnly: 0, either: 0 } });
  });

  test("an SAP dd.mm.yyyy export is day first, decided by its days past the 12th", () => {
    const column = documentDays(2, 2000).map((day) => {
      const { y, m, d } = civilFromDay(day);
      return `${pad(d)}.${pad(m)}.${y}`;
    });
    const d = decideDateOrder(["Fecha doc.", ...column, "", "*", 46326]);
    expect(d.order).toBe("dayFirst");
    if (d.order === "dayFirst") expect(d.decided).toBe(true);
    expect(d.counts.monthFirstOnly).toBe(0);
    expect(d.counts.dayFirstOnly).toBeGreaterThan(1000);
  });

  test("a US export from Excel in en-US (m/d/yyyy h:mm AM) is month first, with a warning naming a value", () => {
    const column = ["1/5/2026 12:00:00 AM", "3/4/2026 12:00:00 AM", "10/31/2026 12:00:00 AM", "2/13/2026 12:00:00 AM", "11/2/2026 12:00:00 AM"];
    const d = decideDateOrder(column);
    expect(d.order).toBe("monthFirst");
    if (d.order !== "monthFirst") return;
    expect(d.counts).toEqual({ dayFirstOnly: 0, monthFirstOnly: 2, either: 3 });
    expect(d.warning.params).toMatchObject({ example: "10/31/2026 12:00:00 AM", reading: "2026-10-31" });
    expect(say(d.warning, "es")).toBe('las fechas de la columna están escritas mes primero: "10/31/2026 12:00:00 AM" solo puede ser 2026-10-31; se leen como mm/dd/aaaa');
    expect(say(d.warning, "en")).toBe('the column\'s dates are written month first: "10/31/2026 12:00:00 AM" can only be 2026-10-31; they are read as mm/dd/yyyy');
    expect(column.map((t) => parseDateText(t, d.order)).map((r) => (r.ok ? formatIsoDate(r.day) : r.problem.code))).toEqual([
      "2026-01-05", "2026-03-04", "2026-10-31", "2026-02-13", "2026-11-02",
    ]);
  });

  test("a column with both kinds is rejected, naming one of each", () => {
    const d = decideDateOrder(["05/03/2026", "13/02/2013", "2/13/2013", "28/02/2026"]);
    expect(d.order).toBe("mixed");
    if (d.order !== "mixed") return;
    expect(d.counts).toEqual({ dayFirstOnly: 2, monthFirstOnly: 1, either: 1 });
    expect(say(d.problem, "es")).toBe(
      'la columna mezcla fechas día primero ("13/02/2013" = 2013-02-13) y mes primero ("2/13/2013" = 2013-02-13); no se puede leer sin adivinar: corrija el formato de las fechas en el origen',
    );
  });

  test("when no value decides, day first is the rule and the ambiguity is noted", () => {
    const d = decideDateOrder(["03/04/2026", "05/05/2026", "01/12/2026", "2026-10-31"]);
    expect(d.order).toBe("dayFirst");
    if (d.order !== "dayFirst") return;
    expect(d.decided).toBe(false);
    expect(d.note).toEqual({ code: "date.order.assumed", params: { example: "03/04/2026", reading: "2026-04-03", count: 2 } });
    expect(say(d.note!, "es")).toBe('2 fechas como "03/04/2026" pueden leerse día o mes primero y ninguna otra de la columna lo aclara: se leen día primero (2026-04-03)');
  });

  test("2-digit years decide like 4-digit ones", () => {
    expect(decideDateOrder(["31/10/26", "01/11/26"]).order).toBe("dayFirst");
    expect(decideDateOrder(["10/31/26", "11/01/26"]).order).toBe("monthFirst");
  });

  test("property: a generated column in either order is decided and reads back, whenever a day passes the 12th", () => {
    const rnd = seeded(99);
    const orders: DateOrder[] = ["dayFirst", "monthFirst"];
    const wrong: unknown[] = [];
    for (let run = 0; run < 200; run++) {
      const order = rnd.pick(orders);
      const sep = rnd.pick(["/", ".", "-"]);
      const twoDigitYear = rnd.next() < 0.2;
      const start = addMonths(dayFromCivil(2020, 1, 1), rnd.int(0, 80));
      const days = Array.from({ length: rnd.int(1, 40) }, () => start + rnd.int(0, 90));
      const texts = days.map((day) => {
        const { y, m, d } = civilFromDay(day);
        const year = twoDigitYear ? pad(y % 100) : String(y);
        return order === "dayFirst" ? `${pad(d)}${sep}${pad(m)}${sep}${year}` : `${m}${sep}${d}${sep}${year}`;
      });
      const decisive = days.some((day) => civilFromDay(day).d > 12);
      const d = decideDateOrder(texts);
      const expected = decisive ? order : "dayFirst";
      if (d.order !== expected) wrong.push({ texts, order, got: d.order });
      if (d.order === "mixed") continue;
      texts.forEach((t, i) => {
        const r = parseDateText(t, d.order);
        const want = decisive || civilFromDay(days[i]).d === civilFromDay(days[i]).m || order === "dayFirst";
        if (want && (!r.ok || r.day !== days[i])) wrong.push({ t, order, got: r });
      });
    }
    expect(wrong).toEqual([]);
  });
});

describe("decimal separator per column", () => {
  test("an SAP export (1,234.56-) uses a decimal point, and its 1,000 is a thousand", () => {
    const column = ["1,234.56-", "1,000", "500.00", "12,000.50", 1500, ""];
    const d = decideDecimalSeparator(column);
    expect(d).toEqual({ decimal: ".", counts: { point: 3, comma: 0, ambiguous: 1 }, reason: { code: "amount.decimal.point", params: { example: "1,234.56-" } } });
    const r = parseAmount("1,000", { decimal: d.decimal });
    expect(r).toEqual({ ok: true, value: 100000 });
  });

  test("a European-style export (1.234,56) uses a comma, and its 1.000 is a thousand", () => {
    const d = decideDecimalSeparator(["1.234,56", "1.000", "-250,00", "3.500.000"]);
    expect(d.decimal).toBe(",");
    expect(parseAmount("1.000", { decimal: d.decimal })).toEqual({ ok: true, value: 100000 });
    expect(say((d as { reason: Parameters<typeof say>[0] }).reason, "es")).toBe('la columna usa coma decimal (p. ej. "1.234,56")');
  });

  test("a column of nothing but 1.000-like values stays undecided, and each of them is refused", () => {
    const column = ["1.000", "2.500", "10.000", "100"];
    const d = decideDecimalSeparator(column);
    expect(d).toMatchObject({ decimal: "undecided", why: "allAmbiguous", counts: { point: 0, comma: 0, ambiguous: 3 } });
    if (d.decimal !== "undecided" || d.why === "noSeparators") return;
    expect(say(d.reason, "es")).toBe('3 importes como "1.000" pueden leerse con punto o con coma decimal y ningún otro de la columna lo aclara: esos importes se rechazan');
    const r = parseAmount("2.500", { decimal: d.decimal });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(say(r.problem, "es")).toBe('"2.500" puede ser 2500 o 2.5; la columna no aclara si el separador decimal es punto o coma');
    expect(parseAmount("100", { decimal: d.decimal })).toEqual({ ok: true, value: 10000 });
  });

  test("a column with both kinds is a conflict; each clear value still reads its own way", () => {
    const d = decideDecimalSeparator(["1,234.56", "7,50", "1.000"]);
    expect(d).toMatchObject({ decimal: "undecided", why: "conflict", reason: { code: "amount.decimal.conflict", params: { point: "1,234.56", comma: "7,50" } } });
    expect(parseAmount("7,50", { decimal: d.decimal })).toEqual({ ok: true, value: 750 });
    expect(parseAmount("1.000", { decimal: d.decimal }).ok).toBe(false);
  });

  test("numbers and plain digits need no decision", () => {
    expect(decideDecimalSeparator([100, 250.5, "300", "", null])).toEqual({ decimal: "undecided", why: "noSeparators", counts: { point: 0, comma: 0, ambiguous: 0 } });
  });

  test("property: a generated column in either style is decided once it holds one unambiguous value", () => {
    const rnd = seeded(2026);
    const wrong: unknown[] = [];
    for (let run = 0; run < 300; run++) {
      const decimal = rnd.pick([".", ","] as const);
      const thousands = decimal === "." ? "," : ".";
      const withCents = rnd.next() < 0.7;
      const values = Array.from({ length: rnd.int(1, 30) }, () => {
        const v = rnd.int(-99999999, 99999999) * (withCents ? 1 : 100);
        return v;
      });
      const texts = values.map((v) => {
        const abs = Math.abs(v);
        const int = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
        const body = withCents ? `${int}${decimal}${String(abs % 100).padStart(2, "0")}` : int;
        return v < 0 ? `${body}-` : body;
      });
      const d = decideDecimalSeparator(texts);
      const clear = texts.some((t) => /[.,]/.test(t) && !/^\d{1,3}[.,]\d{3}-?$/.test(t));
      if (clear && d.decimal !== decimal) wrong.push({ texts, decimal, got: d });
      if (!clear && d.decimal !== "undecided") wrong.push({ texts, decimal, got: d });
      if (d.decimal !== decimal) continue;
      texts.forEach((t, i) => {
        const r = parseAmount(t, { decimal: d.decimal });
        if (!r.ok || r.value !== values[i]) wrong.push({ t, want: unitsText(values[i]), got: r });
      });
    }
    expect(wrong).toEqual([]);
  });
});
