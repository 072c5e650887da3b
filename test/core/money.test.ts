import { describe as say } from "../../src/core/messages";
import {
  addExact,
  CentavosSum,
  centavosFromNumber,
  decimalEvidence,
  excelMoneyFormat,
  formatMoney,
  MAX_AMOUNT_MINOR,
  minorUnits,
  parseAmount,
  simpleAmount,
  sumCentavos,
  toUnits,
  unitsOf,
  unitsText,
  type AmountOptions,
} from "../../src/core/money";
import { seeded } from "./seeded";

const c = (v: unknown, options?: AmountOptions) => {
  const r = parseAmount(v, options);
  if (!r.ok) throw new Error(`${String(v)}: ${JSON.stringify(r.problem)}`);
  return r.value;
};
const problem = (v: unknown, options?: AmountOptions) => {
  const r = parseAmount(v, options);
  if (r.ok) throw new Error(`${String(v)} parsed as ${r.value}`);
  return r.problem;
};

describe("amounts whose text says how to read them", () => {
  test.each([
    ["1,234.56", 123456],
    ["1,234.56-", -123456],
    ["-1,234.56", -123456],
    ["(1,234.56)", -123456],
    ["$1,234.56", 123456],
    ["-$1,234.56", -123456],
    ["$ 1,234.56 MXN", 123456],
    ["1.234,56", 123456],
    ["1.234.567,89-", -123456789],
    ["1234,5", 123450],
    ["1,234,567", 123456700],
    ["1.234.567", 123456700],
    ["0.500", 50],
    [".50", 50],
    ["1234.500", 123450],
    ["  12  ", 1200],
    ["+15.10", 1510],
    ["999,999,999,999.99", 99999999999999],
    ["9,999,999,999,999.99", 999999999999999],
  ])("%s → %d centavos, whatever the column", (text, expected) => {
    expect(c(text)).toBe(expected);
  });

  test.each(["abc", "1,23,4.00", "12,3x4.00", "", "-", "1.2.3,4.5", "$", "(1,234.56-)", "--5", "1,234.56.7", "1234.567,00"])("rejects %p", (text) => {
    expect(parseAmount(text).ok).toBe(false);
  });
});

describe("1.000 and 1,000 are the column's to decide", () => {
  test("without a decision they are problems naming both readings", () => {
    expect(problem("1.000")).toEqual({ code: "amount.ambiguous", params: { value: "1.000", asThousands: "1000", asDecimal: "1" } });
    expect(problem("12,345").params).toMatchObject({ asThousands: "12345", asDecimal: "12.345" });
    expect(problem("-1,500").params).toMatchObject({ asThousands: "1500", asDecimal: "1.5" });
    expect(problem("$1,000 MXN").code).toBe("amount.ambiguous");
    expect(problem("1.000-").code).toBe("amount.ambiguous");
    expect(say(problem("1.000"), "es")).toBe('"1.000" puede ser 1000 o 1; la columna no aclara si el separador decimal es punto o coma');
    expect(say(problem("1,000"), "en")).toBe('"1,000" may be 1000 or 1; the column does not say whether the decimal separator is a point or a comma');
  });

  test("a decimal point column reads them as thousands or as decimals accordingly", () => {
    const dot = { decimal: "." } as const;
    expect(c("1,000", dot)).toBe(100000);
    expect(c("-1,000", dot)).toBe(-100000);
    expect(c("1.000", dot)).toBe(100); // zeros past the centavos change nothing
    expect(problem("12.345", dot).code).toBe("amount.tooManyDecimals");
    expect(problem("1.234,56", dot)).toEqual({ code: "amount.decimalMismatch", params: { value: "1.234,56", found: ",", decimal: "." } });
    expect(problem("1.000.000", dot).code).toBe("amount.decimalMismatch");
    expect(c("1,234.56-", dot)).toBe(-123456);
  });

  test("a decimal comma column swaps them", () => {
    const comma = { decimal: "," } as const;
    expect(c("1.000", comma)).toBe(100000);
    expect(c("1,000", comma)).toBe(100);
    expect(c("1.234,56-", comma)).toBe(-123456);
    expect(c("1.234.567", comma)).toBe(123456700);
    expect(c("1,5", comma)).toBe(150);
    expect(problem("1,234.56", comma).code).toBe("amount.decimalMismatch");
    expect(say(problem("1,234.56", comma), "es")).toBe('"1,234.56" usa "." como separador decimal, pero la columna usa ","');
  });

  test("what each text says about its column", () => {
    expect(decimalEvidence("1,234.56")).toBe(".");
    expect(decimalEvidence("1,000,000")).toBe(".");
    expect(decimalEvidence("1.5")).toBe(".");
    expect(decimalEvidence("0.500")).toBe(".");
    expect(decimalEvidence("1234.567")).toBe(".");
    expect(decimalEvidence("1.234,56")).toBe(",");
    expect(decimalEvidence("1.000.000")).toBe(",");
    expect(decimalEvidence("12,5")).toBe(",");
    expect(decimalEvidence("1.000")).toBe("ambiguous");
    expect(decimalEvidence("999,999")).toBe("ambiguous");
    expect(decimalEvidence("1234")).toBe("none");
    expect(decimalEvidence("doce")).toBe("invalid");
  });
});

