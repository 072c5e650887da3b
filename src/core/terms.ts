/**
 * Payment terms as days. SAP term keys are each company's own (ZTERM), but Mexican companies
 * name them after the days (`Z030`, `NT30`); text such as `30 días` or `Neto 30` is common too.
 * Returns null when the terms say no number of days.
 */
export function parseTermDays(value: unknown): number | null {
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 && value <= 3650 ? value : null;
  if (typeof value !== "string") return null;
  // A ledger uses a handful of distinct terms: read each once.
  const cached = termCache.get(value);
  if (cached !== undefined) return cached;
  const days = readTermText(value);
  if (termCache.size < 5000) termCache.set(value, days);
  return days;
}

const termCache = new Map<string, number | null>();

function readTermText(value: string): number | null {
  const t = value.trim().toUpperCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  if (t === "") return null;
  if (t === "0001" || /^(CONTADO|INMEDIATO|IMMEDIATE|COD|DUE NET|PAGO INMEDIATO)$/.test(t)) return 0;
  let m = /^\d{1,4}$/.exec(t);
  if (m) return Number(t) <= 3650 ? Number(t) : null;
  m = /^[A-Z]{1,4}0*(\d{1,3})$/.exec(t);
  if (m) return Number(m[1]);
  m = /^(?:NETO|NET|CREDITO|CREDIT)?\s*(\d{1,3})\s*(?:DIAS|DIA|DAYS|DAY|D|DN|NETO|NET)?$/.exec(t);
  if (m) return Number(m[1]);
  return null;
}
