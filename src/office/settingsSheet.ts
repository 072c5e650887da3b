import { cellText, type Row } from "../core/grid";
import { message, type Lang } from "../core/messages";
import { TEXT_FORMAT } from "../report/layout";
import { TITLE_COLOR, TITLE_FONT_SIZE } from "../report/palette";
import type { SettingsRecord } from "../workbook/port";

/**
 * The workbook's visible settings sheet, `Cartera`: key/value rows an auditor can read (the
 * last mapping, the options, the result sheets Cartera owns). A user's own sheet with that
 * name is left alone and the next name is used.
 */
export const SETTINGS_SHEETS = ["Cartera", "Cartera config"];
const SETTINGS_MARKER = "Cartera";
const SETTINGS_HEADER_ROW = 4;

export function findSettingsSheet(items: Excel.Worksheet[]): Excel.Worksheet | undefined {
  return items.find((s) => s.name === SETTINGS_SHEETS[0]) ?? items.find((s) => s.name === SETTINGS_SHEETS[1]);
}

/** Two syncs: the sheet list, then the settings sheet's cells (a missing sheet cannot be read in the same batch). */
export async function readSettings(ctx: Excel.RequestContext): Promise<StoredSettings> {
  const sheets = ctx.workbook.worksheets;
  sheets.load("items/name");
  await ctx.sync();
  const names = new Set(sheets.items.map((s) => s.name));
  for (const name of SETTINGS_SHEETS) {
    if (!names.has(name)) return { sheetName: name, exists: false, record: {}, rows: 0 };
    const used = sheets.getItem(name).getUsedRangeOrNullObject(true);
    used.load("values");
    await ctx.sync();
    const values = used.isNullObject ? [] : (used.values as Row[]);
    // A user's own sheet called "Cartera" is left alone: the next name is used instead.
    if (values.length && cellText(values[0][0]) !== SETTINGS_MARKER) continue;
    return { sheetName: name, exists: true, record: parseSettings(values), rows: values.length };
  }
  return { sheetName: SETTINGS_SHEETS[SETTINGS_SHEETS.length - 1] + " 2", exists: false, record: {}, rows: 0 };
}

/** Rewrites the key/value block of the settings sheet, creating the sheet when needed. */
export function queueSettingsWrite(ctx: Excel.RequestContext, current: StoredSettings, record: SettingsRecord, lang: Lang): void {
  const ws = current.exists ? ctx.workbook.worksheets.getItem(current.sheetName) : ctx.workbook.worksheets.add(current.sheetName);
  const keys = Object.keys(record).sort();
  const lastRow = SETTINGS_HEADER_ROW + Math.max(keys.length, current.rows - SETTINGS_HEADER_ROW, 1);
  // Text format first: "2026-10-31" and "30,60,90,120" must stay text, not become a date and a number.
  ws.getRange(`A1:B${lastRow}`).numberFormat = [[TEXT_FORMAT]];
  const block: string[][] = [
    [SETTINGS_MARKER, ""],
    [message(lang, "office.settings.about"), ""],
    ["", ""],
    [message(lang, "office.settings.key"), message(lang, "office.settings.value")],
    ...keys.map((k) => [k, record[k]]),
  ];
  while (block.length < lastRow) block.push(["", ""]);
  ws.getRange(`A1:B${lastRow}`).values = block;
  ws.getRange("A1").format.font.bold = true;
  ws.getRange("A1").format.font.size = TITLE_FONT_SIZE;
  ws.getRange("A1").format.font.color = TITLE_COLOR;
  ws.getRange(`A${SETTINGS_HEADER_ROW}:B${SETTINGS_HEADER_ROW}`).format.font.bold = true;
  ws.getRange("A:A").format.columnWidth = 180;
  ws.getRange("B:B").format.columnWidth = 260;
}

export interface StoredSettings {
  sheetName: string;
  exists: boolean;
  record: SettingsRecord;
  /** Rows the sheet uses now, so a shorter rewrite clears the rest. */
  rows: number;
}

/** Key/value rows below the settings sheet's header. */
export function parseSettings(values: readonly Row[]): SettingsRecord {
  const out: SettingsRecord = {};
  for (let r = SETTINGS_HEADER_ROW; r < values.length; r++) {
    const key = cellText(values[r][0]);
    if (key !== "") out[key] = cellText(values[r][1]);
  }
  return out;
}

export function mergeSettings(record: SettingsRecord, values: SettingsRecord): SettingsRecord {
  const out = { ...record };
  for (const [k, v] of Object.entries(values)) {
    if (v === "") delete out[k];
    else out[k] = v;
  }
  return out;
}
