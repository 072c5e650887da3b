import { describe as describeProblem } from "../../../../src/core/messages";
import { applyPayments, withholdingOf, type PaymentsInput } from "../../../../src/core/reconcile/payments/engine";
import { DEFAULT_POLICY, type PaymentsPolicy } from "../../../../src/core/reconcile/payments/policy";
import { postingRows } from "../../../../src/core/reconcile/payments/posting";
import type { BankLine } from "../../../../src/core/tables/bankStatement";
import type { Customer } from "../../../../src/core/tables/customers";
import type { LedgerItem } from "../../../../src/core/tables/ledger";
import { customer, day, invoice, statement } from "./fixtures";

function run(lines: BankLine[], open: LedgerItem[], customers: Customer[] = [], extra: Partial<PaymentsInput> = {}, policy: PaymentsPolicy = DEFAULT_POLICY) {
  return applyPayments({ lines, headerRow: 1, open, customers, policy, ...extra });
}

const es = (p: { code: never } | Parameters<typeof describeProblem>[0]) => describeProblem(p as Parameters<typeof describeProblem>[0], "es");

describe("rule 1: invoice numbers and references in the description", () => {
  const a1 = invoice("0001000123", "9000012345", 1_160_000, "2026-09-01", { reference: "A-23456" });
  const a2 = invoice("0001000123", "9000012346", 580_050, "2026-09-05", { reference: "A-23457" });
  const a3 = invoice("0001000123", "0090012345", 232_000, "2026-09-10", { reference: "B-1802" });
  const other = invoice("0002000456", "9000012399", 999_999, "2026-09-02", { reference: "A-23475" });
  const open = [a1, a2, a3, other];

  test("a series-and-number reference, with the amount exact, is applied and says why", () => {
    const r = run(statement([{ date: "2026-10-20", description: "SPEI RECIBIDOBANORTE / 0141401703 072 0000000PAGO FACT A-23456", deposit: 1_160_000 }]), open);
    expect(r.matches).toHaveLength(1);
    const m = r.matches[0];
    expect([m.bankLine, m.rule, m.customer, m.applied.map((a) => a.item.documentNumber), m.difference]).toEqual([1, "reference", "0001000123", ["9000012345"], 0]);
    expect(m.evidence.map(es).join("; ")).toContain("«A23456» es 9000012345 (A-23456)");
    expect(r.stats).toMatchObject({ deposits: 1, matched: 1, autoMatchRate: 1 });
  });

  test("a document number without its leading zeros, and several documents in one line", () => {
    const r = run(statement([
      { date: "2026-10-20", description: "PAGO CUENTA DE TERCERO / 0041782016 BNET 0113831760 FACT 90012345", deposit: 232_000 },
      { date: "2026-10-21", description: "SPEI RECIBIDOSANTANDER / 0187654321 014 1234567FACTS A23456 Y A-23457", deposit: 1_740_050 },
    ]), open);
    expect(r.matches.map((m) => [m.bankLine, m.applied.map((a) => a.item.documentNumber)])).toEqual([
      [1, ["0090012345"]],
      [2, ["9000012345", "9000012346"]],
    ]);
  });

  test("a number without its series fits only when the amount does", () => {
    const r = run(statement([
      { date: "2026-10-20", description: "SPEI RECIBIDOBANAMEX / 0155551234 002 0000001 PAGO FACTURA 23457", deposit: 580_050 },
      { date: "2026-10-20", description: "SPEI RECIBIDOBANAMEX / 0155551235 002 0000001 PAGO FACTURA 1802", deposit: 100_000 },
    ]), open);
    expect(r.matches.map((m) => m.bankLine)).toEqual([1]);
    expect(r.matches[0].evidence.map(es)[0]).toBe("«23457» (sin serie) es 9000012346 (A-23457)");
    expect(r.unmatched.map((u) => u.bankLine)).toEqual([2]);
  });

  test("a number one keystroke off is read as the invoice whose amount it pays exactly", () => {
    // A-23475 exists, for another customer and another amount: the typo must not be taken literally.
    const r = run(statement([{ date: "2026-10-20", description: "SPEI RECIBIDOBBVA / 0111111111 012 0000000 PAGO FAC A-23475", deposit: 580_050 }]), open);
    expect(r.matches).toHaveLength(1);
    expect(r.matches[0].applied[0].item.documentNumber).toBe("9000012346");
    expect(r.matches[0].evidence.map(es)[0]).toContain("difiere en un carácter de 9000012346 (A-23457)");
  });

  test("a partial payment that says so leaves the rest open; dates and amounts in the text are not invoice numbers", () => {
    const r = run(statement([{ date: "2026-10-20", description: "DEPOSITO EFECTIVO ABONO A FACT A-23456 DEL 15/10/2026 POR 1,160,000.00", deposit: 500_000 }]), open);
    const m = r.matches[0];
    expect(m.applied.map((a) => [a.item.documentNumber, a.applied, a.residual])).toEqual([["9000012345", 500_000, 660_000]]);
    expect(m.difference).toBe(-660_000);
    expect(postingRows(r).map((p) => [p.type, p.amount, p.residual])).toEqual([["partial", 500_000, 660_000]]);
  });

  test("a partial payment without a word or an identified payer is not guessed", () => {
    const r = run(statement([{ date: "2026-10-20", description: "SPEI RECIBIDOHSBC / 0100000001 021 0000000 FACT A-23456", deposit: 500_000 }]), open);
    expect(r.matches).toHaveLength(0);
    expect(es(r.unmatched[0].reason)).toContain("menciona 9000012345 (A-23456)");
  });
});

