import { message, type Lang } from "../core/messages";
import { blockAddress } from "../report/layout";
import type { SourceRef } from "../workbook/port";
import { allOwnedWorksheetIds } from "../workbook/settings";
import { extentOf, EXTENT_PROPS, quoteSheet, type Extent } from "./addresses";
import { findSettingsSheet, parseSettings } from "./settingsSheet";

/**
 * What the user can read: every table, the used range of every visible sheet (not Cartera's own
 * result and settings sheets), and the selection; the one holding the active cell is preferred.
 */
export async function listSources(ctx: Excel.RequestContext, lang: Lang): Promise<SourceRef[]> {
  {
    const wb = ctx.workbook;
    const sheets = wb.worksheets;
    sheets.load("items/name,items/id,items/visibility");
    const tables = wb.tables;
    tables.load("items/name");
    await ctx.sync();

    const settingsSheet = findSettingsSheet(sheets.items);
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
        label: message(lang, "office.source.table", { name: t.name, sheet: e.sheet, rows: e.rowCount - 1 }),
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
        label: message(lang, "office.source.sheet", { name: s.name, range: r.address.slice(r.address.lastIndexOf("!") + 1) }),
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
          label: message(lang, "office.source.selection", { address }),
          sheet: selection.sheet,
          address,
          rows: rowCount,
          columns: selection.columnCount,
          preferred: !out.some((o) => o.preferred) && selection.rowCount > 1,
        });
      }
    }
    return out;
  }
}
