import { afterEach, describe, expect, it } from 'vitest';
import { parseConfigText, secretsOf } from '../../src/config/index.js';
import { createLogger } from '../../src/core/logger.js';
import { clearSecrets, registerSecrets, scrubDeep, scrubSecrets } from '../../src/core/secrets.js';

const KEY = 'sk-live-0123456789abcdef';

afterEach(() => clearSecrets());

describe('secrets scrubbed by value', () => {
  it('removes a registered secret wherever it appears, in its JSON and URL forms too', () => {
    registerSecrets([KEY, 'pa"ss\\word-1']);
    expect(scrubSecrets(`request_id ${KEY}-echo; ${encodeURIComponent(KEY)}`)).toBe(
      'request_id [redacted]-echo; [redacted]',
    );
    expect(scrubSecrets(JSON.stringify({ password: 'pa"ss\\word-1' }))).toBe('{"password":"[redacted]"}');
    expect(scrubDeep({ job: { name: `leak ${KEY}`, usage: 3 }, list: [KEY] })).toEqual({
      job: { name: 'leak [redacted]', usage: 3 },
      list: ['[redacted]'],
    });
  });

  it('leaves short values and unregistered text alone', () => {
    registerSecrets(['abc', undefined]);
    expect(scrubSecrets('abc abcdef')).toBe('abc abcdef');
  });

  it('keeps every configured secret out of every log line, whatever field carries it', () => {
    const config = parseConfigText(
      `
redis: { url: "redis://:redis-pass-42@127.0.0.1:6379" }
heartbeatUrl: https://hc-ping.com/0f7e8c1a-ping-token
accounts: [{ name: prod, apiKey: ${KEY} }]
channels:
  team: { type: slack, webhookUrl: "https://hooks.slack.com/services/T0/B0/slacktoken123" }
  mail: { type: email, smtpUrl: "smtps://bot:smtp-pass-99@mail.example.com", from: a@b.co, to: [ops@example.com] }
`,
      {},
      'test',
    );
    registerSecrets(secretsOf(config));
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      destination: { write: (line: string) => lines.push(line) },
    });
    logger.error(
      {
        command: { name: 'auth', args: ['redis-pass-42'] },
        echoed: `bad token slacktoken123 and ${KEY}`,
        err: new Error('login failed for bot:smtp-pass-99 at 0f7e8c1a-ping-token'),
      },
      'peer said no',
    );
    const text = lines.join('');
    for (const secret of ['redis-pass-42', 'slacktoken123', KEY, 'smtp-pass-99', '0f7e8c1a-ping-token'])
      expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });
});
