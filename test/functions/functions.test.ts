/**
 * Every CARTERA.* function called the way Excel calls it: serial numbers, numbers and dates as
 * text, empty cells as null or "", booleans, 2-D ranges; errors as CustomFunctions.Error.
 */
import { excelError, FakeExcelError, serial, useHost } from "../helpers/customFunctions";
import * as F from "../../functions/functions";
import { toHostError, FunctionError } from "../../functions/errors";

const KEY = serial("2026-10-31");
const col = (...v: unknown[]): unknown[][] => v.map((x) => [x]);

beforeEach(() => useHost("es"));

describe("errors Excel can show", () => {
  it("are CustomFunctions.Error with Excel's codes; #NUM! carries no message", () => {
    const v = toHostError(new FunctionError("#VALUE!", "mal")) as FakeExcelError;
    expect(v).toBeInstanceOf(FakeExcelError);
    expect([v.code, v.message]).toEqual(["#VALUE!", "mal"]);
    expect((toHostError(new FunctionError("#N/A", "no hay")) as FakeExcelError).code).toBe("#N/A");
    const n = toHostError(new FunctionError("#NUM!", "ignored")) as FakeExcelError;
    expect([n.code, n.message]).toEqual(["#NUM!", undefined]);
  });
  it("turn anything unexpected into #VALUE! rather than escaping", () => {
    const e = toHostError(new TypeError("boom")) as FakeExcelError;
    expect([e.code, e.message]).toEqual(["#VALUE!", "boom"]);
    expect((toHostError("plain") as FakeExcelError).message).toBe("plain");
  });
  it("fall back to FunctionError when there is no CustomFunctions global", () => {
    const g = globalThis as unknown as { CustomFunctions?: unknown };
    const saved = g.CustomFunctions;
    delete g.CustomFunctions;
    try {
      expect(toHostError(new FunctionError("#N/A", "x"))).toBeInstanceOf(FunctionError);
    } finally {
      g.CustomFunctions = saved;
    }
  });
});

describe("DAYSPASTDUE", () => {
  it("takes serials, day-first text, ISO text and SAP yyyymmdd", () => {
    expect(F.daysPastDue(serial("2026-10-01"), KEY)).toBe(30);
    expect(F.daysPastDue("01/10/2026", "31.10.2026")).toBe(30);
    expect(F.daysPastDue("2026-10-01", KEY)).toBe(30);
    expect(F.daysPastDue(20261001, KEY)).toBe(30);
    expect(F.daysPastDue(`${serial("2026-10-01")}`, KEY)).toBe(30); // a serial as text
    expect(F.daysPastDue(serial("2026-11-15") + 0.75, KEY)).toBe(-15); // a date-time: the time is dropped
  });
  it("uses today when the key date is omitted or empty", () => {
    expect(F.daysPastDue(serial("2026-10-21"))).toBe(10);
    expect(F.daysPastDue(serial("2026-10-21"), null)).toBe(10);
    expect(F.daysPastDue(serial("2026-10-21"), "")).toBe(10);
  });
  it("answers #VALUE! with a message in the user's language", () => {
    let e = excelError(() => F.daysPastDue(null, KEY));
    expect([e.code, e.message]).toEqual(["#VALUE!", "vencimiento: falta el valor"]);
    e = excelError(() => F.daysPastDue("31/02/2026", KEY));
    expect(e.message).toMatch(/^vencimiento: "31\/02\/2026" no es una fecha válida/);
    e = excelError(() => F.daysPastDue(true, KEY));
    expect(e.message).toBe("vencimiento: se esperaba una fecha");
    useHost("en");
    e = excelError(() => F.daysPastDue(KEY, "10/31/2026"));
    expect(e.message).toMatch(/^asOf: "10\/31\/2026" is not a valid date/);
  });
});

