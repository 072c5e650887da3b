import {
  addMonths,
  dateOrderEvidence,
  parseDateText,
  simpleDate,
  civilFromDay,
  dayFromCivil,
  dayFromSerial,
  formatDayFirst,
  formatIsoDate,
  parseDateCell,
  parseIsoDate,
  serialFromDay,
  weekday,
} from "../../src/core/dates";
import { seeded } from "./seeded";

const iso = (s: string) => parseIsoDate(s)!;

describe("civil days", () => {
  test("round-trip every day across four centuries, leap years included", () => {
    for (let d = dayFromCivil(1899, 12, 1); d < dayFromCivil(2300, 3, 1); d += 7) {
      const { y, m, d: dd } = civilFromDay(d);
      expect(dayFromCivil(y, m, dd)).toBe(d);
    }
    expect(formatIsoDate(dayFromCivil(2024, 2, 29))).toBe("2024-02-29");
    expect(formatIsoDate(dayFromCivil(2000, 2, 29))).toBe("2000-02-29");
    expect(dayFromCivil(1970, 1, 1)).toBe(0);
  });

  test("ISO parsing is strict", () => {
    expect(parseIsoDate("2026-10-31")).toBe(dayFromCivil(2026, 10, 31));
    expect(parseIsoDate("2026-02-29")).toBeNull();
    expect(parseIsoDate("31/10/2026")).toBeNull();
    expect(parseIsoDate("2026-1-5")).toBeNull();
  });

  test("weekday and month arithmetic", () => {
    expect(weekday(iso("2026-11-27"))).toBe(4); // a Friday
    expect(formatIsoDate(addMonths(iso("2026-01-31"), 1))).toBe("2026-02-28");
    expect(formatIsoDate(addMonths(iso("2024-01-31"), 1))).toBe("2024-02-29");
    expect(formatDayFirst(iso("2026-03-05"))).toBe("05/03/2026");
  });
});

describe("Excel serials", () => {
  test("1900 system, including Lotus' phantom 29 February 1900", () => {
    expect(formatIsoDate(dayFromSerial(1)!)).toBe("1900-01-01");
    expect(formatIsoDate(dayFromSerial(59)!)).toBe("1900-02-28");
    expect(dayFromSerial(60)).toBeNull();
    expect(formatIsoDate(dayFromSerial(61)!)).toBe("1900-03-01");
    expect(formatIsoDate(dayFromSerial(25569)!)).toBe("1970-01-01");
    expect(formatIsoDate(dayFromSerial(46326)!)).toBe("2026-10-31");
    expect(formatIsoDate(dayFromSerial(46326.75)!)).toBe("2026-10-31"); // time of day is dropped
    expect(dayFromSerial(0)).toBeNull();
    expect(dayFromSerial(-5)).toBeNull();
    expect(serialFromDay(iso("2026-10-31"))).toBe(46326);
    expect(serialFromDay(iso("1900-02-28"))).toBe(59);
    expect(serialFromDay(iso("1900-03-01"))).toBe(61);
  });

  test("1904 system", () => {
    expect(formatIsoDate(dayFromSerial(0, 1904)!)).toBe("1904-01-01");
    expect(formatIsoDate(dayFromSerial(44864, 1904)!)).toBe("2026-10-31");
    expect(serialFromDay(iso("2026-10-31"), 1904)).toBe(46326 - 1462);
    for (const s of [1, 100, 40000, 50000]) expect(serialFromDay(dayFromSerial(s, 1904)!, 1904)).toBe(s);
  });
});

describe("reading dates as users write them", () => {
  const ok = (v: unknown, system: 1900 | 1904 = 1900) => {
    const r = parseDateCell(v, system);
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    return formatIsoDate(r.day);
  };
  test.each([
    ["31.10.2026", "2026-10-31"],
    ["31/10/2026", "2026-10-31"],
    ["31-10-2026", "2026-10-31"],
    ["1.2.2026", "2026-02-01"],
    ["01/02/26", "2026-02-01"],
    ["2026-10-31", "2026-10-31"],
    ["2026/10/31", "2026-10-31"],
    ["2026-10-31T00:00:00", "2026-10-31"],
    ["31/10/2026 13:45:00", "2026-10-31"],
    ["20261031", "2026-10-31"],
    ["31-oct-2026", "2026-10-31"],
    ["5 ene 2026", "2026-01-05"],
    ["46326", "2026-10-31"],
  ])("%s", (text, expected) => expect(ok(text)).toBe(expected));

  test("numbers are serials, or SAP's yyyymmdd", () => {
    expect(ok(46326)).toBe("2026-10-31");
    expect(ok(44864, 1904)).toBe("2026-10-31");
    expect(ok(20261031)).toBe("2026-10-31");
  });

  test("day first, never month first", () => {
    const r = parseDateCell("10/31/2026");
    expect(r.ok).toBe(false);
    expect(ok("03/04/2026")).toBe("2026-04-03");
  });

  test("impossible dates are rejected with the reason", () => {
    const r = parseDateCell("31/02/2026");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.code).toBe("date.invalid");
    expect(parseDateCell("29.02.2025").ok).toBe(false);
    expect(parseDateCell("hola").ok).toBe(false);
    expect(parseDateCell(true).ok).toBe(false);
    expect(parseDateCell(60).ok).toBe(false);
  });

  test("a Date cell keeps its civil day in any time zone", () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ["America/Mexico_City", "America/Tijuana", "Asia/Tokyo", "UTC"]) {
        process.env.TZ = tz;
        // exceljs hands date cells over as UTC midnight of the date.
        expect(ok(new Date(Date.UTC(2026, 9, 31)))).toBe("2026-10-31");
        expect(formatIsoDate(parseIsoDate("2026-10-31")!)).toBe("2026-10-31");
        expect(ok("31/10/2026")).toBe("2026-10-31");
      }
    } finally {
      process.env.TZ = saved;
    }
  });
});

