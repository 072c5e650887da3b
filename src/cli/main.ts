import "./heap";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_EDGES } from "../core/aging/aging";
import { parseIsoDate } from "../core/dates";
import { InputError } from "../core/errors";
import { langFromLocale, type Lang } from "../core/messages";
import { AGING_HELP, agingCommand, parseEdges, todayCivil } from "./aging";
import { UsageError, type Io } from "./common";

const MAIN_HELP = {
  es: `cartera — herramientas de cuentas por cobrar (el mismo motor que el complemento de Excel)

Uso: cartera <comando> [opciones]

Comandos:
  aging LIBRO      antigüedad de saldos a una fecha clave (cartera aging --help)

Opciones generales: --lang es|en, --help, --version
`,
  en: `cartera — accounts-receivable tools (the same engine as the Excel add-in)

Usage: cartera <command> [options]

Commands:
  aging LEDGER     age the receivables at a key date (cartera aging --help)

General options: --lang es|en, --help, --version
`,
};

/** The package's version, found by walking up from this file (src/ under tests, dist/src/ when built). */
function version(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const p = join(dir, "package.json");
    if (existsSync(p)) {
      const pkg = JSON.parse(readFileSync(p, "utf8")) as { name?: string; version: string };
      if (pkg.name === "cartera") return pkg.version;
    }
  }
  return "unknown";
}

// `cartera aging … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

const stdio: Io = {
  out: (line) => process.stdout.write(line + "\n"),
  err: (line) => process.stderr.write(line + "\n"),
};

function pickLang(argv: string[]): Lang {
  const i = argv.indexOf("--lang");
  if (i >= 0 && argv[i + 1]) return argv[i + 1].startsWith("en") ? "en" : "es";
  const eq = argv.find((a) => a.startsWith("--lang="));
  if (eq) return eq.slice(7).startsWith("en") ? "en" : "es";
  return langFromLocale(process.env.CARTERA_LANG ?? process.env.LC_ALL ?? process.env.LANG);
}

export async function run(argv: string[], io: Io = stdio): Promise<number> {
  const lang = pickLang(argv);
  const command = argv[0];
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      io.out(MAIN_HELP[lang]);
      return command === undefined ? 2 : 0;
    }
    if (command === "--version" || command === "-v") {
      io.out(version());
      return 0;
    }
    if (command === "aging") return await aging(argv.slice(1), lang, io);
    throw new UsageError(lang === "es" ? `comando desconocido: ${command}` : `unknown command: ${command}`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`cartera: ${e.message}`);
      io.err(lang === "es" ? "Use --help para ver las opciones." : "Use --help to see the options.");
      return 2;
    }
    if (e instanceof InputError) {
      io.err(`cartera: ${e.describe(lang)}`);
      return 1;
    }
    const detail = e instanceof Error ? e.message : String(e);
    io.err(lang === "es" ? `cartera: error inesperado: ${detail}` : `cartera: unexpected error: ${detail}`);
    if (process.env.CARTERA_DEBUG && e instanceof Error && e.stack) io.err(e.stack);
    return 1;
  }
}

async function aging(argv: string[], lang: Lang, io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        "as-of": { type: "string" },
        buckets: { type: "string" },
        basis: { type: "string" },
        customers: { type: "string" },
        currency: { type: "string" },
        sheet: { type: "string" },
        json: { type: "boolean" },
        out: { type: "string" },
        lang: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  if (v.help) {
    io.out(AGING_HELP[lang]);
    return 0;
  }
  if (parsed.positionals.length !== 1) throw new UsageError(lang === "es" ? "indique un archivo de partidas: cartera aging LIBRO --as-of AAAA-MM-DD" : "give one ledger file: cartera aging LEDGER --as-of YYYY-MM-DD");
  let asOf = todayCivil();
  if (v["as-of"] !== undefined) {
    const d = parseIsoDate(v["as-of"]);
    if (d === null) throw new UsageError(lang === "es" ? `--as-of "${v["as-of"]}" no es una fecha AAAA-MM-DD válida` : `--as-of "${v["as-of"]}" is not a valid YYYY-MM-DD date`);
    asOf = d;
  }
  const basis = v.basis ?? "due";
  if (basis !== "due" && basis !== "document") throw new UsageError(lang === "es" ? `--basis debe ser due o document, no "${basis}"` : `--basis must be due or document, not "${basis}"`);
  const currency = (v.currency ?? "MXN").toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new UsageError(`--currency "${v.currency}"`);
  if (v.out) mkdirSync(dirname(v.out), { recursive: true });
  return agingCommand(
    {
      ledger: parsed.positionals[0],
      asOf,
      edges: v.buckets !== undefined ? parseEdges(v.buckets) : [...DEFAULT_EDGES],
      basis,
      customers: v.customers,
      currency,
      sheet: v.sheet,
      json: v.json ?? false,
      out: v.out,
      lang,
    },
    io,
  );
}
