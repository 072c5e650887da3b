import { describe as describeProblem, type Problem } from "../../../../src/core/messages";
import { applyPayments } from "../../../../src/core/reconcile/payments/engine";
import { buildPaymentsReport } from "../../../../src/core/reconcile/payments/paymentsReport";
import { DEFAULT_POLICY } from "../../../../src/core/reconcile/payments/policy";
import { postingRows } from "../../../../src/core/reconcile/payments/posting";
import { reviewPayments, type PaymentDecision } from "../../../../src/core/reconcile/payments/review";
import type { BankLine } from "../../../../src/core/tables/bankStatement";
import type { LedgerItem } from "../../../../src/core/tables/ledger";
import { customer, invoice, statement } from "./fixtures";

const es = (p: Problem) => describeProblem(p, "es");

// Customer 100 pays invoice A-1 by reference; 200 pays an amount nothing identifies; 300 has two invoices.
const a1 = invoice("0000000100", "9000000001", 116_000, "2026-09-01", { reference: "A-1001" });
const a2 = invoice("0000000100", "9000000002", 50_000, "2026-09-03", { reference: "A-1002" });
const b1 = invoice("0000000200", "9000000011", 7_777_700, "2026-09-02", { reference: "B-2001" });
const c1 = invoice("0000000300", "9000000021", 40_000, "2026-08-01", { reference: "C-3001" });
const c2 = invoice("0000000300", "9000000022", 60_000, "2026-08-15", { reference: "C-3002" });
const usd = invoice("0000000300", "9000000023", 60_000, "2026-08-20", { reference: "C-3003", currency: "USD" });
const open = [a1, a2, b1, c1, c2, usd];
const customers = [customer("0000000100", "Materiales Uno"), customer("0000000200", "Dos Construcciones"), customer("0000000300", "Tres Acabados", { bankReferences: ["7654321"] })];

const lines: BankLine[] = statement([
  { date: "2026-10-05", description: "SPEI RECIBIDOBANORTE / 0141401703 072 0000000PAGO FACT A-1001", deposit: 116_000 },
  { date: "2026-10-05", description: "DEPOSITO EFECTIVO SUCURSAL 0123", deposit: 7_777_700 },
  { date: "2026-10-06", description: "SPEI RECIBIDOHSBC / 0180899095 021 7654321 ANTICIPO", deposit: 70_000 },
  { date: "2026-10-06", description: "COMISION SPEI", charge: 500 },
]);

const result = applyPayments({ lines, headerRow: 1, open, customers, policy: DEFAULT_POLICY });
const review = (decisions: [number, PaymentDecision][], undecided?: "pending" | "accept") => reviewPayments({ result, decisions: new Map(decisions), lines, policy: DEFAULT_POLICY, undecided });
const assign = (cust: string, docs: LedgerItem[], evidence?: Problem[]): PaymentDecision => ({ action: "assign", customer: cust, customerName: "", documents: docs, evidence });

test("the matcher's answer this review starts from", () => {
  expect(result.matches.map((m) => [m.bankLine, m.rule, m.customer])).toEqual([
    [1, "reference", "0000000100"],
    [2, "uniqueAmount", "0000000200"],
  ]);
  expect(result.unmatched.map((u) => u.bankLine)).toEqual([3]);
});

test("accepting every proposal gives the matcher's result back, line for line", () => {
  const r = review([], "accept");
  expect(r.result.matches.map((m) => ({ ...m, reviewed: undefined }))).toEqual(result.matches.map((m) => ({ ...m, reviewed: undefined })));
  expect(r.result.unmatched).toEqual(result.unmatched);
  expect(r.result.stats).toEqual(result.stats);
  expect(postingRows(r.result)).toEqual(postingRows(result));
  expect(r.counts).toEqual({ accepted: 2, rejected: 0, assigned: 0, pending: 0 });
});

test("a proposal nobody decided is not posted: it waits as unmatched with the proposal as suggestion", () => {
  const r = review([[1, { action: "accept" }]]);
  expect(r.result.matches.map((m) => m.bankLine)).toEqual([1]);
  const pending = r.result.unmatched.find((u) => u.bankLine === 2)!;
  expect(es(pending.reason)).toContain("sin revisar");
  expect(pending.suggestions.map((s) => [s.customer, s.documents.map((d) => d.documentNumber), s.rule])).toEqual([["0000000200", ["9000000011"], "uniqueAmount"]]);
  expect(postingRows(r.result).map((p) => p.document)).toEqual(["9000000001"]);
  expect(r.counts).toEqual({ accepted: 1, rejected: 0, assigned: 0, pending: 1 });
  // Not counted as that customer's unapplied cash: nobody confirmed whose it is.
  expect(r.result.unapplied.map((u) => u.customer)).not.toContain("0000000200");
});

test("a rejected proposal becomes unmatched, says the analyst rejected it, and frees its invoice", () => {
  const r = review([
    [1, { action: "accept" }],
    [2, { action: "reject" }],
  ]);
  const u = r.result.unmatched.find((x) => x.bankLine === 2)!;
  expect(es(u.reason)).toBe("el analista rechazó la propuesta (0000000200)");
  expect(r.result.stats).toMatchObject({ matched: 1, unmatched: 2 });
  expect(r.result.stats.autoMatchRate).toBeCloseTo(1 / 3);
  expect(r.counts.rejected).toBe(1);
});

