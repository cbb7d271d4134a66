import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../../src/cli/command.js';
import { fitColumns, progressView, summaryLines } from '../../src/cli/jobs/render.js';
import type { JobRecord } from '../../src/core/types.js';
import type { WaitUpdate } from '../../src/jobs/index.js';

const job: JobRecord = {
  kind: 'model_import',
  account: 'default',
  id: '937b1c2d-2a4f-4e5f-8abe-c2fa0123abcd',
  status: 'RUNNING',
  rawStatus: 'RUNNING',
};

function update(changes: Partial<WaitUpdate> = {}): WaitUpdate {
  return { job, statusSinceMs: 0, elapsedMs: 0, changed: true, ...changes };
}

function terminal(columns: number) {
  const written: string[] = [];
  const lines: string[] = [];
  const io: CommandIo = {
    out: (line) => lines.push(line),
    err: () => {},
    env: {},
    tty: { write: (text) => written.push(text), columns: () => columns },
  };
  return { io, written, lines };
}

describe('the progress view', () => {
  it('rewrites one line on a terminal, cut to its width, and clears it when closed', () => {
    let now = 65_000;
    const t = terminal(40);
    const view = progressView(t.io, () => now);
    now = 125_000;
    view.update(update({ statusSinceMs: 5_000 }));
    view.close();
    expect(t.written).toEqual(['\r\u001b[2KRUNNING for 2m · waited 1m · Model imp…', '\r\u001b[2K']);
    expect(t.lines).toEqual([]);
  });

  it('prints a timestamped line per change when there is no terminal', () => {
    const lines: string[] = [];
    const view = progressView({ out: (line) => lines.push(line), err: () => {}, env: {} }, () => 0);
    view.update(update());
    view.update(update({ changed: false }));
    view.update(update({ job: { ...job, status: 'SUCCEEDED', rawStatus: 'SUCCESSED' } }));
    view.close();
    expect(lines).toEqual([
      `1970-01-01T00:00:00.000Z RUNNING for 0s · waited 0s · Model import ${job.id}`,
      `1970-01-01T00:00:00.000Z SUCCEEDED (SUCCESSED) for 0s · waited 0s · Model import ${job.id}`,
    ]);
  });
});

describe('fitColumns', () => {
  it('counts wide characters as two cells', () => {
    expect(fitColumns('我的模型 ok', 20)).toBe('我的模型 ok');
    expect(fitColumns('我的模型 ok', 6)).toBe('我的…');
    expect(fitColumns('abcdef', 4)).toBe('abc…');
  });
});

describe('the summary', () => {
  it('shows the vendor’s error as written, control characters made harmless', () => {
    const failed: JobRecord = {
      ...job,
      status: 'FAILED',
      rawStatus: 'FAILED',
      name: '我的 LoRA 调优模型',
      error: { message: 'OSS擷取檔案失敗,\n請檢查OSS內檔案' },
      createdAt: '2024-01-01T12:00:00.000Z',
    };
    expect(summaryLines({ ended: true, job: failed, elapsedMs: 61_000 }, 'model_import', job.id)).toEqual([
      `Model import ${job.id}: FAILED`,
      '  name: 我的 LoRA 调优模型',
      '  error: OSS擷取檔案失敗, 請檢查OSS內檔案',
      '  waited 1m1s',
    ]);
  });
});
