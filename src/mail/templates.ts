import Handlebars from "handlebars";
import { displayBucketLabels } from "../core/aging/agingReport";
import { civilFromDay } from "../core/dates";
import { InputError } from "../core/errors";
import { message, type Lang } from "../core/messages";
import { formatMoney } from "../core/money";
import { statementDate } from "../core/statement/statementReport";

/**
 * Handlebars templates for the e-mails (statements, minutes): per family and language an HTML
 * body, a plain-text body and a subject; shared partials under `partials/`. The templates are
 * the user's to edit or replace, so each one is parsed and checked when the set is loaded — a
 * broken one stops the run before anything is rendered, with its file and line — and
 * rendering only ever fills values in: customer data is HTML-escaped in the HTML part.
 */
export interface TemplateFile {
  /** Relative name: `statement.es-MX.hbs`, `partials/signature.hbs`. */
  name: string;
  /** What messages call it: the file's path. */
  file: string;
  text: string;
}

export type TemplatePart = "html" | "text" | "subject";

/** Language tags a template file may carry, in order of preference. */
const TAGS: Record<Lang, string[]> = { es: ["es-MX", "es"], en: ["en", "en-US"] };

const BUILTIN_HELPERS = ["if", "unless", "each", "with", "lookup", "log", "blockHelperMissing", "helperMissing"];

export function templateFileName(family: string, tag: string, part: TemplatePart): string {
  return part === "html" ? `${family}.${tag}.hbs` : part === "text" ? `${family}.${tag}.txt.hbs` : `${family}.subject.${tag}.hbs`;
}