test("an unmatched deposit assigned by hand: partial payment oldest first, labelled as the analyst's", () => {
  const r = review([[3, assign("0000000300", [c2, c1])]]);
  const m = r.result.matches.find((x) => x.bankLine === 3)!;
  expect(m.rule).toBe("analyst");
  expect(m.reviewed).toBe("assigned");
  expect(m.applied.map((a) => [a.item.documentNumber, a.applied, a.residual])).toEqual([
    ["9000000021", 40_000, 0],
    ["9000000022", 30_000, 30_000],
  ]);
  expect(m.difference).toBe(-30_000);
  expect(m.evidence.map(es)).toEqual(["asignado por el analista en la revisión", expect.stringContaining("pago parcial")]);
  expect(r.result.stats.byRule.analyst).toBe(1);
  expect(postingRows(r.result).filter((p) => p.bankLine === 3).map((p) => [p.type, p.document, p.amount, p.residual])).toEqual([
    ["clear", "9000000021", 40_000, 0],
    ["partial", "9000000022", 30_000, 30_000],
  ]);
  // The automatic rate counts only the rules' own matches.
  expect(r.result.stats.autoMatchRate).toBe(0);
});

test("more than the invoices: the rest goes on account as the customer's unapplied cash", () => {
  const r = review([[3, assign("0000000300", [c1])]]);
  const m = r.result.matches.find((x) => x.bankLine === 3)!;
  expect([m.leftover, m.difference]).toEqual([30_000, 30_000]);
  expect(r.result.unapplied).toEqual([expect.objectContaining({ customer: "0000000300", leftover: 30_000, total: 30_000, bankLines: [3] })]);
});

test("a difference the policy knows (a bank fee) is booked to its account, not left open", () => {
  const r = review([[2, assign("0000000100", [a2])]]);
  // 77,777.00 against 500.00 open: over, so the rest is on account; an invoice of 77,778.23 would leave a fee.
  expect(r.result.matches.find((x) => x.bankLine === 2)!.leftover).toBe(7_727_700);
  const fee = invoice("0000000100", "9000000003", 7_777_823, "2026-09-04");
  const f = reviewPayments({ result, decisions: new Map([[2, assign("0000000100", [fee])]]), lines, policy: DEFAULT_POLICY });
  const m = f.result.matches.find((x) => x.bankLine === 2)!;
  expect(m.adjustment).toMatchObject({ kind: "bankFee", amount: 123 });
  expect(m.applied[0]).toMatchObject({ applied: 7_777_823, residual: 0 });
});

test("reassigning a proposal to another customer's invoice keeps the suggestion's evidence", () => {
  const evidence: Problem[] = [{ code: "payments.ev.amountExact" }];
  const r = review([[2, assign("0000000300", [c1, c2], evidence)]]);
  const m = r.result.matches.find((x) => x.bankLine === 2)!;
  expect([m.customer, m.rule, m.applied.length]).toEqual(["0000000300", "analyst", 2]);
  expect(m.evidence.map(es)[1]).toBe("importe igual al de la factura");
});

test("never twice: an invoice an accepted match pays cannot be assigned again; the deposit stays unapplied with the reason", () => {
  const r = review([
    [1, { action: "accept" }],
    [3, assign("0000000100", [a1])],
  ]);
  expect(r.problems.map((p) => [p.bankLine, es(p.problem)])).toEqual([[3, "9000000001 ya la paga la línea 1: no se aplica dos veces"]]);
  expect(r.result.matches.map((m) => m.bankLine)).toEqual([1]);
  expect(es(r.result.unmatched.find((u) => u.bankLine === 3)!.reason)).toContain("ya la paga la línea 1");
});

test("two assignments share what is left of an invoice, and the second one that finds nothing left is refused", () => {
  const r = review([
    [2, assign("0000000300", [c2])],
    [3, assign("0000000300", [c2])],
  ]);
  // Line 2 (77,777.00) clears c2 (600.00) and leaves the rest on account; line 3 finds nothing of c2 left.
  expect(r.result.matches.map((m) => [m.bankLine, m.applied[0]?.applied])).toEqual([[2, 60_000]]);
  expect(r.problems.map((p) => p.bankLine)).toEqual([3]);
});

test("a document of another customer or currency, or none at all, is refused with its reason", () => {
  const r = review([
    [2, assign("0000000300", [a2])],
    [3, assign("0000000300", [usd])],
  ]);
  expect(r.problems.map((p) => es(p.problem))).toEqual(["9000000002 es del cliente 0000000100, no del elegido", "9000000023 está en USD y el depósito en MXN"]);
  expect(review([[3, assign("0000000300", [])]]).problems.map((p) => es(p.problem))).toEqual(["elija al menos una factura abierta para asignar el depósito"]);
});

test("the reviewed Report: a row for the analyst's rule and the review in the notes", () => {
  const r = review([
    [1, { action: "accept" }],
    [2, { action: "reject" }],
    [3, assign("0000000300", [c1, c2])],
  ]);
  const report = buildPaymentsReport({ result: r.result, lang: "es", asOf: lines[0].date!, bankSource: "bbva.csv", ledgerSource: "fbl5n.txt", openItems: open.length, rejected: { bank: [], ledger: [] } });
  const summary = report.sheets[0];
  expect(summary.rows.map((row) => row[0])).toContain("asignado por el analista");
  expect(summary.notes.join("\n")).toContain("Revisión del analista: 1 propuestas aceptadas, 1 rechazadas, 1 asignadas a mano, 0 sin revisar");
  // The matcher's own result is untouched by the review.
  expect(result.matches.map((m) => m.reviewed)).toEqual([undefined, undefined]);
});