describe("rules 2 and 3: the payer, then its invoices", () => {
  const pena = customer("1000123", "Constructora Peña Hernández, S.A. de C.V.", { bankReferences: ["9990008"], accounts: ["012180001138317608"], rfc: "CPH010101AB1" });
  const lopez = customer("2000456", "Ferretería López Hermanos, S. de R.L. de C.V.", { bankReferences: ["7770001"] });
  const inv = [
    invoice("0001000123", "9000000001", 1_000_000, "2026-07-01"),
    invoice("0001000123", "9000000002", 250_000, "2026-07-15"),
    invoice("0001000123", "9000000003", 400_000, "2026-08-01"),
    invoice("0001000123", "9000000004", 730_000, "2026-08-20"),
    invoice("0001000123", "9000000005", 500_000, "2026-09-01"),
    invoice("0002000456", "9000000010", 330_000, "2026-08-01", { text: "Flete a obra" }),
    invoice("0002000456", "9000000011", 100_000, "2026-08-02"),
  ];

  test("the bank reference identifies the payer; one invoice has the amount", () => {
    const r = run(statement([{ date: "2026-10-20", description: "SPEI RECIBIDOBANORTE / 0141401703 072 9990008PAGO MATERIALES", deposit: 400_000 }]), inv, [pena, lopez]);
    expect(r.matches.map((m) => [m.rule, m.customer, m.applied.map((a) => a.item.documentNumber)])).toEqual([["payer", "0001000123", ["9000000003"]]]);
    expect(r.matches[0].evidence.map(es)).toEqual(["referencia bancaria 9990008 de 0001000123", "importe igual a 9000000003"]);
  });

  test("the oldest invoices in a row, and a combination the bounded search finds alone", () => {
    const r = run(statement([
      { date: "2026-10-20", description: "PAGO CUENTA DE TERCERO / 0041782016 BNET 0113831760 PAGO OCT", deposit: 1_250_000 },
      { date: "2026-10-21", description: "PAGO CUENTA DE TERCERO / 0041782017 BNET 0113831760 PAGO", deposit: 1_230_000 },
    ]), inv, [pena, lopez]);
    expect(r.matches.map((m) => [m.bankLine, m.applied.map((a) => a.item.documentNumber)])).toEqual([
      [1, ["9000000001", "9000000002"]],
      [2, ["9000000004", "9000000005"]],
    ]);
    expect(es(r.matches[0].evidence[0])).toBe("cuenta 0113831760 de 0001000123");
    expect(es(r.matches[0].evidence[1])).toContain("las 2 facturas más antiguas");
    expect(es(r.matches[1].evidence[1])).toContain("la única combinación de 2 facturas");
  });

  test("two combinations that fit equally are proposed, never chosen", () => {
    const twins = [
      invoice("0001000123", "9100000001", 300_000, "2026-07-01"),
      invoice("0001000123", "9100000002", 200_000, "2026-07-02"),
      invoice("0001000123", "9100000003", 100_000, "2026-07-03"),
      invoice("0001000123", "9100000004", 400_000, "2026-07-04"),
    ];
    // 500,000 = 300,000 + 200,000 (the oldest two) is taken: oldest first is the policy.
    // 600,000 = 200,000 + 400,000 = 300,000 + 200,000 + 100,000 … : left for review.
    const r = run(statement([{ date: "2026-10-20", description: "SPEI RECIBIDO 9990008", deposit: 700_000 }]), twins, [pena]);
    expect(r.matches).toHaveLength(0);
    expect(es(r.unmatched[0].reason)).toMatch(/aplicaciones igual de buenas/);
    expect(r.unmatched[0].suggestions.length).toBeGreaterThanOrEqual(2);
  });

  test("a bank fee or a withholding short of the invoice goes to its account", () => {
    const wh = withholdingOf(330_000, DEFAULT_POLICY.tolerance.withholdings[0]);
    expect(wh).toBe(11_379); // 4 % of 3,300.00 ÷ 1.16
    const r = run(statement([
      { date: "2026-10-20", description: "SPEI RECIBIDOBANORTE / 0141401703 072 7770001", deposit: 330_000 - wh },
      { date: "2026-10-20", description: "SPEI RECIBIDOBANORTE / 0141401704 072 9990008", deposit: 730_000 - 696 },
    ]), inv, [pena, lopez]);
    expect(r.matches.map((m) => [m.rule, m.applied[0].item.documentNumber, m.adjustment?.kind, m.adjustment?.amount, m.adjustment?.account])).toEqual([
      ["tolerance", "9000000010", "withholding", wh, "IVA retenido por clientes"],
      ["tolerance", "9000000004", "bankFee", 696, "Comisiones bancarias"],
    ]);
    const rows = postingRows(r).filter((p) => p.bankLine === 1);
    expect(rows.map((p) => [p.type, p.amount])).toEqual([["clear", 330_000], ["difference", wh]]);
  });

  test("a name cut short by the bank identifies the payer; the RFC too", () => {
    const r = run(statement([
      { date: "2026-10-20", description: "SPEI RECIBIDOBANAMEX / 0155551234 002 0000001CONSTRUCTORA PENA HERNAN", deposit: 250_000 },
      { date: "2026-10-20", description: "SPEI RECIBIDOBANAMEX / 0155551235 002 0000001 RFC CPH010101AB1", deposit: 1_000_000 },
    ]), inv, [pena, lopez]);
    expect(r.matches.map((m) => [m.rule, m.customer, m.applied[0].item.documentNumber])).toEqual([["payer", "0001000123", "9000000002"], ["payer", "0001000123", "9000000001"]]);
    expect(es(r.matches[0].evidence[0])).toBe("nombre «CONSTRUCTORA PENA HERNAN» de 0001000123");
  });

  test("two customers with the same bank reference: review, never a guess", () => {
    const twin = customer("3000789", "Grupo Atlas S.A.P.I. de C.V.", { bankReferences: ["9990008"] });
    const r = run(statement([{ date: "2026-10-20", description: "SPEI RECIBIDOBANORTE / 0141401703 072 9990008", deposit: 400_000 }]), inv, [pena, lopez, twin]);
    expect(r.matches).toHaveLength(0);
    expect(es(r.unmatched[0].reason)).toBe("la referencia bancaria 9990008 es de varios clientes (1000123, 3000789): revisar, no se adivina");
    expect(r.unmatched[0].suggestions.map((s) => s.documents[0].documentNumber)).toEqual(["9000000003"]);
    expect(r.sharedIdentifiers).toEqual([{ how: "bankReference", value: "9990008", customers: ["1000123", "3000789"] }]);
  });

  test("a payer without open items, and a payer whose invoices do not fit, land in unapplied cash", () => {
    const idle = customer("4000001", "Urbanizadora Celaya, S.A. de C.V.", { bankReferences: ["5550001"] });
    const r = run(statement([
      { date: "2026-10-20", description: "SPEI RECIBIDO / 0100000001 072 5550001", deposit: 100_000 },
      { date: "2026-10-20", description: "SPEI RECIBIDO / 0100000002 072 7770001", deposit: 12_345 },
    ]), inv, [pena, lopez, idle]);
    expect(r.unmatched.map((u) => es(u.reason))).toEqual([
      "referencia bancaria 5550001 identifica a 4000001, que no tiene partidas abiertas en el libro",
      "referencia bancaria 7770001 identifica a 0002000456, pero ninguna factura abierta ni combinación suya da el importe",
    ]);
    expect(r.unapplied.map((u) => [u.customer, u.unapplied])).toEqual([["4000001", 100_000], ["0002000456", 12_345]]);
  });

  test("an overpayment naming its invoice leaves the rest on the customer's account", () => {
    const r = run(statement([{ date: "2026-10-20", description: "SPEI RECIBIDO / 0100000003 072 7770001 FACT 9000000011", deposit: 150_000 }]), inv, [pena, lopez]);
    const m = r.matches[0];
    expect([m.rule, m.leftover, m.difference]).toEqual(["reference", 50_000, 50_000]);
    expect(r.unapplied).toEqual([expect.objectContaining({ customer: "0002000456", leftover: 50_000, total: 50_000 })]);
    expect(postingRows(r).map((p) => p.type)).toEqual(["clear", "on_account"]);
  });
});

