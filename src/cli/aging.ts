import { resolve } from "node:path";
import { age, isOpenAt, validateEdges, type AgingBasis, type AgingResult } from "../core/aging/aging";
import { buildAgingReport } from "../core/aging/agingReport";
import { CUSTOMER_SPEC, CustomerMaster, customerRow, masterAgingOptions, type Customer } from "../core/tables/customers";
import { formatIsoDate, parseIsoDate, type CivilDay } from "../core/dates";
import { LEDGER_SPEC, ledgerRow, type LedgerItem } from "../core/tables/ledger";
import { describe, type Lang } from "../core/messages";
import { toUnits } from "../core/money";
import type { Report } from "../core/report/report";
import type { Rejection, TableReadStats } from "../core/tables/table";
import { readAllRecords, readTableFile } from "../io/readTable";
import { writeReportXlsxFile } from "../report/xlsx";
import { UsageError, type Io } from "./common";
import { sheetToText } from "../report/text";

export const AGING_HELP = {
  es: `Uso: cartera aging LIBRO --as-of AAAA-MM-DD [opciones]

Antigüedad de saldos de un reporte de partidas abiertas (SAP FBL5N en .xlsx, .csv o .txt).

Opciones:
  --as-of AAAA-MM-DD     fecha clave (por omisión: hoy)
  --buckets 30,60,90,120 límites de los rangos en días (por omisión 30,60,90,120)
  --basis due|document   antigüedad por vencimiento (due) o por fecha de documento
  --customers ARCHIVO    maestro de clientes (código, nombre, RFC, plazo, límite, correos, plaza)
  --currency MXN         moneda cuando el libro no trae columna de moneda
  --sheet NOMBRE         hoja del .xlsx a leer (por omisión la primera con encabezados)
  --json                 resultado en JSON por la salida estándar
  --out RESULTADO.xlsx   escribe el libro de resultados (resumen, detalle, rechazados)
  --lang es|en           idioma de mensajes y reportes
  --help                 esta ayuda

Códigos de salida: 0 correcto, 1 datos de entrada inválidos, 2 uso incorrecto.
`,
  en: `Usage: cartera aging LEDGER --as-of YYYY-MM-DD [options]

Ages an open-items report (SAP FBL5N as .xlsx, .csv or .txt).

Options:
  --as-of YYYY-MM-DD     key date (default: today)
  --buckets 30,60,90,120 bucket edges in days (default 30,60,90,120)
  --basis due|document   age from the due date (due) or the document date
  --customers FILE       customer master (code, name, RFC, terms, limit, emails, plaza)
  --currency MXN         currency when the ledger has no currency column
  --sheet NAME           worksheet of an .xlsx to read (default: first with headers)
  --json                 JSON result on standard output
  --out RESULT.xlsx      write the result workbook (summary, detail, rejected)
  --lang es|en           language of messages and reports
  --help                 this help

Exit codes: 0 ok, 1 bad input, 2 bad usage.
`,
};

export interface AgingArgs {
  ledger: string;
  asOf: CivilDay;
  edges: number[];
  basis: AgingBasis;
  customers?: string;
  currency: string;
  sheet?: string;
  json: boolean;
  out?: string;
  lang: Lang;
}

export function parseEdges(text: string): number[] {
  const edges = text.split(",").map((s) => s.trim()).filter((s) => s !== "").map((s) => (/^\d+$/.test(s) ? Number(s) : NaN));
  const problem = validateEdges(edges);
  if (problem) throw new UsageError(`--buckets "${text}": ${problem}`);
  return edges;
}

