/**
 * CARTERA.RELEASE and CARTERA.CREDITAVAILABLE agree with `cartera credit`: the same default
 * tolerance, the same arithmetic, the same words.
 */
import { useHost } from "../../helpers/customFunctions";
import * as F from "../../../functions/functions";
import { AS_OF, customer, item, order, review } from "./fixtures";
import { formatIsoDate } from "../../../src/core/dates";
import { holdReasonsText } from "../../../src/core/credit/creditReport";
import type { Lang } from "../../../src/core/messages";

const WORDS = { es: { release: "LIBERAR", hold: "RETENER" }, en: { release: "RELEASE", hold: "HOLD" } };

const cases = [
  { limit: 100_000, balance: 60_000, days: 0, order: 30_000 },
  { limit: 100_000, balance: 60_000, days: 0, order: 40_000.01 },
  { limit: 100_000, balance: 60_000, days: 15, order: 1_000 },
  { limit: 100_000, balance: 60_000, days: 16, order: 1_000 },
  { limit: 100_000, balance: 95_000, days: 45, order: 10_000 },
];

describe.each(["es", "en"] as Lang[])("the functions and the job say the same (%s)", (lang) => {
  beforeEach(() => useHost(lang));
  it.each(cases)("limit %p", (c) => {
    const r = review({ customers: [customer("C1", c.limit)], items: [item("C1", c.balance, formatIsoDate(AS_OF - c.days))], orders: [order("C1", "1", c.order, "2026-10-30")] });
    const job = r.orders[0];
    const f = r.customers[0].figures!;
    expect(f.maxDaysPastDue).toBe(c.days);
    const exposureBefore = (f.exposure - Math.round(c.order * 100)) / 100;
    const text = F.release(c.order, c.limit, exposureBefore, f.maxDaysPastDue);
    if (job.decision === "release") expect(text).toBe(WORDS[lang].release);
    else expect(text).toBe(`${WORDS[lang].hold}: ${holdReasonsText(job.reasons, "MXN", lang).join("; ")}`);
    expect(F.creditAvailable(c.limit, c.balance, c.order)).toBe(f.available! / 100);
  });
});
