/**
 * A small Excel for testing src/office/excelWorkbook.ts: worksheets of cells, user tables, a
 * selection, the date system, and whatever the adapter writes (values, formulas, number
 * formats, formats, tables, charts, conditional formats, frozen panes).
 *
 * Every object the adapter gets is an `office-addin-mock` OfficeMockObject, so a property read
 * without `load` + `context.sync()` gives the mock's error string instead of a value, as in
 * Excel. Property writes are recorded through a Proxy and applied to the workbook at the next
 * `context.sync()`, as Excel applies a batch; methods (add, delete, select…) act at once.
 * Each sync's payload is measured so tests can hold the adapter to Excel on the web's ~5 MB cap.
 */
import { OfficeMockObject } from "office-addin-mock";

const NOT_LOADED = "Error, property was not loaded";
const NOT_SYNCED = "Error, context.sync() was not called";
const MAX_ROWS = 1 << 20;

export function colLetter(index: number): string {
  let s = "";
  for (let x = index + 1; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function colIndex(letters: string): number {
  let c = 0;
  for (const ch of letters.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c - 1;
}

export interface Box {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** `A1`, `B3:T200`, `A:A`, with or without a sheet prefix. */
export function parseBox(address: string): Box {
  const ref = address.slice(address.lastIndexOf("!") + 1);
  const [a, b = a] = ref.split(":");
  const cell = (s: string) => {
    const m = /^\$?([A-Z]+)\$?(\d*)$/i.exec(s);
    if (!m) throw new Error(`bad address ${address}`);
    return { column: colIndex(m[1]), row: m[2] === "" ? -1 : Number(m[2]) - 1 };
  };
  const p = cell(a);
  const q = cell(b);
  if (p.row < 0) return { row: 0, column: p.column, rows: MAX_ROWS, columns: q.column - p.column + 1 };
  return { row: p.row, column: p.column, rows: q.row - p.row + 1, columns: q.column - p.column + 1 };
}

export function boxAddress(b: Box): string {
  const tl = `${colLetter(b.column)}${b.row + 1}`;
  return b.rows === 1 && b.columns === 1 ? tl : `${tl}:${colLetter(b.column + b.columns - 1)}${b.row + b.rows}`;
}

function quote(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

interface Cell {
  value: unknown;
  formula?: string;
  numberFormat?: string;
}

export interface FormatOp {
  address: string;
  path: string;
  value: unknown;
}

export class FakeSheet {
  readonly cells = new Map<string, Cell>();
  formats: FormatOp[] = [];
  tables: FakeTable[] = [];
  charts: Record<string, unknown>[] = [];
  conditionalFormats: { address: string; type: string; props: Record<string, unknown> }[] = [];
  frozenRows = 0;
  deleted = false;

  constructor(
    public name: string,
    readonly id: string,
    public visibility = "Visible",
  ) {}

  cell(r: number, c: number): Cell | undefined {
    return this.cells.get(`${r},${c}`);
  }

  setCell(r: number, c: number, patch: Partial<Cell>): void {
    const key = `${r},${c}`;
    const cur = this.cells.get(key) ?? { value: "" };
    this.cells.set(key, { ...cur, ...patch });
  }

  /** Values of a block, "" for empty cells (as range.values gives them). */
  values(b: Box): unknown[][] {
    const out: unknown[][] = [];
    for (let r = 0; r < b.rows; r++) {
      const row: unknown[] = [];
      for (let c = 0; c < b.columns; c++) row.push(this.cell(b.row + r, b.column + c)?.value ?? "");
      out.push(row);
    }
    return out;
  }

  /** By A1 address: the test's way to read what the adapter wrote. */
  read(address: string): unknown[][] {
    return this.values(parseBox(address));
  }

  formulaAt(address: string): string | undefined {
    const b = parseBox(address);
    return this.cell(b.row, b.column)?.formula;
  }

  formatAt(address: string): string | undefined {
    const b = parseBox(address);
    return this.cell(b.row, b.column)?.numberFormat;
  }

  usedBox(): Box | null {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    for (const [k, cell] of this.cells) {
      if (cell.value === "" || cell.value === null || cell.value === undefined) continue;
      const [r, c] = k.split(",").map(Number);
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, c);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, c);
    }
    return r1 < 0 ? null : { row: r0, column: c0, rows: r1 - r0 + 1, columns: c1 - c0 + 1 };
  }

  /** Writes a block of values starting at `address` (test set-up). */
  put(address: string, rows: unknown[][]): void {
    const b = parseBox(address);
    rows.forEach((row, r) => row.forEach((v, c) => this.setCell(b.row + r, b.column + c, { value: v })));
  }
}

export interface FakeTable {
  name: string;
  sheet: FakeSheet;
  box: Box;
  style?: string;
  showTotals?: boolean;
  showFilterButton?: boolean;
}

type Recorded = { target: string; path: string; value: unknown };

export interface FakeExcelOptions {
  date1904?: boolean;
  selection?: { sheet: string; address: string };
}

export class FakeExcel {
  sheets: FakeSheet[] = [];
  tables: FakeTable[] = [];
  selection?: { sheet: string; address: string };
  date1904: boolean;
  syncs = 0;
  /** Bytes of values/formulas/formats written and values read, per sync. */
  payloads: number[] = [];
  runs = 0;
  active?: FakeSheet;
  selected?: { sheet: string; address: string };
  calculationSuspended = 0;

  private nextId = 1;
  private pendingLoads: OfficeMockObject[] = [];
  private pendingWrites: { apply: (rec: Recorded) => number; rec: Recorded }[] = [];
  private pendingCollections: FakeCollection[] = [];
  private payload = 0;

  constructor(options: FakeExcelOptions = {}) {
    this.date1904 = options.date1904 ?? false;
    this.selection = options.selection;
  }

  addSheet(name: string): FakeSheet {
    if (this.sheet(name)) throw new Error(`A sheet named ${name} exists`);
    const s = new FakeSheet(name, `{${String(this.nextId++).padStart(8, "0")}-0000-0000-0000-000000000000}`);
    this.sheets.push(s);
    return s;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => !s.deleted && s.name.toLowerCase() === name.toLowerCase());
  }

  live(): FakeSheet[] {
    return this.sheets.filter((s) => !s.deleted);
  }

  addTable(name: string, sheet: FakeSheet, address: string): FakeTable {
    const t: FakeTable = { name, sheet, box: parseBox(address) };
    this.tables.push(t);
    return t;
  }

  /** Excel.run for the adapter. */
  run = async <T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => {
    this.runs++;
    return batch(this.context() as unknown as Excel.RequestContext);
  };

  // ---- context ------------------------------------------------------------------------

  private context(): Record<string, unknown> {
    const workbook = {
      worksheets: this.worksheetCollection(),
      tables: this.tableCollection(),
      getSelectedRange: () => {
        if (!this.selection) throw new Error("no selection");
        const s = this.sheet(this.selection.sheet)!;
        return this.range(s, parseBox(this.selection.address));
      },
      functions: {
        date: (y: number, m: number, d: number) => {
          // Serial of a date in the workbook's system (only what the adapter probes).
          const days1900 = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
          return this.mock({ value: this.date1904 ? days1900 - 1462 : days1900 });
        },
      },
      application: {
        suspendApiCalculationUntilNextSync: () => {
          this.calculationSuspended++;
        },
      },
    };
    return { workbook, sync: () => this.sync() };
  }

  private async sync(): Promise<void> {
    this.syncs++;
    for (const w of this.pendingWrites.splice(0)) this.payload += w.apply(w.rec);
    for (const c of this.pendingCollections.splice(0)) c.synced = true;
    for (const m of this.pendingLoads.splice(0)) await m.sync();
    // The mock finishes loading in microtasks; let them run.
    await new Promise((r) => setTimeout(r, 0));
    this.payloads.push(this.payload);
    this.payload = 0;
  }

  /**
   * An OfficeMockObject whose writes are recorded and whose loads complete at sync.
   * `isNullObject` stays a plain property: Excel fills it at sync whatever was loaded.
   */
  private mock(data: Record<string, unknown>, onWrite?: (rec: Recorded) => number, target = "", onLoad?: (props: string) => void): OfficeMockObject {
    const { isNullObject, ...rest } = data;
    const raw = new OfficeMockObject(rest);
    if (isNullObject !== undefined) (raw as unknown as { isNullObject: unknown }).isNullObject = isNullObject;
    this.pendingLoads.push(raw);
    return this.record(raw, onWrite ?? (() => 0), target, "", onLoad);
  }

  private record(obj: OfficeMockObject, onWrite: (rec: Recorded) => number, target: string, prefix: string, onLoad?: (props: string) => void): OfficeMockObject {
    return new Proxy(obj, {
      get: (t, p, receiver) => {
        const v = Reflect.get(t, p, receiver);
        if (p === "load") {
          return (...args: unknown[]) => {
            this.pendingLoads.push(t);
            onLoad?.(String(args[0] ?? ""));
            (t.load as (...a: unknown[]) => unknown).apply(t, args);
            return receiver;
          };
        }
        if (v instanceof OfficeMockObject) return this.record(v, onWrite, target, `${prefix}${String(p)}.`);
        return v;
      },
      set: (t, p, v) => {
        (t as unknown as Record<string | symbol, unknown>)[p] = v;
        if (typeof p === "string" && !p.startsWith("_") && v !== NOT_LOADED && v !== NOT_SYNCED && !(v instanceof OfficeMockObject)) {
          this.pendingWrites.push({ apply: onWrite, rec: { target, path: `${prefix}${p}`, value: v } });
        }
        return true;
      },
    });
  }

  // ---- collections ----------------------------------------------------------------------

  private worksheetCollection(): FakeCollection {
    const coll = new FakeCollection(this, () => this.live().map((s) => this.worksheet(s)));
    return Object.assign(coll, {
      getItem: (key: string) => {
        const s = this.live().find((x) => x.id === key || x.name.toLowerCase() === key.toLowerCase());
        if (!s) throw new Error(`ItemNotFound: ${key}`);
        return this.worksheet(s);
      },
      getItemOrNullObject: (key: string) => {
        const s = this.live().find((x) => x.id === key || x.name.toLowerCase() === key.toLowerCase());
        return s ? this.worksheet(s) : this.mock({ isNullObject: true });
      },
      add: (name: string) => this.worksheet(this.addSheet(name)),
    });
  }

  private tableCollection(): FakeCollection {
    const coll = new FakeCollection(this, () => this.tables.filter((t) => !t.sheet.deleted).map((t) => this.table(t)));
    return Object.assign(coll, {
      getItem: (name: string) => {
        const t = this.tables.find((x) => x.name === name && !x.sheet.deleted);
        if (!t) throw new Error(`ItemNotFound: ${name}`);
        return this.table(t);
      },
    });
  }

  registerCollection(c: FakeCollection): void {
    this.pendingCollections.push(c);
  }

  // ---- objects ------------------------------------------------------------------------

  private worksheet(s: FakeSheet): OfficeMockObject {
    return this.mock(
      {
        name: s.name,
        id: s.id,
        visibility: s.visibility,
        isNullObject: false,
        getRange: (address?: string) => this.range(s, address ? parseBox(address) : s.usedBox() ?? { row: 0, column: 0, rows: 1, columns: 1 }),
        getRangeByIndexes: (row: number, column: number, rows: number, columns: number) => this.range(s, { row, column, rows, columns }),
        getUsedRange: () => {
          const b = s.usedBox();
          if (!b) return this.range(s, { row: 0, column: 0, rows: 1, columns: 1 });
          return this.range(s, b);
        },
        getUsedRangeOrNullObject: () => {
          const b = s.usedBox();
          return b ? this.range(s, b) : this.mock({ isNullObject: true, values: [], address: "", rowIndex: 0, columnIndex: 0, rowCount: 0, columnCount: 0 });
        },
        delete: () => {
          s.deleted = true;
        },
        activate: () => {
          this.active = s;
        },
        freezePanes: {
          freezeRows: (n: number) => {
            s.frozenRows = n;
          },
        },
        tables: {
          add: (source: string | OfficeMockObject, hasHeaders: boolean) => {
            if (!hasHeaders) throw new Error("tables without headers are not expected");
            const box = typeof source === "string" ? parseBox(source) : (source as unknown as { __box: Box }).__box;
            const t: FakeTable = { name: `Table${this.tables.length + 1}`, sheet: s, box };
            this.tables.push(t);
            s.tables.push(t);
            return this.table(t);
          },
        },
        charts: {
          add: (type: string, source: OfficeMockObject, seriesBy: string) => {
            const chart: Record<string, unknown> = { type, source: (source as unknown as { __box: Box }).__box, seriesBy, seriesColors: [] as string[] };
            s.charts.push(chart);
            return this.chart(chart);
          },
        },
      },
      (rec) => {
        if (rec.path === "name") {
          if (this.live().some((x) => x !== s && x.name.toLowerCase() === String(rec.value).toLowerCase())) throw new Error(`name taken: ${rec.value}`);
          s.name = String(rec.value);
        }
        return 0;
      },
    );
  }

  private table(t: FakeTable): OfficeMockObject {
    return this.mock(
      {
        name: t.name,
        getRange: () => this.range(t.sheet, t.box),
        getTotalRowRange: () => this.range(t.sheet, { row: t.box.row + t.box.rows, column: t.box.column, rows: 1, columns: t.box.columns }),
      },
      (rec) => {
        (t as unknown as Record<string, unknown>)[rec.path] = rec.value;
        return 0;
      },
    );
  }

  private chart(c: Record<string, unknown>): OfficeMockObject {
    return this.mock(
      {
        name: "",
        title: { text: "" },
        legend: { position: "" },
        axes: { categoryAxis: { reversePlotOrder: false } },
        setPosition: (start: string, end: string) => {
          c.position = [start, end];
        },
        series: {
          getItemAt: (k: number) => ({ format: { fill: { setSolidColor: (color: string) => ((c.seriesColors as string[])[k] = color) } } }),
        },
      },
      (rec) => {
        c[rec.path] = rec.value;
        return 0;
      },
    );
  }

  range(s: FakeSheet, box: Box): OfficeMockObject {
    const address = `${quote(s.name)}!${boxAddress(box)}`;
    const readable = box.rows < MAX_ROWS;
    const values = readable ? s.values(box) : [];
    const m = this.mock(
      {
        address,
        rowIndex: box.row,
        columnIndex: box.column,
        rowCount: box.rows,
        columnCount: box.columns,
        cellCount: box.rows * box.columns,
        isNullObject: false,
        values,
        numberFormat: [],
        formulas: [],
        format: {
          font: { bold: false, italic: false, size: 11, color: "" },
          fill: { color: "" },
          wrapText: false,
          rowHeight: 15,
          columnWidth: 48,
          verticalAlignment: "",
          borders: { getItem: (edge: string) => this.mock({ style: "" }, (rec) => this.formatOp(s, box, `format.borders.${edge}.${rec.path}`, rec.value), address) },
        },
        conditionalFormats: {
          add: (type: string) => {
            const entry = { address: boxAddress(box), type, props: {} as Record<string, unknown> };
            s.conditionalFormats.push(entry);
            return this.mock({ cellValue: { format: { fill: { color: "" }, font: { color: "" } }, rule: {} } }, (rec) => {
              entry.props[rec.path] = rec.value;
              return 0;
            });
          },
        },
        getSurroundingRegion: () => this.range(s, s.usedBox() ?? box),
        select: () => {
          this.selected = { sheet: s.name, address: boxAddress(box) };
        },
      },
      (rec) => this.applyRangeWrite(s, box, rec),
      address,
      // Values read count toward the sync's payload, like values written.
      (props) => {
        if (/\bvalues\b/.test(props)) this.payload += JSON.stringify(values).length;
      },
    );
    (m as unknown as { __box: Box }).__box = box;
    return m;
  }

  private formatOp(s: FakeSheet, box: Box, path: string, value: unknown): number {
    s.formats.push({ address: box.rows >= MAX_ROWS ? `${colLetter(box.column)}:${colLetter(box.column + box.columns - 1)}` : boxAddress(box), path, value });
    return 0;
  }

  /** values / formulas / numberFormat with Excel's single-input copy (a 1×1 array fills the range). */
  private applyRangeWrite(s: FakeSheet, box: Box, rec: Recorded): number {
    if (rec.path !== "values" && rec.path !== "formulas" && rec.path !== "numberFormat") return this.formatOp(s, box, rec.path, rec.value);
    const grid = rec.value as unknown[][];
    if (!Array.isArray(grid) || !grid.every(Array.isArray)) throw new Error(`${rec.path} must be a 2D array, got ${JSON.stringify(rec.value)}`);
    const single = grid.length === 1 && grid[0].length === 1;
    if (!single && (grid.length !== box.rows || grid.some((r) => r.length !== box.columns))) {
      throw new Error(`${rec.path}: ${grid.length}x${grid[0]?.length} does not fit ${boxAddress(box)}`);
    }
    if (single && box.rows >= MAX_ROWS) {
      this.formatOp(s, box, rec.path, grid[0][0]);
      return 10;
    }
    for (let r = 0; r < box.rows; r++) {
      for (let c = 0; c < box.columns; c++) {
        const v = single ? grid[0][0] : grid[r][c];
        if (rec.path === "numberFormat") s.setCell(box.row + r, box.column + c, { numberFormat: String(v) });
        else if (rec.path === "formulas" && typeof v === "string" && v.startsWith("=")) s.setCell(box.row + r, box.column + c, { value: v, formula: v });
        else s.setCell(box.row + r, box.column + c, { value: v, formula: undefined });
      }
    }
    return JSON.stringify(grid).length;
  }
}

/** A collection: `items` can be read only after `load` and a sync, like Excel's. */
class FakeCollection {
  synced = false;
  private loaded: OfficeMockObject[] | null = null;

  constructor(
    private readonly fake: FakeExcel,
    private readonly list: () => OfficeMockObject[],
  ) {}

  load(props?: string): this {
    const inner = (props ?? "")
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p.startsWith("items/"))
      .map((p) => p.slice("items/".length));
    this.loaded = this.list();
    if (inner.length) for (const item of this.loaded) (item as unknown as { load: (p: string) => void }).load(inner.join(","));
    this.synced = false;
    this.fake.registerCollection(this);
    return this;
  }

  get items(): OfficeMockObject[] {
    if (!this.loaded || !this.synced) throw new Error("PropertyNotLoaded: items (load and sync first)");
    return this.loaded;
  }
}
