import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { USER_AGENT } from '../../src/core/version.js';
import {
  createDashScopeClient,
  type DashScopeClient,
  type DashScopeClientOptions,
  DashScopeError,
  type Query,
} from '../../src/dashscope/index.js';
import type { ApiResult } from '../../src/dashscope/response.js';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/index.js';
import type { RawCheckpoint } from '../../src/kinds/checkpoint/raw.js';
import type {
  CompressionListQuery,
  RawCompressionJob,
  RawCompressionList,
} from '../../src/kinds/compression/raw.js';
import type { FineTuneListQuery, RawFineTuneJob, RawFineTuneList } from '../../src/kinds/fine-tune/raw.js';
import { KINDS } from '../../src/kinds/index.js';
import type { ImportListQuery, RawImportJob, RawImportList } from '../../src/kinds/model-import/raw.js';

const KEY = 'sk-dashwatch-LEAKCHECK-7f3a9c';
const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20 };

let running: RunningSimulator;
const clients: DashScopeClient[] = [];

function client(overrides: Partial<DashScopeClientOptions> = {}): DashScopeClient {
  const c = createDashScopeClient({ apiKey: KEY, baseUrl: running.url, retry: FAST_RETRY, ...overrides });
  clients.push(c);
  return c;
}

/** The generic client's calls for each kind, typed with the kind's raw shapes. */
function typed(c: DashScopeClient) {
  const list = <T>(
    kind: 'fine_tune' | 'model_import' | 'compression',
    query?: object,
    signal?: AbortSignal,
  ) => c.list(KINDS[kind].list, query as Query, signal) as Promise<ApiResult<T>>;
  return {
    listFineTunes: (query?: FineTuneListQuery, signal?: AbortSignal) =>
      list<RawFineTuneList>('fine_tune', query, signal),
    listImports: (query?: ImportListQuery, signal?: AbortSignal) =>
      list<RawImportList>('model_import', query, signal),
    listCompressions: (query?: CompressionListQuery, signal?: AbortSignal) =>
      list<RawCompressionList>('compression', query, signal),
    getFineTune: (id: string, signal?: AbortSignal) =>
      c.detail<RawFineTuneJob>(KINDS.fine_tune.detailPath(id), signal),
    getImport: (id: string, signal?: AbortSignal) =>
      c.detail<RawImportJob>(KINDS.model_import.detailPath(id), signal),
    getCompression: (id: string, signal?: AbortSignal) =>
      c.detail<RawCompressionJob>(KINDS.compression.detailPath(id), signal),
    listCheckpoints: (id: string, signal?: AbortSignal) =>
      c.array<RawCheckpoint>(`/fine-tunes/${encodeURIComponent(id)}/checkpoints`, signal),
  };
}