describe("the fast path reads only what is unambiguous", () => {
  test("SAP's forms", () => {
    expect(simpleAmount("1,234.56-")).toBe(-123456);
    expect(simpleAmount("-1,234.56")).toBe(-123456);
    expect(simpleAmount("1234.5")).toBe(123450);
    expect(simpleAmount("1,000,000")).toBe(100000000);
    expect(simpleAmount("1,000.00")).toBe(100000);
  });
  test("ambiguous text is left to parseAmount unless the column decided", () => {
    expect(simpleAmount("1,000")).toBeNaN();
    expect(simpleAmount("1,000", ".")).toBe(100000);
    expect(simpleAmount("1.234,56-", ",")).toBe(-123456);
    expect(simpleAmount("1.234,56-", ".")).toBeNaN();
    expect(simpleAmount("1,234.56", ",")).toBeNaN();
    expect(simpleAmount("1.000")).toBeNaN();
  });
  test("past the maximum it gives up, and parseAmount says why", () => {
    expect(simpleAmount("9,999,999,999,999.99")).toBe(999999999999999);
    expect(simpleAmount("10,000,000,000,000.00")).toBeNaN();
    expect(problem("10,000,000,000,000.00").code).toBe("amount.tooLarge");
  });
});

describe("more decimals than the currency has are refused, not rounded", () => {
  test("text", () => {
    expect(problem("0.001")).toEqual({ code: "amount.tooManyDecimals", params: { value: "0.001", currency: "MXN", digits: 2 } });
    expect(problem("1.005").code).toBe("amount.ambiguous");
    expect(problem("1.005", { decimal: "." }).code).toBe("amount.tooManyDecimals");
    expect(problem("1.0051").code).toBe("amount.tooManyDecimals");
    expect(problem("2,675", { decimal: "," }).code).toBe("amount.tooManyDecimals");
    expect(say(problem("0.001"), "es")).toBe('"0.001" tiene más decimales de los que admite MXN (2); no se redondea');
    expect(c("2.670", { decimal: "." })).toBe(267);
  });

  test("numbers: Excel's binary noise is rounded away, real decimals are not", () => {
    expect(c(1234.56)).toBe(123456);
    expect(c(0.1 + 0.2)).toBe(30);
    expect(c(100 * 1.16)).toBe(11600); // 115.99999999999999
    expect(c(1234.56 * 3)).toBe(370368); // 3703.6800000000003
    expect(c(-0)).toBe(0);
    expect(c(12345678.91)).toBe(1234567891);
    expect(c(9999999999999.99)).toBe(999999999999999);
    expect(problem(1.005)).toEqual({ code: "amount.tooManyDecimals", params: { value: "1.005", currency: "MXN", digits: 2 } });
    expect(problem(0.001).code).toBe("amount.tooManyDecimals");
    expect(problem(19.999).code).toBe("amount.tooManyDecimals");
    expect(problem(1234.56 * 1.16).code).toBe("amount.tooManyDecimals"); // 1432.0896
    expect(problem(1e-7).code).toBe("amount.tooManyDecimals");
    expect(centavosFromNumber(1.005)).toBeNull();
    expect(centavosFromNumber(Infinity)).toBeNull();
    expect(centavosFromNumber(NaN)).toBeNull();
  });

  test("each currency has its own minor unit (ISO 4217)", () => {
    expect([minorUnits("MXN"), minorUnits("usd"), minorUnits("EUR"), minorUnits("JPY"), minorUnits("CLP"), minorUnits("KWD"), minorUnits("BHD")]).toEqual([2, 2, 2, 0, 0, 3, 3]);
    expect(minorUnits()).toBe(2);
    expect(c("1,234", { currency: "JPY", decimal: "." })).toBe(1234);
    expect(c("1,234.00", { currency: "JPY" })).toBe(1234);
    expect(problem("1,234.50", { currency: "JPY" })).toMatchObject({ code: "amount.tooManyDecimals", params: { currency: "JPY", digits: 0 } });
    expect(c(1500, { currency: "CLP" })).toBe(1500);
    expect(problem(1500.5, { currency: "CLP" }).code).toBe("amount.tooManyDecimals");
    expect(c("1.234", { currency: "KWD", decimal: "." })).toBe(1234);
    expect(c("12.345-", { currency: "KWD", decimal: "." })).toBe(-12345);
    expect(c(0.125, { currency: "BHD" })).toBe(125);
    expect(problem("0.0005", { currency: "KWD" }).code).toBe("amount.tooManyDecimals");
    expect(unitsOf(1234, 3)).toBe(1.234);
    expect(unitsOf(1234, 0)).toBe(1234);
  });
});

