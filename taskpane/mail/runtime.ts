/**
 * Everything heavy the mail panels need, in one chunk the pane loads only when a mail panel
 * first prepares statements or minutes (webpack's `import()` in load.ts): the jobs, the
 * templates (Handlebars), the PDFs (pdfmake's browser build and the standard fonts' metrics),
 * the outbox zip, the Graph transport and the batch runner. The Aging panel never waits for it.
 */
import type { TFontContainer } from "pdfmake/interfaces";
import { TemplateSet } from "../../src/mail/templates";
import { paneTemplateFiles } from "./templates";

export { runStatementsJob } from "../../src/jobs/statements";
export { runMinutesJob } from "../../src/jobs/minutes";
export { composeMinutes, composeStatement } from "../../src/mail/compose";
export { GraphMailer } from "../../src/mail/graph";
export { MemoryJournal } from "../../src/mail/journal";
export { journalCsv, MemoryOutboxTransport, zipOutbox, type OutboxFile } from "../../src/mail/outboxFiles";
export { RatePacer, realClock } from "../../src/mail/pacing";
export { sendBatch } from "../../src/mail/transport";
export { newPromiseRows, PROMISE_COLUMNS } from "../../src/mail/compromisos";
export { csvLine } from "../../src/mail/journal";
export { isPromise } from "../../src/core/statement/minutes";
export { statementDate } from "../../src/core/statement/statementReport";
export * from "./lists";

// pdfmake's browser build reads fonts from its virtual file system: the PDF standard fonts'
// metrics (Helvetica, the only family the PDFs use) go in once, before the first PDF.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfmake = require("pdfmake") as typeof import("pdfmake");
// eslint-disable-next-line @typescript-eslint/no-require-imports
pdfmake.addFontContainer(require("pdfmake/build/standard-fonts/Helvetica") as TFontContainer);

/** The shipped templates with the workbook's `template.*` settings over them; a broken one throws its file and line. */
export function paneTemplates(overrides: Record<string, string>): TemplateSet {
  return new TemplateSet(paneTemplateFiles(overrides));
}
