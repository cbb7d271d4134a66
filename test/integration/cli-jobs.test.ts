import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/index.js';
import { cliArgv, emptyDir, freePort, killAllCli, runCli, spawnCli } from '../support/cli-process.js';

/** A distinctive key: no output of any run may show it. */
const KEY = 'sk-dashwatch-JOBS-LEAK-5b7e21';
const OTHER_KEY = 'sk-dashwatch-JOBS-OTHER-90c4d3';
const FAST = ['--interval', '100ms'];
const CREATE = ['import', 'create', '--model', 'qwen3-32b', '--bucket', 'my-model-bucket'];
const CREATE_OK = [...CREATE, '--object-key', 'models/qwen3-32b-lora/', '--weight-type', 'lora'];
const OSS_ERROR = 'OSS擷取檔案失敗,請檢查OSS內檔案';

let sim: RunningSimulator;
let cwd: ReturnType<typeof emptyDir>;
const outputs: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ apiKeys: [KEY, OTHER_KEY] });
  cwd = emptyDir();
});
afterAll(async () => {
  for (const text of outputs) expect(text.includes(KEY) || text.includes(OTHER_KEY)).toBe(false);
  await sim.close();
  cwd.remove();
});
beforeEach(() => sim.sim.reset());
afterEach(() => killAllCli());

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { DASHSCOPE_API_KEY: KEY, DASHSCOPE_BASE_URL: sim.url, ...extra };
}

async function dashwatch(args: string[], extra: Record<string, string> = {}) {
  const run = await runCli(args, env(extra), cwd.dir);
  outputs.push(run.stdout, run.stderr);
  return run;
}

