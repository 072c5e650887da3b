import type { DateSystem } from "../core/dates";
import { cellText, type Row } from "../core/grid";
import type { Lang } from "../core/messages";
import type { Report } from "../core/report/report";
import { chunkRows, rowBytes, spans } from "../workbook/chunks";
import { columnLetter } from "../core/grid";
import {
  throwIfAborted,
  yieldToEventLoop,
  type ReadOptions,
  type SettingsRecord,
  type SourcePreview,
  type SourceRef,
  type WorkbookPort,
  type WriteOptions,
  type WriteResult,
} from "../workbook/port";
import {
  blockAddress,
  chartTable,
  currencyFormats,
  layoutSheet,
  OVERDUE_FILL,
  OVERDUE_FONT,
  rowValues,
  SERIES_COLORS,
  TABLE_STYLE,
  TEXT_FORMAT,
  TITLE_COLOR,
  totalsFormulas,
  type SheetLayout,
} from "../report/layout";
import { allOwnedWorksheetIds, ownedKey, ownedSheets } from "../workbook/settings";

/**
 * The workbook port on Excel (Office.js). Everything goes through `range.values` in chunks
 * (Excel on the web caps a request at about 5 MB) with one `context.sync()` per chunk and a
 * handful for set-up and finishing — never one per row — and yields to the event loop between
 * chunks so Excel and the pane stay responsive on 100,000 rows.
 *
 * Results go to new sheets. Cartera remembers which worksheets it wrote (by worksheet id, per
 * report family) in its visible settings sheet `Cartera`; a re-run deletes those and nothing
 * else. New sheets are written under temporary names first, so a cancelled or failed run
 * leaves the previous results in place.
 */
export const SETTINGS_SHEETS = ["Cartera", "Cartera config"];
const SETTINGS_MARKER = "Cartera";
const SETTINGS_HEADER_ROW = 4;
const FIRST_CHUNK_ROWS = 200;

type Run = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelWorkbookOptions {
  lang: Lang;
  /** Excel.run, replaceable in tests. */
  run?: Run;
}

