/**
 * A signal that aborts when `ms` have passed or when any of `signals` aborts, built from a plain
 * timer and listeners that `dispose` removes. Not `AbortSignal.any([…, AbortSignal.timeout(ms)])`:
 * on Node 20 such a composite can be collected with its timer, and then never fires.
 */
export interface Deadline {
  readonly signal: AbortSignal;
  /** True when the timer, not a caller's signal, aborted it. */
  readonly timedOut: boolean;
  /** Clears the timer and detaches from the callers' signals. Call it once the work is over. */
  dispose(): void;
}

export function deadline(ms: number, ...signals: (AbortSignal | undefined)[]): Deadline {
  const timeout = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    timeout.abort(new DeadlineError(ms));
  }, ms);
  const linked = linkedSignal(timeout.signal, ...signals);
  return {
    signal: linked.signal,
    get timedOut() {
      return timedOut;
    },
    dispose() {
      clearTimeout(timer);
      linked.dispose();
    },
  };
}

/** A signal that aborts when any of `signals` does; `dispose` detaches it from them. */
export function linkedSignal(...signals: (AbortSignal | undefined)[]): {
  signal: AbortSignal;
  dispose(): void;
} {
  const controller = new AbortController();
  const linked = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  const onAbort = (event: Event) => controller.abort((event.target as AbortSignal).reason);
  for (const signal of linked) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener('abort', onAbort, { once: true });
  }
  return {
    signal: controller.signal,
    dispose() {
      for (const signal of linked) signal.removeEventListener('abort', onAbort);
    },
  };
}

/** The reason a deadline's signal carries when its timer fired. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';

  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/** Runs `work` with a deadline, disposed of whatever happens. */
export async function withDeadline<T>(
  ms: number,
  signal: AbortSignal | undefined,
  work: (deadline: Deadline) => Promise<T>,
): Promise<T> {
  const d = deadline(ms, signal);
  try {
    return await work(d);
  } finally {
    d.dispose();
  }
}
