import { buildStatements, type Statement, type StatementProblem, type StatementSettings } from "../core/statement/statement";
import type { CivilDay } from "../core/dates";
import type { AgingBasis } from "../core/aging/aging";
import type { Lang } from "../core/messages";
import { runAgingJob, type AgingJobOutput } from "./aging";
import type { Warning } from "./read";
import type { TableSource } from "./source";

/**
 * The statements job: the aging job at the key date (never a second aging), then one
 * statement per customer and currency. Rendering and sending belong to the mail layer; this
 * returns what every door shows before anything is sent: the statements, who was skipped and
 * why, and the aging's own warnings.
 */
export interface StatementsJobInput {
  ledger: TableSource;
  customers: TableSource;
  /** The installation's terms of payment, as for the aging. */
  terms?: TableSource;
  asOf: CivilDay;
  edges: readonly number[];
  basis?: AgingBasis;
  lang: Lang;
  currency?: string;
  settings?: StatementSettings;
  only?: readonly string[];
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface StatementsJobOutput {
  statements: Statement[];
  problems: StatementProblem[];
  aging: AgingJobOutput;
  warnings: Warning[];
}

export async function runStatementsJob(input: StatementsJobInput): Promise<StatementsJobOutput> {
  const aging = await runAgingJob({
    ledger: input.ledger,
    customers: input.customers,
    terms: input.terms,
    asOf: input.asOf,
    edges: input.edges,
    basis: input.basis ?? "due",
    lang: input.lang,
    currency: input.currency,
    // The statements carry their own lines; the aging report's detail sheet is not needed.
    detail: false,
    signal: input.signal,
    onProgress: input.onProgress ? (f) => input.onProgress!(f) : undefined,
  });
  const { statements, problems } = buildStatements({
    result: aging.result,
    items: aging.items,
    master: aging.customers?.master,
    lang: input.lang,
    settings: input.settings,
    only: input.only,
  });
  return { statements, problems, aging, warnings: aging.warnings };
}
