/** A task run every `intervalMs` (never two at once), until `stop`. */
export interface Repeating {
  /** Runs the task now (or waits for the run in progress). */
  now(): Promise<void>;
  stop(): void;
}

/** Runs `task` every `intervalMs` after the previous run ended; the timer never holds the process open. */
export function every(intervalMs: number, task: () => Promise<void>): Repeating {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = () => {
    running ??= task().finally(() => {
      running = undefined;
    });
    return running;
  };
  const schedule = () => {
    timer = setTimeout(() => {
      void run().finally(() => {
        if (!stopped) schedule();
      });
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    now: run,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
