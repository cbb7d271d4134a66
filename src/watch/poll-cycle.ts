import type { Queue } from 'bullmq';
import { DeadlineError } from '../core/deadline.js';
import { DashwatchError } from '../core/errors.js';
import { LogThrottle } from '../core/log-throttle.js';
import type { Logger } from '../core/logger.js';
import type { JobKind } from '../core/types.js';
import { type Watch, watchId, watchRef } from '../core/watch.js';
import type { JobKindDescriptor, PollResult } from '../kinds/kind.js';
import type { JobsApi } from '../kinds/scan/jobs-api.js';
import { PAGE_SIZE } from '../kinds/scan/list-reader.js';
import { PageBudget } from '../kinds/scan/page-budget.js';
import { PeerNotReadyError } from '../kinds/scan/peer-not-ready-error.js';
import type { PollerSettings } from '../kinds/scan/poll-context.js';
import {
  type DiffSettings,
  diff,
  type SnapEntry,
  type SnapshotStore,
  type SnapshotView,
  type TrackedJob,
} from '../store/index.js';
import { describeCycleError, failsForGood } from './cycle-error.js';
import type { CycleMemory } from './cycle-memory.js';
import { forwardOutbox } from './outbox-forwarder.js';

/** A watch failing for one cause every cycle logs it once per 30 s, with a count (metrics count every one). */
const failedCycles = new LogThrottle();

/** Points in a cycle where a crash must lose nothing; tests stop the process at each. */
export type CycleStep = 'after-fetch' | 'after-diff' | 'after-commit' | 'after-enqueue';

export interface CycleSettings {
  poller: PollerSettings;
  diff: DiffSettings;
  /** Consecutive failed cycles before `watch_failing` (401/403 raise it at once). */
  failingAfter: number;
}

export interface CycleDeps {
  store: SnapshotStore;
  notifyQueue: Queue;
  api: JobsApi;
  /** The watch's kind: how it is read, and whether its jobs can be stuck. */
  kind: JobKindDescriptor;
  settings: CycleSettings;
  logger: Logger;
  now?: () => Date;
  /** Called after each step; a test hook, absent in production. */
  onStep?: (step: CycleStep) => Promise<void>;
  /** What this process remembers of its watches, for a re-baseline after Redis lost its state. */
  memory?: CycleMemory;
  /** Pinged after a good cycle (a dead-man's switch). */
  heartbeat?: () => void;
}

export interface CycleOutcome {
  /** `deferred`: the watch waits for another watch's baseline; nothing was committed, nothing failed. */
  result: 'committed' | 'stale' | 'failed' | 'deferred';
  events: number;
  requests: number;
}

/**
 * One poll of one watch: fetch, diff against the snapshot, commit snapshot and events atomically
 * (fenced), then forward the events to the notify queue. A failure anywhere commits nothing.
 */