describe("BUCKET", () => {
  it("labels by days past due, in Spanish or English", () => {
    expect(F.bucket(serial("2026-10-31"), KEY)).toBe("corriente");
    expect(F.bucket(serial("2026-10-01"), KEY)).toBe("1-30");
    expect(F.bucket(serial("2026-09-30"), KEY)).toBe("31-60");
    expect(F.bucket(serial("2026-01-01"), KEY)).toBe("120+");
    useHost("en");
    expect(F.bucket(serial("2026-11-30"), KEY)).toBe("current");
  });
  it("takes edges as a range, an array constant or text", () => {
    const due = serial("2026-10-11"); // 20 days
    expect(F.bucket(due, KEY, [[15, 30, 60, 90]])).toBe("16-30");
    expect(F.bucket(due, KEY, col(15, 30, 60, 90))).toBe("16-30");
    expect(F.bucket(due, KEY, [["15,30,60,90"]])).toBe("16-30");
    expect(F.bucket(due, KEY, [["10; 15"]])).toBe("15+");
    expect(F.bucket(due, KEY, [[null]])).toBe("1-30");
  });
  it("rejects edges that do not increase", () => {
    const e = excelError(() => F.bucket(KEY, KEY, [[30, 15]]));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/^límites: los límites deben ser días enteros/);
    expect(excelError(() => F.bucket(KEY, KEY, [["treinta"]])).code).toBe("#VALUE!");
  });
});

describe("AGING", () => {
  const amounts = col(1000, "2,500.50", "100.25-", "", null, 0.1, 0.2);
  const dues = col(serial("2026-11-15"), "15/10/2026", serial("2026-08-01") /* 91 days */, "", null, serial("2026-01-01"), serial("2026-01-01"));

  it("spills labels and totals per bucket, exact to the centavo", () => {
    const r = F.aging(amounts, dues, KEY);
    expect(r).toEqual([
      ["corriente", "1-30", "31-60", "61-90", "91-120", "120+"],
      [1000, 2500.5, 0, 0, -100.25, 0.3],
    ]);
    // 0.1 + 0.2 in floating point is 0.30000000000000004; in centavos it is 30.
    expect((r[1][5] as number).toString()).toBe("0.3");
  });
  it("accepts row ranges and custom edges", () => {
    const r = F.aging([[100, 200]], [[serial("2026-10-21"), serial("2026-09-21")]], KEY, [["15,30"]]);
    expect(r).toEqual([
      ["corriente", "1-15", "16-30", "30+"],
      [0, 100, 0, 200],
    ]);
  });
  it("leaves out items cleared on or before the key date", () => {
    const cleared = col(serial("2026-10-31"), "", serial("2026-11-05"), null, null, null, null);
    const r = F.aging(amounts, dues, KEY, null as unknown as unknown[][], cleared);
    expect(r[1]).toEqual([0, 2500.5, 0, 0, -100.25, 0.3]);
  });
  it("says which cell is wrong", () => {
    let e = excelError(() => F.aging(col(100, "abc"), col(KEY, KEY), KEY));
    expect([e.code, e.message]).toEqual(["#VALUE!", 'importes, fila 2: "abc" no es un importe reconocido']);
    e = excelError(() => F.aging(col(100, 200), col(KEY, null), KEY));
    expect(e.message).toBe("vencimientos, fila 2: falta el valor");
    e = excelError(() => F.aging([[100, true]], [[KEY, KEY]], KEY));
    expect(e.message).toBe("importes, columna 2: se esperaba un importe");
    e = excelError(() => F.aging(col(1, 2), col(KEY), KEY));
    expect(e.message).toBe("vencimientos y importes deben tener el mismo número de celdas (1 y 2)");
    useHost("en");
    e = excelError(() => F.aging([[1, 2], [3, "x"]], [[KEY, KEY], [KEY, KEY]], KEY));
    expect(e.message).toBe('amounts, row 2, column 2: "x" is not a recognised amount');
  });
  it("ages a whole-column reference (mostly empty cells) quickly", () => {
    const n = 1_048_576;
    const am: unknown[][] = new Array(n);
    const du: unknown[][] = new Array(n);
    for (let i = 0; i < n; i++) {
      am[i] = [i < 3 ? 10 : ""];
      du[i] = [i < 3 ? KEY - i * 40 : ""];
    }
    const t0 = Date.now();
    expect(F.aging(am, du, KEY)[1]).toEqual([10, 0, 10, 10, 0, 0]); // 0, 40 and 80 days
    expect(Date.now() - t0).toBeLessThan(1500);
  });
});

