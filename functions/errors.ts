/**
 * Errors the CARTERA.* functions return. Inside Excel they must be
 * `CustomFunctions.Error` instances; anything else thrown shows as a bare #VALUE! with no
 * explanation. Code here throws FunctionError and `toHostError` converts it at the boundary,
 * so the rest of the code (and the tests, the bench, the sample script) needs no Office global.
 */

/** The three answers a function gives when it cannot return a value (Excel's own strings). */
export type ErrorKind = "#VALUE!" | "#N/A" | "#NUM!";

export class FunctionError extends Error {
  constructor(
    readonly code: ErrorKind,
    message?: string,
  ) {
    super(message ?? code);
    this.name = "FunctionError";
  }
}

interface CustomFunctionsLike {
  Error?: new (code: never, message?: string) => object;
  ErrorCode?: Record<string, string>;
}

const CODE_NAMES: Record<ErrorKind, string> = {
  "#VALUE!": "invalidValue",
  "#N/A": "notAvailable",
  "#NUM!": "invalidNumber",
};

/**
 * Converts whatever was thrown into the error Excel should show. Excel displays a message only
 * for #VALUE! and #N/A, so #NUM! goes without one. Unexpected exceptions become #VALUE! with
 * their message rather than escaping as something Excel cannot show.
 */
export function toHostError(e: unknown): object {
  const fe = e instanceof FunctionError ? e : new FunctionError("#VALUE!", e instanceof Error ? e.message : String(e));
  const cf = (globalThis as unknown as { CustomFunctions?: CustomFunctionsLike }).CustomFunctions;
  if (!cf || typeof cf.Error !== "function") return fe;
  const code = (cf.ErrorCode?.[CODE_NAMES[fe.code]] ?? fe.code) as never;
  return fe.code === "#NUM!" ? new cf.Error(code) : new cf.Error(code, fe.message);
}
