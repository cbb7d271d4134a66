import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { clearSecrets, registerSecrets } from '../../src/core/secrets.js';
import type { JobEvent, WatchRef } from '../../src/core/types.js';
import type { Watch } from '../../src/core/watch.js';
import {
  type AccessSettings,
  createMetrics,
  type RunningHttpServer,
  startHttpServer,
} from '../../src/server/index.js';
import { SnapshotStore } from '../../src/store/snapshot-store.js';
import { statusReport } from '../../src/watch/status-report.js';
import { type TestRedis, testRedis } from '../support/redis.js';

const TOKEN = 'status-page-token-0123456789';
const ref: WatchRef = { id: 'prod.fine_tune', account: 'prod', kind: 'fine_tune' };
const watch: Watch = { ...ref, intervalMs: 60_000, timeZone: 'UTC', connection: { apiKey: 'sk-unused' } };

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with whatever headers a test needs (fetch may not set Host). */
function call(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    /** Sends the headers at once and the body only when this settles. */
    bodyAfter?: Promise<void>;
  } = {},
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.bodyAfter === undefined) req.end(options.body);
    else {
      req.flushHeaders();
      void options.bodyAfter.then(() => req.end(options.body));
    }
  });
}

/** The login form's POST of `token`; with `bodyAfter`, its body waits for that promise. */
function login(url: string, token: string, bodyAfter?: Promise<void>) {
  return call(`${url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
    ...(bodyAfter === undefined ? {} : { bodyAfter }),
  });
}

describe('status server', () => {
  let redis: TestRedis;
  let store: SnapshotStore;
  let server: RunningHttpServer | undefined;

  beforeEach(async () => {
    redis = testRedis('status-server');
    store = new SnapshotStore(redis.client, redis.prefix);
    const now = new Date();
    const since = new Date(now.getTime() - 600_000).toISOString();
    const entry = { status: 'RUNNING' as const, rawStatus: 'RUNNING', since, lastChange: since };
    const upserts = new Map([
      ['ft-1', { ...entry, name: '<img src=x onerror=alert(1)>', model: 'qwen3-8b' }],
      ['ft-2', { ...entry, status: 'QUEUING' as const, rawStatus: 'QUEUING' }],
    ]);
    const event: JobEvent = {
      id: 'ev-1',
      type: 'created',
      to: 'RUNNING',
      job: { kind: 'fine_tune', account: 'prod', id: 'ft-1', status: 'RUNNING', rawStatus: 'RUNNING' },
      detectedAt: since,
    };
    const token = await store.beginFetch(ref.id);
    await store.commit(ref.id, {
      watch: ref,
      baseVersion: 0,
      token,
      upserts,
      deletes: [],
      events: [event],
      now,
    });
    await store.ackOutbox(ref.id, await store.readOutbox(ref.id));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await redis.cleanup();
  });

  const start = async (access?: AccessSettings) => {
    server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      metrics: createMetrics(),
      ready: async () => undefined,
      logger: createLogger({ level: 'silent' }),
      status: {
        timeZone: 'UTC',
        watchIds: () => [watch.id],
        report: (now) => statusReport(store, [watch], now),
        changes: (fromMs) => store.changes.since(fromMs),
        stamps: () => store.stamps([watch.id]),
      },
      ...(access === undefined ? {} : { access }),
    });
    return server.url;
  };

  it('serves the page with a strict CSP, and the JSON that `status --json` prints', async () => {
    const url = await start();
    const page = await call(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'; script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.body).not.toContain('<img');

    const api = JSON.parse((await call(`${url}/api/watches`)).body);
    const expected = await statusReport(store, [watch], new Date(api.generatedAt));
    expect(api.watches).toEqual(expected);
    const jobs = JSON.parse((await call(`${url}/api/jobs`)).body);
    expect(jobs.jobs.map((job: { id: string; watch: string }) => `${job.watch}/${job.id}`).sort()).toEqual([
      'prod.fine_tune/ft-1',
      'prod.fine_tune/ft-2',
    ]);
    const changes = JSON.parse((await call(`${url}/api/changes?hours=1`)).body);
    expect(changes.changes.map((change: { id: string }) => change.id)).toEqual(['ev-1']);
    for (const asset of ['page.css', 'page.js', 'icon.svg']) {
      expect((await call(`${url}/assets/${asset}`)).status).toBe(200);
    }
  });

  it('shows no configured secret a peer echoed in a job name', async () => {
    const secret = 'sk-configured-key-0123456789';
    const since = new Date().toISOString();
    const upserts = new Map([
      [
        'ft-3',
        {
          status: 'RUNNING' as const,
          rawStatus: 'RUNNING',
          since,
          lastChange: since,
          name: `leak ${secret}`,
        },
      ],
    ]);
    const { token, view } = await store.beginCycle(ref.id);
    await store.commit(ref.id, {
      watch: ref,
      baseVersion: view.version,
      token,
      upserts,
      deletes: [],
      events: [],
    });
    registerSecrets([secret]);
    try {
      const url = await start();
      for (const path of ['/', '/api/jobs', '/api/watches']) {
        const body = (await call(`${url}${path}`)).body;
        expect(body).toContain('leak [redacted]');
        expect(body).not.toContain(secret);
      }
    } finally {
      clearSecrets();
    }
  });

  it('without a token, answers page and API only to loopback Host names (no DNS rebinding)', async () => {
    const url = await start();
    for (const host of ['localhost:9464', '[::1]:9464', '127.0.0.1']) {
      expect((await call(`${url}/api/jobs`, { headers: { host } })).status).toBe(200);
    }
    for (const host of ['evil.example', 'evil.example:9464', '10.0.0.5:9464']) {
      expect((await call(`${url}/api/jobs`, { headers: { host } })).status).toBe(421);
      expect((await call(`${url}/`, { headers: { host } })).status).toBe(421);
    }
    expect((await call(`${url}/healthz`, { headers: { host: 'evil.example' } })).status).toBe(200);
  });

  it('with a token: bearer or the login cookie for page and API; /healthz open; /metrics as set', async () => {
    const url = await start({ token: TOKEN, metrics: 'token' });
    const bearer = { authorization: `Bearer ${TOKEN}` };
    const denied = await call(`${url}/api/jobs`);
    expect(denied.status).toBe(401);
    expect(denied.headers['www-authenticate']).toBe('Bearer');
    expect(JSON.parse(denied.body)).toEqual({ error: 'token required' });
    expect(
      (await call(`${url}/api/jobs`, { headers: { authorization: 'Bearer not-the-token' } })).status,
    ).toBe(401);
    expect((await call(`${url}/api/jobs`, { headers: bearer })).status).toBe(200);

    const form = await call(`${url}/`);
    expect(form.status).toBe(401);
    expect(form.body).toContain('<form method="post" action="/login">');
    expect(form.body).not.toContain('ft-1');

    const post = (token: string) => login(url, token);
    const wrong = await post('not-the-token');
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const right = await post(TOKEN);
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/');
    const cookie = String(right.headers['set-cookie']);
    expect(cookie).toMatch(/^dashwatch_session=[\w-]+; Path=\/; HttpOnly; SameSite=Strict/);
    expect(cookie).not.toContain(TOKEN);
    const session = cookie.split(';')[0] as string;
    const page = await call(`${url}/`, { headers: { cookie: session } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('ft-1');
    expect((await call(`${url}/`, { headers: { cookie: 'dashwatch_session=forged' } })).status).toBe(401);

    expect((await call(`${url}/healthz`)).status).toBe(200);
    expect((await call(`${url}/readyz`)).status).toBe(200);
    expect((await call(`${url}/metrics`)).status).toBe(401);
    expect((await call(`${url}/metrics`, { headers: { cookie: session } })).status).toBe(401);
    expect((await call(`${url}/metrics`, { headers: bearer })).status).toBe(200);
  });

  it('ten wrong tokens from one address: it waits (429, Retry-After), a signed-in browser does not', async () => {
    const url = await start({ token: TOKEN, metrics: 'token' });
    const post = (token: string) => login(url, token);
    // Another scheme is no guess at the token (a proxy's Basic credentials passed on).
    for (let i = 0; i < 12; i += 1) {
      const basic = { authorization: 'Basic dXNlcjpwYXNz' };
      expect((await call(`${url}/api/jobs`, { headers: basic })).status).toBe(401);
    }
    const session = String((await post(TOKEN)).headers['set-cookie']).split(';')[0] as string;
    for (let i = 0; i < 5; i += 1) expect((await post(`guess-${i}`)).status).toBe(401);
    for (let i = 0; i < 5; i += 1) {
      const guess = { authorization: `Bearer guess-${i}` };
      expect((await call(`${url}/api/jobs`, { headers: guess })).status).toBe(401);
    }
    const held = await post(TOKEN);
    expect(held.status).toBe(429);
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(50);
    expect(Number(held.headers['retry-after'])).toBeLessThanOrEqual(60);
    const bearer = { authorization: `Bearer ${TOKEN}` };
    expect((await call(`${url}/api/jobs`, { headers: bearer })).status).toBe(429);
    expect((await call(`${url}/metrics`, { headers: bearer })).status).toBe(429);
    expect((await call(`${url}/healthz`, { headers: bearer })).status).toBe(200);
    expect((await call(`${url}/`, { headers: { cookie: session } })).status).toBe(200);
  });

  it('guesses sent in parallel, bodies held back until every header is in, still count one by one', async () => {
    const url = await start({ token: TOKEN, metrics: 'token' });
    let release = () => {};
    const bodies = new Promise<void>((resolve) => {
      release = resolve;
    });
    const answers = Array.from({ length: 30 }, (_, i) => login(url, `guess-${i}`, bodies));
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    const statuses = (await Promise.all(answers)).map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 401)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
  });

  it('leaves /metrics open when so set, with the token still guarding the page', async () => {
    const url = await start({ token: TOKEN, metrics: 'open' });
    expect((await call(`${url}/metrics`)).status).toBe(200);
    expect((await call(`${url}/api/watches`)).status).toBe(401);
  });
});
