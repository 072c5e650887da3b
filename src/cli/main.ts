import "./heap";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { InputError } from "../core/errors";
import { message, type Lang } from "../core/messages";
import { COMMANDS } from "./commands";
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
    const cmd = COMMANDS[command];
    if (cmd) return await cmd.run(argv.slice(1), lang, io);
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
