import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onTestFailed } from 'vitest';
import { stringify } from 'yaml';
import { type RunningSimulator, startSimulator } from '../../../src/dev/simulator/index.js';
import {
  type SlackSink,
  type SmtpSink,
  startSlackSink,
  startSmtpSink,
} from '../../../src/dev/sinks/index.js';
import { type CliProcess, emptyDir, freePort, killAllCli, spawnCli } from '../../support/cli-process.js';
import { type LogLine, waitUntil } from '../../support/engine-process.js';

export const API_KEY = 'sk-faults-SECRET-5c2e81d0';

/**
 * What a fault test runs against: the simulator, a Slack and an SMTP sink, a working directory for
 * the config file, and the daemon as users start it (`dashwatch start --config FILE`).
 */
export interface Rig {
  readonly sim: RunningSimulator;
  readonly slack: SlackSink;
  readonly smtp: SmtpSink;
  readonly dir: string;
  readonly port: number;
  /** A config for one account on the simulator, with Slack and email on the sinks. */
  config(redisUrl: string, prefix: string, overrides?: Record<string, unknown>): Record<string, unknown>;
  /** Writes `config` as YAML and returns the file's path. */
  write(config: Record<string, unknown>, name?: string): string;
  start(configPath: string, env?: Record<string, string>): CliProcess;
  /** Waits for `/readyz` 200 (every watch committed a cycle); fails with the daemon's output if it exits. */
  ready(daemon: CliProcess, timeoutMs?: number): Promise<void>;
  /** GET on the daemon's health server: status, body and how long the answer took. */
  get(path: string, timeoutMs?: number): Promise<Answer | undefined>;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  body: string;
  ms: number;
}

export async function startRig(apiKeys: string[] = [API_KEY]): Promise<Rig> {
  const [sim, slack, smtp, port] = await Promise.all([
    startSimulator({ apiKeys }),
    startSlackSink(),
    startSmtpSink(),
    freePort(),
  ]);
  const cwd = emptyDir();
  const rig: Rig = {
    sim,
    slack,
    smtp,
    dir: cwd.dir,
    port,
    config: (redisUrl, prefix, overrides = {}) => ({
      redis: { url: redisUrl, prefix },
      server: { host: '127.0.0.1', port },
      polling: { interval: '2s' },
      accounts: [{ name: 'main', apiKey: API_KEY, baseUrl: sim.url, kinds: ['fine_tune'] }],
      channels: {
        chat: { type: 'slack', webhookUrl: slack.url, groupWait: '0s', maxJobsPerMessage: 40 },
        mail: {
          type: 'email',
          smtpUrl: smtp.url,
          from: 'dashwatch@example.com',
          to: ['ml@example.com'],
          groupWait: '0s',
        },
      },
      ...overrides,
    }),
    write(config, name = 'dashwatch.yaml') {
      const path = join(cwd.dir, name);
      writeFileSync(path, stringify(config));
      return path;
    },
    start(configPath, env = {}) {
      const daemon = spawnCli(['start', '--config', configPath], { LOG_LEVEL: 'info', ...env }, cwd.dir);
      // The daemon's last words explain most failures.
      onTestFailed(() => {
        const tail = daemon.stdout().split('\n').slice(-80).join('\n');
        process.stderr.write(
          `--- daemon ${daemon.pid} stdout (tail) ---\n${tail}\n--- stderr ---\n${daemon.stderr()}\n`,
        );
      });
      return daemon;
    },
    async ready(daemon, timeoutMs = 20_000) {
      const gone = () => daemon.child.exitCode !== null || daemon.child.signalCode !== null;
      await waitUntil(
        async () => gone() || (await rig.get('/readyz'))?.status === 200,
        '/readyz 200',
        timeoutMs,
      );
      if (gone())
        throw new Error(`the daemon exited before it was ready:\n${daemon.stdout()}\n${daemon.stderr()}`);
    },
    async get(path, timeoutMs = 5000) {
      const started = performance.now();
      try {
        const response = await fetch(`http://127.0.0.1:${port}${path}`, {
          signal: AbortSignal.timeout(timeoutMs),
        });
        const body = await response.text();
        return { status: response.status, body, ms: performance.now() - started };
      } catch {
        return undefined;
      }
    },
    async close() {
      await killAllCli();
      await Promise.all([sim.close(), slack.close(), smtp.close()]);
      cwd.remove();
    },
  };
  return rig;
}

/** The daemon's pino lines so far (a line cut short by a kill is skipped). */
export function logsOf(daemon: CliProcess): LogLine[] {
  const lines: LogLine[] = [];
  for (const line of daemon.stdout().split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(line) as LogLine);
    } catch {
      // The last line may still be arriving.
    }
  }
  return lines;
}

/** Every post's JSON, as one string per post, for counting what mentions what. */
export function postTexts(slack: SlackSink): string[] {
  return slack.received.map((post) => JSON.stringify(post.body));
}

/** How many posts mention each of `ids`. */
export function mentions(texts: readonly string[], ids: readonly string[]): Map<string, number> {
  return new Map(ids.map((id) => [id, texts.filter((text) => text.includes(id)).length]));
}
