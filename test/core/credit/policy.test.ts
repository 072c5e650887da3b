import { DEFAULT_POLICY, flattenPolicyJson, parsePolicy, POLICY_KEYS, policyValueText } from "../../../src/core/credit/policy";
import { describe as say } from "../../../src/core/messages";
import { es } from "../../../src/core/i18n/es";
import { DEFAULT_TOLERANCE_DAYS } from "../../../src/core/credit/credit";

const messages = (entries: { key: string; value: unknown; row?: number }[], lang: "es" | "en" = "es") => parsePolicy(entries).problems.map((p) => say(p.problem, lang));

describe("credit policy", () => {
  it("defaults: 15 days of tolerance (as CARTERA.RELEASE), 30 days for guarantees, 12 months of history", () => {
    expect(parsePolicy([]).policy).toEqual(DEFAULT_POLICY);
    expect(DEFAULT_POLICY["release.toleranceDays"]).toBe(DEFAULT_TOLERANCE_DAYS);
    expect(DEFAULT_TOLERANCE_DAYS).toBe(15);
    expect(DEFAULT_POLICY["guarantee.expiringDays"]).toBe(30);
    expect(DEFAULT_POLICY["history.months"]).toBe(12);
    expect(Object.keys(DEFAULT_POLICY).sort()).toEqual(POLICY_KEYS.map((k) => k.key).sort());
  });

  it("every key is described in the catalogue", () => {
    for (const k of POLICY_KEYS) expect(es[`credit.policyKey.${k.key}` as keyof typeof es]).toBeDefined();
  });

  it("reads values as people write them: days, percentages, money, yes/no", () => {
    const { policy, set, problems } = parsePolicy([
      { key: "release.toleranceDays", value: "30 días" },
      { key: "Increase.Percent", value: "12,5%" },
      { key: "decrease.percent", value: 25 },
      { key: "decrease.utilizationBelow", value: "0" },
      { key: "limit.roundTo", value: "10,000.00" },
      { key: "release.holdNoLimit", value: "No" },
      { key: "release.holdOverLimit", value: true },
      { key: "increase.avgDaysLate", value: "-5" },
    ]);
    expect(problems).toEqual([]);
    expect(policy).toMatchObject({
      "release.toleranceDays": 30,
      "increase.percent": 1250,
      "decrease.percent": 2500,
      "decrease.utilizationBelow": 0,
      "limit.roundTo": 10_000_00,
      "release.holdNoLimit": false,
      "release.holdOverLimit": true,
      "increase.avgDaysLate": -5,
    });
    expect(set.has("increase.percent")).toBe(true);
    expect(set.has("block.daysPastDue")).toBe(false);
  });

  it("nested and flat JSON are the same policy", () => {
    expect(flattenPolicyJson({ release: { toleranceDays: 20 }, "increase.percent": 10 })).toEqual([
      { key: "release.toleranceDays", value: 20 },
      { key: "increase.percent", value: 10 },
    ]);
    expect(flattenPolicyJson([1, 2])).toBeNull();
    expect(flattenPolicyJson("x")).toBeNull();
  });

  it("refuses what it cannot take, saying which key, which value and what it expects", () => {
    expect(messages([{ key: "release.tolerance", value: 15 }])[0]).toMatch(/^política: la clave «release.tolerance» no existe\. Claves: release.toleranceDays, /);
    expect(messages([{ key: "release.toleranceDays", value: "quince" }])).toEqual(["política, release.toleranceDays: «quince» no es válido; se espera un número entero de días de 0 a 3650"]);
    expect(messages([{ key: "release.toleranceDays", value: 15.5 }], "en")).toEqual(["policy, release.toleranceDays: \"15.5\" is not valid; expected a whole number of days from 0 to 3650"]);
    expect(messages([{ key: "decrease.percent", value: "150%" }])[0]).toContain("fuera de rango");
    expect(messages([{ key: "release.holdNoLimit", value: "quizá" }])[0]).toContain("se espera sí o no");
    expect(messages([{ key: "limit.roundTo", value: "0" }])[0]).toContain("fuera de rango");
    expect(messages([{ key: "block.daysPastDue", value: "" }])[0]).toBe("política, block.daysPastDue: falta el valor; se espera un número entero de días de 0 a 3650");
    expect(messages([{ key: "block.daysPastDue", value: 60 }, { key: "block.daysPastDue", value: 90 }])).toEqual(["política: la clave block.daysPastDue aparece dos veces"]);
    expect(messages([{ key: "history.trendMonths", value: 12 }])).toEqual(["política: history.trendMonths (12) debe ser menor que history.months (12)"]);
  });

  it("a bare 0.2 is ambiguous (20 % or 0.2 %?) and refused; 0.2% and 20 are not", () => {
    expect(messages([{ key: "increase.percent", value: 0.2 }])[0]).toContain("es ambiguo");
    expect(messages([{ key: "increase.percent", value: "0,2" }])[0]).toContain("es ambiguo");
    expect(parsePolicy([{ key: "increase.percent", value: "0.2%" }]).policy["increase.percent"]).toBe(20);
    expect(parsePolicy([{ key: "increase.percent", value: 20 }]).policy["increase.percent"]).toBe(2000);
  });

  it("writes values back the way it reads them", () => {
    for (const k of POLICY_KEYS) {
      for (const lang of ["es", "en"] as const) {
        const text = policyValueText(k.key, DEFAULT_POLICY[k.key], lang);
        expect(parsePolicy([{ key: k.key, value: text }]).policy[k.key]).toEqual(DEFAULT_POLICY[k.key]);
      }
    }
    expect(policyValueText("increase.percent", 1250, "es")).toBe("12.5%");
    expect(policyValueText("release.holdNoLimit", true, "es")).toBe("sí");
  });
});