describe("AGINGBY", () => {
  it("spills one row per customer, sorted, with bucket columns and a total", () => {
    const customers = col("0001000123", 1000456, "0001000123", "1000456", "0000900001");
    const amounts = col(100, 200, "300.10", 5, -50);
    const dues = col(KEY, serial("2026-09-01"), serial("2026-10-30"), KEY, serial("2026-10-01"));
    expect(F.agingBy(customers, amounts, dues, KEY)).toEqual([
      ["Cliente", "corriente", "1-30", "31-60", "61-90", "91-120", "120+", "Total"],
      ["0000900001", 0, -50, 0, 0, 0, 0, -50],
      ["0001000123", 100, 300.1, 0, 0, 0, 0, 400.1],
      [1000456, 5, 0, 200, 0, 0, 0, 205],
    ]);
  });
  it("uses English headers in English Excel and reports a missing customer", () => {
    useHost("en");
    expect(F.agingBy(col("A"), col(1), col(KEY), KEY, [[30]])).toEqual([
      ["Customer", "current", "1-30", "30+", "Total"],
      ["A", 1, 0, 0, 1],
    ]);
    const e = excelError(() => F.agingBy(col("A", ""), col(1, 2), col(KEY, KEY), KEY));
    expect(e.message).toBe("customers, row 2: the value is missing");
    expect(excelError(() => F.agingBy(col("A"), col(1, 2), col(KEY, KEY), KEY)).message).toMatch(/same number of cells/);
  });
});

describe("DUEDATE", () => {
  it("adds calendar days, SAP terms keys and text terms", () => {
    expect(F.dueDate(serial("2026-10-01"), 30)).toBe(serial("2026-10-31"));
    expect(F.dueDate("01/10/2026", "Z030")).toBe(serial("2026-10-31"));
    expect(F.dueDate(serial("2026-10-01"), "30 días")).toBe(serial("2026-10-31"));
    expect(F.dueDate(serial("2026-10-01"), "30")).toBe(serial("2026-10-31"));
    expect(F.dueDate(serial("2026-10-01"), 0)).toBe(serial("2026-10-01"));
  });
  it("ages terms with cash discount by their net period", () => {
    expect(F.dueDate(serial("2026-10-01"), "2/10N30")).toBe(serial("2026-10-31"));
    expect(F.dueDate(serial("2026-10-01"), "2/10 neto 30")).toBe(serial("2026-10-31"));
    expect(F.dueDate(serial("2026-10-01"), "2/10 net 30")).toBe(serial("2026-10-31"));
    expect(F.dueDate(serial("2026-10-01"), "NT30")).toBe(serial("2026-10-31"));
    expect(F.dueDate(serial("2026-10-01"), "N30")).toBe(serial("2026-10-31"));
    expect(F.dueDate(serial("2026-10-01"), "30 DD")).toBe(serial("2026-10-31"));
    expect(F.dueDate(serial("2026-10-01"), "ZB01")).toBe(serial("2026-11-15"));
    expect(F.dueDate(serial("2026-10-01"), "de contado")).toBe(serial("2026-10-01"));
    // Fri 2026-10-30 + net 3 business days → Wed 4 Nov.
    expect(F.dueDate(serial("2026-10-30"), "1/1 N3", [[]], true)).toBe(serial("2026-11-04"));
  });
  it("counts business days, skipping weekends and the holidays range, when asked", () => {
    const holidays = col(serial("2026-11-02"), "", "16/11/2026");
    // Fri 2026-10-30 + 1 business day, Monday 2 Nov a holiday → Tue 3 Nov.
    expect(F.dueDate(serial("2026-10-30"), 1, holidays, true)).toBe(serial("2026-11-03"));
    expect(F.dueDate(serial("2026-10-30"), 1, holidays, "VERDADERO")).toBe(serial("2026-11-03"));
    expect(F.dueDate(serial("2026-10-30"), 1, holidays, 1)).toBe(serial("2026-11-03"));
    expect(F.dueDate(serial("2026-10-30"), 1, holidays, false)).toBe(serial("2026-10-31"));
    expect(F.dueDate(serial("2026-10-30"), 1, null as unknown as unknown[][], true)).toBe(serial("2026-11-02"));
  });
  it("rejects unknown terms, bad holidays and bad flags", () => {
    expect(excelError(() => F.dueDate(KEY, "pronto")).message).toBe(
      'plazo: "pronto" no es una condición de pago conocida: defínala en la tabla de condiciones de pago o escriba los días (30, neto 30, 2/10 neto 30)',
    );
    expect(excelError(() => F.dueDate(KEY, "ZB02")).message).toMatch(/^plazo: "ZB02" no es una condición de pago conocida/);
    expect(excelError(() => F.dueDate(KEY, "30 días hábiles")).code).toBe("#VALUE!");
    expect(excelError(() => F.dueDate(KEY, -5)).code).toBe("#VALUE!");
    expect(excelError(() => F.dueDate(KEY, 1, col("nunca"), true)).message).toMatch(/^festivos, fila 1: "nunca" no es una fecha reconocida/);
    expect(excelError(() => F.dueDate(KEY, 1, [[]], "quizá")).message).toBe("días_hábiles: se esperaba VERDADERO o FALSO");
  });
});