interface Extent {
  sheet: string;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

/** `'My sheet'!B3:T200` → sheet and 0-based corners. */
export function parseAddress(address: string): { sheet: string; row: number; column: number; rows: number; columns: number } {
  const bang = address.lastIndexOf("!");
  let sheet = bang >= 0 ? address.slice(0, bang) : "";
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  const ref = bang >= 0 ? address.slice(bang + 1) : address;
  const [a, b = a] = ref.split(":");
  const cell = (s: string) => {
    const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(s);
    if (!m) return { row: 0, column: 0 };
    let col = 0;
    for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    return { row: Number(m[2]) - 1, column: col - 1 };
  };
  const p = cell(a);
  const q = cell(b);
  return { sheet, row: p.row, column: p.column, rows: q.row - p.row + 1, columns: q.column - p.column + 1 };
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Excel forbids : \ / ? * [ ] in sheet names, a leading or trailing apostrophe, and more than 31 characters. */
export function cleanSheetName(name: string): string {
  const s = name.replace(/[:\\/?*[\]]/g, " ").replace(/^'+|'+$/g, "").trim().slice(0, 31);
  return s === "" ? "Cartera" : s;
}

/** `name`, else `name (2)`, `name (3)`… not in `taken` (compared case-insensitively, as Excel does). */
export function uniqueSheetName(name: string, taken: Set<string>): string {
  const base = cleanSheetName(name);
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    candidate = base.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

function tableName(family: string, sheetId: string): string {
  return `Cartera_${family}_${sheetId}`.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 250);
}

const EXTENT_PROPS = "address,rowIndex,columnIndex,rowCount,columnCount";

function extentOf(r: Excel.Range): Extent {
  return { sheet: parseAddress(r.address).sheet, rowIndex: r.rowIndex, columnIndex: r.columnIndex, rowCount: r.rowCount, columnCount: r.columnCount };
}

export class ExcelWorkbook implements WorkbookPort {
  readonly mode = "excel" as const;
  private readonly run: Run;
  private readonly lang: Lang;

  constructor(options: ExcelWorkbookOptions) {
    this.lang = options.lang;
    this.run = options.run ?? (<T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Excel.run(batch));
  }

  // ---- sources ------------------------------------------------------------------------

  async listSources(): Promise<SourceRef[]> {
    const es = this.lang === "es";
    return this.run(async (ctx) => {
      const wb = ctx.workbook;
      const sheets = wb.worksheets;
      sheets.load("items/name,items/id,items/visibility");
      const tables = wb.tables;
      tables.load("items/name");
      await ctx.sync();

      const settingsSheet = this.findSettingsSheet(sheets.items);
      const settingsValues = settingsSheet ? settingsSheet.getUsedRangeOrNullObject(true) : null;
      settingsValues?.load("values");
      const tableRanges = tables.items.map((t) => {
        const r = t.getRange();
        r.load(EXTENT_PROPS);
        return r;
      });
      const visible = sheets.items.filter((s) => s.visibility === "Visible" && s !== settingsSheet);
      const used = visible.map((s) => {
        const r = s.getUsedRangeOrNullObject(true);
        r.load(EXTENT_PROPS);
        return r;
      });
      await ctx.sync();
      const owned = allOwnedWorksheetIds(settingsValues && !settingsValues.isNullObject ? parseSettings(settingsValues.values) : {});

      // The selection fails to load when several areas are selected; that must not lose the rest.
      let selection: Extent | null = null;
      let active: Extent | null = null;
      let selectionAddress = "";
      try {
        const sel = wb.getSelectedRange();
        sel.load(EXTENT_PROPS + ",cellCount");
        const region = sel.getSurroundingRegion();
        region.load(EXTENT_PROPS);
        await ctx.sync();
        active = extentOf(sel);
        // One cell selected means "the data around it", as Ctrl+A and Ctrl+T read it.
        const r = sel.cellCount === 1 ? region : sel;
        selection = extentOf(r);
        selectionAddress = r.address;
      } catch {
        selection = null;
      }

      const out: SourceRef[] = [];
      const contains = (e: Extent, s: Extent) => e.sheet === s.sheet && s.rowIndex >= e.rowIndex && s.rowIndex < e.rowIndex + e.rowCount && s.columnIndex >= e.columnIndex && s.columnIndex < e.columnIndex + e.columnCount;
      tables.items.forEach((t, i) => {
        const r = tableRanges[i];
        const e = extentOf(r);
        out.push({
          kind: "table",
          key: `table:${t.name}`,
          label: `${es ? "Tabla" : "Table"} ${t.name} (${e.sheet}, ${(e.rowCount - 1).toLocaleString(es ? "es-MX" : "en-US")} ${es ? "filas" : "rows"})`,
          sheet: e.sheet,
          address: r.address,
          rows: e.rowCount,
          columns: e.columnCount,
          preferred: active !== null && contains(e, active),
        });
      });
      visible.forEach((s, i) => {
        const r = used[i];
        if (r.isNullObject || owned.has(s.id)) return;
        const e = extentOf(r);
        out.push({
          kind: "sheet",
          key: `sheet:${s.name}`,
          label: `${es ? "Hoja" : "Sheet"} ${s.name} (${r.address.slice(r.address.lastIndexOf("!") + 1)})`,
          sheet: s.name,
          address: r.address,
          rows: e.rowCount,
          columns: e.columnCount,
        });
      });
      if (selection && selectionAddress) {
        // Whole columns selected: read only what is used.
        const sheetUsed = visible.map((s, i) => ({ s, r: used[i] })).find((x) => x.s.name === selection!.sheet && !x.r.isNullObject)?.r;
        let { rowCount } = selection;
        if (sheetUsed) rowCount = Math.max(0, Math.min(selection.rowIndex + rowCount, sheetUsed.rowIndex + sheetUsed.rowCount) - selection.rowIndex);
        if (rowCount > 0 && selection.rowCount * selection.columnCount > 1) {
          const address = `${quoteSheet(selection.sheet)}!${blockAddress(selection.rowIndex, selection.columnIndex, rowCount, selection.columnCount)}`;
          out.push({
            kind: "selection",
            key: `selection:${address}`,
            label: `${es ? "Selección" : "Selection"} ${address}`,
            sheet: selection.sheet,
            address,
            rows: rowCount,
            columns: selection.columnCount,
            preferred: !out.some((o) => o.preferred) && selection.rowCount > 1,
          });
        }
      }
      return out;
    });
  }

  /** The source's range as it is now (a table or used range may have grown since it was listed). */
  private sourceRange(ctx: Excel.RequestContext, source: SourceRef): Excel.Range {
    const wb = ctx.workbook;
    if (source.kind === "table") return wb.tables.getItem(source.key.slice("table:".length)).getRange();
    if (source.kind === "sheet") return wb.worksheets.getItem(source.sheet!).getUsedRange(true);
    const address = source.address!;
    return wb.worksheets.getItem(source.sheet!).getRange(address.slice(address.lastIndexOf("!") + 1));
  }

  private dateProbe(ctx: Excel.RequestContext): Excel.FunctionResult<number> {
    // Office.js exposes no date-system property; DATE(1904,1,1) is serial 0 only in the 1904 system.
    const probe = ctx.workbook.functions.date(1904, 1, 1);
    probe.load("value");
    return probe;
  }

  async preview(source: SourceRef, rows: number): Promise<SourcePreview> {
    return this.run(async (ctx) => {
      const range = this.sourceRange(ctx, source);
      range.load(EXTENT_PROPS);
      const probe = this.dateProbe(ctx);
      await ctx.sync();
      const e = extentOf(range);
      const n = Math.max(1, Math.min(rows, e.rowCount));
      const top = ctx.workbook.worksheets.getItem(e.sheet).getRangeByIndexes(e.rowIndex, e.columnIndex, n, e.columnCount);
      top.load("values");
      await ctx.sync();
      const dateSystem: DateSystem = probe.value === 0 ? 1904 : 1900;
      return { rows: top.values as Row[], firstRow: e.rowIndex + 1, dateSystem, totalRows: e.rowCount, label: range.address };
    });
  }

  async readGrid(source: SourceRef, options: ReadOptions): Promise<void> {
    await this.run(async (ctx) => {
      const range = this.sourceRange(ctx, source);
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
    });
  }

  async selectCell(source: SourceRef, row: number, columnIndex: number): Promise<boolean> {
    return this.run(async (ctx) => {
      const range = this.sourceRange(ctx, source);
      range.load(EXTENT_PROPS);
      await ctx.sync();
      const e = extentOf(range);
      const ws = ctx.workbook.worksheets.getItem(e.sheet);
      ws.activate();
      ws.getRangeByIndexes(row - 1, e.columnIndex + columnIndex, 1, 1).select();
      await ctx.sync();
      return true;
    });
  }

  // ---- settings -------------------------------------------------------------------------

  private findSettingsSheet(items: Excel.Worksheet[]): Excel.Worksheet | undefined {
    return items.find((s) => s.name === SETTINGS_SHEETS[0]) ?? items.find((s) => s.name === SETTINGS_SHEETS[1]);
  }

  async loadSettings(): Promise<SettingsRecord> {
    return this.run(async (ctx) => (await this.readSettings(ctx)).record);
  }

  async saveSettings(values: SettingsRecord): Promise<void> {
    await this.run(async (ctx) => {
      const current = await this.readSettings(ctx);
      this.queueSettingsWrite(ctx, current, merge(current.record, values));
      await ctx.sync();
    });
  }

  /** Two syncs: the sheet list, then the settings sheet's cells (a missing sheet cannot be read in the same batch). */
  private async readSettings(ctx: Excel.RequestContext): Promise<StoredSettings> {
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
  private queueSettingsWrite(ctx: Excel.RequestContext, current: StoredSettings, record: SettingsRecord): void {
    const es = this.lang === "es";
    const ws = current.exists ? ctx.workbook.worksheets.getItem(current.sheetName) : ctx.workbook.worksheets.add(current.sheetName);
    const keys = Object.keys(record).sort();
    const lastRow = SETTINGS_HEADER_ROW + Math.max(keys.length, current.rows - SETTINGS_HEADER_ROW, 1);
    // Text format first: "2026-10-31" and "30,60,90,120" must stay text, not become a date and a number.
    ws.getRange(`A1:B${lastRow}`).numberFormat = [[TEXT_FORMAT]];
    const block: string[][] = [
      [SETTINGS_MARKER, ""],
      [
        es
          ? "Configuración del complemento Cartera: última asignación de columnas, opciones y hojas de resultados que Cartera reemplaza al volver a ejecutar. Cartera reescribe esta hoja."
          : "Cartera add-in settings: last column mapping, options, and the result sheets Cartera replaces when it runs again. Cartera rewrites this sheet.",
        "",
      ],
      ["", ""],
      [es ? "Clave" : "Key", es ? "Valor" : "Value"],
      ...keys.map((k) => [k, record[k]]),
    ];
    while (block.length < lastRow) block.push(["", ""]);
    ws.getRange(`A1:B${lastRow}`).values = block;
    ws.getRange("A1").format.font.bold = true;
    ws.getRange("A1").format.font.size = 14;
    ws.getRange("A1").format.font.color = TITLE_COLOR;
    ws.getRange(`A${SETTINGS_HEADER_ROW}:B${SETTINGS_HEADER_ROW}`).format.font.bold = true;
    ws.getRange("A:A").format.columnWidth = 180;
    ws.getRange("B:B").format.columnWidth = 260;
  }

  // ---- results ------------------------------------------------------------------------

  async writeReport(report: Report, options: WriteOptions): Promise<WriteResult> {
    const layouts = report.sheets.map((s) => layoutSheet(report, s));
    const total = layouts.reduce((n, l) => n + l.sheet.rows.length, 0);
    return this.run(async (ctx) => {
      const wb = ctx.workbook;
      const settings = await this.readSettings(ctx);
      const sheets = wb.worksheets;
      sheets.load("items/name,items/id");
      const probe = this.dateProbe(ctx);
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
        this.queueSheetFrame(ws, layout);
        return ws;
      });
      await ctx.sync();

      try {
        // 2. Data in chunks: one sync each, sized for the 5 MB request cap.
        let done = 0;
        for (let s = 0; s < layouts.length; s++) {
          const layout = layouts[s];
          const rows = layout.sheet.rows;
          if (rows.length === 0) continue;
          const size = chunkRows(rows.slice(0, 200).map((r) => rowValues(layout, r, dateSystem)), layout.columns.length, 1.2);
          for (const [start, n] of spans(rows.length, size)) {
            throwIfAborted(options.signal);
            const slice = rows.slice(start, start + n);
            const top = layout.firstDataRow - 1 + start;
            ctx.workbook.application.suspendApiCalculationUntilNextSync();
            created[s].getRangeByIndexes(top, 0, n, layout.columns.length).values = slice.map((r) => rowValues(layout, r, dateSystem));
            const formats = currencyFormats(layout, slice, report.currency);
            if (formats) for (const [col, f] of formats) created[s].getRangeByIndexes(top, col, n, 1).numberFormat = f;
            await ctx.sync();
            done += n;
            options.onProgress?.({ done, total });
            await yieldToEventLoop();
          }
        }
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
        this.queueSheetFinish(created[i], layout, report, options.family);
        return name;
      });
      const record: SettingsRecord = {};
      for (const o of old) record[o.key] = "";
      layouts.forEach((layout, i) => (record[ownedKey(options.family, layout.sheet.id)] = created[i].id));
      this.queueSettingsWrite(ctx, settings, merge(settings.record, record));
      created[0]?.activate();
      await ctx.sync();
      return { sheets: names };
    });
  }

