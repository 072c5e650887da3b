/** Wrong command-line usage: exit code 2 with the command's help hint. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface Io {
  out(line: string): void;
  err(line: string): void;
}