describe("rule 4: a unique amount", () => {
  const open = [invoice("0001", "1", 1_234_567, "2026-09-01"), invoice("0002", "2", 500_000, "2026-09-01"), invoice("0003", "3", 500_000, "2026-09-02"), invoice("0004", "4", 50_000, "2026-09-02")];

  test("one open item with the amount is applied; two are proposed; a small one waits", () => {
    const r = run(statement([
      { date: "2026-10-20", description: "DEPOSITO EFECTIVO PRACTIC", deposit: 1_234_567 },
      { date: "2026-10-20", description: "DEPOSITO EFECTIVO SUC 0421", deposit: 500_000 },
      { date: "2026-10-21", description: "DEPOSITO EFECTIVO SUC 0422", deposit: 50_000 },
    ]), open);
    expect(r.matches.map((m) => [m.bankLine, m.rule, m.customer])).toEqual([[1, "uniqueAmount", "0001"]]);
    expect(r.unmatched.map((u) => [u.bankLine, es(u.reason), u.suggestions.length])).toEqual([
      [2, "nada identifica al ordenante y 2 partidas abiertas tienen este importe", 2],
      [3, "nada identifica al ordenante; una sola partida abierta tiene este importe, pero es menor que el mínimo de la regla 4 ($1,000.00)", 1],
    ]);
  });

  test("an invoice dated after the deposit is not paid by it (policy)", () => {
    const r = run(statement([{ date: "2026-08-01", description: "DEPOSITO EFECTIVO", deposit: 1_234_567 }]), open);
    expect(r.matches).toHaveLength(0);
    const allowed = run(statement([{ date: "2026-08-01", description: "DEPOSITO EFECTIVO", deposit: 1_234_567 }]), open, [], {}, { ...DEFAULT_POLICY, invoicesAfterDeposit: true });
    expect(allowed.matches).toHaveLength(1);
  });
});

