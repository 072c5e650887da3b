import { parseDateCell, type CivilDay } from "../dates";
import { InputError } from "../errors";
import { describe, type Lang, type Problem } from "../messages";
import { parseAmount, type Centavos } from "../money";
import { currencyCode } from "../tables/fields";
import type { MeetingRow } from "../tables/meeting";
import { checkAddresses } from "./address";
import { languageOf } from "./statement";

/**
 * The minutes (minuta) of a collection meeting: who came, what was discussed, the balance
 * both sides reconciled, and what was agreed. An agreement with an amount and a date is a
 * promise to pay: it goes to the `Compromisos` list the collections work follows up.
 */
export interface Attendee {
  name: string;
  company: string;
  role: string;
  email: string;
}

export interface Agreement {
  description: string;
  responsible: string;
  dueDate: CivilDay | null;
  amount: Centavos | null;
  currency: string;
}

export interface Minutes {
  /** Customer and date: one meeting a day per customer. */
  id: string;
  customer: string;
  customerName: string;
  date: CivilDay;
  place: string;
  lang: Lang;
  attendees: Attendee[];
  topics: string[];
  agreements: Agreement[];
  balance: { amount: Centavos; currency: string } | null;
  /** Valid attendee addresses, each once. */
  to: string[];
}

export interface MinutesProblem {
  minutes: string;
  problem: Problem;
}

export interface MinutesBuilt {
  minutes: Minutes[];
  problems: MinutesProblem[];
}

/** A promise to pay: an agreement with an amount and a due date. */
export function isPromise(a: Agreement): a is Agreement & { dueDate: CivilDay; amount: Centavos } {
  return a.amount !== null && a.dueDate !== null;
}

function finish(m: Omit<Minutes, "to" | "id">, problems: MinutesProblem[]): Minutes {
  const id = `${m.customer}|${m.date}`;
  const check = checkAddresses(m.attendees.map((a) => a.email).filter((e) => e !== ""));
  for (const bad of check.invalid) problems.push({ minutes: id, problem: { code: "minutes.badAddress", params: { address: bad } } });
  if (check.valid.length === 0) problems.push({ minutes: id, problem: { code: "minutes.noAddress", params: { customer: m.customer } } });
  return { ...m, id, to: check.valid };
}

/**
 * Rows of a meeting sheet become minutes: a row with a customer or date starts (or continues)
 * that meeting; a row with neither belongs to the meeting above it, as in a sheet where the
 * customer and date are written once at the top.
 */
export function minutesFromRows(rows: readonly MeetingRow[], defaultLang: Lang, defaultCurrency = "MXN"): MinutesBuilt {
  const problems: MinutesProblem[] = [];
  const byId = new Map<string, Omit<Minutes, "to" | "id">>();
  let current: Omit<Minutes, "to" | "id"> | undefined;
  for (const r of rows) {
    if (r.customer !== "" || r.date !== null) {
      const customer = r.customer || current?.customer || "";
      const date = r.date ?? current?.date ?? null;
      if (customer === "" || date === null) {
        throw new InputError({ code: "meeting.firstRow", params: { row: r.row } });
      }
      const id = `${customer}|${date}`;
      current = byId.get(id);
      if (!current) {
        current = { customer, customerName: "", date, place: "", lang: defaultLang, attendees: [], topics: [], agreements: [], balance: null };
        byId.set(id, current);
      }
    }
    if (!current) throw new InputError({ code: "meeting.firstRow", params: { row: r.row } });
    const m = current;
    if (r.customerName && !m.customerName) m.customerName = r.customerName;
    if (r.place && !m.place) m.place = r.place;
    if (r.language) {
      const l = languageOf(r.language);
      if (l) m.lang = l;
    }
    if (r.balance !== null) m.balance = { amount: r.balance, currency: r.currency ?? defaultCurrency };
    switch (r.entry) {
      case "attendee":
        m.attendees.push({ name: r.name, company: r.company, role: r.role, email: r.email });
        break;
      case "topic":
        m.topics.push(r.description);
        break;
      case "agreement":
        m.agreements.push({ description: r.description, responsible: r.responsible || r.name, dueDate: r.dueDate, amount: r.amount, currency: r.currency ?? defaultCurrency });
        break;
      default:
        break;
    }
  }
  return { minutes: [...byId.values()].map((m) => finish(m, problems)), problems };
}

type Json = Record<string, unknown>;

function fail(path: string, reason: Problem): never {
  throw new InputError({ code: "minutes.json", params: { path, "reason.es": describe(reason, "es"), "reason.en": describe(reason, "en") } });
}

