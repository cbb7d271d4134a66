import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { KINDS, kindsForId, readJob } from '../../src/kinds/index.js';
import type { JobsApi } from '../../src/kinds/scan/jobs-api.js';

const seedCheckpoints = (
  JSON.parse(
    readFileSync(new URL('../fixtures/seeds/fine-tune-checkpoints-list.json', import.meta.url), 'utf8'),
  ) as { output: unknown[] }
).output;

describe('the kind of a job id', () => {
  it.each([
    ['ft-202410291653-1c7f', 'fine_tune'],
    ['quant-202604111200-a1b2', 'compression'],
    ['937b1c2d-2a4f-4e5f-8abe-c2fa0123abcd', 'model_import'],
    ['ft-202605271743-dd2a:checkpoint-00040004', 'checkpoint'],
  ])('%s is a %s, and nothing else', (id, kind) => {
    expect(kindsForId(id)).toEqual([kind]);
  });

  it.each([
    '',
    'ft-',
    'job-42',
    'ft-2024 1c7f',
    '937b****-2a4f-****-8abe-c2fa********',
    'quant-x:checkpoint-1',
  ])('%j has no kind', (id) => {
    expect(kindsForId(id)).toEqual([]);
  });
});

/** A JobsApi over fixed answers, recording the paths asked for. */
function answers(byPath: Record<string, unknown>): JobsApi & { asked: string[] } {
  const asked: string[] = [];
  const lookup = async (path: string) => {
    asked.push(path);
    return Object.hasOwn(byPath, path) ? byPath[path] : null;
  };
  return {
    asked,
    requestCount: 0,
    list: async () => {
      throw new Error('no list expected');
    },
    detail: lookup,
    array: lookup as JobsApi['array'],
  };
}

const ctx = {
  account: 'default',
  timeZone: 'Asia/Shanghai',
  logger: createLogger({ level: 'silent' }),
  signal: new AbortController().signal,
};

describe('readJob', () => {
  it('reads a checkpoint from its fine-tune’s list, normalized like a polled one', async () => {
    const api = answers({ '/fine-tunes/ft-202605271743-dd2a/checkpoints': seedCheckpoints });
    const record = await readJob(KINDS.checkpoint, api, 'ft-202605271743-dd2a:checkpoint-00040004', ctx);
    expect(record).toMatchObject({
      kind: 'checkpoint',
      status: 'SUCCEEDED',
      name: 'checkpoint-00040004',
      output: 'cosyvoice-v3-flash-ft-202605271743-dd2a',
      parentId: 'ft-202605271743-dd2a',
    });
    expect(api.asked).toEqual(['/fine-tunes/ft-202605271743-dd2a/checkpoints']);
  });

  it('is null for a checkpoint its fine-tune does not list, and for an unknown fine-tune', async () => {
    const api = answers({ '/fine-tunes/ft-202605271743-dd2a/checkpoints': seedCheckpoints });
    expect(await readJob(KINDS.checkpoint, api, 'ft-202605271743-dd2a:checkpoint-00990099', ctx)).toBeNull();
    expect(await readJob(KINDS.checkpoint, api, 'ft-202601010000-0000:checkpoint-00010001', ctx)).toBeNull();
  });

  it('reads an import by its detail endpoint and spells SUCCESSED as SUCCEEDED', async () => {
    const id = '937b1c2d-2a4f-4e5f-8abe-c2fa0123abcd';
    const api = answers({
      [`/custom_models/import/${id}`]: { job_id: id, status: 'SUCCESSED', model_name: 'qwen3-32b-offline-1' },
    });
    expect(await readJob(KINDS.model_import, api, id, ctx)).toMatchObject({
      status: 'SUCCEEDED',
      rawStatus: 'SUCCESSED',
      output: 'qwen3-32b-offline-1',
    });
  });
});
