import type { DateSystem } from "../core/dates";
import type { Lang } from "../core/messages";
import type { Report } from "../core/report/report";
import { queueSheetFinish, queueSheetFrame, writeSheetRows } from "../report/excel";
import { layoutSheet } from "../report/layout";
import { throwIfAborted, type ListSpec, type ReadOptions, type SettingsRecord, type SourcePreview, type SourceRef, type WorkbookPort, type WriteOptions, type WriteResult } from "../workbook/port";
import { ownedKey, ownedSheets } from "../workbook/settings";
import { dateProbe, tableName, uniqueSheetName } from "./addresses";
import { appendListSheet, readListSheet } from "./listSheet";
import { previewRange, readRange, selectSourceCell } from "./ranges";
import { mergeSettings, queueSettingsWrite, readSettings } from "./settingsSheet";
import { listSources } from "./sources";

export { parseAddress, cleanSheetName, uniqueSheetName } from "./addresses";
export { parseSettings, SETTINGS_SHEETS } from "./settingsSheet";

/**
 * The workbook port on Excel (Office.js), wiring the modules beside it: sources.ts (what can
 * be read), ranges.ts (reading in chunks), settingsSheet.ts (the visible `Cartera` sheet) and
 * the Excel-sheets writer in src/report/excel.ts. Everything goes through `range.values` in
 * chunks (Excel on the web caps a request at about 5 MB) with one `context.sync()` per chunk.
 *
 * Results go to new sheets. Cartera remembers which worksheets it wrote (by worksheet id, per
 * report family) in its visible settings sheet `Cartera`; a re-run deletes those and nothing
 * else. New sheets are written under temporary names first, so a cancelled or failed run
 * leaves the previous results in place.
 */
type Run = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelWorkbookOptions {
  lang: Lang;
  /** Excel.run, replaceable in tests. */
  run?: Run;
}

export class ExcelWorkbook implements WorkbookPort {
  readonly mode = "excel" as const;
  private readonly run: Run;
  private readonly lang: Lang;
  /** Worksheet id of each list sheet once known, so an append costs two syncs, not five. */
  private readonly listIds = new Map<string, string>();

  constructor(options: ExcelWorkbookOptions) {
    this.lang = options.lang;
    this.run = options.run ?? (<T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Excel.run(batch));
  }

  listSources(): Promise<SourceRef[]> {
    return this.run((ctx) => listSources(ctx, this.lang));
  }

  preview(source: SourceRef, rows: number): Promise<SourcePreview> {
    return this.run((ctx) => previewRange(ctx, source, rows));
  }

  async readGrid(source: SourceRef, options: ReadOptions): Promise<void> {
    await this.run((ctx) => readRange(ctx, source, options));
  }

  selectCell(source: SourceRef, row: number, columnIndex: number): Promise<boolean> {
    return this.run((ctx) => selectSourceCell(ctx, source, row, columnIndex));
  }

  async readList(list: ListSpec): Promise<string[][]> {
    const r = await this.run((ctx) => readListSheet(ctx, list, this.listIds.get(list.id)));
    if (r.worksheetId) this.listIds.set(list.id, r.worksheetId);
    return r.rows;
  }

  async appendList(list: ListSpec, rows: readonly (readonly string[])[]): Promise<void> {
    this.listIds.set(list.id, await this.run((ctx) => appendListSheet(ctx, list, rows, this.lang, this.listIds.get(list.id))));
  }

  loadSettings(): Promise<SettingsRecord> {
    return this.run(async (ctx) => (await readSettings(ctx)).record);
  }

  async saveSettings(values: SettingsRecord): Promise<void> {
    await this.run(async (ctx) => {
      const current = await readSettings(ctx);
      queueSettingsWrite(ctx, current, mergeSettings(current.record, values), this.lang);
      await ctx.sync();
    });
  }

  async writeReport(report: Report, options: WriteOptions): Promise<WriteResult> {
    const layouts = report.sheets.map((s) => layoutSheet(report, s));
    return this.run(async (ctx) => {
      const wb = ctx.workbook;
      const settings = await readSettings(ctx);
      const sheets = wb.worksheets;
      sheets.load("items/name,items/id");
      const probe = dateProbe(ctx);
      await ctx.sync();
      const dateSystem: DateSystem = probe.value === 0 ? 1904 : 1900;
      const old = ownedSheets(settings.record, options.family);
      const oldIds = new Set(old.map((o) => o.worksheetId));
      const taken = new Set(sheets.items.map((s) => s.name.toLowerCase()));
      const stamp = Date.now().toString(36).slice(-4);

      // 1. New sheets under temporary names, with titles, headers, column formats and widths.
      const created = layouts.map((layout, i) => {
        const ws = sheets.add(uniqueSheetName(`~${stamp}${i} ${layout.sheet.name}`, taken));
        ws.load("id,name");
        queueSheetFrame(ws, layout);
        return ws;
      });
      await ctx.sync();

      try {
        await writeSheetRows(ctx, created, layouts, report, dateSystem, options);
        throwIfAborted(options.signal);
      } catch (e) {
        // Cancelled or failed while writing data: remove the half-written sheets; the previous
        // results were not touched yet.
        for (const ws of created) ws.delete();
        await ctx.sync().catch(() => undefined);
        throw e;
      }

      // 3. One batch to finish: drop the old results, rename, tables, totals, highlights, chart, settings.
      const oldSheets = sheets.items.filter((s) => oldIds.has(s.id));
      for (const ws of oldSheets) ws.delete();
      const oldNames = new Set(oldSheets.map((s) => s.name.toLowerCase()));
      const finalTaken = new Set([...taken].filter((n) => !oldNames.has(n)));
      for (const ws of created) finalTaken.delete(ws.name.toLowerCase());
      const names = layouts.map((layout, i) => {
        const name = uniqueSheetName(layout.sheet.name, finalTaken);
        created[i].name = name;
        queueSheetFinish(created[i], layout, report, { table: tableName(options.family, layout.sheet.id), chart: `Cartera_${options.family}_chart`.replace(/[^A-Za-z0-9_]/g, "_") });
        return name;
      });
      const record: SettingsRecord = {};
      for (const o of old) record[o.key] = "";
      layouts.forEach((layout, i) => (record[ownedKey(options.family, layout.sheet.id)] = created[i].id));
      queueSettingsWrite(ctx, settings, mergeSettings(settings.record, record), this.lang);
      created[0]?.activate();
      await ctx.sync();
      return { sheets: names };
    });
  }
}