function spawn(args: string[], extra: Record<string, string> = {}) {
  const proc = spawnCli(args, env(extra), cwd.dir);
  void proc.exited.then(() => outputs.push(proc.stdout(), proc.stderr()));
  return proc;
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe('dashwatch import create', () => {
  it('creates the import with the seed’s body, prints its id and model_name, and --wait exits 0 on SUCCESSED', async () => {
    const proc = spawn([...CREATE_OK, '--display-name', '我的 LoRA 调优模型', '--wait', ...FAST]);
    const id = (await proc.line(/^job_id: /, 20_000)).slice('job_id: '.length);
    await proc.line(/ PENDING for /, 20_000);
    sim.sim.setStatus(id, 'RUNNING');
    await proc.line(/ RUNNING for /, 20_000);
    sim.sim.setStatus(id, 'SUCCESSED');
    expect((await proc.exited).code).toBe(0);
    const [created] = sim.sim.jobs('model_import');
    const modelName = String(created?.model_name);
    expect(modelName).toMatch(/^qwen3-32b-offline-\d{8}-[0-9a-z]{4}$/);
    expect(lines(proc.stdout()).slice(0, 2)).toEqual([`job_id: ${id}`, `model_name: ${modelName}`]);
    expect(proc.stdout()).toContain(`Model import ${id}: SUCCEEDED (SUCCESSED)`);
    expect(proc.stdout()).toContain(`  output model: ${modelName}`);
    expect(proc.stdout()).toContain('  name: 我的 LoRA 调优模型');
    const [post] = sim.sim.requests();
    expect(post).toMatchObject({
      method: 'POST',
      path: '/api/v1/custom_models/import',
      body: {
        model_name: 'qwen3-32b',
        display_name: '我的 LoRA 调优模型',
        source: 'oss',
        weight_type: 'lora',
        storage_info: { bucket_name: 'my-model-bucket', object_key: 'models/qwen3-32b-lora/' },
      },
    });
    expect(proc.stderr()).toBe('');
  });

  it('exits 3 when the import FAILED, with the vendor’s message as written', async () => {
    const proc = spawn([...CREATE_OK, '--wait', ...FAST]);
    const id = (await proc.line(/^job_id: /, 20_000)).slice('job_id: '.length);
    sim.sim.setStatus(id, 'FAILED', { errorCode: OSS_ERROR });
    expect((await proc.exited).code).toBe(3);
    expect(proc.stdout()).toContain(`Model import ${id}: FAILED`);
    expect(proc.stdout()).toContain(`  error: ${OSS_ERROR}`);
  });

  it('prints the created job as JSON with --json', async () => {
    const run = await dashwatch([...CREATE_OK, '--json']);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as { job: { id: string; model: string; status: string } };
    expect(printed.job).toMatchObject({ kind: 'model_import', status: 'PENDING', rawStatus: 'PENDING' });
    expect(printed.job.model).toMatch(/^qwen3-32b-offline-/);
  });

  it.each([
    [
      'an unsupported base model (404)',
      {},
      ['--model', 'qwen9-max'],
      /^dashwatch import create: NotFound: Not Found! \(POST \/api\/v1\/custom_models\/import, HTTP 404, request_id [0-9a-f-]+\)$/,
    ],
    [
      'a wrong key (401)',
      { DASHSCOPE_API_KEY: 'sk-not-this-one-1234' },
      [],
      /^dashwatch import create: InvalidApiKey: Invalid API-key provided\. \(.*HTTP 401/,
    ],
  ])('exits 1 for %s with the vendor’s code and message', async (_label, extra, args, message) => {
    const run = await dashwatch([...CREATE_OK, ...args], extra);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([expect.stringMatching(message)]);
    expect(run.stdout).toBe('');
  });

  it('keeps a Chinese vendor message as is, and does not resend a create that failed with a 500', async () => {
    sim.sim.injectFault({
      type: 'status',
      httpStatus: 400,
      code: 'InvalidParameter',
      message: '参数 storage_info.object_key 指向的目录为空',
      match: { method: 'POST' },
    });
    const refused = await dashwatch(CREATE_OK);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('InvalidParameter: 参数 storage_info.object_key 指向的目录为空 (');
    sim.sim.injectFault({ type: 'status', httpStatus: 500, match: { method: 'POST' } });
    const broken = await dashwatch(CREATE_OK);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('InternalError: Internal server error!');
    expect(sim.sim.stats().byRoute['POST /api/v1/custom_models/import']).toBe(2);
    expect(sim.sim.jobs('model_import')).toEqual([]);
  });
});

describe('bad usage', () => {
  // Concurrent: none of them may send a request, so they cannot disturb each other's count.
  it.concurrent.each([
    [
      'an object key without /',
      [...CREATE, '--object-key', 'models/x', '--weight-type', 'lora'],
      '--object-key must be a path prefix ending in "/"',
    ],
    [
      'a display name of 51 characters',
      [...CREATE_OK, '--display-name', '模'.repeat(51)],
      '--display-name is 51 characters; at most 50',
    ],
    [
      'weight type qlora',
      [...CREATE, '--object-key', 'm/', '--weight-type', 'qlora'],
      '--weight-type must be lora or full',
    ],
    ['source s3', [...CREATE_OK, '--source', 's3'], '--source must be oss'],
    [
      'no model',
      ['import', 'create', '--bucket', 'b', '--object-key', 'm/', '--weight-type', 'lora'],
      '--model is required',
    ],
    [
      '--timeout without --wait',
      [...CREATE_OK, '--timeout', '5m'],
      '--timeout and --interval go with --wait',
    ],
    ['an unknown subcommand', ['import', 'delete'], 'unknown subcommand "delete"'],
    ['an id of no kind', ['wait', 'job-42'], 'cannot tell what kind of job "job-42" is'],
    ['an unknown --kind', ['wait', 'ft-202410291653-1c7f', '--kind', 'training'], '--kind must be one of'],
    [
      'a timeout that is no duration',
      ['wait', 'ft-202410291653-1c7f', '--timeout', 'soon'],
      '--timeout: not a duration',
    ],
    ['two job ids', ['wait', 'ft-202410291653-1c7f', 'ft-202410291653-1c80'], 'name exactly one job id'],
    ['logs of a compression job', ['logs', 'quant-202604111200-a1b2'], 'is not a fine-tune id'],
    ['a tail that is no number', ['logs', 'ft-202410291653-1c7f', '--tail', 'ten'], '--tail: not a number'],
    ['an unknown account', ['wait', 'ft-202410291653-1c7f', '--account', 'prod'], 'no account named "prod"'],
  ])('%s: exit 2, one line, no request sent', async (_label, args, message) => {
    const run = await dashwatch(args);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([expect.stringContaining(message)]);
    expect(run.stderr).toMatch(/\(see dashwatch (import|wait|logs) --help\)$/m);
    expect(sim.sim.stats().requests).toBe(0);
  });

  it('without a key: exit 2 naming the variable, no request sent', async () => {
    const run = await dashwatch(['wait', 'ft-202410291653-1c7f'], { DASHSCOPE_API_KEY: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('DASHSCOPE_API_KEY');
    expect(sim.sim.stats().requests).toBe(0);
  });
});

describe('dashwatch wait', () => {
  it('exits 4 for a CANCELED fine-tune, 0 for a SUCCEEDED compression, with its output model', async () => {
    const [fineTune] = sim.sim.createJobs({ kind: 'fine_tune', status: 'CANCELED' });
    const canceled = await dashwatch(['wait', fineTune?.id ?? '', ...FAST]);
    expect(canceled.code).toBe(4);
    expect(canceled.stdout).toContain(`Fine-tune ${fineTune?.id}: CANCELED`);
    const [quant] = sim.sim.createJobs({ kind: 'compression', status: 'SUCCEEDED' });
    const done = await dashwatch(['wait', quant?.id ?? '', ...FAST]);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/ {2}output model: \S+/);
  });

  it('exits 5 when the timeout passes first', async () => {
    const [job] = sim.sim.createJobs({ kind: 'fine_tune', status: 'RUNNING' });
    const started = Date.now();
    const run = await dashwatch(['wait', job?.id ?? '', '--timeout', '1500ms', '--interval', '500ms']);
    expect(run.code).toBe(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(lines(run.stdout).at(-1)).toMatch(
      new RegExp(`^Fine-tune ${job?.id}: timed out after [12]s; last seen RUNNING$`),
    );
  });

  it('exits 5 at the timeout even while a request hangs', async () => {
    const [job] = sim.sim.createJobs({ kind: 'fine_tune', status: 'RUNNING' });
    sim.sim.injectFault({ type: 'hang', count: 100 });
    const run = await dashwatch(['wait', job?.id ?? '', '--timeout', '1s']);
    expect(run.code).toBe(5);
    expect(run.stdout).toContain('timed out after 1s; never read');
  });

  it('exits 1 for an unknown job and for an unreachable API', async () => {
    const unknown = await dashwatch(['wait', 'ft-202410291653-dead']);
    expect(unknown.code).toBe(1);
    expect(lines(unknown.stderr)).toEqual([
      'dashwatch wait: no fine-tune with id ft-202410291653-dead on this account',
    ]);
    const closed = await dashwatch(['wait', 'ft-202410291653-dead'], {
      DASHSCOPE_BASE_URL: `http://127.0.0.1:${await freePort()}`,
    });
    expect(closed.code).toBe(1);
    expect(closed.stderr).toMatch(/^dashwatch wait: NetworkError: network error: .*5 attempts\)$/m);
  });

  it('waits for a checkpoint through its fine-tune, and prints JSON with --json', async () => {
    const [fineTune] = sim.sim.createJobs({
      kind: 'fine_tune',
      status: 'RUNNING',
      model: 'cosyvoice-v3-flash',
    });
    const [checkpoint] = sim.sim.addCheckpoints(fineTune?.id ?? '', { status: 'SUCCEEDED' });
    const run = await dashwatch(['wait', checkpoint?.id ?? '', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      id: checkpoint?.id,
      kind: 'checkpoint',
      status: 'SUCCEEDED',
      timedOut: false,
      job: { parentId: fineTune?.id, name: 'checkpoint-00010001' },
    });
  });

  it('prints one plain line per change when stdout is not a terminal', async () => {
    const [job] = sim.sim.createJobs({ kind: 'fine_tune', model: 'cosyvoice-v3-flash' });
    const id = job?.id ?? '';
    const proc = spawn(['wait', id, ...FAST]);
    await proc.line(/ PENDING for /, 20_000);
    sim.sim.setStatus(id, 'RUNNING');
    await proc.line(/ RUNNING for /, 20_000);
    sim.sim.addCheckpoints(id);
    await proc.line(/checkpoint-00010001 \(1 checkpoint\)/, 20_000);
    sim.sim.setStatus(id, 'FAILED', { errorCode: 'InvalidParameter', errorMessage: '训练数据格式错误' });
    expect((await proc.exited).code).toBe(3);
    const out = lines(proc.stdout());
    expect(proc.stdout().includes('\r') || proc.stdout().includes('\u001b')).toBe(false);
    const progress = out.filter((line) => /^\d{4}-\d\d-\d\dT[\d:.]+Z /.test(line));
    expect(progress.map((line) => line.split(' ')[1])).toEqual(['PENDING', 'RUNNING', 'RUNNING', 'FAILED']);
    expect(out.slice(progress.length)).toEqual([
      `Fine-tune ${id}: FAILED`,
      expect.stringMatching(/^ {2}ran: \d+s \(\S+Z → \S+Z\)$/),
      '  error: InvalidParameter: 训练数据格式错误',
      expect.stringMatching(/^ {2}waited /),
    ]);
  });

  it('rewrites one live line on a terminal (a pseudo-terminal from script)', async () => {
    const [job] = sim.sim.createJobs({ kind: 'fine_tune', status: 'RUNNING' });
    const id = job?.id ?? '';
    const command = [process.execPath, ...cliArgv(['wait', id, ...FAST])].map((arg) => `'${arg}'`).join(' ');
    const done = new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(
        'script',
        ['-qfec', command, '/dev/null'],
        { cwd: cwd.dir, env: { PATH: process.env.PATH, ...env() }, timeout: 30_000 },
        (error, stdout) =>
          resolve({ code: error === null ? 0 : ((error.code as number | undefined) ?? null), stdout }),
      );
    });
    // Ends the job once the wait has polled a few times, whatever the terminal made of the output.
    await waitForRequests(`/api/v1/fine-tunes/${id}`, 3);
    sim.sim.setStatus(id, 'SUCCEEDED');
    const { code, stdout } = await done;
    outputs.push(stdout);
    expect(code).toBe(0);
    expect(stdout).toContain(`\r\u001b[2KRUNNING for `);
    expect(stdout).toContain(`\r\u001b[2KFine-tune ${id}: SUCCEEDED`);
  });
});

async function waitForRequests(path: string, count: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (sim.sim.requests().filter((request) => request.path === path).length < count) {
    if (Date.now() > deadline) throw new Error(`fewer than ${count} requests to ${path}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('dashwatch logs', () => {
  it('prints the whole log, or its last lines, Chinese as written', async () => {
    const [job] = sim.sim.createJobs({ kind: 'fine_tune' });
    const id = job?.id ?? '';
    sim.sim.appendLogs(id, ['第 1 步: loss 0.91', 'step 2: loss 0.85', '\u001b[31mred\u001b[0m']);
    const all = await dashwatch(['logs', id]);
    expect(all.code).toBe(0);
    expect(lines(all.stdout)).toEqual([
      expect.stringContaining(`finetune-job ${id} created`),
      '第 1 步: loss 0.91',
      'step 2: loss 0.85',
      ' [31mred [0m',
    ]);
    const tail = await dashwatch(['logs', id, '--tail', '2']);
    expect(lines(tail.stdout)).toEqual(['step 2: loss 0.85', ' [31mred [0m']);
  });

  it('--follow prints new lines as they come, each once, until the job ends (exit as wait)', async () => {
    const [job] = sim.sim.createJobs({ kind: 'fine_tune', status: 'RUNNING' });
    const id = job?.id ?? '';
    const proc = spawn(['logs', id, '--follow', ...FAST]);
    await proc.line(/start to train/, 20_000);
    sim.sim.appendLogs(id, ['step 1: loss 0.9']);
    await proc.line(/step 1/, 20_000);
    sim.sim.appendLogs(id, ['step 2: loss 0.8']);
    sim.sim.setStatus(id, 'CANCELED');
    expect((await proc.exited).code).toBe(4);
    const out = lines(proc.stdout());
    expect(out.slice(-3)).toEqual([
      'step 1: loss 0.9',
      'step 2: loss 0.8',
      expect.stringContaining('finetune-job canceled'),
    ]);
    expect(new Set(out).size).toBe(out.length);
    expect(proc.stderr()).toContain(`Fine-tune ${id}: CANCELED`);
  });

  it('exits 1 for a fine-tune the account does not have', async () => {
    const run = await dashwatch(['logs', 'ft-202410291653-dead']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      'dashwatch logs: no fine-tune with id ft-202410291653-dead on this account',
    );
  });
});

describe('accounts from a configuration file', () => {
  it('uses the account --account names, and asks which when there are several', async () => {
    const file = join(cwd.dir, 'two-accounts.yaml');
    writeFileSync(
      file,
      [
        'accounts:',
        `  - { name: alpha, apiKey: "\${ALPHA_KEY}", baseUrl: "${sim.url}" }`,
        `  - { name: beta, apiKey: "\${BETA_KEY}", baseUrl: "${sim.url}" }`,
        '',
      ].join('\n'),
    );
    const keys = { ALPHA_KEY: 'sk-alpha-revoked-000000', BETA_KEY: OTHER_KEY, DASHSCOPE_API_KEY: '' };
    const [job] = sim.sim.createJobs({ kind: 'fine_tune', status: 'SUCCEEDED' });
    const beta = await dashwatch(['wait', job?.id ?? '', '--config', file, '--account', 'beta'], keys);
    expect(beta.code).toBe(0);
    const alpha = await dashwatch(['wait', job?.id ?? '', '--config', file, '--account', 'alpha'], keys);
    expect(alpha.code).toBe(1);
    expect(alpha.stderr).toContain('InvalidApiKey');
    const unnamed = await dashwatch(['wait', job?.id ?? '', '--config', file], keys);
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toContain('choose one with --account (alpha, beta)');
  });
});