export function todayCivil(): CivilDay {
  const now = new Date(); // the user's own clock and zone decide what "today" is
  return parseIsoDate(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`)!;
}

export interface AgingRun {
  result: AgingResult;
  items: LedgerItem[];
  rejected: Rejection[];
  stats: TableReadStats;
  master?: CustomerMaster;
  masterRejected: Rejection[];
}

/** Reads the ledger (and master) and ages it: shared by the command line and the benchmark. */
export async function runAging(args: Pick<AgingArgs, "ledger" | "asOf" | "edges" | "basis" | "customers" | "currency" | "sheet" | "lang">): Promise<AgingRun> {
  let master: CustomerMaster | undefined;
  let masterRejected: Rejection[] = [];
  if (args.customers) {
    const { records, reader } = await readAllRecords<Customer>(args.customers, CUSTOMER_SPEC, customerRow, { lang: args.lang });
    master = new CustomerMaster(records);
    masterRejected = reader.rejected;
  }
  const items: LedgerItem[] = [];
  const options = { defaultCurrency: args.currency };
  // Items cleared before the key date (often most of an export) are counted, not kept:
  // holding them would only grow the heap the collector walks.
  let notOpen = 0;
  const { reader } = await readTableFile<LedgerItem>(
    args.ledger,
    LEDGER_SPEC,
    (row, n, ctx) => ledgerRow(row, n, ctx, options),
    (item) => (isOpenAt(item, args.asOf) ? items.push(item) : notOpen++),
    { lang: args.lang, sheet: args.sheet },
  );
  const result = age(items, {
    asOf: args.asOf,
    edges: args.edges,
    basis: args.basis,
    ...masterAgingOptions(master),
  });
  result.notOpenAtKeyDate += notOpen;
  return { result, items, rejected: reader.rejected, stats: reader.stats, master, masterRejected };
}

/** The `--json` contract: amounts in currency units, exact to the centavo. */
export function agingJson(run: AgingRun, lang: Lang): unknown {
  const { result } = run;
  const totals = (cur: string) => {
    const t = result.totalsByCurrency.get(cur)!;
    return { buckets: t.buckets.map(toUnits), total: toUnits(t.total), overdue: toUnits(t.overdue) };
  };
  const currencies = [...result.totalsByCurrency.keys()];
  const out: Record<string, unknown> = {
    asOf: formatIsoDate(result.asOf),
    basis: result.basis,
    buckets: result.labels,
    customers: result.customers.map((c) => ({
      customer: c.customer,
      name: c.name,
      currency: c.currency,
      buckets: c.buckets.map(toUnits),
      total: toUnits(c.total),
      overdue: toUnits(c.overdue),
      unappliedCredits: toUnits(c.unappliedCredits),
      maxDaysPastDue: c.maxDaysPastDue,
      items: c.items,
    })),
  };
  if (currencies.length <= 1) {
    out.totals = currencies.length ? totals(currencies[0]) : { buckets: result.labels.map(() => 0), total: 0, overdue: 0 };
  } else {
    out.totalsByCurrency = Object.fromEntries(currencies.map((c) => [c, totals(c)]));
  }
  out.rejected = run.rejected.map((r) => ({ row: r.row, column: r.column, value: r.value, reason: describe(r.problem, lang) }));
  out.skipped = {
    subtotalRows: run.stats.subtotalRows,
    notOpenAtKeyDate: result.notOpenAtKeyDate,
    blankRows: run.stats.blankRows,
    repeatedHeaders: run.stats.repeatedHeaders,
  };
  return out;
}

export async function agingCommand(args: AgingArgs, io: Io): Promise<number> {
  if (args.out && resolve(args.out) === resolve(args.ledger)) throw new UsageError(args.lang === "es" ? "--out no puede ser el mismo archivo de entrada" : "--out cannot be the input file");
  const run = await runAging(args);
  const { result } = run;
  const source = args.ledger.split(/[\\/]/).pop() ?? args.ledger;
  for (const r of run.masterRejected) {
    io.err(`${args.lang === "es" ? "Aviso (maestro de clientes)" : "Warning (customer master)"}: ${rejectionLine(r, args.lang)}`);
  }
  // One report gives the workbook and the text summary; the detail rows only when written.
  const report = args.json && !args.out ? null : buildAgingReport({ result, items: args.out ? run.items : [], rejected: run.rejected, source, lang: args.lang, master: run.master, skipped: run.stats });
  if (report && args.out) await writeReportXlsxFile(report, args.out);
  if (report && !args.json) printSummary(run, report, args, io);
  if (args.json) io.out(JSON.stringify(agingJson(run, args.lang), null, 2));
  return 0;
}

function printSummary(run: AgingRun, report: Report, args: AgingArgs, io: Io): void {
  const { result } = run;
  const es = args.lang === "es";
  const summary = report.sheets[0];
  io.out(`${summary.title} — ${summary.subtitle}`);
  io.out("");
  // Most overdue first, within each currency (pesos and dollars are not comparable amounts),
  // the currency with the most customers first.
  const overdueAt = summary.columns.findIndex((c) => c.key === "overdue");
  const currencyAt = summary.columns.findIndex((c) => c.key === "currency");
  const customersPer = new Map([...result.totalsByCurrency].map(([cur, t]) => [cur, t.customers]));
  const rank = (row: (typeof summary.rows)[number]) => customersPer.get(row[currencyAt] as string) ?? 0;
  const byOverdue = { ...summary, rows: [...summary.rows].sort((a, b) => rank(b) - rank(a) || (b[overdueAt] as number) - (a[overdueAt] as number)) };
  io.out(es ? `Clientes con mayor saldo vencido (${Math.min(15, summary.rows.length)} de ${summary.rows.length}):` : `Customers with the most overdue (${Math.min(15, summary.rows.length)} of ${summary.rows.length}):`);
  io.out(sheetToText(byOverdue, { maxRows: 15, columns: ["customer", "name", "currency", ...result.labels.map((_, i) => `b${i}`), "total", "overdue"] }));
  io.out("");
  for (const note of summary.notes.slice(0, 3)) io.out(note);
  if (run.rejected.length) {
    io.out("");
    io.out(es ? "Filas rechazadas:" : "Rejected rows:");
    for (const r of run.rejected.slice(0, 20)) io.out(`  ${rejectionLine(r, args.lang)}`);
    if (run.rejected.length > 20) io.out(es ? `  … y ${run.rejected.length - 20} más (ver --out o --json)` : `  … and ${run.rejected.length - 20} more (see --out or --json)`);
  }
  if (args.out) io.out(`\n${es ? "Libro de resultados" : "Result workbook"}: ${args.out}`);
}

/** `fila 12, Vencimiento neto = "31.02.2026": …` — one rejected row as a line of text. */
function rejectionLine(r: Rejection, lang: Lang): string {
  return `${lang === "es" ? "fila" : "row"} ${r.row}, ${r.column} = "${r.value}": ${describe(r.problem, lang)}`;
}
