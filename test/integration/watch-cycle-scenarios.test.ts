import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { JobEvent } from '../../src/core/types.js';
import type { Watch } from '../../src/core/watch.js';
import type { SimJobKind, StatusExtras } from '../../src/dev/simulator/index.js';
import { KINDS } from '../../src/kinds/index.js';
import { normalizeStatus } from '../../src/kinds/normalize/status.js';

/** Every spelling of every kind (the import's `SUCCESSED` among them): these plans mix kinds. */
const ALL_SPELLINGS = Object.assign({}, ...Object.values(KINDS).map((kind) => kind.spellings));

import { at, createHarness, type Harness, onlyEvent, trailByJob } from '../support/watch-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness('scenarios');
});
afterEach(async () => {
  await h.close();
});

const LONG_AGO = new Date(Date.now() - 30 * 86_400_000).toISOString();

/** One job's raw statuses, one per poll, from the PENDING it is created in. */
interface Plan {
  path: string[];
  /** What the last status brings (an error text, an output id). */
  extras?: StatusExtras;
}

async function committed(watch: Watch): Promise<void> {
  expect((await h.cycle(watch)).result).toBe('committed');
}

/** The trail each plan should leave: `created` at first sight, then one transition per change. */
function expectedTrail(path: readonly string[]): string[] {
  const statuses = path.map((raw) => normalizeStatus(raw, ALL_SPELLINGS));
  return [
    `created:${at(statuses, 0)}`,
    ...statuses.slice(1).map((to, i) => `transition:${at(statuses, i)}>${to}`),
  ];
}

/**
 * Baselines a watch over some old finished jobs, creates one job per plan and moves each along its
 * path one status per poll; then a job is born and finishes between two polls. Returns the job ids
 * (plans first, the short-lived job last) and the events queued.
 */
async function play(
  kind: SimJobKind,
  plans: Plan[],
  finished: string,
): Promise<{ ids: string[]; events: JobEvent[] }> {
  const sim = h.sim.sim;
  sim.createJobs({ kind, count: 5, status: finished, createdAt: LONG_AGO });
  const watch = h.watch(kind);
  expect(await h.cycle(watch)).toMatchObject({ result: 'committed', events: 0 });
  const ids = plans.map((plan) => at(sim.createJobs({ kind, status: at(plan.path, 0) }), 0).id);
  const rounds = Math.max(...plans.map((plan) => plan.path.length));
  for (let round = 0; round < rounds; round++) {
    plans.forEach((plan, i) => {
      const status = plan.path[round];
      if (round === 0 || status === undefined) return;
      sim.setStatus(at(ids, i), status, round === plan.path.length - 1 ? (plan.extras ?? {}) : {});
    });
    await committed(watch);
  }
  const flash = at(sim.createJobs({ kind, status: finished }), 0).id;
  await committed(watch);
  // A quiet poll adds nothing.
  expect(await h.cycle(watch)).toMatchObject({ result: 'committed', events: 0 });
  return { ids: [...ids, flash], events: await h.jobEvents() };
}

function rawJob(kind: SimJobKind, id: string): Record<string, unknown> {
  const job = h.sim.sim.jobs(kind).find((j) => j.job_id === id);
  if (job === undefined) throw new Error(`no ${kind} ${id}`);
  return job as unknown as Record<string, unknown>;
}

function expectTrails(events: JobEvent[], ids: string[], plans: Plan[], finished: string): void {
  const trails = trailByJob(events);
  expect([...trails.keys()].sort()).toEqual([...ids].sort());
  plans.forEach((plan, i) => {
    expect(trails.get(at(ids, i)), at(plan.path, 0)).toEqual(expectedTrail(plan.path));
  });
  expect(trails.get(at(ids, plans.length))).toEqual([`created:${normalizeStatus(finished, ALL_SPELLINGS)}`]);
  expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
}

