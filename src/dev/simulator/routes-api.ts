import { invalidParameter, notFound, SimulatorError, vendorErrorFor } from './errors.js';
import type { ListOrder } from './job-store.js';
import type { SimJob, SimJobKind } from './model.js';
import { COMPRESSION_TEMPLATE_ID } from './render.js';
import type { SimState } from './state.js';

/** One API request, as the HTTP layer parsed it. */
export interface ApiRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
}

/** What to answer: a status and a JSON body (the `request_id` is added here). */
export interface ApiResponse {
  status: number;
  body: Record<string, unknown>;
}

type Handler = (state: SimState, params: string[], query: Record<string, string>) => unknown;

interface Route {
  template: string;
  pattern: RegExp;
  handler: Handler;
}

// `compress/jobs` comes before `{job_id}` so it is never taken for a fine-tune id.
const ROUTES: Route[] = [
  { template: '/api/v1/fine-tunes', pattern: /^\/api\/v1\/fine-tunes$/, handler: listFineTunes },
  {
    template: '/api/v1/fine-tunes/compress/jobs',
    pattern: /^\/api\/v1\/fine-tunes\/compress\/jobs$/,
    handler: listCompression,
  },
  {
    template: '/api/v1/fine-tunes/compress/jobs/:id',
    pattern: /^\/api\/v1\/fine-tunes\/compress\/jobs\/([^/]+)$/,
    handler: (s, [id]) => getJob(s, 'compression', id),
  },
  {
    template: '/api/v1/fine-tunes/:id/checkpoints',
    pattern: /^\/api\/v1\/fine-tunes\/([^/]+)\/checkpoints$/,
    handler: listCheckpoints,
  },
  {
    template: '/api/v1/fine-tunes/:id',
    pattern: /^\/api\/v1\/fine-tunes\/([^/]+)$/,
    handler: (s, [id]) => getJob(s, 'fine_tune', id),
  },
  {
    template: '/api/v1/custom_models/import',
    pattern: /^\/api\/v1\/custom_models\/import$/,
    handler: listImports,
  },
  {
    template: '/api/v1/custom_models/import/:id',
    pattern: /^\/api\/v1\/custom_models\/import\/([^/]+)$/,
    handler: (s, [id]) => getJob(s, 'model_import', id),
  },
];

function findRoute(path: string): { route: Route; params: string[] } | undefined {
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (m) return { route, params: m.slice(1) };
  }
  return undefined;
}

/** The stats key of a request: its route template, e.g. `GET /api/v1/fine-tunes/:id`. */
export function routeKey(method: string, path: string): string {
  return `${method} ${findRoute(path)?.route.template ?? '(unknown)'}`;
}

/** True when the Authorization header carries one of the accepted keys. */
export function isAuthorized(state: SimState, authorization: string | undefined): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return m?.[1] !== undefined && state.keys.has(m[1]);
}

/** Answers one API request the way DashScope would (auth, routing, paging, errors). */
export function handleApi(state: SimState, req: ApiRequest): ApiResponse {
  try {
    if (!isAuthorized(state, req.authorization)) {
      throw new SimulatorError(401, 'InvalidApiKey', 'Invalid API-key provided.');
    }
    const found = req.method === 'GET' ? findRoute(req.path) : undefined;
    if (found === undefined) throw notFound();
    const output = found.route.handler(state, found.params.map(decodeParam), req.query);
    return { status: 200, body: { request_id: crypto.randomUUID(), output } };
  } catch (error) {
    return errorResponse(error);
  }
}

/** The vendor's error body for `error`; anything unexpected is a 500 `InternalError`. */
export function errorResponse(error: unknown): ApiResponse {
  const e = error instanceof SimulatorError ? error : { httpStatus: 500, ...vendorErrorFor(500) };
  return {
    status: e.httpStatus,
    body: { request_id: crypto.randomUUID(), code: e.code, message: e.message },
  };
}

function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw notFound();
  }
}

function getJob(state: SimState, kind: SimJobKind, id: string | undefined): unknown {
  const job = id === undefined ? undefined : state.stores[kind].get(id);
  if (job === undefined) throw notFound();
  return state.renderer.job(job, true);
}

function listCheckpoints(state: SimState, [id]: string[]): unknown {
  const job = id === undefined ? undefined : state.stores.fine_tune.get(id);
  if (job === undefined) throw notFound();
  const list = state.checkpointsByJob.get(job.id) ?? [];
  return list.map((cp) => state.renderer.checkpoint(cp, job.model));
}

function listFineTunes(state: SimState, _params: string[], q: Record<string, string>): unknown {
  const { pageNo, pageSize } = paging(q);
  const model = q.model || undefined;
  const keep = model === undefined ? undefined : (j: SimJob) => j.model === model || j.baseModel === model;
  const page = state.stores.fine_tune.page('desc', pageNo, pageSize, keep);
  const jobs = page.items.map((j) => state.renderer.fineTune(j));
  return { page_no: pageNo, page_size: pageSize, total: page.total, jobs };
}

function listImports(state: SimState, _params: string[], q: Record<string, string>): unknown {
  const { pageNo, pageSize } = paging(q);
  const status = q.status || undefined;
  const modelName = q.model_name || undefined;
  const keep =
    status === undefined && modelName === undefined
      ? undefined
      : (j: SimJob) =>
          (status === undefined || j.status === status) &&
          (modelName === undefined || j.output === modelName);
  const page = state.stores.model_import.page(state.config.importOrder, pageNo, pageSize, keep);
  const list = page.items.map((j) => state.renderer.modelImport(j, false));
  return { total: page.total, page_no: pageNo, page_size: pageSize, list };
}

function listCompression(state: SimState, _params: string[], q: Record<string, string>): unknown {
  const { pageNo, pageSize } = paging(q);
  if (q.sort_by !== undefined && q.sort_by !== 'create_time') {
    throw invalidParameter(`Invalid sort_by: ${q.sort_by}, only create_time is supported.`);
  }
  const order = (q.sort_order ?? 'desc') as ListOrder;
  if (order !== 'asc' && order !== 'desc')
    throw invalidParameter(`Invalid sort_order: ${order}, must be asc or desc.`);
  const filters: [(j: SimJob) => string, string | undefined][] = [
    [(j) => j.status, q.status],
    [(j) => j.model, q.model],
    [() => COMPRESSION_TEMPLATE_ID, q.template_id],
    [(j) => j.name, q.job_name],
    [(j) => j.id, q.job_id],
  ];
  const active = filters.filter((f): f is [(j: SimJob) => string, string] => Boolean(f[1]));
  const keep =
    active.length === 0 ? undefined : (j: SimJob) => active.every(([field, value]) => field(j) === value);
  const page = state.stores.compression.page(order, pageNo, pageSize, keep);
  const jobs = page.items.map((j) => state.renderer.compression(j));
  return { page_no: pageNo, page_size: pageSize, total: page.total, jobs };
}

function paging(q: Record<string, string>): { pageNo: number; pageSize: number } {
  const pageNo = intParam(q.page_no, 1);
  if (pageNo === undefined || pageNo < 1)
    throw invalidParameter('Invalid page_no, it must be an integer >= 1.');
  const pageSize = intParam(q.page_size, 10);
  if (pageSize === undefined || pageSize < 1 || pageSize > 100) {
    throw invalidParameter('Invalid page_size, it must be an integer between 1 and 100.');
  }
  return { pageNo, pageSize };
}

function intParam(raw: string | undefined, fallback: number): number | undefined {
  if (raw === undefined) return fallback;
  return /^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
}
