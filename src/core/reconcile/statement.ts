import { isOpenAt } from "../aging/aging";
import { formatDayFirst, formatIsoDate, type CivilDay } from "../dates";
import { InputError } from "../errors";
import type { Problem } from "../messages";
import type { Centavos } from "../money";
import type { TheirItem } from "../tables/counterparty";
import type { LedgerItem } from "../tables/ledger";
import { documentKey, findUuids, parseCitations, type Cited } from "./remissions";

/**
 * Our ledger against the customer's (conciliación de saldos): the customer's listing of what
 * it owes us is matched to our open items by document number (normalised: `F-0012345`,
 * `A 12345` and `12345` are one), our SAP number or reference, or the CFDI UUID; one of theirs
 * may group or pay several of ours. Every difference is classified, and the statement always
 * adds up: ourBalance + Σ effect = theirBalance, an `unexplained` item closing any gap.
 */
export type ItemType = "payment-in-transit" | "credit-note-not-recorded" | "invoice-not-recorded" | "amount-difference" | "unexplained";

/** The order of the signed statement. */
export const ITEM_TYPES: readonly ItemType[] = ["payment-in-transit", "credit-note-not-recorded", "invoice-not-recorded", "amount-difference", "unexplained"];

export type TheirSign = "receivable" | "payable";

export interface StatementOptions {
  asOf: CivilDay;
  /**
   * How their listing signs what they owe us: `receivable` (our invoices positive, as in our
   * books) or `payable` (our invoices negative, as in their accounts payable). When absent it
   * is read from the documents both sides carry, and an unclear answer stops the run.
   */
  theirSign?: TheirSign;
  /** The balance they state (their letter, the total they print), when given; else the sum of their rows. */
  theirStatedBalance?: Centavos;
}

export interface ReconcilingItem {
  type: ItemType;
  /** Our document number, or their reference (their document number when they cite none). */
  document: string;
  /** Our reference (the CFDI folio) for our items. */
  reference: string;
  date: CivilDay | null;
  /** Our amount (0 when the item is theirs alone). */
  ours: Centavos;
  /** Their amount, in our sign (0 when the item is ours alone). */
  theirs: Centavos;
  effect: Centavos;
  /** The document's own text (ours), or their concept. */
  text: string;
  ourItems: LedgerItem[];
  theirItems: TheirItem[];
  note?: Problem;
}

export interface MatchedDocument {
  ours: LedgerItem;
  theirs: TheirItem;
  ourAmount: Centavos;
  /** In our sign. */
  theirAmount: Centavos;
}

export interface StatementAmbiguity {
  theirs: TheirItem;
  cited: string;
  candidates: LedgerItem[];
}

export interface StatementResult {
  asOf: CivilDay;
  ourBalance: Centavos;
  theirBalance: Centavos;
  /** The sum of their rows, in our sign. */
  theirListedBalance: Centavos;
  matched: MatchedDocument[];
  items: ReconcilingItem[];
  subtotals: { type: ItemType; count: number; effect: Centavos }[];
  reconciles: boolean;
  sign: { sign: TheirSign; decidedBy: "option" | "documents"; agree: number; disagree: number };
  ambiguous: StatementAmbiguity[];
  /** Citations of theirs that could not be read without a guess. */
  unreadable: { theirs: TheirItem; problem: Problem }[];
  /** Our items open at the key date (what ourBalance adds up). */
  open: LedgerItem[];
}

const CREDIT_TYPES = new Set(["DG", "G2", "NC", "CR", "KG", "NCR", "CM"]);
const PAYMENT_TYPES = new Set(["DZ", "KZ", "ZP", "PA", "PAG", "PAGO", "P", "TR", "TRANSF", "CH", "CHQ", "DEP"]);
const CREDIT_WORDS = /nota de cr[eé]dito|\bn\.?\s?c\.?\b|credit (memo|note)|bonificaci[oó]n|descuento|devoluci[oó]n|rebate/i;
const PAYMENT_WORDS = /\b(pagos?|payment|transferencia|transf|spei|cheque|chq|dep[oó]sito|remesa|wire|ach|anticipo)\b|^spei|\bspei\d/i;

/**
 * Whether a document is a credit note or a payment: its document type decides when it is a
 * known one (SAP's DG, DZ…); else the words of its type and texts, and when they say both
 * (`Bonificación por pronto pago`) it is neither for sure.
 */
function kindOf(type: string, texts: readonly string[]): { credit: boolean; payment: boolean } {
  const t = type.trim().toUpperCase();
  if (CREDIT_TYPES.has(t)) return { credit: true, payment: false };
  if (PAYMENT_TYPES.has(t)) return { credit: false, payment: true };
  const text = [type, ...texts].join(" ");
  return { credit: CREDIT_WORDS.test(text), payment: PAYMENT_WORDS.test(text) };
}