function text(o: Json, key: string, path: string, required = false): string {
  const v = o[key];
  if (v === undefined || v === null || v === "") {
    if (required) fail(`${path}.${key}`, { code: "row.missing" });
    return "";
  }
  if (typeof v !== "string" && typeof v !== "number") fail(`${path}.${key}`, { code: "minutes.json.text" });
  return String(v).trim();
}

function date(o: Json, key: string, path: string, required = false): CivilDay | null {
  const v = o[key];
  if (v === undefined || v === null || v === "") {
    if (required) fail(`${path}.${key}`, { code: "date.expected" });
    return null;
  }
  const d = parseDateCell(v);
  if (!d.ok) fail(`${path}.${key}`, d.problem);
  return d.day;
}

function money(o: Json, key: string, path: string): Centavos | null {
  const v = o[key];
  if (v === undefined || v === null || v === "") return null;
  const a = parseAmount(v);
  if (!a.ok) fail(`${path}.${key}`, a.problem);
  return a.value;
}

function currency(o: Json, key: string, path: string, fallback: string): string {
  const v = o[key];
  if (v === undefined || v === null || v === "") return fallback;
  const c = currencyCode(v);
  if (c === null) fail(`${path}.${key}`, { code: "currency.invalid", params: { value: String(v) } });
  return c;
}

function list(o: Json, key: string, path: string): unknown[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(`${path}.${key}`, { code: "minutes.json.list" });
  return v;
}

function object(v: unknown, path: string): Json {
  if (typeof v !== "object" || v === null || Array.isArray(v)) fail(path, { code: "minutes.json.object" });
  return v as Json;
}

/**
 * Minutes from JSON: one meeting, an array of them, or `{ "meetings": [...] }`. Amounts as
 * numbers in currency units or text (`"12,500.00"`), dates as `YYYY-MM-DD` or `dd/mm/yyyy`.
 * A wrong value stops with its path (`meetings[0].agreements[2].dueDate`) and the reason.
 */
export function minutesFromJson(data: unknown, defaultLang: Lang, defaultCurrency = "MXN"): MinutesBuilt {
  const problems: MinutesProblem[] = [];
  const meetings = Array.isArray(data) ? data : typeof data === "object" && data !== null && Array.isArray((data as Json).meetings) ? ((data as Json).meetings as unknown[]) : [data];
  const prefix = Array.isArray(data) ? "" : typeof data === "object" && data !== null && Array.isArray((data as Json).meetings) ? "meetings" : "";
  const out: Minutes[] = [];
  meetings.forEach((raw, i) => {
    const path = prefix || Array.isArray(data) ? `${prefix}[${i}]` : "$";
    const o = object(raw, path);
    const lang = o.language ? (languageOf(text(o, "language", path)) ?? defaultLang) : defaultLang;
    const balanceRaw = o.reconciledBalance ?? o.balance;
    let balance: Minutes["balance"] = null;
    if (balanceRaw !== undefined && balanceRaw !== null) {
      if (typeof balanceRaw === "object") {
        const b = object(balanceRaw, `${path}.reconciledBalance`);
        const amount = money(b, "amount", `${path}.reconciledBalance`);
        if (amount === null) fail(`${path}.reconciledBalance.amount`, { code: "amount.expected" });
        balance = { amount, currency: currency(b, "currency", `${path}.reconciledBalance`, defaultCurrency) };
      } else {
        const amount = money(o, o.reconciledBalance !== undefined ? "reconciledBalance" : "balance", path);
        if (amount !== null) balance = { amount, currency: defaultCurrency };
      }
    }
    const m: Omit<Minutes, "to" | "id"> = {
      customer: text(o, "customer", path, true),
      customerName: text(o, "customerName", path),
      date: date(o, "date", path, true)!,
      place: text(o, "place", path),
      lang,
      attendees: list(o, "attendees", path).map((a, k) => {
        const p = `${path}.attendees[${k}]`;
        const ao = object(a, p);
        return { name: text(ao, "name", p, true), company: text(ao, "company", p), role: text(ao, "role", p), email: text(ao, "email", p) };
      }),
      topics: list(o, "topics", path).map((t, k) => {
        if (typeof t === "string") return t.trim();
        return text(object(t, `${path}.topics[${k}]`), "description", `${path}.topics[${k}]`, true);
      }),
      agreements: list(o, "agreements", path).map((a, k) => {
        const p = `${path}.agreements[${k}]`;
        const ao = object(a, p);
        return { description: text(ao, "description", p, true), responsible: text(ao, "responsible", p), dueDate: date(ao, "dueDate", p), amount: money(ao, "amount", p), currency: currency(ao, "currency", p, defaultCurrency) };
      }),
      balance,
    };
    out.push(finish(m, problems));
  });
  return { minutes: out, problems };
}
