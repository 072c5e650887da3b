/**
 * The mail panels' code arrives in chunks, when first needed, so the pane's first screen
 * (and the Aging panel) loads no faster or slower for them: the lists and journal model
 * (small), the runtime (templates, PDFs, Graph: large), and MSAL (only for signing in).
 */
type Lists = typeof import("./lists");
type Runtime = typeof import("./runtime");
type Msal = typeof import("./msal");

let lists: Promise<Lists> | null = null;
let runtime: Promise<Runtime> | null = null;
let msal: Promise<Msal> | null = null;

function retryable<T>(load: () => Promise<T>, reset: () => void): Promise<T> {
  // A chunk that failed to load (offline for a moment) is asked for again next time.
  return load().catch((e) => {
    reset();
    throw e;
  });
}

export function loadLists(): Promise<Lists> {
  return (lists ??= retryable(() => import(/* webpackChunkName: "mail-lists" */ "./lists"), () => (lists = null)));
}

export function loadRuntime(): Promise<Runtime> {
  return (runtime ??= retryable(() => import(/* webpackChunkName: "mail" */ "./runtime"), () => (runtime = null)));
}

export function loadMsal(): Promise<Msal> {
  return (msal ??= retryable(() => import(/* webpackChunkName: "msal" */ "./msal"), () => (msal = null)));
}