interface Indexed {
  item: LedgerItem;
  /** Keys of the document's own numbers (SAP number, reference) and of its assignment. */
  own: Cited[];
  assignment: Cited | null;
  uuids: string[];
}

function indexOurs(items: readonly LedgerItem[]) {
  const own = new Map<string, Indexed[]>();
  const assignment = new Map<string, Indexed[]>();
  const uuid = new Map<string, Indexed[]>();
  const add = (m: Map<string, Indexed[]>, k: string, x: Indexed) => {
    const list = m.get(k);
    if (!list) m.set(k, [x]);
    else if (!list.includes(x)) list.push(x);
  };
  for (const item of items) {
    const x: Indexed = { item, own: [], assignment: null, uuids: [] };
    for (const field of [item.documentNumber, item.reference]) {
      if (findUuids(field).length) continue;
      const k = documentKey(field);
      if (k) x.own.push(k);
    }
    x.assignment = findUuids(item.assignment).length ? null : documentKey(item.assignment);
    x.uuids = [...findUuids(item.reference), ...findUuids(item.assignment), ...findUuids(item.text)];
    for (const k of x.own) add(own, k.key, x);
    if (x.assignment) add(assignment, x.assignment.key, x);
    for (const u of x.uuids) add(uuid, u, x);
  }
  return { own, assignment, uuid };
}

type Index = ReturnType<typeof indexOurs>;

interface Resolution {
  targets: LedgerItem[];
  /** Citations that matched nothing open, with what our closed or later items say of them. */
  unresolved: { cited: Cited; other?: LedgerItem }[];
  ambiguous: { cited: string; candidates: LedgerItem[] }[];
  problem?: Problem;
}