describe("DSO, BPDSO, ADD", () => {
  it("computes the published simple example, with numbers as text", () => {
    expect(F.dso(150000, "1,800,000.00", "365")).toBeCloseTo(30.42, 2);
  });
  it("splits DSO into best possible and delinquent days", () => {
    const d = F.dso(150000, 1800000, 365);
    const b = F.bpdso(100000, 1800000, 365);
    expect(F.averageDaysDelinquent(150000, 100000, 1800000, 365)).toBeCloseTo(d - b, 10);
  });
  it("answers #NUM! with no sales and #VALUE! for a bad period or text", () => {
    expect(excelError(() => F.dso(100, 0, 30)).code).toBe("#NUM!");
    expect(excelError(() => F.bpdso(100, -1, 30)).code).toBe("#NUM!");
    expect(excelError(() => F.dso(100, 100, 0)).message).toBe("días: debe ser mayor que cero");
    expect(excelError(() => F.dso(100, 100, "treinta")).message).toBe('días: "treinta" no es un número');
    expect(excelError(() => F.averageDaysDelinquent(100, 50, "", 30)).message).toBe("ventas_crédito: falta el valor");
    expect(excelError(() => F.dso(false, 100, 30)).message).toBe("cartera: se esperaba un importe");
  });
});

describe("DSOCOUNTBACK", () => {
  it("matches the published example (212,000 on 70k, 80k, 100k → 73.7 days)", () => {
    expect(F.dsoCountBack(212000, col(70000, 80000, 100000))).toBeCloseTo(73.71, 2);
    expect(F.dsoCountBack(212000, [[70000, 80000, 100000]], [[30]])).toBeCloseTo(73.71, 2);
  });
  it("uses each month's days and skips empty months", () => {
    expect(F.dsoCountBack("2,100,000", col(700000, 800000, 900000, ""), col(31, 28, 31, ""))).toBeCloseTo(31 + 28 + (4 / 7) * 31, 10);
  });
  it("answers #N/A when the months do not cover the receivables", () => {
    const e = excelError(() => F.dsoCountBack(1000, col(100, 100)));
    expect([e.code, e.message]).toEqual(["#N/A", "las ventas de los 2 meses dados no alcanzan a cubrir la cartera: agregue meses anteriores"]);
    expect(excelError(() => F.dsoCountBack(-1, col(100))).code).toBe("#NUM!");
    expect(excelError(() => F.dsoCountBack(1, col(-100))).message).toBe("ventas_mensuales: las ventas de un mes no pueden ser negativas");
    expect(excelError(() => F.dsoCountBack(1, col(100, 100), col(30, 30, 30))).code).toBe("#VALUE!");
    expect(excelError(() => F.dsoCountBack(1, col(null))).message).toBe("ventas_mensuales: falta el valor");
  });
});

