import { request } from "node:https";
import type { FetchLike } from "./graphHttp";

/**
 * A fetch over node:https that trusts a given CA (a test emulator's self-signed certificate,
 * a company's TLS-inspecting proxy): the client's own CA option, for when NODE_EXTRA_CA_CERTS
 * cannot be set before Node starts. Answers are read whole (Graph's are small).
 */
export function httpsFetch(options: { ca: string | Buffer }): FetchLike {
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const u = new URL(url);
      const body = init.body === undefined ? undefined : typeof init.body === "string" ? Buffer.from(init.body) : Buffer.from(init.body.buffer, init.body.byteOffset, init.body.byteLength);
      const headers: Record<string, string> = { ...init.headers };
      if (body && !Object.keys(headers).some((k) => k.toLowerCase() === "content-length")) headers["Content-Length"] = String(body.length);
      const req = request({ hostname: u.hostname, port: u.port || 443, path: u.pathname + u.search, method: init.method, headers, ca: options.ca, signal: init.signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(", ") : v);
          const status = res.statusCode ?? 0;
          const noBody = status === 204 || status === 205 || status === 304;
          resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage, headers: h }));
        });
      });
      req.on("error", reject);
      if (body) req.write(body);
      req.end();
    });
}
