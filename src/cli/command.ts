/**
 * The shape every `parley` sub-command has. main.ts dispatches on `name`
 * (one or two words, e.g. "serve", "tenant create", "mail inspect").
 */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

export interface CliCommand {
  /** Words that select the command: "serve", "user create", "mail inspect". */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full help text printed for `--help`. */
  help: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** A usage error: main prints the message and the command's help, and exits 64 (EX_USAGE). */
export class UsageError extends Error {}

/** Exit codes from sysexits.h, which MTAs and shells understand. */
export const EXIT = { ok: 0, failure: 1, usage: 64, dataErr: 65, unavailable: 69, software: 70, tempFail: 75 } as const;
