import type { TableSpec } from "../core/tables/columns";
import { InputError } from "../core/errors";
import type { Problem } from "../core/messages";
import type { Report } from "../core/report/report";
import type { CapturedTable, FileIo } from "./fileIo";
import { CancelledError } from "./port";

export type WorkerRequest =
  | { id: number; op: "read"; bytes: Uint8Array; fileName: string; spec: TableSpec }
  | { id: number; op: "write"; report: Report };

export type WorkerResponse =
  | { id: number; table: CapturedTable }
  | { id: number; bytes: Uint8Array }
  | { id: number; error: { problem?: Problem; message: string } };

/** A request before it gets its id (Omit over each member of the union, not the union). */
type NewRequest = WorkerRequest extends infer R ? (R extends unknown ? Omit<R, "id"> : never) : never;

interface WorkerLike {
  onmessage: ((e: MessageEvent<WorkerResponse>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  postMessage(message: WorkerRequest, transfer?: Transferable[]): void;
  terminate(): void;
}

/**
 * FileIo through a Web Worker. Cancelling terminates the worker (the only way to stop exceljs
 * mid-write); the next request starts a fresh one.
 */
export class WorkerFileIo implements FileIo {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: WorkerResponse) => void; reject: (e: unknown) => void }>();

  constructor(private readonly create: () => WorkerLike) {}

  private ensure(): WorkerLike {
    if (this.worker) return this.worker;
    const w = this.create();
    w.onmessage = (e) => {
      const p = this.pending.get(e.data.id);
      if (!p) return;
      this.pending.delete(e.data.id);
      p.resolve(e.data);
    };
    w.onerror = (e) => this.reset(new Error(e.message || "worker failed"));
    this.worker = w;
    return w;
  }

  private reset(reason: unknown): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(reason);
    this.pending.clear();
  }

  private async call(request: NewRequest, signal?: AbortSignal, transfer: Transferable[] = []): Promise<WorkerResponse> {
    if (signal?.aborted) throw new CancelledError();
    const id = this.nextId++;
    const worker = this.ensure();
    const onAbort = () => this.reset(new CancelledError());
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const response = await new Promise<WorkerResponse>((resolve, reject) => {
        this.pending.set(id, { resolve, reject });
        worker.postMessage({ ...request, id } as WorkerRequest, transfer);
      });
      if ("error" in response) throw response.error.problem ? new InputError(response.error.problem) : new Error(response.error.message);
      return response;
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }

  async readTable(bytes: Uint8Array, fileName: string, spec: TableSpec, signal?: AbortSignal): Promise<CapturedTable> {
    // The file's bytes move to the worker instead of being copied; the page does not need them again.
    const r = await this.call({ op: "read", bytes, fileName, spec }, signal, bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer] : []);
    return (r as { table: CapturedTable }).table;
  }

  async writeXlsx(report: Report, signal?: AbortSignal): Promise<Uint8Array> {
    const r = await this.call({ op: "write", report }, signal);
    return (r as { bytes: Uint8Array }).bytes;
  }
}
