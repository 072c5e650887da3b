/**
 * Web Worker for the standalone pane: parses files and writes result workbooks off the page's
 * thread (exceljs and papaparse work in one long stretch that would freeze the pane).
 * Protocol: `{ id, op: "read", bytes, fileName, spec }` → `{ id, table }`;
 * `{ id, op: "write", report }` → `{ id, bytes }` (transferred); failures → `{ id, error }` with
 * the InputError's problem when there is one, so the pane shows the same message as in-thread.
 */
import { InputError } from "../core/errors";
import { captureTable } from "./fileIo";
import { reportToXlsxBuffer } from "../report/xlsx";
import type { WorkerRequest, WorkerResponse } from "./workerIo";

interface WorkerScope {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  const req = e.data;
  void (async () => {
    try {
      if (req.op === "read") {
        const table = await captureTable(req.bytes, req.fileName, req.spec);
        scope.postMessage({ id: req.id, table });
      } else {
        const bytes = await reportToXlsxBuffer(req.report);
        scope.postMessage({ id: req.id, bytes }, [bytes.buffer]);
      }
    } catch (err) {
      if (err instanceof InputError) scope.postMessage({ id: req.id, error: { problem: err.problem, message: err.message } });
      else scope.postMessage({ id: req.id, error: { message: err instanceof Error ? err.message : String(err) } });
    }
  })();
};