describe("CEI", () => {
  it("matches the published example (98 %) and divides sales by N months", () => {
    expect(F.cei(100000, 1000000, 120000, 100000)).toBeCloseTo(98, 10);
    expect(F.cei("6,200.00", "10,890.00", "6,340.00", "3,590.00")).toBeCloseTo(79.63, 2);
    expect(F.cei(6200, 10890, 6340, 3590, 3)).toBeCloseTo((3490 / 6240) * 100, 10);
    expect(F.cei(6200, 10890, 6340, 3590, "3")).toBeCloseTo((3490 / 6240) * 100, 10);
  });
  it("answers #NUM! for a zero denominator and #VALUE! for a bad N", () => {
    expect(excelError(() => F.cei(100, 0, 50, 100)).code).toBe("#NUM!");
    expect(excelError(() => F.cei(1, 1, 1, 0, 0)).message).toBe("meses: se esperaba un número entero de 1 a 120");
  });
});

describe("AVGDAYSTOPAY", () => {
  it("weighs days after due by amount and skips unpaid invoices", () => {
    const r = F.avgDaysToPay(col(1000, "3,000.00", 500), col(serial("2026-10-01"), "01/10/2026", KEY), col(serial("2026-10-11"), serial("2026-09-29"), ""));
    expect(r).toBeCloseTo((1000 * 10 + 3000 * -2) / 4000, 10);
  });
  it("answers #N/A when nothing was paid", () => {
    const e = excelError(() => F.avgDaysToPay(col(100), col(KEY), col(null)));
    expect([e.code, e.message]).toEqual(["#N/A", "no hay facturas pagadas (importe positivo con fecha de pago)"]);
    expect(excelError(() => F.avgDaysToPay(col(100), col(null), col(KEY))).message).toBe("vencimientos, fila 1: falta el valor");
  });
});

describe("CREDITAVAILABLE", () => {
  it("is limit − balance − open orders, exact and possibly negative", () => {
    expect(F.creditAvailable(100000, "60,000.10", 39999.8)).toBe(0.1);
    expect(F.creditAvailable(100000, 60000)).toBe(40000);
    expect(F.creditAvailable(100000, 90000, "")).toBe(10000);
    expect(F.creditAvailable(100000, 90000, 20000)).toBe(-10000);
  });
  it("needs a limit", () => {
    expect(excelError(() => F.creditAvailable(null, 1)).message).toBe("límite: falta el valor");
  });
});

describe("RELEASE", () => {
  it("releases or holds with every reason, in Spanish", () => {
    expect(F.release(10000, 100000, 50000, 0)).toBe("LIBERAR");
    expect(F.release(10000, 100000, 50000, 10, 15)).toBe("LIBERAR");
    expect(F.release(10000, 100000, 95000, 45, "")).toBe("RETENER: 45 días de atraso (tolerancia 15); excede el límite de crédito por $5,000.00");
    // The default tolerance is the credit review policy's (release.toleranceDays = 15).
    expect(F.release(10000, 100000, 50000, 15)).toBe("LIBERAR");
    expect(F.release(10000, 100000, 50000, 16)).toBe("RETENER: 16 días de atraso (tolerancia 15)");
    expect(F.release(10000, 100000, 50000, 16, 0)).toBe("RETENER: 16 días de atraso (tolerancia 0)");
  });
  it("and in English", () => {
    useHost("en");
    expect(F.release(10000, 100000, 50000, -3)).toBe("RELEASE");
    expect(F.release("1,000.50", 1000, 0, 0)).toBe("HOLD: over the credit limit by $0.50");
  });
  it("rejects negative orders and limits", () => {
    expect(excelError(() => F.release(-1, 100, 0, 0)).message).toBe("importe_pedido: no puede ser negativo");
    expect(excelError(() => F.release(1, 100, 0, "mucho")).code).toBe("#VALUE!");
  });
});

describe("CHEQUEINDEMNITY", () => {
  it("is 20 % of the cheque, rounded to the centavo", () => {
    expect(F.chequeIndemnity(10000)).toBe(2000);
    expect(F.chequeIndemnity("1,234.57")).toBe(246.91);
    expect(F.chequeIndemnity(0.03)).toBe(0.01);
    expect(excelError(() => F.chequeIndemnity(-5)).code).toBe("#VALUE!");
  });
});

