import { kindOf } from '../kinds/registry.js';

interface Problem {
  path: (string | number)[];
  message: string;
}

// The checks also run when other keys are wrong, so that every problem is reported in one go: they
// read the configuration defensively, and skip what is not there or has the wrong shape.
const mapping = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** What a schema cannot see key by key: names that must refer to something defined elsewhere. */
export function crossReferenceProblems(value: unknown): Problem[] {
  const config = mapping(value);
  const channels = mapping(config.channels);
  const digests = mapping(config.digests);
  const problems: Problem[] = [];
  const seen = new Set<string>();
  list(config.accounts).forEach((item, index) => {
    const account = mapping(item);
    if (typeof account.name === 'string') {
      if (seen.has(account.name))
        problems.push({ path: ['accounts', index, 'name'], message: `duplicate account "${account.name}"` });
      seen.add(account.name);
    }
    const kinds = list(account.kinds);
    for (const kind of kinds) {
      const descriptor = typeof kind === 'string' ? kindOf(kind) : undefined;
      const through = descriptor?.readsThrough;
      if (descriptor === undefined || through === undefined || kinds.includes(through)) continue;
      const plural = (label: string) => `${label.toLowerCase()}s`;
      problems.push({
        path: ['accounts', index, 'kinds'],
        message: `${kind} needs ${through} too (${plural(descriptor.label)} are found through their ${plural(kindOf(through)?.label ?? through)})`,
      });
    }
  });
  list(config.routes).forEach((item, index) => {
    const route = mapping(item);
    list(route.channels).forEach((name, at) => {
      if (typeof name === 'string' && !Object.hasOwn(channels, name))
        problems.push({ path: ['routes', index, 'channels', at], message: `no channel named "${name}"` });
    });
    list(route.digests).forEach((name, at) => {
      if (typeof name === 'string' && !Object.hasOwn(digests, name))
        problems.push({ path: ['routes', index, 'digests', at], message: `no digest named "${name}"` });
    });
    list(mapping(route.match).accounts).forEach((name, at) => {
      if (typeof name === 'string' && !seen.has(name)) {
        problems.push({
          path: ['routes', index, 'match', 'accounts', at],
          message: `no account named "${name}"`,
        });
      }
    });
  });
  for (const [name, digest] of Object.entries(digests)) {
    const channelName = mapping(digest).channel;
    if (typeof channelName !== 'string') continue;
    if (!Object.hasOwn(channels, channelName)) {
      problems.push({ path: ['digests', name, 'channel'], message: `no channel named "${channelName}"` });
    }
  }
  return problems;
}
