/**
 * The cash-application policy: which rules run, how far each may go, and where differences
 * are booked. Every constant the matcher uses lives here, so an analyst can read and change
 * it (`--policy FILE`, a JSON file written like `policyJson(DEFAULT_POLICY)`; the README lists
 * the defaults). Money in the file is in currency units (`50.00`), rates as fractions (`0.04`).
 */
import { centavosFromNumber, toUnits, type Centavos } from "../../money";
import { fractionFromNumber, fractionToNumber, type Fraction } from "../../rates";
import type { MessageCode, Problem } from "../../messages";

export interface WithholdingRule {
  /** What the analyst calls it (`IVA retenido 4 % fletes`). */
  name: string;
  /** Share of the invoice's subtotal withheld (4 % of the freight subtotal). */
  rate: Fraction;
  /** VAT included in the invoice total, so subtotal = total ÷ (1 + vat). */
  vat: Fraction;
  /** Where the withheld amount is booked. */
  account: string;
}

export interface PaymentsPolicy {
  /** Currency of the bank account when the statement has no currency column. */
  currency: string;
  /** The four rules, in their fixed order; each can be switched off. */
  rules: { reference: boolean; payer: boolean; tolerance: boolean; uniqueAmount: boolean };
  reference: {
    /** Shortest number read as an invoice number when its series is left out (`23456` for `A-23456`). */
    minDigits: number;
    /** Accept a number one keystroke away from an open invoice's when the amount is that invoice's exactly. */
    approximate: boolean;
    /** Apply a deposit smaller than the invoices it names as a partial payment (the rest stays open). */
    partialPayments: boolean;
    /** Words that say a payment is partial (`ABONO`, `PARCIAL`): needed for a partial application when the payer is not otherwise identified. */
    partialWords: string[];
  };
  payer: { bankReference: boolean; rfc: boolean; account: boolean; name: boolean };
  /** Combinations of one customer's open invoices (rule 2): bounded, never exponential. */
  combination: {
    /** The customer's oldest open invoices considered. */
    maxInvoices: number;
    /**
     * Invoices in one combination found by free search. The oldest invoices in a row are tried
     * up to `maxInvoices` of them; any other choice of more than a few invoices adds up to a
     * given amount by chance too often to be proof.
     */
    maxSize: number;
    /** Search steps per deposit; past it the search stops and nothing is proposed as certain. */
    maxSteps: number;
  };
  tolerance: {
    /** A difference up to this, either way, is rounding. */
    rounding: Centavos;
    /** A deposit short of the invoices by up to this paid a bank fee. */
    bankFee: Centavos;
    withholdings: WithholdingRule[];
    accounts: { rounding: string; bankFee: string };
  };
  /** Rule 4: an amount found once among all open invoices, when nothing identifies the payer. */
  uniqueAmount: { minimum: Centavos };
  /** May a deposit pay an invoice dated after it (an invoice issued late for a prepaid order)? */
  invoicesAfterDeposit: boolean;
  /** Several open invoices of one customer with the deposit's amount: apply the oldest, or leave it for review. */
  sameAmountInvoices: "oldest" | "review";
  /** Words that mark the kinds of bank lines the reviews look for. */
  words: { returnedCheque: string[]; reversal: string[]; fee: string[]; cheque: string[] };
}

export const DEFAULT_POLICY: PaymentsPolicy = {
  currency: "MXN",
  rules: { reference: true, payer: true, tolerance: true, uniqueAmount: true },
  reference: { minDigits: 4, approximate: true, partialPayments: true, partialWords: ["ABONO", "PARCIAL", "ANTICIPO", "A CUENTA", "PAGO PARCIAL"] },
  payer: { bankReference: true, rfc: true, account: true, name: true },
  combination: { maxInvoices: 40, maxSize: 3, maxSteps: 60000 },
  tolerance: {
    rounding: 100,
    bankFee: 1000,
    withholdings: [{ name: "IVA retenido 4 % (fletes)", rate: { num: 1n, den: 25n }, vat: { num: 4n, den: 25n }, account: "IVA retenido por clientes" }],
    accounts: { rounding: "Diferencias por redondeo", bankFee: "Comisiones bancarias" },
  },
  uniqueAmount: { minimum: 100000 },
  invoicesAfterDeposit: false,
  sameAmountInvoices: "oldest",
  words: {
    returnedCheque: ["CHEQUE DEVUELTO", "CHQ DEVUELTO", "DEVOLUCION DE CHEQUE", "DEVOLUCION CHEQUE", "CHEQUE RECHAZADO", "CHEQUE SIN FONDOS"],
    reversal: ["REVERSO", "REVERSION", "CANCELACION DE ABONO", "CANCELACION ABONO", "DEVOLUCION SPEI", "DEVOLUCION DE ABONO"],
    fee: ["COMISION", "IVA COMISION", "IVA POR COMISION", "CUOTA", "CARGO POR SERVICIO"],
    cheque: ["CHEQUE", "CHQ", "SBC", "SALVO BUEN COBRO"],
  },
};

