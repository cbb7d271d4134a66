import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/index.js';

let running: RunningSimulator;

async function control(method: string, path: string, body?: unknown) {
  const res = await fetch(`${running.url}/_sim${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field
  return { status: res.status, body: (await res.json()) as any };
}

async function api(path: string) {
  const res = await fetch(`${running.url}${path}`, { headers: { authorization: 'Bearer sk-sim-demo' } });
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field
  return { status: res.status, body: (await res.json()) as any };
}

beforeAll(async () => {
  running = await startSimulator({ now: () => new Date('2026-04-11T04:00:00Z') });
});
afterAll(() => running.close());
beforeEach(() => running.sim.reset());

describe('control API', () => {
  it('creates, lists, changes and deletes jobs', async () => {
    const created = await control('POST', '/jobs', { kind: 'compression', count: 2, status: 'RUNNING' });
    expect(created.status).toBe(200);
    expect(created.body.jobs).toHaveLength(2);
    const [first, second] = created.body.jobs as { kind: string; id: string }[];
    expect(first?.kind).toBe('compression');
    const listed = await control('GET', '/jobs?kind=compression');
    expect(listed.body.jobs.map((j: { job_id: string }) => j.job_id)).toEqual([first?.id, second?.id]);
    expect(listed.body.jobs[0].start_time).not.toBeNull();
    const changed = await control('POST', `/jobs/${first?.id}/status`, {
      status: 'FAILED',
      errorCode: 'X',
      errorMessage: 'y',
    });
    expect(changed).toEqual({ status: 200, body: { ok: true } });
    expect((await api(`/api/v1/fine-tunes/compress/jobs/${first?.id}`)).body.output.error).toEqual({
      code: 'X',
      message: 'y',
    });
    expect((await control('DELETE', `/jobs/${first?.id}`)).status).toBe(200);
    expect((await api(`/api/v1/fine-tunes/compress/jobs/${first?.id}`)).status).toBe(404);
    expect((await control('GET', '/jobs')).body.jobs).toHaveLength(1);
  });

  it('adds checkpoints and changes them by URL-encoded id', async () => {
    const { body } = await control('POST', '/jobs', { kind: 'fine_tune' });
    const jobId = body.jobs[0].id as string;
    const added = await control('POST', `/jobs/${jobId}/checkpoints`, { count: 2 });
    expect(added.body.checkpoints).toEqual([
      { kind: 'checkpoint', id: `${jobId}:checkpoint-00010001` },
      { kind: 'checkpoint', id: `${jobId}:checkpoint-00020002` },
    ]);
    const cpId = encodeURIComponent(`${jobId}:checkpoint-00020002`);
    expect((await control('POST', `/checkpoints/${cpId}/status`, { status: 'SUCCEEDED' })).status).toBe(200);
    const list = (await api(`/api/v1/fine-tunes/${jobId}/checkpoints`)).body.output;
    expect(list[0]).toMatchObject({ status: 'SUCCEEDED', model_name: expect.any(String) });
  });

  it('injects and clears faults, and revokes keys', async () => {
    const fault = await control('POST', '/faults', {
      type: 'status',
      httpStatus: 429,
      retryAfter: '1',
      probability: 1,
    });
    expect(fault.body.id).toEqual(expect.any(String));
    expect((await api('/api/v1/fine-tunes')).status).toBe(429);
    expect((await control('DELETE', '/faults')).status).toBe(200);
    expect((await api('/api/v1/fine-tunes')).status).toBe(200);
    expect((await control('PUT', '/keys', { keys: ['sk-new'] })).status).toBe(200);
    expect((await api('/api/v1/fine-tunes')).status).toBe(401);
  });

  it('counts API requests per route, not control calls', async () => {
    const { body } = await control('POST', '/jobs', { kind: 'fine_tune' });
    await api('/api/v1/fine-tunes');
    await api('/api/v1/fine-tunes');
    await api(`/api/v1/fine-tunes/${body.jobs[0].id}`);
    await api('/api/v1/fine-tunes/compress/jobs');
    const stats = await control('GET', '/stats');
    expect(stats.body).toEqual({
      requests: 4,
      byRoute: {
        'GET /api/v1/fine-tunes': 2,
        'GET /api/v1/fine-tunes/:id': 1,
        'GET /api/v1/fine-tunes/compress/jobs': 1,
      },
      faults: {},
    });
    const requests = await control('GET', '/requests');
    expect(requests.body.requests).toHaveLength(4);
    await control('DELETE', '/stats');
    expect((await control('GET', '/stats')).body).toEqual({ requests: 0, byRoute: {}, faults: {} });
  });

  it('keeps only the last 1000 requests', async () => {
    for (let i = 0; i < 1010; i++) await api(`/api/v1/fine-tunes?page_no=${i + 1}`);
    const recorded = running.sim.requests();
    expect(recorded).toHaveLength(1000);
    expect(recorded[0]?.query.page_no).toBe('11');
    expect(running.sim.stats().requests).toBe(1010);
  });

  it('resets everything', async () => {
    await control('POST', '/jobs', { kind: 'model_import', count: 3 });
    await control('PUT', '/keys', { keys: [] });
    expect((await control('POST', '/reset')).status).toBe(200);
    expect((await control('GET', '/jobs')).body.jobs).toEqual([]);
    expect((await api('/api/v1/custom_models/import')).body.output.total).toBe(0);
  });

  it.each([
    ['POST', '/jobs', '{not json', 400],
    ['POST', '/jobs', { kind: 'bogus' }, 400],
    ['POST', '/jobs', { kind: 'fine_tune', count: 0 }, 400],
    ['POST', '/jobs', { kind: 'fine_tune', count: 'two' }, 400],
    ['POST', '/jobs', { kind: 'fine_tune', createdAt: 'yesterday' }, 400],
    ['POST', '/jobs', [1, 2], 400],
    ['GET', '/jobs?kind=bogus', undefined, 400],
    ['POST', '/jobs/ft-nope/status', { status: 'RUNNING' }, 404],
    ['POST', '/jobs/ft-nope/status', {}, 400],
    ['DELETE', '/jobs/ft-nope', undefined, 404],
    ['POST', '/jobs/ft-nope/checkpoints', {}, 404],
    ['POST', '/checkpoints/nope/status', { status: 'SUCCEEDED' }, 404],
    ['POST', '/faults', { type: 'explode' }, 400],
    ['POST', '/faults', { type: 'status', match: { pathRegex: '(' } }, 400],
    ['POST', '/faults', { type: 'status', probability: 2 }, 400],
    ['PUT', '/keys', { keys: 'sk' }, 400],
    ['GET', '/nowhere', undefined, 404],
  ])('%s %s with %j answers %i {error}', async (method, path, body, status) => {
    const res = await control(method, path, body);
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error: expect.any(String) });
  });
});
