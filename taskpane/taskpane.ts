/**
 * Placeholder task pane (issue 4 brings the real one). This page is the add-in's shared
 * runtime: manifest.xml points both the pane and the custom functions at taskpane.html, and
 * webpack injects the taskpane and functions bundles into it, so the functions keep working
 * while the pane is closed and can later share state with it.
 *
 * It must also render in a plain browser with no Office host (and offline, when office.js
 * could not load from the CDN), so nothing here assumes `Office` exists.
 */
import { langFromLocale, type Lang } from "../src/core/messages";

export type PaneState = "loading" | "excel" | "excelNoSharedRuntime" | "noHost";

const TEXT: Record<Lang, Record<PaneState, string>> = {
  es: {
    loading: "Cargando…",
    excel: "Listo. Escriba =CARTERA. en una celda para usar las funciones de cartera.",
    excelNoSharedRuntime: "Esta versión de Excel no admite el tiempo de ejecución compartido (SharedRuntime 1.1): actualice Microsoft 365.",
    noHost: "Abra este panel desde Excel: Inicio > Cartera.",
  },
  en: {
    loading: "Loading…",
    excel: "Ready. Type =CARTERA. in a cell to use the receivables functions.",
    excelNoSharedRuntime: "This Excel does not support the shared runtime (SharedRuntime 1.1): update Microsoft 365.",
    noHost: "Open this pane from Excel: Home > Receivables.",
  },
};

export function paneText(state: PaneState, lang: Lang): string {
  return TEXT[lang][state];
}

function setStatus(state: PaneState, lang: Lang): void {
  const el = typeof document === "undefined" ? null : document.getElementById("status");
  if (el) el.textContent = paneText(state, lang);
}

function browserLang(): Lang {
  return langFromLocale(typeof navigator === "undefined" ? undefined : navigator.language);
}

export async function start(): Promise<PaneState> {
  if (typeof Office === "undefined") {
    setStatus("noHost", browserLang());
    return "noHost";
  }
  const info = await Office.onReady();
  if (info.host !== Office.HostType.Excel) {
    setStatus("noHost", browserLang());
    return "noHost";
  }
  const lang = langFromLocale(Office.context.displayLanguage);
  const state: PaneState = Office.context.requirements.isSetSupported("SharedRuntime", "1.1") ? "excel" : "excelNoSharedRuntime";
  setStatus(state, lang);
  return state;
}

if (typeof document !== "undefined") void start();
