import { afterEach, beforeEach, expect, it } from 'vitest';
import type { LogLine } from '../support/engine-process.js';
import { waitUntil } from '../support/engine-process.js';
import { type TestRedis, testRedis } from '../support/redis.js';
import { type HostileApi, listPage, rawFineTune, startHostileApi } from './support/hostile-api.js';
import { API_KEY, logsOf, postTexts, type Rig, startRig } from './support/rig.js';

// Fault 5: lists that never end (`total: 1e9`, or a total that grows with every page) and an API that
// never answers. Each such watch fails with a reason instead of scanning for hours, never runs two
// cycles at once, and a healthy account beside them keeps its interval, with three poll slots in all.
const INTERVAL_MS = 2000;
const MAX_PAGES = 20;

let rig: Rig;
let redis: TestRedis;
const apis: HostileApi[] = [];

beforeEach(async () => {
  rig = await startRig([API_KEY]);
  redis = testRedis('faults-hostile-lists');
});
afterEach(async () => {
  await rig.close();
  await Promise.all(apis.splice(0).map((api) => api.close()));
  await redis.cleanup();
});

async function hostile(answer: Parameters<typeof startHostileApi>[0]): Promise<HostileApi> {
  const api = await startHostileApi(answer);
  apis.push(api);
  return api;
}

/** Full pages of distinct RUNNING jobs. */
function fullPage(query: URLSearchParams, label: string): Record<string, unknown>[] {
  const page = Number(query.get('page_no'));
  const size = Number(query.get('page_size'));
  return Array.from({ length: size }, (_, i) => rawFineTune(`ft-${label}-${page}-${i}`, 'RUNNING'));
}

function committedStarts(logs: readonly LogLine[], watch: string): number[] {
  return logs
    .filter((line) => line.msg === 'poll cycle' && line.watch === watch && line.result === 'committed')
    .map((line) => line.time - (line.durationMs ?? 0));
}

it('endless and hanging lists fail with a reason, never overlap, and do not starve a healthy account', async () => {
  const endless = await hostile((_path, query) => listPage(query, fullPage(query, 'endless'), 1e9));
  // Honest-looking: the total is always one page ahead of the reader.
  const growing = await hostile((_path, query) => {
    const page = Number(query.get('page_no'));
    return listPage(query, fullPage(query, 'growing'), (page + 1) * Number(query.get('page_size')));
  });
  const hanging = await hostile(() => 'hang');
  const account = (name: string, url: string) => ({
    name,
    apiKey: API_KEY,
    baseUrl: url,
    kinds: ['fine_tune'],
  });
  const [job] = rig.sim.sim.createJobs({ kind: 'fine_tune', status: 'RUNNING', name: 'healthy-sft' });
  const config = rig.config(redis.url, redis.prefix, {
    polling: {
      interval: `${INTERVAL_MS}ms`,
      concurrency: 2,
      maxPagesPerCycle: MAX_PAGES,
      requestTimeout: '1s',
    },
    // Announced at the first failure: the test waits for each bad watch's notice.
    thresholds: { failingAfter: 1 },
    accounts: [
      account('healthy', rig.sim.url),
      account('endless', endless.url),
      account('growing', growing.url),
      account('hanging', hanging.url),
    ],
  });
  const daemon = rig.start(rig.write(config));

  // Each bad watch is announced as failing, with its reason.
  await waitUntil(
    () => {
      const texts = postTexts(rig.slack).join('\n');
      return ['endless', 'growing', 'hanging'].every((name) => texts.includes(`${name}.fine_tune`));
    },
    'watch_failing for the three bad watches',
    60_000,
  );
  const texts = postTexts(rig.slack).join('\n');
  expect(texts).toContain('1,000,000,000 jobs');
  // The growing list trips the pager's own guard (more pages than its first total allowed) first.
  expect(texts).toContain('paging did not reach output.total');

  // Meanwhile the healthy account polls on time, and reports its job's end.
  const settledAt = Date.now();
  await waitUntil(
    () => committedStarts(logsOf(daemon), 'healthy.fine_tune').filter((at) => at > settledAt).length >= 6,
    'six more healthy cycles',
    40_000,
  );
  rig.sim.sim.setStatus(job?.id ?? '', 'SUCCEEDED');
  const changedAt = Date.now();
  await waitUntil(
    () => postTexts(rig.slack).some((text) => text.includes(job?.id ?? '')),
    'the healthy job',
    20_000,
  );
  const reportedMs = Date.now() - changedAt;

  // From when the bad watches were known to be failing (before that, no process can tell them apart).
  const starts = committedStarts(logsOf(daemon), 'healthy.fine_tune').filter((at) => at > settledAt);
  const gaps = starts.slice(1).map((at, i) => at - (starts[i] ?? at));
  const worstGap = Math.max(...gaps);
  process.stdout.write(
    `hostile lists: healthy watch ${starts.length} cycles, worst gap ${worstGap} ms (interval ${INTERVAL_MS}); ` +
      `job reported ${reportedMs} ms after it ended; most requests at once: endless ${endless.maxInFlight}, ` +
      `growing ${growing.maxInFlight}, hanging ${hanging.maxInFlight}; growing served ${growing.requests} pages\n`,
  );
  expect(worstGap).toBeLessThan(2 * INTERVAL_MS);
  // One cycle of a watch at a time: never two requests open against one account's list.
  expect([endless.maxInFlight, growing.maxInFlight, hanging.maxInFlight]).toEqual([1, 1, 1]);
  const failures = logsOf(daemon).filter((line) => line.msg === 'poll cycle' && line.result === 'failed');
  const codes = new Map(failures.map((line) => [line.watch, (line.error as { code?: string }).code]));
  expect(codes.get('endless.fine_tune')).toBe('PageLimit');
  expect(codes.get('growing.fine_tune')).toBe('BadResponse');
  expect(codes.get('hanging.fine_tune')).toBe('Timeout');
  expect(codes.has('healthy.fine_tune')).toBe(false);
});
