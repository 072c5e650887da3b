import { agingCli } from "./aging";
import { creditCli } from "./credit";
import type { Command } from "./common";

/**
 * Every `cartera` command, by the word that calls it. A new job adds its command here and its
 * line to the main help (`cli.help.main` in the catalogue).
 */
export const COMMANDS: Record<string, Command> = {
  aging: agingCli,

  // reconcile (deliveries, statement, payments): src/cli/reconcile.ts

  credit: creditCli,

  // statements, minutes: src/cli/statements.ts
};
