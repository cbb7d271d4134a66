import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/index.js';

const AUTH = { authorization: 'Bearer sk-sim-demo' };
let running: RunningSimulator;

function get(path: string, init: RequestInit = {}) {
  return fetch(`${running.url}${path}`, { headers: AUTH, ...init });
}

beforeAll(async () => {
  running = await startSimulator();
});
afterAll(() => running.close());
beforeEach(() => running.sim.reset());

describe("'status' faults", () => {
  it.each([
    [429, 'Throttling', 'Requests throttling triggered.'],
    [500, 'InternalError', 'Internal server error!'],
    [401, 'InvalidApiKey', 'Invalid API-key provided.'],
    [403, 'AccessDenied', expect.any(String)],
    [503, 'ServiceUnavailable', expect.any(String)],
  ])('%i answers the vendor body for %s', async (httpStatus, code, message) => {
    running.sim.injectFault({ type: 'status', httpStatus });
    const res = await get('/api/v1/fine-tunes');
    expect(res.status).toBe(httpStatus);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(await res.json()).toEqual({ request_id: expect.any(String), code, message });
    expect((await get('/api/v1/fine-tunes')).status).toBe(200);
  });

  it('defaults to 500 and carries Retry-After, custom code and message', async () => {
    running.sim.injectFault({ type: 'status' });
    expect((await get('/api/v1/fine-tunes')).status).toBe(500);
    running.sim.injectFault({
      type: 'status',
      httpStatus: 429,
      code: 'QuotaExceeded',
      message: 'slow down',
      retryAfter: '2',
    });
    const res = await get('/api/v1/fine-tunes/compress/jobs');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(await res.json()).toMatchObject({ code: 'QuotaExceeded', message: 'slow down' });
  });

  it('applies before auth', async () => {
    running.sim.injectFault({ type: 'status', httpStatus: 429 });
    const res = await fetch(`${running.url}/api/v1/fine-tunes`);
    expect(res.status).toBe(429);
    await res.body?.cancel();
    expect(running.sim.requests()[0]).toMatchObject({ authorized: false, status: 429 });
  });
});

describe('counts, probabilities and matching', () => {
  it('faults the next K matching requests only', async () => {
    running.sim.injectFault({ type: 'status', count: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get('/api/v1/fine-tunes')).status);
    expect(statuses).toEqual([500, 500, 200]);
    expect(running.sim.stats().faults).toEqual({ '500': 2 });
  });

  it('with probability 1 faults until cleared; with 0 never', async () => {
    running.sim.injectFault({ type: 'status', probability: 0 });
    expect((await get('/api/v1/fine-tunes')).status).toBe(200);
    running.sim.injectFault({ type: 'status', httpStatus: 503, probability: 1 });
    for (let i = 0; i < 3; i++) expect((await get('/api/v1/fine-tunes')).status).toBe(503);
    running.sim.clearFaults();
    expect((await get('/api/v1/fine-tunes')).status).toBe(200);
  });

  it('matches by method, path prefix, regex and query', async () => {
    running.sim.injectFault({
      type: 'status',
      probability: 1,
      match: { method: 'get', path: '/api/v1/custom_models' },
    });
    running.sim.injectFault({
      type: 'status',
      httpStatus: 429,
      probability: 1,
      match: { pathRegex: '/compress/jobs$' },
    });
    running.sim.injectFault({
      type: 'status',
      httpStatus: 503,
      probability: 1,
      match: { query: { page_no: '3' } },
    });
    expect((await get('/api/v1/custom_models/import')).status).toBe(500);
    expect((await get('/api/v1/fine-tunes/compress/jobs')).status).toBe(429);
    expect((await get('/api/v1/fine-tunes/compress/jobs/x')).status).toBe(404);
    expect((await get('/api/v1/fine-tunes?page_no=3')).status).toBe(503);
    expect((await get('/api/v1/fine-tunes?page_no=2')).status).toBe(200);
  });

  it('never applies to the control API', async () => {
    running.sim.injectFault({ type: 'reset', probability: 1 });
    expect((await fetch(`${running.url}/_sim/stats`)).status).toBe(200);
  });
});

describe('broken transports', () => {
  it("'hang' never answers", async () => {
    running.sim.injectFault({ type: 'hang' });
    await expect(get('/api/v1/fine-tunes', { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(running.sim.requests()[0]?.status).toBe(0);
    expect((await get('/api/v1/fine-tunes')).status).toBe(200);
  });

  it("close() ends a server with a 'hang'ing request", async () => {
    const other = await startSimulator();
    other.sim.injectFault({ type: 'hang' });
    const pending = fetch(`${other.url}/api/v1/fine-tunes`, { headers: AUTH });
    await new Promise((r) => setTimeout(r, 100));
    await other.close();
    await expect(pending).rejects.toThrow();
  });

  it("'truncated' answers 200 JSON with half a body", async () => {
    running.sim.createJobs({ kind: 'fine_tune', count: 3 });
    running.sim.injectFault({ type: 'truncated' });
    const res = await get('/api/v1/fine-tunes');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
    const full = await (await get('/api/v1/fine-tunes')).text();
    expect(text.length).toBe(Math.floor(full.length / 2));
  });

  it("'slow' answers normally after delayMs", async () => {
    running.sim.injectFault({ type: 'slow', delayMs: 300 });
    const started = Date.now();
    const res = await get('/api/v1/fine-tunes');
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ output: { total: 0 } });
  });

  it("'garbage' answers 200 with HTML", async () => {
    running.sim.injectFault({ type: 'garbage' });
    const res = await get('/api/v1/fine-tunes');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    await expect(res.json()).rejects.toThrow();
  });

  it("'reset' destroys the socket", async () => {
    running.sim.injectFault({ type: 'reset' });
    await expect(get('/api/v1/fine-tunes')).rejects.toThrow();
    expect((await get('/api/v1/fine-tunes')).status).toBe(200);
  });
});