async function failure(promise: Promise<unknown>): Promise<DashScopeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DashScopeError);
  return error as DashScopeError;
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  running = await startSimulator({ apiKeys: [KEY] });
});
afterAll(async () => {
  await running.close();
});
beforeEach(() => {
  running.sim.reset();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

describe('DashScope client against the simulator', () => {
  it('lists 1,234 fine-tunes exactly once through paging', async () => {
    const created = running.sim.createJobs({ kind: 'fine_tune', count: 1234, seed: 7 });
    const c = client();
    const ids: string[] = [];
    const pages: number[] = [];
    for await (const page of c.pages(KINDS.fine_tune.list, {})) {
      pages.push(page.pageNo);
      expect(page).toMatchObject({ total: 1234, pageSize: 100, requestId: expect.any(String) });
      ids.push(...(page.items as RawFineTuneJob[]).map((job) => job.job_id));
    }
    expect(pages).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(ids).toHaveLength(1234);
    expect(new Set(ids)).toEqual(new Set(created.map((r) => r.id)));
    expect(c.requestCount).toBe(13);
    expect(running.sim.requests().every((r) => r.query.page_size === '100')).toBe(true);
  });

  it('stops on an empty list and honours a starting page', async () => {
    const c = client();
    const empty = [];
    for await (const page of c.pages(KINDS.compression.list, { status: 'RUNNING' })) empty.push(page);
    expect(empty).toEqual([expect.objectContaining({ items: [], total: 0, pageNo: 1 })]);

    running.sim.createJobs({ kind: 'model_import', count: 25, seed: 3 });
    const seen: number[] = [];
    for await (const page of c.pages(KINDS.model_import.list, { page_no: 2, page_size: 10 }))
      seen.push(page.items.length);
    expect(seen).toEqual([10, 5]);
  });

  it('filters fine-tunes by model', async () => {
    running.sim.createJobs({ kind: 'fine_tune', count: 5, seed: 1, model: 'qwen3-14b' });
    running.sim.createJobs({ kind: 'fine_tune', count: 7, seed: 2, model: 'qwen3-8b' });
    const { output, requestId } = await typed(client()).listFineTunes({ model: 'qwen3-14b', page_size: 100 });
    expect(requestId).toEqual(expect.any(String));
    expect(output.total).toBe(5);
    expect(output.jobs.map((j) => j.model)).toEqual(Array(5).fill('qwen3-14b'));
    expect(running.sim.requests()[0]?.query).toEqual({ model: 'qwen3-14b', page_size: '100' });
  });

  it('filters imports by raw status (SUCCESSED) and model_name', async () => {
    running.sim.createJobs({ kind: 'model_import', count: 3, seed: 1, status: 'SUCCESSED' });
    running.sim.createJobs({ kind: 'model_import', count: 4, seed: 2 });
    const c = client();
    const done = await typed(c).listImports({ status: 'SUCCESSED' });
    expect(done.output.total).toBe(3);
    expect(done.output.list.map((j) => j.status)).toEqual(['SUCCESSED', 'SUCCESSED', 'SUCCESSED']);

    const name = done.output.list[1]?.model_name;
    expect(name).toEqual(expect.any(String));
    const one = await typed(c).listImports({ model_name: name });
    expect(one.output.total).toBe(1);
    expect(one.output.list[0]?.job_id).toBe(done.output.list[1]?.job_id);
  });

  it('filters compressions by status and model, in either sort order', async () => {
    running.sim.createJobs({
      kind: 'compression',
      count: 3,
      seed: 1,
      status: 'RUNNING',
      model: 'qwen3.5-flash-ft',
    });
    running.sim.createJobs({ kind: 'compression', count: 2, seed: 2, status: 'RUNNING', model: 'other' });
    running.sim.createJobs({
      kind: 'compression',
      count: 2,
      seed: 3,
      status: 'SUCCEEDED',
      model: 'qwen3.5-flash-ft',
    });
    const c = client();
    const query = { status: 'RUNNING', model: 'qwen3.5-flash-ft' };
    const desc = await typed(c).listCompressions({ ...query, sort_by: 'create_time', sort_order: 'desc' });
    const asc = await typed(c).listCompressions({ ...query, sort_by: 'create_time', sort_order: 'asc' });
    expect(desc.output.total).toBe(3);
    for (const job of desc.output.jobs)
      expect(job).toMatchObject({ status: 'RUNNING', model: 'qwen3.5-flash-ft' });
    const descIds = desc.output.jobs.map((j) => j.job_id);
    expect(asc.output.jobs.map((j) => j.job_id)).toEqual([...descIds].reverse());
  });

  it('reads the detail of each kind and a checkpoint list', async () => {
    const [ft] = running.sim.createJobs({
      kind: 'fine_tune',
      count: 1,
      seed: 1,
      model: 'cosyvoice-v3-flash',
    });
    const [imp] = running.sim.createJobs({ kind: 'model_import', count: 1, seed: 2 });
    const [comp] = running.sim.createJobs({ kind: 'compression', count: 1, seed: 3 });
    if (!ft || !imp || !comp) throw new Error('simulator created no jobs');
    running.sim.addCheckpoints(ft.id, { count: 3 });
    const c = client();
    expect((await typed(c).getFineTune(ft.id)).output.job_id).toBe(ft.id);
    expect((await typed(c).getImport(imp.id)).output.job_id).toBe(imp.id);
    expect((await typed(c).getCompression(comp.id)).output.job_id).toBe(comp.id);
    const checkpoints = await typed(c).listCheckpoints(ft.id);
    expect(checkpoints.output).toHaveLength(3);
    expect(checkpoints.output.map((cp) => cp.job_id)).toEqual([ft.id, ft.id, ft.id]);
    expect(running.sim.requests().map((r) => r.path)).toEqual([
      `/api/v1/fine-tunes/${ft.id}`,
      `/api/v1/custom_models/import/${imp.id}`,
      `/api/v1/fine-tunes/compress/jobs/${comp.id}`,
      `/api/v1/fine-tunes/${ft.id}/checkpoints`,
    ]);
  });

  it('URL-encodes path ids', async () => {
    const error = await failure(typed(client()).getFineTune('a/b c?d'));
    expect(error.endpoint).toBe('GET /api/v1/fine-tunes/a%2Fb%20c%3Fd');
    expect(running.sim.requests()[0]?.path).toBe('/api/v1/fine-tunes/a%2Fb%20c%3Fd');
  });

  it('sends the user agent and the workspace header only when a workspace is set', async () => {
    await typed(client()).listFineTunes();
    await typed(client({ workspace: 'ws-42' })).listFineTunes();
    const [plain, scoped] = running.sim.requests();
    expect(plain).toMatchObject({ userAgent: USER_AGENT, authorized: true });
    expect(plain?.workspace).toBeUndefined();
    expect(scoped).toMatchObject({ userAgent: USER_AGENT, authorized: true, workspace: 'ws-42' });
  });

  it('waits out a 429 with Retry-After: 1, then succeeds', async () => {
    running.sim.injectFault({ type: 'status', httpStatus: 429, code: 'Throttling', retryAfter: '1' });
    const c = client();
    const started = performance.now();
    await typed(c).listFineTunes();
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect(c.requestCount).toBe(2);
    expect(running.sim.requests().map((r) => r.status)).toEqual([429, 200]);
  });

  it('retries three 500s, then succeeds', async () => {
    running.sim.injectFault({ type: 'status', httpStatus: 500, count: 3 });
    const c = client();
    await expect(typed(c).listImports()).resolves.toMatchObject({ output: { total: 0 } });
    expect(c.requestCount).toBe(4);
  });

  it('retries a reset connection', async () => {
    running.sim.injectFault({ type: 'reset' });
    const c = client();
    await expect(typed(c).listFineTunes()).resolves.toMatchObject({ output: { total: 0 } });
    expect(c.requestCount).toBe(2);
  });

  it('gives up on a persistent 500 with the vendor code and request id', async () => {
    running.sim.injectFault({ type: 'status', httpStatus: 500, count: 100 });
    const c = client({ retry: { ...FAST_RETRY, maxAttempts: 3 } });
    const error = await failure(typed(c).listFineTunes());
    expect(error).toMatchObject({
      code: 'InternalError',
      httpStatus: 500,
      requestId: expect.any(String),
      retryable: true,
      attempts: 3,
      endpoint: 'GET /api/v1/fine-tunes',
    });
    expect(c.requestCount).toBe(3);
  });

  it('does not retry a 401', async () => {
    const c = client({ apiKey: 'sk-wrong' });
    const error = await failure(typed(c).listFineTunes());
    expect(error).toMatchObject({ code: 'InvalidApiKey', httpStatus: 401, retryable: false, attempts: 1 });
    expect(running.sim.stats().requests).toBe(1);
  });

  it('answers NotFound with a request id for an unknown job', async () => {
    const error = await failure(typed(client()).getCompression('quant-000000000000-none'));
    expect(error).toMatchObject({
      code: 'NotFound',
      httpStatus: 404,
      requestId: expect.any(String),
      attempts: 1,
    });
  });

  it('times out a hanging server, retrying within maxAttempts', async () => {
    running.sim.injectFault({ type: 'hang', count: 5 });
    const c = client({ timeoutMs: 300, retry: { ...FAST_RETRY, maxAttempts: 2 } });
    const started = performance.now();
    const error = await failure(typed(c).listFineTunes());
    expect(error).toMatchObject({ code: 'Timeout', retryable: true, attempts: 2 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(590);
    expect(c.requestCount).toBe(2);
  });

  it('times out a body that arrives too late', async () => {
    running.sim.injectFault({ type: 'slow', delayMs: 1000 });
    const c = client({ timeoutMs: 200, retry: { maxAttempts: 1 } });
    expect(await failure(typed(c).listFineTunes())).toMatchObject({ code: 'Timeout' });
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    running.sim.injectFault({ type: 'hang', count: 5 });
    const c = client({ timeoutMs: 5000 });
    const error = await failure(typed(c).listFineTunes({}, AbortSignal.timeout(100)));
    expect(error).toMatchObject({ code: 'Aborted', retryable: false });
    expect(c.requestCount).toBe(1);
  });

  it.each(['truncated', 'garbage'] as const)('reports a %s 200 as BadResponse, not retried', async (type) => {
    running.sim.createJobs({ kind: 'fine_tune', count: 3, seed: 1 });
    running.sim.injectFault({ type });
    const c = client();
    const error = await failure(typed(c).listFineTunes());
    expect(error).toMatchObject({ code: 'BadResponse', httpStatus: 200, retryable: false, attempts: 1 });
    expect(c.requestCount).toBe(1);
  });

  it('fails fast after close', async () => {
    const c = client();
    await c.close();
    expect(await failure(typed(c).listFineTunes())).toMatchObject({ code: 'Aborted', retryable: false });
  });
});

describe('DashScope client against a scripted server', () => {
  let server: Server;
  let url: string;
  let body = '';
  let reply: (() => string) | undefined;
  let connections = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(reply?.() ?? body);
    });
    server.on('connection', () => connections++);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    reply = undefined;
  });

  it('reuses keep-alive connections for sequential calls', async () => {
    body = JSON.stringify({ request_id: 'r', output: { total: 0, page_no: 1, page_size: 10, jobs: [] } });
    connections = 0;
    const c = client({ baseUrl: `${url}/api/v1/` });
    for (let i = 0; i < 10; i++) await typed(c).listFineTunes();
    // undici may open a second socket while the first is still being released; never one per call.
    expect(connections).toBeLessThanOrEqual(2);
  });

  const job = { job_id: 'ft-1', status: 'RUNNING' };
  it.each([
    ['JSON array', [1, 2]],
    ['no output', { request_id: 'r' }],
    ['null output', { request_id: 'r', output: null }],
    ['jobs missing', { request_id: 'r', output: { total: 1 } }],
    ['jobs not an array', { request_id: 'r', output: { total: 1, jobs: { 0: job } } }],
    ['total not a number', { request_id: 'r', output: { total: '1', jobs: [job] } }],
    ['total negative', { request_id: 'r', output: { total: -1, jobs: [] } }],
  ])('rejects a list with %s as BadResponse', async (_label, payload) => {
    body = JSON.stringify(payload);
    const error = await failure(typed(client({ baseUrl: url })).listFineTunes());
    expect(error).toMatchObject({ code: 'BadResponse', retryable: false });
  });

  // One broken item must not blind a whole watch: the normalizer logs and skips it.
  it.each([
    ['item without job_id', { status: 'RUNNING' }],
    ['item with numeric status', { job_id: 'a', status: 3 }],
    ['item null', null],
  ])('hands on a list with an %s for the normalizer to skip', async (_label, item) => {
    body = JSON.stringify({ request_id: 'r', output: { total: 2, jobs: [item, job] } });
    const { output } = await typed(client({ baseUrl: url })).listFineTunes();
    expect(output.jobs).toEqual([item, job]);
  });

  it.each([
    [
      'detail without status',
      () => typed(client({ baseUrl: url })).getImport('x'),
      { request_id: 'r', output: { job_id: 'x' } },
    ],
    [
      'checkpoints not an array',
      () => typed(client({ baseUrl: url })).listCheckpoints('x'),
      { request_id: 'r', output: {} },
    ],
  ])('rejects a %s as BadResponse', async (_label, call, payload) => {
    body = JSON.stringify(payload);
    expect(await failure(call())).toMatchObject({ code: 'BadResponse', requestId: 'r' });
  });

  it('stops paging a server whose total keeps running ahead', async () => {
    let served = 0;
    reply = () => JSON.stringify({ request_id: 'r', output: { total: 3 + served++ * 100, jobs: [job] } });
    const c = client({ baseUrl: url });
    let pages = 0;
    const drain = async () => {
      for await (const _ of c.pages(KINDS.fine_tune.list, { page_size: 1 })) pages++;
    };
    expect(await failure(drain())).toMatchObject({ code: 'BadResponse', endpoint: 'GET /api/v1/fine-tunes' });
    // The first page's total (3) allows 3 × 2 + 10 pages.
    expect(pages).toBe(16);
  });
});

