import type { DateSystem } from "../core/dates";
import type { Row } from "../core/grid";
import { chunkRows, rowBytes } from "../report/chunks";
import { throwIfAborted, yieldToEventLoop, type ReadOptions, type SourcePreview, type SourceRef } from "../workbook/port";
import { dateProbe, extentOf, EXTENT_PROPS, sourceRange } from "./addresses";

/** Reading the pane's sources: previews, whole ranges in chunks, and putting the cursor on a cell. */
const FIRST_CHUNK_ROWS = 200;

/** The first rows of a source, its size and the date system. */
export async function previewRange(ctx: Excel.RequestContext, source: SourceRef, rows: number): Promise<SourcePreview> {
  {
    const range = sourceRange(ctx, source);
    range.load(EXTENT_PROPS);
    const probe = dateProbe(ctx);
    await ctx.sync();
    const e = extentOf(range);
    const n = Math.max(1, Math.min(rows, e.rowCount));
    const top = ctx.workbook.worksheets.getItem(e.sheet).getRangeByIndexes(e.rowIndex, e.columnIndex, n, e.columnCount);
    top.load("values");
    await ctx.sync();
    const dateSystem: DateSystem = probe.value === 0 ? 1904 : 1900;
    return { rows: top.values as Row[], firstRow: e.rowIndex + 1, dateSystem, totalRows: e.rowCount, label: range.address };
  }
}

/**
 * Every row of a source in chunks under the 5 MB request cap, one sync each, yielding to the
 * event loop between them.
 */
export async function readRange(ctx: Excel.RequestContext, source: SourceRef, options: ReadOptions): Promise<void> {
  {
    const range = sourceRange(ctx, source);
    range.load(EXTENT_PROPS);
    await ctx.sync();
    const e = extentOf(range);
    const ws = ctx.workbook.worksheets.getItem(e.sheet);
    // A small first chunk measures the rows; later ones are sized for twice the widest row
    // seen so far, so a column of long texts further down still fits under the cap.
    let size = Math.min(FIRST_CHUNK_ROWS, chunkRows([], e.columnCount));
    let widest: Row[] = [];
    let done = 0;
    while (done < e.rowCount) {
      throwIfAborted(options.signal);
      const n = Math.min(size, e.rowCount - done);
      const part = ws.getRangeByIndexes(e.rowIndex + done, e.columnIndex, n, e.columnCount);
      part.load("values");
      await ctx.sync();
      const rows = part.values as Row[];
      await options.onChunk({ rows, firstRow: e.rowIndex + done + 1 });
      done += n;
      options.onProgress?.({ done, total: e.rowCount });
      widest = [widestRow(rows, widest[0])];
      size = chunkRows(widest, e.columnCount, 2);
      await yieldToEventLoop();
    }
  }
}

/** Puts the cursor on a cell of a source (`row` as the user sees it, `columnIndex` within the source). */
export async function selectSourceCell(ctx: Excel.RequestContext, source: SourceRef, row: number, columnIndex: number): Promise<boolean> {
  {
    const range = sourceRange(ctx, source);
    range.load(EXTENT_PROPS);
    await ctx.sync();
    const e = extentOf(range);
    const ws = ctx.workbook.worksheets.getItem(e.sheet);
    ws.activate();
    ws.getRangeByIndexes(row - 1, e.columnIndex + columnIndex, 1, 1).select();
    await ctx.sync();
    return true;
  }
}

function widestRow(rows: readonly Row[], previous: Row | undefined): Row {
  let best = previous ?? [];
  let bestLen = previous ? rowBytes(previous) : 0;
  // Every 50th row is enough to size the next chunk; measuring all would cost more than reading.
  for (let i = 0; i < rows.length; i += 50) {
    const len = rowBytes(rows[i]);
    if (len > bestLen) {
      best = rows[i];
      bestLen = len;
    }
  }
  return best;
}
