/**
 * A stand-in for the `CustomFunctions` global Excel provides (jest has no Office runtime), so
 * tests check that functions throw the very error class Excel expects, with its code and
 * message. Import it before the functions under test.
 */
import { configureHost } from "../../functions/host";
import { dayFromCivil, parseIsoDate, serialFromDay } from "../../src/core/dates";

export class FakeExcelError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
  Error: FakeExcelError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!", divisionByZero: "#DIV/0!" },
  associate: () => undefined,
};

/** The Excel serial of an ISO date (1900 date system). */
export function serial(iso: string): number {
  const day = parseIsoDate(iso);
  if (day === null) throw new Error(`bad test date ${iso}`);
  return serialFromDay(day);
}

/** Runs `fn`, expecting it to throw an Excel error with `code` (and a message matching `message`). */
export function excelError(fn: () => unknown): FakeExcelError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FakeExcelError) return e;
    throw new Error(`expected a CustomFunctions.Error, got ${String(e)}`);
  }
  throw new Error("expected an error, got a value");
}

/** Fixes the language and today's date (2026-10-31 unless given). */
export function useHost(lang: "es" | "en", today = dayFromCivil(2026, 10, 31)): void {
  configureHost({ lang, today });
}
