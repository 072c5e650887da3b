import fs from "node:fs";
import path from "node:path";
import { clabeCheckDigit, clabeParts, isValidClabe } from "../../src/core/identifiers/clabe";
import { isValidRfc, rfcCheckDigit, rfcKind } from "../../src/core/identifiers/rfc";

describe("CLABE", () => {
  it("validates the check digit with weights 3, 7, 1", () => {
    // Banxico's published example CLABE.
    expect(isValidClabe("032180000118359719")).toBe(true);
    expect(clabeCheckDigit("03218000011835971")).toBe(9);
    expect(isValidClabe("032180000118359718")).toBe(false);
    expect(isValidClabe("032 180 00011835971 9")).toBe(true);
    expect(isValidClabe("032-180-00011835971-9")).toBe(true);
  });
  it("builds a valid BBVA (012) CLABE from its parts", () => {
    const first17 = "012" + "180" + "00123456789";
    const clabe = first17 + clabeCheckDigit(first17);
    expect(isValidClabe(clabe)).toBe(true);
    expect(clabeParts(clabe)).toEqual({ bank: "012", plaza: "180", account: "00123456789", check: clabe[17] });
  });
  it("rejects wrong lengths and non-digits", () => {
    expect(isValidClabe("03218000011835971")).toBe(false);
    expect(isValidClabe("0321800001183597190")).toBe(false);
    expect(isValidClabe("03218000011835971X")).toBe(false);
    expect(isValidClabe("")).toBe(false);
    expect(clabeCheckDigit("123")).toBeNull();
  });
});

describe("RFC", () => {
  it("accepts real RFCs of companies and individuals (check digit, date)", () => {
    // Walmart de México, BBVA México, Teléfonos de México; SAT's published test RFCs.
    for (const rfc of ["WMT970714R10", "BBA830831LJ2", "TME840315KT6", "EKU9003173C9", "COSC8001137NA", "GODE561231GR8", "CACX7605101P8"]) {
      expect([rfc, isValidRfc(rfc)]).toEqual([rfc, true]);
    }
    expect(rfcKind("WMT970714R10")).toBe("moral");
    expect(rfcKind("GODE561231GR8")).toBe("fisica");
  });
  it("accepts the RFCs on the CFDI samples in ../shared (issuer and receiver)", () => {
    const dir = path.resolve(__dirname, "../../../shared/samples/cfdi");
    const xml = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), "utf8")).join("\n");
    const seen = new Set([...xml.matchAll(/Rfc="([^"]+)"/g)].map((m) => m[1]));
    for (const rfc of ["EKU9003173C9", "COSC8001137NA"]) expect(seen.has(rfc)).toBe(true);
    expect(isValidRfc("EKU9003173C9") && isValidRfc("COSC8001137NA")).toBe(true);
  });
  it("accepts SAT's generic RFCs and lowercase or spaced input", () => {
    expect(isValidRfc("XAXX010101000")).toBe(true);
    expect(isValidRfc("XEXX010101000")).toBe(true);
    expect(isValidRfc(" wmt970714r10 ")).toBe(true);
    expect(isValidRfc("WMT-970714-R10")).toBe(true);
  });
  it("handles Ñ and & in the name part", () => {
    const body = "AÑO010101AB";
    expect(isValidRfc(body + rfcCheckDigit(body))).toBe(true);
    const amp = "M&S920101XY";
    expect(isValidRfc(amp + rfcCheckDigit(amp))).toBe(true);
  });
  it("rejects a wrong check digit, an impossible date and a bad shape", () => {
    expect(isValidRfc("WMT970714R11")).toBe(false);
    expect(isValidRfc("WMT971314R10")).toBe(false); // month 13
    expect(isValidRfc("AAAA010101AAA")).toBe(false); // check digit 0 expected
    expect(isValidRfc("WM970714R10")).toBe(false);
    expect(isValidRfc("")).toBe(false);
    const feb29 = "ABC010229X1";
    expect(isValidRfc(feb29 + rfcCheckDigit(feb29))).toBe(false); // 2001-02-29
    const leap = "ABC000229X1";
    expect(isValidRfc(leap + rfcCheckDigit(leap))).toBe(true); // 2000-02-29
  });
});
