/**
 * The Graph emulator answers CORS, so the task pane (another origin, in Chromium) can send
 * through it: a preflight is answered at once and never counted or faulted, and every answer
 * names the origin and exposes Retry-After and Location.
 */
import { request } from "node:https";
import { GraphEmulator } from "../helpers/graphEmulator";

function call(emu: GraphEmulator, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  const u = new URL(emu.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname: u.hostname, port: u.port, path, method, headers, ca: emu.cert }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("the Graph emulator's CORS", () => {
  const emu = new GraphEmulator();
  beforeAll(() => emu.start());
  afterAll(() => emu.stop());
  const origin = "http://127.0.0.1:4321";

  test("a preflight is answered without touching the rules or the log", async () => {
    emu.rules = [{ route: "POST /messages", fault: "429", retryAfter: 3 }];
    const r = await call(emu, "OPTIONS", "/v1.0/me/messages", { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" });
    expect(r.status).toBe(204);
    expect(r.headers["access-control-allow-origin"]).toBe(origin);
    expect(String(r.headers["access-control-allow-headers"]).split(/,\s*/)).toEqual(["Authorization", "Content-Type", "Content-Range"]);
    expect(r.headers["access-control-allow-methods"]).toContain("PUT");
    expect(emu.preflights).toBe(1);
    expect(emu.log).toEqual([]);
    expect(emu.rules[0].times ?? 1).toBe(1);
  });

  test("answers, faults included, carry the origin and expose Retry-After", async () => {
    const r = await call(emu, "POST", "/v1.0/me/messages", { Origin: origin, Authorization: "Bearer token-1", "Content-Type": "application/json" }, JSON.stringify({ subject: "x" }));
    expect(r.status).toBe(429);
    expect(r.headers["retry-after"]).toBe("3");
    expect(r.headers["access-control-allow-origin"]).toBe(origin);
    expect(r.headers["access-control-expose-headers"]).toBe("Retry-After, Location");
  });

  test("a client that sends no Origin (Node) gets no CORS headers", async () => {
    const r = await call(emu, "GET", "/v1.0/me/messages?$filter=" + encodeURIComponent("internetMessageId eq 'x'"), { Authorization: "Bearer token-1" });
    expect(r.status).toBe(200);
    expect(r.headers["access-control-allow-origin"]).toBeUndefined();
  });
});
