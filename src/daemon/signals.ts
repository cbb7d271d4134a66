import { constants } from 'node:os';
import type { Logger } from '../core/logger.js';

let stopping = false;

/** How long a stopped process may take to exit by itself before it is made to. */
const EXIT_GRACE_MS = 2000;
/** However stopping goes, the process is gone this long after the signal. */
const STOP_DEADLINE_MS = 9500;

/**
 * First SIGINT/SIGTERM: stop gracefully, then let the process end by itself once nothing is left open.
 * A second one while stopping: exit at once, for the operator who will not wait. An error nothing
 * caught (a rejected promise, a throw in a callback) is logged as one fatal line and stops the
 * daemon the same way, with exit code 1, so a supervisor restarts it from a clean state.
 */
export function exitOnSignals(stop: () => Promise<void>, logger: Logger): void {
  stopping = false;
  let faulted = false;
  const shutDown = () => {
    stopping = true;
    // The parts stop within their own budgets; this is the promise to whoever sent the signal.
    setTimeout(() => {
      logger.error({ deadlineMs: STOP_DEADLINE_MS }, 'stopping took too long; exiting now');
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    stop().then(
      () => {
        process.exitCode = faulted ? 1 : 0;
        // A handle stop() forgot would keep the process alive forever; say so, and end it anyway.
        setTimeout(() => {
          logger.error({ graceMs: EXIT_GRACE_MS }, 'handles still open after stopping; forcing exit');
          process.exit(1);
        }, EXIT_GRACE_MS).unref();
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal; exiting now');
      process.exit(128 + constants.signals[signal]);
    }
    logger.info({ signal }, 'stopping');
    shutDown();
  };
  const onFault = (fault: 'unhandledRejection' | 'uncaughtException') => (error: unknown) => {
    logger.fatal({ fault, err: error }, 'unexpected error; stopping');
    faulted = true;
    // Also when the stop already finished: the process must not end with 0 after this.
    process.exitCode = 1;
    if (!stopping) shutDown();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('unhandledRejection', onFault('unhandledRejection'));
  process.on('uncaughtException', onFault('uncaughtException'));
}

/**
 * SIGHUP: read the configuration again and apply it. One reload at a time, none while stopping;
 * a configuration that does not load or apply is one log line, and the running one stays.
 */
export function reloadOnHangup(reload: () => Promise<void>, logger: Logger): void {
  let queue = Promise.resolve();
  process.on('SIGHUP', () => {
    queue = queue.then(async () => {
      if (stopping) return;
      logger.info({ signal: 'SIGHUP' }, 'reloading configuration');
      await reload().catch((error: unknown) => {
        logger.error(
          {
            err: { type: errorType(error), message: error instanceof Error ? error.message : String(error) },
          },
          'reload rejected; the running configuration stays',
        );
      });
    });
  });
}

function errorType(error: unknown): string {
  return error instanceof Error ? error.constructor.name : typeof error;
}
