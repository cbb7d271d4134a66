import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import type { JobKind, JobRecord } from '../../src/core/types.js';
import type { RawEnvelope, RawErrorBody } from '../../src/dashscope/types.js';
import type { RawCheckpointList } from '../../src/kinds/checkpoint/raw.js';
import type { RawCompressionJob } from '../../src/kinds/compression/raw.js';
import type { RawFineTuneList } from '../../src/kinds/fine-tune/raw.js';
import { KINDS } from '../../src/kinds/index.js';
import type { RawImportJob, RawImportList } from '../../src/kinds/model-import/raw.js';
import { normalizeItems } from '../../src/kinds/normalize/items.js';
import { createUnknownStatusReporter } from '../../src/kinds/normalize/unknown-status.js';

const ctx = { account: 'acct-1', timeZone: 'Asia/Shanghai' };

function seed<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/seeds/${name}`, import.meta.url), 'utf8')) as T;
}

/** Normalizes through the same entry point the pollers use; a seed must never be skipped. */
function normalize(kind: JobKind, items: unknown[]): JobRecord[] {
  const { records, skipped } = normalizeItems(
    KINDS[kind],
    items,
    ctx,
    createLogger({ level: 'silent' }),
    createUnknownStatusReporter(),
  );
  expect(skipped).toBe(0);
  return records;
}

// toStrictEqual: absent fields must be absent, not undefined-valued keys.
describe('vendor seed responses normalize to the expected records', () => {
  it('fine-tune jobs list', () => {
    const page = seed<RawEnvelope<RawFineTuneList>>('fine-tune-jobs-list.json');
    expect(normalize('fine_tune', page.output.jobs)).toStrictEqual([
      {
        kind: 'fine_tune',
        account: 'acct-1',
        id: 'ft-202410291653-1c7f',
        status: 'SUCCEEDED',
        rawStatus: 'SUCCEEDED',
        name: 'ft-202410291653-1c7f',
        model: 'qwen3-14b',
        baseModel: 'qwen3-14b',
        output: 'qwen3-14b-suffix-ft-202410291653-1c7f',
        createdAt: '2024-10-29T08:53:53.000Z',
        endedAt: '2024-10-29T09:11:26.000Z',
        usage: 279808,
      },
      {
        kind: 'fine_tune',
        account: 'acct-1',
        id: 'ft-202410291512-1851',
        status: 'CANCELED',
        rawStatus: 'CANCELED',
        name: 'ft-202410291512-1851',
        model: 'qwen3-14b',
        baseModel: 'qwen3-14b',
        createdAt: '2024-10-29T07:12:00.000Z',
        endedAt: '2024-10-29T07:16:00.000Z',
        usage: 0,
        error: { code: '1' },
      },
    ]);
  });

  it('import jobs list: SUCCESSED is SUCCEEDED, the free-text error_code is the message', () => {
    const page = seed<RawEnvelope<RawImportList>>('import-jobs-list.json');
    expect(normalize('model_import', page.output.list)).toStrictEqual([
      {
        kind: 'model_import',
        account: 'acct-1',
        id: '937b****-2a4f-****-8abe-c2fa********',
        status: 'SUCCEEDED',
        rawStatus: 'SUCCESSED',
        name: '我的 LoRA 調優模型',
        model: 'qwen3-32b-offline-20240101-abc1',
        output: 'qwen3-32b-offline-20240101-abc1',
        createdAt: '2024-01-01T12:00:00.000Z',
      },
      {
        kind: 'model_import',
        account: 'acct-1',
        id: 'edb0****-39ac-****-9859-8b1e********',
        status: 'FAILED',
        rawStatus: 'FAILED',
        name: '我的全參調優模型',
        model: 'qwen3-32b-offline-20240102-xyz4',
        createdAt: '2024-01-02T09:00:00.000Z',
        error: { message: 'OSS擷取檔案失敗,請檢查OSS內檔案' },
      },
    ]);
  });

  it('import job create response: a PENDING import has a model but no output yet', () => {
    const created = seed<RawEnvelope<RawImportJob>>('import-job-create.json');
    expect(normalize('model_import', [created.output])).toStrictEqual([
      {
        kind: 'model_import',
        account: 'acct-1',
        id: '937b****-2a4f-****-8abe-c2fa********',
        status: 'PENDING',
        rawStatus: 'PENDING',
        name: '我的 LoRA 调优模型',
        model: 'qwen3-32b-offline-20240101-abc1',
        createdAt: '2024-01-01T12:00:00.000Z',
      },
    ]);
  });

  it('compression job detail', () => {
    const job = seed<RawEnvelope<RawCompressionJob>>('compression-job-get.json');
    expect(normalize('compression', [job.output])).toStrictEqual([
      {
        kind: 'compression',
        account: 'acct-1',
        id: 'quant-202604111200-a1b2',
        status: 'SUCCEEDED',
        rawStatus: 'SUCCEEDED',
        name: 'qwen3.5-flash 压缩任务',
        model: 'qwen3.5-flash-2026-02-23-ft-***',
        baseModel: 'qwen3.5-flash-2026-02-23',
        output: 'qwen3.5-flash-2026-02-23-test-quant-202604111200-a1b2',
        createdAt: '2026-04-11T04:00:00.000Z',
        startedAt: '2026-04-11T04:02:30.000Z',
        endedAt: '2026-04-11T05:02:30.000Z',
        usage: 3600,
      },
    ]);
  });

  it('fine-tune checkpoints list', () => {
    const list = seed<RawEnvelope<RawCheckpointList>>('fine-tune-checkpoints-list.json');
    expect(normalize('checkpoint', list.output)).toStrictEqual([
      {
        kind: 'checkpoint',
        account: 'acct-1',
        id: 'ft-202605271743-dd2a:checkpoint-00040004',
        status: 'SUCCEEDED',
        rawStatus: 'SUCCEEDED',
        name: 'checkpoint-00040004',
        model: 'cosyvoice-v3-flash-ft-202605271743-dd2a',
        output: 'cosyvoice-v3-flash-ft-202605271743-dd2a',
        createdAt: '2026-05-27T10:07:16.000Z',
        parentId: 'ft-202605271743-dd2a',
        expiresAt: '2026-06-11T10:07:16.000Z',
      },
      {
        kind: 'checkpoint',
        account: 'acct-1',
        id: 'ft-202605271743-dd2a:checkpoint-00030004',
        status: 'PENDING',
        rawStatus: 'PENDING',
        name: 'checkpoint-00030004',
        createdAt: '2026-05-27T10:07:16.000Z',
        parentId: 'ft-202605271743-dd2a',
        expiresAt: '2026-06-11T10:07:16.000Z',
      },
    ]);
  });
});

describe('vendor error samples', () => {
  it.each([
    ['error-fine-tune-not-found.json', 'BE213CDD-8A5C-59EE-9A67-055EAB0CB59B', 'NotFound', 'Not Found!'],
    [
      'error-import-operation-denied.json',
      'ca21****-b91b-****-bd35-c41c********',
      'OperationDenied',
      'The import job is currently running and cannot be deleted.',
    ],
    [
      'error-compression-invalid-parameter.json',
      'uuid-string',
      'InvalidParameter',
      "The specified model 'xxx-lora-yyy' is a LoRA model and not supported for quantization.",
    ],
  ])('%s parses', (name, requestId, code, message) => {
    expect(seed<RawErrorBody>(name)).toStrictEqual({ request_id: requestId, code, message });
  });
});
