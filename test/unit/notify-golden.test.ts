import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderEventMail } from '../../src/notifiers/email/index.js';
import { renderSlackMessages } from '../../src/notifiers/slack/index.js';
import { FAILED_EVENT } from '../support/notify-fixtures.js';

const golden = (name: string) => fileURLToPath(new URL(`../golden/${name}`, import.meta.url));

/** Compares with the checked-in file; `UPDATE_GOLDEN=1` rewrites it instead. */
function expectGolden(name: string, actual: string): void {
  const path = golden(name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('golden renderings of a FAILED fine-tune', () => {
  it('Slack payload', () => {
    const payloads = renderSlackMessages([FAILED_EVENT], {
      maxJobsPerMessage: 20,
      consoleUrl: 'https://bailian.console.aliyun.com/?tab=model#/efm/model_manager',
    });
    expect(payloads).toHaveLength(1);
    expectGolden('slack-failed-fine-tune.json', `${JSON.stringify(payloads[0], null, 2)}\n`);
  });

  it('email subject and plain text', () => {
    const mail = renderEventMail([FAILED_EVENT], { subjectPrefix: '[dashwatch]' });
    expect(mail.subject).toBe('[dashwatch] FAILED fine-tune support-bot-v2 (ft-202410291653-a1b2)');
    expectGolden('email-failed-fine-tune.txt', mail.text);
  });
});
