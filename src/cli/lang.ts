import { message, type Lang } from "../core/messages";
import { UsageError } from "./common";

/**
 * The user's language: `--lang`, else `CARTERA_LANG`, else the POSIX locale (`LC_ALL`, then
 * `LC_MESSAGES`, then `LANG`, e.g. `en_US.UTF-8`). Spanish unless English was asked for.
 */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
  const tag = env.CARTERA_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG;
  return tag && /^en([_\-.@]|$)/i.test(tag) ? "en" : "es";
}

export function pickLang(argv: readonly string[], env: Record<string, string | undefined>): Lang {
  const fallback = langFromEnv(env);
  let value: string | undefined;
  const i = argv.indexOf("--lang");
  if (i >= 0) value = argv[i + 1] ?? "";
  const eq = argv.find((a) => a.startsWith("--lang="));
  if (eq) value = eq.slice(7);
  if (value === undefined) return fallback;
  if (/^es([_-]|$)/i.test(value)) return "es";
  if (/^en([_-]|$)/i.test(value)) return "en";
  throw new UsageError(message(fallback, "cli.langInvalid", { value }));
}
