/**
 * Aging of plain columns — an amount and a due date per item, optionally a group (customer) —
 * the arithmetic behind the CARTERA.AGING and CARTERA.AGINGBY worksheet functions. The ledger
 * aging in aging.ts works on mapped ledger items; this works on what a worksheet range holds,
 * with the same buckets (bucketLabels, bucketIndex) and the same lookup-table hot loop.
 */
import { bucketIndex, bucketLabels, DEFAULT_EDGES } from "./aging";
import type { CivilDay } from "../dates";
import type { Centavos } from "../money";

export interface ColumnsToAge {
  /** Items in the arrays below. */
  length: number;
  amounts: ArrayLike<Centavos>;
  due: ArrayLike<CivilDay>;
  /** Group index per item (0 … groupCount − 1), for aging by customer. */
  group?: ArrayLike<number>;
  groupCount?: number;
}

export interface ColumnAging {
  labels: string[];
  /** Per bucket, all items. */
  totals: Centavos[];
  /** Per group, per bucket (empty without groups). */
  byGroup: Centavos[][];
}

export function ageColumns(input: ColumnsToAge, asOf: CivilDay, edges: readonly number[] = DEFAULT_EDGES): ColumnAging {
  const nb = edges.length + 2;
  const last = edges[edges.length - 1];
  // Lookup table from days past due to bucket index, so the hot loop has no inner search.
  const lut = new Uint8Array(last + 1);
  for (let d = 0; d <= last; d++) lut[d] = bucketIndex(d, edges);
  const totals = new Array<number>(nb).fill(0);
  const groupCount = input.group ? (input.groupCount ?? 0) : 0;
  // One flat array for every group's buckets: no allocation per item or per group in the loop.
  const flat = new Float64Array(groupCount * nb);
  const { amounts, due, group, length } = input;
  for (let i = 0; i < length; i++) {
    const days = asOf - due[i];
    const b = days <= 0 ? 0 : days > last ? nb - 1 : lut[days];
    const a = amounts[i];
    totals[b] += a;
    if (group) flat[group[i] * nb + b] += a;
  }
  const byGroup: Centavos[][] = [];
  for (let g = 0; g < groupCount; g++) byGroup.push(Array.from(flat.subarray(g * nb, (g + 1) * nb)));
  return { labels: bucketLabels(edges), totals, byGroup };
}
