import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobEvent, WatchEvent } from '../../src/core/types.js';
import { ChangeLog } from '../../src/store/change-log.js';
import { SnapshotStore } from '../../src/store/snapshot-store.js';
import { type TestRedis, testRedis } from '../support/redis.js';

const NOW = Date.parse('2025-06-01T12:00:00.000Z');
const HOUR = 3_600_000;

function transition(n: number, atMs: number): JobEvent {
  return {
    id: `ev-${n}`,
    type: 'transition',
    from: 'RUNNING',
    to: 'SUCCEEDED',
    job: {
      kind: 'fine_tune',
      account: 'prod',
      id: `ft-${n}`,
      status: 'SUCCEEDED',
      rawStatus: 'SUCCEEDED',
      name: `<b>job ${n}</b>`,
    },
    detectedAt: new Date(atMs).toISOString(),
  };
}

describe('ChangeLog', () => {
  let redis: TestRedis;

  beforeEach(() => {
    redis = testRedis('change-log');
  });
  afterEach(() => redis.cleanup());

  it('keeps what a reader needs, newest first, once per event however often it is recorded', async () => {
    const log = new ChangeLog(redis.client, redis.prefix);
    const failing: WatchEvent = {
      id: 'wf-1',
      type: 'watch_failing',
      watch: { id: 'prod.fine_tune', account: 'prod', kind: 'fine_tune' },
      error: { code: 'InvalidApiKey', message: 'bad key', httpStatus: 401 },
      failures: 1,
      detectedAt: new Date(NOW - HOUR).toISOString(),
    };
    await log.record([transition(1, NOW - 2 * HOUR), failing], NOW);
    await log.record([transition(1, NOW - 2 * HOUR)], NOW);
    expect(await log.since(NOW - 24 * HOUR)).toEqual([
      {
        id: 'wf-1',
        type: 'watch_failing',
        at: failing.detectedAt,
        watch: 'prod.fine_tune',
        account: 'prod',
        kind: 'fine_tune',
        detail: 'InvalidApiKey: bad key',
      },
      {
        id: 'ev-1',
        type: 'transition',
        at: new Date(NOW - 2 * HOUR).toISOString(),
        watch: 'prod.fine_tune',
        account: 'prod',
        kind: 'fine_tune',
        jobId: 'ft-1',
        name: '<b>job 1</b>',
        from: 'RUNNING',
        to: 'SUCCEEDED',
      },
    ]);
    expect((await log.since(NOW - 90 * 60_000)).map((change) => change.id)).toEqual(['wf-1']);
  });

  it('drops what is older than the window and all but the newest entries past the cap', async () => {
    const log = new ChangeLog(redis.client, redis.prefix, { keepMs: 10 * HOUR, max: 5 });
    await log.record([transition(0, NOW - 11 * HOUR), transition(1, NOW - 9 * HOUR)], NOW);
    expect((await log.since(0)).map((change) => change.id)).toEqual(['ev-1']);
    await log.record(
      Array.from({ length: 8 }, (_, i) => transition(10 + i, NOW - HOUR + i * 1000)),
      NOW,
    );
    expect((await log.since(0)).map((change) => change.id)).toEqual([
      'ev-17',
      'ev-16',
      'ev-15',
      'ev-14',
      'ev-13',
    ]);
    expect(await redis.client.zcard(`${redis.prefix}:changes`)).toBe(5);
  });

  it('is written as events leave an outbox', async () => {
    const store = new SnapshotStore(redis.client, redis.prefix);
    const recent = Date.now() - 60_000;
    await store.ackOutbox('prod.fine_tune', [transition(1, recent), transition(2, recent + 1)]);
    expect((await store.changes.since(recent - 1)).map((change) => change.id)).toEqual(['ev-2', 'ev-1']);
  });
});
