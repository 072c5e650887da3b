import { existsSync, readFileSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import { InputError } from "../core/errors";
import { describe, message, type Lang, type Problem } from "../core/messages";
import type { StatementSettings } from "../core/statement/statement";
import { CUSTOMER_SPEC } from "../core/tables/customers";
import { currencyCode } from "../core/tables/fields";
import { LEDGER_SPEC } from "../core/tables/ledger";
import { TERMS_SPEC } from "../core/tables/terms";
import { MEETING_SPEC } from "../core/tables/meeting";
import { fileSource } from "../io/fileSource";
import { runMinutesJob } from "../jobs/minutes";
import { runStatementsJob } from "../jobs/statements";
import { defaultCachePath, envTokenSource, GRAPH_SCOPES, msalTokenSource, NotSignedIn, SHARED_SCOPES } from "../mail/auth";
import { appendPromises } from "../mail/compromisosFile";
import { composeMinutes, composeStatement } from "../mail/compose";
import { GraphMailer } from "../mail/graph";
import type { TokenSource } from "../mail/graphHttp";
import { httpsFetch } from "../mail/httpsFetch";
import { openJournal } from "../mail/journalFile";
import type { MailMessage } from "../mail/message";
import { OutboxTransport } from "../mail/outbox";
import { RatePacer, realClock, type Clock } from "../mail/pacing";
import { loadTemplateFiles } from "../mail/templateFiles";
import { TemplateSet } from "../mail/templates";
import { sendBatch, type MailTransport, type MessageOutcome } from "../mail/transport";
import { AGING_OPTIONS, agingChoices } from "./options";
import { parseOptions, textOptions, UsageError, type Command, type Io } from "./common";
import { printWarnings } from "./finish";
import type { Warning } from "../jobs/read";
import { shortText } from "../report/text";

/**
 * `cartera statements`, `cartera minutes` and `cartera login`. Dry run is the default: the
 * messages go to the outbox folder as .eml files; `--send` sends them through Microsoft Graph.
 * Either way the send journal beside the outbox records every message, so a re-run sends only
 * what is not yet sent.
 */
export interface MailCliEnv {
  env: Record<string, string | undefined>;
  clock: Clock;
}

const defaultEnv = (): MailCliEnv => ({ env: process.env, clock: realClock });

const SEND_OPTIONS = {
  ...textOptions("outbox", "journal", "settings", "graph-url", "mailbox", "rate", "ca", "from", "lang"),
  templates: { type: "string", multiple: true },
  send: { type: "boolean" },
  "dry-run": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function readSettings(path: string | undefined, lang: Lang): StatementSettings {
  if (!path) return {};
  if (!existsSync(path)) throw new InputError({ code: "file.notFound", params: { file: path } });
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new UsageError(message(lang, "cli.mail.settingsInvalid", { file: path, detail: (e as Error).message }));
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new UsageError(message(lang, "cli.mail.settingsInvalid", { file: path, detail: "{ \"statement.clabe\": \"…\" }" }));
  return Object.fromEntries(Object.entries(data as Record<string, unknown>).map(([k, v]) => [k, v === null || v === undefined ? undefined : String(v)]));
}

interface SendSetup {
  transport: MailTransport;
  outbox: string;
  journalPath: string;
}

function sendSetup(v: Record<string, unknown>, settings: StatementSettings, lang: Lang, io: Io, ctx: MailCliEnv): SendSetup {
  const outbox = resolve((v.outbox as string | undefined) ?? "outbox");
  const journalPath = resolve((v.journal as string | undefined) ?? join(outbox, "envios.csv"));
  const send = v.send === true;
  if (send && v["dry-run"] === true) throw new UsageError(message(lang, "cli.mail.sendAndDryRun"));
  const mailbox = (v.mailbox as string | undefined) ?? settings["mail.mailbox"];
  if (!send) {
    for (const k of ["graph-url", "rate", "ca"]) if (v[k] !== undefined) throw new UsageError(message(lang, "cli.mail.needsSend", { option: `--${k}` }));
    const from = (v.from as string | undefined) ?? settings["mail.from"] ?? mailbox ?? settings["statement.signature.email"] ?? "cartera@localhost.invalid";
    return { transport: new OutboxTransport(outbox, from, ctx.clock), outbox, journalPath };
  }
  let rate = 30;
  if (v.rate !== undefined) {
    rate = /^\d+$/.test(String(v.rate)) ? Number(v.rate) : NaN;
    if (!(rate >= 1 && rate <= 600)) throw new UsageError(message(lang, "cli.mail.rateInvalid", { value: String(v.rate) }));
  }
  const graphUrl = (v["graph-url"] as string | undefined) ?? ctx.env.CARTERA_GRAPH_URL ?? "https://graph.microsoft.com/v1.0";
  let url: URL;
  try {
    url = new URL(graphUrl);
  } catch {
    throw new UsageError(message(lang, "cli.mail.graphUrlInvalid", { value: graphUrl }));
  }
  if (url.protocol !== "https:") throw new UsageError(message(lang, "cli.mail.graphUrlInvalid", { value: graphUrl }));
  const caPath = (v.ca as string | undefined) ?? ctx.env.CARTERA_GRAPH_CA;
  if (caPath && !existsSync(caPath)) throw new InputError({ code: "file.notFound", params: { file: caPath } });
  const transport = new GraphMailer({
    graphUrl,
    mailbox,
    tokens: tokenSource(settings, ctx, io, mailbox !== undefined, false),
    clock: ctx.clock,
    fetch: caPath ? httpsFetch({ ca: readFileSync(caPath) }) : undefined,
    pacer: new RatePacer(rate, ctx.clock),
    onRetry: (r) => (r.status === 429 ? io.err(message(lang, "cli.mail.throttled", { seconds: Math.ceil(r.waitMs / 1000) })) : undefined),
  });
  return { transport, outbox, journalPath };
}

function tokenSource(settings: StatementSettings, ctx: MailCliEnv, io: Io, shared: boolean, interactive: boolean): TokenSource & { login?: () => Promise<string> } {
  const env = ctx.env;
  if (env.CARTERA_GRAPH_TOKEN && !interactive) return envTokenSource(env.CARTERA_GRAPH_TOKEN);
  const clientId = env.CARTERA_CLIENT_ID ?? settings["mail.clientId"];
  if (!clientId) throw new InputError({ code: "mail.noSignIn" });
  return msalTokenSource({
    clientId,
    tenant: env.CARTERA_TENANT ?? settings["mail.tenant"] ?? "organizations",
    cachePath: env.CARTERA_TOKEN_CACHE ?? defaultCachePath(env),
    scopes: shared ? [...GRAPH_SCOPES, ...SHARED_SCOPES] : GRAPH_SCOPES,
    onDeviceCode: (m) => io.err(m),
    interactive,
  });
}

function problemText(p: Problem, lang: Lang): string {
  return describe(p, lang);
}

async function deliver(messages: MailMessage[], setup: SendSetup, lang: Lang, io: Io, ctx: MailCliEnv, after?: (o: MessageOutcome) => void): Promise<MessageOutcome[]> {
  const journal = openJournal(setup.journalPath);
  const controller = new AbortController();
  const onSigint = () => {
    io.err(message(lang, "cli.mail.cancelling"));
    controller.abort();
  };
  process.once("SIGINT", onSigint);
  try {
    const outcomes = await sendBatch(messages, {
      transport: setup.transport,
      journal,
      clock: ctx.clock,
      signal: controller.signal,
      onOutcome: (o, done, total) => {
        const who = `${o.message.customer} ${o.message.period}`;
        if (o.status === "failed") io.err(message(lang, "cli.mail.failed", { who, reason: problemText(o.problem!, lang) }));
        else if (o.status === "unclear") io.err(message(lang, "cli.mail.unclear", { who, reason: problemText(o.problem!, lang) }));
        else if (o.supersedes) io.err(message(lang, "cli.mail.superseded", { who }));
        if (setup.transport.name === "graph" && (done % 25 === 0 || done === total)) io.err(message(lang, "cli.mail.progress", { done, total }));
        after?.(o);
      },
    });
    return outcomes;
  } catch (e) {
    if (e instanceof NotSignedIn) throw new InputError({ code: "mail.noSignIn" });
    throw e;
  } finally {
    process.removeListener("SIGINT", onSigint);
  }
}

function summarize(outcomes: readonly MessageOutcome[], setup: SendSetup, skipped: number, lang: Lang, io: Io): number {
  const count = (s: MessageOutcome["status"]) => outcomes.filter((o) => o.status === s).length;
  const done = count(setup.transport.name === "graph" ? "sent" : "written");
  io.out(
    message(lang, setup.transport.name === "graph" ? "cli.mail.summarySent" : "cli.mail.summaryWritten", {
      done,
      already: count("already"),
      failed: count("failed"),
      unclear: count("unclear"),
      cancelled: count("cancelled"),
      skipped,
      outbox: setup.outbox,
    }),
  );
  io.out(message(lang, "cli.mail.journal", { file: setup.journalPath }));
  return count("failed") + count("unclear") + count("cancelled") > 0 ? 1 : 0;
}

function warnLines(warnings: readonly Warning[], lang: Lang, io: Io): void {
  printWarnings(warnings, lang, io, (w, detail) => message(lang, w.kind === "customers" ? "cli.warningCustomers" : "cli.warning", { detail }));
}

/** `cartera statements --ledger FILE --customers FILE --as-of D …` */
export function statementsCli(ctx: MailCliEnv = defaultEnv()): Command {
  return {
    run: async (argv, lang, io) => {
      const parsed = parseOptions(
        argv,
        { ...SEND_OPTIONS, ...AGING_OPTIONS, ledger: { type: "string" }, only: { type: "string" } },
        lang,
      );
      const v = parsed.values;
      if (v.help) {
        io.out(message(lang, "cli.help.statements"));
        return 0;
      }
      if (parsed.positionals.length) throw new UsageError(message(lang, "cli.unexpectedArgument", { value: parsed.positionals[0] }));
      if (!v.ledger || !v.customers) throw new UsageError(message(lang, "cli.statements.inputsMissing"));
      const { asOf, edges, basis, currency } = agingChoices(v, lang);
      const settings = readSettings(v.settings, lang);
      const setup = sendSetup(v, settings, lang, io, ctx);
      // Templates first: a broken one stops the run before any file is read or message made.
      const templates = new TemplateSet(loadTemplateFiles(v.templates ?? []));
      const job = await runStatementsJob({
        ledger: fileSource(v.ledger, LEDGER_SPEC, { sheet: v.sheet }),
        customers: fileSource(v.customers, CUSTOMER_SPEC),
        terms: v.terms ? fileSource(v.terms, TERMS_SPEC) : undefined,
        asOf,
        edges,
        basis,
        lang,
        currency,
        settings,
        only: v.only ? v.only.split(",").map((s) => s.trim()).filter((s) => s) : undefined,
      });
      warnLines(job.warnings, lang, io);
      let skipped = 0;
      for (const p of job.problems) {
        const reason = describe(p.problem, lang);
        if (p.skipped) skipped++;
        io.err(message(lang, p.skipped ? "cli.statements.skipped" : "cli.warning", { customer: p.customer, name: shortText(p.name, 40), currency: p.currency, reason, detail: reason }));
      }
      const messages: MailMessage[] = [];
      for (let i = 0; i < job.statements.length; i++) messages.push(await composeStatement(job.statements[i], templates, { index: i }));
      const outcomes = await deliver(messages, setup, lang, io, ctx);
      return summarize(outcomes, setup, skipped, lang, io);
    },
  };
}

/** `cartera minutes --meeting FILE …` */
export function minutesCli(ctx: MailCliEnv = defaultEnv()): Command {
  return {
    run: async (argv, lang, io) => {
      const parsed = parseOptions(argv, { ...SEND_OPTIONS, meeting: { type: "string" }, compromisos: { type: "string" }, sheet: { type: "string" }, currency: { type: "string" } }, lang);
      const v = parsed.values;
      if (v.help) {
        io.out(message(lang, "cli.help.minutes"));
        return 0;
      }
      const meetingPath = v.meeting ?? parsed.positionals[0];
      if (!meetingPath || parsed.positionals.length > (v.meeting ? 0 : 1)) throw new UsageError(message(lang, "cli.minutes.meetingMissing"));
      const currency = v.currency === undefined ? "MXN" : currencyCode(v.currency);
      if (currency === null) throw new UsageError(message(lang, "cli.currencyInvalid", { value: v.currency! }));
      const settings = readSettings(v.settings, lang);
      const setup = sendSetup(v, settings, lang, io, ctx);
      const promisesPath = resolve(v.compromisos ?? join(dirname(setup.journalPath), "compromisos.csv"));
      const templates = new TemplateSet(loadTemplateFiles(v.templates ?? []));
      let meeting: Parameters<typeof runMinutesJob>[0]["meeting"];
      if (extname(meetingPath).toLowerCase() === ".json") {
        if (!existsSync(meetingPath)) throw new InputError({ code: "file.notFound", params: { file: meetingPath } });
        let json: unknown;
        try {
          json = JSON.parse(readFileSync(meetingPath, "utf8").replace(/^\uFEFF/, ""));
        } catch (e) {
          throw new InputError({ code: "minutes.jsonSyntax", params: { file: meetingPath, detail: (e as Error).message } });
        }
        meeting = { json, label: meetingPath };
      } else meeting = fileSource(meetingPath, MEETING_SPEC, { sheet: v.sheet });
      const job = await runMinutesJob({ meeting, lang, currency });
      warnLines(job.warnings, lang, io);
      const skippedIds = new Set<string>();
      for (const p of job.problems) {
        io.err(message(lang, "cli.warning", { detail: `${p.minutes.split("|")[0]}: ${describe(p.problem, lang)}` }));
        if (p.problem.code === "minutes.noAddress") skippedIds.add(p.minutes);
      }
      const sendable = job.minutes.filter((m) => !skippedIds.has(m.id));
      const messages: MailMessage[] = [];
      for (let i = 0; i < sendable.length; i++) messages.push(await composeMinutes(sendable[i], templates, { index: i }));
      let promises = 0;
      const outcomes = await deliver(messages, setup, lang, io, ctx, (o) => {
        if (o.status !== "sent" && o.status !== "written" && o.status !== "already") return;
        const mn = sendable[messages.indexOf(o.message)];
        promises += appendPromises(promisesPath, mn, new Date(ctx.clock.now()));
      });
      io.out(message(lang, "cli.minutes.promises", { count: promises, file: promisesPath }));
      return summarize(outcomes, setup, skippedIds.size, lang, io);
    },
  };
}

/** `cartera login`: the device-code sign-in, once; later runs use MSAL's cache silently. */
export function loginCli(ctx: MailCliEnv = defaultEnv()): Command {
  return {
    run: async (argv, lang, io) => {
      const parsed = parseOptions(argv, { settings: { type: "string" }, mailbox: { type: "string" }, lang: { type: "string" }, help: { type: "boolean", short: "h" } }, lang);
      if (parsed.values.help) {
        io.out(message(lang, "cli.help.login"));
        return 0;
      }
      const settings = readSettings(parsed.values.settings, lang);
      const source = tokenSource(settings, { ...ctx, env: { ...ctx.env, CARTERA_GRAPH_TOKEN: undefined } }, io, parsed.values.mailbox !== undefined, true);
      const user = await source.login!();
      io.out(message(lang, "cli.login.done", { user: user || "?" }));
      return 0;
    },
  };
}