describe("LATEINTEREST", () => {
  it("uses the legal 6 % when the rate is empty, on a 360-day year by default", () => {
    expect(F.lateInterest(100000, null, serial("2026-10-01"), KEY)).toBe(500);
    expect(F.lateInterest(100000, "", serial("2026-10-01"), KEY, 365)).toBe(493.15);
  });
  it("takes agreed rates as numbers or text, exactly", () => {
    expect(F.lateInterest("1,234.56", 0.36, serial("2026-09-16"), KEY)).toBe(55.56);
    expect(F.lateInterest("1,234.56", "36%", serial("2026-09-16"), KEY)).toBe(55.56);
    // 0.50 at 29 % for 360 days is exactly 14.5 centavos: rounds up, although 50 × 0.29 < 14.5 in binary.
    expect(F.lateInterest(0.5, 0.29, KEY, KEY + 360)).toBe(0.15);
  });
  it("accrues to today when the payment date is empty, and is 0 when paid on time", () => {
    expect(F.lateInterest(100000, 0.06, serial("2026-10-01"), null)).toBe(500);
    expect(F.lateInterest(100000, 0.06, KEY, serial("2026-10-01"))).toBe(0);
  });
  it("refuses a rate written as a whole number and a bad basis", () => {
    const e = excelError(() => F.lateInterest(100, 6, KEY, KEY));
    expect(e.message).toBe("tasa_anual: 6 equivale a 600% anual; para el 6 % escriba 6% o 0.06");
    expect(excelError(() => F.lateInterest(100, 0.06, KEY, KEY, 364)).message).toBe("base: la base debe ser 360 o 365 días");
    expect(excelError(() => F.lateInterest(100, "alta", KEY, KEY)).code).toBe("#VALUE!");
    expect(excelError(() => F.lateInterest(100, -0.1, KEY, KEY)).code).toBe("#VALUE!");
  });
});

describe("PAYMENTPLAN", () => {
  it("spills a header and one row per instalment matching PMT", () => {
    const r = F.paymentPlan(100000, 12, 0.12, serial("2026-11-30"));
    expect(r[0]).toEqual(["No.", "Fecha", "Pago", "Interés", "Capital", "Saldo"]);
    expect(r[1]).toEqual([1, serial("2026-11-30"), 8884.88, 1000, 7884.88, 92115.12]);
    expect(r).toHaveLength(13);
    expect(r[12][5]).toBe(0);
    expect(r[2][1]).toBe(serial("2026-12-30"));
    let principal = 0;
    for (const row of r.slice(1)) principal += Math.round((row[4] as number) * 100);
    expect(principal).toBe(10000000);
  });
  it("takes text inputs, no rate and a frequency", () => {
    useHost("en");
    const r = F.paymentPlan("1,000.00", "3", "", "30/11/2026", 15);
    expect(r).toEqual([
      ["No.", "Date", "Payment", "Interest", "Principal", "Balance"],
      [1, serial("2026-11-30"), 333.33, 0, 333.33, 666.67],
      [2, serial("2026-12-15"), 333.33, 0, 333.33, 333.34],
      [3, serial("2026-12-30"), 333.34, 0, 333.34, 0],
    ]);
  });
  it("rejects impossible plans", () => {
    expect(excelError(() => F.paymentPlan(0, 3, 0, KEY)).message).toBe("importe: debe ser mayor que cero");
    expect(excelError(() => F.paymentPlan(100, 0, 0, KEY)).message).toBe("parcialidades: se esperaba un número entero de 1 a 600");
    expect(excelError(() => F.paymentPlan(100, 2.5, 0, KEY)).code).toBe("#VALUE!");
    expect(excelError(() => F.paymentPlan(100, 2, 0, null)).message).toBe("primera_fecha: falta el valor");
  });
});

