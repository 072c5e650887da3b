import { minutesFromJson, minutesFromRows, type MinutesBuilt } from "../core/statement/minutes";
import type { Lang } from "../core/messages";
import { MEETING_KIND, type MeetingRow } from "../core/tables/meeting";
import { asWarnings, readAll, type TableRead, type Warning } from "./read";
import type { TableSource } from "./source";

/**
 * The minutes job: a meeting sheet (any table source: a file, an Excel range) or its JSON
 * form becomes minutes, one per customer and meeting date. Rejected rows are warnings with
 * row, column and value, like any table's.
 */
export interface MinutesJobInput {
  meeting: TableSource | { json: unknown; label: string };
  lang: Lang;
  currency?: string;
  signal?: AbortSignal;
}

export interface MinutesJobOutput extends MinutesBuilt {
  read?: TableRead;
  warnings: Warning[];
}

export async function runMinutesJob(input: MinutesJobInput): Promise<MinutesJobOutput> {
  if ("json" in input.meeting) {
    return { ...minutesFromJson(input.meeting.json, input.lang, input.currency), warnings: [] };
  }
  const { records, read } = await readAll<MeetingRow>(input.meeting, MEETING_KIND, { lang: input.lang, signal: input.signal });
  const built = minutesFromRows(records, input.lang, input.currency);
  const warnings: Warning[] = [...read.warnings];
  warnings.push(...asWarnings(read.kind, read.rejected));
  return { ...built, read, warnings };
}
