import { invalidParameter, notFound, SimulatorError, vendorErrorFor } from './errors.js';
import { SIM_PARTS } from './kinds/index.js';
import type { SimRoute } from './kinds/part.js';
import type { SimState } from './state.js';

/** One API request, as the HTTP layer parsed it. */
export interface ApiRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The body as sent; empty or absent for a GET. */
  bodyText?: string;
  authorization?: string;
}

/** What to answer: a status and a JSON body (the `request_id` is added here). */
export interface ApiResponse {
  status: number;
  body: Record<string, unknown>;
}

/** Every kind's routes; the most literal first, so a fixed path segment wins over an `:id`. */
const ROUTES: SimRoute[] = Object.values(SIM_PARTS)
  .flatMap((part) => part.routes)
  .sort((a, b) => literal(b.template) - literal(a.template));

function literal(template: string): number {
  return template.replace(/:[a-z]+/g, '').length;
}

function findRoute(method: string, path: string): { route: SimRoute; params: string[] } | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (m) return { route, params: m.slice(1) };
  }
  return undefined;
}

/** The stats key of a request: its route template, e.g. `GET /api/v1/fine-tunes/:id`. */
export function routeKey(method: string, path: string): string {
  return `${method} ${findRoute(method, path)?.route.template ?? '(unknown)'}`;
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
    const found = findRoute(req.method, req.path);
    if (found === undefined) throw notFound();
    const body = parseBody(req.bodyText);
    const output = found.route.handler(state, found.params.map(decodeParam), req.query, body);
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

/** The JSON a request carries; undefined without one. Unparseable JSON is the caller's 400. */
export function parseBody(text: string | undefined): unknown {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidParameter('The request body is not valid JSON.');
  }
}

function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw notFound();
  }
}
