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
    if (kinds.includes('checkpoint') && !kinds.includes('fine_tune')) {
      problems.push({
        path: ['accounts', index, 'kinds'],
        message: 'checkpoint needs fine_tune too (checkpoints are found through their fine-tunes)',
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
    } else if (mapping(channels[channelName]).type !== 'email') {
      problems.push({
        path: ['digests', name, 'channel'],
        message: `"${channelName}" is not an email channel`,
      });
    }
  }
  return problems;
}
