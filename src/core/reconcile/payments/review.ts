/**
 * The analyst's review of a cash application, before anything is posted: each proposed match
 * is accepted, rejected or reassigned, and an unmatched deposit can be assigned by hand to a
 * customer's open invoices. The reviewed result has the same shape as the matcher's, so the
 * one Report and the one posting file are built from it; a decision that cannot be carried
 * out (an invoice another deposit already pays, a document of another currency) is refused
 * with its reason and the deposit stays unapplied — never applied half-right.
 */
import type { Problem } from "../../messages";
import { formatMoney, type Centavos } from "../../money";
import type { BankLine } from "../../tables/bankStatement";
import { customerKey } from "../../tables/customers";
import type { LedgerItem } from "../../tables/ledger";
import { itemDay } from "./book";
import { adjustmentEvidence, classifyDifference, paymentStats, unappliedCash, type AppliedDocument, type PaymentMatch, type PaymentsResult, type PaymentUnmatched, type ReviewCounts, type Suggestion } from "./engine";
import type { PaymentsPolicy } from "./policy";

export type { ReviewCounts } from "./engine";

export type PaymentDecision =
  | { action: "accept" }
  | { action: "reject" }
  /** To these open invoices of the customer (from a suggestion, or picked by hand), oldest first. */
  | { action: "assign"; customer: string; customerName: string; documents: readonly LedgerItem[]; evidence?: readonly Problem[] };

export interface ReviewProblem {
  bankLine: number;
  problem: Problem;
}

export interface ReviewInput {
  result: PaymentsResult;
  /** By bankLine. */
  decisions: ReadonlyMap<number, PaymentDecision>;
  lines: readonly BankLine[];
  policy: PaymentsPolicy;
  /** What a proposal nobody decided becomes: left unposted (the pane), or accepted as proposed. */
  undecided?: "pending" | "accept";
}

export interface PaymentsReview {
  result: PaymentsResult;
  problems: ReviewProblem[];
  counts: ReviewCounts;
}

function proposal(m: PaymentMatch): Suggestion {
  return { customer: m.customer, customerName: m.customerName, documents: m.applied.map((a) => a.item), openTotal: m.openTotal, difference: m.difference, rule: m.rule, evidence: m.evidence };
}

function asUnmatched(m: PaymentMatch, reason: Problem): PaymentUnmatched {
  return { line: m.line, bankLine: m.bankLine, amount: m.amount, currency: m.currency, reason, suggestions: [proposal(m)] };
}

function oldestFirst(a: LedgerItem, b: LedgerItem): number {
  return itemDay(a) - itemDay(b) || a.row - b.row;
}

