import type { JobKind, JobRecord } from '../../core/types.js';
import { waitForJob } from '../../jobs/index.js';
import { KINDS } from '../../kinds/index.js';
import type { CommandIo } from '../command.js';
import type { OpenAccount } from './account.js';
import { exitCodeOf, outcomeJson, progressView, summaryLines } from './render.js';

export interface RunWaitOptions {
  kind: JobKind;
  id: string;
  intervalMs: number;
  timeoutMs?: number;
  json: boolean;
  /** Where the progress and the summary go: stdout (`wait`), or stderr when stdout carries log lines. */
  progress?: 'out' | 'err' | 'none';
  afterRead?(job: JobRecord, signal: AbortSignal): Promise<void>;
}

/** Waits for the job, showing progress, then prints the summary (or JSON); returns the exit code. */
export async function runWait(account: OpenAccount, options: RunWaitOptions, io: CommandIo): Promise<number> {
  const progress = options.json ? 'none' : (options.progress ?? 'out');
  // Progress on stderr is never the live line: stderr is not known to be a terminal.
  const view =
    progress === 'none'
      ? undefined
      : progressView(progress === 'out' ? io : { ...io, out: io.err, tty: undefined });
  let outcome: Awaited<ReturnType<typeof waitForJob>>;
  try {
    outcome = await waitForJob({
      kind: KINDS[options.kind],
      id: options.id,
      api: account.api,
      account: account.name,
      timeZone: account.timeZone,
      logger: account.logger,
      checkpointModels: account.checkpointModels,
      intervalMs: options.intervalMs,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(view === undefined ? {} : { onUpdate: (update) => view.update(update) }),
      ...(options.afterRead === undefined ? {} : { afterRead: options.afterRead }),
    });
  } finally {
    view?.close();
  }
  if (options.json) io.out(JSON.stringify(outcomeJson(outcome, options.kind, options.id), null, 2));
  else {
    const print = progress === 'err' ? io.err : io.out;
    for (const line of summaryLines(outcome, options.kind, options.id)) print(line);
  }
  return exitCodeOf(outcome);
}