export async function runCycle(watch: Watch, deps: CycleDeps, signal: AbortSignal): Promise<CycleOutcome> {
  const { store, api, logger } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const startedAt = performance.now();
  const requestsBefore = api.requestCount;
  const step = async (name: CycleStep) => deps.onStep?.(name);
  const line = { account: watch.account, kind: watch.kind, watch: watch.id };
  try {
    // One round trip: the fence token, the view, and whether a crashed process left events behind.
    const { token, view } = await store.beginCycle(watch.id);
    if (view.outboxPending > 0) await forwardOutbox(store, deps.notifyQueue, watch.id);
    const polled = await deps.kind.poll({
      watch,
      kind: deps.kind,
      api,
      state: view,
      now,
      signal,
      logger: logger.child(line),
      settings: deps.settings.poller,
      pages: new PageBudget(deps.settings.poller.maxPagesPerCycle, PAGE_SIZE),
      known: async (ids) => new Set((await store.loadEntries(watch.id, ids)).keys()),
      peer: (kind, scope) => peerSnapshot(store, watch, kind, scope),
    });
    await step('after-fetch');
    // No snapshot, but this process polled the watch before: Redis lost it. Re-baseline from memory.
    const remembered = view.baselineDone ? undefined : deps.memory?.recall(watch.id);
    const previous = remembered
      ? new Map(remembered.hot)
      : await previousEntries(store, watch.id, view, polled);
    const changes = diff({
      watch: watchRef(watch),
      previous,
      baselineDone: view.baselineDone || remembered !== undefined,
      ...(remembered ? { newSince: remembered.at } : {}),
      result: polled,
      now,
      // A kind whose long live statuses are normal (checkpoints) is never announced as stuck.
      settings: deps.kind.canBeStuck ? deps.settings.diff : { ...deps.settings.diff, stuckAfterMs: {} },
    });
    await step('after-diff');
    const result = await store.commit(watch.id, {
      watch: watchRef(watch),
      baseVersion: view.version,
      token,
      upserts: changes.upserts,
      deletes: changes.deletes,
      notes: polled.notes,
      events: changes.events,
      now,
    });
    await step('after-commit');
    if (result === 'committed') deps.memory?.remember(watch.id, now, remembered?.hot ?? view.hot, changes);
    // Another process committed a newer view; this one still proved the watch works.
    const recovered = result === 'stale' ? await store.recordSuccess(watch.id, watchRef(watch), now) : null;
    // A commit clearing a failing watch added `watch_recovered` to the outbox with the events.
    const queued = result === 'committed' && (changes.events.length > 0 || view.health.failing);
    if (queued || recovered !== null) {
      await forwardOutbox(store, deps.notifyQueue, watch.id, () => step('after-enqueue'));
    }
    deps.heartbeat?.();
    const outcome: CycleOutcome = {
      result,
      events: result === 'committed' ? changes.events.length : 0,
      requests: api.requestCount - requestsBefore,
    };
    logger.info(
      {
        ...line,
        result,
        baseline: !view.baselineDone && remembered === undefined,
        rebaseline: remembered !== undefined,
        fullScan: polled.fullScan,
        pages: polled.pages,
        requests: outcome.requests,
        records: polled.records.length,
        events: outcome.events,
        durationMs: Math.round(performance.now() - startedAt),
      },
      'poll cycle',
    );
    return outcome;
  } catch (error) {
    const stopping = signal.aborted && !(signal.reason instanceof DeadlineError);
    if (error instanceof PeerNotReadyError || stopping) {
      const reason = stopping ? 'the process is stopping' : (error as Error).message;
      logger.info({ ...line, result: 'deferred', reason }, 'poll cycle');
      return { result: 'deferred', events: 0, requests: api.requestCount - requestsBefore };
    }
    const failure =
      signal.reason instanceof DeadlineError
        ? new DashwatchError(
            `the cycle ran past polling.cycleTimeout (${signal.reason.ms} ms) and was aborted`,
            {
              code: 'CycleTimeout',
              retryable: true,
            },
          )
        : error;
    return failCycle(watch, deps, failure, now, { startedAt, requestsBefore });
  }
}

async function failCycle(
  watch: Watch,
  deps: CycleDeps,
  error: unknown,
  now: Date,
  started: { startedAt: number; requestsBefore: number },
): Promise<CycleOutcome> {
  const cycleError = describeCycleError(error);
  const requests = deps.api.requestCount - started.requestsBefore;
  const line = { account: watch.account, kind: watch.kind, watch: watch.id };
  try {
    const raised = await deps.store.recordFailure(watch.id, {
      watch: watchRef(watch),
      error: cycleError,
      immediate: failsForGood(cycleError),
      threshold: deps.settings.failingAfter,
      now,
    });
    if (raised !== null) await forwardOutbox(deps.store, deps.notifyQueue, watch.id);
  } catch (storeError) {
    deps.logger.error({ ...line, err: describeCycleError(storeError) }, 'could not record a failed cycle');
  }
  failedCycles.log(
    deps.logger,
    'warn',
    `${watch.id}:${cycleError.code}`,
    {
      ...line,
      result: 'failed',
      error: cycleError,
      requests,
      durationMs: Math.round(performance.now() - started.startedAt),
    },
    'poll cycle',
  );
  return { result: 'failed', events: 0, requests };
}

/** The snapshot entries the diff compares with: everything for a complete view, else hot + seen. */
async function previousEntries(
  store: SnapshotStore,
  id: string,
  view: SnapshotView,
  polled: PollResult,
): Promise<Map<string, SnapEntry>> {
  if (polled.complete) return store.loadAll(id);
  const wanted = [...polled.records.map((record) => record.id), ...polled.notFound].filter(
    (jobId) => !view.hot.has(jobId),
  );
  const loaded = await store.loadEntries(id, wanted);
  return new Map([...view.hot, ...loaded]);
}

async function peerSnapshot(
  store: SnapshotStore,
  watch: Watch,
  kind: JobKind,
  scope: 'hot' | 'all',
): Promise<ReadonlyMap<string, TrackedJob> | undefined> {
  const peerId = watchId(watch.account, kind);
  const view = await store.loadView(peerId);
  if (!view.baselineDone) return undefined;
  return scope === 'all' ? store.loadAll(peerId) : view.hot;
}
