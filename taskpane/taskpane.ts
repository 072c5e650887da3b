/**
 * The task pane. This page is also the add-in's shared runtime: manifest.xml points both the
 * pane and the custom functions at taskpane.html, and webpack injects the taskpane and
 * functions bundles into it, so the functions keep working while the pane is closed.
 *
 * Inside Excel the panels work on the workbook through Office.js (src/office/excelWorkbook.ts).
 * In a plain browser — no Office host, or office.js unreachable (offline, blocked) — the same
 * panels work on a file the user opens (src/workbook/fileWorkbook.ts) and the result
 * downloads. Nothing here assumes `Office` exists, and nothing waits on it for long.
 */
import { dayFromCivil, type CivilDay } from "../src/core/dates";
import { langFromLocale, type Lang } from "../src/core/messages";
import { ExcelWorkbook } from "../src/office/excelWorkbook";
import type { FileIo } from "../src/workbook/fileIo";
import { FileWorkbook } from "../src/workbook/fileWorkbook";
import { WorkerFileIo } from "../src/workbook/workerIo";
import type { WorkbookPort } from "../src/workbook/port";
import { h, saveBytes } from "./dom";
import { translator } from "./i18n";
import { PANELS } from "./panels/index";
import { SettingsStore } from "./settingsStore";
import { tabs } from "./tabs";

export type PaneState = "loading" | "excel" | "excelNoSharedRuntime" | "noHost";

export function paneText(state: PaneState, lang: Lang): string {
  return translator(lang)(`pane.state.${state}`);
}

/** office.js loaded in a plain browser answers onReady with no host; if it never answers, do not hang. */
export const OFFICE_READY_TIMEOUT_MS = 5000;

interface OfficeLike {
  onReady?: () => Promise<{ host: unknown; platform: unknown }>;
  HostType?: { Excel: unknown };
  context?: { displayLanguage?: string; requirements?: { isSetSupported(name: string, version?: string): boolean } };
}

function browserLang(): Lang {
  return langFromLocale(typeof navigator === "undefined" ? undefined : navigator.language);
}

/** Today on the user's clock, as a civil date (the Date is dropped right here). */
function today(): CivilDay {
  const now = new Date();
  return dayFromCivil(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

async function officeHost(office: OfficeLike | undefined): Promise<"excel" | null> {
  if (!office || typeof office.onReady !== "function") return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), OFFICE_READY_TIMEOUT_MS)));
  try {
    const info = await Promise.race([office.onReady(), timeout]);
    return info && office.HostType && info.host === office.HostType.Excel ? "excel" : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

export async function start(): Promise<PaneState> {
  const office = (globalThis as { Office?: OfficeLike }).Office;
  if ((await officeHost(office)) === null) {
    const lang = browserLang();
    if (typeof document !== "undefined") {
      const files = new FileWorkbook({ save: saveBytes, storage: safeLocalStorage(), session: safeSessionStorage(), io: await fileWorkerIo() });
      mount(files, lang, "noHost", files);
    }
    return "noHost";
  }
  const lang = langFromLocale(office!.context?.displayLanguage);
  const state: PaneState = office!.context?.requirements?.isSetSupported("SharedRuntime", "1.1") ? "excel" : "excelNoSharedRuntime";
  // The Excel adapter uses ExcelApi 1.7 (getRangeByIndexes, chart and freeze-pane calls); older
  // builds get a clear notice instead of failures half-way through a run.
  const oldExcel = !office!.context?.requirements?.isSetSupported("ExcelApi", "1.7");
  if (typeof document !== "undefined") mount(new ExcelWorkbook({ lang }), lang, state, undefined, oldExcel);
  return state;
}

/**
 * Files are parsed and result workbooks written in a Web Worker, so the pane stays responsive
 * on 100,000 rows and Cancel can stop a write mid-way. Without workers, the in-thread default.
 */
async function fileWorkerIo(): Promise<FileIo | undefined> {
  if (typeof Worker === "undefined") return undefined;
  try {
    const { createFileWorker } = await import(/* webpackChunkName: "worker-client" */ "./fileWorkerClient");
    return new WorkerFileIo(createFileWorker);
  } catch {
    return undefined;
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    // Some browsers throw on access when storage is disabled.
    return null;
  }
}

/** The mail panels' journal and promises live for the browser session outside Excel. */
function safeSessionStorage(): Storage | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null;
  }
}

function mount(port: WorkbookPort, lang: Lang, state: PaneState, files?: FileWorkbook, oldExcel = false): void {
  const t = translator(lang);
  document.documentElement.lang = t("pane.htmlLang");
  const app = document.getElementById("app") ?? document.body.appendChild(h("main", { id: "app" }));
  const settings = new SettingsStore(port);
  const ctx = { port, t, today: today(), files, settings };
  const panels = PANELS.list().map((def) => ({ def, panel: def.create(ctx) }));
  const header = h("header", { className: "app-header" }, h("h1", {}, t("pane.appTitle")), h("span", { className: "badge", "data-testid": "mode" }, t(port.mode === "excel" ? "pane.mode.excel" : "pane.mode.standalone")));
  const warning = state === "excelNoSharedRuntime" ? paneText(state, lang) : oldExcel ? t("pane.oldExcel") : null;
  app.replaceChildren(
    header,
    warning ? h("p", { className: "message warning", role: "alert" }, warning) : "",
    tabs(
      t("pane.tabs.label"),
      panels.map(({ def, panel }) => ({ id: def.id, label: t(def.labelKey), content: panel.element })),
    ),
  );
  document.body.dataset.mode = port.mode;
  void (async () => {
    await settings.load();
    await Promise.all(panels.map(({ panel }) => panel.init?.()));
  })().finally(() => {
    // The end-to-end test waits for this; it also tells a screen reader the pane is ready.
    document.body.dataset.ready = "true";
  });
}

if (typeof document !== "undefined") void start();