describe("dates in a column's order", () => {
  const read = (text: string, order: "dayFirst" | "monthFirst") => {
    const r = parseDateText(text, order);
    if (!r.ok) throw new Error(`${text}: ${JSON.stringify(r.problem)}`);
    return formatIsoDate(r.day);
  };

  test.each([
    ["2/13/2013", "2013-02-13"],
    ["10/31/2026", "2026-10-31"],
    ["10/31/2026 12:00:00 AM", "2026-10-31"],
    ["1/5/2026 0:00", "2026-01-05"],
    ["12/31/26", "2026-12-31"],
    ["03/04/2026", "2026-03-04"],
    ["10-31-2026", "2026-10-31"],
    ["2026-10-31", "2026-10-31"],
    ["31-oct-2026", "2026-10-31"],
    ["20261031", "2026-10-31"],
  ])("month first: %s", (text, expected) => expect(read(text, "monthFirst")).toBe(expected));

  test("day first stays the default and the rule", () => {
    expect(read("03/04/2026", "dayFirst")).toBe("2026-04-03");
    expect(read("13/02/2013", "dayFirst")).toBe("2013-02-13");
    expect(parseDateText("2/13/2013").ok).toBe(false);
    expect(parseDateCell("03/04/2026", 1900, "monthFirst")).toEqual({ ok: true, day: parseIsoDate("2026-03-04") });
  });

  test("a month-first reading that does not exist is rejected with the reason", () => {
    const r = parseDateText("13/02/2013", "monthFirst");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.code).toBe("date.invalid");
    expect(parseDateText("02/30/2026", "monthFirst").ok).toBe(false);
  });

  test("the fast path honours the order", () => {
    expect(formatIsoDate(simpleDate("10/31/2026", "monthFirst"))).toBe("2026-10-31");
    expect(simpleDate("10/31/2026")).toBeNaN();
    expect(formatIsoDate(simpleDate("03.04.2026", "monthFirst"))).toBe("2026-03-04");
    expect(formatIsoDate(simpleDate("2026-10-31", "monthFirst"))).toBe("2026-10-31");
  });

  test.each([
    ["13/02/2013", "dayFirst"],
    ["31.10.2026", "dayFirst"],
    ["2/13/2013", "monthFirst"],
    ["10/31/2026 12:00:00 AM", "monthFirst"],
    ["12/31/26", "monthFirst"],
    ["03/04/2026", "either"],
    ["1.2.26", "either"],
    ["05/05/2026", "neutral"],
    ["2026-10-31", "neutral"],
    ["20261031", "neutral"],
    ["31-oct-2026", "neutral"],
    ["31/02/2026", "neutral"],
    ["13/13/2026", "neutral"],
    ["hola", "neutral"],
    ["", "neutral"],
    ["1/2/345", "neutral"],
  ])("evidence of %p: %s", (text, expected) => expect(dateOrderEvidence(text)).toBe(expected));

  test("property: the evidence of a text agrees with how it parses in each order, for random text too", () => {
    const rnd = seeded(31);
    const wrong: unknown[] = [];
    const digits = "0123456789";
    for (let i = 0; i < 20000; i++) {
      let text: string;
      if (i % 2) {
        text = Array.from({ length: rnd.int(1, 14) }, () => rnd.pick([..."0123456789011223/.-/ :AMT"])).join("");
      } else {
        const sep = rnd.pick(["/", ".", "-"]);
        const part = (n: number) => Array.from({ length: n }, () => rnd.pick([...digits])).join("");
        text = `${part(rnd.int(1, 2))}${sep}${part(rnd.int(1, 2))}${sep}${part(rnd.pick([2, 4]))}${rnd.pick(["", " 0:00", " 12:00:00 AM", "T10:30"])}`;
      }
      const e = dateOrderEvidence(text);
      const d = parseDateText(text, "dayFirst");
      const m = parseDateText(text, "monthFirst");
      const agrees =
        e === "dayFirst" ? d.ok && !m.ok
        : e === "monthFirst" ? !d.ok && m.ok
        : e === "either" ? d.ok && m.ok && d.day !== m.day
        : (!d.ok && !m.ok) || (d.ok && m.ok && d.day === m.day);
      if (!agrees) wrong.push([text, e, d, m]);
    }
    expect(wrong).toEqual([]);
  });
});
