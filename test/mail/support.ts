import type { Clock } from "../../src/mail/pacing";
import { contentHashOf, PDF_TYPE, type MailAttachment, type MailMessage } from "../../src/mail/message";

/**
 * Virtual time: a sleep returns at once and moves the clock to the moment it would have
 * woken. Sleepers that overlap move it to the latest of their wake-ups, not to their sum.
 */
export class VirtualClock implements Clock {
  t = Date.UTC(2026, 10, 2, 15, 0, 0);
  readonly sleeps: number[] = [];
  now(): number {
    return this.t;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    const target = this.t + Math.max(0, ms);
    return new Promise((resolve, reject) =>
      setImmediate(() => {
        if (signal?.aborted) return reject(Object.assign(new Error("aborted"), { name: "AbortError" }));
        this.t = Math.max(this.t, target);
        resolve();
      }),
    );
  }
}

export function bytes(n: number, seed = 7): Uint8Array {
  const b = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

export async function syntheticMessage(i: number, attachments: MailAttachment[] = [{ name: `EstadoDeCuenta_${i}.pdf`, contentType: PDF_TYPE, content: bytes(2000, i) }], version = ""): Promise<MailMessage> {
  const base = {
    kind: "statement" as const,
    customer: `C${String(i).padStart(5, "0")}`,
    period: "2026-10-31 MXN",
    template: "statement.es-MX",
    to: [`cobranza${i}@cliente${i}.com.mx`],
    cc: i % 3 === 0 ? [`tesoreria${i}@cliente${i}.com.mx`] : [],
    subject: `Estado de cuenta al 31/10/2026 · Cliente ${i}${version}`,
    html: `<p>Saldo ${i}${version}</p>`,
    text: `Saldo ${i}${version}`,
    attachments,
    slug: `${String(i + 1).padStart(4, "0")}_C${i}_MXN`,
  };
  const contentHash = await contentHashOf(base);
  return { ...base, contentHash, key: `statement|${base.customer}|${base.period}|${contentHash}` };
}
