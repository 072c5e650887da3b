import type { TableSource } from "../jobs/source";
import type { DetectedTable } from "./mapping";
import type { SourcePreview, SourceRef, WorkbookPort } from "./port";

/** A source read as a table of some kind: where it is, its first rows, and its header and mapping. */
export interface TableInput {
  source: SourceRef;
  preview: SourcePreview;
  table: DetectedTable;
}

/** A workbook source (an Excel range, a file opened in the browser) as a job's table source, with the mapping the user checked. */
export function portSource(port: WorkbookPort, input: TableInput): TableSource {
  return {
    preview: async () => input.preview,
    read: (options) => port.readGrid(input.source, options),
    table: { headerRow: input.table.headerRow, mapping: input.table.mapping },
  };
}