describe("CLABEVALID, CLABEBANK and RFCVALID", () => {
  it("CLABEVALID checks the check digit, the plaza and the bank, and never throws", () => {
    expect(F.clabeValid("002010077777777771")).toBe(true);
    expect(F.clabeValid("002 010 07777777777 1")).toBe(true);
    expect(F.clabeValid("002010077777777772")).toBe(false);
    // Banxico's old example: the check digit is right, but bank 032 is no longer in SPEI.
    expect(F.clabeValid("032180000118359719")).toBe(false);
    expect(F.clabeValid("002000000000000008")).toBe(false); // plaza 000
    // Typed as a number, an 18-digit CLABE has already lost its last digits (Excel keeps 15).
    expect(F.clabeValid(Number("002010077777777771"))).toBe(false);
    expect(F.clabeValid(null)).toBe(false);
    expect(F.clabeValid(true)).toBe(false);
  });
  it("CLABEBANK names the bank", () => {
    expect(F.clabeBank("002010077777777771")).toBe("BANAMEX");
    expect(F.clabeBank(" 723-010-12345678901-9 ")).toBe("CUENCA");
    expect(F.clabeBank("012180001234567899")).toBe("BBVA MEXICO"); // check digits computed for the test
    expect(F.clabeBank("646180157042875763")).toBe("STP");
  });
  it("CLABEBANK answers #VALUE! for a malformed CLABE, saying why", () => {
    let e = excelError(() => F.clabeBank("01218000123456789"));
    expect([e.code, e.message]).toEqual(["#VALUE!", 'clabe: "01218000123456789" tiene 17 dígitos; una CLABE tiene 18']);
    e = excelError(() => F.clabeBank("012180001234567890"));
    expect([e.code, e.message]).toEqual(["#VALUE!", 'clabe: "012180001234567890": el dígito verificador no corresponde; revise que la CLABE esté bien copiada']);
    e = excelError(() => F.clabeBank("002000000000000008"));
    expect([e.code, e.message]).toEqual(["#VALUE!", 'clabe: "002000000000000008": la plaza 000 no existe']);
    e = excelError(() => F.clabeBank(Number("012180001234567899")));
    expect([e.code, e.message]).toEqual(["#VALUE!", "clabe: escriba la CLABE como texto (como número pierde los ceros iniciales y Excel conserva solo 15 dígitos)"]);
    e = excelError(() => F.clabeBank(""));
    expect([e.code, e.message]).toEqual(["#VALUE!", "clabe: falta el valor"]);
    e = excelError(() => F.clabeBank(true));
    expect([e.code, e.message]).toEqual(["#VALUE!", 'clabe: "TRUE": una CLABE solo lleva dígitos (18)']);
    useHost("en");
    e = excelError(() => F.clabeBank("0121800012345678X7"));
    expect([e.code, e.message]).toEqual(["#VALUE!", 'clabe: "0121800012345678X7": a CLABE has digits only (18)']);
  });
  it("CLABEBANK answers #N/A for a bank code that is not in SPEI", () => {
    let e = excelError(() => F.clabeBank("032180000118359719"));
    expect([e.code, e.message]).toEqual([
      "#N/A",
      'clabe: "032180000118359719": el código de banco 032 no está en el catálogo de participantes del SPEI de Banxico (al 23/03/2026)',
    ]);
    useHost("en");
    e = excelError(() => F.clabeBank("999180000118359713"));
    expect([e.code, e.message]).toEqual(["#N/A", 'clabe: "999180000118359713": bank code 999 is not in Banxico\'s catalogue of SPEI participants (as of 2026-03-23)']);
  });
  it("RFCVALID checks shape and date by default, the check digit when strict", () => {
    expect(F.rfcValid("WMT970714R10")).toBe(true);
    expect(F.rfcValid("wmt-970714-r10")).toBe(true);
    expect(F.rfcValid("XAXX010101000", true)).toBe(true);
    expect(F.rfcValid("COMG600703")).toBe(true);
    expect(F.rfcValid("COMG600703", true)).toBe(false);
    expect(F.rfcValid("MUÑ110218LJ6", "VERDADERO")).toBe(true);
    // A real RFC whose check digit does not verify (python-stdnum's tests).
    expect(F.rfcValid("SIN9311169P8")).toBe(true);
    expect(F.rfcValid("SIN9311169P8", true)).toBe(false);
    expect(F.rfcValid("SIN9311169P8", 1)).toBe(false);
    expect(F.rfcValid("SIN9311169P8", "")).toBe(true);
    expect(F.rfcValid("SIN9311169P8", false)).toBe(true);
    expect(F.rfcValid("CACA580710NF7")).toBe(false);
    expect(F.rfcValid("WMT971314R10")).toBe(false);
    expect(F.rfcValid("")).toBe(false);
    expect(F.rfcValid(12)).toBe(false);
    const e = excelError(() => F.rfcValid("WMT970714R10", "quizá"));
    expect([e.code, e.message]).toEqual(["#VALUE!", "estricto: se esperaba VERDADERO o FALSO"]);
  });
});

