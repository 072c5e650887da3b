/**
 * Who sent a deposit, from what the customer master knows: the bank references it quotes,
 * its RFC, its accounts or CLABEs, and its names (the legal name and the alternate names a
 * payer shows up under). Strongest first: a reference beats an RFC, an RFC an account, an
 * account a name. An identifier shared by two customers identifies neither.
 */
import type { Customer } from "../../tables/customers";
import { canonicalCode, descriptionNameWords, nameWords, type LineText } from "./text";

export type PayerHow = "bankReference" | "rfc" | "account" | "name";

export interface PayerFinding {
  how: PayerHow;
  /** What was found, as written in the line (`9990008`, `CONSTRUCTORA HERNANDEZ GAR`). */
  value: string;
  /** Indexes into `PayerIndex.customers`; more than one when the identifier is shared or the name is cut short. */
  customers: number[];
}

export interface SharedIdentifier {
  how: Exclude<PayerHow, "name">;
  value: string;
  customers: number[];
}

interface NameEntry {
  customer: number;
  words: string[];
}

export interface PayerOptions {
  bankReference: boolean;
  rfc: boolean;
  account: boolean;
  name: boolean;
}

/** The account part of an 18-digit CLABE (digits 7-17), which is what a same-bank transfer shows. */
function accountKeys(digits: string): string[] {
  const d = digits.replace(/\D/g, "");
  if (d.length < 8) return [];
  const keys = [d.replace(/^0+(?=\d)/, "")];
  if (d.length === 18) keys.push(d.slice(6, 17).replace(/^0+(?=\d)/, ""));
  return keys;
}

function add<K>(map: Map<K, number[]>, key: K, customer: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [customer]);
  else if (!list.includes(customer)) list.push(customer);
}

export class PayerIndex {
  private readonly bankRefs = new Map<string, number[]>();
  private readonly rfcs = new Map<string, number[]>();
  private readonly accounts = new Map<string, number[]>();
  /** By the first word and the first three letters of the second. */
  private readonly names = new Map<string, NameEntry[]>();
  /** Identifiers the master gives to more than one customer. */
  readonly shared: SharedIdentifier[] = [];

  constructor(readonly customers: readonly Customer[]) {
    customers.forEach((c, i) => {
      for (const r of c.bankReferences ?? []) {
        const k = canonicalCode(r);
        if (k !== "") add(this.bankRefs, k, i);
      }
      if (c.rfc) add(this.rfcs, c.rfc.replace(/[\s-]/g, "").toUpperCase(), i);
      for (const a of c.accounts ?? []) for (const k of accountKeys(a)) add(this.accounts, k, i);
      for (const n of [c.name, ...(c.altNames ?? [])]) {
        const words = nameWords(n);
        // One word is not enough to tell a payer by name (`ATLAS` pays for many): two at least.
        if (words.length < 2 || words[1].length < 2) continue;
        const key = `${words[0]} ${words[1].slice(0, 3)}`;
        const list = this.names.get(key);
        const entry = { customer: i, words };
        if (!list) this.names.set(key, [entry]);
        else if (!list.some((e) => e.customer === i && e.words.join(" ") === entry.words.join(" "))) list.push(entry);
      }
    });
    for (const [how, map] of [["bankReference", this.bankRefs], ["rfc", this.rfcs], ["account", this.accounts]] as const) {
      for (const [value, list] of map) if (list.length > 1) this.shared.push({ how, value, customers: list });
    }
  }

  get size(): number {
    return this.customers.length;
  }

  /** The strongest identification a line carries, or null. */
  identify(line: LineText, fields: { payerAccount: string; payerRfc: string; reference: string }, options: PayerOptions): PayerFinding | null {
    if (options.bankReference && this.bankRefs.size > 0) {
      const found = this.lookup(this.bankRefs, (visit) => {
        if (fields.reference !== "") visit(canonicalCode(fields.reference), fields.reference);
        for (const t of line.digits) visit(canonicalCode(t), t);
        for (const t of line.codes) visit(t, t);
      });
      if (found) return { how: "bankReference", ...found };
    }
    if (options.rfc && this.rfcs.size > 0 && (fields.payerRfc !== "" || line.rfcs.length > 0)) {
      const found = this.lookup(this.rfcs, (visit) => {
        if (fields.payerRfc !== "") visit(fields.payerRfc, fields.payerRfc);
        for (const t of line.rfcs) visit(t, t);
      });
      if (found) return { how: "rfc", ...found };
    }
    if (options.account && this.accounts.size > 0) {
      const found = this.lookup(this.accounts, (visit) => {
        for (const d of [fields.payerAccount, ...line.digits]) if (d.length >= 8) for (const k of accountKeys(d)) visit(k, d);
      });
      if (found) return { how: "account", ...found };
    }
    if (options.name && this.names.size > 0) return this.byName(line);
    return null;
  }

  private lookup(map: Map<string, number[]>, tokens: (visit: (key: string, shown: string) => void) => void): { value: string; customers: number[] } | null {
    let value = "";
    let customers: number[] | null = null;
    tokens((key, shown) => {
      const list = map.get(key);
      if (!list) return;
      if (customers === null) {
        value = shown;
        customers = [...list];
        return;
      }
      const known = customers;
      if (list.every((c) => known.includes(c))) return;
      value += ` / ${shown}`;
      for (const c of list) if (!known.includes(c)) known.push(c);
    });
    return customers ? { value, customers } : null;
  }

  /**
   * A customer's name word for word in the description. Banks keep 30-40 characters of a
   * name, so it may be cut: inside its last word (at least three letters of it left), or where
   * the description ends. The longest name found wins (`FERRETERIA LOPEZ HERMANOS` over
   * `FERRETERIA LOPEZ`); equals stay candidates, and a cut name that fits more than a few
   * customers identifies none.
   */
  private byName(line: LineText): PayerFinding | null {
    const w = descriptionNameWords(line);
    let best = 0;
    let value = "";
    let customers: number[] = [];
    let vague = false;
    for (let i = 0; i + 1 < w.length; i++) {
      if (w[i + 1].length < 2) continue;
      const list = this.names.get(`${w[i]} ${w[i + 1].slice(0, 3)}`);
      if (!list) continue;
      for (const e of list) {
        let matched = 0;
        let cut = false;
        let j = 0;
        for (; j < e.words.length && i + j < w.length; j++) {
          const dw = w[i + j];
          const nw = e.words[j];
          if (dw === nw) {
            matched++;
            continue;
          }
          if (dw.length >= 3 && nw.startsWith(dw)) {
            matched++;
            cut = true;
          }
          break;
        }
        const full = matched === e.words.length && !cut;
        const cutInside = cut && matched === j + 1;
        const cutAtEnd = !cut && matched === j && i + j === w.length && matched >= 2;
        if (!(full || cutInside || cutAtEnd) || matched < 2) continue;
        const length = matched;
        const isVague = cutAtEnd && !full;
        if (length > best) {
          best = length;
          customers = [e.customer];
          value = w.slice(i, i + length).join(" ");
          vague = isVague;
        } else if (length === best && !customers.includes(e.customer)) {
          customers.push(e.customer);
          vague = vague || isVague;
        }
      }
    }
    if (customers.length === 0 || (vague && customers.length > 3)) return null;
    return { how: "name", value, customers };
  }
}
