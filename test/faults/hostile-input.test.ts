import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from '../support/cli-process.js';
import { waitUntil } from '../support/engine-process.js';
import { type TestRedis, testRedis } from '../support/redis.js';
import {
  type HostileAnswer,
  type HostileApi,
  listPage,
  rawFineTune,
  startHostileApi,
} from './support/hostile-api.js';
import { API_KEY, logsOf, postTexts, type Rig, startRig } from './support/rig.js';

// Faults 4, 7 and 12: what the API says is hostile. A 10 MB name, a key echoed back, characters that
// reorder what is shown: bounded, scrubbed and neutralised before anything renders it.
const ECHO_KEY = 'sk-echoed-SECRET-77a1c9e4';
/** The image's heap (Dockerfile NODE_OPTIONS). */
const IMAGE_HEAP = '--max-old-space-size=96 --max-semi-space-size=1';

let rig: Rig;
let redis: TestRedis;
let api: HostileApi | undefined;

beforeEach(async () => {
  rig = await startRig([API_KEY]);
  redis = testRedis('faults-hostile-input');
});
afterEach(async () => {
  await rig.close();
  await api?.close();
  api = undefined;
  await redis.cleanup();
});

function hostileAccount(name: string, apiKey: string, url: string): Record<string, unknown> {
  return { name, apiKey, baseUrl: url, kinds: ['fine_tune'] };
}

