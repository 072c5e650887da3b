/**
 * Starts the standalone pane's file worker (src/workbook/fileWorker.ts). webpack sees
 * `new Worker(new URL(…, import.meta.url))` and bundles the worker with its own dependencies
 * (exceljs, papaparse). Loaded with a dynamic import from taskpane.ts only in a browser, so
 * Node (jest) never evaluates `import.meta`.
 */
export function createFileWorker(): Worker {
  // @ts-expect-error: import.meta is for webpack, which bundles the worker; tsc checks this tree as CommonJS.
  return new Worker(/* webpackChunkName: "worker" */ new URL("../src/workbook/fileWorker.ts", import.meta.url));
}
