/**
 * The standalone (file) adapter and the aging job: the same numbers as the command line for
 * the same file, a corrected mapping applied, bad files reported with the readers' messages,
 * settings in browser storage, downloads, and the worker protocol.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseIsoDate } from "../../src/core/dates";
import { InputError } from "../../src/core/errors";
import { LEDGER_SPEC } from "../../src/core/tables/ledger";
import { runAging } from "../../src/cli/aging";
import { runAgingJob } from "../../src/workbook/agingJob";
import { inThreadIo } from "../../src/workbook/fileIo";
import { FileWorkbook, SETTINGS_STORAGE_KEY } from "../../src/workbook/fileWorkbook";
import { detectTable, isDetected, mappingToSave } from "../../src/workbook/mapping";
import { CancelledError } from "../../src/workbook/port";
import { WorkerFileIo, type WorkerRequest, type WorkerResponse } from "../../src/workbook/workerIo";

const ROOT = join(__dirname, "..", "..");
const SAMPLE = join(ROOT, "samples", "ledger-fbl5n.txt");
const AS_OF = parseIsoDate("2026-10-31")!;

class MemoryStorage {
  data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
}

function workbook() {
  const saved: { bytes: Uint8Array; name: string }[] = [];
  const storage = new MemoryStorage();
  const wb = new FileWorkbook({ save: (bytes, name) => saved.push({ bytes, name }), storage, io: inThreadIo });
  return { wb, saved, storage };
}

const CSV = [
  "Reporte de cartera",
  "",
  "Cliente,Documento,Fecha documento,Vencimiento,Importe,Moneda,Fecha compensación",
  "0001000123,F-1,01/08/2026,31/08/2026,\"1,000.00\",MXN,",
  "0001000123,F-2,01/09/2026,01/10/2026,500.50,MXN,15/09/2026",
  "",
  "0001000200,F-3,01/10/2026,31/02/2026,250.00,MXN,",
  "0001000200,NC-1,15/10/2026,15/10/2026,100.00-,MXN,",
].join("\n");

describe("standalone adapter", () => {
  it("gives the command line's totals for the sample ledger, to the centavo", async () => {
    const { wb } = workbook();
    const source = await wb.open(new Uint8Array(readFileSync(SAMPLE)), "ledger-fbl5n.txt", LEDGER_SPEC);
    expect(await wb.listSources()).toEqual([source]);
    const preview = await wb.preview(source, 30);
    const table = detectTable(LEDGER_SPEC, preview);
    if (!isDetected(table)) throw table;
    const job = await runAgingJob({ port: wb, source, preview, table, asOf: AS_OF, edges: [30, 60, 90, 120], basis: "due", lang: "es", write: false });
    const cli = await runAging({ ledger: SAMPLE, asOf: AS_OF, edges: [30, 60, 90, 120], basis: "due", currency: "MXN", lang: "es" });
    expect([...job.result.totalsByCurrency]).toEqual([...cli.result.totalsByCurrency]);
    expect(job.result.customers).toEqual(cli.result.customers);
    expect(job.rejected).toEqual(cli.ledger.rejected);
    expect(job.stats).toMatchObject({ subtotalRows: cli.ledger.stats.subtotalRows, repeatedHeaders: cli.ledger.stats.repeatedHeaders, blankRows: preview.dropped!.blankRows });
  });

  it("finds the header below title lines and keeps source row numbers for messages", async () => {
    const { wb } = workbook();
    const source = await wb.open(new TextEncoder().encode(CSV), "cartera.csv", LEDGER_SPEC);
    const preview = await wb.preview(source, 30);
    expect(preview.rowNumbers).toEqual([3, 4, 5, 7, 8]);
    const table = detectTable(LEDGER_SPEC, preview);
    if (!isDetected(table)) throw table;
    expect(table.headerRow).toBe(3);
    expect(table.mapping).toMatchObject({ customer: 0, documentNumber: 1, documentDate: 2, netDueDate: 3, amount: 4, documentCurrency: 5, clearingDate: 6 });
    const job = await runAgingJob({ port: wb, source, preview, table, asOf: AS_OF, edges: [30, 60, 90, 120], basis: "due", lang: "en", write: false });
    expect(job.rejected).toEqual([expect.objectContaining({ row: 7, column: "Vencimiento", columnIndex: 3, value: "31/02/2026" })]);
    // F-1 open (61-90), F-2 cleared before the key date, NC-1 a credit aged by its own date (16 days).
    const mxn = job.result.totalsByCurrency.get("MXN")!;
    expect(mxn.buckets).toEqual([0, -10000, 0, 100000, 0, 0]);
    expect(job.result.notOpenAtKeyDate).toBe(1);
  });

  it("ages with the mapping the user corrected", async () => {
    const { wb } = workbook();
    const source = await wb.open(new TextEncoder().encode(CSV), "cartera.csv", LEDGER_SPEC);
    const preview = await wb.preview(source, 30);
    const table = detectTable(LEDGER_SPEC, preview);
    if (!isDetected(table)) throw table;
    delete table.mapping.clearingDate; // "this column is not a clearing date"
    table.mapping.documentDate = 3; // age from the due date column as document date
    expect(mappingToSave(LEDGER_SPEC, table)).toEqual({ clearingDate: "", documentDate: "Vencimiento" });
    const job = await runAgingJob({ port: wb, source, preview, table, asOf: AS_OF, edges: [30, 60, 90, 120], basis: "due", lang: "es", write: false });
    expect(job.result.notOpenAtKeyDate).toBe(0);
    expect(job.result.totalsByCurrency.get("MXN")!.total).toBe(100000 + 50050 - 10000);
  });

  it("downloads the result workbook and reports its sheets", async () => {
    const { wb, saved } = workbook();
    const source = await wb.open(new TextEncoder().encode(CSV), "cartera.csv", LEDGER_SPEC);
    const preview = await wb.preview(source, 30);
    const table = detectTable(LEDGER_SPEC, preview);
    if (!isDetected(table)) throw table;
    const job = await runAgingJob({ port: wb, source, preview, table, asOf: AS_OF, edges: [30, 60, 90, 120], basis: "due", lang: "es", fileName: "r.xlsx" });
    expect(job.written).toMatchObject({ sheets: ["Resumen", "Detalle", "Rechazados"], download: { fileName: "r.xlsx" } });
    expect(saved).toHaveLength(1);
    expect(saved[0].name).toBe("r.xlsx");
    expect(Buffer.from(saved[0].bytes.subarray(0, 2)).toString()).toBe("PK");
    expect(await wb.selectCell()).toBe(false);
  });

  it("reports bad files with the readers' own messages", async () => {
    const { wb } = workbook();
    const attempt = (bytes: Uint8Array, name: string) => wb.open(bytes, name, LEDGER_SPEC).then(() => "opened", (e: unknown) => (e instanceof InputError ? e.describe("es") : `not an InputError: ${e}`));
    expect(await attempt(new Uint8Array([0, 1, 2, 0, 255, 0, 0, 7, ...new Array(100).fill(0)]), "x.csv")).toBe("x.csv no es un archivo de texto (CSV/TXT) ni un libro .xlsx; parece un archivo binario.");
    expect(await attempt(new Uint8Array(), "vacio.txt")).toBe("El archivo está vacío: vacio.txt");
    expect(await attempt(new TextEncoder().encode("a,b\n1,2\n"), "sin.csv")).toMatch(/^No se encontró la fila de encabezados en las primeras 30 filas\. Encabezados encontrados: "a", "b"\./);
    expect(await wb.listSources()).toEqual([]);
  });

  it("keeps settings in browser storage, merged, and survives a corrupt entry", async () => {
    const { wb, storage } = workbook();
    await wb.saveSettings({ "aging.basis": "document", "aging.asOf": "2026-10-31" });
    await wb.saveSettings({ "aging.asOf": "" });
    expect(await wb.loadSettings()).toEqual({ "aging.basis": "document" });
    expect(JSON.parse(storage.getItem(SETTINGS_STORAGE_KEY)!)).toEqual({ "aging.basis": "document" });
    storage.setItem(SETTINGS_STORAGE_KEY, "{not json");
    expect(await wb.loadSettings()).toEqual({});
    const none = new FileWorkbook({ save: () => undefined, storage: null, io: inThreadIo });
    await none.saveSettings({ a: "b" });
    expect(await none.loadSettings()).toEqual({});
  });
});

/** A stand-in Worker that runs the worker's work in-thread, asynchronously. */
function fakeWorker(log: string[]) {
  const w = {
    onmessage: null as ((e: MessageEvent<WorkerResponse>) => void) | null,
    onerror: null as ((e: ErrorEvent) => void) | null,
    terminated: false,
    postMessage(req: WorkerRequest) {
      log.push(req.op);
      setTimeout(async () => {
        if (w.terminated) return;
        try {
          const res: WorkerResponse = req.op === "read" ? { id: req.id, table: await inThreadIo.readTable(req.bytes, req.fileName, req.spec) } : { id: req.id, bytes: await inThreadIo.writeXlsx(req.report) };
          w.onmessage?.({ data: res } as MessageEvent<WorkerResponse>);
        } catch (e) {
          const error = e instanceof InputError ? { problem: e.problem, message: e.message } : { message: String(e) };
          w.onmessage?.({ data: { id: req.id, error } } as MessageEvent<WorkerResponse>);
        }
      }, 5);
    },
    terminate() {
      w.terminated = true;
      log.push("terminate");
    },
  };
  return w;
}

describe("worker protocol", () => {
  it("reads, rebuilds InputErrors on this side, and terminates the worker on cancel", async () => {
    const log: string[] = [];
    let created = 0;
    const io = new WorkerFileIo(() => {
      created++;
      return fakeWorker(log);
    });
    const table = await io.readTable(new TextEncoder().encode(CSV), "c.csv", LEDGER_SPEC);
    expect(table.rowNumbers).toEqual([3, 4, 5, 7, 8]);
    await expect(io.readTable(new Uint8Array(), "vacio.csv", LEDGER_SPEC)).rejects.toEqual(new InputError({ code: "file.empty", params: { file: "vacio.csv" } }));
    const controller = new AbortController();
    const pending = io.readTable(new TextEncoder().encode(CSV), "c.csv", LEDGER_SPEC, controller.signal);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    expect(log).toEqual(["read", "read", "read", "terminate"]);
    // The next request starts a fresh worker.
    await io.readTable(new TextEncoder().encode(CSV), "c.csv", LEDGER_SPEC);
    expect(created).toBe(2);
  });
});
