import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobEvent, WatchRef } from '../../src/core/types.js';
import { watchKeys } from '../../src/store/keys.js';
import type { SnapEntry } from '../../src/store/snapshot-entry.js';
import { type Commit, SnapshotStore } from '../../src/store/snapshot-store.js';
import { type TestRedis, testRedis } from '../support/redis.js';

const watch: WatchRef = { id: 'acct-1.fine_tune', account: 'acct-1', kind: 'fine_tune' };
const W = watch.id;
const NOW = new Date('2025-06-01T12:00:00.000Z');
const live: SnapEntry = {
  status: 'RUNNING',
  rawStatus: 'RUNNING',
  since: '2025-06-01T10:00:00.000Z',
  lastChange: '2025-06-01T10:00:00.000Z',
};
const done: SnapEntry = { ...live, status: 'SUCCEEDED', rawStatus: 'SUCCEEDED' };
const error = { code: 'Throttling', message: 'slow down', httpStatus: 429 };

function event(id: string): JobEvent {
  const job = {
    kind: watch.kind,
    account: watch.account,
    id: 'ft-1',
    status: 'RUNNING' as const,
    rawStatus: 'RUNNING',
  };
  return { id, type: 'created', to: 'RUNNING', job, detectedAt: NOW.toISOString() };
}

function commitOf(c: Partial<Commit> & Pick<Commit, 'baseVersion' | 'token'>): Commit {
  return { watch, upserts: new Map(), deletes: [], events: [], now: NOW, ...c };
}

