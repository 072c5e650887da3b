/**
 * Time, pacing and concurrency for bulk sending. Everything that waits goes through a Clock,
 * so tests run hundreds of paced messages on virtual time and can check the pace itself.
 */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      const t = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, Math.max(0, ms));
      const onAbort = () => {
        clearTimeout(t);
        reject(abortError());
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

function abortError(): Error {
  const e = new Error("aborted");
  e.name = "AbortError";
  return e;
}

/**
 * At most `perMinute` starts in any 60-second window (Exchange Online counts messages per
 * minute per mailbox; 30 a minute is the safe default for bulk mail).
 */
export class RatePacer {
  private readonly starts: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  constructor(
    readonly perMinute: number,
    private readonly clock: Clock,
    private readonly windowMs = 60_000,
  ) {
    if (!(perMinute > 0)) throw new RangeError("perMinute must be positive");
  }

  /** Resolves when one more message may start; callers are served in order. */
  acquire(signal?: AbortSignal): Promise<void> {
    const next = this.queue.then(async () => {
      for (;;) {
        if (signal?.aborted) throw abortError();
        const now = this.clock.now();
        while (this.starts.length && this.starts[0] <= now - this.windowMs) this.starts.shift();
        if (this.starts.length < this.perMinute) {
          this.starts.push(now);
          return;
        }
        await this.clock.sleep(this.starts[0] + this.windowMs - now, signal);
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** A counting semaphore: at most `limit` holders at once (Graph: 4 concurrent requests per mailbox). */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(readonly limit: number) {}

  async acquire(): Promise<() => void> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.();
    };
  }

  get inUse(): number {
    return this.active;
  }
}

/** Runs `work` over items with at most `limit` in progress, in order of start. */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      if (signal?.aborted) return;
      const i = next++;
      await work(items[i], i);
    }
  });
  await Promise.all(runners);
}

/** `Retry-After` in milliseconds: seconds, or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const t = header.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  const at = Date.parse(t);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
