import { dayFromCivil } from "../../../src/core/dates";
import { InputError } from "../../../src/core/errors";
import { describe as describeProblem } from "../../../src/core/messages";
import { reconcileStatement, type StatementOptions } from "../../../src/core/reconcile/statement";
import type { TheirItem } from "../../../src/core/tables/counterparty";
import type { LedgerItem } from "../../../src/core/tables/ledger";

const oct = (d: number) => dayFromCivil(2026, 10, d);
const asOf = oct(31);
let row = 1;

function ours(documentNumber: string, amount: number, over: Partial<LedgerItem> = {}): LedgerItem {
  const d = oct(1);
  return { row: ++row, customer: "0001000123", customerName: "Constructora Peña", documentNumber, documentType: amount < 0 ? "DG" : "RV", reference: "", assignment: "", text: "", documentDate: d, postingDate: d, baselineDate: d, netDueDate: d + 30, clearingDate: null, termDays: 30, terms: "", amount, currency: "MXN", ...over };
}

function theirs(reference: string, amount: number, over: Partial<TheirItem> = {}): TheirItem {
  return { row: ++row, reference, document: "", uuid: "", date: oct(2), type: "", text: "", amount, currency: null, ...over };
}

const receivable: StatementOptions = { asOf, theirSign: "receivable" };
const types = (r: ReturnType<typeof reconcileStatement>) => r.items.map((i) => [i.type, i.document, i.effect]);

function addsUp(r: ReturnType<typeof reconcileStatement>): boolean {
  return r.ourBalance + r.items.reduce((a, i) => a + i.effect, 0) === r.theirBalance && r.reconciles;
}

