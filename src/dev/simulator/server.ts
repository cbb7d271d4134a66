import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { vendorErrorFor } from './errors.js';
import type { FaultSpec } from './faults.js';
import type { RecordedRequest } from './request-log.js';
import { type ApiResponse, handleApi, isAuthorized, routeKey } from './routes-api.js';
import { handleControl } from './routes-control.js';
import { Simulator, type SimulatorOptions } from './simulator.js';

/** A simulator listening on loopback. */
export interface RunningSimulator {
  /** Origin without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  url: string;
  sim: Simulator;
  /** Stops listening and destroys every open socket, hanging ones included. */
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json;charset=UTF-8';
const MAX_CONTROL_BODY = 1_000_000;
const MAX_API_BODY = 1_000_000;

/** Starts a DashScope simulator over node:http; port 0 picks a free port. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const sim = new Simulator(options);
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (url.pathname === '/_sim' || url.pathname.startsWith('/_sim/')) {
      void serveControl(sim, req, res, url);
    } else {
      void serveApi(sim, req, res, url, timers);
    }
  });
  const host = options.host ?? '127.0.0.1';
  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    sim,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

async function serveApi(
  sim: Simulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  timers: Set<NodeJS.Timeout>,
): Promise<void> {
  const bodyText = await readBody(req);
  if (bodyText === undefined) return;
  const method = req.method ?? 'GET';
  const path = url.pathname;
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] ??= value;
  const state = sim.state;
  const authorization = req.headers.authorization;
  const entry: RecordedRequest = {
    method,
    path,
    query,
    authorized: isAuthorized(state, authorization),
    status: 0,
  };
  const workspace = header(req, 'x-dashscope-workspace');
  const userAgent = header(req, 'user-agent');
  if (workspace !== undefined) entry.workspace = workspace;
  if (userAgent !== undefined) entry.userAgent = userAgent;
  if (bodyText !== '') entry.body = recordedBody(bodyText);
  state.log.add(routeKey(method, path), entry);

  const answer = (): ApiResponse =>
    handleApi(state, { method, path, query, bodyText, ...(authorization ? { authorization } : {}) });
  const send = (status: number, contentType: string, body: string, headers: Record<string, string> = {}) => {
    entry.status = status;
    res.writeHead(status, {
      'content-type': contentType,
      'content-length': Buffer.byteLength(body),
      ...headers,
    });
    res.end(body);
  };
  const sendJson = (r: ApiResponse, headers?: Record<string, string>) =>
    send(r.status, JSON_TYPE, JSON.stringify(r.body), headers);

  // Faults come before auth: a throttled or broken gateway answers whatever the key.
  const fault = state.faults.take({ method, path, query });
  if (fault === undefined) return sendJson(answer());
  state.log.fault(fault.type === 'status' ? String(fault.httpStatus ?? 500) : fault.type);
  applyFault(fault, { req, res, answer, send, sendJson, timers, entry });
}

interface FaultContext {
  req: IncomingMessage;
  res: ServerResponse;
  answer: () => ApiResponse;
  send: (status: number, contentType: string, body: string, headers?: Record<string, string>) => void;
  sendJson: (r: ApiResponse, headers?: Record<string, string>) => void;
  timers: Set<NodeJS.Timeout>;
  entry: RecordedRequest;
}

function applyFault(fault: FaultSpec, ctx: FaultContext): void {
  switch (fault.type) {
    case 'status': {
      const status = fault.httpStatus ?? 500;
      const defaults = vendorErrorFor(status);
      const body = {
        request_id: crypto.randomUUID(),
        code: fault.code ?? defaults.code,
        message: fault.message ?? defaults.message,
      };
      ctx.sendJson(
        { status, body },
        fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter },
      );
      return;
    }
    case 'hang':
      // Never answer; the socket stays open until the client gives up or close() runs.
      return;
    case 'truncated': {
      const full = JSON.stringify(ctx.answer().body);
      ctx.entry.status = 200;
      // Chunked, so the client gets a complete HTTP response whose JSON is cut in half.
      ctx.res.writeHead(200, { 'content-type': JSON_TYPE });
      ctx.res.end(full.slice(0, Math.floor(full.length / 2)));
      return;
    }
    case 'slow': {
      const timer = setTimeout(() => {
        ctx.timers.delete(timer);
        if (!ctx.res.destroyed) ctx.sendJson(ctx.answer());
      }, fault.delayMs ?? 1000);
      ctx.timers.add(timer);
      return;
    }
    case 'garbage':
      ctx.send(
        200,
        'text/html; charset=utf-8',
        '<html><head><title>502 Bad Gateway</title></head><body>Tengine</body></html>',
      );
      return;
    case 'reset':
      ctx.req.socket.destroy();
      return;
  }
}

async function serveControl(
  sim: Simulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const reply = (status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > MAX_CONTROL_BODY) return reply(413, { error: 'body too large' });
  }
  let body: unknown;
  try {
    body = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    return reply(400, { error: 'body is not valid JSON' });
  }
  try {
    const r = handleControl(sim, req.method ?? 'GET', url.pathname, url.searchParams, body);
    reply(r.status, r.body);
  } catch (error) {
    reply(500, { error: error instanceof Error ? error.message : String(error) });
  }
}

/** The request's body as text; undefined (the socket destroyed) when it is larger than any API body. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  let text = '';
  try {
    for await (const chunk of req) {
      text += String(chunk);
      if (text.length > MAX_API_BODY) {
        req.socket.destroy();
        return undefined;
      }
    }
  } catch {
    return undefined;
  }
  return text;
}

function recordedBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
