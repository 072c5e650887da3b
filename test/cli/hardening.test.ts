import { linkSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { run } from "../../src/cli/main";
import { pickLang } from "../../src/cli/lang";
import { cp1252, sha256, tempDir, write } from "../helpers/files";

/**
 * What the hardening issue asks of the command line: output that can never hurt the source,
 * the user's language everywhere, and files as SAP and people really write them.
 */
async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const dir = tempDir();
const header = "Cuenta\tNº documento\tFecha de documento\tVencimiento neto\tImporte en moneda local\tMoneda local\tCondiciones de pago";
const ledger = write(
  dir,
  "ledger.txt",
  cp1252([header, "0001000123\t1800000001\t01.08.2026\t31.08.2026\t10,000.00\tMXN\tZ030", "0001000124\t1800000002\t15.10.2026\t14.11.2026\t2,500.50\tMXN\tZ030"].join("\r\n") + "\r\n"),
);
const AS_OF = ["--as-of", "2026-10-31"];

describe("--out never hurts an input", () => {
  test("the input itself, through a symbolic link and through a hard link: exit 2, the input unchanged", async () => {
    const before = sha256(ledger);
    const sym = join(dir, "link.xlsx");
    symlinkSync(ledger, sym);
    const hard = join(dir, "hard.xlsx");
    linkSync(ledger, hard);
    for (const out of [ledger, sym, hard]) {
      const r = await cli("aging", ledger, ...AS_OF, "--out", out);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/no se sobrescribe ningún archivo de entrada/);
    }
    const m = await cli("aging", ledger, ...AS_OF, "--customers", ledger, "--out", hard, "--lang", "en");
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/no input file is ever overwritten/);
    expect(sha256(ledger)).toBe(before);
  });

  test("a folder, another extension, no extension", async () => {
    const folder = join(dir, "folder.xlsx");
    mkdirSync(folder);
    expect((await cli("aging", ledger, ...AS_OF, "--out", folder)).stderr).toMatch(/es una carpeta/);
    const csv = await cli("aging", ledger, ...AS_OF, "--out", join(dir, "r.csv"));
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/\.xlsx/);
    const bare = await cli("aging", ledger, ...AS_OF, "--out", join(dir, "sub", "result"));
    expect(bare.code).toBe(0);
    expect(readdirSync(join(dir, "sub"))).toEqual(["result.xlsx"]);
  });
});

describe("the user's language", () => {
  test("--lang, CARTERA_LANG, LC_ALL, LC_MESSAGES, LANG; anything else is a usage error that lists the languages", async () => {
    expect(pickLang([], { LANG: "en_US.UTF-8" })).toBe("en");
    expect(pickLang([], { LC_ALL: "en_GB.UTF-8", LANG: "es_MX.UTF-8" })).toBe("en");
    expect(pickLang([], { LC_MESSAGES: "en_US", LANG: "es_MX" })).toBe("en");
    expect(pickLang([], { CARTERA_LANG: "es", LC_ALL: "en_US.UTF-8" })).toBe("es");
    expect(pickLang([], { LANG: "C.UTF-8" })).toBe("es");
    expect(pickLang(["--lang", "en-US"], {})).toBe("en");
    const fr = await cli("aging", ledger, "--lang", "fr");
    expect(fr.code).toBe(2);
    expect(fr.stderr).toMatch(/idiomas disponibles: es \(español\), en \(inglés\)/);
  });

  test("the option parser speaks the user's language, with no internal text", async () => {
    const es = await cli("aging", ledger, "--nope");
    expect(es.code).toBe(2);
    expect(es.stderr).toMatch(/opción desconocida: --nope/);
    const en = await cli("aging", ledger, "--as-of", "--lang", "en");
    expect(en.stderr).toMatch(/option --as-of needs a value|"--lang" is not a valid YYYY-MM-DD date/);
    const buckets = await cli("aging", ledger, "--buckets", "30,x", "--lang", "en");
    expect(buckets.stderr).toMatch(/type increasing whole days/);
    expect(buckets.stderr).not.toMatch(/NaN/);
    for (const r of [es, en, buckets]) expect(r.stderr).not.toMatch(/ERR_PARSE_ARGS|at .*:\d+:\d+/);
  });

  test("--currency takes ISO codes and the aliases the readers know, and says why otherwise", async () => {
    expect((await cli("aging", ledger, ...AS_OF, "--currency", "M.N.", "--json")).code).toBe(0);
    const bad = await cli("aging", ledger, ...AS_OF, "--currency", "pesitos");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no es una clave de moneda ISO 4217/);
  });
});