export function reviewPayments(input: ReviewInput): PaymentsReview {
  const { result, decisions, policy } = input;
  const undecided = input.undecided ?? "pending";
  const counts: ReviewCounts = { accepted: 0, rejected: 0, assigned: 0, pending: 0 };
  const problems: ReviewProblem[] = [];
  const matches: PaymentMatch[] = [];
  const unmatched: PaymentUnmatched[] = [];
  /** What each invoice has applied by an accepted match or an earlier assignment, and by which line. */
  const taken = new Map<LedgerItem, { amount: Centavos; bankLine: number }>();
  const take = (item: LedgerItem, amount: Centavos, bankLine: number) => {
    const t = taken.get(item);
    taken.set(item, { amount: (t?.amount ?? 0) + amount, bankLine });
  };
  const toAssign: { deposit: { line: BankLine; bankLine: number; amount: Centavos; currency: string }; decision: Extract<PaymentDecision, { action: "assign" }>; fallback: PaymentUnmatched }[] = [];

  // Accepted proposals first: they hold their invoices against any hand assignment.
  for (const m of result.matches) {
    const d = decisions.get(m.bankLine) ?? (undecided === "accept" ? { action: "accept" as const } : undefined);
    if (d?.action === "accept") {
      counts.accepted++;
      for (const a of m.applied) take(a.item, a.applied, m.bankLine);
      matches.push({ ...m, reviewed: "accepted" });
    } else if (d?.action === "reject") {
      counts.rejected++;
      unmatched.push(asUnmatched(m, { code: "payments.why.rejected", params: { customer: m.customer } }));
    } else if (d?.action === "assign") {
      toAssign.push({ deposit: m, decision: d, fallback: asUnmatched(m, { code: "payments.why.rejected", params: { customer: m.customer } }) });
    } else {
      counts.pending++;
      unmatched.push(asUnmatched(m, { code: "payments.why.pending" }));
    }
  }
  for (const u of result.unmatched) {
    const d = decisions.get(u.bankLine);
    if (d?.action === "assign") toAssign.push({ deposit: u, decision: d, fallback: u });
    else unmatched.push(u);
  }

  // Copies: a reversal of a deposit assigned here learns its customer without changing the matcher's result.
  const returnedCheques = result.returnedCheques.map((r) => ({ ...r }));
  const chargeReversals = result.reversals.map((r) => ({ ...r }));
  const reversals = [...returnedCheques, ...chargeReversals];
  toAssign.sort((a, b) => a.deposit.bankLine - b.deposit.bankLine);
  for (const { deposit, decision, fallback } of toAssign) {
    const refuse = (problem: Problem) => {
      problems.push({ bankLine: deposit.bankLine, problem });
      unmatched.push({ ...fallback, reason: problem });
    };
    const docs = [...decision.documents].sort(oldestFirst);
    if (docs.length === 0) {
      refuse({ code: "payments.review.noDocuments" });
      continue;
    }
    const key = customerKey(decision.customer);
    const wrong =
      docs.find((it) => customerKey(it.customer) !== key) ??
      docs.find((it) => it.currency !== deposit.currency) ??
      docs.find((it) => it.amount - (taken.get(it)?.amount ?? 0) <= 0);
    if (wrong) {
      if (customerKey(wrong.customer) !== key) refuse({ code: "payments.review.otherCustomer", params: { document: wrong.documentNumber, customer: wrong.customer } });
      else if (wrong.currency !== deposit.currency) refuse({ code: "payments.review.currency", params: { document: wrong.documentNumber, currency: wrong.currency, deposit: deposit.currency } });
      else refuse({ code: "payments.review.taken", params: { document: wrong.documentNumber, line: taken.get(wrong)!.bankLine } });
      continue;
    }
    counts.assigned++;
    const open = docs.map((it) => it.amount - (taken.get(it)?.amount ?? 0));
    const openTotal = open.reduce((a, b) => a + b, 0);
    const adjustment = classifyDifference(policy.tolerance, openTotal, deposit.amount, docs.length) ?? undefined;
    const money = (c: Centavos) => formatMoney(c, deposit.currency);
    const evidence: Problem[] = [{ code: "payments.ev.analyst" }, ...(decision.evidence ?? [])];
    // Short and not a known difference: a partial payment, oldest invoice first.
    const partial = !adjustment && deposit.amount < openTotal;
    const leftover = !adjustment && deposit.amount > openTotal ? deposit.amount - openTotal : 0;
    const applied: AppliedDocument[] = [];
    let left = deposit.amount;
    docs.forEach((item, k) => {
      const amount = partial ? Math.min(open[k], left) : open[k];
      if (amount <= 0) return;
      left -= amount;
      take(item, amount, deposit.bankLine);
      applied.push({ item, open: open[k], applied: amount, residual: open[k] - amount });
    });
    if (adjustment) evidence.push(adjustmentEvidence(adjustment, deposit.currency));
    else if (partial) evidence.push({ code: "payments.ev.partial", params: { open: money(openTotal) } });
    else if (leftover > 0) evidence.push({ code: "payments.ev.leftover", params: { amount: money(leftover) } });
    const reversal = reversals.find((r) => r.reverses === deposit.bankLine);
    if (reversal && !reversal.customer) {
      reversal.customer = decision.customer;
      reversal.customerName = decision.customerName;
    }
    matches.push({
      line: deposit.line,
      bankLine: deposit.bankLine,
      rule: "analyst",
      customer: decision.customer,
      customerName: decision.customerName,
      currency: deposit.currency,
      amount: deposit.amount,
      applied,
      openTotal,
      difference: deposit.amount - openTotal,
      adjustment,
      leftover,
      evidence,
      ...(reversal ? { reversedBy: reversal.bankLine } : {}),
      reviewed: "assigned",
    });
  }

  matches.sort((a, b) => a.bankLine - b.bankLine);
  unmatched.sort((a, b) => a.bankLine - b.bankLine);
  const reviewed: PaymentsResult = {
    ...result,
    matches,
    unmatched,
    returnedCheques,
    reversals: chargeReversals,
    unapplied: unappliedCash(matches, unmatched),
    stats: paymentStats(input.lines, result.stats.depositAmount, result.stats.deposits, matches, unmatched),
    review: counts,
  };
  return { result: reviewed, problems, counts };
}
