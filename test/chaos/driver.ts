import type { JobKind } from '../../src/core/types.js';
import { watchId } from '../../src/core/watch.js';
import type { SimJobKind, Simulator } from '../../src/dev/simulator/index.js';
import { KINDS as KIND_DESCRIPTORS } from '../../src/kinds/index.js';
import { normalizeStatus } from '../../src/kinds/normalize/status.js';
import type { SnapshotStore } from '../../src/store/index.js';
import { waitUntil } from '../support/engine-process.js';
import { type NotificationKey, notificationKey } from './received.js';

export const KINDS: readonly SimJobKind[] = ['fine_tune', 'model_import', 'compression'];

// The vendor's paths (shared/API.md "Statuses"), raw spellings, after PENDING.
const LIVE: Record<SimJobKind, readonly string[]> = {
  fine_tune: ['QUEUING', 'RUNNING'],
  model_import: ['RUNNING'],
  compression: ['QUEUING', 'RUNNING'],
};
const ENDINGS: Record<SimJobKind, readonly (readonly string[])[]> = {
  fine_tune: [['SUCCEEDED'], ['FAILED'], ['CANCELING', 'CANCELED']],
  model_import: [['SUCCESSED'], ['FAILED']],
  compression: [['SUCCEEDED'], ['FAILED'], ['CANCELING', 'CANCELED']],
};

export interface DriverOptions {
  sim: Simulator;
  account: string;
  /** Reads the committed snapshots, to know when a poll has seen a change. */
  store: SnapshotStore;
  /** Jobs moved at once, one per lane; lane i works on kind i mod 3. */
  lanes: number;
  /** Least time a status stays before the next change. */
  holdMs: number;
  /** A change no commit records by then fails the run: dashwatch stalled. */
  observeTimeoutMs: number;
}

/**
 * Moves jobs along their real paths and records each change a poll must report: every new job
 * (`created`, PENDING) and every status change (`transition`). The next change waits until a commit
 * of the watch holds the current status and at least `holdMs` passed, so no intermediate status
 * can legitimately be skipped, whatever the faults and kills delay.
 */
export class Driver {
  readonly expected = new Set<NotificationKey>();
  private readonly seeded: { kind: SimJobKind; id: string; path: string[] }[] = [];

  constructor(private readonly options: DriverOptions) {}

  /** One live job per lane before dashwatch starts: its baseline is silent, its changes are not. */
  seed(): void {
    for (let lane = 0; lane < this.options.lanes; lane += 1) {
      const kind = kindOf(lane);
      const [first, ...rest] = pathOf(kind);
      const [ref] = this.options.sim.createJobs({ kind, status: first ?? 'PENDING' });
      if (ref !== undefined) this.seeded.push({ kind, id: ref.id, path: rest });
    }
  }

  /** Runs every lane: its seeded job to the end, then new jobs until `until` (epoch ms). */
  async run(until: number): Promise<void> {
    await Promise.all(
      this.seeded.map(async ({ kind, id, path }) => {
        await this.walk(kind, id, path);
        while (Date.now() < until) {
          const [ref] = this.options.sim.createJobs({ kind });
          if (ref === undefined) throw new Error('the simulator created no job');
          await this.changed(kind, ref.id, 'PENDING');
          await this.walk(kind, ref.id, pathOf(kind));
        }
      }),
    );
  }

  private async walk(kind: SimJobKind, id: string, path: readonly string[]): Promise<void> {
    for (const raw of path) {
      this.options.sim.setStatus(id, raw);
      await this.changed(kind, id, raw);
    }
  }

  private async changed(kind: SimJobKind, id: string, raw: string): Promise<void> {
    const status = normalizeStatus(raw, KIND_DESCRIPTORS[kind].spellings);
    this.expected.add(notificationKey(id, status));
    const watch = watchId(this.options.account, kind satisfies JobKind);
    const held = new Promise((resolve) => setTimeout(resolve, this.options.holdMs));
    await waitUntil(
      async () => (await this.options.store.loadEntries(watch, [id])).get(id)?.status === status,
      `a commit of ${watch} showing ${id} ${status}`,
      this.options.observeTimeoutMs,
    );
    await held;
  }
}

function kindOf(lane: number): SimJobKind {
  return KINDS[lane % KINDS.length] ?? 'fine_tune';
}

/** PENDING, the live statuses, then one of the kind's endings at random. */
function pathOf(kind: SimJobKind): string[] {
  const endings = ENDINGS[kind];
  const ending = endings[Math.floor(Math.random() * endings.length)] ?? [];
  return ['PENDING', ...LIVE[kind], ...ending];
}