describe('SnapshotStore', () => {
  let redis: TestRedis;
  let store: SnapshotStore;

  beforeEach(() => {
    redis = testRedis('snapshot-store');
    store = new SnapshotStore(redis.client, redis.prefix);
  });
  afterEach(() => redis.cleanup());

  const rawMeta = () => redis.client.hgetall(watchKeys(redis.prefix, W).meta);
  const fail = (immediate = false) =>
    store.recordFailure(W, { watch, error, immediate, threshold: 3, now: NOW });

  it('gives a fresh watch version 0 and no baseline', async () => {
    expect(await store.loadView(W)).toEqual({
      version: 0,
      baselineDone: false,
      notes: {},
      hot: new Map(),
      outboxPending: 0,
      health: { failing: false, failures: 0 },
    });
    expect(await store.recordSuccess(W, watch, NOW)).toBeNull();
    expect(await store.watchIds()).toEqual([]);
  });

  it('begins a cycle with a fresh fence token, the view and the outbox length in one call', async () => {
    const first = await store.beginCycle(W);
    expect(first.token).toBe(1);
    expect(first.view.version).toBe(0);
    await store.commit(
      W,
      commitOf({ baseVersion: 0, token: first.token, events: [event('e1'), event('e2')] }),
    );
    const second = await store.beginCycle(W);
    expect(second.token).toBe(2);
    expect(second.view).toMatchObject({ version: 1, baselineDone: true, outboxPending: 2 });
  });

  it('round-trips a commit and keeps the hot set', async () => {
    const token = await store.beginFetch(W);
    const upserts = new Map([
      ['a', live],
      ['b', done],
    ]);
    const c = commitOf({ baseVersion: 0, token, upserts, notes: { total: '2' }, events: [event('e1')] });
    expect(await store.commit(W, c)).toBe('committed');

    const view = await store.loadView(W);
    expect(view).toMatchObject({
      version: 1,
      baselineDone: true,
      notes: { total: '2' },
      health: { failing: false, failures: 0, lastOkAt: NOW.toISOString() },
    });
    const keys = watchKeys(redis.prefix, W);
    expect(await redis.client.hget(keys.meta, 'token')).toBe(String(token));
    // Stored compact: the format is the store's own, read nowhere else.
    expect(JSON.parse((await redis.client.hget(keys.snap, 'a')) ?? '')).toEqual({
      s: 'RUNNING',
      r: 'RUNNING',
      since: live.since,
      chg: live.lastChange,
    });
    expect(view.hot).toEqual(new Map([['a', live]]));
    expect(await store.loadAll(W)).toEqual(upserts);
    expect(await store.loadEntries(W, ['b', 'missing'])).toEqual(new Map([['b', done]]));
    expect(await store.watchIds()).toEqual([W]);

    const next = commitOf({
      baseVersion: 1,
      token: await store.beginFetch(W),
      upserts: new Map([['a', done]]),
      deletes: ['b'],
    });
    expect(await store.commit(W, next)).toBe('committed');
    expect((await store.loadView(W)).hot.size).toBe(0);
    await expect(
      store.commit(W, commitOf({ baseVersion: 2, token: 99, notes: { failing: '0' } })),
    ).rejects.toThrow(/store's own fields: failing/);
    expect(await store.loadAll(W)).toEqual(new Map([['a', done]]));
  });

  it('rejects stale commits by token and by version, writing nothing', async () => {
    const older = await store.beginFetch(W);
    const newer = await store.beginFetch(W);
    expect(
      await store.commit(W, commitOf({ baseVersion: 0, token: newer, upserts: new Map([['a', live]]) })),
    ).toBe('committed');
    const before = await redis.client.hgetall(watchKeys(redis.prefix, W).meta);

    const byToken = commitOf({
      baseVersion: 1,
      token: older,
      upserts: new Map([['x', live]]),
      events: [event('e1')],
    });
    expect(await store.commit(W, byToken)).toBe('stale');
    const byVersion = commitOf({
      baseVersion: 0,
      token: await store.beginFetch(W),
      deletes: ['a'],
      events: [event('e2')],
    });
    expect(await store.commit(W, byVersion)).toBe('stale');

    expect(await redis.client.hgetall(watchKeys(redis.prefix, W).meta)).toEqual(before);
    expect(await store.loadAll(W)).toEqual(new Map([['a', live]]));
    expect(await store.readOutbox(W)).toEqual([]);
  });

  it('reads and acknowledges the outbox, never trimming what it was not handed', async () => {
    const events = ['e1', 'e2', 'e3'].map(event);
    await store.commit(W, commitOf({ baseVersion: 0, token: await store.beginFetch(W), events }));
    expect(await store.readOutbox(W, 2)).toEqual(events.slice(0, 2));
    await store.ackOutbox(W, events.slice(0, 2));
    await store.ackOutbox(W, events.slice(0, 2)); // a second forwarder acknowledging the same batch
    expect(await store.readOutbox(W)).toEqual(events.slice(2));
  });

  it('commits 100,000 entries in one script', async () => {
    const upserts = new Map<string, SnapEntry>();
    for (let i = 0; i < 100_000; i++)
      upserts.set(`ft-${i}`, { ...done, name: `job number ${i}`, createdAt: live.since });
    const token = await store.beginFetch(W);
    const started = performance.now();
    expect(await store.commit(W, commitOf({ baseVersion: 0, token, upserts }))).toBe('committed');
    const commitMs = performance.now() - started;
    const loadStarted = performance.now();
    const all = await store.loadAll(W);
    const loadMs = performance.now() - loadStarted;
    process.stdout.write(
      `100,000-entry commit: ${commitMs.toFixed(0)} ms; loadAll: ${loadMs.toFixed(0)} ms\n`,
    );
    expect(all.size).toBe(100_000);
    expect(all.get('ft-99999')?.name).toBe('job number 99999');
  });

  it('raises watch_failing once, at the threshold, across repeated and concurrent callers', async () => {
    expect(await fail()).toBeNull();
    const raised = await Promise.all(Array.from({ length: 10 }, () => fail()));
    const events = raised.filter((e) => e !== null);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'watch_failing', watch, error, failures: 3 });
    expect(await fail()).toBeNull();
    expect(await store.readOutbox(W)).toEqual(events);
    expect((await store.loadView(W)).health).toMatchObject({ failures: 12, failing: true, lastError: error });
    expect(await rawMeta()).toMatchObject({ episode: '1' });
  });

  it('raises at once when immediate', async () => {
    const raised = await fail(true);
    expect(raised).toMatchObject({ type: 'watch_failing', failures: 1 });
    expect(raised?.id).toMatch(/^e[0-9a-f]{40}$/);
  });

  it('raises watch_recovered once, from a commit or from recordSuccess', async () => {
    await fail(true);
    const recovered = await Promise.all(Array.from({ length: 5 }, () => store.recordSuccess(W, watch, NOW)));
    expect(recovered.filter((e) => e !== null)).toMatchObject([{ type: 'watch_recovered', failures: 1 }]);

    await fail(true);
    await fail();
    const token = await store.beginFetch(W);
    expect(await store.commit(W, commitOf({ baseVersion: 0, token, events: [event('e1')] }))).toBe(
      'committed',
    );
    expect(await store.recordSuccess(W, watch, NOW)).toBeNull();

    const outbox = await store.readOutbox(W);
    expect(outbox.map((e) => e.type)).toEqual([
      'watch_failing',
      'watch_recovered',
      'watch_failing',
      'created',
      'watch_recovered',
    ]);
    expect(outbox.at(-1)).toMatchObject({ watch, failures: 2 });
    expect(new Set(outbox.map((e) => e.id)).size).toBe(5);
    expect((await store.loadView(W)).health).toMatchObject({ failures: 0, failing: false });
    expect(await rawMeta()).toMatchObject({ episode: '2' });
  });

  it('deletes a watch', async () => {
    await store.commit(
      W,
      commitOf({ baseVersion: 0, token: await store.beginFetch(W), upserts: new Map([['a', live]]) }),
    );
    await store.deleteWatch(W);
    expect(await store.watchIds()).toEqual([]);
    expect((await store.loadView(W)).version).toBe(0);
  });
});
