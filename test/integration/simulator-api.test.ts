import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/index.js';

const KEY = 'sk-sim-demo';
const NOW = new Date('2026-04-11T04:00:00Z'); // 12:00 in China
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let running: RunningSimulator;

async function api(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${running.url}${path}`, {
    headers: { authorization: `Bearer ${KEY}`, ...headers },
  });
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

beforeAll(async () => {
  running = await startSimulator({ now: () => NOW, seed: 42 });
});
afterAll(() => running.close());
beforeEach(() => running.sim.reset());

describe('auth and errors', () => {
  it.each([
    ['no header', {}],
    ['wrong key', { authorization: 'Bearer sk-wrong' }],
    ['not bearer', { authorization: KEY }],
  ])('401 InvalidApiKey with %s', async (_label, headers) => {
    const res = await fetch(`${running.url}/api/v1/fine-tunes`, { headers });
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body).toEqual({
      request_id: expect.stringMatching(UUID),
      code: 'InvalidApiKey',
      message: 'Invalid API-key provided.',
    });
  });

  it.each([
    '/api/v1/fine-tunes/ft-000000000000-dead',
    '/api/v1/fine-tunes/ft-000000000000-dead/checkpoints',
    '/api/v1/custom_models/import/00000000-0000-4000-8000-000000000000',
    '/api/v1/fine-tunes/compress/jobs/quant-000000000000-dead',
    '/api/v1/fine-tunes/compress',
    '/api/v1/nothing-here',
    '/elsewhere',
  ])('404 NotFound for %s', async (path) => {
    const { status, body } = await api(path);
    expect(status).toBe(404);
    expect(body).toEqual({
      request_id: expect.stringMatching(UUID),
      code: 'NotFound',
      message: 'Not Found!',
    });
  });

  it('gives every response a fresh request_id', async () => {
    const a = await api('/api/v1/fine-tunes');
    const b = await api('/api/v1/fine-tunes');
    expect(a.body.request_id).toMatch(UUID);
    expect(a.body.request_id).not.toBe(b.body.request_id);
  });

  it('honours revoked and restored keys', async () => {
    running.sim.setApiKeys(['sk-other']);
    expect((await api('/api/v1/fine-tunes')).status).toBe(401);
    running.sim.setApiKeys([KEY]);
    expect((await api('/api/v1/fine-tunes')).status).toBe(200);
  });
});

describe('paging', () => {
  const lists = ['/api/v1/fine-tunes', '/api/v1/custom_models/import', '/api/v1/fine-tunes/compress/jobs'];

  it.each(lists)('%s defaults to page 1 of 10 and reports the total', async (path) => {
    for (const kind of ['fine_tune', 'model_import', 'compression'] as const)
      running.sim.createJobs({ kind, count: 12 });
    const { status, body } = await api(path);
    expect(status).toBe(200);
    expect(body.output).toMatchObject({ page_no: 1, page_size: 10, total: 12 });
    expect(body.output.jobs ?? body.output.list).toHaveLength(10);
  });

  it.each(lists)('%s pages past the end are empty', async (path) => {
    for (const kind of ['fine_tune', 'model_import', 'compression'] as const)
      running.sim.createJobs({ kind, count: 12 });
    const second = await api(`${path}?page_no=2&page_size=10`);
    expect(second.body.output.jobs ?? second.body.output.list).toHaveLength(2);
    const past = await api(`${path}?page_no=5&page_size=10`);
    expect(past.body.output).toMatchObject({ page_no: 5, total: 12 });
    expect(past.body.output.jobs ?? past.body.output.list).toEqual([]);
  });

  it.each(
    lists.flatMap((path) =>
      [
        'page_size=0',
        'page_size=101',
        'page_size=abc',
        'page_size=1.5',
        'page_no=0',
        'page_no=-1',
        'page_no=',
      ].map((q) => [path, q] as const),
    ),
  )('%s?%s is 400 InvalidParameter', async (path, q) => {
    const { status, body } = await api(`${path}?${q}`);
    expect(status).toBe(400);
    expect(body).toEqual({
      request_id: expect.any(String),
      code: 'InvalidParameter',
      message: expect.any(String),
    });
  });

  it('accepts page_size 100 and 1', async () => {
    running.sim.createJobs({ kind: 'fine_tune', count: 150, spacingMs: 0 });
    expect((await api('/api/v1/fine-tunes?page_size=100')).body.output.jobs).toHaveLength(100);
    expect((await api('/api/v1/fine-tunes?page_size=1')).body.output.jobs).toHaveLength(1);
  });
});

describe('order and filters', () => {
  it('lists fine-tunes newest first, filtered by model', async () => {
    const a = running.sim.createJobs({
      kind: 'fine_tune',
      count: 3,
      model: 'qwen3-14b',
      createdAt: '2026-04-01T00:00:00Z',
    });
    const b = running.sim.createJobs({
      kind: 'fine_tune',
      count: 2,
      model: 'qwen3-8b',
      createdAt: '2026-04-02T00:00:00Z',
    });
    const all = await api('/api/v1/fine-tunes');
    expect(all.body.output.jobs.map((j: { job_id: string }) => j.job_id)).toEqual(
      [...a, ...b].map((r) => r.id).reverse(),
    );
    const filtered = await api('/api/v1/fine-tunes?model=qwen3-14b&page_size=2');
    expect(filtered.body.output.total).toBe(3);
    expect(filtered.body.output.jobs.map((j: { job_id: string }) => j.job_id)).toEqual([a[2]?.id, a[1]?.id]);
  });

  it('keeps creation order when jobs are created out of order', async () => {
    const late = running.sim.createJobs({ kind: 'fine_tune', createdAt: '2026-04-05T00:00:00Z' });
    const early = running.sim.createJobs({ kind: 'fine_tune', createdAt: '2026-04-01T00:00:00Z' });
    const { body } = await api('/api/v1/fine-tunes');
    expect(body.output.jobs.map((j: { job_id: string }) => j.job_id)).toEqual([late[0]?.id, early[0]?.id]);
  });

  it('lists imports oldest first by default, filtered by raw status and model_name', async () => {
    const refs = running.sim.createJobs({ kind: 'model_import', count: 3 });
    running.sim.setStatus(refs[1]?.id ?? '', 'SUCCESSED');
    const all = await api('/api/v1/custom_models/import');
    expect(all.body.output.list.map((j: { job_id: string }) => j.job_id)).toEqual(refs.map((r) => r.id));
    const ok = await api('/api/v1/custom_models/import?status=SUCCESSED');
    expect(ok.body.output).toMatchObject({ total: 1, list: [{ job_id: refs[1]?.id, status: 'SUCCESSED' }] });
    expect((await api('/api/v1/custom_models/import?status=SUCCEEDED')).body.output.total).toBe(0);
    const name = all.body.output.list[2].model_name;
    const byName = await api(`/api/v1/custom_models/import?model_name=${encodeURIComponent(name)}`);
    expect(byName.body.output.list.map((j: { job_id: string }) => j.job_id)).toEqual([refs[2]?.id]);
  });

  it('lists imports newest first with importOrder desc', async () => {
    const other = await startSimulator({ importOrder: 'desc' });
    try {
      const refs = other.sim.createJobs({ kind: 'model_import', count: 3 });
      const res = await fetch(`${other.url}/api/v1/custom_models/import`, {
        headers: { authorization: `Bearer ${KEY}` },
      });
      const body = (await res.json()) as { output: { list: { job_id: string }[] } };
      expect(body.output.list.map((j) => j.job_id)).toEqual(refs.map((r) => r.id).reverse());
    } finally {
      await other.close();
    }
  });

  it('lists compression jobs by create_time, desc by default, with filters', async () => {
    const refs = running.sim.createJobs({ kind: 'compression', count: 3, model: 'my-ft-model' });
    running.sim.createJobs({ kind: 'compression', name: 'special', createdAt: '2026-04-11T05:00:00Z' });
    running.sim.setStatus(refs[0]?.id ?? '', 'RUNNING');
    const ids = (body: { output: { jobs: { job_id: string }[] } }) => body.output.jobs.map((j) => j.job_id);
    const desc = await api('/api/v1/fine-tunes/compress/jobs?sort_by=create_time');
    expect(ids(desc.body).slice(1)).toEqual(refs.map((r) => r.id).reverse());
    const asc = await api('/api/v1/fine-tunes/compress/jobs?sort_order=asc');
    expect(ids(asc.body).slice(0, 3)).toEqual(refs.map((r) => r.id));
    expect((await api('/api/v1/fine-tunes/compress/jobs?status=RUNNING')).body.output.total).toBe(1);
    expect((await api('/api/v1/fine-tunes/compress/jobs?model=my-ft-model')).body.output.total).toBe(3);
    expect((await api('/api/v1/fine-tunes/compress/jobs?job_name=special')).body.output.total).toBe(1);
    expect(ids((await api(`/api/v1/fine-tunes/compress/jobs?job_id=${refs[1]?.id}`)).body)).toEqual([
      refs[1]?.id,
    ]);
    expect(
      (await api('/api/v1/fine-tunes/compress/jobs?template_id=quant-flash-nvfp4-mlp-nomtp')).body.output
        .total,
    ).toBe(4);
    expect((await api('/api/v1/fine-tunes/compress/jobs?template_id=other')).body.output.total).toBe(0);
  });

  it.each(['sort_by=gmt_create', 'sort_order=up'])('compression ?%s is 400 InvalidParameter', async (q) => {
    const { status, body } = await api(`/api/v1/fine-tunes/compress/jobs?${q}`);
    expect(status).toBe(400);
    expect(body.code).toBe('InvalidParameter');
  });
});
