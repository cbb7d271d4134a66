import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/index.js';
import { type Daemon, startDaemon } from '../../src/daemon/daemon.js';
import { launchChromium } from '../../src/dev/browser.js';
import { freePort } from '../../src/dev/free-port.js';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/index.js';
import { waitUntil } from '../support/engine-process.js';
import { capturedLogger } from '../support/notify-harness.js';
import { type TestRedis, testRedis } from '../support/redis.js';

const INJECTION = '<img src=x onerror=alert(1)>';
const KINDS = ['fine_tune', 'model_import', 'compression'] as const;

let sim: RunningSimulator;
let redis: TestRedis;
let daemon: Daemon;
let browser: Browser;
let url: string;
const jobs: Record<string, string> = {};

beforeAll(async () => {
  // First: without Chromium the test fails at once, with the one line that says what to install.
  browser = await launchChromium();
  sim = await startSimulator({ apiKeys: ['sk-page'] });
  redis = testRedis('status-page');
  const recent = new Date(Date.now() - 30 * 60_000).toISOString();
  const create = (spec: Parameters<typeof sim.sim.createJobs>[0]) => sim.sim.createJobs(spec)[0]?.id ?? '';
  jobs.injected = create({
    kind: 'fine_tune',
    status: 'RUNNING',
    name: INJECTION,
    model: 'qwen3-8b',
    createdAt: recent,
  });
  jobs.queued = create({ kind: 'fine_tune', status: 'QUEUING', name: 'nightly-eval', model: 'qwen3-32b' });
  jobs.imported = create({ kind: 'model_import', status: 'RUNNING', name: 'lora-import', createdAt: recent });
  jobs.quantized = create({ kind: 'compression', status: 'PENDING', name: 'int4-compress' });
  const config = parseConfigText(
    `
redis: { url: "${redis.url}", prefix: "${redis.prefix}" }
server: { port: ${await freePort(0)} }
polling: { interval: 1s }
accounts:
  - { name: prod, apiKey: sk-page, baseUrl: "${sim.url}", kinds: [${KINDS.join(', ')}] }
`,
    {},
    'test',
  );
  daemon = await startDaemon(config, capturedLogger().logger);
  url = `${daemon.http?.url}/?hours=1&refresh=1`;
  await waitUntil(
    async () => {
      const views = await Promise.all(KINDS.map((kind) => daemon.engine.store.loadView(`prod.${kind}`)));
      return views.every((view) => view.baselineDone);
    },
    'the baseline of every watch',
    15_000,
  );
});

afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
  await sim?.close();
  await redis?.cleanup();
});

/** A page that records what would mean a broken or attacked page: console errors, uncaught errors, dialogs. */
async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warn') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  return { page, problems };
}

const statusOf = (page: Page, id: string) =>
  page.$eval(`tr[data-job$="/${id}"] .status`, (cell) => cell.textContent).catch(() => null);

it('shows the jobs in real Chromium, a timeline row each, updates without reload, and runs no injected markup', async () => {
  const { page, problems } = await watchedPage();
  await page.setViewport({ width: 1200, height: 900 });
  await page.goto(url, { waitUntil: 'load' });

  for (const [id, status] of [
    [jobs.injected, 'RUNNING'],
    [jobs.queued, 'QUEUING'],
    [jobs.imported, 'RUNNING'],
    [jobs.quantized, 'PENDING'],
  ] as const) {
    expect(await statusOf(page, id ?? ''), id).toBe(status);
  }
  const rows = () => page.$$eval('svg.timeline g.row', (gs) => gs.map((g) => g.getAttribute('data-job')));
  expect((await rows()).sort()).toEqual(
    [
      `prod.fine_tune/${jobs.injected}`,
      `prod.fine_tune/${jobs.queued}`,
      `prod.model_import/${jobs.imported}`,
      `prod.compression/${jobs.quantized}`,
    ].sort(),
  );
  expect(await page.$$eval('svg.timeline g.now line', (lines) => lines.length)).toBe(1);
  // The injected name is text in the table and the timeline, never an element.
  expect(await page.$$eval('img', (images) => images.length)).toBe(0);
  expect(await page.$eval(`tr[data-job$="/${jobs.injected}"] td.name`, (cell) => cell.textContent)).toBe(
    INJECTION,
  );
  expect(
    await page.$$eval('svg.timeline text.label', (labels) => labels.map((l) => l.textContent)),
  ).toContain(INJECTION);

  // A change in the account reaches the open page by itself.
  await page.evaluate('window.notReloaded = true');
  let navigations = 0;
  page.on('framenavigated', () => navigations++);
  sim.sim.setStatus(jobs.queued ?? '', 'RUNNING');
  sim.sim.setStatus(jobs.imported ?? '', 'FAILED');
  await page.waitForFunction(
    `document.querySelector('#live tr[data-job$="/${jobs.queued}"] .status')?.textContent === 'RUNNING' &&
     document.querySelector('#finished tr[data-job$="/${jobs.imported}"] .status')?.textContent === 'FAILED'`,
    { timeout: 20_000, polling: 200 },
  );
  expect(await page.evaluate('window.notReloaded')).toBe(true);
  expect(navigations).toBe(0);
  // The failed import is still a row: it was active in the window.
  expect(await rows()).toHaveLength(4);
  expect(await page.$$eval('svg.timeline rect.seg.failed', (rects) => rects.length)).toBe(1);
  expect(await page.$$eval('img', (images) => images.length)).toBe(0);

  const shot = join(mkdtempSync(join(tmpdir(), 'dashwatch-status-page-')), 'status-page.png');
  await page.screenshot({ path: shot as `${string}.png`, fullPage: true });
  expect(statSync(shot).size).toBeGreaterThan(10_000);
  process.stdout.write(`status page screenshot: ${shot}\n`);
  expect(problems).toEqual([]);
  await page.close();
});

it('is readable with JavaScript off', async () => {
  const { page, problems } = await watchedPage();
  await page.setJavaScriptEnabled(false);
  await page.goto(url, { waitUntil: 'load' });
  expect(await statusOf(page, jobs.quantized ?? '')).toBe('PENDING');
  expect(await page.$$eval('svg.timeline g.row', (gs) => gs.length)).toBe(4);
  expect(await page.$eval('#watches tbody', (body) => body.textContent)).toContain('healthy');
  expect(problems).toEqual([]);
  await page.close();
});
