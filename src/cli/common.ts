import { parseArgs, type ParseArgsConfig } from "node:util";
import { message, type Lang } from "../core/messages";

/** Wrong command-line usage: exit code 2 with the command's help hint. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** One command of `cartera`: its words after the command name, in the user's language. */
export interface Command {
  run(argv: string[], lang: Lang, io: Io): Promise<number>;
}

/** node:util's parser errors, in the user's language and without internal text. */
export function usageFrom(e: unknown, lang: Lang): UsageError {
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


/** node:util's parser with every error as a UsageError in the user's language. */
export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T, lang: Lang) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options, strict: true });
  } catch (e) {
    throw usageFrom(e, lang);
  }
}

/** Options that each take one text value (`--ledger FILE`), declared by name. */
export function textOptions<K extends string>(...names: K[]): Record<K, { type: "string" }> {
  return Object.fromEntries(names.map((n) => [n, { type: "string" as const }])) as Record<K, { type: "string" }>;
}
