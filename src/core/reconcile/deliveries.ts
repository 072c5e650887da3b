import type { CivilDay } from "../dates";
import type { Problem } from "../messages";
import type { Centavos } from "../money";
import type { Delivery } from "../tables/deliveries";
import type { InvoiceLine } from "../tables/invoiceLines";
import { normalizeUnit, type Thousandths } from "./quantity";
import { documentKey, parseCitations, singleKey, type Cited } from "./remissions";

/**
 * Billing against deliveries (facturación vs remisiones): every remission must end up on
 * exactly one invoice. Invoice lines cite remissions (one or many, as lists or ranges); each
 * citation is resolved to one remission on file, or reported: not on file, cancelled, or
 * ambiguous (the same number for two customers or plants that the line cannot tell apart).
 * Nothing is guessed, and every remission and line ends up in exactly one place.
 */

/**
 * How far apart delivered and invoiced may be before it is a difference. Absolute (a
 * centavo, a litre) or, when `relativePpm` is set, relative to the delivered value.
 */
export interface Tolerance {
  amount: Centavos;
  quantity: Thousandths;
  /** Parts per million of the delivered value (5000 = 0.5 %); overrides the absolute ones. */
  relativePpm?: number;
}

export interface DeliveriesOptions {
  /** Day the age of a remission not invoiced is counted to. */
  asOf: CivilDay;
  from?: CivilDay;
  to?: CivilDay;
  tolerance: Tolerance;
}

/** One delivery note: the rows of the list that share its number, customer and plant (its items). */
export interface Remission {
  id: number;
  key: string;
  /** As written on the deliveries list (its first row). */
  remission: string;
  customer: string;
  customerKey: string;
  customerName: string;
  plant: string;
  /** The plant as compared (upper case, trimmed, without leading zeros). */
  plantKey: string;
  jobsite: string;
  /** The earliest date of its rows. */
  date: CivilDay;
  items: Delivery[];
  cancelled: boolean;
  /** Distinct invoices citing it, in the order met. */
  invoices: string[];
  /** Invoice lines citing it (indexes into the lines given). */
  lines: number[];
}

export interface MatchedPair {
  remission: Remission;
  invoice: string;
}

export interface NotInvoiced {
  remission: Remission;
  ageDays: number;
  /** Summed over its items when they share a unit; null when unknown or mixed. */
  quantity: Thousandths | null;
  unit: string;
  amount: Centavos | null;
  currency: string;
  product: string;
}

export interface MissingRemission {
  invoice: string;
  line: InvoiceLine;
  cited: Cited;
  reason: "notOnFile" | "cancelled";
}

export interface Ambiguity {
  invoice: string;
  line: InvoiceLine;
  /** The citation as written (the remission number, or the whole cell when it could not be read). */
  cited: string;
  reason: "severalRemissions" | "unreadableCitation";
  problem?: Problem;
  candidates: Remission[];
}

interface DifferenceBase {
  invoice: string;
  /** The remissions the compared figures cover (one, or those of a line citing several). */
  remissions: Remission[];
  lines: InvoiceLine[];
}

export type Difference =
  | (DifferenceBase & { field: "customer" | "product"; delivered: string; invoiced: string })
  | (DifferenceBase & { field: "quantity"; product: string; delivered: Thousandths | null; invoiced: Thousandths | null; deliveredUnit: string; invoicedUnit: string })
  | (DifferenceBase & { field: "amount"; delivered: Centavos; invoiced: Centavos; deliveredCurrency: string; invoicedCurrency: string });

export interface Duplicate {
  remission: Remission;
  /** Every invoice citing it, in order of invoice date (undated last), then number. */
  invoices: string[];
}

export interface SummaryRow {
  customer: string;
  customerName: string;
  product: string;
  productName: string;
  plant: string;
  unit: string;
  currency: string;
  deliveredQuantity: Thousandths;
  invoicedQuantity: Thousandths;
  deliveredAmount: Centavos;
  invoicedAmount: Centavos;
  remissions: number;
  invoiceLines: number;
}