function resolve(t: TheirItem, open: Index, other: Index): Resolution {
  const res: Resolution = { targets: [], unresolved: [], ambiguous: [] };
  const add = (x: LedgerItem) => {
    if (!res.targets.includes(x)) res.targets.push(x);
  };
  const uuids = [...new Set([...findUuids(t.uuid), ...findUuids(t.reference), ...findUuids(t.text)])];
  for (const u of uuids) {
    const found = open.uuid.get(u);
    if (found && found.length === 1) add(found[0].item);
    else if (found && found.length > 1) res.ambiguous.push({ cited: u, candidates: found.map((x) => x.item) });
  }
  if (res.targets.length > 0 || res.ambiguous.length > 0) return res;
  // Their reference cites our invoice(s); their own document number only when they cite none.
  let parsed = parseCitations(t.reference);
  if (parsed.cited.length === 0 && !parsed.problem) parsed = parseCitations(t.document);
  if (parsed.problem) res.problem = parsed.problem;
  const single = parsed.cited.length === 1;
  for (const c of parsed.cited) {
    let cands = open.own.get(c.key) ?? open.assignment.get(c.key);
    if (!cands) {
      const o = other.own.get(c.key) ?? other.assignment.get(c.key);
      res.unresolved.push({ cited: c, other: o && o.length === 1 ? o[0].item : undefined });
      continue;
    }
    if (cands.length > 1) {
      const narrow = (keep: (x: Indexed) => boolean) => {
        const n = cands!.filter(keep);
        if (n.length > 0) cands = n;
      };
      if (c.prefix) narrow((x) => x.own.some((k) => k.key === c.key && k.prefix === c.prefix) || (x.assignment?.key === c.key && x.assignment.prefix === c.prefix));
      if (cands.length > 1 && single) narrow((x) => Math.abs(x.item.amount) === Math.abs(t.amount));
      if (cands.length > 1) {
        res.ambiguous.push({ cited: c.written, candidates: cands.map((x) => x.item) });
        continue;
      }
    }
    add(cands[0].item);
  }
  return res;
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/** A date inside a message, as each language writes it. */
function dateParams(day: CivilDay): Record<string, string> {
  return { "date.es": formatDayFirst(day), "date.en": formatIsoDate(day) };
}

function ourDate(o: LedgerItem): CivilDay | null {
  return o.documentDate ?? o.postingDate;
}

/**
 * Reconciles our items of one customer (all of them: those open at the key date are the
 * balance, the others explain what they still show) against their listing, in one currency.
 */
export function reconcileStatement(ours: readonly LedgerItem[], theirs: readonly TheirItem[], options: StatementOptions): StatementResult {
  const open = ours.filter((o) => isOpenAt(o, options.asOf) && o.amount !== 0);
  const openIndex = indexOurs(open);
  const otherIndex = indexOurs(ours.filter((o) => !isOpenAt(o, options.asOf)));
  const resolutions = theirs.map((t) => resolve(t, openIndex, otherIndex));

  // Which sign their listing uses, from documents both sides carry: one of theirs for one of
  // ours, same amount but for the sign; failing those, any one-to-one pair.
  let sign: StatementResult["sign"];
  if (options.theirSign) {
    sign = { sign: options.theirSign, decidedBy: "option", agree: 0, disagree: 0 };
  } else {
    // One vote per document of ours: the one row of theirs that cites it alone with the same
    // amount but for the sign (an invoice and its full payment both citing it cast none).
    const count = (strict: boolean) => {
      const candidates = new Map<LedgerItem, number[]>();
      resolutions.forEach((r, j) => {
        if (r.targets.length !== 1) return;
        const o = r.targets[0].amount;
        const t = theirs[j].amount;
        if (o === 0 || t === 0 || (strict && Math.abs(o) !== Math.abs(t))) return;
        const list = candidates.get(r.targets[0]);
        if (list) list.push(j);
        else candidates.set(r.targets[0], [j]);
      });
      let agree = 0;
      let disagree = 0;
      for (const [o, js] of candidates) {
        if (js.length !== 1) continue;
        if (Math.sign(o.amount) === Math.sign(theirs[js[0]].amount)) agree++;
        else disagree++;
      }
      return { agree, disagree };
    };
    let c = count(true);
    if (c.agree + c.disagree === 0) c = count(false);
    const n = c.agree + c.disagree;
    // Three in four must agree: a few sign errors in their listing are differences, not the convention.
    if (n === 0 || (c.agree * 4 < n * 3 && c.disagree * 4 < n * 3)) {
      throw new InputError({ code: "statement.signUndecided", params: { agree: c.agree, disagree: c.disagree } });
    }
    sign = { sign: c.agree >= c.disagree ? "receivable" : "payable", decidedBy: "documents", agree: c.agree, disagree: c.disagree };
  }
  const factor = sign.sign === "payable" ? -1 : 1;
  const theirAmount = theirs.map((t) => (t.amount === 0 ? 0 : factor * t.amount));

  // Documents linked by citations form groups, each explained on its own.
  const ourId = new Map(open.map((o, i) => [o, i]));
  const parent = [...open.map((_, i) => i), ...theirs.map((_, j) => open.length + j)];
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  resolutions.forEach((r, j) => {
    for (const o of r.targets) parent[find(open.length + j)] = find(ourId.get(o)!);
  });
  const groups = new Map<number, { ours: number[]; theirs: number[] }>();
  const groupOf = (i: number) => {
    const root = find(i);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { ours: [], theirs: [] }));
    return g;
  };
  open.forEach((_, i) => groupOf(i).ours.push(i));
  theirs.forEach((_, j) => groupOf(open.length + j).theirs.push(j));

  const matched: MatchedDocument[] = [];
  const items: ReconcilingItem[] = [];
  const ourItem = (o: LedgerItem, type: ItemType, note?: Problem): ReconcilingItem => ({ type, document: o.documentNumber, reference: o.reference, date: ourDate(o), ours: o.amount, theirs: 0, effect: -o.amount, text: o.text, ourItems: [o], theirItems: [], note });
  const theirItem = (j: number, type: ItemType, note?: Problem): ReconcilingItem => {
    const t = theirs[j];
    return { type, document: t.reference || t.document || t.uuid, reference: "", date: t.date, ours: 0, theirs: theirAmount[j], effect: theirAmount[j], text: t.text, ourItems: [], theirItems: [t], note };
  };
  const unmatchedOurs = (o: LedgerItem) => {
    if (o.amount > 0) return items.push(ourItem(o, "invoice-not-recorded"));
    const k = kindOf(o.documentType, [o.text]);
    if (k.credit && !k.payment) return items.push(ourItem(o, "credit-note-not-recorded"));
    items.push(ourItem(o, "unexplained", { code: k.payment ? "statement.note.ourPayment" : "statement.note.ourCredit" }));
  };
  const unmatchedTheirs = (j: number, settlement: boolean) => {
    const a = theirAmount[j];
    if (a === 0) return;
    const t = theirs[j];
    const r = resolutions[j];
    const k = kindOf(t.type, [t.text, t.reference, t.document]);
    if (a < 0) {
      // Against our open invoice, a credit that is not a credit note is their payment.
      if (k.payment && !k.credit) return items.push(theirItem(j, "payment-in-transit"));
      if (settlement && !k.credit) return items.push(theirItem(j, "payment-in-transit"));
      return items.push(theirItem(j, "unexplained", { code: k.credit ? "statement.note.theirCredit" : "statement.note.theirCreditUnknown" }));
    }
    const other = r.unresolved.find((u) => u.other)?.other;
    let note: Problem;
    if (r.ambiguous.length) note = { code: "statement.note.ambiguous", params: { candidates: r.ambiguous[0].candidates.map((c) => c.documentNumber).join(", ") } };
    else if (other && other.postingDate !== null && other.postingDate > options.asOf) note = { code: "statement.note.postedAfter", params: { document: other.documentNumber, ...dateParams(other.postingDate) } };
    else if (other && other.clearingDate !== null) note = { code: "statement.note.cleared", params: { document: other.documentNumber, ...dateParams(other.clearingDate) } };
    else note = { code: "statement.note.notInOurBooks" };
    items.push(theirItem(j, "unexplained", note));
  };

  for (const g of groups.values()) {
    const O = g.ours.map((i) => open[i]);
    if (g.theirs.length === 0) {
      for (const o of O) unmatchedOurs(o);
      continue;
    }
    if (O.length === 0) {
      for (const j of g.theirs) unmatchedTheirs(j, false);
      continue;
    }
    // A row of theirs with the sign of the documents it cites records them; with the other sign it settles them.
    const records: number[] = [];
    const settlements: number[] = [];
    for (const j of g.theirs) {
      const targets = resolutions[j].targets;
      const s = Math.sign(sum(targets.map((o) => o.amount)));
      const a = theirAmount[j];
      if (a === 0 || Math.sign(a) === s) records.push(j);
      else settlements.push(j);
    }
    const recorded = new Set<LedgerItem>();
    const recordCount = new Map<LedgerItem, number>();
    for (const j of records) {
      for (const o of resolutions[j].targets) {
        recorded.add(o);
        recordCount.set(o, (recordCount.get(o) ?? 0) + 1);
        matched.push({ ours: o, theirs: theirs[j], ourAmount: o.amount, theirAmount: theirAmount[j] });
      }
    }
    for (const o of O) if (!recorded.has(o)) unmatchedOurs(o);
    if (records.length) {
      const recordedOurs = O.filter((o) => recorded.has(o));
      const ourSum = sum(recordedOurs.map((o) => o.amount));
      const theirSum = sum(records.map((j) => theirAmount[j]));
      if (ourSum !== theirSum) {
        const twice = recordedOurs.find((o) => (recordCount.get(o) ?? 0) > 1);
        items.push({
          type: "amount-difference",
          document: recordedOurs.map((o) => o.documentNumber).join(", "),
          reference: recordedOurs.map((o) => o.reference).filter((r) => r).join(", "),
          date: ourDate(recordedOurs[0]),
          ours: ourSum,
          theirs: theirSum,
          effect: theirSum - ourSum,
          text: recordedOurs.map((o) => o.text).find((x) => x) ?? records.map((j) => theirs[j].text).find((x) => x) ?? "",
          ourItems: recordedOurs,
          theirItems: records.map((j) => theirs[j]),
          note: twice ? { code: "statement.note.recordedTwice", params: { document: twice.documentNumber } } : undefined,
        });
      }
    }
    for (const j of settlements) unmatchedTheirs(j, resolutions[j].targets.length > 0);
  }

  const ourBalance = sum(open.map((o) => o.amount));
  const theirListedBalance = sum(theirAmount);
  const theirBalance = options.theirStatedBalance ?? theirListedBalance;
  if (theirBalance !== theirListedBalance) {
    items.push({ type: "unexplained", document: "", reference: "", date: null, ours: 0, theirs: theirBalance - theirListedBalance, effect: theirBalance - theirListedBalance, text: "", ourItems: [], theirItems: [], note: { code: "statement.note.statedBalance" } });
  }
  // By construction the effects add up; should they not, the gap is shown, never hidden.
  const gap = theirBalance - ourBalance - sum(items.map((i) => i.effect));
  if (gap !== 0) items.push({ type: "unexplained", document: "", reference: "", date: null, ours: 0, theirs: 0, effect: gap, text: "", ourItems: [], theirItems: [], note: { code: "statement.note.gap" } });

  const order = new Map(ITEM_TYPES.map((t, i) => [t, i]));
  items.sort((a, b) => order.get(a.type)! - order.get(b.type)! || (a.date ?? Infinity) - (b.date ?? Infinity) || (a.document < b.document ? -1 : a.document > b.document ? 1 : 0));
  const subtotals = ITEM_TYPES.map((type) => {
    const of = items.filter((i) => i.type === type);
    return { type, count: of.length, effect: sum(of.map((i) => i.effect)) };
  });
  const ambiguous: StatementAmbiguity[] = [];
  const unreadable: StatementResult["unreadable"] = [];
  resolutions.forEach((r, j) => {
    for (const a of r.ambiguous) ambiguous.push({ theirs: theirs[j], cited: a.cited, candidates: a.candidates });
    if (r.problem) unreadable.push({ theirs: theirs[j], problem: r.problem });
  });
  return {
    asOf: options.asOf,
    ourBalance,
    theirBalance,
    theirListedBalance,
    matched,
    items,
    subtotals,
    reconciles: ourBalance + sum(items.map((i) => i.effect)) === theirBalance,
    sign,
    ambiguous,
    unreadable,
    open,
  };
}
