import type { Command } from '../command.js';
import { EXIT_OK, UsageError } from '../command.js';
import { CONFIG_HELP, CONFIG_OPTION, configFor } from '../load-config.js';

export const digestCommand: Command = {
  name: 'digest',
  summary: 'send a digest now: everything since the last one sent',
  usage: 'digest <name> --now [--config FILE]',
  options: { ...CONFIG_OPTION, now: { type: 'boolean' } },
  optionHelp: { ...CONFIG_HELP, now: 'send it now (required: scheduled digests are sent by the daemon)' },
  allowPositionals: true,
  async run(values, positionals, io) {
    const [name, ...extra] = positionals;
    if (name === undefined || extra.length > 0) throw new UsageError('name exactly one digest');
    if (!values.now) throw new UsageError('add --now to send it now');
    const { config } = await configFor(values, io);
    if (config.digests[name] === undefined) {
      const known = Object.keys(config.digests);
      throw new UsageError(`no digest named "${name}" (configured: ${known.join(', ') || 'none'})`);
    }
    // Logs go to stderr: stdout carries the command's one-line result, which scripts read.
    const [{ commandLogger }, { sendDigestNow }, { connectRedis }] = await Promise.all([
      import('../logger.js'),
      import('../../delivery/index.js'),
      import('../../redis/connect-once.js'),
    ]);
    const logger = commandLogger(io.env, 'warn', process.stderr);
    const redis = await connectRedis(config.redis.target);
    try {
      const outcome = await sendDigestNow(config, redis, name, logger, AbortSignal.timeout(60_000));
      io.out(
        'events' in outcome ? `digest "${name}" sent (${outcome.events} events)` : `digest "${name}" skipped`,
      );
      return EXIT_OK;
    } finally {
      redis.disconnect();
    }
  },
};
