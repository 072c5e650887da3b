import { documentKey, findUuids, parseCitations } from "../../../src/core/reconcile/remissions";

const keys = (text: string) => parseCitations(text).cited.map((c) => c.key);

describe("citations of remissions", () => {
  test("lists in every separator people use", () => {
    for (const t of ["R1001, R1002", "R1001;R1002", "R1001 R1002", "R1001/R1002", "R1001 y R1002", "R1001 and R1002", "R1001,R1002", "R1001 | R1002", "R1001\nR1002"]) {
      expect(keys(t)).toEqual(["1001", "1002"]);
    }
  });

  test("case, spaces, prefixes and leading zeros do not matter", () => {
    for (const t of ["R1001", "r1001", "R-1001", "R 1001", "Rem. 1001", "REM-0001001", "Remisión Nº 1001", "1001", "0001001", "Ticket #1001", "R.1001"]) {
      expect(keys(t)).toEqual(["1001"]);
    }
    expect(parseCitations("REM-0001001").cited[0]).toEqual({ key: "1001", prefix: "REM", written: "REM-0001001" });
  });

  test("ranges expand, each member written like the first", () => {
    expect(keys("R1001-R1004")).toEqual(["1001", "1002", "1003", "1004"]);
    expect(keys("R1001-1004")).toEqual(["1001", "1002", "1003", "1004"]);
    expect(keys("R1001 - R1004")).toEqual(["1001", "1002", "1003", "1004"]);
    expect(keys("R1001 a R1004")).toEqual(["1001", "1002", "1003", "1004"]);
    expect(keys("del R1001 al R1004")).toEqual(["1001", "1002", "1003", "1004"]);
    expect(keys("R1001..R1003")).toEqual(["1001", "1002", "1003"]);
    expect(keys("R998-R1001")).toEqual(["998", "999", "1000", "1001"]);
    expect(parseCitations("R0001001-R0001003").cited.map((c) => c.written)).toEqual(["R0001001", "R0001002", "R0001003"]);
    expect(keys("R1001-R1003, R1010")).toEqual(["1001", "1002", "1003", "1010"]);
    expect(keys("R-1001-R-1002")).toEqual(["1001", "1002"]);
    // Series A written with a space is a prefix, not the Spanish "a" of a range.
    expect(keys("A 5001, A 5002")).toEqual(["5001", "5002"]);
    expect(parseCitations("A 5001, A 5002").cited.map((c) => c.prefix)).toEqual(["A", "A"]);
    expect(keys("A-5001 A-5002")).toEqual(["5001", "5002"]);
    expect(keys("A 5001 A 5010")).toEqual(["5001", "5010"]);
    expect(keys("1001 a 1003")).toEqual(["1001", "1002", "1003"]);
  });

  test("a hyphen inside one number is not a range", () => {
    // Plant and year prefixes: the right part is much longer than the left.
    expect(keys("P01-001234")).toEqual(["1001234"]);
    expect(keys("2026-004512")).toEqual(["2026004512"]);
    expect(documentKey("P01-001234")!.key).toBe("1001234");
    expect(documentKey("2026-004512")!.key).toBe("2026004512");
  });

  test("what cannot be read without guessing is reported, the rest kept", () => {
    const rev = parseCitations("R1004-R1001");
    expect(rev.problem?.code).toBe("citation.rangeReversed");
    expect(rev.cited).toEqual([]);
    const short = parseCitations("R1001-04, R2000");
    expect(short.problem?.code).toBe("citation.unreadable");
    expect(short.cited.map((c) => c.key)).toEqual(["2000"]);
    expect(parseCitations("R1-R99999").problem?.code).toBe("citation.rangeTooLarge");
    expect(parseCitations("A1001-B1004").problem?.code).toBe("citation.unreadable");
    expect(parseCitations("R1001-R1003-R1005").problem?.code).toBe("citation.unreadable");
    expect(parseCitations("R1001, - R1002").problem?.code).toBe("citation.unreadable");
  });

  test("suffix letters and text without numbers", () => {
    expect(keys("R1001A, R1001B")).toEqual(["1001A", "1001B"]);
    expect(keys("sin remisión")).toEqual([]);
    expect(keys("")).toEqual([]);
  });

  test("UUIDs are taken out before numbers are read", () => {
    const u = "5FB2822E-396D-4725-8521-CDC4BDD20CCF";
    expect(findUuids(`CFDI ${u}`)).toEqual(["5fb2822e-396d-4725-8521-cdc4bdd20ccf"]);
    expect(keys(`F-1234 ${u}`)).toEqual(["1234"]);
  });

  test("a document's own number", () => {
    expect(documentKey("F-0012345")).toEqual({ key: "12345", prefix: "F", written: "F-0012345" });
    expect(documentKey("A 12345")!.key).toBe("12345");
    expect(documentKey("12345")!.key).toBe("12345");
    expect(documentKey("9000012345")!.key).toBe("9000012345");
    expect(documentKey("1001A")!.key).toBe("1001A");
    expect(documentKey("R-0")!.key).toBe("0");
    expect(documentKey("Anticipo")).toBeNull();
  });
});
