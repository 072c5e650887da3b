import { join } from "node:path";
import { runAging } from "../src/cli/aging";
import { parseIsoDate } from "../src/core/dates";

const ROOT = join(__dirname, "..");
const args = { asOf: parseIsoDate("2026-10-31")!, edges: [30, 60, 90, 120], basis: "due" as const, currency: "MXN", lang: "es" as const, customers: join(ROOT, "samples", "customers.csv") };

describe("bundled samples", () => {
  test("the SAP text export and the .xlsx hold the same items, but for the planted bad rows", async () => {
    const txt = await runAging({ ...args, ledger: join(ROOT, "samples", "ledger-fbl5n.txt") });
    const xlsx = await runAging({ ...args, ledger: join(ROOT, "samples", "ledger.xlsx") });
    expect(txt.ledger.rejected.map((r) => [r.row, r.column])).toEqual([
      [2248, "Fecha de documento"],
      [6115, "Importe en moneda doc."],
      [9963, "Vencimiento neto"],
      [13821, "Cuenta"],
    ]);
    expect(xlsx.ledger.rejected).toEqual([]);
    expect(txt.ledger.stats.subtotalRows).toBeGreaterThan(300);
    expect(txt.customers?.master.size).toBe(300);
    expect(xlsx.items.length - txt.items.length).toBe(4);
    const byDoc = new Map(xlsx.items.map((i) => [`${i.documentNumber}/${i.customer}`, i]));
    for (const t of txt.items) {
      const x = byDoc.get(`${t.documentNumber}/${t.customer}`);
      expect(x).toBeDefined();
      const strip = ({ row: _r, ...rest }: typeof t) => rest;
      expect(strip(x!)).toEqual(strip(t));
    }
    // Every bucket of the aging is material, in both currencies.
    for (const cur of ["MXN", "USD"]) for (const b of txt.result.totalsByCurrency.get(cur)!.buckets) expect(b).toBeGreaterThan(0);
  });
});
