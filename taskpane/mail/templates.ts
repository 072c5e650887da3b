import type { TemplateFile } from "../../src/mail/templates";

/**
 * The shipped `templates/` folder, bundled: webpack reads every .hbs file as text at build
 * time (asset/source), so the pane renders exactly what `cartera statements` renders. A
 * workbook setting `template.<file name>` (e.g. `template.statement.es-MX.hbs` in the Cartera
 * sheet) replaces the shipped file of that name, as `--templates DIR` does for the command
 * line; its errors name the setting and the line.
 */
interface WebpackContext {
  keys(): string[];
  (key: string): string | { default: string };
}

// `require.context` is webpack's: it is resolved while bundling and never runs in Node.
const shipped = (require as unknown as { context(dir: string, deep: boolean, filter: RegExp): WebpackContext }).context("../../templates", true, /\.hbs$/);

export function paneTemplateFiles(overrides: Record<string, string>): TemplateFile[] {
  const byName = new Map<string, TemplateFile>();
  for (const key of shipped.keys()) {
    const name = key.replace(/^\.\//, "");
    const mod = shipped(key);
    const text = typeof mod === "string" ? mod : mod.default;
    byName.set(name, { name, file: `templates/${name}`, text: text.replace(/^\uFEFF/, "") });
  }
  for (const [name, text] of Object.entries(overrides)) {
    if (!name.endsWith(".hbs") || !text) continue;
    byName.set(name, { name, file: `Cartera: template.${name}`, text });
  }
  return [...byName.values()];
}
