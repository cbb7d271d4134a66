import { randomUUID } from 'node:crypto';
import { createLogger } from '../../core/logger.js';
import { buildChannels } from '../../delivery/channels.js';
import { digestDeps } from '../../delivery/digest-deps.js';
import { sendDigest } from '../../delivery/digest-worker.js';
import { connectRedis } from '../../redis/connect-once.js';
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
    const { config } = configFor(values, io);
    if (config.digests[name] === undefined) {
      const known = Object.keys(config.digests);
      throw new UsageError(`no digest named "${name}" (configured: ${known.join(', ') || 'none'})`);
    }
    // Logs go to stderr: stdout carries the command's one-line result, which scripts read.
    const logger = createLogger({ level: io.env.LOG_LEVEL ?? 'warn', destination: process.stderr });
    const redis = await connectRedis(config.redis.url);
    const { channels, mailers } = buildChannels(config, logger);
    const deps = digestDeps(config, redis, mailers, logger);
    const owner = `manual-${randomUUID()}`;
    try {
      const outcome = await sendDigest(deps, name, owner, {
        force: true,
        signal: AbortSignal.timeout(60_000),
      }).catch(async (error: unknown) => {
        // No retry follows a one-off send: let go of the window so the scheduled digest can send it.
        await deps.buffer.release(name, owner);
        throw error;
      });
      io.out(
        'events' in outcome ? `digest "${name}" sent (${outcome.events} events)` : `digest "${name}" skipped`,
      );
      return EXIT_OK;
    } finally {
      await Promise.all([...channels.values()].map((channel) => channel.notifier.close?.()));
      redis.disconnect();
    }
  },
};
