import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { run } from "../../src/cli/main";
import { tempDir, write } from "../helpers/files";
import { writeFixtures } from "../mail/fixtures";

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("cartera statements (dry run)", () => {
  test("writes one .eml per customer and currency, with HTML, text and both attachments", async () => {
    const dir = tempDir();
    const f = writeFixtures(dir, 8, (c, i) => (i === 2 ? { ...c, emails: "sin correo" } : c));
    const outbox = join(dir, "outbox");
    const r = await cli("statements", "--ledger", f.ledger, "--customers", f.customers, "--as-of", "2026-10-31", "--outbox", outbox);
    expect(r.stderr).toContain("0001001002");
    expect(r.code).toBe(0);
    const folders = readdirSync(outbox).filter((n) => !n.endsWith(".csv"));
    // 8 customers, one without an address, customers 0 and 7 also have USD items.
    expect(folders).toHaveLength(8 - 1 + 2);
    const first = folders.find((n) => n.includes("0001001000_MXN"))!;
    const eml = readFileSync(join(outbox, first, "message.eml"));
    const mail = await simpleParser(eml);
    expect(mail.subject).toBe("Estado de cuenta al 31/10/2026 · Materiales 0 S.A. de C.V. (MXN)");
    expect(mail.text).toContain("$12,000.25");
    expect(mail.html).toContain("Partidas abiertas");
    expect(mail.attachments.map((a) => a.filename).sort()).toEqual(["EstadoDeCuenta_0001001000_MXN_2026-10-31.pdf", "EstadoDeCuenta_0001001000_MXN_2026-10-31.xlsx"]);
    console.log(r.stdout, r.stderr);
  });
});
