/**
 * The .xlsx Grid reader on its own: every row of every sheet of a workbook, from the file on
 * disk to row arrays, with nothing done to the rows. Run directly
 * (`node dist/bench/xlsxGrid.js [file.xlsx]`) it times the 200,000-row ledger twice, generating
 * it first if bench/data does not have it (the same file `bench/run.ts` uses).
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { writeLedgerXlsx } from "../samples/generate";
import { openXlsx } from "../src/io/xlsxGrid";

export async function benchXlsxGrid(path: string): Promise<{ ms: number; rows: number }> {
  const t0 = performance.now();
  const file = await readFile(path);
  const book = openXlsx(new Uint8Array(file.buffer, file.byteOffset, file.byteLength));
  let rows = 0;
  for (const sheet of book.sheets) {
    book.readSheet(sheet.index, () => {
      rows++;
      return true;
    });
  }
  return { ms: performance.now() - t0, rows };
}

/** The repository root, whether this runs from bench/ (ts) or dist/bench/ (compiled). */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

async function main(): Promise<void> {
  let path = process.argv[2];
  if (!path) {
    path = join(repoRoot(), "bench", "data", "ledger-200k.xlsx");
    if (!existsSync(path)) {
      process.stdout.write(`generating ${path} …\n`);
      await writeLedgerXlsx(path, { customers: 1500, items: 200_000, seed: 7 });
    }
  }
  for (let run = 1; run <= 2; run++) {
    const { ms, rows } = await benchXlsxGrid(path);
    process.stdout.write(`xlsxGrid run ${run}: ${rows} rows in ${(ms / 1000).toFixed(2)} s\n`);
  }
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(String(e instanceof Error ? e.stack : e) + "\n");
    process.exit(1);
  });
}
