import { AS_OF, customer, d, item, order, paid, review } from "./fixtures";
import { formatIsoDate } from "../../../src/core/dates";
import { describe as say } from "../../../src/core/messages";
import type { CreditPolicy } from "../../../src/core/credit/policy";
import type { Guarantee } from "../../../src/core/credit/guarantee";

const iso = (offset: number) => formatIsoDate(AS_OF + offset);

/** `n` invoices of 10,000 paid `late` days after due, spread over the last months (all inside 12 months). */
function payments(code: string, n: number, late: number, from = 10, step = 20) {
  return Array.from({ length: n }, (_, k) => paid(code, 10_000, iso(-(from + k * step) - late), iso(-(from + k * step))));
}

function recommendation(opts: { limit?: number | null; balance?: number; daysPastDue?: number; history?: ReturnType<typeof payments>; guarantee?: Guarantee; policy?: Partial<CreditPolicy>; orders?: number; termDays?: number | null }) {
  const limit = opts.limit === undefined ? 100_000 : opts.limit;
  const items = [];
  if (opts.balance) items.push(item("C1", opts.balance, iso(-(opts.daysPastDue ?? 0))));
  const r = review({
    customers: [customer("C1", limit, { guarantee: opts.guarantee ?? null, termDays: opts.termDays === undefined ? 30 : opts.termDays })],
    items,
    history: opts.history ?? [],
    orders: opts.orders ? [order("C1", "1", opts.orders, "2026-10-30")] : [],
    policy: opts.policy,
  });
  const rec = r.customers[0].recommendation!;
  return { ...rec, es: rec.reasons.map((p) => say(p, "es")), en: rec.reasons.map((p) => say(p, "en")) };
}

