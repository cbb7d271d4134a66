import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDashScopeClient } from '../../src/dashscope/index.js';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/index.js';

const KEY = 'sk-sim-demo';
const NOW = new Date('2026-04-11T04:00:00Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const seedCreate = JSON.parse(
  readFileSync(new URL('../fixtures/seeds/import-job-create.json', import.meta.url), 'utf8'),
) as { output: Record<string, unknown> };
/** The seed's request body, verbatim. */
const SEED_BODY = {
  model_name: 'qwen3-32b',
  display_name: '我的 LoRA 调优模型',
  source: 'oss',
  weight_type: 'lora',
  storage_info: { bucket_name: 'my-model-bucket', object_key: 'models/qwen3-32b-lora/' },
};

let running: RunningSimulator;

async function call(method: string, path: string, body?: unknown, key = KEY) {
  const res = await fetch(`${running.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field
  return { status: res.status, body: (await res.json()) as any };
}

beforeAll(async () => {
  running = await startSimulator({ now: () => NOW, seed: 7 });
});
afterAll(() => running.close());
beforeEach(() => running.sim.reset());

describe('POST /custom_models/import', () => {
  it('creates a PENDING import with the seed’s fields and a system-generated model_name', async () => {
    const { status, body } = await call('POST', '/api/v1/custom_models/import', SEED_BODY);
    expect(status).toBe(200);
    expect(body.request_id).toMatch(UUID);
    expect(Object.keys(body.output).sort()).toEqual(Object.keys(seedCreate.output).sort());
    expect(body.output).toMatchObject({
      job_id: expect.stringMatching(UUID),
      model_name: expect.stringMatching(/^qwen3-32b-offline-20260411-[0-9a-z]{4}$/),
      display_name: '我的 LoRA 调优模型',
      source: 'OSS',
      weight_type: 'lora',
      storage_info: SEED_BODY.storage_info,
      status: 'PENDING',
      gmt_create: '2026-04-11T04:00:00.000+00:00',
    });
    const detail = await call('GET', `/api/v1/custom_models/import/${body.output.job_id}`);
    expect(detail.body.output).toEqual(body.output);
    // The request log keeps the body, so tests can check what a client sent.
    const [logged] = running.sim.requests();
    expect(logged).toMatchObject({ method: 'POST', path: '/api/v1/custom_models/import', body: SEED_BODY });
  });

  it('names the import after its base model when no display_name is given', async () => {
    const { display_name: _, ...body } = SEED_BODY;
    const created = await call('POST', '/api/v1/custom_models/import', { ...body, weight_type: 'full' });
    expect(created.body.output).toMatchObject({ display_name: 'qwen3-32b', weight_type: 'full' });
  });

  const without = (key: keyof typeof SEED_BODY) => {
    const copy: Record<string, unknown> = { ...SEED_BODY };
    delete copy[key];
    return copy;
  };
  it.each([
    ['no model_name', without('model_name'), "Required parameter 'model_name' missing."],
    ['no source', without('source'), "Required parameter 'source' missing."],
    ['source OSS', { ...SEED_BODY, source: 'OSS' }, "Parameter 'source' must be one of: oss."],
    ['no weight_type', without('weight_type'), "Required parameter 'weight_type' missing."],
    [
      'weight_type qlora',
      { ...SEED_BODY, weight_type: 'qlora' },
      "Parameter 'weight_type' must be one of: lora, full.",
    ],
    ['no storage_info', without('storage_info'), "Required parameter 'storage_info' missing."],
    [
      'no bucket',
      { ...SEED_BODY, storage_info: { object_key: 'm/' } },
      "Required parameter 'storage_info.bucket_name' missing.",
    ],
    [
      'object_key without /',
      { ...SEED_BODY, storage_info: { bucket_name: 'b', object_key: 'models/x' } },
      "Parameter 'storage_info.object_key' must end with '/'.",
    ],
    [
      'display_name of 51 characters',
      { ...SEED_BODY, display_name: '模'.repeat(51) },
      "Parameter 'display_name' must be at most 50 characters.",
    ],
    ['a body that is not JSON', '{"model_name":', 'The request body is not valid JSON.'],
  ])('answers 400 InvalidParameter for %s and creates nothing', async (_label, body, message) => {
    const { status, body: answer } = await call('POST', '/api/v1/custom_models/import', body);
    expect(status).toBe(400);
    expect(answer).toEqual({ request_id: expect.stringMatching(UUID), code: 'InvalidParameter', message });
    expect(running.sim.jobs('model_import')).toEqual([]);
  });

  it('accepts a display_name of exactly 50 characters', async () => {
    const created = await call('POST', '/api/v1/custom_models/import', {
      ...SEED_BODY,
      display_name: '模'.repeat(50),
    });
    expect(created.status).toBe(200);
  });

  it('answers 404 NotFound for a base model that cannot be imported, and 401 for a bad key', async () => {
    const unsupported = await call('POST', '/api/v1/custom_models/import', {
      ...SEED_BODY,
      model_name: 'qwen9-max',
    });
    expect(unsupported).toMatchObject({ status: 404, body: { code: 'NotFound', message: 'Not Found!' } });
    const denied = await call('POST', '/api/v1/custom_models/import', SEED_BODY, 'sk-wrong');
    expect(denied).toMatchObject({ status: 401, body: { code: 'InvalidApiKey' } });
    expect(running.sim.jobs('model_import')).toEqual([]);
  });
});

describe('GET /fine-tunes/{id}/logs', () => {
  it('logs each status a fine-tune enters, and pages by offset and line', async () => {
    const [job] = running.sim.createJobs({ kind: 'fine_tune' });
    const id = job?.id ?? '';
    running.sim.setStatus(id, 'RUNNING');
    running.sim.appendLogs(id, ['step 10: loss 0.91', '第 20 步: loss 0.85']);
    running.sim.setStatus(id, 'SUCCEEDED');
    const all = await call('GET', `/api/v1/fine-tunes/${id}/logs?offset=0&line=1000`);
    expect(all.body.output.total).toBe(5);
    expect(all.body.output.logs).toEqual([
      `2026-04-11 12:00:00,000 - INFO - finetune-job ${id} created, base model qwen3-14b`,
      '2026-04-11 12:00:00,000 - INFO - start to train',
      'step 10: loss 0.91',
      '第 20 步: loss 0.85',
      '2026-04-11 12:00:00,000 - INFO - finetune-job succeeded',
    ]);
    const page = await call('GET', `/api/v1/fine-tunes/${id}/logs?offset=2&line=2`);
    expect(page.body.output).toEqual({ total: 5, logs: ['step 10: loss 0.91', '第 20 步: loss 0.85'] });
    const past = await call('GET', `/api/v1/fine-tunes/${id}/logs?offset=9`);
    expect(past.body.output).toEqual({ total: 5, logs: [] });
    const bad = await call('GET', `/api/v1/fine-tunes/${id}/logs?line=1001`);
    expect(bad).toMatchObject({ status: 400, body: { code: 'InvalidParameter' } });
    const unknown = await call('GET', '/api/v1/fine-tunes/ft-000000000000-dead/logs');
    expect(unknown).toMatchObject({ status: 404, body: { code: 'NotFound' } });
  });
});

describe('the client’s POST', () => {
  const body = SEED_BODY;
  it('retries a throttled create (429) and never a create that failed with a 500', async () => {
    const client = createDashScopeClient({
      apiKey: KEY,
      baseUrl: running.url,
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
    });
    try {
      running.sim.injectFault({ type: 'status', httpStatus: 429, match: { method: 'POST' } });
      const created = await client.post<{ job_id: string }>('/custom_models/import', body);
      expect(created.output.job_id).toMatch(UUID);
      expect(running.sim.stats().byRoute['POST /api/v1/custom_models/import']).toBe(2);

      running.sim.resetStats();
      running.sim.injectFault({ type: 'status', httpStatus: 500, match: { method: 'POST' } });
      await expect(client.post('/custom_models/import', body)).rejects.toMatchObject({
        code: 'InternalError',
        httpStatus: 500,
      });
      expect(running.sim.stats().byRoute['POST /api/v1/custom_models/import']).toBe(1);
    } finally {
      await client.close();
    }
  });
});
