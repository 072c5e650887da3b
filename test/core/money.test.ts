import { centavosFromNumber, excelMoneyFormat, formatMoney, parseAmount, toUnits } from "../../src/core/money";

const c = (v: unknown) => {
  const r = parseAmount(v);
  if (!r.ok) throw new Error(`${String(v)}: ${JSON.stringify(r.problem)}`);
  return r.value;
};

describe("amounts", () => {
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
    ["1,234", 123400],
    ["1,234,567", 123456700],
    ["0.005", 1],
    ["0.004", 0],
    ["1.005", 101],
    ["2.675", 268],
    ["-2.675", -268],
    ["  12  ", 1200],
    ["+15.10", 1510],
    ["999,999,999,999.99", 99999999999999],
  ])("%s → %d centavos", (text, expected) => expect(c(text)).toBe(expected));

  test("numbers round half away from zero on their decimal form", () => {
    expect(c(1234.56)).toBe(123456);
    expect(c(1.005)).toBe(101);
    expect(c(-1.005)).toBe(-101);
    expect(c(0.1 + 0.2)).toBe(30);
    expect(c(19.999)).toBe(2000);
    expect(c(-0)).toBe(0);
    expect(centavosFromNumber(Infinity)).toBeNull();
  });

  test.each(["abc", "1,23,4.00", "12,3x4.00", "", "-", "1.2.3,4.5", "$"])("rejects %p", (text) => {
    expect(parseAmount(text).ok).toBe(false);
  });

  test("sums of centavos are exact", () => {
    let total = 0;
    for (let i = 0; i < 100000; i++) total += c("0.10");
    expect(total).toBe(1000000);
    expect(toUnits(total)).toBe(10000);
    expect(toUnits(123456789)).toBe(1234567.89);
    expect(toUnits(-5)).toBe(-0.05);
  });

  test("formatting", () => {
    expect(formatMoney(123456789)).toBe("$1,234,567.89");
    expect(formatMoney(-5)).toBe("-$0.05");
    expect(formatMoney(100, "USD")).toBe("US$1.00");
    expect(formatMoney(100, "GBP")).toBe("1.00 GBP");
    expect(excelMoneyFormat("MXN")).toContain('"$"#,##0.00');
  });
});