describe("amounts past 10^15 minor units are refused", () => {
  test("text and numbers", () => {
    expect(MAX_AMOUNT_MINOR).toBe(1e15);
    const p = problem("10,000,000,000,000.00");
    expect(p).toEqual({ code: "amount.tooLarge", params: { value: "10,000,000,000,000.00", max: "9,999,999,999,999.99" } });
    expect(say(p, "es")).toBe('"10,000,000,000,000.00" es un importe demasiado grande (el máximo es 9,999,999,999,999.99)');
    expect(problem("999,999,999,999,999.99").code).toBe("amount.tooLarge");
    expect(problem("-99999999999999999999").code).toBe("amount.tooLarge");
    expect(problem(1e13).code).toBe("amount.tooLarge");
    expect(problem(1e300).code).toBe("amount.tooLarge");
    expect(c(-9999999999999.99)).toBe(-999999999999999);
    expect(problem("1,000,000,000,000,000", { currency: "JPY", decimal: "." }).params).toMatchObject({ max: "999,999,999,999,999" });
    expect(problem("10,000,000,000,000", { currency: "KWD", decimal: "." }).params).toMatchObject({ max: "999,999,999,999.999" });
  });
});

describe("exact totals", () => {
  test("plain doubles lose centavos past 2^53; the BigInt accumulator does not", () => {
    const max = 999999999999999; // 9,999,999,999,999.99, the largest amount there is
    const items = [...Array(10).fill(max), ...Array(10).fill(1)];
    let naive = 0;
    for (const x of items) naive += x;
    const exact = 10n * 999999999999999n + 10n;
    expect(BigInt(naive)).not.toBe(exact);
    expect(sumCentavos(items)).toBe(exact);
    expect(sumCentavos(Float64Array.from(items))).toBe(exact);
    const sum = new CentavosSum();
    for (const x of items) sum.add(x);
    expect(sum.total).toBe(exact);
    expect(sum.toNumber()).toBeNull();
    expect(formatMoney(sum.total)).toBe("$100,000,000,000,000.00");
    expect(unitsText(sum.total + 3n)).toBe("100000000000000.03");
  });

  test("a total that goes past 2^53 and comes back is still exact, and a number again", () => {
    const sum = new CentavosSum();
    for (let i = 0; i < 10; i++) sum.add(999999999999999);
    for (let i = 0; i < 10; i++) sum.add(-999999999999999);
    sum.add(7);
    expect(sum.total).toBe(7n);
    expect(sum.toNumber()).toBe(7);
  });

  test("addExact says when a sum stops being exact", () => {
    expect(addExact(0.1 * 0 + 10, 20)).toBe(30);
    expect(addExact(Number.MAX_SAFE_INTEGER - 1, 1)).toBe(Number.MAX_SAFE_INTEGER);
    expect(addExact(Number.MAX_SAFE_INTEGER, 1)).toBeNull();
    expect(addExact(-Number.MAX_SAFE_INTEGER, -2)).toBeNull();
  });

  test("a seeded loop: random amounts sum exactly, however they are grouped", () => {
    const rnd = seeded(20261031);
    const values: number[] = [];
    let expected = 0n;
    for (let i = 0; i < 20000; i++) {
      const v = rnd.int(-999999999999999, 999999999999999);
      values.push(v);
      expected += BigInt(v);
    }
    expect(sumCentavos(values)).toBe(expected);
    expect(sumCentavos([...values].reverse())).toBe(expected);
  });

  test("sums of small amounts stay plain numbers", () => {
    let total = 0;
    for (let i = 0; i < 100000; i++) total += c("0.10");
    expect(total).toBe(1000000);
    expect(toUnits(total)).toBe(10000);
    expect(toUnits(123456789)).toBe(1234567.89);
    expect(toUnits(-5)).toBe(-0.05);
    expect([100, 250].map(toUnits)).toEqual([1, 2.5]);
  });
});

