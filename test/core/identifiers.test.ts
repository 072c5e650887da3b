import fs from "node:fs";
import path from "node:path";
import { BANKS, BANKS_AS_OF, bankByCode } from "../../src/core/identifiers/banks";
import { checkClabe, clabeCheckDigit, clabeParts, isValidClabe, type ClabeCheck } from "../../src/core/identifiers/clabe";
import { checkRfc, FORBIDDEN_WORDS, isValidRfc, rfcCheckDigit, rfcKind, type RfcCheck } from "../../src/core/identifiers/rfc";
import { describe as describeProblem } from "../../src/core/messages";

/** A CLABE with a correct check digit from its first 17 digits. */
function clabe(first17: string): string {
  const d = clabeCheckDigit(first17);
  if (d === null) throw new Error(`bad test CLABE ${first17}`);
  return first17 + d;
}

const problemOf = (r: ClabeCheck | RfcCheck): string => (r.ok ? "ok" : r.problem.code);

describe("the SPEI catalogue", () => {
  it("has the participants' 3-digit codes, their SPEI codes and Banxico's short names", () => {
    expect(BANKS.size).toBe(98);
    for (const [code, bank] of BANKS) {
      expect(bank.code).toBe(code);
      expect(code).toMatch(/^\d{3}$/);
      // The SPEI code ends with the CLABE code (40012 → 012), except Banxico's own 2001 → 001.
      expect([code, bank.spei.endsWith(code) || (code === "001" && bank.spei === "2001")]).toEqual([code, true]);
      expect(bank.name).toBe(bank.name.toUpperCase());
      expect(bank.name.trim()).toBe(bank.name);
      expect(bank.name.length).toBeGreaterThan(1);
    }
    expect(new Set([...BANKS.values()].map((b) => b.spei)).size).toBe(BANKS.size);
    expect(BANKS_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
  it("knows the banks customers pay from", () => {
    const names = Object.fromEntries(["002", "012", "014", "021", "044", "072", "127", "137", "638", "646", "722"].map((c) => [c, bankByCode(c)?.name]));
    expect(names).toEqual({
      "002": "BANAMEX",
      "012": "BBVA MEXICO",
      "014": "SANTANDER",
      "021": "HSBC",
      "044": "SCOTIABANK",
      "072": "BANORTE",
      "127": "AZTECA",
      "137": "BANCOPPEL",
      "638": "NU MEXICO",
      "646": "STP",
      "722": "MERCADO PAGO W",
    });
    expect(bankByCode("012")?.spei).toBe("40012");
    expect(bankByCode("032")).toBeUndefined(); // IXE Banco's old code: no longer in SPEI
    expect(bankByCode("999")).toBeUndefined();
  });
});

describe("CLABE", () => {
  it("computes the check digit with weights 3, 7, 1", () => {
    // Banxico's long-published example CLABE (bank 032, no longer a SPEI participant).
    expect(clabeCheckDigit("03218000011835971")).toBe(9);
    // The `clabe` package's tests (cuenca-mx/clabe-python tests/test_clabe.py, tests/test_types.py)
    // and README, and clabe-validator's README (center-key/clabe-validator).
    expect(clabeCheckDigit("00200000000000000")).toBe(8);
    expect(clabeCheckDigit("72312345668266085")).toBe(4);
    expect(clabeCheckDigit("72301012345678901")).toBe(9);
    expect(clabeCheckDigit("00201007777777777")).toBe(1);
    expect(clabeCheckDigit("123")).toBeNull();
    expect(clabeCheckDigit("0321800001183597X")).toBeNull();
  });
  it("accepts well-formed CLABEs of SPEI participants, with spaces or hyphens between the groups", () => {
    for (const c of ["723123456682660854", "723010123456789019", "002010077777777771", "002 010 07777777777 1", "002-010-07777777777-1", " 723010123456789019 "]) {
      expect([c, problemOf(checkClabe(c))]).toEqual([c, "ok"]);
    }
    const r = checkClabe("002 010 07777777777 1");
    expect(r.ok && [r.clabe, r.bank.name]).toEqual(["002010077777777771", "BANAMEX"]);
    expect(clabeParts("723010123456789019")).toEqual({ bank: "723", plaza: "010", account: "12345678901", check: "9" });
  });
  it("builds a valid BBVA (012) CLABE from its parts", () => {
    const c = clabe("012" + "180" + "00123456789");
    expect(isValidClabe(c)).toBe(true);
    expect(clabeParts(c)).toEqual({ bank: "012", plaza: "180", account: "00123456789", check: c[17] });
  });
  it("round-trips every bank of the catalogue, and refuses a wrong check digit for each", () => {
    for (const bank of BANKS.values()) {
      const c = clabe(bank.code + "180" + "04287576301");
      const r = checkClabe(c);
      expect([bank.code, r.ok && r.bank]).toEqual([bank.code, bank]);
      const wrong = c.slice(0, 17) + ((Number(c[17]) + 1) % 10);
      expect([bank.code, problemOf(checkClabe(wrong))]).toEqual([bank.code, "clabe.checkDigit"]);
    }
  });
  it("refuses every 3-digit bank code outside the catalogue, even with a correct check digit", () => {
    let unknown = 0;
    for (let n = 0; n < 1000; n++) {
      const code = String(n).padStart(3, "0");
      if (BANKS.has(code)) continue;
      unknown++;
      expect([code, problemOf(checkClabe(clabe(code + "180" + "00011835971")))]).toEqual([code, "clabe.bankUnknown"]);
    }
    expect(unknown).toBe(1000 - BANKS.size);
    // Banxico's example: its check digit is right, its bank is not in SPEI today.
    expect(problemOf(checkClabe("032180000118359719"))).toBe("clabe.bankUnknown");
    expect(isValidClabe("032180000118359719")).toBe(false);
  });
  it("refuses plaza 000 (the `clabe` package's own test CLABE 002000000000000008 has it)", () => {
    expect(problemOf(checkClabe("002000000000000008"))).toBe("clabe.plaza");
    expect(problemOf(checkClabe("0".repeat(18)))).toBe("clabe.plaza");
    expect(problemOf(checkClabe(clabe("012000" + "00123456789")))).toBe("clabe.plaza");
  });
  it("says what is wrong: characters, length, check digit", () => {
    expect(problemOf(checkClabe("03218000011835971"))).toBe("clabe.length");
    expect(problemOf(checkClabe("0321800001183597190"))).toBe("clabe.length");
    expect(problemOf(checkClabe(""))).toBe("clabe.length");
    expect(problemOf(checkClabe("03218000011835971X"))).toBe("clabe.digits");
    expect(problemOf(checkClabe("O12180001234567890"))).toBe("clabe.digits"); // letter O for zero
    expect(problemOf(checkClabe("001" + "9".repeat(15)))).toBe("clabe.checkDigit");
    expect(problemOf(checkClabe("111180157042875763"))).toBe("clabe.checkDigit");
    expect(isValidClabe("032180000118359718")).toBe(false);
  });
  it("describes each problem in Spanish and English", () => {
    const text = (c: string, lang: "es" | "en") => {
      const r = checkClabe(c);
      return r.ok ? "ok" : describeProblem(r.problem, lang);
    };
    expect(text("0121800012345678", "es")).toBe('"0121800012345678" tiene 16 dígitos; una CLABE tiene 18');
    expect(text("0121800012345678", "en")).toBe('"0121800012345678" has 16 digits; a CLABE has 18');
    expect(text("01218000123456789X", "es")).toBe('"01218000123456789X": una CLABE solo lleva dígitos (18)');
    expect(text("002000000000000008", "es")).toBe('"002000000000000008": la plaza 000 no existe');
    expect(text("001999999999999999", "es")).toMatch(/dígito verificador no corresponde/);
    expect(text("032 180 00011835971 9", "es")).toBe(
      '"032 180 00011835971 9": el código de banco 032 no está en el catálogo de participantes del SPEI de Banxico (al 23/03/2026)',
    );
    expect(text("032180000118359719", "en")).toBe(`"032180000118359719": bank code 032 is not in Banxico's catalogue of SPEI participants (as of ${BANKS_AS_OF})`);
  });
});

// Real RFCs from python-stdnum's tests (arthurdejong/python-stdnum tests/test_mx_rfc.doctest and
// the doctests of stdnum/mx/rfc.py): numbers found in use, checked against SAT's RFC service.
// Of that file's 317 numbers with a verifying check digit and 100 without, all pass the default
// check here, and all 317 the strict one (checked when this was written).
const VERIFYING = [
  "&&&030828PX7", "&JE040614N51", "AA&0607148I0", "AP&0305026J9", "B&D9605298Y3", "AAAA791128D63", "AACC421231BH1",
  "BBA830831LJ2", "CFE010608HC8", "CGB000229SW0", "EDI000229CA3", "FAM000229SB8", "YAT000229588", "MUÑ110218LJ6",
  "GOAJ7101257MA", "RUAJ8104018GA", "SDA8902091QA", "STP110106D88", "ZZE040708QJ9", "GODE561231GR8", "MAB9307148T4",
];
const NOT_VERIFYING = [
  "AAC0903183F6", "AAMM450222AJ1", "AOM920820BEA", "BABC300126Q66", "CAMG590407QSA", "CAVB360920196", "COCA8007229UA",
  "FIS0008226ZA", "KAK030512QD7", "TPM06111759A", "VAME720111AA4", "WME000218GK3", "SIN9311169P8", "VACE460910SX6",
];

describe("RFC", () => {
  it("accepts real RFCs whose check digit verifies, by default and strictly", () => {
    for (const rfc of VERIFYING) {
      expect([rfc, problemOf(checkRfc(rfc)), problemOf(checkRfc(rfc, { strict: true }))]).toEqual([rfc, "ok", "ok"]);
    }
    // Walmart de México, Teléfonos de México; SAT's test RFCs on the CFDI samples.
    for (const rfc of ["WMT970714R10", "TME840315KT6", "EKU9003173C9", "COSC8001137NA", "CACX7605101P8"]) {
      expect([rfc, isValidRfc(rfc, { strict: true })]).toEqual([rfc, true]);
    }
    expect(rfcKind("WMT970714R10")).toBe("moral");
    expect(rfcKind("GODE561231GR8")).toBe("fisica");
    expect(rfcKind("&&&030828PX7")).toBe("moral");
  });
  it("accepts real RFCs whose check digit does not verify by default, and refuses them strictly", () => {
    for (const rfc of NOT_VERIFYING) {
      expect([rfc, problemOf(checkRfc(rfc)), problemOf(checkRfc(rfc, { strict: true }))]).toEqual([rfc, "ok", "rfc.checkDigit"]);
    }
    // python-stdnum's strict check also refuses CCM650122I06 for its homoclave alphabet; its check
    // digit verifies, and strict here means the check digit only.
    expect(isValidRfc("CCM 650122 I06", { strict: true })).toBe(true);
  });
  it("accepts the RFCs on real CFDI samples (issuer and receiver)", () => {
    const dir = path.resolve(__dirname, "../fixtures/cfdi");
    const xml = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), "utf8")).join("\n");
    const seen = new Set([...xml.matchAll(/Rfc="([^"]+)"/g)].map((m) => m[1]));
    for (const rfc of ["EKU9003173C9", "COSC8001137NA"]) expect(seen.has(rfc)).toBe(true);
    for (const rfc of seen) expect([rfc, isValidRfc(rfc)]).toEqual([rfc, true]);
  });
  it("accepts SAT's generic RFCs, strictly too although XAXX010101000's check digit does not verify", () => {
    for (const rfc of ["XAXX010101000", "XEXX010101000", "xaxx-010101-000", "XEXX 010101 000"]) {
      const r = checkRfc(rfc, { strict: true });
      expect([rfc, r.ok && r.kind]).toEqual([rfc, "generic"]);
    }
    expect(rfcCheckDigit("XAXX01010100")).toBe("4");
    expect(problemOf(checkRfc("XAXX010101004", { strict: true }))).toBe("ok"); // shaped like any person's RFC
    expect(rfcKind("XAXX010101000")).toBe("generic");
  });
  it("accepts a person's RFC without homoclave (10 characters), but not strictly", () => {
    const r = checkRfc("COMG-600703");
    expect(r.ok && [r.rfc, r.kind, r.homoclave]).toEqual(["COMG600703", "fisica", false]);
    expect(problemOf(checkRfc("COMG600703", { strict: true }))).toBe("rfc.noCheckDigit");
    expect(problemOf(checkRfc("AKJ970902"))).toBe("rfc.length"); // a company always has its homoclave
    expect(problemOf(checkRfc("AKJ9709020"))).toBe("rfc.shapeShort");
    expect(problemOf(checkRfc("PUTO800101"))).toBe("rfc.forbidden");
    expect(problemOf(checkRfc("GODE561331"))).toBe("rfc.date");
  });
  it("normalizes case, spaces, hyphens and a decomposed Ñ", () => {
    for (const rfc of [" wmt970714r10 ", "WMT-970714-R10", "GODE 561231 GR8", "muñ110218lj6", "MUN\u0303110218LJ6", "MU\u00d1 110218 LJ6", "&je040614n51"]) {
      expect([rfc, isValidRfc(rfc, { strict: true })]).toEqual([rfc, true]);
    }
    const r = checkRfc("muñ-110218-lj6");
    expect(r.ok && r.rfc).toBe("MUÑ110218LJ6");
  });
  it("handles Ñ and & in the name part, not in the homoclave", () => {
    const body = "AÑO010101AB";
    expect(isValidRfc(body + rfcCheckDigit(body), { strict: true })).toBe(true);
    const amp = "M&S920101XY";
    expect(isValidRfc(amp + rfcCheckDigit(amp), { strict: true })).toBe(true);
    expect(problemOf(checkRfc("AABN 821103 8Ñ2"))).toBe("rfc.shapeFisica"); // python-stdnum's test
  });
  it("refuses SAT's forbidden words at the start of a person's RFC", () => {
    expect(FORBIDDEN_WORDS.size).toBe(41);
    expect(problemOf(checkRfc("CACA 580710 NF7"))).toBe("rfc.forbidden"); // python-stdnum's test
    for (const word of FORBIDDEN_WORDS) {
      const body = word + "800101AB";
      expect([word, problemOf(checkRfc(body + rfcCheckDigit(body)))]).toEqual([word, "rfc.forbidden"]);
    }
    // SAT writes the last letter as X instead; and a company's three letters are never a word.
    const buex = "BUEX800101AB";
    expect(isValidRfc(buex + rfcCheckDigit(buex), { strict: true })).toBe(true);
    const cac = "CAC800101AB";
    expect(isValidRfc(cac + rfcCheckDigit(cac), { strict: true })).toBe(true);
  });
  it("validates the date, leap years included", () => {
    const withDigit = (body: string) => body + rfcCheckDigit(body);
    expect(problemOf(checkRfc("ABCD 123456"))).toBe("rfc.date"); // python-stdnum's test
    expect(problemOf(checkRfc("WMT971314R10"))).toBe("rfc.date"); // month 13
    expect(problemOf(checkRfc(withDigit("ABC000001X1")))).toBe("rfc.date"); // month 00
    expect(problemOf(checkRfc(withDigit("ABC010100X1")))).toBe("rfc.date"); // day 00
    expect(problemOf(checkRfc(withDigit("ABC010431X1")))).toBe("rfc.date"); // 31 April
    expect(problemOf(checkRfc(withDigit("ABCD010229X1")))).toBe("rfc.date"); // 2001-02-29
    expect(problemOf(checkRfc(withDigit("ABC990229X1")))).toBe("rfc.date"); // 1999-02-29
    expect(problemOf(checkRfc(withDigit("ABC000229X1")))).toBe("ok"); // 2000-02-29
    expect(problemOf(checkRfc(withDigit("ABCD960229X1")))).toBe("ok"); // 1996-02-29
    expect(problemOf(checkRfc(withDigit("ABC991231X1")))).toBe("ok");
  });
  it("refuses a bad shape or length, and a wrong check digit only strictly", () => {
    expect(problemOf(checkRfc("WMT970714R11"))).toBe("ok");
    expect(problemOf(checkRfc("WMT970714R11", { strict: true }))).toBe("rfc.checkDigit");
    expect(problemOf(checkRfc("AAAA010101AAA"))).toBe("ok");
    expect(problemOf(checkRfc("AAAA010101AAA", { strict: true }))).toBe("rfc.checkDigit"); // 0 expected
    expect(problemOf(checkRfc("WMT970714R1O"))).toBe("rfc.shapeMoral"); // letter O where the check digit goes
    expect(problemOf(checkRfc("ABCD12345678"))).toBe("rfc.shapeMoral"); // python-stdnum's test
    expect(problemOf(checkRfc("1MT970714R10"))).toBe("rfc.shapeMoral");
    expect(problemOf(checkRfc("GOD3561231GR8"))).toBe("rfc.shapeFisica");
    expect(problemOf(checkRfc("WM970714R10"))).toBe("rfc.length");
    expect(problemOf(checkRfc("GODE561231GR80"))).toBe("rfc.length");
    expect(problemOf(checkRfc(""))).toBe("rfc.length");
    expect(problemOf(checkRfc("WMT.970714.R10"))).toBe("rfc.length");
  });
  it("describes each problem in Spanish and English", () => {
    const text = (rfc: string, lang: "es" | "en", strict = false) => {
      const r = checkRfc(rfc, { strict });
      return r.ok ? "ok" : describeProblem(r.problem, lang);
    };
    expect(text("WM970714R10", "es")).toBe('"WM970714R10" tiene 11 caracteres; un RFC tiene 12 (persona moral), 13 (persona física) o 10 (persona física sin homoclave)');
    expect(text("WMT971314R10", "es")).toBe('"WMT971314R10": 971314 no es una fecha válida (AAMMDD)');
    expect(text("WMT971314R10", "en")).toBe('"WMT971314R10": 971314 is not a valid date (YYMMDD)');
    expect(text("caca 580710 nf7", "es")).toBe('"caca 580710 nf7": el SAT no asigna RFC que empiecen con CACA (palabra inconveniente)');
    expect(text("SIN9311169P8", "es", true)).toMatch(/^"SIN9311169P8": el dígito verificador no corresponde/);
    expect(text("COMG600703", "en", true)).toBe('"COMG600703": without the homoclave there is no check digit to verify');
  });
});
