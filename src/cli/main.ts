import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config-error.js';
import { ServerAccessError } from '../config/server-access-error.js';
import { type Command, type CommandIo, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './command.js';
import { demoCommand } from './commands/demo.js';
import { digestCommand } from './commands/digest.js';
import { importCommand } from './commands/import.js';
import { logsCommand } from './commands/logs.js';
import { silenceCommand } from './commands/silence.js';
import { simulatorCommand } from './commands/simulator.js';
import { startCommand } from './commands/start.js';
import { statusCommand } from './commands/status.js';
import { testNotifyCommand } from './commands/test-notify.js';
import { validateCommand } from './commands/validate.js';
import { waitCommand } from './commands/wait.js';
import { commandHelp, mainHelp } from './help.js';

export const COMMANDS: readonly Command[] = [
  startCommand,
  demoCommand,
  validateCommand,
  statusCommand,
  testNotifyCommand,
  digestCommand,
  silenceCommand,
  importCommand,
  waitCommand,
  logsCommand,
  simulatorCommand,
];

/** Runs `dashwatch <argv>`; returns the exit code. Known failures are one clear line, never a stack. */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(mainHelp(COMMANDS));
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    io.err(`dashwatch: unknown command "${name}" (see dashwatch --help)`);
    return EXIT_USAGE;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
    if (values.help) {
      io.out(commandHelp(command));
      return EXIT_OK;
    }
    return await command.run(
      values as Record<string, string | boolean | string[] | undefined>,
      positionals,
      io,
    );
  } catch (error) {
    return report(error, command, io);
  }
}

function report(error: unknown, command: Command, io: CommandIo): number {
  if (error instanceof ConfigError) {
    io.err(`dashwatch: invalid configuration (${error.source}):`);
    for (const problem of error.problems) io.err(`  ${problem}`);
    return EXIT_USAGE;
  }
  if (error instanceof ServerAccessError) {
    io.err(`dashwatch ${command.name}: ${error.message}`);
    return EXIT_USAGE;
  }
  if (error instanceof UsageError || isParseArgsError(error)) {
    io.err(`dashwatch ${command.name}: ${(error as Error).message} (see dashwatch ${command.name} --help)`);
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`dashwatch ${command.name}: ${message}`);
  return EXIT_FAILURE;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
