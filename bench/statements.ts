/**
 * Issue 12's floor: rendering 2,000 statements with both attachments (PDF and .xlsx) takes at
 * most 60 s. Measured as the whole dry run of `cartera statements` on a generated ledger and
 * master: aging, statements, templates, attachments and the .eml outbox on disk.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../src/cli/main";

function fixtures(dir: string, customers: number): { ledger: string; master: string } {
  const ledger = ["Cuenta\tNombre\tNº documento\tClase de documento\tReferencia\tFecha de documento\tVencimiento neto\tImporte en moneda doc.\tMoneda del documento"];
  const master = ["Cliente,Nombre,RFC,Correo,Idioma"];
  let seed = 12;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
  for (let i = 0; i < customers; i++) {
    const code = String(1000000 + i).padStart(10, "0");
    const name = `Materiales y Construcción ${i}, S.A. de C.V.`;
    master.push(`${code},"${name}",,cobranza${i}@cliente${i}.com.mx,${i % 10 === 0 ? "en" : "es"}`);
    const items = 3 + Math.floor(rnd() * 12);
    for (let k = 0; k < items; k++) {
      const day = 1 + Math.floor(rnd() * 28);
      const month = 5 + Math.floor(rnd() * 6);
      const credit = rnd() < 0.1;
      const amount = (Math.floor(rnd() * 5_000_000) / 100).toFixed(2);
      ledger.push(`${code}\t${name}\t${credit ? 16 : 18}${String(i * 20 + k).padStart(8, "0")}\t${credit ? "DG" : "RV"}\tF-${i}-${k}\t${String(day).padStart(2, "0")}.${String(month).padStart(2, "0")}.2026\t${String(day).padStart(2, "0")}.${String(month + 1).padStart(2, "0")}.2026\t${amount}${credit ? "-" : ""}\tMXN`);
    }
  }
  const l = join(dir, "statements-ledger.txt");
  const m = join(dir, "statements-master.csv");
  writeFileSync(l, ledger.join("\r\n") + "\r\n");
  writeFileSync(m, master.join("\r\n") + "\r\n");
  return { ledger: l, master: m };
}

export async function benchStatements(dataDir: string): Promise<{ name: string; ms: number; floorMs: number; detail: string }[]> {
  mkdirSync(dataDir, { recursive: true });
  const f = fixtures(dataDir, 2000);
  const outbox = join(dataDir, "statements-outbox");
  rmSync(outbox, { recursive: true, force: true });
  const lines: string[] = [];
  const t0 = performance.now();
  const code = await run(["statements", "--ledger", f.ledger, "--customers", f.master, "--as-of", "2026-10-31", "--outbox", outbox], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
  const ms = performance.now() - t0;
  if (code !== 0) throw new Error(`cartera statements failed: ${lines.join("\n")}`);
  return [{ name: "Render 2,000 statements (PDF + .xlsx, .eml)", ms, floorMs: 60_000, detail: lines.find((l) => l.startsWith("Ensayo")) ?? "" }];
}

if (require.main === module) {
  benchStatements(join(__dirname, "..", "..", "bench", "data")).then((r) => console.log(r), (e) => {
    console.error(e);
    process.exit(1);
  });
}