describe('each kind along its real status paths', () => {
  test('fine-tunes', async () => {
    const plans: Plan[] = [
      { path: ['PENDING', 'QUEUING', 'RUNNING', 'SUCCEEDED'], extras: { output: 'qwen3-14b-ft-deployable' } },
      {
        path: ['PENDING', 'QUEUING', 'RUNNING', 'FAILED'],
        extras: { errorCode: 'InvalidParameter', errorMessage: 'Training data format error.' },
      },
      { path: ['PENDING', 'QUEUING', 'RUNNING', 'CANCELING', 'CANCELED'] },
    ];
    const { ids, events } = await play('fine_tune', plans, 'SUCCEEDED');
    expectTrails(events, ids, plans, 'SUCCEEDED');
    const [ok, failed, canceled, flash] = ids;
    expect(onlyEvent(events, ok ?? '', 'transition', 'SUCCEEDED').job.output).toBe('qwen3-14b-ft-deployable');
    expect(onlyEvent(events, failed ?? '', 'transition', 'FAILED').job.error).toEqual({
      code: 'InvalidParameter',
      message: 'Training data format error.',
    });
    expect(onlyEvent(events, canceled ?? '', 'transition', 'CANCELED').job.rawStatus).toBe('CANCELED');
    const born = onlyEvent(events, flash ?? '', 'created', 'SUCCEEDED');
    expect(born.job.output).toBe(rawJob('fine_tune', flash ?? '').finetuned_output);
    expect(born.job.output).toBeTruthy();
  });

  test('model imports (SUCCESSED, and a Chinese failure text)', async () => {
    const chinese = 'OSS擷取檔案失敗,請檢查OSS內檔案';
    const plans: Plan[] = [
      { path: ['PENDING', 'RUNNING', 'SUCCESSED'] },
      { path: ['PENDING', 'RUNNING', 'FAILED'], extras: { errorMessage: chinese } },
    ];
    const { ids, events } = await play('model_import', plans, 'SUCCESSED');
    expectTrails(events, ids, plans, 'SUCCESSED');
    const [ok, failed, flash] = ids;
    const succeeded = onlyEvent(events, ok ?? '', 'transition', 'SUCCEEDED');
    expect(succeeded.job.rawStatus).toBe('SUCCESSED');
    expect(succeeded.job.output).toBe(rawJob('model_import', ok ?? '').model_name);
    expect(succeeded.job.output).toMatch(/-offline-/);
    expect(onlyEvent(events, failed ?? '', 'transition', 'FAILED').job.error).toEqual({ message: chinese });
    expect(onlyEvent(events, flash ?? '', 'created', 'SUCCEEDED').job.output).toBe(
      rawJob('model_import', flash ?? '').model_name,
    );
  });

  test('compression jobs', async () => {
    const plans: Plan[] = [
      { path: ['PENDING', 'QUEUING', 'RUNNING', 'SUCCEEDED'], extras: { output: 'qwen3-nvfp4-out' } },
      {
        path: ['PENDING', 'QUEUING', 'RUNNING', 'FAILED'],
        extras: { errorCode: 'InternalError', errorMessage: '量化失败' },
      },
      { path: ['PENDING', 'QUEUING', 'RUNNING', 'CANCELING', 'CANCELED'] },
    ];
    const { ids, events } = await play('compression', plans, 'SUCCEEDED');
    expectTrails(events, ids, plans, 'SUCCEEDED');
    const [ok, failed, , flash] = ids;
    expect(onlyEvent(events, ok ?? '', 'transition', 'SUCCEEDED').job.output).toBe('qwen3-nvfp4-out');
    expect(onlyEvent(events, failed ?? '', 'transition', 'FAILED').job.error).toEqual({
      code: 'InternalError',
      message: '量化失败',
    });
    const born = onlyEvent(events, flash ?? '', 'created', 'SUCCEEDED');
    expect(born.job.output).toBe(rawJob('compression', flash ?? '').quantized_output);
    expect(born.job.output).toBeTruthy();
  });

  test('checkpoints of a cosyvoice-v3-flash fine-tune follow the fine-tune watch', async () => {
    const sim = h.sim.sim;
    const fineTunes = h.watch('fine_tune');
    const checkpoints = h.watch('checkpoint');
    const round = async () => {
      await committed(fineTunes);
      await committed(checkpoints);
    };
    await round();
    const parent = at(sim.createJobs({ kind: 'fine_tune', model: 'cosyvoice-v3-flash' }), 0).id;
    // A model without checkpoints is never asked for them.
    sim.createJobs({ kind: 'fine_tune', model: 'qwen3-14b', status: 'RUNNING' });
    await round();
    sim.setStatus(parent, 'RUNNING');
    const first = at(sim.addCheckpoints(parent), 0).id;
    await round();
    sim.setCheckpointStatus(first, 'SUCCEEDED');
    const second = at(sim.addCheckpoints(parent), 0).id;
    await round();
    sim.setCheckpointStatus(second, 'SUCCEEDED');
    // Born and settled between two polls, while the fine-tune finishes.
    const last = at(sim.addCheckpoints(parent, { status: 'SUCCEEDED' }), 0).id;
    sim.setStatus(parent, 'SUCCEEDED');
    await round();
    await round();

    const events = (await h.jobEvents()).filter((e) => e.job.kind === 'checkpoint');
    const trails = trailByJob(events);
    expect(Object.fromEntries(trails)).toEqual({
      [first]: ['created:PENDING', 'transition:PENDING>SUCCEEDED'],
      [second]: ['created:PENDING', 'transition:PENDING>SUCCEEDED'],
      [last]: ['created:SUCCEEDED'],
    });
    for (const id of [first, second, last]) {
      const done = events.find((e) => e.job.id === id && e.to === 'SUCCEEDED');
      expect(done?.job.output).toMatch(new RegExp(`^cosyvoice-v3-flash-${parent}-\\d+$`));
      expect(done?.job.parentId).toBe(parent);
    }
    const asked = sim.requests().filter((r) => r.path.endsWith('/checkpoints'));
    expect(new Set(asked.map((r) => r.path))).toEqual(new Set([`/api/v1/fine-tunes/${parent}/checkpoints`]));
    // Once the fine-tune is over and every checkpoint settled, its checkpoints are not read again.
    const before = asked.length;
    await round();
    expect(sim.requests().filter((r) => r.path.endsWith('/checkpoints')).length).toBe(before);
  });
});
