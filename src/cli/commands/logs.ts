import { type Command, EXIT_OK, UsageError } from '../command.js';
import {
  ACCOUNT_HELP,
  ACCOUNT_OPTIONS,
  onePositional,
  WAIT_HELP,
  WAIT_OPTIONS,
  waitTimes,
} from '../jobs/options.js';

export const logsCommand: Command = {
  name: 'logs',
  summary: 'print a fine-tune’s log; --follow prints new lines until it ends (exit codes as wait)',
  usage:
    'logs FINE_TUNE_ID [--tail N] [--follow [--timeout DURATION] [--interval DURATION]] [--account NAME] [--config FILE]',
  options: {
    ...ACCOUNT_OPTIONS,
    ...WAIT_OPTIONS,
    tail: { type: 'string', short: 'n' },
    follow: { type: 'boolean', short: 'f' },
  },
  optionHelp: {
    ...ACCOUNT_HELP,
    ...WAIT_HELP,
    tail: 'only the last N lines (default: the whole log)',
    follow: 'keep printing new lines until the job ends; its outcome goes to stderr',
  },
  allowPositionals: true,
  async run(values, positionals, io) {
    const id = onePositional(positionals, 'fine-tune id');
    const tail = tailOption(values.tail);
    const follow = values.follow === true;
    if (!follow && (values.timeout !== undefined || values.interval !== undefined))
      throw new UsageError('--timeout and --interval go with --follow');
    const times = waitTimes(values);
    const [
      { kindsForId },
      { withAccount },
      { runWait },
      { readLogsFrom, tailOffset },
      { scrubSecrets },
      { printable },
    ] = await Promise.all([
      import('../../kinds/index.js'),
      import('../jobs/with-account.js'),
      import('../jobs/run-wait.js'),
      import('../../jobs/index.js'),
      import('../../core/secrets.js'),
      import('../printable.js'),
    ]);
    if (!kindsForId(id).includes('fine_tune'))
      throw new UsageError(`"${id}" is not a fine-tune id (ft-…): only fine-tunes have logs`);
    return withAccount('logs', values, io, async (account) => {
      // Log text is the job's own: kept as written, but it may not drive the terminal or show a key.
      const print = (lines: string[]) => {
        for (const line of lines) io.out(printable(scrubSecrets(line)));
      };
      let offset = tail === undefined ? 0 : await tailOffset(account.client, id, tail);
      if (!follow) {
        await readLogsFrom(account.client, id, offset, print);
        return EXIT_OK;
      }
      return runWait(
        account,
        {
          kind: 'fine_tune',
          id,
          ...times,
          json: false,
          progress: 'err',
          afterRead: async (_job, signal) => {
            offset = await readLogsFrom(account.client, id, offset, print, signal);
          },
        },
        io,
      );
    });
  },
};

function tailOption(raw: unknown): number | undefined {
  if (typeof raw !== 'string') return undefined;
  if (!/^\d{1,7}$/.test(raw.trim()) || Number(raw) < 1)
    throw new UsageError(`--tail: not a number of lines: "${raw}"`);
  return Number(raw);
}