/** An invoice line that cites no remission at all (freight, pumping, interest…). */
export interface Uncited {
  invoice: string;
  line: InvoiceLine;
}

export interface DeliveriesResult {
  options: DeliveriesOptions;
  matched: MatchedPair[];
  notInvoiced: NotInvoiced[];
  missingRemissions: MissingRemission[];
  ambiguous: Ambiguity[];
  differences: Difference[];
  duplicates: Duplicate[];
  summary: SummaryRow[];
  uncited: Uncited[];
  /** Whether the summary is also per plant (the deliveries list has a plant column with values). */
  byPlant: boolean;
  remissions: Remission[];
  counts: {
    remissions: number;
    remissionsInPeriod: number;
    cancelledRemissions: number;
    invoiceLines: number;
    invoiceLinesInPeriod: number;
    cancelledLines: number;
    invoices: number;
  };
  /** Remission rows that repeat another of the same note without an item number to tell them apart. */
  repeatedRows: { remission: Remission; rows: number[] }[];
}

const partyKeys = new Map<string, string>();

/**
 * Customer and material codes compare without SAP's leading zeros (ALPHA), case-insensitively.
 * A list has a few thousand distinct codes among hundreds of thousands of rows: each is worked
 * out once.
 */
export function partyKey(code: string): string {
  let k = partyKeys.get(code);
  if (k === undefined) {
    const t = code.trim();
    k = /^\d+$/.test(t) ? t.replace(/^0+(?=\d)/, "") : t.toUpperCase();
    if (partyKeys.size < 100_000) partyKeys.set(code, k);
  }
  return k;
}

/** Whether a code written as `code` is the customer whose key is `key`, without building its key when it need not. */
function sameParty(code: string, key: string): boolean {
  let i = 0;
  const n = code.length;
  while (i < n - 1 && code.charCodeAt(i) === 48) i++;
  if (n - i === key.length) {
    let k = 0;
    while (k < key.length && code.charCodeAt(i + k) === key.charCodeAt(k)) k++;
    if (k === key.length) {
      // Equal once the zeros are off: the same customer when the code is all digits.
      let digits = true;
      for (let j = 0; j < n && digits; j++) digits = code.charCodeAt(j) >= 48 && code.charCodeAt(j) <= 57;
      if (digits) return true;
    }
  }
  return partyKey(code) === key;
}

