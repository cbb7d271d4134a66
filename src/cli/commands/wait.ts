import type { Command } from '../command.js';
import {
  ACCOUNT_HELP,
  ACCOUNT_OPTIONS,
  onePositional,
  WAIT_HELP,
  WAIT_OPTIONS,
  waitTimes,
} from '../jobs/options.js';

export const waitCommand: Command = {
  name: 'wait',
  summary: 'wait until a job ends; exit 0 SUCCEEDED, 3 FAILED, 4 CANCELED, 5 timed out',
  usage:
    'wait JOB_ID [--kind KIND] [--timeout DURATION] [--interval DURATION] [--json] [--account NAME] [--config FILE]',
  options: {
    ...ACCOUNT_OPTIONS,
    ...WAIT_OPTIONS,
    kind: { type: 'string', short: 'k' },
    json: { type: 'boolean' },
  },
  optionHelp: {
    ...ACCOUNT_HELP,
    ...WAIT_HELP,
    kind: 'fine_tune, model_import, compression or checkpoint (default: from the id: ft-…, a UUID, quant-…, …:checkpoint-…)',
    json: 'print only the outcome, as JSON, when the wait is over',
  },
  allowPositionals: true,
  async run(values, positionals, io) {
    const id = onePositional(positionals, 'job id');
    const times = waitTimes(values);
    const [{ kindOfJob }, { withAccount }, { runWait }] = await Promise.all([
      import('../jobs/job-kind.js'),
      import('../jobs/with-account.js'),
      import('../jobs/run-wait.js'),
    ]);
    const kind = kindOfJob(id, values.kind);
    return withAccount('wait', values, io, (account) =>
      runWait(account, { kind, id, ...times, json: values.json === true }, io),
    );
  },
};