it('a 10 MB job name in a 30 MB page: the daemon stays responsive in the image heap, one bounded message', async () => {
  const filler = Array.from({ length: 99 }, (_, i) =>
    rawFineTune(`ft-filler-${i}`, 'SUCCEEDED', { message: 'm'.repeat(200_000) }),
  );
  const huge = (status: string, extra: Record<string, unknown> = {}) =>
    rawFineTune('ft-huge-name', status, { job_name: `big-${'N'.repeat(10 * 1024 * 1024)}`, ...extra });
  const pages = new Map<string, string>();
  const pageOf = (status: string): string => {
    const cached = pages.get(status);
    if (cached !== undefined) return cached;
    const extra =
      status === 'FAILED' ? { code: 'InternalError', message: `E${'e'.repeat(2 * 1024 * 1024)}` } : {};
    const jobs = [huge(status, extra), ...filler];
    const body = JSON.stringify({
      request_id: 'req-huge',
      output: { page_no: 1, page_size: 100, total: 100, jobs },
    });
    pages.set(status, body);
    return body;
  };
  let status = 'RUNNING';
  api = await startHostileApi((_path, query) =>
    query.get('page_no') === '1' ? { status: 200, body: pageOf(status) } : listPage(query, [], 100),
  );
  const hostile = api;
  process.stdout.write(`huge page: ${(pageOf('RUNNING').length / 1024 / 1024).toFixed(1)} MB\n`);
  const config = rig.config(redis.url, redis.prefix, {
    accounts: [hostileAccount('huge', API_KEY, hostile.url)],
  });
  const daemon = rig.start(rig.write(config), { NODE_OPTIONS: IMAGE_HEAP });
  await rig.ready(daemon, 60_000);

  status = 'FAILED';
  // While it reads, parses and renders, /healthz keeps answering.
  let slowestMs = 0;
  const probing = (async () => {
    while (rig.slack.received.length === 0 && daemon.child.exitCode === null) {
      const answer = await rig.get('/healthz', 5000);
      slowestMs = Math.max(slowestMs, answer?.ms ?? 5000);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const [post] = await rig.slack.waitFor(1, 60_000);
  await probing;
  const [mail] = await rig.smtp.waitFor(1, 30_000);
  const requestsThen = hostile.requests;
  await waitUntil(() => hostile.requests >= requestsThen + 2, 'two more cycles', 30_000);

  const postBytes = JSON.stringify(post?.body).length;
  const mailBytes = (mail?.text.length ?? 0) + (mail?.html.length ?? 0);
  process.stdout.write(
    `huge name: slowest /healthz ${slowestMs.toFixed(0)} ms, Slack post ${postBytes} B, mail ${mailBytes} B\n`,
  );
  expect(daemon.child.exitCode).toBeNull();
  expect(slowestMs).toBeLessThan(2000);
  expect(rig.slack.received).toHaveLength(1);
  expect(JSON.stringify(post?.body)).toContain('ft-huge-name');
  // Slack's own limits: 40,000 characters of text, 3,000 per section.
  expect(postBytes).toBeLessThan(40_000);
  expect(mailBytes).toBeLessThan(100_000);
  expect(rig.smtp.received).toHaveLength(1);
});

it('a key echoed back in request_id, code, message and a job name reaches no log, message, metric or status', async () => {
  let phase: 'running' | 'failed' | 'refusing' = 'running';
  api = await startHostileApi((_path, query): HostileAnswer => {
    if (phase === 'refusing') {
      const body = {
        request_id: ECHO_KEY,
        code: `InvalidApiKey ${ECHO_KEY}`,
        message: `Invalid API-key provided: ${ECHO_KEY}`,
      };
      return { status: 401, body: JSON.stringify(body) };
    }
    const job = rawFineTune('ft-echo-1', phase === 'running' ? 'RUNNING' : 'FAILED', {
      job_name: `tuned-with-${ECHO_KEY}`,
      ...(phase === 'failed'
        ? { code: ECHO_KEY, message: `training aborted, key ${ECHO_KEY} was rejected` }
        : {}),
    });
    return listPage(query, query.get('page_no') === '1' ? [job] : [], 1, ECHO_KEY);
  });
  const config = rig.config(redis.url, redis.prefix, {
    accounts: [hostileAccount('echo', ECHO_KEY, api.url)],
  });
  const daemon = rig.start(rig.write(config));
  await rig.ready(daemon);

  phase = 'failed';
  await rig.slack.waitFor(1, 20_000);
  await rig.smtp.waitFor(1, 20_000);
  phase = 'refusing';
  await waitUntil(
    () => postTexts(rig.slack).some((text) => text.includes('InvalidApiKey')),
    'the watch_failing notice',
    30_000,
  );
  await rig.smtp.waitFor(2, 20_000);
  const metrics = await rig.get('/metrics');
  const readyz = await rig.get('/readyz');
  const status = await runCli(['status', '--json', '--config', `${rig.dir}/dashwatch.yaml`], {}, rig.dir);
  expect(status.code).toBe(0);

  const places: [string, string][] = [
    ['daemon stdout', daemon.stdout()],
    ['daemon stderr', daemon.stderr()],
    ['Slack', postTexts(rig.slack).join('\n')],
    ['email', rig.smtp.received.map((m) => `${m.subject}\n${m.text}\n${m.html}`).join('\n')],
    ['/metrics', metrics?.body ?? ''],
    ['/readyz', readyz?.body ?? ''],
    ['status --json', status.stdout + status.stderr],
  ];
  for (const [where, text] of places) expect(text.includes(ECHO_KEY), `${where} shows the key`).toBe(false);
  // Scrubbed, not dropped: what was around the key still shows.
  expect(postTexts(rig.slack).join('\n')).toContain('tuned-with-');
  expect(logsOf(daemon).some((line) => JSON.stringify(line).includes('Invalid API-key provided'))).toBe(true);
});

it('bidi overrides and zero-width characters in a name are neutralised in Slack and email', async () => {
  const spoof = 'report\u202Efdp.exe\u200B\u2066x\u2069';
  const [job] = rig.sim.sim.createJobs({ kind: 'fine_tune', status: 'RUNNING', name: spoof });
  const daemon = rig.start(rig.write(rig.config(redis.url, redis.prefix)));
  await rig.ready(daemon);
  rig.sim.sim.setStatus(job?.id ?? '', 'FAILED', { errorMessage: `bad\u202Edata\u200D` });
  const [post] = await rig.slack.waitFor(1, 20_000);
  const [mail] = await rig.smtp.waitFor(1, 20_000);
  const hidden = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
  // JSON.stringify leaves these characters as they are: a test on the string sees them.
  const slackText = JSON.stringify(post?.body);
  expect(hidden.test(slackText)).toBe(false);
  expect(slackText).toContain('reportfdp.exe');
  for (const text of [mail?.subject ?? '', mail?.text ?? '', mail?.html ?? ''])
    expect(hidden.test(text)).toBe(false);
  expect(mail?.text).toContain('reportfdp.exe');
});