function exceeds(diff: number, base: number, absolute: number, ppm: number | undefined): boolean {
  const d = Math.abs(diff);
  return ppm === undefined ? d > absolute : d * 1_000_000 > ppm * Math.abs(base);
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Numeric keys in numeric order, the rest after them as text. */
function keyOrder(a: string, b: string): number {
  return a.length - b.length || byText(a, b);
}

interface Group {
  delivered: Thousandths;
  deliveredUnknown: boolean;
  deliveredUnits: Set<string>;
  deliveredUnitText: string;
  invoiced: Thousandths;
  invoicedUnknown: boolean;
  invoicedUnits: Set<string>;
  invoicedUnitText: string;
  remissions: Set<Remission>;
  lines: Set<InvoiceLine>;
  hasDelivered: boolean;
  hasInvoiced: boolean;
  product: string;
}

function group(): Group {
  return { delivered: 0, deliveredUnknown: false, deliveredUnits: new Set(), deliveredUnitText: "", invoiced: 0, invoicedUnknown: false, invoicedUnits: new Set(), invoicedUnitText: "", remissions: new Set(), lines: new Set(), hasDelivered: false, hasInvoiced: false, product: "" };
}

/** Shared empty lists, replaced by a list of their own on the first push (frozen: a push on them is a bug). */
const NO_LINES: number[] = Object.freeze([]) as unknown as number[];
const NO_INVOICES: string[] = Object.freeze([]) as unknown as string[];

export function reconcileDeliveries(deliveries: readonly Delivery[], lines: readonly InvoiceLine[], options: DeliveriesOptions): DeliveriesResult {
  const { from, to, asOf, tolerance } = options;
  const inPeriod = (d: CivilDay | null) => d === null || ((from === undefined || d >= from) && (to === undefined || d <= to));

  // ---- Remissions: rows sharing number, customer and plant are the items of one note.
  // One index by number, cancelled notes included; a number's list is nearly always one long.
  const remissions: Remission[] = [];
  const byNumber = new Map<string, Remission[]>();
  let byPlant = false;
  for (const d of deliveries) {
    const key = singleKey(d.remission) ?? documentKey(d.remission)?.key;
    if (key === undefined) continue; // the kind rejects numbers without digits
    const ck = partyKey(d.customer);
    const plantKey = d.plant === "" ? "" : partyKey(d.plant);
    if (plantKey) byPlant = true;
    const list = byNumber.get(key);
    let r = list?.find((x) => x.customerKey === ck && x.plantKey === plantKey && x.cancelled === d.cancelled);
    if (!r) {
      r = { id: remissions.length, key, remission: d.remission, customer: d.customer, customerKey: ck, customerName: d.customerName, plant: d.plant, plantKey, jobsite: d.jobsite, date: d.date, items: [d], cancelled: d.cancelled, invoices: NO_INVOICES, lines: NO_LINES };
      remissions.push(r);
      if (list) list.push(r);
      else byNumber.set(key, [r]);
      continue;
    }
    r.items.push(d);
    if (d.date < r.date) r.date = d.date;
    if (!r.customerName && d.customerName) r.customerName = d.customerName;
    if (!r.jobsite && d.jobsite) r.jobsite = d.jobsite;
  }
  const repeatedRows: DeliveriesResult["repeatedRows"] = [];
  for (const r of remissions) {
    if (r.items.length < 2) continue;
    const seen = new Map<string, number>();
    const rows: number[] = [];
    for (const it of r.items) {
      const id = `${it.item}\u0001${partyKey(it.product)}`;
      const first = seen.get(id);
      if (first === undefined) seen.set(id, it.row);
      else rows.push(first, it.row);
    }
    if (rows.length) repeatedRows.push({ remission: r, rows: [...new Set(rows)].sort((a, b) => a - b) });
  }

  // ---- Citations: each resolved to one remission, or reported.
  const missingRemissions: MissingRemission[] = [];
  const ambiguous: Ambiguity[] = [];
  const uncited: Uncited[] = [];
  const links: number[][] = new Array(lines.length);
  let cancelledLines = 0;
  let invoiceLinesInPeriod = 0;
  /** Resolves one citation of a line to one remission, or reports it (`c` is read from the cell when null). */
  const cite = (key: string, c: Cited | null, li: number, line: InvoiceLine, lineInPeriod: boolean) => {
    const list = byNumber.get(key);
    let candidates = list === undefined ? [] : list.length === 1 ? (list[0].cancelled ? [] : list) : list.filter((x) => !x.cancelled);
    if (candidates.length === 0) {
      if (lineInPeriod) missingRemissions.push({ invoice: line.invoice, line, cited: c ?? parseCitations(line.remissions).cited[0], reason: list === undefined ? "notOnFile" : "cancelled" });
      return;
    }
    if (candidates.length > 1) {
      // Narrow by what the line says (series, customer, plant); a step that leaves none is skipped.
      const cited = c ?? parseCitations(line.remissions).cited[0];
      const narrow = (keep: (r: Remission) => boolean) => {
        const n = candidates.filter(keep);
        if (n.length > 0) candidates = n;
      };
      const lineCustomer = partyKey(line.customer);
      const linePlant = line.plant === "" ? "" : partyKey(line.plant);
      if (cited.prefix) narrow((r) => documentKey(r.remission)?.prefix === cited.prefix);
      if (candidates.length > 1 && lineCustomer) narrow((r) => r.customerKey === lineCustomer);
      if (candidates.length > 1 && linePlant) narrow((r) => r.plantKey === linePlant);
      if (candidates.length > 1) {
        if (lineInPeriod) ambiguous.push({ invoice: line.invoice, line, cited: cited.written, reason: "severalRemissions", candidates });
        return;
      }
    }
    const r = candidates[0];
    // Arrays made to measure: a pushed-to empty array reserves room for 17.
    const seen = links[li];
    if (seen === NO_LINES) links[li] = [r.id];
    else if (seen.includes(r.id)) return;
    else seen.push(r.id);
    if (r.lines === NO_LINES) r.lines = [li];
    else r.lines.push(li);
    if (r.invoices === NO_INVOICES) r.invoices = [line.invoice];
    else if (!r.invoices.includes(line.invoice)) r.invoices.push(line.invoice);
  };
  // Per invoice: its earliest date and its lines (one look-up per line serves both).
  const invoices = new Map<string, { date: CivilDay | null; lines: number[] }>();
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    links[li] = NO_LINES;
    if (line.cancelled) {
      cancelledLines++;
      continue;
    }
    const inv = invoices.get(line.invoice);
    if (!inv) invoices.set(line.invoice, { date: line.date, lines: [li] });
    else {
      inv.lines.push(li);
      if (line.date !== null && (inv.date === null || line.date < inv.date)) inv.date = line.date;
    }
    const lineInPeriod = inPeriod(line.date);
    if (lineInPeriod) invoiceLinesInPeriod++;
    if (line.remissions === "" || line.remissions.trim() === "") {
      if (lineInPeriod) uncited.push({ invoice: line.invoice, line });
      continue;
    }
    // One number, nearly always: its key straight away, the rest of what was cited only when needed.
    const one = singleKey(line.remissions);
    if (one !== null) {
      cite(one, null, li, line, lineInPeriod);
      continue;
    }
    const parsed = parseCitations(line.remissions);
    if (parsed.problem && lineInPeriod) ambiguous.push({ invoice: line.invoice, line, cited: line.remissions, reason: "unreadableCitation", problem: parsed.problem, candidates: [] });
    if (parsed.cited.length === 0 && !parsed.problem && lineInPeriod) uncited.push({ invoice: line.invoice, line });
    for (const c of parsed.cited) cite(c.key, c, li, line, lineInPeriod);
  }

  // ---- Pairs, remissions not invoiced, duplicates.
  const matched: MatchedPair[] = [];
  const notInvoiced: NotInvoiced[] = [];
  const duplicates: Duplicate[] = [];
  let remissionsInPeriod = 0;
  let cancelledRemissions = 0;
  for (const r of remissions) {
    if (r.cancelled) {
      cancelledRemissions++;
      continue;
    }
    const rIn = inPeriod(r.date);
    if (rIn) remissionsInPeriod++;
    if (r.invoices.length === 0) {
      if (rIn) notInvoiced.push(notInvoicedOf(r, asOf));
      continue;
    }
    let anyIn = rIn;
    for (const inv of r.invoices) {
      const pairIn = rIn || r.lines.some((li) => lines[li].invoice === inv && inPeriod(lines[li].date));
      if (pairIn) matched.push({ remission: r, invoice: inv });
      anyIn ||= pairIn;
    }
    if (r.invoices.length > 1 && anyIn) {
      const sorted = [...r.invoices].sort((a, b) => {
        const da = invoices.get(a)?.date ?? null;
        const db = invoices.get(b)?.date ?? null;
        return (da === null ? 1 : 0) - (db === null ? 1 : 0) || (da ?? 0) - (db ?? 0) || byText(a, b);
      });
      duplicates.push({ remission: r, invoices: sorted });
    }
  }
  notInvoiced.sort((a, b) => a.remission.date - b.remission.date || keyOrder(a.remission.key, b.remission.key) || a.remission.id - b.remission.id);

  // ---- Differences, per invoice and group of lines sharing remissions.
  const differences: Difference[] = [];
  for (const [invoice, inv] of invoices) {
    const lis = inv.lines.filter((li) => links[li].length > 0);
    // Usually each line bills one remission of its own: compared one by one, no groups built.
    let simple = lis.every((li) => links[li].length === 1);
    for (let a = 0; simple && a < lis.length; a++) for (let b = a + 1; simple && b < lis.length; b++) if (links[lis[a]][0] === links[lis[b]][0]) simple = false;
    if (simple) {
      for (const li of lis) {
        const line = lines[li];
        const r = remissions[links[li][0]];
        if (!inPeriod(line.date) && !inPeriod(r.date)) continue;
        if (r.items.length === 1) compareOne(invoice, line, r, tolerance, differences);
        else compare(invoice, [line], [li], [r], links, remissions, tolerance, differences);
      }
      continue;
    }
    for (const comp of components(lis, links)) {
      const compLines = comp.lines.map((li) => lines[li]);
      const compRems = comp.remissions.map((id) => remissions[id]);
      if (!compLines.some((l) => inPeriod(l.date)) && !compRems.some((r) => inPeriod(r.date))) continue;
      compare(invoice, compLines, comp.lines, compRems, links, remissions, tolerance, differences);
    }
  }

  return {
    options,
    matched,
    notInvoiced,
    missingRemissions,
    ambiguous,
    differences,
    duplicates,
    summary: summarize(remissions, lines, links, inPeriod, byPlant),
    uncited,
    byPlant,
    remissions,
    counts: { remissions: remissions.length - cancelledRemissions, remissionsInPeriod, cancelledRemissions, invoiceLines: lines.length - cancelledLines, invoiceLinesInPeriod, cancelledLines, invoices: invoices.size },
    repeatedRows,
  };
}

