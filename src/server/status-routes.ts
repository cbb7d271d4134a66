import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/logger.js';
import { scrubDeep } from '../core/secrets.js';
import type { Change } from '../store/index.js';
import type { StatusWatch } from '../watch/status-report.js';
import type { Access } from './access.js';
import { ICON_SVG } from './page/icon.js';
import { loginPage } from './page/login-page.js';
import { PAGE_CSS } from './page/page-css.js';
import { PAGE_SCRIPT } from './page/page-script.js';
import { statusPage } from './page/status-page.js';
import { HTML, JSON_TYPE, jsonText, refusedForGuessing, send, TEXT } from './respond.js';
import type { StatusSource } from './status-source.js';

export interface StatusRoutesOptions {
  source: StatusSource;
  access: Access;
  /** How often an open page refreshes itself, unless `?refresh=<seconds>` says otherwise. */
  refreshMs: number;
  logger: Logger;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_LOGIN_BYTES = 4096;
/** The longest the page reuses a read whose stamp still matches (health and ages drift with time). */
const REUSE_MS = 30_000;

/** A read the page may reuse: what it read, when, and the stamp it had. */
interface Read<T> {
  stamp: string;
  at: number;
  value: T;
}

const ASSETS: Record<string, [string, string]> = {
  '/assets/page.css': [PAGE_CSS, 'text/css; charset=utf-8'],
  '/assets/page.js': [PAGE_SCRIPT, 'text/javascript; charset=utf-8'],
  '/assets/icon.svg': [ICON_SVG, 'image/svg+xml'],
};

/**
 * `/` (the status page), `/login`, `/api/watches`, `/api/jobs`, `/api/changes` and the page's assets.
 * Returns false for any other path.
 */
export function statusRoutes(options: StatusRoutesOptions) {
  const { access, logger } = options;
  // A peer may echo a configured key in a job's name or an error: nothing served carries one.
  const source: StatusSource = {
    ...options.source,
    report: async (now, ids) => scrubDeep(await options.source.report(now, ids)),
    changes: async (fromMs) => scrubDeep(await options.source.changes(fromMs)),
  };
  // Requests arriving together share one read of Redis.
  const inFlight = new Map<string, Promise<unknown>>();
  const shared = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let pending = inFlight.get(key) as Promise<T> | undefined;
    if (pending === undefined) {
      pending = read().finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending;
  };
  // `status --all` stays a CLI command: every job of a large account would crowd the daemon's small heap.
  const report = () => {
    const now = new Date();
    return shared('report', async () => ({ now, watches: await source.report(now) }));
  };
  const changes = (windowMs: number) =>
    shared(`changes:${windowMs}`, () => source.changes(Date.now() - windowMs));
  // The page's last reads, per watch and of the change log, each reused while its stamp says nothing
  // changed: viewers refreshing every few seconds cost one round trip, and a cycle of one watch
  // costs a read of that watch only.
  const reads = new Map<string, Read<StatusWatch>>();
  let changeRead: Read<Change[]> | undefined;
  const fresh = (read: Read<unknown> | undefined, stamp: string, now: number) =>
    read !== undefined && read.stamp === stamp && now - read.at < REUSE_MS;
  const pageData = () =>
    shared('page', async (): Promise<{ watches: StatusWatch[]; changes: Change[] }> => {
      const ids = source.watchIds();
      const stamps = await source.stamps();
      const now = new Date();
      const at = now.getTime();
      const stale = ids.filter((id) => !fresh(reads.get(id), stamps.watches.get(id) ?? '', at));
      const [report, recent] = await Promise.all([
        stale.length > 0 ? source.report(now, stale) : [],
        fresh(changeRead, stamps.changes, at) ? undefined : source.changes(at - DAY),
      ]);
      for (const watch of report)
        reads.set(watch.watch, { stamp: stamps.watches.get(watch.watch) ?? '', at, value: watch });
      if (recent !== undefined) changeRead = { stamp: stamps.changes, at, value: recent };
      for (const id of reads.keys()) if (!ids.includes(id)) reads.delete(id);
      return {
        watches: ids.flatMap((id) => reads.get(id)?.value ?? []),
        changes: changeRead?.value ?? [],
      };
    });

  const api = async (path: string, url: URL): Promise<unknown> => {
    if (path === '/api/watches') {
      const { now, watches } = await report();
      return { generatedAt: now.toISOString(), watches };
    }
    if (path === '/api/jobs') {
      const { now, watches } = await report();
      const jobs = watches.flatMap((w) =>
        w.jobs.map((job) => ({ watch: w.watch, account: w.account, ...job })),
      );
      return { generatedAt: now.toISOString(), jobs };
    }
    const windowMs = hoursParam(url) * HOUR;
    const now = Date.now();
    return {
      generatedAt: new Date(now).toISOString(),
      from: new Date(now - windowMs).toISOString(),
      changes: await changes(windowMs),
    };
  };

  return (request: IncomingMessage, response: ServerResponse, url: URL): boolean => {
    const path = url.pathname;
    const asset = ASSETS[path];
    if (asset !== undefined) {
      send(response, 200, asset[0], asset[1], { 'cache-control': 'no-cache' });
      return true;
    }
    if (path === '/login') {
      if (request.method === 'POST') void login(request, response, access);
      else if (access.required) send(response, 200, loginPage(false).text, HTML);
      else redirect(response, '/');
      return true;
    }
    const isApi = path === '/api/watches' || path === '/api/jobs' || path === '/api/changes';
    if (path !== '/' && !isApi) return false;
    if (request.method === 'POST') {
      send(response, 405, 'method not allowed\n', TEXT, { allow: 'GET, HEAD' });
      return true;
    }
    if (refusedForGuessing(response, access.tokenWaitMs(request, false))) return true;
    if (!access.allowsPage(request)) {
      if (!access.required) send(response, 421, 'this server answers to loopback names only\n', TEXT);
      else if (isApi)
        send(response, 401, jsonText({ error: 'token required' }), JSON_TYPE, {
          'www-authenticate': 'Bearer',
        });
      else send(response, 401, loginPage(false).text, HTML, { 'www-authenticate': 'Bearer' });
      return true;
    }
    const started = performance.now();
    const work = isApi
      ? api(path, url).then((body) => send(response, 200, jsonText(body), JSON_TYPE))
      : page(url).then((body) => send(response, 200, body, HTML));
    work.then(
      () => logger.debug({ path, ms: Math.round(performance.now() - started) }, 'status served'),
      (error: unknown) => {
        logger.warn({ err: error, path }, 'status read failed');
        send(response, 503, 'status unavailable: Redis did not answer; try again\n', TEXT);
      },
    );
    return true;
  };

  async function page(url: URL): Promise<string> {
    const windowMs = hoursParam(url) * HOUR;
    const refresh = Number(url.searchParams.get('refresh'));
    const refreshMs =
      Number.isInteger(refresh) && refresh >= 1 && refresh <= 300 ? refresh * 1000 : options.refreshMs;
    const data = await pageData();
    const now = new Date();
    const from = new Date(now.getTime() - windowMs).toISOString();
    // Newest first: the window is a prefix.
    const end = data.changes.findIndex((change) => change.at < from);
    const recent = end < 0 ? data.changes : data.changes.slice(0, end);
    return statusPage({
      now,
      windowMs,
      refreshMs,
      timeZone: source.timeZone,
      watches: data.watches,
      changes: recent,
    }).text;
  }
}

/** `?hours=N`, a whole number from 1 to 24 (the change log keeps a day); 24 otherwise. */
function hoursParam(url: URL): number {
  const hours = Number(url.searchParams.get('hours'));
  return Number.isInteger(hours) && hours >= 1 && hours <= 24 ? hours : 24;
}

function redirect(response: ServerResponse, location: string, extra: Record<string, string> = {}): void {
  send(response, 303, '', TEXT, { location, ...extra });
}

/** The form's POST: the token in a URL-encoded body of a few bytes. */
async function login(request: IncomingMessage, response: ServerResponse, access: Access): Promise<void> {
  let body = '';
  try {
    for await (const chunk of request) {
      body += String(chunk);
      if (body.length > MAX_LOGIN_BYTES) throw new RangeError('body too large');
    }
  } catch {
    send(response, 413, 'request too large\n', TEXT, { connection: 'close' });
    return;
  }
  if (!access.required) return redirect(response, '/');
  // Checked once the body is in, and counted in the same tick: guesses sent in parallel, their bodies
  // held back until every header is in, still count one by one.
  if (refusedForGuessing(response, access.tokenWaitMs(request, true))) return;
  const token = new URLSearchParams(body).get('token') ?? '';
  if (access.acceptsFrom(request, token))
    return redirect(response, '/', { 'set-cookie': access.sessionCookie() });
  send(response, 401, loginPage(true).text, HTML);
}
