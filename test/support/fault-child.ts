/**
 * A process that stops the way the daemon does (`exitOnSignals`) and then meets an error nobody
 * catches: `rejection` (a promise rejected with no handler) or `exception` (a throw in a timer).
 * Run with `node --import tsx test/support/fault-child.ts <fault>`; a timer keeps it alive until
 * its stop clears it. Prints `READY` once its handlers are in place.
 */
import { createLogger } from '../../src/core/logger.js';
import { exitOnSignals } from '../../src/daemon/signals.js';

const logger = createLogger({ level: 'info' });
const alive = setInterval(() => {}, 1000);
exitOnSignals(async () => {
  clearInterval(alive);
  logger.info('stopped');
}, logger);
console.log('READY');

const fault = process.argv[2];
setTimeout(() => {
  if (fault === 'rejection') void Promise.reject(new Error('nobody caught this'));
  else if (fault === 'exception') throw new Error('nobody caught this');
}, 100);