function notInvoicedOf(r: Remission, asOf: CivilDay): NotInvoiced {
  let quantity: Thousandths | null = 0;
  let amount: Centavos | null = 0;
  const units = new Set<string>();
  const products: string[] = [];
  for (const it of r.items) {
    if (it.quantity === null) quantity = null;
    else if (quantity !== null) quantity += it.quantity;
    if (it.amount === null) amount = null;
    else if (amount !== null) amount += it.amount;
    if (it.unit) units.add(normalizeUnit(it.unit));
    if (it.product && !products.includes(it.product)) products.push(it.product);
  }
  const allUnknown = r.items.every((it) => it.quantity === null);
  return {
    remission: r,
    ageDays: asOf - r.date,
    quantity: units.size > 1 || allUnknown ? null : quantity,
    unit: units.size === 1 ? (r.items.find((it) => it.unit)?.unit ?? "") : "",
    amount: r.items.every((it) => it.amount === null) ? null : amount,
    currency: r.items[0].currency,
    product: products.join(", "),
  };
}

/** Lines of one invoice that share a remission are compared together: a line citing four remissions, two lines of one remission. */
function components(lis: readonly number[], links: readonly number[][]): { lines: number[]; remissions: number[] }[] {
  if (lis.length === 1) return [{ lines: [lis[0]], remissions: links[lis[0]] }];
  const owner = new Map<number, number>();
  const parent = lis.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  lis.forEach((li, i) => {
    for (const r of links[li]) {
      const o = owner.get(r);
      if (o === undefined) owner.set(r, i);
      else parent[find(i)] = find(o);
    }
  });
  const out = new Map<number, { lines: number[]; remissions: number[] }>();
  lis.forEach((li, i) => {
    const root = find(i);
    let c = out.get(root);
    if (!c) out.set(root, (c = { lines: [], remissions: [] }));
    c.lines.push(li);
    for (const r of links[li]) if (owner.get(r) === i) c.remissions.push(r);
  });
  return [...out.values()];
}

