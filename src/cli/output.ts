import { existsSync, mkdirSync, realpathSync, statSync } from "node:fs";
import { dirname, extname, resolve } from "node:path";
import { InputError } from "../core/errors";
import { message, type Lang } from "../core/messages";
import { UsageError } from "./common";

/**
 * Where `--out` may write: never over any input (also through a symbolic or hard link: real
 * paths and file identity are compared), never onto a folder. A name without an extension
 * gets `.xlsx`; another extension is refused (the result is always a workbook).
 * Returns the path to write; the writer itself writes a temporary file and renames it.
 */
export function checkOutput(out: string, inputs: readonly (string | undefined)[], lang: Lang): string {
  refuseInputs(out, inputs, lang);
  const ext = extname(out);
  if (ext !== "" && ext.toLowerCase() !== ".xlsx") throw new UsageError(message(lang, "cli.outExtension", { file: out }));
  const path = ext === "" ? `${out}.xlsx` : out;
  refuseInputs(path, inputs, lang);
  const target = resolve(path);
  try {
    mkdirSync(dirname(target), { recursive: true });
  } catch (e) {
    throw new InputError({ code: "file.cannotWrite", params: { file: path, detail: (e as Error).message } });
  }
  return path;
}

function refuseInputs(path: string, inputs: readonly (string | undefined)[], lang: Lang): void {
  const target = resolve(path);
  if (existsSync(target)) {
    const st = statSync(target);
    if (st.isDirectory()) throw new UsageError(message(lang, "cli.outIsDirectory", { file: path }));
    const real = realpathSync(target);
    for (const input of inputs) {
      if (!input || !existsSync(input)) continue;
      const other = statSync(input);
      if (realpathSync(input) === real || (other.ino === st.ino && other.dev === st.dev)) throw new UsageError(message(lang, "cli.outIsInput", { file: path, input }));
    }
  }
}

/** A failed write as one clear message (no permission, a full disk, a folder in the way). */
export function writeError(e: unknown, file: string): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (typeof code !== "string") return e;
  const key = code === "ENOSPC" ? "file.diskFull" : code === "EACCES" || code === "EPERM" ? "file.noPermission" : "file.cannotWrite";
  return new InputError({ code: key, params: { file, detail: (e as Error).message } });
}
