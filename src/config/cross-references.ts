import type { ConfigInput } from './schema.js';

interface Problem {
  path: (string | number)[];
  message: string;
}

/** What a schema cannot see key by key: names that must refer to something defined elsewhere. */
export function crossReferenceProblems(config: ConfigInput): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  config.accounts.forEach((account, index) => {
    if (seen.has(account.name))
      problems.push({ path: ['accounts', index, 'name'], message: `duplicate account "${account.name}"` });
    seen.add(account.name);
    if (account.kinds.includes('checkpoint') && !account.kinds.includes('fine_tune')) {
      problems.push({
        path: ['accounts', index, 'kinds'],
        message: 'checkpoint needs fine_tune too (checkpoints are found through their fine-tunes)',
      });
    }
  });
  (config.routes ?? []).forEach((route, index) => {
    route.channels.forEach((name, at) => {
      if (!(name in config.channels)) {
        problems.push({ path: ['routes', index, 'channels', at], message: `no channel named "${name}"` });
      }
    });
    route.digests.forEach((name, at) => {
      if (!(name in config.digests)) {
        problems.push({ path: ['routes', index, 'digests', at], message: `no digest named "${name}"` });
      }
    });
    (route.match.accounts ?? []).forEach((name, at) => {
      if (!seen.has(name)) {
        problems.push({
          path: ['routes', index, 'match', 'accounts', at],
          message: `no account named "${name}"`,
        });
      }
    });
  });
  for (const [name, digest] of Object.entries(config.digests)) {
    const channel = config.channels[digest.channel];
    if (channel === undefined) {
      problems.push({ path: ['digests', name, 'channel'], message: `no channel named "${digest.channel}"` });
    } else if (channel.type !== 'email') {
      problems.push({
        path: ['digests', name, 'channel'],
        message: `"${digest.channel}" is not an email channel`,
      });
    }
  }
  return problems;
}