describe("review lists", () => {
  const a = invoice("0001000123", "9000012345", 1_160_000, "2026-09-01", { reference: "A-23456" });
  const b = invoice("0001000123", "9000012346", 480_000, "2026-09-03", { reference: "A-23457" });
  const paid = invoice("0001000123", "9000011111", 700_000, "2026-08-01", { reference: "A-20001", clearingDate: day("2026-09-30") });

  test("duplicate deposits: same date, amount and reference; the repeat waits", () => {
    const line = { date: "2026-10-20", description: "SPEI RECIBIDOBANORTE / 0141401703 072 0000000PAGO FACT A-23456", deposit: 1_160_000 };
    const r = run(statement([line, line]), [a, b]);
    expect(r.duplicates).toEqual([{ bankLines: [1, 2], date: day("2026-10-20"), amount: 1_160_000, reference: line.description }]);
    expect(r.matches.map((m) => m.bankLine)).toEqual([1]);
    expect(es(r.unmatched[0].reason)).toContain("repite la línea 1");
  });

  test("an invoice already cleared, or already paid earlier in the statement: a possible double payment", () => {
    const r = run(statement([
      { date: "2026-10-20", description: "SPEI RECIBIDO / 0100000001 072 PAGO FACT A-20001", deposit: 700_000 },
      { date: "2026-10-20", description: "SPEI RECIBIDO / 0100000002 072 PAGO FACT A-23457", deposit: 480_000 },
      { date: "2026-10-22", description: "SPEI RECIBIDO / 0100000003 072 PAGO FACT A-23457", deposit: 480_000 },
    ]), [a, b], [], { cleared: [paid] });
    expect(r.matches.map((m) => m.bankLine)).toEqual([2]);
    expect(r.doublePayments).toEqual([
      { bankLine: 1, kind: "alreadyCleared", document: "9000011111", customer: "0001000123", amount: 700_000, clearingDate: day("2026-09-30") },
      { bankLine: 3, kind: "paidEarlier", document: "9000012346", customer: "0001000123", amount: 480_000, earlierBankLine: 2 },
    ]);
    expect(r.unmatched.map((u) => es(u.reason))).toEqual([
      "paga 9000011111, que ya estaba compensada el 30/09/2026: posible doble pago",
      "paga 9000012346, ya aplicada a la línea 2 de este estado de cuenta: posible doble pago",
    ]);
  });

  test("a returned cheque is linked to the deposit it reverses, with the 20 % indemnity; fees are listed; posting leaves it out", () => {
    const r = run(statement([
      { date: "2026-10-19", description: "DEPOSITO CHEQUE BANORTE 0004521 FACT A-23457", deposit: 480_000 },
      { date: "2026-10-20", description: "SPEI RECIBIDO / 0100000002 072 PAGO FACT A-23456", deposit: 1_160_000 },
      { date: "2026-10-21", description: "CHEQUE DEVUELTO 0004521 FALTA DE FONDOS", charge: 480_000 },
      { date: "2026-10-21", description: "COMISION CHEQUE DEVUELTO", charge: 20_000 },
      { date: "2026-10-21", description: "IVA COMISION CHEQUE DEVUELTO", charge: 3_200 },
    ]), [a, b]);
    expect(r.returnedCheques).toEqual([expect.objectContaining({ bankLine: 3, reverses: 1, customer: "0001000123", amount: 480_000, indemnity: 96_000 })]);
    expect(r.fees.map((f) => [f.bankLine, f.amount])).toEqual([[4, 20_000], [5, 3_200]]);
    expect(r.matches.find((m) => m.bankLine === 1)!.reversedBy).toBe(3);
    expect(postingRows(r).map((p) => p.bankLine)).toEqual([2]);
    expect(r.stats).toMatchObject({ deposits: 2, charges: 3 });
  });

  test("a statement with only charges has nothing to apply and says so", () => {
    const r = run(statement([{ date: "2026-10-21", description: "COMISION SPEI", charge: 500 }, { date: "2026-10-21", description: "SALDO ANTERIOR" }]), [a]);
    expect(r.stats).toMatchObject({ deposits: 0, matched: 0, autoMatchRate: 0, charges: 1, zeroLines: 1 });
    expect(r.unmatched).toEqual([]);
  });
});

test("every posting line adds up to its deposit: Σ applied − Σ differences + on account", () => {
  const pena = customer("1000123", "Constructora Peña", { bankReferences: ["9990008"] });
  const open = [invoice("0001000123", "9000000001", 100_000, "2026-09-01"), invoice("0001000123", "9000000002", 200_000, "2026-09-02", { reference: "A-2" }), invoice("0001000123", "9000000003", 300_000, "2026-09-03")];
  const r = run(statement([
    { date: "2026-10-20", description: "SPEI 9990008", deposit: 99_950 },
    { date: "2026-10-20", description: "SPEI 9990008 FACT A-0002 ", deposit: 250_000 },
    { date: "2026-10-20", description: "SPEI 9990008 ABONO FACT 9000000003", deposit: 120_000 },
  ]), open, [pena]);
  expect(r.matches).toHaveLength(3);
  const rows = postingRows(r);
  for (const m of r.matches) {
    let total = 0;
    for (const p of rows.filter((x) => x.bankLine === m.bankLine)) total += p.type === "difference" ? -p.amount : p.amount;
    expect(total).toBe(m.amount);
  }
});
