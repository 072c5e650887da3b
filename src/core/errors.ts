import { describe, type Lang, type Problem } from "./messages";

/** Bad input the user can fix: carries a translatable problem, never a stack trace for the user. */
export class InputError extends Error {
  constructor(readonly problem: Problem) {
    super(describe(problem, "en"));
    this.name = "InputError";
  }
  describe(lang: Lang): string {
    return describe(this.problem, lang);
  }
}