describe("formatting", () => {
  test("centavos by default, other minor units on request", () => {
    expect(formatMoney(123456789)).toBe("$1,234,567.89");
    expect(formatMoney(-5)).toBe("-$0.05");
    expect(formatMoney(100, "USD")).toBe("US$1.00");
    expect(formatMoney(100, "GBP")).toBe("1.00 GBP");
    expect(formatMoney(123456, "JPY", 0)).toBe("123,456 JPY");
    expect(formatMoney(-1234, "KWD", 3)).toBe("-1.234 KWD");
    expect(formatMoney(0)).toBe("$0.00");
    expect(excelMoneyFormat("MXN")).toContain('"$"#,##0.00');
    expect(excelMoneyFormat("JPY", 0)).toBe('#,##0 "JPY";[Red]-#,##0 "JPY"');
    expect(excelMoneyFormat("KWD", 3)).toContain("#,##0.000");
    expect(unitsText(-5)).toBe("-0.05");
    expect(unitsText(1234, 0)).toBe("1234");
  });
});

describe("property: what SAP, banks and people write reads back exactly", () => {
  const group = (digits: string, sep: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const units = (v: number) => String(Math.floor(Math.abs(v) / 100));
  const cents = (v: number) => String(Math.abs(v) % 100).padStart(2, "0");
  const styles: { name: string; decimal: "." | ","; write: (c: number) => string }[] = [
    { name: "SAP list (sign last)", decimal: ".", write: (v) => `${group(units(v), ",")}.${cents(v)}${v < 0 ? "-" : ""}` },
    { name: "Excel en-US", decimal: ".", write: (v) => `${v < 0 ? "-" : ""}$${group(units(v), ",")}.${cents(v)}` },
    { name: "bank, parentheses, no grouping", decimal: ".", write: (v) => (v < 0 ? `(${unitsText(-v)})` : unitsText(v)) },
    { name: "decimal comma, sign last", decimal: ",", write: (v) => `${group(units(v), ".")},${cents(v)}${v < 0 ? "-" : ""}` },
    { name: "whole pesos with thousands only", decimal: ".", write: (v) => `${v < 0 ? "-" : ""}${group(units(v), ",")}` },
  ];
  /** Random centavos of 1 to 15 digits, either sign. */
  const amount = (rnd: ReturnType<typeof seeded>) => {
    const digits = rnd.int(1, 15);
    return rnd.int(-(10 ** digits) + 1, 10 ** digits - 1);
  };
  test.each(styles)("$name", ({ name, decimal, write }) => {
    const rnd = seeded(name.length);
    const wrong: unknown[] = [];
    for (let i = 0; i < 5000; i++) {
      let v = amount(rnd);
      if (name.startsWith("whole")) v -= v % 100;
      const text = write(v);
      const decided = parseAmount(text, { decimal });
      if (!decided.ok || decided.value !== v) wrong.push([text, v, decided]);
      // Text that is not ambiguous reads the same with no decision at all.
      const alone = parseAmount(text);
      if (decimalEvidence(text) !== "ambiguous" && (!alone.ok || alone.value !== v)) wrong.push([text, v, alone]);
      if (decimalEvidence(text) === "ambiguous" && (alone.ok || alone.problem.code !== "amount.ambiguous")) wrong.push([text, alone]);
    }
    expect(wrong).toEqual([]);
  });

  test("what a text says about its separator agrees with how it parses, for random junk too", () => {
    const rnd = seeded(5);
    const alphabet = "0123456789012345678901234567890123456789.,.,.,-$ ()+M";
    const wrong: unknown[] = [];
    for (let i = 0; i < 30000; i++) {
      const text = Array.from({ length: rnd.int(1, 12) }, () => rnd.pick([...alphabet])).join("");
      const e = decimalEvidence(text);
      const dot = parseAmount(text, { decimal: "." });
      const comma = parseAmount(text, { decimal: "," });
      const alone = parseAmount(text);
      const code = (r: ReturnType<typeof parseAmount>) => (r.ok ? "ok" : r.problem.code);
      const agrees =
        e === "invalid" ? [dot, comma, alone].every((r) => code(r) === "amount.unrecognized")
        : e === "none" ? JSON.stringify(dot) === JSON.stringify(comma) && JSON.stringify(dot) === JSON.stringify(alone)
        : e === "ambiguous" ? code(alone) === "amount.ambiguous" && code(dot) !== "amount.decimalMismatch" && code(comma) !== "amount.decimalMismatch"
        : e === "." ? code(comma) === "amount.decimalMismatch" && JSON.stringify(dot) === JSON.stringify(alone)
        : code(dot) === "amount.decimalMismatch" && JSON.stringify(comma) === JSON.stringify(alone);
      if (!agrees) wrong.push([text, e, code(dot), code(comma), code(alone)]);
    }
    expect(wrong).toEqual([]);
  });

  test("a number cell holding c / 100 (or c / 1000) gives back c, for every size up to the maximum", () => {
    const rnd = seeded(42);
    const wrong: unknown[] = [];
    for (let i = 0; i < 20000; i++) {
      const v = amount(rnd);
      if (centavosFromNumber(v / 100) !== v) wrong.push([v, v / 100]);
      if (centavosFromNumber(v / 1000, 3) !== v) wrong.push([v, v / 1000]);
    }
    expect(wrong).toEqual([]);
  });

  test("a number cell with a third decimal is always refused", () => {
    const rnd = seeded(43);
    const wrong: unknown[] = [];
    for (let i = 0; i < 5000; i++) {
      const v = rnd.int(-99999999, 99999999) * 10 + rnd.int(1, 9); // thousandths, last digit ≠ 0
      if (centavosFromNumber(v / 1000) !== null) wrong.push(v / 1000);
    }
    expect(wrong).toEqual([]);
  });
});