describe("AMOUNT and DATE", () => {
  it("read SAP-style amounts", () => {
    expect(F.amountFromText("1,234.56-")).toBe(-1234.56);
    expect(F.amountFromText("(1,234.56)")).toBe(-1234.56);
    expect(F.amountFromText("$1,234.56")).toBe(1234.56);
    expect(F.amountFromText("1.234,56")).toBe(1234.56);
    expect(F.amountFromText(12.34)).toBe(12.34);
    expect(F.amountFromText("")).toBe(0);
    expect(F.amountFromText(null)).toBe(0);
    expect(F.amountFromText("", ",")).toBe(0);
    expect(excelError(() => F.amountFromText("doce")).message).toBe('texto: "doce" no es un importe reconocido');
  });
  it("refuse 1.000 and 1,000 unless told the decimal separator", () => {
    expect(excelError(() => F.amountFromText("1.000")).message).toBe(
      'texto: "1.000" puede ser 1000 o 1; indique el separador decimal ("." o ",") en separador_decimal',
    );
    expect(excelError(() => F.amountFromText("1,000")).code).toBe("#VALUE!");
    expect(F.amountFromText("1.000", ".")).toBe(1);
    expect(F.amountFromText("1.000", ",")).toBe(1000);
    expect(F.amountFromText("1,000", ".")).toBe(1000);
    expect(F.amountFromText("1,000", " , ")).toBe(1);
    expect(F.amountFromText("12.345,67-", ",")).toBe(-12345.67);
    expect(F.amountFromText("1,234.56", "")).toBe(1234.56);
    expect(excelError(() => F.amountFromText("1,234.56", ",")).message).toBe('texto: "1,234.56" usa "." como separador decimal, pero la columna usa ","');
    expect(excelError(() => F.amountFromText("1.000", ";")).message).toBe('separador_decimal: el separador decimal debe ser "." o ","');
    useHost("en");
    expect(excelError(() => F.amountFromText("1,000")).message).toBe(
      'text: "1,000" may be 1000 or 1; give the decimal separator ("." or ",") in decimalSeparator',
    );
  });
  it("refuse more decimals than pesos have, and amounts past the maximum", () => {
    expect(excelError(() => F.amountFromText(12.345)).message).toBe('texto: "12.345" tiene más decimales de los que admite MXN (2); no se redondea');
    expect(excelError(() => F.amountFromText("0.001")).code).toBe("#VALUE!");
    expect(excelError(() => F.amountFromText("12.345", ".")).code).toBe("#VALUE!");
    expect(F.amountFromText(0.1 + 0.2)).toBe(0.3);
    expect(F.amountFromText("9,999,999,999,999.99")).toBe(9999999999999.99);
    expect(excelError(() => F.amountFromText("10,000,000,000,000.00")).message).toBe(
      'texto: "10,000,000,000,000.00" es un importe demasiado grande (el máximo es 9,999,999,999,999.99)',
    );
  });
  it("read day-first dates into serials, never month-first", () => {
    expect(F.dateFromText("31.10.2026")).toBe(KEY);
    expect(F.dateFromText("31/10/2026")).toBe(KEY);
    expect(F.dateFromText("2026-10-31")).toBe(KEY);
    expect(F.dateFromText("31-oct-2026")).toBe(KEY);
    expect(F.dateFromText("20261031")).toBe(KEY);
    expect(F.dateFromText(KEY)).toBe(KEY);
    expect(F.dateFromText("05/03/2026")).toBe(serial("2026-03-05"));
    expect(excelError(() => F.dateFromText("10/31/2026")).code).toBe("#VALUE!");
    expect(excelError(() => F.dateFromText("")).message).toBe("texto: falta el valor");
  });
  it("keep the 1900 system's phantom 29 Feb 1900 out", () => {
    expect(excelError(() => F.dateFromText(60)).code).toBe("#VALUE!");
    expect(F.dateFromText(61)).toBe(61);
    expect(F.dateFromText(59)).toBe(59);
  });
});