/**
 * One line for one remission of one item, the usual case: the same rules as `compare`,
 * without building its groups (a few hundred thousand of these make a month).
 */
function compareOne(invoice: string, line: InvoiceLine, r: Remission, tolerance: Tolerance, out: Difference[]): void {
  const it = r.items[0];
  if (line.customer !== r.customer && line.customer !== "" && r.customerKey !== "" && !sameParty(line.customer, r.customerKey)) out.push({ field: "customer", invoice, remissions: [r], lines: [line], delivered: r.customer, invoiced: line.customer });
  const sameProduct = line.product !== "" && it.product !== "" && (line.product === it.product || partyKey(line.product) === partyKey(it.product));
  if (line.product && it.product && !sameProduct) out.push({ field: "product", invoice, remissions: [r], lines: [line], delivered: it.product, invoiced: line.product });
  const du = it.unit === "" ? "" : normalizeUnit(it.unit);
  const iu = line.unit === "" ? "" : line.unit === it.unit ? du : normalizeUnit(line.unit);
  const d = it.quantity;
  const i = line.quantity;
  if (d !== null || i !== null) {
    if ((du && iu && du !== iu) || d === null || i === null || exceeds(i - d, d, tolerance.quantity, tolerance.relativePpm)) {
      out.push({ field: "quantity", invoice, remissions: [r], lines: [line], product: sameProduct ? it.product : "", delivered: d, invoiced: i, deliveredUnit: it.unit, invoicedUnit: line.unit });
    }
  }
  if (it.amount !== null && line.amount !== null && (it.currency !== line.currency || exceeds(line.amount - it.amount, it.amount, tolerance.amount, tolerance.relativePpm))) {
    out.push({ field: "amount", invoice, remissions: [r], lines: [line], delivered: it.amount, invoiced: line.amount, deliveredCurrency: it.currency, invoicedCurrency: line.currency });
  }
}

