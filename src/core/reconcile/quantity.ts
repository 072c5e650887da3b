import type { Problem } from "../messages";

/**
 * Quantities delivered and invoiced (m³, tonnes, pieces) as integer thousandths: 7.5 m³ is
 * 7500. Scales and plant systems write at most three decimals (kilograms of a tonne, litres of
 * a cubic metre), so thousandths compare and add exactly where floats would not.
 */
export type Thousandths = number;

export type QuantityParse = { ok: true; value: Thousandths } | { ok: false; problem: Problem };

/** Far above any load or invoice line, well inside exact integers. */
const MAX_UNITS = 1e12;

function bad(value: string): QuantityParse {
  return { ok: false, problem: { code: "quantity.unrecognized", params: { value } } };
}

/** Rounds digits written as `int.frac` half away from zero to thousandths. */
function fromDigits(intPart: string, fracPart: string, negative: boolean): Thousandths {
  if (intPart.length > 12) return NaN;
  const f = (fracPart + "0000").slice(0, 4);
  let t = (intPart === "" ? 0 : Number(intPart)) * 1000 + Number(f.slice(0, 3));
  if (f.charCodeAt(3) >= 53 /* '5' */) t += 1;
  return negative && t !== 0 ? -t : t;
}

/** A number cell, rounded half away from zero on its shortest decimal form (7.0005 → 7.001). */
export function thousandthsFromNumber(v: number): Thousandths | null {
  if (!Number.isFinite(v) || Math.abs(v) > MAX_UNITS) return null;
  const scaled = v * 1000;
  const r = Math.round(scaled);
  if (Math.abs(scaled - r) < 1e-6) return r === 0 ? 0 : r;
  const text = Math.abs(v).toPrecision(15);
  if (/e/i.test(text)) return 0;
  const dot = text.indexOf(".");
  const t = dot < 0 ? fromDigits(text, "", v < 0) : fromDigits(text.slice(0, dot), text.slice(dot + 1), v < 0);
  return t === t ? t : null;
}

function validGroups(s: string, sep: string): boolean {
  const groups = s.split(sep);
  if (groups.length === 1) return true;
  if (groups[0].length < 1 || groups[0].length > 3) return false;
  for (let i = 1; i < groups.length; i++) if (groups[i].length !== 3) return false;
  return true;
}

/**
 * Reads a quantity as plant systems and SAP write it: numbers, `7.5`, `1,234.500`, `7,5`,
 * `1.234,5`, `7.500-` (SAP's sign last), `(2)`. The separators follow the amounts' rule
 * (src/core/money.ts), so one file reads the same in both: a single comma followed by exactly
 * three digits groups thousands (`1,500` is fifteen hundred), otherwise it is the decimal mark.
 */
export function parseQuantity(value: unknown): QuantityParse {
  if (typeof value === "number") {
    const t = thousandthsFromNumber(value);
    return t === null ? bad(String(value)) : { ok: true, value: t };
  }
  if (typeof value !== "string") return bad(String(value));
  const original = value.trim();
  let s = original.replace(/[\s\u00a0]/g, "");
  let negative = false;
  if (s.startsWith("(") && s.endsWith(")")) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (s.endsWith("-")) {
    negative = !negative;
    s = s.slice(0, -1);
  } else if (s.startsWith("-")) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith("+")) {
    s = s.slice(1);
  }
  if (s === "" || !/^[\d.,]+$/.test(s)) return bad(original);
  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");
  let intPart: string;
  let fracPart = "";
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? "." : ",";
    const thousands = decimal === "." ? "," : ".";
    const parts = s.split(decimal);
    if (parts.length !== 2 || !validGroups(parts[0], thousands)) return bad(original);
    intPart = parts[0].split(thousands).join("");
    fracPart = parts[1];
  } else if (lastComma >= 0) {
    const groups = s.split(",");
    if (groups.length === 2 && groups[1].length !== 3) {
      intPart = groups[0];
      fracPart = groups[1];
    } else {
      if (!validGroups(s, ",")) return bad(original);
      intPart = groups.join("");
    }
  } else if (lastDot >= 0) {
    const groups = s.split(".");
    if (groups.length === 2) {
      intPart = groups[0];
      fracPart = groups[1];
    } else {
      if (!validGroups(s, ".")) return bad(original);
      intPart = groups.join("");
    }
  } else {
    intPart = s;
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(fracPart) || (intPart === "" && fracPart === "")) return bad(original);
  const t = fromDigits(intPart, fracPart, negative);
  return t === t ? { ok: true, value: t } : bad(original);
}

/** Units as a JSON number: 7500 → 7.5 (the shortest decimal form of a thousandth is exact). */
export function quantityUnits(t: Thousandths): number {
  return t / 1000;
}

/** `1,234.5`, `8`, `-0.125`: grouped, without trailing zeros. */
export function formatQuantity(t: Thousandths): string {
  const negative = t < 0;
  const abs = Math.abs(t);
  const units = Math.floor(abs / 1000);
  const frac = abs - units * 1000;
  const grouped = String(units).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const tail = frac === 0 ? "" : "." + String(frac).padStart(3, "0").replace(/0+$/, "");
  return (negative ? "-" : "") + grouped + tail;
}

/** Units of measure as SAP (ISO codes), plants and people write them, so `M3`, `m³` and `MTQ` agree. */
const UNIT_ALIASES: Record<string, string> = {
  M3: "M3", MTQ: "M3", MC: "M3", METROCUBICO: "M3", METROSCUBICOS: "M3", CUBICMETER: "M3", CUBICMETRE: "M3",
  T: "T", TO: "T", TON: "T", TONS: "T", TNE: "T", TONELADA: "T", TONELADAS: "T", TONNE: "T", TONNES: "T",
  KG: "KG", KGM: "KG", KILO: "KG", KILOS: "KG", KILOGRAMO: "KG", KILOGRAMOS: "KG",
  PZA: "PZA", PZAS: "PZA", PZ: "PZA", PIEZA: "PZA", PIEZAS: "PZA", PC: "PZA", PCS: "PZA", ST: "PZA", EA: "PZA", H87: "PZA", C62: "PZA", PIECE: "PZA", PIECES: "PZA", UNIDAD: "PZA",
  SAC: "SACO", SACO: "SACO", SACOS: "SACO", BAG: "SACO", BAGS: "SACO", BG: "SACO",
  M2: "M2", MTK: "M2", M: "M", MTR: "M", L: "L", LTR: "L", LT: "L", LITRO: "L", LITROS: "L",
  VIAJE: "VIAJE", VIAJES: "VIAJE", TRIP: "VIAJE", SERVICIO: "SERV", SERV: "SERV", E48: "SERV", SER: "SERV",
};

const units = new Map<string, string>();

/** A unit's comparable form; unknown units are kept (upper case, no accents or dots). A list has a handful: each is read once. */
export function normalizeUnit(unit: string): string {
  let n = units.get(unit);
  if (n === undefined) {
    const u = unit.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/³/g, "3").replace(/²/g, "2").toUpperCase().replace(/[^A-Z0-9]/g, "");
    n = UNIT_ALIASES[u] ?? u;
    if (units.size < 10_000) units.set(unit, n);
  }
  return n;
}