describe("files as SAP and people write them", () => {
  test("an SE16 extract with technical names, SHKZG and ZBD3T: signs from the indicator, due dates from the baseline", async () => {
    const file = write(
      dir,
      "bsid.txt",
      ["KUNNR\tBELNR\tBLART\tBLDAT\tZFBDT\tZBD3T\tDMBTR\tHWAER\tSHKZG", "1000123\t90000001\tRV\t01.09.2026\t01.09.2026\t30\t1,000.00\tMXN\tS", "1000123\t90000002\tDG\t10.10.2026\t10.10.2026\t0\t200.00\tMXN\tH"].join("\n") + "\n",
    );
    const r = await cli("aging", file, ...AS_OF, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    // 1,000 due 01.10 (30 days late); the credit of 200 at its own date (21 days).
    expect(json.totals).toEqual({ buckets: [0, 800, 0, 0, 0, 0], total: 800, overdue: 800 });
    expect(json.customers[0].unappliedCredits).toBe(-200);
  });

  test("a month-first date column is read month-first with a warning; a mixed one is rejected", async () => {
    const us = write(dir, "us.csv", ["Customer,Document Number,Due Date,Amount", "C1,1,9/30/2026,100.00", "C1,2,10/13/2026,50.00"].join("\n") + "\n");
    const r = await cli("aging", us, ...AS_OF, "--json", "--lang", "en");
    const json = JSON.parse(r.stdout);
    expect(json.totals.buckets).toEqual([0, 50, 100, 0, 0, 0]);
    expect(json.warnings).toEqual([expect.objectContaining({ table: "ledger", column: "Due Date", reason: expect.stringMatching(/month/i) })]);
    const mixed = write(dir, "mixed.csv", ["Customer,Document Number,Due Date,Amount", "C1,1,13/09/2026,100.00", "C1,2,10/13/2026,50.00"].join("\n") + "\n");
    const m = JSON.parse((await cli("aging", mixed, ...AS_OF, "--json")).stdout);
    expect(m.rejected).toHaveLength(2);
    expect(m.customers).toEqual([]);
  });

  test("`1.000` is decided by the column: thousands when other values show a decimal comma… and rejected when nothing does", async () => {
    const comma = write(dir, "comma.csv", ["Cliente;Nº documento;Vencimiento neto;Importe", "C1;1;30.09.2026;1.000", "C1;2;30.09.2026;2.500,50"].join("\n") + "\n");
    expect(JSON.parse((await cli("aging", comma, ...AS_OF, "--json")).stdout).totals.total).toBe(3500.5);
    const undecided = write(dir, "undecided.csv", ["Cliente;Nº documento;Vencimiento neto;Importe", "C1;1;30.09.2026;1.000", "C1;2;30.09.2026;2.500"].join("\n") + "\n");
    const u = JSON.parse((await cli("aging", undecided, ...AS_OF, "--json")).stdout);
    expect(u.rejected.map((x: { value: string }) => x.value)).toEqual(["1.000", "2.500"]);
    expect(u.warnings).toHaveLength(1);
  });

  test("the decision reads well past the header rows: a decimal comma first seen on row 60 settles the whole column", async () => {
    const rows = Array.from({ length: 58 }, (_, i) => `C1;${i + 1};30.09.2026;1.000`);
    const file = write(dir, "late-comma.csv", ["Cliente;Nº documento;Vencimiento neto;Importe", ...rows, "C1;99;30.09.2026;2.500,50"].join("\n") + "\n");
    const j = JSON.parse((await cli("aging", file, ...AS_OF, "--json")).stdout);
    expect(j.rejected).toEqual([]);
    expect(j.totals.total).toBe(58 * 1000 + 2500.5);
  });

  test("unknown terms keys are a warning per row, and a terms table defines them", async () => {
    const file = write(dir, "terms-ledger.txt", ["Cuenta\tNº documento\tFecha de documento\tImporte\tCondiciones de pago", "C1\t1\t01.09.2026\t100.00\tPP30", "C1\t2\t01.09.2026\t100.00\t2/10N30"].join("\n") + "\n");
    const without = await cli("aging", file, ...AS_OF, "--json");
    const a = JSON.parse(without.stdout);
    expect(a.warnings).toEqual([expect.objectContaining({ row: 2, value: "PP30", reason: expect.stringContaining("PP30") })]);
    // PP30 unknown: due on the document date (60 days late); 2/10N30 by its net 30 days (30 late).
    expect(a.totals.buckets).toEqual([0, 100, 100, 0, 0, 0]);
    const table = write(dir, "terms.csv", ["Clave,Días netos", "PP30,30"].join("\n") + "\n");
    const b = JSON.parse((await cli("aging", file, ...AS_OF, "--terms", table, "--json")).stdout);
    expect(b.warnings).toEqual([]);
    expect(b.totals.buckets).toEqual([0, 200, 0, 0, 0, 0]);
  });

  test("a header-only file says there are no items; absurd codes are rejected; every row is accounted for", async () => {
    const empty = write(dir, "empty.txt", header + "\n");
    const e = await cli("aging", empty, ...AS_OF);
    expect(e.code).toBe(0);
    expect(e.stdout).toMatch(/No hay partidas abiertas/);
    const long = write(dir, "long.txt", [header, `${"X".repeat(10_000)}\t1\t01.08.2026\t31.08.2026\t1.00\tMXN\t`, "", "*\t\t\t\t1.00\tMXN\t", "C2\t2\t01.08.2026\t31.08.2026\t2.00\tMXN\t"].join("\n") + "\n");
    const j = JSON.parse((await cli("aging", long, ...AS_OF, "--json")).stdout);
    expect(j.rejected[0].reason).toMatch(/10,000 caracteres/);
    expect(j.rows).toMatchObject({ titleRows: 0, headerRow: 1, items: 1, rejected: 1, subtotalRows: 1, blankRows: 1, total: 5, lastRow: 5 });
  });

  test("the terminal never receives escape sequences from the data", async () => {
    const others = Array.from({ length: 40 }, (_, i) => `C${i + 2}\tConstructora ${i}\t${i + 2}\t30.10.2026\t1.00`);
    const file = write(dir, "esc.txt", ["Cuenta\tNombre\tNº documento\tVencimiento neto\tImporte", "C1\tEvil\u001b[2J\u001b[HCo\t1\t30.09.2026\t10.00", ...others].join("\n") + "\n");
    const r = await cli("aging", file, ...AS_OF);
    expect(r.stdout).not.toContain(String.fromCharCode(27));
    expect(r.stdout).toContain("Evil\\x1b[2J\\x1b[HCo");
  });

  test("--sheet ignores case and lists the sheets when none matches", async () => {
    const r = await cli("aging", join(__dirname, "..", "..", "samples", "ledger.xlsx"), ...AS_OF, "--sheet", "NO-SUCH", "--lang", "en");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/has no sheet named "NO-SUCH"\. Sheets: "/);
  });
});