describe('the API key stays secret', () => {
  it('appears in no error or log line, whatever fails', async () => {
    const lines: string[] = [];
    const destination = { write: (line: string) => lines.push(line) } as unknown as Writable;
    const logger = createLogger({ level: 'trace', destination });
    const errors: DashScopeError[] = [];
    const make = (overrides: Partial<DashScopeClientOptions> = {}) =>
      client({ logger, retry: { ...FAST_RETRY, maxAttempts: 2 }, ...overrides });

    running.sim.setApiKeys(['sk-someone-else']);
    errors.push(await failure(typed(make()).listFineTunes()));
    running.sim.setApiKeys([KEY]);

    running.sim.injectFault({ type: 'status', httpStatus: 500, count: 10 });
    errors.push(await failure(typed(make()).listImports()));
    running.sim.clearFaults();

    running.sim.injectFault({ type: 'hang', count: 10 });
    errors.push(await failure(typed(make({ timeoutMs: 150 })).listCompressions()));
    running.sim.clearFaults();

    errors.push(await failure(typed(make({ baseUrl: await closedPortUrl() })).getFineTune('ft-1')));

    running.sim.injectFault({ type: 'garbage' });
    errors.push(await failure(typed(make()).listFineTunes()));

    expect(errors.map((e) => e.code)).toEqual([
      'InvalidApiKey',
      'InternalError',
      'Timeout',
      'NetworkError',
      'BadResponse',
    ]);
    expect(errors[3]?.cause).toMatchObject({ message: expect.stringContaining('ECONNREFUSED') });
    expect(lines.length).toBeGreaterThan(5);
    for (const error of errors) {
      for (const text of [
        error.message,
        String(error.stack),
        JSON.stringify(error),
        inspect(error, { depth: 10 }),
      ]) {
        expect(text).not.toContain(KEY);
        expect(text).not.toContain('LEAKCHECK');
      }
    }
    expect(lines.join('\n')).not.toContain('LEAKCHECK');
  });
});
