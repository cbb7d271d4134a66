import { describe, expect, it } from 'vitest';
import type { JobRecord, JobStatus, WatchRef } from '../../src/core/types.js';
import { KINDS } from '../../src/kinds/index.js';
import { DEFAULT_DIFF_SETTINGS, type DiffInput, type DiffOutput, diff } from '../../src/store/diff.js';
import type { SnapEntry } from '../../src/store/snapshot-entry.js';

const watch: WatchRef = { id: 'acct.fine_tune', account: 'acct', kind: 'fine_tune' };
const NOW = new Date('2025-06-01T12:00:00.000Z');
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const ahead = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

function rec(id: string, status: JobStatus, extra: Partial<JobRecord> = {}): JobRecord {
  return { kind: watch.kind, account: watch.account, id, status, rawStatus: status, ...extra };
}

function entry(status: JobStatus, extra: Partial<SnapEntry> = {}): SnapEntry {
  return { status, rawStatus: status, since: ago(HOUR), lastChange: ago(HOUR), ...extra };
}

function run(
  input: Partial<Omit<DiffInput, 'result'>> & { result?: Partial<DiffInput['result']> },
): DiffOutput {
  return diff({
    watch,
    previous: input.previous ?? new Map(),
    baselineDone: input.baselineDone ?? true,
    result: { records: [], complete: false, notFound: [], ...input.result },
    now: input.now ?? NOW,
    settings: input.settings ?? DEFAULT_DIFF_SETTINGS,
  });
}

const summary = (out: DiffOutput) => out.events.map((e) => [e.type, e.job.id, e.from, e.to]);

describe('diff: baseline', () => {
  it('records everything and says nothing', () => {
    const out = run({
      baselineDone: false,
      result: { records: [rec('a', 'RUNNING'), rec('b', 'SUCCEEDED')] },
    });
    expect(out.events).toEqual([]);
    expect([...out.upserts.keys()]).toEqual(['a', 'b']);
  });

  it('announces live jobs as created with notifyExisting', () => {
    const settings = { ...DEFAULT_DIFF_SETTINGS, notifyExisting: true };
    const out = run({
      baselineDone: false,
      settings,
      result: { records: [rec('a', 'RUNNING'), rec('b', 'FAILED')] },
    });
    expect(summary(out)).toEqual([['created', 'a', undefined, 'RUNNING']]);
  });

  it('notes a job already stuck or expiring without announcing it later', () => {
    const records = [
      rec('a', 'RUNNING', { startedAt: ago(30 * HOUR) }),
      rec('c', 'SUCCEEDED', { parentId: 'ft', expiresAt: ahead(HOUR) }),
    ];
    const out = run({ baselineDone: false, result: { records } });
    expect(out.events).toEqual([]);
    expect(out.upserts.get('a')?.stuckAnnounced).toBe(true);
    expect(out.upserts.get('c')?.expiryHandled).toBe(true);
  });
});

describe('diff: changes', () => {
  it.each<[string, JobStatus]>([
    ['a queued job', 'QUEUING'],
    ['a running job', 'RUNNING'],
    ['a job born and finished between polls', 'SUCCEEDED'],
    ['a job born and failed between polls', 'FAILED'],
  ])('reports %s as created', (_, status) => {
    const out = run({ result: { records: [rec('n', status)] } });
    expect(summary(out)).toEqual([['created', 'n', undefined, status]]);
    expect(out.upserts.get('n')?.status).toBe(status);
  });

  it.each<[JobStatus, JobStatus]>([
    ['PENDING', 'QUEUING'],
    ['QUEUING', 'RUNNING'],
    ['PENDING', 'RUNNING'],
    ['RUNNING', 'SUCCEEDED'],
    ['RUNNING', 'FAILED'],
    ['RUNNING', 'CANCELING'],
    ['CANCELING', 'CANCELED'],
    ['QUEUING', 'CANCELED'],
    ['RUNNING', 'UNKNOWN'],
  ])('reports %s → %s as a transition', (from, to) => {
    const out = run({ previous: new Map([['j', entry(from)]]), result: { records: [rec('j', to)] } });
    expect(summary(out)).toEqual([['transition', 'j', from, to]]);
    expect(out.upserts.get('j')).toMatchObject({ status: to, lastChange: NOW.toISOString() });
  });

  it('keeps since on the same status, refreshes fields, writes nothing when nothing changed', () => {
    const previous = new Map([['j', entry('RUNNING', { name: 'old' })]]);
    const renamed = run({
      previous,
      result: { records: [rec('j', 'RUNNING', { name: 'new', output: 'm1' })] },
    });
    expect(renamed.events).toEqual([]);
    expect(renamed.upserts.get('j')).toEqual({ ...entry('RUNNING'), name: 'new', output: 'm1' });
    const same = run({ previous, result: { records: [rec('j', 'RUNNING', { name: 'old' })] } });
    expect(same.upserts.size).toBe(0);
  });

  it('preserves record order and puts a job’s change before its stuck event', () => {
    const records = [rec('z', 'RUNNING', { startedAt: ago(30 * HOUR) }), rec('a', 'PENDING')];
    expect(summary(run({ result: { records } })).map(([type, id]) => `${type}:${id}`)).toEqual([
      'created:z',
      'stuck:z',
      'created:a',
    ]);
  });
});