function compare(invoice: string, compLines: InvoiceLine[], lineIdx: number[], compRems: Remission[], links: readonly number[][], remissions: readonly Remission[], tolerance: Tolerance, out: Difference[]): void {
  if (compLines.length === 1 && compRems.length === 1 && compRems[0].items.length === 1) return compareOne(invoice, compLines[0], compRems[0], tolerance, out);
  // Customer and product, pair by pair.
  const customerSeen = new Set<number>();
  const productSeen = new Set<string>();
  for (let k = 0; k < compLines.length; k++) {
    const line = compLines[k];
    const lc = partyKey(line.customer);
    const lp = line.product ? partyKey(line.product) : "";
    for (const id of links[lineIdx[k]]) {
      const r = remissions[id];
      if (lc && r.customerKey && lc !== r.customerKey && !customerSeen.has(id)) {
        customerSeen.add(id);
        out.push({ field: "customer", invoice, remissions: [r], lines: [line], delivered: r.customer, invoiced: line.customer });
      }
      if (lp) {
        const products = r.items.filter((it) => it.product).map((it) => partyKey(it.product));
        if (products.length > 0 && !products.includes(lp) && !productSeen.has(`${id}\u0001${lp}`)) {
          productSeen.add(`${id}\u0001${lp}`);
          out.push({ field: "product", invoice, remissions: [r], lines: [line], delivered: [...new Set(r.items.map((it) => it.product).filter((p) => p))].join(", "), invoiced: line.product });
        }
      }
    }
  }

  // Quantities, per product when both sides name them and every invoiced product was delivered;
  // else all together (a product difference is reported once, not again as two quantities).
  const deliveredProducts = new Set(compRems.flatMap((r) => r.items.map((it) => partyKey(it.product))));
  const byProduct = compLines.every((l) => l.product && deliveredProducts.has(partyKey(l.product))) && compRems.every((r) => r.items.every((it) => it.product));
  const groups = new Map<string, Group>();
  const groupOf = (p: string) => {
    const k = byProduct ? partyKey(p) : "";
    let g = groups.get(k);
    if (!g) groups.set(k, (g = group()));
    return g;
  };
  for (const r of compRems) {
    for (const it of r.items) {
      const g = groupOf(it.product);
      g.hasDelivered = true;
      if (byProduct) g.product ||= it.product;
      g.remissions.add(r);
      if (it.quantity === null) g.deliveredUnknown = true;
      else g.delivered += it.quantity;
      if (it.unit) {
        g.deliveredUnits.add(normalizeUnit(it.unit));
        g.deliveredUnitText ||= it.unit;
      }
    }
  }
  for (const l of compLines) {
    const g = groupOf(l.product);
    g.hasInvoiced = true;
    g.lines.add(l);
    if (l.quantity === null) g.invoicedUnknown = true;
    else g.invoiced += l.quantity;
    if (l.unit) {
      g.invoicedUnits.add(normalizeUnit(l.unit));
      g.invoicedUnitText ||= l.unit;
    }
  }
  for (const [, g] of groups) {
    // A product only invoiced is a product difference already.
    if (!g.hasDelivered) continue;
    const base = { field: "quantity" as const, invoice, remissions: [...g.remissions], lines: [...g.lines], product: g.product, deliveredUnit: g.deliveredUnitText, invoicedUnit: g.invoicedUnitText };
    if (!g.hasInvoiced) {
      if (!g.deliveredUnknown && g.delivered !== 0) out.push({ ...base, delivered: g.delivered, invoiced: null });
      continue;
    }
    const unitsDiffer = g.deliveredUnits.size > 1 || g.invoicedUnits.size > 1 || (g.deliveredUnits.size === 1 && g.invoicedUnits.size === 1 && [...g.deliveredUnits][0] !== [...g.invoicedUnits][0]);
    const d = g.deliveredUnknown ? null : g.delivered;
    const i = g.invoicedUnknown ? null : g.invoiced;
    if (d === null && i === null) continue;
    if (unitsDiffer || d === null || i === null || exceeds(i - d, d, tolerance.quantity, tolerance.relativePpm)) out.push({ ...base, delivered: d, invoiced: i });
  }

  // Amounts, when both sides carry them for everything compared.
  const items = compRems.flatMap((r) => r.items);
  if (items.length && items.every((it) => it.amount !== null) && compLines.every((l) => l.amount !== null)) {
    let delivered = 0;
    let invoiced = 0;
    for (const it of items) delivered += it.amount!;
    for (const l of compLines) invoiced += l.amount!;
    const dc = [...new Set(items.map((it) => it.currency))];
    const ic = [...new Set(compLines.map((l) => l.currency))];
    const sameCurrency = dc.length === 1 && ic.length === 1 && dc[0] === ic[0];
    if (!sameCurrency || exceeds(invoiced - delivered, delivered, tolerance.amount, tolerance.relativePpm)) {
      out.push({ field: "amount", invoice, remissions: compRems, lines: compLines, delivered, invoiced, deliveredCurrency: dc.join(", "), invoicedCurrency: ic.join(", ") });
    }
  }
}

