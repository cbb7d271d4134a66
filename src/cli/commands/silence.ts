import { formatDuration, parseDuration } from '../../core/duration.js';
import type { Silence, SilenceKey, SilenceStore } from '../../store/index.js';
import type { Command, CommandIo } from '../command.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../command.js';
import { CONFIG_HELP, CONFIG_OPTION, configFor } from '../load-config.js';
import { printable } from '../printable.js';

/** Keys a matcher may name; kept here too so that `--help` and bad usage load no store code. */
const KEYS: readonly SilenceKey[] = ['account', 'kind', 'name', 'model', 'id', 'status', 'type'];

export const silenceCommand: Command = {
  name: 'silence',
  summary: 'keep matching events from chat and mail for a while (digests still list them)',
  usage: [
    'silence add --match KEY=GLOB [--match KEY=GLOB …] --for DURATION [--comment TEXT]',
    '  dashwatch silence list [--json]',
    '  dashwatch silence expire ID',
  ].join('\n'),
  options: {
    ...CONFIG_OPTION,
    match: { type: 'string', multiple: true },
    for: { type: 'string' },
    comment: { type: 'string' },
    json: { type: 'boolean' },
  },
  optionHelp: {
    ...CONFIG_HELP,
    match: `KEY=GLOB, KEY one of ${KEYS.join(', ')} (status: the new status); every one must match`,
    for: 'how long the silence lasts (30m, 4h, 2d)',
    comment: 'why, for whoever lists it',
    json: 'list as JSON',
  },
  allowPositionals: true,
  async run(values, positionals, io) {
    const [action, ...rest] = positionals;
    if (action === 'add' && rest.length === 0) return add(values, io);
    if (action === 'list' && rest.length === 0) return list(values, io);
    if (action === 'expire' && rest.length === 1) return expire(values, rest[0] as string, io);
    throw new UsageError('say add, list, or expire ID');
  },
};

type Values = Parameters<Command['run']>[0];

async function add(values: Values, io: CommandIo): Promise<number> {
  const matchers: Record<string, string> = {};
  for (const match of (values.match as string[] | undefined) ?? []) {
    const at = match.indexOf('=');
    const key = match.slice(0, at);
    if (at < 1 || !KEYS.includes(key as SilenceKey) || at === match.length - 1)
      throw new UsageError(`--match ${match}: expected KEY=GLOB, KEY one of ${KEYS.join(', ')}`);
    matchers[key] = match.slice(at + 1);
  }
  if (Object.keys(matchers).length === 0) throw new UsageError('add at least one --match KEY=GLOB');
  const forMs = typeof values.for === 'string' ? parseDuration(values.for) : undefined;
  if (forMs === undefined || forMs <= 0) throw new UsageError('--for DURATION is required (e.g. 2h)');
  const comment = typeof values.comment === 'string' ? values.comment : undefined;
  return withStore(values, io, async (store) => {
    const silence = await store.add({ matchers, forMs, ...(comment === undefined ? {} : { comment }) });
    io.out(silence.id);
    return EXIT_OK;
  });
}

async function list(values: Values, io: CommandIo): Promise<number> {
  return withStore(values, io, async (store) => {
    const silences = await store.active();
    if (values.json) io.out(JSON.stringify(silences, null, 2));
    else if (silences.length === 0) io.out('no active silences');
    else for (const silence of silences) io.out(silenceLine(silence));
    return EXIT_OK;
  });
}

async function expire(values: Values, id: string, io: CommandIo): Promise<number> {
  return withStore(values, io, async (store) => {
    if (await store.expire(id)) {
      io.out(`silence ${id} expired`);
      return EXIT_OK;
    }
    io.err(`dashwatch silence: no active silence ${printable(id)}`);
    return EXIT_FAILURE;
  });
}

/** `3f9a01c2  kind=fine_tune status=FAILED  ends in 1h59m (2026-…Z)  — comment`. */
export function silenceLine(silence: Silence, now = Date.now()): string {
  const matchers = Object.entries(silence.matchers)
    .map(([key, glob]) => `${key}=${printable(glob)}`)
    .join(' ');
  const left = formatDuration(Math.max(0, Date.parse(silence.endsAt) - now));
  const comment = silence.comment === undefined ? '' : `  — ${printable(silence.comment)}`;
  return `${silence.id}  ${matchers}  ends in ${left} (${silence.endsAt})${comment}`;
}

async function withStore(
  values: Values,
  io: CommandIo,
  work: (store: SilenceStore) => Promise<number>,
): Promise<number> {
  const { config } = await configFor(values, io);
  const [{ connectRedis }, { SilenceStore }] = await Promise.all([
    import('../../redis/connect-once.js'),
    import('../../store/index.js'),
  ]);
  const redis = await connectRedis(config.redis.target);
  try {
    return await work(new SilenceStore(redis, config.redis.prefix));
  } finally {
    redis.disconnect();
  }
}