describe("recommendation rules, each naming itself", () => {
  it("block-days-past-due: an item more than 90 days late blocks; 90 does not", () => {
    const r = recommendation({ balance: 50_000, daysPastDue: 91 });
    expect(r).toMatchObject({ action: "block", rule: "block-days-past-due", limit: 100_000_00, termDays: 30 });
    expect(r.es[0]).toBe("tiene partidas con 91 días de atraso (más de 90): bloquear la línea hasta que se ponga al corriente");
    expect(r.en[0]).toBe("has items 91 days past due (more than 90): block the line until it is up to date");
    expect(recommendation({ balance: 50_000, daysPastDue: 90 }).rule).not.toBe("block-days-past-due");
  });

  it("no-limit: says to assign one, proposes none", () => {
    expect(recommendation({ limit: null, balance: 1_000 })).toMatchObject({ action: "maintain", rule: "no-limit", limit: null, es: ["no tiene límite de crédito registrado en el maestro: asignarle uno"] });
  });

  it("decrease-guarantee-expired: the limit less the guarantee it rested on, rounded down to 1,000", () => {
    const guarantee: Guarantee = { type: "hipoteca", description: "Hipoteca", amount: 40_500_00, expires: d("2026-09-30") };
    const r = recommendation({ balance: 50_000, guarantee });
    expect(r).toMatchObject({ action: "decrease", rule: "decrease-guarantee-expired", limit: 59_000_00 });
    expect(r.es[0]).toBe("su garantía (hipoteca, $40,500.00) venció el 30/09/2026: proponer el límite sin ella, $59,000.00, hasta que la renueve");
    expect(r.en[0]).toBe("its guarantee (mortgage, $40,500.00) expired on 2026-09-30: propose the limit without it, $59,000.00, until it is renewed");
    // Without an amount on file: the policy's decrease.
    expect(recommendation({ balance: 50_000, guarantee: { ...guarantee, amount: null } }).limit).toBe(80_000_00);
  });

  it("decrease-late-payer: more than 15 days late on average: −20 % and a term 15 days shorter", () => {
    const r = recommendation({ balance: 50_000, history: payments("C1", 4, 16) });
    expect(r).toMatchObject({ action: "decrease", rule: "decrease-late-payer", limit: 80_000_00, termDays: 15 });
    expect(r.es[0]).toBe("paga en promedio 16 días tarde en 12 meses (más de 15): proponer −20 %, $80,000.00, y plazo de 15 días");
    expect(recommendation({ balance: 50_000, history: payments("C1", 4, 15) }).rule).toBe("maintain"); // exactly 15: not more than 15
  });

  it("decrease-trend: paying more than 10 days later in the last 3 months than in the 9 before", () => {
    const history = [...payments("C1", 3, 12, 5, 25), ...payments("C1", 5, 1, 120, 40)];
    const r = recommendation({ balance: 50_000, history });
    expect(r).toMatchObject({ action: "decrease", rule: "decrease-trend", limit: 80_000_00 });
    expect(r.es[0]).toBe("en los últimos 3 meses paga 11 días más tarde que en los 9 anteriores (más de 10): proponer −20 %, $80,000.00");
  });

  it("decrease-unused: below 10 % of the line", () => {
    const r = recommendation({ balance: 9_999 });
    expect(r).toMatchObject({ action: "decrease", rule: "decrease-unused", limit: 80_000_00 });
    expect(r.es[0]).toBe("usa el 10 % de su línea (menos del 10 %): proponer −20 %, $80,000.00"); // 9.999 % shown to one decimal
    expect(recommendation({ balance: 10_000 }).rule).toBe("maintain"); // exactly 10 %
    expect(recommendation({ balance: 1, policy: { "decrease.utilizationBelow": 0 } }).rule).toBe("maintain"); // rule off
  });

  it("increase-good-payer: pays 3 days early over 12 months and uses 95 % of the line: +20 %", () => {
    const r = recommendation({ balance: 45_000, orders: 50_000, history: payments("C1", 3, -3) });
    expect(r).toMatchObject({ action: "increase", rule: "increase-good-payer", limit: 120_000_00, termDays: 30 });
    expect(r.es[0]).toBe("paga en promedio 3 días antes en 12 meses y usa el 95 % de su línea: proponer +20 %, $120,000.00");
    expect(r.en[0]).toBe("pays on average 3 days early over 12 months and uses 95 % of its line: propose +20 %, $120,000.00");
  });

  it("increase-good-payer needs enough payments, the usage, no late item beyond tolerance", () => {
    expect(recommendation({ balance: 90_000, history: payments("C1", 2, -3) }).rule).toBe("maintain");
    expect(recommendation({ balance: 79_999.99, history: payments("C1", 3, 0) }).rule).toBe("maintain");
    expect(recommendation({ balance: 80_000, history: payments("C1", 3, 0) })).toMatchObject({ rule: "increase-good-payer", es: [expect.stringContaining("paga en promedio a tiempo")] });
    expect(recommendation({ balance: 80_000, daysPastDue: 16, history: payments("C1", 3, -1) }).rule).toBe("maintain");
    expect(recommendation({ balance: 80_000, history: payments("C1", 3, 1) }).rule).toBe("maintain");
    expect(recommendation({ balance: 80_000, history: payments("C1", 3, 1), policy: { "increase.avgDaysLate": 2, "increase.termDays": 15 } })).toMatchObject({ rule: "increase-good-payer", termDays: 45 });
  });

  it("maintain when nothing fires", () => {
    expect(recommendation({ balance: 50_000 })).toMatchObject({ action: "maintain", rule: "maintain", limit: 100_000_00, termDays: 30, fired: [] });
  });

  it("the first rule decides; the other restrictive rules that fired are reasons too", () => {
    const r = recommendation({ balance: 50_000, daysPastDue: 120, history: payments("C1", 4, 30) });
    expect(r.rule).toBe("block-days-past-due");
    expect(r.fired).toEqual(["block-days-past-due", "decrease-late-payer"]);
    expect(r.es).toHaveLength(2);
  });

  it("a zero limit is never increased or decreased by the rules", () => {
    expect(recommendation({ limit: 0, balance: 1_000, history: payments("C1", 5, -5) })).toMatchObject({ rule: "maintain", limit: 0 });
  });

  it("proposals follow the policy's percentages and rounding", () => {
    expect(recommendation({ limit: 123_456.78, balance: 100, policy: { "decrease.percent": 1250, "limit.roundTo": 500_00 } }).limit).toBe(108_000_00); // 108,024.68 → 108,000
  });
});
