import { type Command, EXIT_OK, UsageError } from '../command.js';
import { ACCOUNT_HELP, ACCOUNT_OPTIONS, WAIT_HELP, WAIT_OPTIONS, waitTimes } from '../jobs/options.js';

export const importCommand: Command = {
  name: 'import',
  summary: 'import create: import model weights from OSS; --wait then waits like wait',
  usage:
    'import create --model NAME --bucket BUCKET --object-key PREFIX/ --weight-type lora|full [--display-name TEXT] [--source oss] [--wait [--timeout DURATION] [--interval DURATION]] [--json] [--account NAME] [--config FILE]',
  options: {
    ...ACCOUNT_OPTIONS,
    ...WAIT_OPTIONS,
    model: { type: 'string' },
    bucket: { type: 'string' },
    'object-key': { type: 'string' },
    'weight-type': { type: 'string' },
    'display-name': { type: 'string' },
    source: { type: 'string' },
    wait: { type: 'boolean', short: 'w' },
    json: { type: 'boolean' },
  },
  optionHelp: {
    ...ACCOUNT_HELP,
    ...WAIT_HELP,
    model: 'the base model the weights were trained from (e.g. qwen3-32b)',
    bucket: 'the OSS bucket holding the weights',
    'object-key': 'the weights’ path prefix in the bucket, ending in /',
    'weight-type': 'lora or full',
    'display-name': 'the model’s name in the console, at most 50 characters (default: the base model’s)',
    source: 'where the weights are: oss (the only one so far)',
    wait: 'then wait until the import ends: exit 0 SUCCEEDED, 3 FAILED, 5 timed out',
    json: 'print JSON: the created job, or with --wait the outcome',
  },
  allowPositionals: true,
  async run(values, positionals, io) {
    const [sub, ...extra] = positionals;
    if (sub !== 'create' || extra.length > 0)
      throw new UsageError(
        sub === undefined || sub === 'create'
          ? 'usage: import create --model …'
          : `unknown subcommand "${sub}" (only create)`,
      );
    const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
    const { importBody } = await import('../../jobs/import-request.js');
    const checked = importBody({
      model: text('model'),
      bucket: text('bucket'),
      objectKey: text('object-key'),
      weightType: text('weight-type'),
      displayName: text('display-name'),
      source: text('source'),
    });
    if ('problem' in checked) throw new UsageError(checked.problem);
    const wait = values.wait === true;
    if (!wait && (values.timeout !== undefined || values.interval !== undefined))
      throw new UsageError('--timeout and --interval go with --wait');
    const times = waitTimes(values);
    const json = values.json === true;
    const [{ withAccount }, { runWait }, { createImport }, { printable }] = await Promise.all([
      import('../jobs/with-account.js'),
      import('../jobs/run-wait.js'),
      import('../../jobs/index.js'),
      import('../printable.js'),
    ]);
    return withAccount('import create', values, io, async (account) => {
      const { job, requestId } = await createImport(account.client, checked.body, {
        account: account.name,
        timeZone: account.timeZone,
        logger: account.logger,
      });
      if (json && !wait) {
        io.out(JSON.stringify({ job, requestId: requestId ?? null }, null, 2));
        return EXIT_OK;
      }
      if (!json) {
        io.out(`job_id: ${job.id}`);
        io.out(`model_name: ${printable(job.model ?? '')}`);
      }
      if (!wait) return EXIT_OK;
      return runWait(account, { kind: 'model_import', id: job.id, ...times, json }, io);
    });
  },
};
