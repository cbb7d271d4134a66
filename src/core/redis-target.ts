/** One Redis node's address. */
export interface RedisNode {
  host: string;
  port: number;
}

/**
 * Which Redis dashwatch uses: one server by URL, a master found through Sentinel, or a Cluster.
 * Parsed once from the configuration; `src/redis` turns it into connections.
 */
export type RedisTarget =
  | { mode: 'single'; url: string }
  | {
      mode: 'sentinel';
      sentinels: RedisNode[];
      /** The master's name as the sentinels know it. */
      name: string;
      db: number;
      tls: boolean;
      username?: string;
      password?: string;
      sentinelPassword?: string;
    }
  | { mode: 'cluster'; nodes: RedisNode[]; tls: boolean; username?: string; password?: string };

const SCHEMES = /^(rediss?)(\+(sentinel|cluster))?:\/\/(.*)$/;

/**
 * `redis[s]://…` (as ioredis reads it), `redis[s]+sentinel://[[user]:password@]host:port[,host:port…]/name[/db]`
 * or `redis[s]+cluster://[[user]:password@]host:port[,host:port…]`; a string says what is wrong.
 */
export function parseRedisUrl(url: string): RedisTarget | string {
  const scheme = SCHEMES.exec(url);
  if (scheme === null) return 'must be a redis[s]://, redis[s]+sentinel:// or redis[s]+cluster:// URL';
  const [, base, , topology, rest = ''] = scheme;
  if (topology === undefined) return URL.canParse(url) ? { mode: 'single', url } : 'not a valid URL';
  const tls = base === 'rediss';
  const at = rest.lastIndexOf('@');
  const credentials = at === -1 ? undefined : rest.slice(0, at);
  const [hostList = '', ...path] = rest.slice(at + 1).split('/');
  const nodes = parseNodes(hostList);
  if (typeof nodes === 'string') return nodes;
  const auth = parseCredentials(credentials);
  if (topology === 'cluster') {
    if (path.some((segment) => segment !== ''))
      return 'a cluster URL names no database or master (redis+cluster://host:port,host:port)';
    return { mode: 'cluster', nodes, tls, ...auth };
  }
  const [name = '', db = '0', ...extra] = path;
  if (name === '' || extra.length > 0 || !/^\d+$/.test(db))
    return 'a sentinel URL ends with the master name and an optional db (redis+sentinel://host:26379/mymaster/0)';
  return { mode: 'sentinel', sentinels: nodes, name: decodeURIComponent(name), db: Number(db), tls, ...auth };
}

function parseNodes(list: string): RedisNode[] | string {
  const nodes: RedisNode[] = [];
  for (const item of list.split(',')) {
    const match = /^(\[[^\]]+\]|[^:[\]]+):(\d{1,5})$/.exec(item.trim());
    const port = Number(match?.[2]);
    if (match === null || port < 1 || port > 65535)
      return `"${item}" is not host:port (list the nodes as host:port,host:port)`;
    nodes.push({ host: (match[1] as string).replace(/^\[|\]$/g, ''), port });
  }
  return nodes;
}

function parseCredentials(credentials: string | undefined): { username?: string; password?: string } {
  if (credentials === undefined) return {};
  const colon = credentials.indexOf(':');
  const username = decodeURIComponent(colon === -1 ? credentials : credentials.slice(0, colon));
  const password = colon === -1 ? '' : decodeURIComponent(credentials.slice(colon + 1));
  return { ...(username === '' ? {} : { username }), ...(password === '' ? {} : { password }) };
}

/** Where the target is, for messages and logs: never a password. */
export function describeRedisTarget(target: RedisTarget): string {
  const list = (nodes: RedisNode[]) => nodes.map((node) => `${node.host}:${node.port}`).join(',');
  switch (target.mode) {
    case 'single':
      try {
        const parsed = new URL(target.url);
        return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
      } catch {
        return 'the configured Redis';
      }
    case 'sentinel':
      return `master "${target.name}" of the sentinels at ${list(target.sentinels)}`;
    case 'cluster':
      return `the cluster at ${list(target.nodes)}`;
  }
}

/** The passwords a target holds, to keep out of logs and output. */
export function redisTargetSecrets(target: RedisTarget): string[] {
  if (target.mode === 'single') {
    const password = URL.canParse(target.url) ? new URL(target.url).password : '';
    return password === '' ? [] : [password, decodeURIComponent(password)];
  }
  return [target.password, target.mode === 'sentinel' ? target.sentinelPassword : undefined]
    .filter((value): value is string => value !== undefined && value !== '')
    .flatMap((value) => [value, encodeURIComponent(value)]);
}
