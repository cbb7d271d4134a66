import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src/core/types.js';
import { lastLines } from '../../src/notifiers/render/index.js';
import { renderSlackMessages, SECTION_MAX } from '../../src/notifiers/slack/index.js';

const failed = (failureLog: JobEvent['failureLog']): JobEvent => ({
  id: 'e1',
  type: 'transition',
  from: 'RUNNING',
  to: 'FAILED',
  detectedAt: '2026-01-01T00:00:00.000Z',
  job: { kind: 'fine_tune', account: 'prod', id: 'ft-1', status: 'FAILED', rawStatus: 'FAILED' },
  ...(failureLog === undefined ? {} : { failureLog }),
});

describe('lastLines', () => {
  it.each([
    ['a\nbb\nccc', 6, 'bb\nccc', 1],
    ['a\nbb\nccc', 100, 'a\nbb\nccc', 0],
    ['a\nbb\nccc', 3, 'ccc', 2],
    ['a\nbbbbbb', 4, '…bbb', 1],
  ])('%j within %d → %j, %d left out', (text, max, kept, omitted) => {
    expect(lastLines(text, max)).toEqual({ text: kept, omitted });
  });
});

describe('a failed fine-tune with its log, in Slack', () => {
  it('shows a long log as one code block of its last lines', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i + 1} ${'x'.repeat(60)}`);
    const [message] = renderSlackMessages([failed({ lines, total: 5000 })], { maxJobsPerMessage: 20 });
    const text = JSON.stringify(message);
    expect(text).toContain('last 200 of 5000 lines');
    expect(text).toContain('line 200 ');
    expect(text).not.toContain('line 1 ');
    expect(text.match(/```/g)).toHaveLength(2);
    for (const block of message?.blocks ?? [])
      if (block.type === 'section') expect(block.text.text.length).toBeLessThanOrEqual(SECTION_MAX);
  });

  it('says when the log could not be read', () => {
    const [message] = renderSlackMessages([failed({ unreadable: 'timeout' })], { maxJobsPerMessage: 20 });
    expect(JSON.stringify(message)).toContain('could not be read (timeout)');
  });
});
