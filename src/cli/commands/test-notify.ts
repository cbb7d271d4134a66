import type { JobEvent } from '../../core/types.js';
import type { Command } from '../command.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../command.js';
import { CONFIG_HELP, CONFIG_OPTION, configFor } from '../load-config.js';

/** A sample that exercises every part of a message: an output model, usage, a duration. */
function sampleEvent(now: Date): JobEvent {
  const created = new Date(now.getTime() - 42 * 60_000).toISOString();
  return {
    id: `test-notify-${now.getTime()}`,
    type: 'transition',
    from: 'RUNNING',
    to: 'SUCCEEDED',
    detectedAt: now.toISOString(),
    job: {
      kind: 'fine_tune',
      account: 'dashwatch-test',
      id: 'ft-000000000000-test',
      status: 'SUCCEEDED',
      rawStatus: 'SUCCEEDED',
      name: 'dashwatch test notification',
      model: 'qwen3-14b',
      baseModel: 'qwen3-14b',
      output: 'qwen3-14b-ft-000000000000-test',
      createdAt: created,
      endedAt: now.toISOString(),
      usage: 279808,
    },
  };
}

export const testNotifyCommand: Command = {
  name: 'test-notify',
  summary: 'send a sample message through a configured channel',
  usage: 'test-notify <channel> [--config FILE]',
  options: { ...CONFIG_OPTION },
  optionHelp: { ...CONFIG_HELP },
  allowPositionals: true,
  async run(values, positionals, io) {
    const [name, ...extra] = positionals;
    if (name === undefined || extra.length > 0) throw new UsageError('name exactly one channel');
    const { config } = await configFor(values, io);
    const channel = config.channels[name];
    if (channel === undefined) {
      const known = Object.keys(config.channels);
      throw new UsageError(`no channel named "${name}" (configured: ${known.join(', ') || 'none'})`);
    }
    const [{ createLogger }, { createChannel, NotifyError }] = await Promise.all([
      import('../../core/logger.js'),
      import('../../notifiers/index.js'),
    ]);
    const notifier = createChannel(name, channel, {
      logger: createLogger({ level: 'silent' }),
      locale: config.locale,
    });
    try {
      await notifier.send([sampleEvent(new Date())], AbortSignal.timeout(30_000));
      io.out(`sent a sample message to ${channel.type} channel "${name}"`);
      return EXIT_OK;
    } catch (error) {
      // NotifyError messages name the channel and the failure, never the webhook URL or password.
      const message = error instanceof NotifyError ? error.message : 'unexpected failure';
      io.err(`dashwatch test-notify: ${message}`);
      return EXIT_FAILURE;
    } finally {
      await notifier.close();
    }
  },
};
