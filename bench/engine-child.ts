/**
 * One dashwatch engine (scheduler, poll worker, cycles) in a process of its own, for `scale.ts`'s
 * several-process run; not run by hand.
 *
 * env: REDIS_URL, PREFIX; WATCHES: JSON array of Watch; FULL_SCAN_EVERY_MS.
 * Prints `READY`, then one pino JSON line per cycle; exits when stdin closes.
 */
import { createLogger } from '../src/core/logger.js';
import type { Watch } from '../src/core/watch.js';
import { DEFAULT_POLLER_SETTINGS } from '../src/kinds/index.js';
import { DEFAULT_DIFF_SETTINGS } from '../src/store/index.js';
import { startEngine } from '../src/watch/index.js';

const required = (name: string) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`engine-child: ${name} is required`);
  return value;
};

const engine = await startEngine({
  redisTarget: { mode: 'single', url: required('REDIS_URL') },
  prefix: required('PREFIX'),
  watches: JSON.parse(required('WATCHES')) as Watch[],
  settings: {
    poller: { ...DEFAULT_POLLER_SETTINGS, fullScanEveryMs: Number(required('FULL_SCAN_EVERY_MS')) },
    diff: DEFAULT_DIFF_SETTINGS,
    failingAfter: 3,
  },
  logger: createLogger({ level: 'info' }),
});
process.stdout.write('READY\n');
process.stdin.resume();
process.stdin.on('end', () => {
  void engine.stop(5000).then(() => process.exit(0));
});
