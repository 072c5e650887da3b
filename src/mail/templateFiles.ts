import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { InputError } from "../core/errors";
import type { TemplateFile } from "./templates";

/** The `templates/` folder shipped with Cartera (found from this file, under src/ or dist/src/). */
export function defaultTemplatesDir(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const p = join(dir, "package.json");
    if (existsSync(p) && existsSync(join(dir, "templates"))) {
      try {
        if ((JSON.parse(readFileSync(p, "utf8")) as { name?: string }).name === "cartera") return join(dir, "templates");
      } catch {
        // not ours
      }
    }
  }
  throw new Error("templates/ not found");
}

function walk(root: string, dir: string, out: TemplateFile[]): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(root, p, out);
    else if (name.endsWith(".hbs")) out.push({ name: relative(root, p).split(sep).join("/"), file: p, text: readFileSync(p, "utf8").replace(/^\uFEFF/, "") });
  }
}

/**
 * The shipped templates, then each folder given: a file there replaces the shipped file of
 * the same name, so a user can change one template and keep the rest.
 */
export function loadTemplateFiles(overrides: readonly string[] = []): TemplateFile[] {
  const byName = new Map<string, TemplateFile>();
  for (const dir of [defaultTemplatesDir(), ...overrides]) {
    if (!existsSync(dir)) throw new InputError({ code: "file.notFound", params: { file: dir } });
    if (!statSync(dir).isDirectory()) throw new InputError({ code: "template.notFolder", params: { file: dir } });
    const files: TemplateFile[] = [];
    walk(dir, dir, files);
    for (const f of files) byName.set(f.name, f);
  }
  return [...byName.values()];
}