  /** Title, subtitle, header row, column formats and widths of a result sheet. */
  private queueSheetFrame(ws: Excel.Worksheet, layout: SheetLayout): void {
    const { sheet } = layout;
    if (sheet.title) {
      const t = ws.getRange("A1");
      t.values = [[sheet.title]];
      t.format.font.bold = true;
      t.format.font.size = 14;
      t.format.font.color = TITLE_COLOR;
    }
    if (sheet.subtitle) {
      const s = ws.getRange("A2");
      s.values = [[sheet.subtitle]];
      s.format.font.italic = true;
      s.format.font.color = "#595959";
    }
    const header = ws.getRange(`A${layout.headerRow}:${layout.lastColumn}${layout.headerRow}`);
    header.values = [sheet.columns.map((c) => c.header)];
    header.format.wrapText = true;
    header.format.rowHeight = 30;
    header.format.verticalAlignment = "Center";
    const lastRow = layout.lastDataRow + sheet.totals.length;
    layout.columns.forEach((c, i) => {
      const letter = columnLetter(i);
      ws.getRange(`${letter}:${letter}`).format.columnWidth = c.widthPoints;
      // One value for the whole column range: Excel applies it to every cell (single input copy).
      if (lastRow > layout.headerRow) ws.getRange(`${letter}${layout.firstDataRow}:${letter}${lastRow}`).numberFormat = [[c.numberFormat]];
    });
  }