describe('diff: since', () => {
  it.each<[string, JobRecord, string]>([
    ['PENDING → createdAt', rec('j', 'PENDING', { createdAt: ago(3 * HOUR) }), ago(3 * HOUR)],
    ['QUEUING → createdAt', rec('j', 'QUEUING', { createdAt: ago(HOUR) }), ago(HOUR)],
    ['QUEUING without createdAt → now', rec('j', 'QUEUING'), NOW.toISOString()],
    [
      'RUNNING → startedAt',
      rec('j', 'RUNNING', { createdAt: ago(9 * HOUR), startedAt: ago(5 * HOUR) }),
      ago(5 * HOUR),
    ],
    ['RUNNING without startedAt → now', rec('j', 'RUNNING', { createdAt: ago(9 * HOUR) }), NOW.toISOString()],
    ['SUCCEEDED → now', rec('j', 'SUCCEEDED', { createdAt: ago(9 * HOUR) }), NOW.toISOString()],
  ])('at first sight: %s', (_, record, since) => {
    expect(run({ result: { records: [record] } }).upserts.get('j')?.since).toBe(since);
  });

  it.each<[string, JobRecord, string]>([
    ['to RUNNING with startedAt → startedAt', rec('j', 'RUNNING', { startedAt: ago(10_000) }), ago(10_000)],
    ['to RUNNING without startedAt → now', rec('j', 'RUNNING'), NOW.toISOString()],
    ['to SUCCEEDED → now', rec('j', 'SUCCEEDED', { startedAt: ago(10_000) }), NOW.toISOString()],
  ])('on a change: %s', (_, record, since) => {
    const previous = new Map([['j', entry('QUEUING')]]);
    expect(run({ previous, result: { records: [record] } }).upserts.get('j')?.since).toBe(since);
  });
});

describe('diff: removed', () => {
  const previous = new Map([
    ['keep', entry('SUCCEEDED')],
    ['gone', entry('SUCCEEDED', { createdAt: ago(99 * HOUR) })],
  ]);
  const listing = { records: [rec('keep', 'SUCCEEDED')], complete: true };

  it('needs two complete listings in a row', () => {
    const first = run({ previous, result: listing });
    expect(first.events).toEqual([]);
    expect(first.deletes).toEqual([]);
    expect(first.upserts.get('gone')?.misses).toBe(1);

    const second = run({ previous: new Map([...previous, ...first.upserts]), result: listing });
    expect(summary(second)).toEqual([['removed', 'gone', undefined, undefined]]);
    expect(second.events[0]?.job).toMatchObject({
      id: 'gone',
      status: 'SUCCEEDED',
      createdAt: ago(99 * HOUR),
    });
    expect(second.deletes).toEqual(['gone']);
  });

  it('ignores jobs missing from an incomplete view', () => {
    const out = run({ previous, result: { ...listing, complete: false } });
    expect(out).toEqual({ events: [], upserts: new Map(), deletes: [] });
  });

  it('resets the miss count when the job shows up again', () => {
    const missed = new Map([['gone', entry('SUCCEEDED', { misses: 1 })]]);
    const out = run({ previous: missed, result: { records: [rec('gone', 'SUCCEEDED')], complete: true } });
    expect(out.upserts.get('gone')?.misses).toBeUndefined();
    expect(out.events).toEqual([]);
  });

  it('removes at once on a 404', () => {
    const out = run({ previous, result: { notFound: ['gone', 'never-known'] } });
    expect(summary(out)).toEqual([['removed', 'gone', undefined, undefined]]);
    expect(out.deletes).toEqual(['gone']);
  });
});

