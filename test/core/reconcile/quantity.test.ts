import { formatQuantity, normalizeUnit, parseQuantity, quantityUnits, thousandthsFromNumber } from "../../../src/core/reconcile/quantity";

const q = (v: unknown) => {
  const p = parseQuantity(v);
  return p.ok ? p.value : p.problem.code;
};

describe("quantities in thousandths", () => {
  test("text as plants and SAP write it", () => {
    expect(q("7.5")).toBe(7500);
    expect(q("7")).toBe(7000);
    expect(q(" 1,234.500 ")).toBe(1234500);
    expect(q("7,5")).toBe(7500); // decimal comma
    expect(q("1.234,5")).toBe(1234500);
    expect(q("7.500-")).toBe(-7500); // SAP puts the sign last
    expect(q("-0.125")).toBe(-125);
    expect(q("(2)")).toBe(-2000);
    expect(q("0")).toBe(0);
    expect(q("-0")).toBe(0);
    // A single comma before three digits groups thousands, as amounts do.
    expect(q("1,500")).toBe(1500000);
    expect(q("1.234.567")).toBe(1234567000);
  });

  test("more than three decimals round half away from zero", () => {
    expect(q("7.0005")).toBe(7001);
    expect(q("7.0004")).toBe(7000);
    expect(q("-7.0005")).toBe(-7001);
  });

  test("numbers, without float noise", () => {
    expect(q(7.5)).toBe(7500);
    expect(q(0.1 + 0.2)).toBe(300);
    expect(q(1.0005)).toBe(1001); // 1.0005 is 1.000499999… in binary
    expect(thousandthsFromNumber(Number.NaN)).toBeNull();
    expect(thousandthsFromNumber(1e15)).toBeNull();
  });

  test("what is not a quantity is refused, never read as zero", () => {
    for (const bad of ["abc", "7.5 m3", "1,23,4", "", "--1", "1.2.3,4,5"]) expect(q(bad)).toBe("quantity.unrecognized");
    expect(q(true)).toBe("quantity.unrecognized");
  });

  test("sums stay exact", () => {
    let t = 0;
    for (let i = 0; i < 10; i++) t += q("0.1") as number;
    expect(t).toBe(1000);
    expect(quantityUnits(7500)).toBe(7.5);
    expect(quantityUnits(1)).toBe(0.001);
  });

  test("format", () => {
    expect(formatQuantity(7500)).toBe("7.5");
    expect(formatQuantity(8000)).toBe("8");
    expect(formatQuantity(1234125)).toBe("1,234.125");
    expect(formatQuantity(-125)).toBe("-0.125");
  });

  test("units compare across spellings", () => {
    expect(normalizeUnit("m³")).toBe("M3");
    expect(normalizeUnit("M3")).toBe("M3");
    expect(normalizeUnit("MTQ")).toBe("M3");
    expect(normalizeUnit("Ton")).toBe("T");
    expect(normalizeUnit("PZA")).toBe(normalizeUnit("pieza"));
    expect(normalizeUnit("m3")).not.toBe(normalizeUnit("t"));
    expect(normalizeUnit("ZZZ")).toBe("ZZZ");
  });
});
