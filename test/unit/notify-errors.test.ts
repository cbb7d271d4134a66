import { describe, expect, it } from 'vitest';
import { classifySmtpError } from '../../src/notifiers/email/index.js';
import { NotifyError } from '../../src/notifiers/index.js';
import { classifySlackResponse } from '../../src/notifiers/slack/index.js';

const SECRET = 'https://hooks.slack.com/services/T000/B000/s3cr3tt0ken';

describe('classifySlackResponse', () => {
  it.each([
    { status: 200, body: 'ok', retryAfter: null, expected: undefined },
    {
      status: 429,
      body: 'rate_limited',
      retryAfter: '2',
      expected: { retryable: true, retryAfterMs: 2000, code: 'rate_limited' },
    },
    { status: 429, body: '', retryAfter: null, expected: { retryable: true, code: 'http_429' } },
    {
      status: 500,
      body: 'rollup_error',
      retryAfter: null,
      expected: { retryable: true, code: 'rollup_error' },
    },
    { status: 503, body: '', retryAfter: null, expected: { retryable: true, code: 'http_503' } },
    {
      status: 400,
      body: 'invalid_payload',
      retryAfter: null,
      expected: { retryable: false, code: 'invalid_payload' },
    },
    {
      status: 403,
      body: 'invalid_token',
      retryAfter: null,
      expected: { retryable: false, code: 'invalid_token' },
    },
    { status: 404, body: 'no_service', retryAfter: null, expected: { retryable: false, code: 'no_service' } },
    {
      status: 404,
      body: 'channel_not_found',
      retryAfter: null,
      expected: { retryable: false, code: 'channel_not_found' },
    },
    {
      status: 410,
      body: 'channel_is_archived',
      retryAfter: null,
      expected: { retryable: false, code: 'channel_is_archived' },
    },
  ])('HTTP $status $body', ({ status, body, retryAfter, expected }) => {
    const error = classifySlackResponse('alerts', { status, body, retryAfter }, [SECRET]);
    if (expected === undefined) return expect(error).toBeUndefined();
    expect(error).toBeInstanceOf(NotifyError);
    expect(error).toMatchObject({ channel: 'alerts', httpStatus: status, ...expected });
  });

  it('redacts a webhook URL echoed in the body', () => {
    const error = classifySlackResponse(
      'alerts',
      { status: 400, body: `bad url ${SECRET}`, retryAfter: null },
      [SECRET],
    );
    expect(JSON.stringify(error)).not.toContain('s3cr3tt0ken');
    expect(error?.message).not.toContain('s3cr3tt0ken');
  });
});

describe('classifySmtpError', () => {
  const smtp = (responseCode: number | undefined, code: string, response?: string) =>
    Object.assign(new Error(response ?? code), { responseCode, code, response });

  it.each([
    { error: smtp(421, 'EENVELOPE', '421 Service not available'), retryable: true },
    { error: smtp(450, 'EENVELOPE', '450 Mailbox busy'), retryable: true },
    { error: smtp(451, 'EMESSAGE', '451 Try again later'), retryable: true },
    { error: smtp(452, 'EENVELOPE', '452 Insufficient storage'), retryable: true },
    { error: smtp(550, 'EENVELOPE', '550 No such user'), retryable: false },
    { error: smtp(552, 'EMESSAGE', '552 Message too big'), retryable: false },
    { error: smtp(535, 'EAUTH', '535 Authentication failed'), retryable: false },
    { error: smtp(undefined, 'ECONNECTION'), retryable: true },
    { error: smtp(undefined, 'ETIMEDOUT'), retryable: true },
    { error: smtp(undefined, 'ESOCKET'), retryable: true },
    { error: smtp(undefined, 'EENVELOPE'), retryable: false },
    { error: smtp(undefined, 'EAUTH'), retryable: false },
  ])('$error.code $error.responseCode → retryable $retryable', ({ error, retryable }) => {
    const result = classifySmtpError('mail', error, ['hunter2pass'], false);
    expect(result).toMatchObject({ channel: 'mail', retryable, code: error.code });
  });

  it('an abort is retryable', () => {
    expect(classifySmtpError('mail', new Error('x'), [], true)).toMatchObject({
      retryable: true,
      code: 'aborted',
    });
  });

  it('redacts the password from the server reply', () => {
    const error = classifySmtpError(
      'mail',
      smtp(535, 'EAUTH', '535 bad password hunter2pass'),
      ['hunter2pass'],
      false,
    );
    expect(error.message).not.toContain('hunter2pass');
    expect(error.message).toContain('[redacted]');
  });
});
