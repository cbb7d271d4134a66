import type { Worker } from 'bullmq';

/**
 * Closes `workers`, letting in-flight jobs finish for up to `timeoutMs`; past that, calls `onTimeout`
 * (which aborts their work) and closes them without waiting. A job cut short this way keeps its lock
 * until the lock lapses, then another process takes it up: nothing is lost, and a stop never hangs.
 * Returns whether it had to force them.
 */
export async function closeWorkers(
  workers: readonly Worker[],
  timeoutMs: number,
  onTimeout: () => void,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    Promise.all(workers.map((worker) => worker.close())).then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, true);
    }),
  ]);
  clearTimeout(timer);
  if (timedOut) {
    onTimeout();
    await Promise.all(workers.map((worker) => worker.close(true)));
  }
  return timedOut;
}