  /** Table, totals, overdue highlighting, frozen header, notes and chart. */
  private queueSheetFinish(ws: Excel.Worksheet, layout: SheetLayout, report: Report, family: string): void {
    const { sheet } = layout;
    const width = layout.columns.length;
    const hasRows = sheet.rows.length > 0;
    // A table needs a body row; an empty result gets one blank row.
    const tableLast = hasRows ? layout.lastDataRow : layout.headerRow + 1;
    // A Range, not an address: an address without a sheet name would mean the active sheet.
    const table = ws.tables.add(ws.getRange(`A${layout.headerRow}:${layout.lastColumn}${tableLast}`), true);
    table.name = tableName(family, sheet.id);
    table.style = TABLE_STYLE;
    if (!sheet.autoFilter) table.showFilterButton = false;
    const formulas = totalsFormulas(layout);
    if (layout.totalsMode === "tableTotalsRow" && hasRows) {
      table.showTotals = true;
      table.getTotalRowRange().formulas = formulas;
    } else if (hasRows && formulas.length > 0) {
      const totals = ws.getRangeByIndexes(layout.totalsFirstRow - 1, 0, formulas.length, width);
      totals.formulas = formulas;
      totals.format.font.bold = true;
      totals.format.fill.color = "#DDEBF7";
      totals.format.borders.getItem("EdgeTop").style = "Continuous";
      totals.format.borders.getItem("EdgeBottom").style = "Double";
      const formats = currencyFormats(layout, sheet.totals.map((t) => t.values), report.currency);
      if (formats) for (const [col, f] of formats) ws.getRangeByIndexes(layout.totalsFirstRow - 1, col, formulas.length, 1).numberFormat = f;
    }
    if (hasRows) {
      for (const i of layout.highlightColumns) {
        const letter = columnLetter(i);
        const cf = ws.getRange(`${letter}${layout.firstDataRow}:${letter}${layout.lastDataRow}`).conditionalFormats.add("CellValue");
        cf.cellValue.format.fill.color = OVERDUE_FILL;
        cf.cellValue.format.font.color = OVERDUE_FONT;
        cf.cellValue.rule = { formula1: "0", operator: "GreaterThan" };
      }
    }
    if (sheet.freezeHeader) ws.freezePanes.freezeRows(layout.headerRow);
    if (sheet.notes.length) {
      const notes = ws.getRange(`A${layout.notesFirstRow}:A${layout.notesFirstRow + sheet.notes.length - 1}`);
      notes.numberFormat = [[TEXT_FORMAT]];
      notes.values = sheet.notes.map((n) => [n]);
      notes.format.font.italic = true;
      notes.format.font.color = "#595959";
    }
    const chart = layout.chart;
    if (chart) {
      const data = chartTable(layout, sheet.columns.find((c) => c.key === sheet.chart!.categoryKey)?.header ?? "");
      const cols = data[0].length;
      const block = ws.getRange(blockAddress(chart.dataRow - 1, chart.dataColumn, data.length, cols));
      ws.getRange(blockAddress(chart.dataRow - 1, chart.dataColumn, data.length, 1)).numberFormat = [[TEXT_FORMAT]];
      ws.getRange(blockAddress(chart.dataRow, chart.dataColumn + 1, data.length - 1, cols - 1)).numberFormat = [[layout.columns.find((c) => c.column.key === chart.data.series[0]?.key)?.numberFormat ?? "General"]];
      block.values = data;
      ws.getRange(blockAddress(chart.dataRow - 1, chart.dataColumn, 1, cols)).format.font.bold = true;
      const c = ws.charts.add("BarStacked", block, "Columns");
      c.name = `Cartera_${family}_chart`.replace(/[^A-Za-z0-9_]/g, "_");
      c.title.text = chart.title;
      c.legend.position = "Bottom";
      // Bars list bottom-up by default; the customer with the most overdue belongs on top.
      c.axes.categoryAxis.reversePlotOrder = true;
      const p = chart.position;
      c.setPosition(blockAddress(p.row, p.column, 1, 1).split(":")[0], blockAddress(p.row + p.rows - 1, p.column + p.columns - 1, 1, 1).split(":")[0]);
      chart.data.series.forEach((_, k) => c.series.getItemAt(k).format.fill.setSolidColor(SERIES_COLORS[Math.min(k, SERIES_COLORS.length - 1)]));
    }
  }
}

interface StoredSettings {
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

function merge(record: SettingsRecord, values: SettingsRecord): SettingsRecord {
  const out = { ...record };
  for (const [k, v] of Object.entries(values)) {
    if (v === "") delete out[k];
    else out[k] = v;
  }
  return out;
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
