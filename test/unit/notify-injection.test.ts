import { describe, expect, it } from 'vitest';
import { renderDigest, renderEventMail } from '../../src/notifiers/email/index.js';
import { renderSlackMessages } from '../../src/notifiers/slack/index.js';
import { EVIL_EVENT, EVIL_MESSAGE, FAILED_JOB } from '../support/notify-fixtures.js';

/** Every string in a JSON value, wherever it sits. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

describe('API text cannot inject into messages', () => {
  it('Slack: no unescaped < or >, styling characters fenced in code, no live link or mention', () => {
    const [payload] = renderSlackMessages([EVIL_EVENT], { maxJobsPerMessage: 20 });
    const texts = strings(payload);
    for (const text of texts) {
      expect(text).not.toMatch(/[<>]/);
      expect(text).not.toContain('<!channel>');
    }
    const block = payload?.blocks[0];
    const section = block?.type === 'section' ? block.text.text : '';
    // The name is one code span: `*x*` inside it is literal, not bold.
    expect(section).toContain('`&lt;!channel&gt; *x* &lt;http://evil|click&gt;`');
    // A backtick in API text cannot close the code early.
    expect(section).not.toContain('`code`');
    expect(section).toContain('ˋcodeˋ');
    expect(section).toContain('&amp;');
  });

  it('email HTML: no live tag from API text', () => {
    const mail = renderEventMail([EVIL_EVENT], { subjectPrefix: '[dashwatch]' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<!channel>');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('mail headers: no CR/LF or control character in the subject', () => {
    const single = renderEventMail([EVIL_EVENT], { subjectPrefix: '[dashwatch]' });
    const crafted = renderEventMail([{ ...EVIL_EVENT, job: { ...EVIL_EVENT.job, name: EVIL_MESSAGE } }], {
      subjectPrefix: '[dashwatch]\r\nX-Injected: 1',
    });
    for (const subject of [single.subject, crafted.subject]) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
      expect(subject).not.toMatch(/[\u0000-\u001f\u007f]/);
    }
    expect(crafted.subject).toContain('bad Bcc: victim@example.com');
  });

  it('email plain text keeps the message but drops carriage returns', () => {
    const mail = renderEventMail([EVIL_EVENT], { subjectPrefix: '[dashwatch]' });
    expect(mail.text).not.toContain('\r');
    expect(mail.text).toContain('<script>alert(1)</script>');
  });

  it('digest: API text escaped in HTML and subject safe', () => {
    const job = { ...FAILED_JOB, name: EVIL_NAME_WITH_BREAK, error: { message: EVIL_MESSAGE } };
    const digest = renderDigest(
      {
        name: 'daily\r\nBcc: x@example.com',
        windowStart: '2024-10-29T01:00:00.000Z',
        windowEnd: '2024-10-30T01:00:00.000Z',
        timeZone: 'Asia/Shanghai',
        counts: [],
        finished: [],
        failures: [job],
        live: [],
        watchProblems: [],
      },
      { subjectPrefix: '[dashwatch]' },
    );
    expect(digest.html).not.toContain('<script>');
    expect(digest.html).not.toContain('<!channel>');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
    expect(digest.subject).not.toMatch(/[\u0000-\u001f]/);
  });
});

const EVIL_NAME_WITH_BREAK = '<!channel>\r\nSubject: x';
