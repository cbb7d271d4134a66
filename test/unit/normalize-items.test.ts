import { describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '../../src/core/logger.js';
import { KINDS } from '../../src/kinds/index.js';
import { normalizeItems } from '../../src/kinds/normalize/items.js';
import { createUnknownStatusReporter } from '../../src/kinds/normalize/unknown-status.js';

const ctx = { account: 'acct-1', timeZone: 'UTC' };

function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });
  return { logger, lines };
}

describe('normalizeItems', () => {
  it('skips and logs items that are not jobs, and keeps the rest', () => {
    const { logger, lines } = capturingLogger();
    const items: unknown[] = [
      null,
      'ft-1',
      42,
      ['job_id', 'status'],
      {},
      { job_id: '', status: 'RUNNING' },
      { job_id: 7, status: 'RUNNING' },
      { job_id: 'ft-no-status' },
      { job_id: 'ft-null-status', status: null },
      { job_id: 'ft-ok', status: 'RUNNING', usage: '1200', create_time: 'garbage', code: null },
    ];
    const result = normalizeItems(KINDS.fine_tune, items, ctx, logger, createUnknownStatusReporter());

    expect(result).toStrictEqual({
      records: [
        {
          kind: 'fine_tune',
          account: 'acct-1',
          id: 'ft-ok',
          status: 'RUNNING',
          rawStatus: 'RUNNING',
          usage: 1200,
        },
      ],
      skipped: 9,
    });
    expect(
      lines.map(({ level, kind, account, reason, index }) => ({ level, kind, account, reason, index })),
    ).toEqual(
      [
        [0, 'not an object'],
        [1, 'not an object'],
        [2, 'not an object'],
        [3, 'not an object'],
        [4, 'missing job_id'],
        [5, 'missing job_id'],
        [6, 'missing job_id'],
        [7, 'missing status'],
        [8, 'missing status'],
      ].map(([index, reason]) => ({ level: 40, kind: 'fine_tune', account: 'acct-1', reason, index })),
    );
  });

  it('checks the id field of the kind: checkpoints are keyed by checkpoint_id', () => {
    const { logger, lines } = capturingLogger();
    const result = normalizeItems(
      KINDS.checkpoint,
      [
        { job_id: 'ft-1', status: 'PENDING' },
        { checkpoint_id: 'ft-1:checkpoint-1', job_id: 'ft-1', status: 'PENDING' },
      ],
      ctx,
      logger,
      createUnknownStatusReporter(),
    );
    expect(result.records.map((record) => record.id)).toEqual(['ft-1:checkpoint-1']);
    expect(result.skipped).toBe(1);
    expect(lines).toMatchObject([{ kind: 'checkpoint', reason: 'missing checkpoint_id', index: 0 }]);
  });

  it('keeps jobs with unknown statuses as UNKNOWN and logs each spelling once per kind', () => {
    const { logger, lines } = capturingLogger();
    const reporter = createUnknownStatusReporter();
    const page = [
      { job_id: 'q-1', status: 'PAUSED' },
      { job_id: 'q-2', status: 'PAUSED' },
      { job_id: 'q-3', status: 'ARCHIVED' },
      { job_id: 'q-4', status: 'RUNNING' },
    ];
    const first = normalizeItems(KINDS.compression, page, ctx, logger, reporter);
    normalizeItems(KINDS.compression, page, ctx, logger, reporter);
    normalizeItems(KINDS.model_import, [{ job_id: 'i-1', status: 'PAUSED' }], ctx, logger, reporter);

    expect(first.skipped).toBe(0);
    expect(first.records.map(({ id, status, rawStatus }) => ({ id, status, rawStatus }))).toEqual([
      { id: 'q-1', status: 'UNKNOWN', rawStatus: 'PAUSED' },
      { id: 'q-2', status: 'UNKNOWN', rawStatus: 'PAUSED' },
      { id: 'q-3', status: 'UNKNOWN', rawStatus: 'ARCHIVED' },
      { id: 'q-4', status: 'RUNNING', rawStatus: 'RUNNING' },
    ]);
    expect(
      lines.map(({ level, kind, account, jobId, rawStatus }) => ({ level, kind, account, jobId, rawStatus })),
    ).toEqual([
      { level: 40, kind: 'compression', account: 'acct-1', jobId: 'q-1', rawStatus: 'PAUSED' },
      { level: 40, kind: 'compression', account: 'acct-1', jobId: 'q-3', rawStatus: 'ARCHIVED' },
      { level: 40, kind: 'model_import', account: 'acct-1', jobId: 'i-1', rawStatus: 'PAUSED' },
    ]);
  });

  it('coerces odd field types instead of throwing', () => {
    const { logger } = capturingLogger();
    const result = normalizeItems(
      KINDS.compression,
      [
        {
          job_id: 'q-odd',
          status: 'FAILED',
          job_name: 12,
          model: null,
          quantized_output: null,
          start_time: null,
          end_time: '2026-04-11 13:02:30',
          usage: 'lots',
          error: 'boom',
        },
        { job_id: 'q-err', status: 'FAILED', error: { code: 'Quota', message: '' }, usage: ' 15 ' },
      ],
      ctx,
      logger,
      createUnknownStatusReporter(),
    );
    expect(result.records).toStrictEqual([
      {
        kind: 'compression',
        account: 'acct-1',
        id: 'q-odd',
        status: 'FAILED',
        rawStatus: 'FAILED',
        endedAt: '2026-04-11T13:02:30.000Z',
      },
      {
        kind: 'compression',
        account: 'acct-1',
        id: 'q-err',
        status: 'FAILED',
        rawStatus: 'FAILED',
        usage: 15,
        error: { code: 'Quota' },
      },
    ]);
  });

  it('sets an import or checkpoint output only once SUCCEEDED', () => {
    const { logger } = capturingLogger();
    const reporter = createUnknownStatusReporter();
    const imports = normalizeItems(
      KINDS.model_import,
      [
        { job_id: 'i-run', status: 'RUNNING', model_name: 'm-1' },
        { job_id: 'i-done', status: 'SUCCESSED', model_name: 'm-2' },
      ],
      ctx,
      logger,
      reporter,
    );
    expect(imports.records.map(({ model, output }) => ({ model, output }))).toStrictEqual([
      { model: 'm-1', output: undefined },
      { model: 'm-2', output: 'm-2' },
    ]);
    const checkpoints = normalizeItems(
      KINDS.checkpoint,
      [{ checkpoint_id: 'c-1', job_id: 'ft-1', status: 'FAILED', model_name: 'm-3' }],
      ctx,
      logger,
      reporter,
    );
    expect(checkpoints.records[0]).toStrictEqual({
      kind: 'checkpoint',
      account: 'acct-1',
      id: 'c-1',
      status: 'FAILED',
      rawStatus: 'FAILED',
      model: 'm-3',
      parentId: 'ft-1',
    });
  });
});