describe("statement reconciliation", () => {
  test("matching by normalised document number, our SAP number or reference, or the CFDI UUID", () => {
    const uuid = "5fb2822e-396d-4725-8521-cdc4bdd20ccf";
    const o = [
      ours("9000012345", 100000, { reference: "A-12345" }),
      ours("9000012346", 200000, { reference: "A-12346" }),
      ours("9000012347", 300000, { reference: "A-12347" }),
      ours("9000012348", 400000, { reference: "A-12348" }),
      ours("9000012349", 500000, { reference: "A-12349", text: `CFDI ${uuid.toUpperCase()}` }),
    ];
    const t = [theirs("F-0012345", 100000), theirs("A 12346", 200000), theirs("12347", 300000), theirs("", 400000, { document: "9000012348" }), theirs("", 500000, { uuid })];
    const r = reconcileStatement(o, t, receivable);
    expect(r.matched.map((m) => [m.ours.documentNumber, m.theirs.row])).toEqual(o.map((x, i) => [x.documentNumber, t[i].row]));
    expect(r.items).toEqual([]);
    expect(r.ourBalance).toBe(1500000);
    expect(r.theirBalance).toBe(1500000);
    expect(addsUp(r)).toBe(true);
  });

  test("one of theirs groups several of ours", () => {
    const r = reconcileStatement([ours("1", 100000, { reference: "A-1" }), ours("2", 50000, { reference: "A-2" })], [theirs("A-1, A-2", 150000)], receivable);
    expect(r.matched.map((m) => m.ours.documentNumber)).toEqual(["1", "2"]);
    expect(r.items).toEqual([]);
  });

  test("every difference classified, and the statement adds up", () => {
    const o = [
      ours("9001", 1000000, { reference: "A-1" }), // they recorded it and paid part: payment in transit
      ours("9002", 500000, { reference: "A-2" }), // not on their side
      ours("1601", -20000, { reference: "NC-1", documentType: "DG", text: "Bonificación" }), // our credit note, not on their side
      ours("9003", 300000, { reference: "A-3" }), // they recorded 2,990.00
      ours("1401", -70000, { reference: "SPEI123", documentType: "DZ", text: "Pago a cuenta" }), // our payment on account they do not show
    ];
    const t = [
      theirs("A-1", 1000000),
      theirs("A-1", -400000, { text: "Pago SPEI BBVA" }),
      theirs("A-3", 299000),
      theirs("TRANSF 998877", -150000, { text: "Transferencia", date: oct(30) }), // their payment, nothing of ours cited
      theirs("NC-77", -5000, { text: "Nota de crédito por faltante" }), // their credit note
      theirs("A-99", 12000), // not in our books
    ];
    const r = reconcileStatement(o, t, receivable);
    expect(types(r)).toEqual([
      ["payment-in-transit", "A-1", -400000],
      ["payment-in-transit", "TRANSF 998877", -150000],
      ["credit-note-not-recorded", "1601", 20000],
      ["invoice-not-recorded", "9002", -500000],
      ["amount-difference", "9003", -1000],
      ["unexplained", "1401", 70000],
      ["unexplained", "A-99", 12000],
      ["unexplained", "NC-77", -5000],
    ]);
    expect(r.items.find((i) => i.document === "1401")!.note?.code).toBe("statement.note.ourPayment");
    expect(r.items.find((i) => i.document === "NC-77")!.note?.code).toBe("statement.note.theirCredit");
    expect(r.items.find((i) => i.document === "A-99")!.note?.code).toBe("statement.note.notInOurBooks");
    expect(r.subtotals).toEqual([
      { type: "payment-in-transit", count: 2, effect: -550000 },
      { type: "credit-note-not-recorded", count: 1, effect: 20000 },
      { type: "invoice-not-recorded", count: 1, effect: -500000 },
      { type: "amount-difference", count: 1, effect: -1000 },
      { type: "unexplained", count: 3, effect: 77000 },
    ]);
    expect(addsUp(r)).toBe(true);
  });

  test("what our closed or later documents say of what they still show", () => {
    const o = [ours("9100", 50000, { reference: "A-100", clearingDate: oct(15) }), ours("9200", 60000, { reference: "A-200", postingDate: dayFromCivil(2026, 11, 3), documentDate: dayFromCivil(2026, 11, 3) }), ours("9300", 10000, { reference: "A-300" })];
    const r = reconcileStatement(o, [theirs("A-100", 50000), theirs("A-200", 60000), theirs("A-300", 10000)], receivable);
    expect(r.open.map((x) => x.documentNumber)).toEqual(["9300"]);
    const notes = r.items.map((i) => describeProblem(i.note!, "es"));
    expect(notes).toEqual(["nuestro documento 9100 está compensado (pagado) desde el 15/10/2026", "nuestro documento 9200 se contabilizó el 03/11/2026, después de la fecha de corte"]);
  });

  test("the same number in two series: the prefix, then the amount decide; else it is reported", () => {
    const o = [ours("1", 100000, { reference: "A-500" }), ours("2", 70000, { reference: "B-500" })];
    const byPrefix = reconcileStatement(o, [theirs("B 500", 70000), theirs("A-500", 100000)], receivable);
    expect(byPrefix.matched.map((m) => [m.ours.documentNumber, m.theirs.reference])).toEqual([["1", "A-500"], ["2", "B 500"]]);
    const byAmount = reconcileStatement(o, [theirs("500", 70000)], receivable);
    expect(byAmount.matched.map((m) => m.ours.documentNumber)).toEqual(["2"]);
    const neither = reconcileStatement(o, [theirs("500", 12345)], receivable);
    expect(neither.matched).toEqual([]);
    expect(neither.ambiguous.map((a) => a.candidates.map((c) => c.documentNumber))).toEqual([["1", "2"]]);
    expect(neither.items.find((i) => i.theirItems.length)!.note?.code).toBe("statement.note.ambiguous");
    expect(addsUp(neither)).toBe(true);
  });

  test("their signs: read from the documents both carry, or given", () => {
    const o = [ours("1", 100000, { reference: "A-1" }), ours("2", 200000, { reference: "A-2" }), ours("3", 300000, { reference: "A-3" })];
    // Their accounts payable: our invoices are credits (negative), their payment a debit.
    const t = [theirs("A-1", -100000), theirs("A-2", -200000), theirs("A-3", -300000), theirs("A-1", 100000, { text: "Pago" })];
    const r = reconcileStatement(o, t, { asOf });
    expect(r.sign).toEqual({ sign: "payable", decidedBy: "documents", agree: 0, disagree: 2 });
    expect(types(r)).toEqual([["payment-in-transit", "A-1", -100000]]);
    expect(r.theirBalance).toBe(500000);
    expect(addsUp(r)).toBe(true);
    const same = reconcileStatement(o, t.map((x) => ({ ...x, amount: -x.amount })), { asOf });
    expect(same.sign.sign).toBe("receivable");
    expect(same.theirBalance).toBe(500000);
  });

  test("a listing whose signs cannot be told stops with a clear message, unless given", () => {
    const o = [ours("1", 100000, { reference: "A-1" }), ours("2", 200000, { reference: "A-2" })];
    const t = [theirs("A-1", 100000), theirs("A-2", -200000)];
    let err: unknown;
    try {
      reconcileStatement(o, t, { asOf });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).describe("es")).toContain("--their-sign");
    expect(() => reconcileStatement(o, [theirs("zzz", 1)], { asOf })).toThrow(InputError);
    const given = reconcileStatement(o, t, { asOf, theirSign: "receivable" });
    expect(given.sign.decidedBy).toBe("option");
    expect(addsUp(given)).toBe(true);
  });

  test("a stated balance that is not the sum of their listing is an unexplained item", () => {
    const r = reconcileStatement([ours("1", 100000, { reference: "A-1" })], [theirs("A-1", 100000)], { ...receivable, theirStatedBalance: 125000 });
    expect(types(r)).toEqual([["unexplained", "", 25000]]);
    expect(r.items[0].note?.code).toBe("statement.note.statedBalance");
    expect(addsUp(r)).toBe(true);
  });

  test("a document they booked twice", () => {
    const r = reconcileStatement([ours("1", 100000, { reference: "A-1" })], [theirs("A-1", 100000), theirs("A 1", 100000)], receivable);
    expect(types(r)).toEqual([["amount-difference", "1", 100000]]);
    expect(r.items[0].note?.code).toBe("statement.note.recordedTwice");
  });

  test("property: whatever the listing, ourBalance + Σ effect = theirBalance, and every row is accounted for", () => {
    // mulberry32, fixed seed: the same cases on every run.
    let a = 20261031;
    const rnd = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    let decided = 0;
    for (let c = 0; c < 400; c++) {
      const o: LedgerItem[] = [];
      const n = int(0, 25);
      for (let i = 0; i < n; i++) {
        const kind = pick(["RV", "RV", "RV", "DG", "DZ"]);
        const amount = (kind === "RV" ? 1 : -1) * int(1, 5_000_000);
        const folio = int(1, 60); // collisions on purpose: two series share numbers
        o.push(ours(String(9_000_000 + i), amount, { documentType: kind, reference: `${pick(["A", "B", "NC"])}-${String(folio).padStart(int(1, 6), "0")}`, clearingDate: rnd() < 0.1 ? oct(int(1, 30)) : null, assignment: rnd() < 0.2 ? `A-${int(1, 60)}` : "" }));
      }
      const flip = rnd() < 0.5 ? -1 : 1;
      const t: TheirItem[] = [];
      for (const x of o) {
        const r = rnd();
        if (r < 0.15) continue; // not on their side
        const ref = rnd() < 0.5 ? x.reference : pick([x.documentNumber, x.reference.replace("-", " "), x.reference.replace(/^\D+-?/, "")]);
        const amount = rnd() < 0.15 ? x.amount + int(-5000, 5000) : x.amount;
        t.push(theirs(ref, flip * amount, { text: pick(["", "Factura", "Pago SPEI", "Nota de crédito"]) }));
        if (rnd() < 0.1) t.push(theirs(ref, flip * -int(1, Math.abs(x.amount)), { text: "Pago" }));
      }
      for (let k = int(0, 4); k > 0; k--) t.push(theirs(pick(["", "Anticipo", `A-${int(1, 80)}`, `A-${int(1, 30)}, A-${int(31, 60)}`, `B-${int(1, 5)}-B-${int(6, 9)}`, "X-9-1"]), int(-3_000_000, 3_000_000), { document: rnd() < 0.3 ? String(int(1, 99)) : "", text: pick(["", "Pago", "NC"]) }));
      const stated = rnd() < 0.2 ? int(-1_000_000, 9_000_000) : undefined;
      let r: ReturnType<typeof reconcileStatement>;
      try {
        r = reconcileStatement(o, t, { asOf, theirStatedBalance: stated });
        decided++;
        // Read from the documents, the sign is the one the listing was written in.
        expect(r.sign.sign).toBe(flip < 0 ? "payable" : "receivable");
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        r = reconcileStatement(o, t, { asOf, theirSign: flip < 0 ? "payable" : "receivable", theirStatedBalance: stated });
      }
      expect(addsUp(r)).toBe(true);
      const factor = r.sign.sign === "payable" ? -1 : 1;
      expect(r.theirListedBalance).toBe(t.reduce((s, x) => s + factor * x.amount, 0));
      for (const x of r.open) expect(r.matched.some((m) => m.ours === x) || r.items.some((i) => i.ourItems.includes(x))).toBe(true);
      for (const x of t) if (x.amount !== 0) expect(r.matched.some((m) => m.theirs === x) || r.items.some((i) => i.theirItems.includes(x))).toBe(true);
      for (const i of r.items) expect(i.effect).not.toBe(0);
    }
    // Most listings tell their sign by themselves.
    expect(decided).toBeGreaterThan(300);
  });
});
