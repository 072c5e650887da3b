import { agingCli } from "./aging";
import { reconcileCli } from "./reconcile";
import { creditCli } from "./credit";
import type { Command } from "./common";
import { loginCli, minutesCli, statementsCli } from "./statements";

/**
 * Every `cartera` command, by the word that calls it. A new job adds its command here and its
 * line to the main help (`cli.help.main` in the catalogue).
 */
export const COMMANDS: Record<string, Command> = {
  aging: agingCli,

  reconcile: reconcileCli, // deliveries, statement (payments: issue 10)

  credit: creditCli,

  // statements, minutes: src/cli/statements.ts
  statements: statementsCli(),
  minutes: minutesCli(),
  login: loginCli(),
};