/**
 * Delivered and invoiced per customer, product, plant (when the list has plants), unit and
 * currency, by their comparable forms. The keys come from caches that hand back one string
 * per code, so each of the few hundred thousand look-ups finds a string it has seen before.
 */
function summarize(remissions: readonly Remission[], lines: readonly InvoiceLine[], links: readonly number[][], inPeriod: (d: CivilDay | null) => boolean, byPlant: boolean): SummaryRow[] {
  const root = new Map<string, Map<string, Map<string, Map<string, Map<string, SummaryRow>>>>>();
  const rows: SummaryRow[] = [];
  /** The row of these keys; a new one shows the codes as first written. */
  const place = (ck: string, pk: string, plk: string, uk: string, currency: string, customer: string, customerName: string, product: string, productName: string, plant: string, unit: string): SummaryRow => {
    let a = root.get(ck);
    if (!a) root.set(ck, (a = new Map()));
    let b = a.get(pk);
    if (!b) a.set(pk, (b = new Map()));
    let c = b.get(plk);
    if (!c) b.set(plk, (c = new Map()));
    let d = c.get(uk);
    if (!d) c.set(uk, (d = new Map()));
    let row = d.get(currency);
    if (!row) {
      d.set(currency, (row = { customer, customerName, product, productName, plant, unit, currency, deliveredQuantity: 0, invoicedQuantity: 0, deliveredAmount: 0, invoicedAmount: 0, remissions: 0, invoiceLines: 0 }));
      rows.push(row);
    } else if (!row.productName && productName) row.productName = productName;
    return row;
  };
  // One code and name per customer, however each list writes it (the deliveries' form first).
  const party = new Map<string, { code: string; name: string }>();
  for (const r of remissions) {
    if (r.cancelled || !inPeriod(r.date)) continue;
    const p = party.get(r.customerKey);
    if (!p) party.set(r.customerKey, { code: r.customer, name: r.customerName });
    else if (!p.name && r.customerName) p.name = r.customerName;
    const plantKey = byPlant ? r.plantKey : "";
    for (const it of r.items) {
      const row = place(r.customerKey, partyKey(it.product), plantKey, it.unit === "" ? "" : normalizeUnit(it.unit), it.currency, r.customer, r.customerName, it.product, it.productName, byPlant ? r.plant : "", it.unit);
      row.deliveredQuantity += it.quantity ?? 0;
      row.deliveredAmount += it.amount ?? 0;
      row.remissions++;
    }
  }
  // A line without a unit takes the one the deliveries of its customer and product agree on.
  const unitOf = new Map<string, Map<string, string | null>>();
  for (const row of rows) {
    if (!row.unit) continue;
    const ck = partyKey(row.customer);
    let m = unitOf.get(ck);
    if (!m) unitOf.set(ck, (m = new Map()));
    const pk = partyKey(row.product);
    const u = normalizeUnit(row.unit);
    const seen = m.get(pk);
    m.set(pk, seen === undefined || seen === u ? u : null);
  }
  for (let li = 0; li < lines.length; li++) {
    const l = lines[li];
    if (l.cancelled || !inPeriod(l.date)) continue;
    const ck = partyKey(l.customer);
    if (!party.has(ck)) party.set(ck, { code: l.customer, name: l.customerName });
    else if (!party.get(ck)!.name && l.customerName) party.get(ck)!.name = l.customerName;
    let plant = byPlant ? l.plant : "";
    if (byPlant && !plant && links[li].length) {
      // A line without a plant takes the one its remissions agree on.
      const first = remissions[links[li][0]].plant;
      if (links[li].every((id) => remissions[id].plant === first)) plant = first;
    }
    const pk = partyKey(l.product);
    const unitKey = l.unit === "" ? (unitOf.get(ck)?.get(pk) ?? "") : normalizeUnit(l.unit);
    const row = place(ck, pk, plant === "" ? "" : partyKey(plant), unitKey, l.currency, l.customer, l.customerName, l.product, l.productName, plant, l.unit || unitKey);
    row.invoicedQuantity += l.quantity ?? 0;
    row.invoicedAmount += l.amount ?? 0;
    row.invoiceLines++;
  }
  for (const r of rows) {
    const p = party.get(partyKey(r.customer))!;
    r.customer = p.code;
    r.customerName = p.name || r.customerName;
  }
  const keyed = rows.map((r) => ({ r, k: partyKey(r.customer) }));
  keyed.sort((a, b) => byText(a.k, b.k) || byText(a.r.product, b.r.product) || byText(a.r.plant, b.r.plant) || byText(a.r.unit, b.r.unit) || byText(a.r.currency, b.r.currency));
  return keyed.map((x) => x.r);
}
