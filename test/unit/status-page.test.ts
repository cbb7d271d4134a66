import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from '../../src/server/page/html.js';
import { segmentsOf } from '../../src/server/page/segments.js';
import { type PageModel, statusPage } from '../../src/server/page/status-page.js';
import { jsonText } from '../../src/server/respond.js';
import type { Change } from '../../src/store/change-log.js';
import type { StatusJob, StatusWatch } from '../../src/watch/status-report.js';

const INJECTION = '<img src=x onerror=alert(1)>';
const NOW = Date.parse('2025-06-01T12:00:00.000Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

function job(id: string, overrides: Partial<StatusJob> = {}): StatusJob {
  return {
    kind: 'fine_tune',
    id,
    name: id,
    status: 'RUNNING',
    rawStatus: 'RUNNING',
    ageInStatusMs: HOUR,
    lastChange: iso(NOW - HOUR),
    since: iso(NOW - HOUR),
    ...overrides,
  };
}

function watchOf(jobs: StatusJob[], overrides: Partial<StatusWatch> = {}): StatusWatch {
  return {
    watch: 'prod.fine_tune',
    account: 'prod',
    kind: 'fine_tune',
    health: 'ok',
    consecutiveFailures: 0,
    lastCycleOk: iso(NOW - 60_000),
    trackedJobs: jobs.length,
    jobs,
    ...overrides,
  };
}

function change(n: number, jobId: string, atMs: number, fields: Partial<Change>): Change {
  return { id: `c${n}`, type: 'transition', at: iso(atMs), watch: 'prod.fine_tune', jobId, ...fields };
}

function model(watches: StatusWatch[], changes: Change[] = []): PageModel {
  return { now: new Date(NOW), windowMs: 24 * HOUR, refreshMs: 10_000, timeZone: 'UTC', watches, changes };
}

describe('status page markup', () => {
  it('escapes every interpolated value, in content and attributes', () => {
    expect(escapeHtml(`${INJECTION}"'&`)).toBe('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
    expect(html`<td title="${'"><script>'}">${INJECTION}</td>`.text).toBe(
      '<td title="&quot;&gt;&lt;script&gt;">&lt;img src=x onerror=alert(1)&gt;</td>',
    );
    expect(html`<p>${html`<b>${'a<b'}</b>`}${['x', 1, null, false]}</p>`.text).toBe('<p><b>a&lt;b</b>x1</p>');
  });

  it('keeps API text as text wherever the page shows it', () => {
    const page = statusPage(
      model(
        [
          watchOf(
            [job(INJECTION, { name: INJECTION, model: INJECTION, rawStatus: INJECTION, stuck: true })],
            {
              health: 'failing',
              consecutiveFailures: 3,
              lastError: { code: INJECTION, message: INJECTION },
            },
          ),
        ],
        [
          change(1, INJECTION, NOW - 2 * HOUR, { type: 'created', to: 'RUNNING', name: INJECTION }),
          change(2, 'x', NOW - HOUR, { type: 'watch_failing', detail: INJECTION }),
        ],
      ),
    ).text;
    expect(page).not.toMatch(/<img/i);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // Only our own script, from a file: nothing inline for the CSP to have to allow.
    expect(page.match(/<script[^>]*>/g)).toEqual(['<script src="/assets/page.js" defer>']);
    // No handler or style attribute on any tag (quoted values, escaped API text among them, aside).
    expect(page.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\s(style|on[a-z]+)=/i);
  });

  it('draws one timeline row per job live or changed in the window, and a now-line', () => {
    const jobs = [
      job('live-1'),
      job('live-2', { status: 'QUEUING', rawStatus: 'QUEUING', since: iso(NOW - 30 * 60_000) }),
      job('done', { status: 'FAILED', rawStatus: 'FAILED', since: iso(NOW - 2 * HOUR) }),
      job('baseline', { status: 'SUCCEEDED', rawStatus: 'SUCCEEDED', since: iso(NOW - HOUR) }),
    ];
    const changes = [change(1, 'done', NOW - 2 * HOUR, { from: 'RUNNING', to: 'FAILED' })];
    const page = statusPage(model([watchOf(jobs)], changes)).text;
    const rows = [...page.matchAll(/<g class="row" data-job="prod\.fine_tune\/([^"]+)"/g)].map((m) => m[1]);
    expect(rows.sort()).toEqual(['done', 'live-1', 'live-2']);
    expect(page).toContain('<g class="now">');
    expect(page).toContain('Live jobs <span class="count">2</span>');
  });

  it('escapes markup characters in JSON too', () => {
    expect(jsonText({ name: INJECTION })).toBe(
      '{\n  "name": "\\u003cimg src=x onerror=alert(1)\\u003e"\n}\n',
    );
    expect(JSON.parse(jsonText({ name: INJECTION }))).toEqual({ name: INJECTION });
  });
});

describe('timeline segments', () => {
  const start = NOW - 24 * HOUR;

  it('rebuilds the stretches from logged changes, starting at creation', () => {
    const segments = segmentsOf(
      {
        status: 'SUCCEEDED',
        since: iso(NOW - HOUR),
        createdAt: iso(NOW - 5 * HOUR),
        changes: [
          change(1, 'j', NOW - 4 * HOUR, { from: 'QUEUING', to: 'RUNNING' }),
          change(2, 'j', NOW - HOUR, { from: 'RUNNING', to: 'SUCCEEDED' }),
        ],
      },
      start,
      NOW,
    );
    expect(segments).toEqual([
      { status: 'QUEUING', startMs: NOW - 5 * HOUR, endMs: NOW - 4 * HOUR, final: false },
      { status: 'RUNNING', startMs: NOW - 4 * HOUR, endMs: NOW - HOUR, final: false },
      { status: 'SUCCEEDED', startMs: NOW - HOUR, endMs: NOW, final: true },
    ]);
  });

  it('clips to the window, and uses the status start the API gave over the moment a poll noticed', () => {
    const segments = segmentsOf(
      {
        status: 'RUNNING',
        since: iso(NOW - 3 * HOUR - 60_000),
        changes: [change(1, 'j', NOW - 3 * HOUR, { from: 'QUEUING', to: 'RUNNING' })],
      },
      start,
      NOW,
    );
    expect(segments).toEqual([
      { status: 'QUEUING', startMs: start, endMs: NOW - 3 * HOUR - 60_000, final: false },
      { status: 'RUNNING', startMs: NOW - 3 * HOUR - 60_000, endMs: NOW, final: false },
    ]);
  });

  it('draws a job with no logged change from when its status began, and nothing outside the window', () => {
    expect(segmentsOf({ status: 'RUNNING', since: iso(NOW - 2 * HOUR), changes: [] }, start, NOW)).toEqual([
      { status: 'RUNNING', startMs: NOW - 2 * HOUR, endMs: NOW, final: false },
    ]);
    expect(segmentsOf({ status: 'QUEUING', since: iso(NOW - 48 * HOUR), changes: [] }, start, NOW)).toEqual([
      { status: 'QUEUING', startMs: start, endMs: NOW, final: false },
    ]);
  });
});
