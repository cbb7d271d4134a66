import { describe, expect, it } from 'vitest';
import { utcMillis, ZonedFormatter } from '../../src/dev/simulator/formats.js';
import { Simulator, SimulatorError } from '../../src/dev/simulator/index.js';
import { handleApi } from '../../src/dev/simulator/routes-api.js';

const AUTH = 'Bearer sk-sim-demo';

describe('time formats', () => {
  it('prints China time without an offset, and UTC for imports', () => {
    const zoned = new ZonedFormatter('Asia/Shanghai');
    const ms = Date.parse('2024-10-29T08:53:53Z');
    expect(zoned.spaced(ms)).toBe('2024-10-29 16:53:53');
    expect(zoned.zoneless(ms)).toBe('2024-10-29T16:53:53');
    expect(zoned.minuteStamp(ms)).toBe('202410291653');
    expect(utcMillis(Date.parse('2024-01-01T12:00:00Z'))).toBe('2024-01-01T12:00:00.000+00:00');
  });

  it('follows daylight saving in zones that have it', () => {
    const zoned = new ZonedFormatter('Europe/Berlin');
    expect(zoned.spaced(Date.parse('2026-01-15T12:00:00Z'))).toBe('2026-01-15 13:00:00');
    expect(zoned.spaced(Date.parse('2026-07-15T12:00:00Z'))).toBe('2026-07-15 14:00:00');
  });
});

describe('Simulator in-process', () => {
  it('throws SimulatorError 404 for unknown ids', () => {
    const sim = new Simulator();
    for (const act of [
      () => sim.setStatus('ft-nope', 'RUNNING'),
      () => sim.deleteJob('ft-nope'),
      () => sim.addCheckpoints('ft-nope'),
      () => sim.setCheckpointStatus('ft-nope:checkpoint-00010001', 'SUCCEEDED'),
    ]) {
      expect(act).toThrow(SimulatorError);
      try {
        act();
      } catch (error) {
        expect(error).toMatchObject({ httpStatus: 404, code: 'NotFound' });
      }
    }
  });

  it('deleting a fine-tune removes its checkpoints', () => {
    const sim = new Simulator();
    const [ref] = sim.createJobs({ kind: 'fine_tune' });
    const [cp] = sim.addCheckpoints(ref?.id ?? '');
    sim.deleteJob(ref?.id ?? '');
    expect(() => sim.setCheckpointStatus(cp?.id ?? '', 'SUCCEEDED')).toThrow(SimulatorError);
  });

  it('keeps ids unique past 65,536 jobs in one minute', () => {
    const sim = new Simulator({ now: () => new Date('2026-04-11T04:00:00Z') });
    const refs = sim.createJobs({ kind: 'compression', count: 70_000, spacingMs: 0 });
    expect(new Set(refs.map((r) => r.id)).size).toBe(70_000);
  });

  it('serves pages of 100,000 jobs cheaply', () => {
    const sim = new Simulator();
    sim.createJobs({ kind: 'fine_tune', count: 100_000, createdAt: '2025-01-01T00:00:00Z' });
    const started = performance.now();
    for (let page = 1; page <= 200; page++) {
      const res = handleApi(sim.state, {
        method: 'GET',
        path: '/api/v1/fine-tunes',
        query: { page_no: String(page * 5), page_size: '100' },
        authorization: AUTH,
      });
      expect(res.status).toBe(200);
    }
    // 200 pages of 100 from 100k jobs: slicing keeps this far below a second.
    expect(performance.now() - started).toBeLessThan(1000);
    const last = handleApi(sim.state, {
      method: 'GET',
      path: '/api/v1/fine-tunes',
      query: { page_no: '1000', page_size: '100' },
      authorization: AUTH,
    });
    const output = last.body.output as { total: number; jobs: { create_time: string }[] };
    expect(output.total).toBe(100_000);
    expect(output.jobs.at(-1)?.create_time).toBe('2025-01-01 08:00:00');
  });
});
