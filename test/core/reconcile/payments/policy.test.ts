import { describe as describeProblem } from "../../../../src/core/messages";
import { DEFAULT_POLICY, parsePolicy, policyJson } from "../../../../src/core/reconcile/payments/policy";
import { findSubsets } from "../../../../src/core/reconcile/payments/subsetSum";
import { canonicalCode, oneEditApart, readLineText, saysAny } from "../../../../src/core/reconcile/payments/text";

describe("the policy", () => {
  test("the defaults written as a file read back as the defaults", () => {
    const { policy, problems } = parsePolicy(JSON.parse(JSON.stringify(policyJson(DEFAULT_POLICY))));
    expect(problems).toEqual([]);
    expect(policy).toEqual(DEFAULT_POLICY);
  });

  test("a file changes what it names and keeps the rest", () => {
    const { policy, problems } = parsePolicy({ tolerance: { bankFee: 25.5, withholdings: [{ name: "ISR 1.25 %", rate: 0.0125, vat: 0, account: "ISR retenido" }] }, rules: { uniqueAmount: false }, sameAmountInvoices: "review" });
    expect(problems).toEqual([]);
    expect(policy.tolerance.bankFee).toBe(2_550);
    expect(policy.tolerance.rounding).toBe(DEFAULT_POLICY.tolerance.rounding);
    expect(policy.tolerance.withholdings).toEqual([{ name: "ISR 1.25 %", rate: { num: 1n, den: 80n }, vat: { num: 0n, den: 1n }, account: "ISR retenido" }]);
    expect(policy.rules).toEqual({ reference: true, payer: true, tolerance: true, uniqueAmount: false });
    expect(policy.sameAmountInvoices).toBe("review");
    // The defaults themselves are never touched.
    expect(DEFAULT_POLICY.tolerance.bankFee).toBe(1_000);
  });

  test("every mistake is named by its path, never ignored", () => {
    const { problems } = parsePolicy({ tolerence: {}, tolerance: { bankFee: "50", withholdings: [{ name: "IVA", rate: 4 }] }, combination: { maxSize: 40 }, reference: { partialWords: "ABONO" }, currency: "pesos" });
    expect(problems.map((p) => describeProblem(p, "es"))).toEqual([
      "política: «tolerence» no es una opción conocida (revise cómo está escrita)",
      "política, currency: se esperaba una clave de moneda de 3 letras (MXN), no \"pesos\"",
      "política, reference.partialWords: se esperaba una lista de textos (p. ej. [\"ABONO\", \"PARCIAL\"]), no \"ABONO\"",
      "política, combination.maxSize: se esperaba un número entero de 1 a 12, no 40",
      "política, tolerance.bankFee: se esperaba un importe de 0 o más (p. ej. 50.00), no \"50\"",
      "política, tolerance.withholdings[0].account: se esperaba un texto no vacío, no —",
      "política, tolerance.withholdings[0].rate: se esperaba una fracción de 0 a menos de 1 (0.04 para 4 %), no 4",
    ]);
    expect(describeProblem(parsePolicy([]).problems[0], "en")).toBe("policy, : expected an object {…}, not []");
  });
});

describe("reading a bank line", () => {
  test("BBVA's glued fields come apart; dates and amounts are not invoice numbers", () => {
    const t = readLineText(["SPEI RECIBIDOBANORTE / 0141401703 072 9990008PAGO FACT A-23456 Y F 23457 DEL 15/10/2026 POR $1,234.50"]);
    expect(t.digits).toEqual(["0141401703", "072", "9990008", "23456", "23457"]);
    expect(t.codes).toEqual(["A23456", "F23457"]);
    expect(t.words).toEqual(["SPEI", "RECIBIDOBANORTE", "PAGO", "FACT", "A", "Y", "F", "DEL", "POR"]);
    expect(saysAny(t, ["PAGO FACT"])).toBe(true);
    expect(saysAny(t, ["FACTURA"])).toBe(false);
    expect(readLineText(["PAGO RFC CPE010101AB1 Y ÑANDÚ"]).rfcs).toEqual(["CPE010101AB1"]);
  });

  test("codes agree whatever their series' zeros and punctuation", () => {
    expect(["A-0023456", "a 23456", "A23456"].map(canonicalCode)).toEqual(["A23456", "A23456", "A23456"]);
    expect(["0090012345", "90012345"].map(canonicalCode)).toEqual(["90012345", "90012345"]);
    expect(canonicalCode("NC-0012-B")).toBe("NC0012B");
  });

  test("one keystroke: a swap, a wrong, a missing or an extra character", () => {
    expect(["23465", "23457", "2345", "234567", "23456"].map((x) => oneEditApart("23456", x))).toEqual([true, true, true, true, false]);
    expect(oneEditApart("23456", "32465")).toBe(false);
    expect(oneEditApart("23456", "23654")).toBe(false);
  });
});

describe("combinations of invoices, bounded", () => {
  /** Every subset of size 2..k adding up to `target`, the slow way. */
  function brute(a: number[], target: number, k: number): string[] {
    const out: string[] = [];
    const n = a.length;
    for (let mask = 1; mask < 1 << n; mask++) {
      const idx = [...Array(n).keys()].filter((i) => mask & (1 << i));
      if (idx.length < 2 || idx.length > k) continue;
      if (idx.reduce((s, i) => s + a[i], 0) === target) out.push(idx.join(","));
    }
    return out.sort();
  }

  test("finds what exhaustive search finds, up to the limit asked", () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
    for (let round = 0; round < 300; round++) {
      const a = Array.from({ length: 4 + Math.floor(rnd() * 9) }, () => 1 + Math.floor(rnd() * 60));
      const target = a[0] + a[a.length - 1] + (rnd() < 0.5 ? a[1] : 0);
      for (const k of [2, 3, 4]) {
        const want = brute(a, target, k);
        const got = findSubsets(a, target, target, k, 1e9, 1000);
        expect(got.complete).toBe(true);
        expect(got.solutions.map((s) => s.join(",")).sort()).toEqual(want);
      }
    }
  });

  test("stops at the second answer, and says when the step limit stopped it", () => {
    expect(findSubsets([5, 5, 5, 5], 10, 10, 2, 1000).solutions).toHaveLength(2);
    const many = Array.from({ length: 40 }, (_, i) => 1000 + i * 7);
    const limited = findSubsets(many, 1, 4000 + 3 * 7 * 39, 6, 500);
    expect(limited.steps).toBeLessThanOrEqual(500);
    expect(limited.complete).toBe(limited.solutions.length >= 2);
    const none = findSubsets(many, 10, 10, 6, 100000);
    expect([none.solutions.length, none.complete]).toEqual([0, true]);
  });
});
