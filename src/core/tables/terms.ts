import type { TableSpec } from "./columns";
import type { RowFields, TableKind } from "./fields";
import { cellText, isEmptyCell, type Row } from "../grid";
import type { Problem } from "../messages";
import type { Rejection, RowContext, RowOutcome } from "./table";
import { normalizeTermsKey, parseDays, parsePercent, type CashDiscount, type TermsRecord } from "../terms";
import type { Fraction } from "../rates";

/**
 * The installation's terms of payment (`--terms FILE`): a key and its periods, either as
 * people write them (net days, discount 1 % and days, discount 2 % and days) or as SAP
 * exports them (BSEG's ZBD1T/ZBD1P, ZBD2T/ZBD2P, ZBD3T; T052's ZTAG1/ZPRZ1, ZTAG2/ZPRZ2, ZTAG3).
 */
export const TERMS_SPEC: TableSpec = {
  kind: "terms",
  fields: [
    { key: "key", type: "code", label: { es: "Clave", en: "Key" }, synonyms: ["Condición de pago", "Condiciones de pago", "Cond. pago", "Clave de condiciones de pago", "Clave cond. pago", "Clave de pago", "Payment Terms", "Terms of Payment", "Terms of Payment Key", "Payt Terms", "Terms Key", "ZTERM"] },
    { key: "description", type: "text", label: { es: "Descripción", en: "Description" }, synonyms: ["Texto", "Explicación", "Explicación propia", "Own Explanation", "Text", "TEXT1", "VTEXT"] },
    { key: "netDays", type: "integer", label: { es: "Días netos", en: "Net days" }, synonyms: ["Días neto", "Neto", "Plazo neto", "Plazo", "Días de plazo", "Días", "Net", "Days Net", "Net Payment Terms Period", "Net Payment Period", "ZBD3T", "ZTAG3"] },
    { key: "discount1Percent", type: "number", label: { es: "Descuento 1 %", en: "Discount 1 %" }, synonyms: ["% descuento 1", "Porcentaje descuento 1", "Desc. 1 %", "% desc. 1", "Pronto pago 1 %", "Cash Discount Percentage 1", "Cash Discount 1 %", "ZBD1P", "ZPRZ1"] },
    { key: "discount1Days", type: "integer", label: { es: "Días descuento 1", en: "Discount 1 days" }, synonyms: ["Días desc. 1", "Días pronto pago 1", "Plazo descuento 1", "Cash Discount Days 1", "Discount Days 1", "ZBD1T", "ZTAG1"] },
    { key: "discount2Percent", type: "number", label: { es: "Descuento 2 %", en: "Discount 2 %" }, synonyms: ["% descuento 2", "Porcentaje descuento 2", "Desc. 2 %", "% desc. 2", "Pronto pago 2 %", "Cash Discount Percentage 2", "Cash Discount 2 %", "ZBD2P", "ZPRZ2"] },
    { key: "discount2Days", type: "integer", label: { es: "Días descuento 2", en: "Discount 2 days" }, synonyms: ["Días desc. 2", "Días pronto pago 2", "Plazo descuento 2", "Cash Discount Days 2", "Discount Days 2", "ZBD2T", "ZTAG2"] },
  ],
  required: [["key"], ["netDays", "discount1Days"]],
};

/**
 * One row of the terms table. The net period is SAP's: the net days when given (ZBD3T), else
 * the last period (ZBD2T, else ZBD1T), as `netDueFromBaseline` counts; 0 or an empty cell
 * means "not set", and a row whose periods are all 0 is due immediately (`contado`). A period
 * with a percentage is a cash discount; one without is only a period. Rows without a key are
 * skipped and counted, like the other tables' subtotal lines.
 */
export function termsRow(row: Row, rowNumber: number, ctx: RowContext): RowOutcome<TermsRecord> | null {
  const m = ctx.mapping;
  const raw = row[m.key];
  if (isEmptyCell(raw)) return null;
  const problems: Rejection[] = [];
  const reject = (index: number, problem: Problem) =>
    problems.push({ row: rowNumber, column: ctx.headers[index] ?? "", columnIndex: index, value: cellText(row[index]), problem });

  /** Days in a column: null when empty, 0 when written as 0. */
  const days = (i: number | undefined): number | null => {
    if (i === undefined || isEmptyCell(row[i])) return null;
    const r = parseDays(row[i]);
    if (r.ok) return r.days;
    reject(i, r.problem);
    return null;
  };
  const percent = (i: number | undefined): Fraction | null => {
    if (i === undefined || isEmptyCell(row[i])) return null;
    const r = parsePercent(row[i]);
    if (r.ok) return r.percent.num === 0n ? null : r.percent;
    reject(i, r.problem);
    return null;
  };

  const netCell = days(m.netDays);
  const periods = [
    { days: days(m.discount1Days), percent: percent(m.discount1Percent), daysIndex: m.discount1Days, percentIndex: m.discount1Percent, n: 1 },
    { days: days(m.discount2Days), percent: percent(m.discount2Percent), daysIndex: m.discount2Days, percentIndex: m.discount2Percent, n: 2 },
  ];
  if (problems.length) return { problems };

  const discounts: CashDiscount[] = [];
  for (const p of periods) {
    if (p.percent === null) continue;
    if (p.days === null) {
      reject(p.percentIndex ?? m.key, { code: "terms.discountIncomplete", params: { n: p.n } });
      continue;
    }
    discounts.push({ percent: p.percent, days: p.days });
  }
  const d1 = periods[0].days;
  const d2 = periods[1].days;
  let netDays = netCell ? netCell : d2 ? d2 : d1 ? d1 : null;
  if (netDays === null) {
    if (netCell === 0 || d1 === 0 || d2 === 0) netDays = 0;
    else reject(m.netDays ?? m.discount1Days ?? m.key, { code: "terms.noNetDays" });
  }
  if (netDays !== null) {
    const late = periods.find((p) => p.days !== null && p.days > netDays!);
    if (late) reject(late.daysIndex ?? m.key, { code: "terms.periodAfterNet", params: { days: late.days!, net: netDays } });
    else if (discounts.length === 2 && discounts[1].days <= discounts[0].days) {
      reject(periods[1].daysIndex ?? m.key, { code: "terms.discountOrder", params: { d1: discounts[0].days, d2: discounts[1].days } });
    }
  }
  if (problems.length || netDays === null) return { problems };
  const description = m.description === undefined ? "" : cellText(row[m.description]);
  return { record: { row: rowNumber, key: normalizeTermsKey(cellText(raw)), netDays, discounts, ...(description ? { description } : {}) } };
}

/** The terms table as a table kind, for `readTable`: its rows through `termsRow`. */
export const TERMS_KIND: TableKind<TermsRecord> = {
  spec: TERMS_SPEC,
  build(f: RowFields): TermsRecord | null {
    const outcome = termsRow(f.row, f.rowNumber, f.ctx);
    if (outcome === null) return null;
    if ("problems" in outcome) {
      for (const p of outcome.problems) f.problems.push(p);
      return null;
    }
    return outcome.record;
  },
};
