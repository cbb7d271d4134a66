import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src/core/types.js';
import {
  MAX_BLOCKS,
  renderSlackMessages,
  SECTION_MAX,
  type SlackPayload,
} from '../../src/notifiers/slack/index.js';
import { bulkEvents, FAILED_EVENT } from '../support/notify-fixtures.js';

function checkLimits(payloads: SlackPayload[]): void {
  for (const payload of payloads) {
    expect(payload.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    for (const block of payload.blocks) {
      if (block.type === 'section') expect(block.text.text.length).toBeLessThanOrEqual(SECTION_MAX);
      if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
    }
  }
}

describe('Slack splitting', () => {
  it.each([1, 7, 20, 40])(
    '500 events at maxJobsPerMessage %i: ceil(500/n) messages within limits, every job named',
    (max) => {
      const events = bulkEvents(500);
      const payloads = renderSlackMessages(events, {
        maxJobsPerMessage: max,
        consoleUrl: 'https://example.com/c',
      });
      expect(payloads).toHaveLength(Math.ceil(500 / max));
      checkLimits(payloads);
      const all = JSON.stringify(payloads);
      for (const event of events) expect(all).toContain(`\`${event.job.id}\``);
    },
  );

  it('numbers the parts in each header', () => {
    const payloads = renderSlackMessages(bulkEvents(45), { maxJobsPerMessage: 20 });
    const headers = payloads.map((p) => (p.blocks[0]?.type === 'header' ? p.blocks[0].text.text : ''));
    expect(headers).toEqual([
      'dashwatch · 20 job updates · part 1 of 3',
      'dashwatch · 20 job updates · part 2 of 3',
      'dashwatch · 5 job updates · part 3 of 3',
    ]);
  });

  it('spreads a huge error message over sections and messages without losing a character', () => {
    const message = `${'x'.repeat(200_000)}END`;
    const event: JobEvent = { ...FAILED_EVENT, job: { ...FAILED_EVENT.job, error: { code: 'E', message } } };
    const payloads = renderSlackMessages([event, ...bulkEvents(3)], { maxJobsPerMessage: 20 });
    expect(payloads.length).toBeGreaterThan(1);
    checkLimits(payloads);
    const sections = payloads
      .flatMap((p) => p.blocks)
      .flatMap((b) => (b.type === 'section' ? [b.text.text] : []));
    const xs = sections.join('').match(/x/g)?.length ?? 0;
    expect(xs).toBe(200_000);
    expect(sections.join('')).toContain('END');
    expect(JSON.stringify(payloads)).toContain('ft-bulk-0002');
  });

  it('never cuts an escape entity in two', () => {
    const message = '&'.repeat(5000);
    const event: JobEvent = { ...FAILED_EVENT, job: { ...FAILED_EVENT.job, error: { message } } };
    const sections = renderSlackMessages([event], { maxJobsPerMessage: 20 })
      .flatMap((p) => p.blocks)
      .flatMap((b) => (b.type === 'section' ? [b.text.text] : []));
    checkLimits(renderSlackMessages([event], { maxJobsPerMessage: 20 }));
    const amps = sections.join('').match(/&amp;/g)?.length ?? 0;
    expect(amps).toBe(5000);
    expect(sections.join('').replace(/&amp;/g, '')).not.toContain('&');
  });
});
