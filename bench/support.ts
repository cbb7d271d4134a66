import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Redis } from 'ioredis';
import { DEFAULT_REDIS_URL, ensureRedis } from '../src/dev/ephemeral-redis.js';
import { deleteKeysWithPrefix } from '../src/redis/delete-prefix.js';

/** How the Docker image runs the daemon (keep in step with the Dockerfile's ENV and CMD). */
export const IMAGE_NODE_OPTIONS = '--max-semi-space-size=1 --max-old-space-size=96';
export const IMAGE_NODE_ARGS = ['--optimize-for-size', '--liftoff-only'];

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

/**
 * The pid of the dashwatch process a launcher started: `pid` itself when it runs dist/cli.js, else the
 * node process below it (npx runs the bin through npm and a shell).
 */
export async function dashwatchPid(pid: number, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const candidate of [pid, ...descendantsOf(pid)]) {
      const argv = readFileSync(`/proc/${candidate}/cmdline`, 'utf8').split('\0');
      const exe = argv[0] ?? '';
      if (/(^|\/)node$/.test(exe) && argv.some((arg) => /(dist\/cli\.js|\.bin\/dashwatch)$/.test(arg)))
        return candidate;
    }
    if (Date.now() > deadline) throw new Error(`no dashwatch process under pid ${pid}`);
    await sleep(100);
  }
}

/** Every live descendant of `pid`, from /proc. */
export function descendantsOf(pid: number): number[] {
  let children: string[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  } catch {
    return [];
  }
  return children.map(Number).flatMap((child) => [child, ...descendantsOf(child)]);
}

/** VmRSS and VmHWM of a live process, in bytes. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/**
 * How users start the daemon: the bin through npx (its shebang's V8 flags apply), and the Docker
 * image's command with the image's NODE_OPTIONS.
 */
export const DAEMON_STARTS = [
  { label: 'npx dashwatch start', command: 'npx', args: ['--no-install', 'dashwatch', 'start'], env: {} },
  {
    label: `image: node ${IMAGE_NODE_ARGS.join(' ')} dist/cli.js start`,
    command: process.execPath,
    args: [...IMAGE_NODE_ARGS, 'dist/cli.js', 'start'],
    env: { NODE_OPTIONS: IMAGE_NODE_OPTIONS },
  },
] as const;

/** Stops the daemon and its launcher: npx does not pass SIGTERM on to the daemon it started. */
export async function stopTree(launcher: ChildProcess, daemonPid: number | undefined): Promise<void> {
  if (daemonPid !== undefined && daemonPid !== launcher.pid) {
    try {
      process.kill(daemonPid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    while (descendantsOf(launcher.pid ?? 0).length > 0) await sleep(100);
  }
  if (launcher.exitCode !== null || launcher.signalCode !== null) return;
  const exited = once(launcher, 'exit');
  launcher.kill('SIGTERM');
  await exited;
}
