import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/index.js';

const NOW = new Date('2026-04-11T04:00:00Z'); // 12:00 in China
const SPACED = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

let running: RunningSimulator;

async function output(path: string, workspace?: string) {
  const headers: Record<string, string> = { authorization: 'Bearer sk-sim-demo' };
  if (workspace) headers['x-dashscope-workspace'] = workspace;
  const res = await fetch(`${running.url}${path}`, { headers });
  expect(res.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field
  return ((await res.json()) as any).output;
}

beforeAll(async () => {
  running = await startSimulator({ now: () => NOW, seed: 7 });
});
afterAll(() => running.close());
beforeEach(() => running.sim.reset());

describe('fine-tune jobs', () => {
  it('carry the seed fields, China-time create_time and an id from it', async () => {
    const [ref] = running.sim.createJobs({ kind: 'fine_tune', model: 'qwen3-14b' });
    const job = await output(`/api/v1/fine-tunes/${ref?.id}`);
    expect(job.job_id).toMatch(/^ft-202604111200-[0-9a-f]{4}$/);
    expect(job).toMatchObject({
      job_name: job.job_id,
      status: 'PENDING',
      model: 'qwen3-14b',
      base_model: 'qwen3-14b',
      validation_file_ids: [],
      training_type: 'sft',
      create_time: '2026-04-11 12:00:00',
      group: 'llm',
      workspace_id: expect.any(String),
      user_identity: expect.any(String),
      hyper_parameters: expect.objectContaining({ learning_rate: '1.6e-5' }),
    });
    expect(job.training_file_ids).toHaveLength(1);
    for (const absent of ['end_time', 'finetuned_output', 'usage', 'code', 'message'])
      expect(job).not.toHaveProperty(absent);
  });

  it('SUCCEEDED brings end_time, finetuned_output and usage', async () => {
    const [ref] = running.sim.createJobs({ kind: 'fine_tune' });
    running.sim.setStatus(ref?.id ?? '', 'SUCCEEDED', { at: '2026-04-11T05:30:15Z' });
    const job = await output(`/api/v1/fine-tunes/${ref?.id}`);
    expect(job).toMatchObject({
      status: 'SUCCEEDED',
      end_time: '2026-04-11 13:30:15',
      finetuned_output: `qwen3-14b-suffix-${ref?.id}`,
    });
    expect(job.usage).toBeGreaterThan(0);
  });

  it('FAILED brings code and message; CANCELED brings usage 0 and code "1"', async () => {
    const [a, b] = running.sim.createJobs({ kind: 'fine_tune', count: 2 });
    running.sim.setStatus(a?.id ?? '', 'FAILED', { errorMessage: 'Missing training files' });
    running.sim.setStatus(b?.id ?? '', 'CANCELED');
    const failed = await output(`/api/v1/fine-tunes/${a?.id}`);
    expect(failed).toMatchObject({
      code: 'InvalidParameter',
      message: 'Missing training files',
      end_time: expect.stringMatching(SPACED),
    });
    expect(failed).not.toHaveProperty('finetuned_output');
    const canceled = await output(`/api/v1/fine-tunes/${b?.id}`);
    expect(canceled).toMatchObject({
      status: 'CANCELED',
      usage: 0,
      code: '1',
      end_time: expect.stringMatching(SPACED),
    });
  });

  it('lets a job go back to RUNNING without stale terminal fields', async () => {
    const [ref] = running.sim.createJobs({ kind: 'fine_tune', status: 'FAILED' });
    running.sim.setStatus(ref?.id ?? '', 'RUNNING');
    const job = await output(`/api/v1/fine-tunes/${ref?.id}`);
    for (const absent of ['end_time', 'code', 'message']) expect(job).not.toHaveProperty(absent);
  });
});

describe('checkpoints', () => {
  it('list as a bare array, step desc, model_name only once SUCCEEDED, zoneless times', async () => {
    const [ref] = running.sim.createJobs({ kind: 'fine_tune', model: 'cosyvoice-v3-flash' });
    const id = ref?.id ?? '';
    const cps = running.sim.addCheckpoints(id, { count: 4, createdAt: '2026-05-27T10:07:16Z' });
    expect(cps.map((c) => c.id)).toEqual([1, 2, 3, 4].map((n) => `${id}:checkpoint-000${n}000${n}`));
    running.sim.setCheckpointStatus(`${id}:checkpoint-00040004`, 'SUCCEEDED');
    const list = await output(`/api/v1/fine-tunes/${id}/checkpoints`);
    expect(list.map((c: { step: number }) => c.step)).toEqual([40004, 30003, 20002, 10001]);
    expect(list[0]).toEqual({
      create_time: '2026-05-27T18:07:16',
      full_name: `${id}:checkpoint-00040004`,
      job_id: id,
      checkpoint_id: `${id}:checkpoint-00040004`,
      checkpoint: 'checkpoint-00040004',
      model_name: expect.stringContaining('cosyvoice-v3-flash'),
      model_display_name: expect.any(String),
      status: 'SUCCEEDED',
      expire_time: '2026-06-11T18:07:16',
      step: 40004,
    });
    expect(list[1]).not.toHaveProperty('model_name');
    expect(list[1]).not.toHaveProperty('model_display_name');
    expect(list[1].status).toBe('PENDING');
  });

  it('is an empty array for a fine-tune without checkpoints', async () => {
    const [ref] = running.sim.createJobs({ kind: 'fine_tune' });
    expect(await output(`/api/v1/fine-tunes/${ref?.id}/checkpoints`)).toEqual([]);
  });
});

describe('import jobs', () => {
  it('carry a UUID, a generated model_name and a UTC gmt_create', async () => {
    const [ref] = running.sim.createJobs({
      kind: 'model_import',
      baseModel: 'qwen3-32b',
      createdAt: '2024-01-01T12:00:00Z',
    });
    const job = await output(`/api/v1/custom_models/import/${ref?.id}`);
    expect(job.job_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(job).toMatchObject({
      model_name: expect.stringMatching(/^qwen3-32b-offline-20240101-[0-9a-z]{4}$/),
      display_name: 'qwen3-32b',
      status: 'PENDING',
      source: 'OSS',
      storage_info: { bucket_name: expect.any(String), object_key: expect.stringMatching(/\/$/) },
      gmt_create: '2024-01-01T12:00:00.000+00:00',
    });
    expect(job).not.toHaveProperty('error_code');
    const [item] = (await output('/api/v1/custom_models/import')).list;
    expect(item).not.toHaveProperty('weight_type');
  });

  it('FAILED brings a free-text error_code', async () => {
    const [a, b] = running.sim.createJobs({ kind: 'model_import', count: 2 });
    running.sim.setStatus(a?.id ?? '', 'FAILED');
    running.sim.setStatus(b?.id ?? '', 'FAILED', { errorCode: 'bad weights' });
    expect((await output(`/api/v1/custom_models/import/${a?.id}`)).error_code).toBe(
      'OSS擷取檔案失敗,請檢查OSS內檔案',
    );
    expect((await output(`/api/v1/custom_models/import/${b?.id}`)).error_code).toBe('bad weights');
  });
});

describe('compression jobs', () => {
  it('have nulls until the job runs and ends', async () => {
    const [ref] = running.sim.createJobs({ kind: 'compression' });
    const id = ref?.id ?? '';
    expect(id).toMatch(/^quant-202604111200-[0-9a-f]{4}$/);
    const pending = await output(`/api/v1/fine-tunes/compress/jobs/${id}`);
    expect(pending).toMatchObject({
      status: 'PENDING',
      create_time: '2026-04-11 12:00:00',
      start_time: null,
      end_time: null,
      error: null,
      quantized_output: null,
      group: 'quantization',
      training_type: 'quantization',
      compress_type: 'quantization',
      template_id: 'quant-flash-nvfp4-mlp-nomtp',
    });
    expect(pending).not.toHaveProperty('usage');
    running.sim.setStatus(id, 'RUNNING', { at: '2026-04-11T04:02:30Z' });
    expect(await output(`/api/v1/fine-tunes/compress/jobs/${id}`)).toMatchObject({
      start_time: '2026-04-11 12:02:30',
      end_time: null,
    });
    running.sim.setStatus(id, 'SUCCEEDED', { at: '2026-04-11T05:02:30Z' });
    expect(await output(`/api/v1/fine-tunes/compress/jobs/${id}`)).toMatchObject({
      start_time: '2026-04-11 12:02:30',
      end_time: '2026-04-11 13:02:30',
      quantized_output: expect.stringContaining(id),
      usage: 3600,
      error: null,
    });
  });

  it('FAILED brings error {code, message}; CANCELED brings usage', async () => {
    const [a, b] = running.sim.createJobs({ kind: 'compression', count: 2 });
    running.sim.setStatus(a?.id ?? '', 'FAILED', { errorCode: 'ModelNotReady', errorMessage: 'not ready' });
    running.sim.setStatus(b?.id ?? '', 'CANCELED', { usage: 12 });
    const failed = await output(`/api/v1/fine-tunes/compress/jobs/${a?.id}`);
    expect(failed).toMatchObject({
      error: { code: 'ModelNotReady', message: 'not ready' },
      end_time: expect.stringMatching(SPACED),
    });
    expect(await output(`/api/v1/fine-tunes/compress/jobs/${b?.id}`)).toMatchObject({
      usage: 12,
      quantized_output: null,
    });
  });
});

describe('ids and time zone', () => {
  it('ids are deterministic for a seed and unique', async () => {
    const one = await startSimulator({ seed: 99, now: () => NOW });
    const two = await startSimulator({ seed: 99, now: () => NOW });
    try {
      const a = one.sim.createJobs({ kind: 'fine_tune', count: 200, spacingMs: 0 });
      const b = two.sim.createJobs({ kind: 'fine_tune', count: 200, spacingMs: 0 });
      expect(a).toEqual(b);
      expect(new Set(a.map((r) => r.id)).size).toBe(200);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('prints zoneless times in the configured zone', async () => {
    const utc = await startSimulator({ timeZone: 'UTC', now: () => NOW });
    try {
      const [ref] = utc.sim.createJobs({ kind: 'fine_tune' });
      expect(ref?.id).toMatch(/^ft-202604110400-/);
      expect(utc.sim.jobs('fine_tune')[0]).toMatchObject({ create_time: '2026-04-11 04:00:00' });
    } finally {
      await utc.close();
    }
  });

  it('records the workspace header and user agent, never the key', async () => {
    await fetch(`${running.url}/api/v1/fine-tunes?page_size=5`, {
      headers: {
        authorization: 'Bearer sk-sim-demo',
        'x-dashscope-workspace': 'llm-ws1',
        'user-agent': 'dashwatch/0.1.0',
      },
    });
    const [req] = running.sim.requests();
    expect(req).toEqual({
      method: 'GET',
      path: '/api/v1/fine-tunes',
      query: { page_size: '5' },
      workspace: 'llm-ws1',
      userAgent: 'dashwatch/0.1.0',
      authorized: true,
      status: 200,
    });
    expect(JSON.stringify(running.sim.requests())).not.toContain('sk-sim-demo');
  });
});