/** `partials/signature.txt.hbs` → `signature-txt`. */
export function partialName(name: string): string {
  return name.replace(/^partials\//, "").replace(/\.hbs$/, "").replace(/[./]/g, "-");
}

/** Handlebars says where in its own words; the last line of its message is the reason. */
function broken(file: string, line: number | string, detail: string | { es: string; en: string }): InputError {
  const last = (d: string) => d.split("\n").filter((l) => l.trim() !== "").slice(-1)[0] ?? d;
  const texts = typeof detail === "string" ? { "detail.es": last(detail), "detail.en": last(detail) } : { "detail.es": detail.es, "detail.en": detail.en };
  return new InputError({ code: "template.broken", params: { file, line, ...texts } });
}

function both(key: "template.noPartial" | "template.noHelper", name: string): { es: string; en: string } {
  return { es: message("es", key, { name }), en: message("en", key, { name }) };
}

type Ast = hbs.AST.Program;

/** Partials named and helpers called anywhere in a template, with their lines. */
function references(ast: Ast): { partials: { name: string; line: number }[]; helpers: { name: string; line: number }[] } {
  const partials: { name: string; line: number }[] = [];
  const helpers: { name: string; line: number }[] = [];
  type Node = { type: string; loc: hbs.AST.SourceLocation; path?: { type: string; original?: string }; name?: { type: string; original?: string; value?: unknown }; params?: unknown[]; hash?: { pairs: unknown[] } };
  type VisitFn = (this: unknown, node: Node) => unknown;
  const visitor = new Handlebars.Visitor() as unknown as Record<string, VisitFn> & { accept(node: unknown): void };
  const base = Handlebars.Visitor.prototype as unknown as Record<string, VisitFn>;
  const pathOf = (n: Node) => (n.path && n.path.type === "PathExpression" ? (n.path.original ?? null) : null);
  const nameOf = (n: Node) => (n.name ? (n.name.type === "PathExpression" ? String(n.name.original) : String(n.name.value ?? "")) : "");
  const wrap = (type: string, f: (n: Node) => void) => {
    visitor[type] = function (this: unknown, node: Node) {
      f(node);
      return base[type].call(this, node);
    };
  };
  // A mustache with arguments can only be a helper call; without, it may be a value.
  const asHelper = (n: Node) => {
    const name = pathOf(n);
    if (name && ((n.params?.length ?? 0) > 0 || (n.hash?.pairs.length ?? 0) > 0)) helpers.push({ name, line: n.loc.start.line });
  };
  wrap("MustacheStatement", asHelper);
  wrap("BlockStatement", asHelper);
  wrap("SubExpression", (n) => {
    const name = pathOf(n);
    if (name) helpers.push({ name, line: n.loc.start.line });
  });
  wrap("PartialStatement", (n) => partials.push({ name: nameOf(n), line: n.loc.start.line }));
  wrap("PartialBlockStatement", (n) => partials.push({ name: nameOf(n), line: n.loc.start.line }));
  visitor.accept(ast);
  return { partials, helpers };
}

function parse(f: TemplateFile): Ast {
  try {
    return Handlebars.parse(f.text);
  } catch (e) {
    const err = e as { message?: string; lineNumber?: number };
    const line = err.lineNumber ?? Number(/line (\d+)/.exec(err.message ?? "")?.[1] ?? 0);
    throw broken(f.file, line || "?", err.message ?? String(e));
  }
}

const MONTHS: Record<Lang, string[]> = {
  es: message("es", "mail.months").split(","),
  en: message("en", "mail.months").split(","),
};

function rootLang(options: Handlebars.HelperOptions): Lang {
  return (options.data?.root?.lang as Lang) === "en" ? "en" : "es";
}

export class TemplateSet {
  private readonly hb: typeof Handlebars;
  private readonly files = new Map<string, TemplateFile>();
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();

  constructor(files: readonly TemplateFile[]) {
    this.hb = Handlebars.create();
    this.registerHelpers();
    for (const f of files) this.files.set(f.name, f);
    const asts = new Map<string, Ast>();
    for (const f of files) asts.set(f.name, parse(f));
    const partials = new Set<string>();
    for (const f of files) {
      if (!f.name.startsWith("partials/")) continue;
      const name = partialName(f.name);
      partials.add(name);
      this.hb.registerPartial(name, f.text);
    }
    const helpers = new Set([...Object.keys(this.hb.helpers), ...BUILTIN_HELPERS]);
    for (const f of files) {
      const refs = references(asts.get(f.name)!);
      for (const p of refs.partials) if (!partials.has(p.name) && p.name !== "@partial-block") throw broken(f.file, p.line, both("template.noPartial", p.name));
      for (const h of refs.helpers) if (!helpers.has(h.name)) throw broken(f.file, h.line, both("template.noHelper", h.name));
    }
  }

  /** The file a family's part is rendered from for a language, or undefined when the set has none. */
  fileFor(family: string, lang: Lang, part: TemplatePart): TemplateFile | undefined {
    for (const tag of TAGS[lang]) {
      const f = this.files.get(templateFileName(family, tag, part));
      if (f) return f;
    }
    return undefined;
  }

  /** `statement.es-MX`: the family and tag of the HTML template used, for the journal. */
  templateId(family: string, lang: Lang): string {
    const f = this.fileFor(family, lang, "html");
    return f ? f.name.replace(/\.hbs$/, "") : family;
  }

  render(family: string, lang: Lang, part: TemplatePart, context: Record<string, unknown>): string {
    const f = this.fileFor(family, lang, part);
    if (!f) throw new InputError({ code: "template.missing", params: { name: templateFileName(family, TAGS[lang][0], part) } });
    let fn = this.compiled.get(f.name);
    if (!fn) {
      // Plain text and subjects are not HTML: no entity escaping there.
      fn = this.hb.compile(f.text, { noEscape: part !== "html", strict: false });
      this.compiled.set(f.name, fn);
    }
    try {
      const out = fn({ ...context, lang });
      // A subject is one header line: no line breaks can reach the message's headers.
      return part === "subject" ? out.replace(/[\r\n\t]+/g, " ").replace(/\s{2,}/g, " ").trim() : out;
    } catch (e) {
      throw broken(f.file, "?", (e as Error).message ?? String(e));
    }
  }

  private registerHelpers(): void {
    const hb = this.hb;
    hb.registerHelper("money", function (amount: unknown, ...rest: unknown[]) {
      const options = rest.pop() as Handlebars.HelperOptions;
      const currency = typeof rest[0] === "string" ? rest[0] : String(options.data?.root?.currency ?? "MXN");
      return typeof amount === "number" ? formatMoney(amount, currency) : "";
    });
    hb.registerHelper("date", function (day: unknown, options: Handlebars.HelperOptions) {
      return typeof day === "number" ? statementDate(day, rootLang(options)) : "";
    });
    hb.registerHelper("longDate", function (day: unknown, options: Handlebars.HelperOptions) {
      if (typeof day !== "number") return "";
      const { y, m, d } = civilFromDay(day);
      return rootLang(options) === "es" ? `${d} de ${MONTHS.es[m - 1]} de ${y}` : `${MONTHS.en[m - 1]} ${d}, ${y}`;
    });
    hb.registerHelper("bucket", function (label: unknown, options: Handlebars.HelperOptions) {
      return typeof label === "string" ? displayBucketLabels([label], rootLang(options))[0] : "";
    });
    hb.registerHelper("negative", (n: unknown) => typeof n === "number" && n < 0);
    hb.registerHelper("positive", (n: unknown) => typeof n === "number" && n > 0);
    hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
    hb.registerHelper("gt", (a: unknown, b: unknown) => typeof a === "number" && typeof b === "number" && a > b);
    hb.registerHelper("plus1", (n: unknown) => (typeof n === "number" ? n + 1 : n));
    hb.registerHelper("join", (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === "string" ? sep : ", ") : ""));
    hb.registerHelper("pad", function (text: unknown, width: unknown) {
      const t = text === undefined || text === null ? "" : String(text);
      const w = typeof width === "number" ? width : 0;
      return w < 0 ? t.padStart(-w) : t.padEnd(w);
    });
  }
}
