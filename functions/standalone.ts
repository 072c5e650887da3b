/**
 * Runs before functions.ts in the functions bundle. The custom-functions-metadata plugin
 * appends `CustomFunctions.associate(...)` calls to functions.ts; inside Excel, office.js has
 * defined `CustomFunctions` by then. Opened in a plain browser (no Office host, or office.js
 * unreachable), that global is missing and the bundle would stop with a ReferenceError, so a
 * no-op stand-in lets the page load. It is never installed when the real one exists.
 */
const host = globalThis as { CustomFunctions?: unknown };
if (host.CustomFunctions === undefined) {
  host.CustomFunctions = { associate: () => undefined };
}

export {};
