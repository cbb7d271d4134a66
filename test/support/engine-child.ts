/**
 * A dashwatch engine in a process of its own, configured from the environment, for tests that kill,
 * signal or multiply processes. Run with `node --import tsx test/support/engine-child.ts`.
 *
 * REDIS_URL, PREFIX, SIM_URL, SIM_KEY: where to keep state and which simulator to poll.
 * WATCH_KINDS: comma-separated job kinds of one account (ACCOUNT, default `acct`).
 * INTERVAL_MS: every watch's interval. STOP_TIMEOUT_MS: how long a stop waits for in-flight polls.
 * CRASH_AT: a cycle step; on reaching it the process prints `STEP <step>` and hangs there until killed.
 * Prints `READY` once started; logs are pino JSON lines on stdout (LOG_LEVEL).
 */
import { createLogger } from '../../src/core/logger.js';
import type { JobKind } from '../../src/core/types.js';
import { type Watch, watchId } from '../../src/core/watch.js';
import { exitOnSignals } from '../../src/daemon/signals.js';
import { DEFAULT_POLLER_SETTINGS, JOB_KINDS } from '../../src/kinds/index.js';
import { DEFAULT_DIFF_SETTINGS } from '../../src/store/index.js';
import { type CycleStep, startEngine } from '../../src/watch/index.js';

const STEPS: readonly string[] = ['after-fetch', 'after-diff', 'after-commit', 'after-enqueue'];

function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') throw new Error(`engine-child: ${name} is required`);
  return value;
}

function isKind(kind: string): kind is JobKind {
  return (JOB_KINDS as readonly string[]).includes(kind);
}

const crashAt = process.env.CRASH_AT;
if (crashAt !== undefined && !STEPS.includes(crashAt))
  throw new Error(`engine-child: bad CRASH_AT ${crashAt}`);

const account = env('ACCOUNT', 'acct');
const intervalMs = Number(env('INTERVAL_MS', '1000'));
const connection = { apiKey: env('SIM_KEY'), baseUrl: env('SIM_URL') };
const watches: Watch[] = env('WATCH_KINDS')
  .split(',')
  .map((kind) => {
    if (!isKind(kind)) throw new Error(`engine-child: unknown kind ${kind}`);
    return { id: watchId(account, kind), account, kind, intervalMs, timeZone: 'Asia/Shanghai', connection };
  });

const logger = createLogger();
const engine = await startEngine({
  redisTarget: { mode: 'single', url: env('REDIS_URL') },
  prefix: env('PREFIX'),
  watches,
  settings: { poller: DEFAULT_POLLER_SETTINGS, diff: DEFAULT_DIFF_SETTINGS, failingAfter: 3 },
  logger,
  ...(crashAt === undefined
    ? {}
    : {
        onStep: async (step: CycleStep) => {
          if (step !== crashAt) return;
          process.stdout.write(`STEP ${step}\n`);
          // Hold the cycle right here so the parent's SIGKILL lands at exactly this step.
          await new Promise<never>(() => {});
        },
      }),
});
const stopTimeoutMs = Number(env('STOP_TIMEOUT_MS', '10000'));
exitOnSignals(() => engine.stop(stopTimeoutMs), logger);
process.stdout.write('READY\n');

// A test runner that dies without killing this child must not leave it polling forever.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, 'SIGKILL');
}, 500).unref();
