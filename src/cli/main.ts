import "./heap";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_EDGES } from "../core/aging/aging";
import { parseIsoDate } from "../core/dates";
import { InputError } from "../core/errors";
import { message, type Lang } from "../core/messages";
import { currencyCode } from "../core/tables/fields";
import { agingCommand, parseEdges, todayCivil } from "./aging";
import { UsageError, type Io } from "./common";
import { langFromEnv, pickLang } from "./lang";

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

export async function run(argv: string[], io: Io = stdio): Promise<number> {
  let lang: Lang = langFromEnv(process.env);
  const command = argv[0];
  try {
    lang = pickLang(argv, process.env);
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      io.out(message(lang, "cli.help.main"));
      return command === undefined ? 2 : 0;
    }
    if (command === "--version" || command === "-v") {
      io.out(version());
      return 0;
    }
    if (command === "aging") return await aging(argv.slice(1), lang, io);
    throw new UsageError(message(lang, "cli.unknownCommand", { command }));
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`cartera: ${e.message}`);
      io.err(message(lang, "cli.seeHelp"));
      return 2;
    }
    if (e instanceof InputError) {
      io.err(`cartera: ${e.describe(lang)}`);
      return 1;
    }
    const detail = e instanceof Error ? e.message : String(e);
    io.err(`cartera: ${message(lang, "cli.unexpected", { detail })}`);
    if (process.env.CARTERA_DEBUG && e instanceof Error && e.stack) io.err(e.stack);
    return 1;
  }
}

/** node:util's parser errors, in the user's language and without internal text. */
function usageFrom(e: unknown, lang: Lang): UsageError {
  const err = e as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(err.message ?? "")?.[1] ?? "";
  const option = quoted.split(" ")[0];
  switch (err.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return new UsageError(message(lang, "cli.unknownOption", { option }));
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return new UsageError(message(lang, "cli.argumentMissing", { option }));
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return new UsageError(message(lang, "cli.unexpectedArgument", { value: quoted }));
    default:
      return new UsageError(message(lang, "cli.badUsage", { detail: err.message ?? String(e) }));
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
    throw usageFrom(e, lang);
  }
  const v = parsed.values;
  if (v.help) {
    io.out(message(lang, "cli.help.aging"));
    return 0;
  }
  if (parsed.positionals.length !== 1) throw new UsageError(message(lang, "cli.ledgerMissing"));
  let asOf = todayCivil();
  if (v["as-of"] !== undefined) {
    const d = parseIsoDate(v["as-of"]);
    if (d === null) throw new UsageError(message(lang, "cli.asOfInvalid", { value: v["as-of"] }));
    asOf = d;
  }
  const basis = v.basis ?? "due";
  if (basis !== "due" && basis !== "document") throw new UsageError(message(lang, "cli.basisInvalid", { value: basis }));
  const currency = v.currency === undefined ? "MXN" : currencyCode(v.currency);
  if (currency === null) throw new UsageError(message(lang, "cli.currencyInvalid", { value: v.currency! }));
  return agingCommand(
    {
      ledger: parsed.positionals[0],
      asOf,
      edges: v.buckets !== undefined ? parseEdges(v.buckets, lang) : [...DEFAULT_EDGES],
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
