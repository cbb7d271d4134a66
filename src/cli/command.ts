import type { ParseArgsConfig } from 'node:util';
import { DashwatchError } from '../core/errors.js';

/** Exit codes every command keeps to. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** `wait`, `logs --follow` and `import create --wait`: how the job ended, or that the wait did not see it end. */
export const EXIT_JOB_FAILED = 3;
export const EXIT_JOB_CANCELED = 4;
export const EXIT_TIMED_OUT = 5;

/** Bad usage: printed as one line with a pointer to `--help`, exit 2. */
export class UsageError extends DashwatchError {
  override readonly name = 'UsageError';

  constructor(message: string) {
    super(message, { code: 'Usage', retryable: false });
  }
}

export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  /** Set when stdout is a terminal: live progress rewrites one line there. */
  tty?: Terminal;
}

/** A terminal on stdout. */
export interface Terminal {
  /** Text as is, no newline added. */
  write(text: string): void;
  /** Its width now (it may be resized). */
  columns(): number;
}

/** One `dashwatch <name>` subcommand. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Usage lines shown by `--help`, after `dashwatch <name>`. */
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** Help for each option, by name. */
  readonly optionHelp: Record<string, string>;
  readonly allowPositionals?: boolean;
  run(
    values: Record<string, string | boolean | string[] | undefined>,
    positionals: string[],
    io: CommandIo,
  ): Promise<number>;
}