/** The policy as its file is written: money in units, rates as numbers. */
export function policyJson(p: PaymentsPolicy): unknown {
  return {
    currency: p.currency,
    rules: { ...p.rules },
    reference: { ...p.reference, partialWords: [...p.reference.partialWords] },
    payer: { ...p.payer },
    combination: { ...p.combination },
    tolerance: {
      rounding: toUnits(p.tolerance.rounding),
      bankFee: toUnits(p.tolerance.bankFee),
      withholdings: p.tolerance.withholdings.map((w) => ({ name: w.name, rate: fractionToNumber(w.rate), vat: fractionToNumber(w.vat), account: w.account })),
      accounts: { ...p.tolerance.accounts },
    },
    uniqueAmount: { minimum: toUnits(p.uniqueAmount.minimum) },
    invoicesAfterDeposit: p.invoicesAfterDeposit,
    sameAmountInvoices: p.sameAmountInvoices,
    words: { returnedCheque: [...p.words.returnedCheque], reversal: [...p.words.reversal], fee: [...p.words.fee], cheque: [...p.words.cheque] },
  };
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Reads a policy file's JSON over the defaults: what it leaves out keeps its default, what it
 * misspells or mistypes is refused with its path (`tolerance.bankFee`), never ignored.
 */
export function parsePolicy(json: unknown): { policy: PaymentsPolicy; problems: Problem[] } {
  const problems: Problem[] = [];
  const bad = (path: string, value: unknown, expected: string) => {
    const [kind, min, max] = expected.split(":");
    problems.push({ code: EXPECTED[kind], params: { path, value: shown(value), min: min ?? "", max: max ?? "" } });
  };
  const d = DEFAULT_POLICY;
  const p: PaymentsPolicy = structuredPolicy(d);
  if (!isObj(json)) {
    bad("", json, "object");
    return { policy: p, problems };
  }
  const known = (o: Obj, path: string, keys: readonly string[]) => {
    for (const k of Object.keys(o)) if (!keys.includes(k)) problems.push({ code: "payments.policy.unknown", params: { path: path ? `${path}.${k}` : k } });
  };
  const bool = (o: Obj, k: string, path: string, set: (b: boolean) => void) => {
    if (!(k in o)) return;
    if (typeof o[k] === "boolean") set(o[k] as boolean);
    else bad(path, o[k], "boolean");
  };
  const int = (o: Obj, k: string, path: string, min: number, max: number, set: (n: number) => void) => {
    if (!(k in o)) return;
    const v = o[k];
    if (typeof v === "number" && Number.isInteger(v) && v >= min && v <= max) set(v);
    else bad(path, v, `int:${min}:${max}`);
  };
  const money = (o: Obj, k: string, path: string, set: (c: Centavos) => void) => {
    if (!(k in o)) return;
    const v = o[k];
    const c = typeof v === "number" && v >= 0 ? centavosFromNumber(v) : null;
    if (c !== null) set(c);
    else bad(path, v, "money");
  };
  const text = (o: Obj, k: string, path: string, set: (s: string) => void) => {
    if (!(k in o)) return;
    if (typeof o[k] === "string" && (o[k] as string).trim() !== "") set((o[k] as string).trim());
    else bad(path, o[k], "text");
  };
  const words = (o: Obj, k: string, path: string, set: (w: string[]) => void) => {
    if (!(k in o)) return;
    const v = o[k];
    if (Array.isArray(v) && v.every((w) => typeof w === "string" && w.trim() !== "")) set(v.map((w: string) => w.trim()));
    else bad(path, v, "words");
  };
  const rate = (o: Obj, k: string, path: string, set: (f: Fraction) => void) => {
    if (!(k in o)) return;
    const v = o[k];
    const f = typeof v === "number" && v >= 0 && v < 1 ? fractionFromNumber(v) : null;
    if (f) set(f);
    else bad(path, v, "rate");
  };
  const section = (k: string, keys: readonly string[], read: (o: Obj) => void) => {
    if (!(k in json)) return;
    const o = json[k];
    if (!isObj(o)) return void bad(k, o, "object");
    known(o, k, keys);
    read(o);
  };

  known(json, "", ["currency", "rules", "reference", "payer", "combination", "tolerance", "uniqueAmount", "invoicesAfterDeposit", "sameAmountInvoices", "words", "$schema", "comment"]);
  if ("currency" in json) {
    const c = json.currency;
    if (typeof c === "string" && /^[A-Z]{3}$/.test(c.trim().toUpperCase())) p.currency = c.trim().toUpperCase();
    else bad("currency", c, "currency");
  }
  section("rules", ["reference", "payer", "tolerance", "uniqueAmount"], (o) => {
    for (const k of ["reference", "payer", "tolerance", "uniqueAmount"] as const) bool(o, k, `rules.${k}`, (b) => (p.rules[k] = b));
  });
  section("reference", ["minDigits", "approximate", "partialPayments", "partialWords"], (o) => {
    int(o, "minDigits", "reference.minDigits", 3, 12, (n) => (p.reference.minDigits = n));
    bool(o, "approximate", "reference.approximate", (b) => (p.reference.approximate = b));
    bool(o, "partialPayments", "reference.partialPayments", (b) => (p.reference.partialPayments = b));
    words(o, "partialWords", "reference.partialWords", (w) => (p.reference.partialWords = w));
  });
  section("payer", ["bankReference", "rfc", "account", "name"], (o) => {
    for (const k of ["bankReference", "rfc", "account", "name"] as const) bool(o, k, `payer.${k}`, (b) => (p.payer[k] = b));
  });
  section("combination", ["maxInvoices", "maxSize", "maxSteps"], (o) => {
    int(o, "maxInvoices", "combination.maxInvoices", 1, 200, (n) => (p.combination.maxInvoices = n));
    int(o, "maxSize", "combination.maxSize", 1, 12, (n) => (p.combination.maxSize = n));
    int(o, "maxSteps", "combination.maxSteps", 1, 5_000_000, (n) => (p.combination.maxSteps = n));
  });
  section("tolerance", ["rounding", "bankFee", "withholdings", "accounts"], (o) => {
    money(o, "rounding", "tolerance.rounding", (c) => (p.tolerance.rounding = c));
    money(o, "bankFee", "tolerance.bankFee", (c) => (p.tolerance.bankFee = c));
    if ("withholdings" in o) {
      const list = o.withholdings;
      if (!Array.isArray(list)) bad("tolerance.withholdings", list, "list");
      else {
        p.tolerance.withholdings = [];
        list.forEach((w, i) => {
          const path = `tolerance.withholdings[${i}]`;
          if (!isObj(w)) return void bad(path, w, "object");
          known(w, path, ["name", "rate", "vat", "account"]);
          const rule: WithholdingRule = { name: "", rate: { num: 0n, den: 1n }, vat: { num: 0n, den: 1n }, account: "" };
          let ok = true;
          for (const k of ["name", "rate", "account"]) if (!(k in w)) { bad(`${path}.${k}`, undefined, k === "rate" ? "rate" : "text"); ok = false; }
          text(w, "name", `${path}.name`, (s) => (rule.name = s));
          text(w, "account", `${path}.account`, (s) => (rule.account = s));
          rate(w, "rate", `${path}.rate`, (f) => (rule.rate = f));
          rate(w, "vat", `${path}.vat`, (f) => (rule.vat = f));
          if (ok && rule.rate.num > 0n) p.tolerance.withholdings.push(rule);
        });
      }
    }
    if ("accounts" in o) {
      const a = o.accounts;
      if (!isObj(a)) bad("tolerance.accounts", a, "object");
      else {
        known(a, "tolerance.accounts", ["rounding", "bankFee"]);
        text(a, "rounding", "tolerance.accounts.rounding", (s) => (p.tolerance.accounts.rounding = s));
        text(a, "bankFee", "tolerance.accounts.bankFee", (s) => (p.tolerance.accounts.bankFee = s));
      }
    }
  });
  section("uniqueAmount", ["minimum"], (o) => money(o, "minimum", "uniqueAmount.minimum", (c) => (p.uniqueAmount.minimum = c)));
  bool(json, "invoicesAfterDeposit", "invoicesAfterDeposit", (b) => (p.invoicesAfterDeposit = b));
  if ("sameAmountInvoices" in json) {
    const v = json.sameAmountInvoices;
    if (v === "oldest" || v === "review") p.sameAmountInvoices = v;
    else bad("sameAmountInvoices", v, "sameAmount");
  }
  section("words", ["returnedCheque", "reversal", "fee", "cheque"], (o) => {
    for (const k of ["returnedCheque", "reversal", "fee", "cheque"] as const) words(o, k, `words.${k}`, (w) => (p.words[k] = w));
  });
  return { policy: p, problems };
}

/** One message per kind of setting, naming the path, the value found and what it takes. */
const EXPECTED: Record<string, MessageCode> = {
  object: "payments.policy.object",
  boolean: "payments.policy.boolean",
  money: "payments.policy.money",
  text: "payments.policy.text",
  words: "payments.policy.words",
  rate: "payments.policy.rate",
  list: "payments.policy.list",
  currency: "payments.policy.currency",
  sameAmount: "payments.policy.sameAmount",
  int: "payments.policy.integer",
};

function structuredPolicy(d: PaymentsPolicy): PaymentsPolicy {
  return {
    ...d,
    rules: { ...d.rules },
    reference: { ...d.reference, partialWords: [...d.reference.partialWords] },
    payer: { ...d.payer },
    combination: { ...d.combination },
    tolerance: { ...d.tolerance, withholdings: d.tolerance.withholdings.map((w) => ({ ...w })), accounts: { ...d.tolerance.accounts } },
    uniqueAmount: { ...d.uniqueAmount },
    words: { returnedCheque: [...d.words.returnedCheque], reversal: [...d.words.reversal], fee: [...d.words.fee], cheque: [...d.words.cheque] },
  };
}

function shown(v: unknown): string {
  if (v === undefined) return "—";
  const s = typeof v === "string" ? `"${v}"` : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? s.slice(0, 59) + "…" : s;
}