describe('diff: stuck', () => {
  const stale = entry('RUNNING', { since: ago(25 * HOUR) });

  it('fires once per stint, for seen and unseen hot jobs', () => {
    const seen = run({ previous: new Map([['j', stale]]), result: { records: [rec('j', 'RUNNING')] } });
    expect(summary(seen)).toEqual([['stuck', 'j', undefined, undefined]]);
    const unseen = run({ previous: new Map([['j', stale]]) });
    expect(summary(unseen)).toEqual([['stuck', 'j', undefined, undefined]]);
    expect(unseen.events[0]?.id).toBe(seen.events[0]?.id);

    const marked = unseen.upserts.get('j');
    expect(marked?.stuckAnnounced).toBe(true);
    if (marked === undefined) throw new Error('no entry');
    expect(run({ previous: new Map([['j', marked]]) }).events).toEqual([]);
  });

  it('does not fire under the threshold or for statuses without one', () => {
    const young = entry('RUNNING', { since: ago(23 * HOUR) });
    const unknown = entry('UNKNOWN', { since: ago(999 * HOUR) });
    expect(
      run({
        previous: new Map([
          ['a', young],
          ['b', unknown],
        ]),
      }).events,
    ).toEqual([]);
  });

  it('never fires without a threshold: what a kind that cannot be stuck (checkpoints) gets', () => {
    expect(KINDS.checkpoint.canBeStuck).toBe(false);
    const pending = entry('PENDING', { since: ago(48 * HOUR), parentId: 'ft-1' });
    const out = diff({
      watch: { id: 'acct.checkpoint', account: 'acct', kind: 'checkpoint' },
      previous: new Map([['c', pending]]),
      baselineDone: true,
      result: { records: [], complete: false, notFound: [] },
      now: NOW,
      settings: { ...DEFAULT_DIFF_SETTINGS, stuckAfterMs: {} },
    });
    expect(out.events).toEqual([]);
  });

  it('fires again in a new stint, with a new id', () => {
    const first = run({
      previous: new Map([['j', { ...stale, stuckAnnounced: true as const }]]),
      result: { records: [rec('j', 'CANCELING')] },
    });
    const cleared = first.upserts.get('j');
    expect(cleared?.stuckAnnounced).toBeUndefined();
    if (cleared === undefined) throw new Error('no entry');
    const later = new Date(NOW.getTime() + 2 * HOUR);
    const second = run({ previous: new Map([['j', cleared]]), now: later });
    expect(summary(second)).toEqual([['stuck', 'j', undefined, undefined]]);
    const firstStint = run({ previous: new Map([['j', stale]]) });
    expect(second.events[0]?.id).not.toBe(firstStint.events[0]?.id);
  });
});

describe('diff: expiring', () => {
  const checkpoint = (x: string, extra: Partial<SnapEntry> = {}) =>
    entry('SUCCEEDED', { parentId: 'ft-1', expiresAt: x, ...extra });

  it.each<[string, SnapEntry, number]>([
    ['within the window', checkpoint(ahead(24 * HOUR)), 1],
    ['already announced', checkpoint(ahead(24 * HOUR), { expiryHandled: true }), 0],
    ['outside the window', checkpoint(ahead(72 * HOUR)), 0],
    ['already expired', checkpoint(ago(HOUR)), 0],
  ])('%s', (_, before, count) => {
    const unseen = run({ previous: new Map([['c', before]]) });
    expect(unseen.events.filter((e) => e.type === 'expiring')).toHaveLength(count);
    const seen = run({
      previous: new Map([['c', before]]),
      result: { records: [rec('c', 'SUCCEEDED', { parentId: 'ft-1', expiresAt: before.expiresAt })] },
    });
    expect(seen.events.map((e) => e.id)).toEqual(unseen.events.map((e) => e.id));
  });

  it('marks expiry handled so the entry leaves the hot set', () => {
    expect(run({ previous: new Map([['c', checkpoint(ago(HOUR))]]) }).upserts.get('c')?.expiryHandled).toBe(
      true,
    );
    expect(run({ previous: new Map([['c', checkpoint(ahead(HOUR))]]) }).upserts.get('c')?.expiryHandled).toBe(
      true,
    );
  });
});

describe('diff: event ids', () => {
  const later = new Date(NOW.getTime() + 5 * 60_000);
  const transition = (to: JobStatus, now = NOW) =>
    run({ previous: new Map([['j', entry('RUNNING')]]), result: { records: [rec('j', to)] }, now }).events[0]
      ?.id;

  it('do not depend on the clock', () => {
    expect(transition('SUCCEEDED', later)).toBe(transition('SUCCEEDED'));
    const created = (now: Date) => run({ result: { records: [rec('n', 'RUNNING')] }, now }).events[0]?.id;
    expect(created(later)).toBe(created(NOW));
    const removed = (now: Date) =>
      run({ previous: new Map([['j', entry('FAILED')]]), result: { notFound: ['j'] }, now });
    expect(removed(later).events[0]?.id).toBe(removed(NOW).events[0]?.id);
  });

  it('differ between changes', () => {
    const ids = new Set([transition('SUCCEEDED'), transition('FAILED'), transition('CANCELING')]);
    expect(ids.size).toBe(3);
    const again = run({
      previous: new Map([['j', entry('RUNNING', { since: ago(2 * HOUR) })]]),
      result: { records: [rec('j', 'SUCCEEDED')] },
    });
    expect(again.events[0]?.id).not.toBe(transition('SUCCEEDED'));
  });

  it('are valid BullMQ job ids', () => {
    for (const id of [transition('SUCCEEDED'), transition('FAILED')]) expect(id).toMatch(/^e[0-9a-f]{40}$/);
  });
});
