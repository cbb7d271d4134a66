import { createTransport } from 'nodemailer';
import { expect, test } from 'vitest';
import { startSlackSink, startSmtpSink } from '../../src/dev/sinks/index.js';

test('the Slack sink fails posts at the rate asked, after scripted answers, until told to stop', async () => {
  const sink = await startSlackSink();
  try {
    const post = async () => {
      const res = await fetch(sink.url, { method: 'POST', body: '{"text":"hi"}' });
      return [res.status, res.headers.get('retry-after'), await res.text()];
    };
    sink.failRate({ rate: 1, statuses: [429], retryAfter: 3 });
    sink.script([{ status: 200, body: 'ok' }]);
    expect(await post()).toEqual([200, null, 'ok']);
    expect(await post()).toEqual([429, '3', 'rate_limited']);
    sink.failRate({ rate: 1, statuses: [500] });
    expect(await post()).toEqual([500, null, 'internal_error']);
    sink.failRate(undefined);
    expect(await post()).toEqual([200, null, 'ok']);
    expect([sink.failures, sink.received.length]).toEqual([2, 2]);
  } finally {
    await sink.close();
  }
});

test('the SMTP sink answers 451 at the rate asked, until told to stop', async () => {
  const sink = await startSmtpSink();
  const transport = createTransport(sink.url);
  try {
    const send = () =>
      transport.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 's', text: 't' }).then(
        () => 250,
        (error: { responseCode?: number }) => error.responseCode,
      );
    sink.failRate({ rate: 1 });
    expect(await send()).toBe(451);
    sink.failRate(undefined);
    expect(await send()).toBe(250);
    expect([sink.failures, sink.received.length]).toEqual([1, 1]);
  } finally {
    transport.close();
    await sink.close();
  }
});
