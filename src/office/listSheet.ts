import { cellText, columnLetter, type Row } from "../core/grid";
import type { Lang } from "../core/messages";
import { spans } from "../report/chunks";
import { asTypedText, TEXT_FORMAT } from "../report/layout";
import { TITLE_COLOR } from "../report/palette";
import type { ListSpec, SettingsRecord } from "../workbook/port";
import { ownedKey } from "../workbook/settings";
import { uniqueSheetName } from "./addresses";
import { mergeSettings, queueSettingsWrite, readSettings } from "./settingsSheet";

/**
 * The lists Cartera appends to (the send journal `Cartera envíos`, `Compromisos`) as visible
 * sheets an auditor can read: a header row, then one text row per entry, never rewritten.
 * Cartera finds its list by the worksheet id it recorded in the settings sheet
 * (`owned.list.<id>`), so a renamed list is still its own and a user's sheet that happens to
 * have the name is never touched (the list then goes to `Compromisos (2)`).
 */
const LIST_FAMILY = "list";
/** Rows per write: lists grow a few rows at a time, but an import could be large. */
const CHUNK_ROWS = 2000;

export function listKey(list: ListSpec): string {
  return ownedKey(LIST_FAMILY, list.id);
}

/** What was written comes back as written: Excel drops the apostrophe, a copy may keep it. */
function cellIn(v: unknown): string {
  const s = cellText(v as Row[number]);
  return /^'[=+\-@]/.test(s) ? s.slice(1) : s;
}

async function listSheet(ctx: Excel.RequestContext, worksheetId: string | undefined): Promise<Excel.Worksheet | null> {
  if (!worksheetId) return null;
  const ws = ctx.workbook.worksheets.getItemOrNullObject(worksheetId);
  ws.load("id,name");
  await ctx.sync();
  return ws.isNullObject ? null : ws;
}

export async function readListSheet(ctx: Excel.RequestContext, list: ListSpec, knownId?: string): Promise<{ rows: string[][]; worksheetId?: string }> {
  const ws = (await listSheet(ctx, knownId)) ?? (await listSheet(ctx, (await readSettings(ctx)).record[listKey(list)]));
  if (!ws) return { rows: [] };
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("values");
  await ctx.sync();
  const values = used.isNullObject ? [] : (used.values as unknown[][]);
  return { rows: values.map((r) => r.map(cellIn)), worksheetId: ws.id };
}

/** Appends rows (creating the sheet and its header first when needed); returns the sheet's id. */
export async function appendListSheet(ctx: Excel.RequestContext, list: ListSpec, rows: readonly (readonly string[])[], lang: Lang, knownId?: string): Promise<string> {
  let ws = await listSheet(ctx, knownId);
  if (!ws) {
    const settings = await readSettings(ctx);
    ws = await listSheet(ctx, settings.record[listKey(list)]);
    if (!ws) ws = await createListSheet(ctx, list, settings, lang);
  }
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("rowIndex,rowCount");
  await ctx.sync();
  let next = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
  const width = Math.max(list.header.length, ...rows.map((r) => r.length));
  if (next === 0) {
    writeRows(ws, 0, [list.header], width);
    ws.getRangeByIndexes(0, 0, 1, width).format.font.bold = true;
    next = 1;
  }
  for (const [start, n] of spans(rows.length, CHUNK_ROWS)) {
    writeRows(ws, next + start, rows.slice(start, start + n), width);
    await ctx.sync();
  }
  if (rows.length === 0) await ctx.sync();
  return ws.id;
}

function writeRows(ws: Excel.Worksheet, top: number, rows: readonly (readonly string[])[], width: number): void {
  const range = ws.getRangeByIndexes(top, 0, rows.length, width);
  // Text format first, so a date-like or number-like text (a period, a hash) stays text.
  range.numberFormat = rows.map(() => Array<string>(width).fill(TEXT_FORMAT));
  range.values = rows.map((r) => Array.from({ length: width }, (_, i) => asTypedText(r[i] ?? "")));
}

async function createListSheet(ctx: Excel.RequestContext, list: ListSpec, settings: Awaited<ReturnType<typeof readSettings>>, lang: Lang): Promise<Excel.Worksheet> {
  const sheets = ctx.workbook.worksheets;
  sheets.load("items/name");
  await ctx.sync();
  const taken = new Set(sheets.items.map((s) => s.name.toLowerCase()));
  const ws = sheets.add(uniqueSheetName(list.name, taken));
  ws.load("id,name");
  await ctx.sync();
  const width = list.header.length;
  writeRows(ws, 0, [list.header], width);
  const header = ws.getRangeByIndexes(0, 0, 1, width);
  header.format.font.bold = true;
  header.format.font.color = TITLE_COLOR;
  ws.freezePanes.freezeRows(1);
  ws.getRange(`A:${columnLetter(width - 1)}`).format.columnWidth = 110;
  const record: SettingsRecord = { [listKey(list)]: ws.id };
  queueSettingsWrite(ctx, settings, mergeSettings(settings.record, record), lang);
  await ctx.sync();
  return ws;
}
