import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { Redis } from 'ioredis';
import { DEFAULT_REDIS_URL, ensureRedis } from '../src/dev/ephemeral-redis.js';
import { deleteKeysWithPrefix } from '../src/redis/delete-prefix.js';

/** A Redis for one benchmark run: its own key prefix, deleted by `cleanup` (and a server it started, stopped). */
export interface BenchRedis {
  url: string;
  prefix: string;
  client: Redis;
  /** Another prefix of the same run (several independent setups in one run); cleaned up too. */
  subPrefix(label: string): string;
  cleanup(): Promise<void>;
}

/**
 * `REDIS_URL` (default 127.0.0.1:6379), or with `privateServer` a throwaway `redis-server` of this run's
 * own, so that `INFO commandstats` counts nobody else's commands.
 */
export async function benchRedis(label: string, privateServer = false): Promise<BenchRedis> {
  // Port 1 never answers, so ensureRedis starts a server on a free port.
  const url = privateServer ? 'redis://127.0.0.1:1' : (process.env.REDIS_URL ?? DEFAULT_REDIS_URL);
  const available = await ensureRedis(url);
  const prefix = `dwbench:${label}:${randomUUID().slice(0, 8)}`;
  const client = new Redis(available.url, { maxRetriesPerRequest: null });
  return {
    url: available.url,
    prefix,
    client,
    subPrefix: (sub) => `${prefix}:${sub}`,
    async cleanup() {
      await deleteKeysWithPrefix(client, prefix);
      await client.quit();
      await available.stop();
    },
  };
}

/** The lines every benchmark starts with, so figures can be compared across machines. */
export async function machineHeader(redis: Redis, title: string): Promise<string> {
  const server = await redis.info('server');
  const version = /redis_version:(\S+)/.exec(server)?.[1] ?? 'unknown';
  const cpu = cpus();
  const command = ['node', '--import', 'tsx', ...process.argv.slice(1).map(relative)].join(' ');
  // Other clients' commands land in the server-wide counts: say so.
  const others =
    String(await redis.client('LIST'))
      .trim()
      .split('\n').length - 1;
  return [
    `# ${title}`,
    '',
    `- machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores`,
    `- Node ${process.version}, Redis ${version}`,
    `- command: \`${command}\``,
    `- date: ${new Date().toISOString()}`,
    `- other Redis clients connected at start: ${others}${others > 0 ? ' (server-wide counts include their commands; --private-redis avoids that)' : ''}`,
    '',
  ].join('\n');
}

function relative(arg: string): string {
  const cwd = `${process.cwd()}/`;
  return arg.startsWith(cwd) ? arg.slice(cwd.length) : arg;
}

/**
 * Counts the commands a client sends (its share of the round trips; a MULTI block counts each command,
 * so this is an upper bound). Server-wide figures come from `serverCalls`.
 */
export function countCommands(redis: Redis): { readonly sent: number } {
  const counter = { sent: 0 };
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = (...args: Parameters<Redis['sendCommand']>) => {
    counter.sent++;
    return send(...args);
  };
  return counter;
}

/**
 * Calls executed by the server, from `INFO commandstats` (commands run inside Lua scripts included,
 * INFO itself left out). Server-wide: other clients of the same Redis add to it.
 */
export async function serverCalls(redis: Redis): Promise<number> {
  const stats = await redis.info('commandstats');
  let total = 0;
  for (const match of stats.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    if (match[1] !== 'info') total += Number(match[2]);
  }
  return total;
}

/** A Markdown table. */
export function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The p-th percentile (0–100) of ascending `sorted`, nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
export const int = (value: number) => Math.round(value).toLocaleString('en-US');

export const sleep = (delayMs: number) => new Promise<void>((resolve) => setTimeout(resolve, delayMs));

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
