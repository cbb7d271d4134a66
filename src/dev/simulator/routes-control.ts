import { SimulatorError } from './errors.js';
import type { FaultSpec } from './faults.js';
import type { CheckpointSpec, CreateJobsSpec, SimJobKind, StatusExtras } from './model.js';
import type { Simulator } from './simulator.js';

/** What the control API answers: a status and a JSON body. */
export interface ControlResponse {
  status: number;
  body: unknown;
}

type Body = Record<string, unknown>;

const OK = { ok: true };

function bad(message: string): SimulatorError {
  return new SimulatorError(400, 'InvalidParameter', message);
}

function asObject(body: unknown): Body {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw bad('body must be a JSON object');
  return body as Body;
}

/** Checks that each named field, when present, has the given JS type. */
function expectTypes(body: Body, types: Record<string, 'string' | 'number' | 'object'>): void {
  for (const [field, type] of Object.entries(types)) {
    const value = body[field];
    if (value !== undefined && (typeof value !== type || value === null))
      throw bad(`${field} must be a ${type}`);
  }
}

function requireString(body: Body, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw bad(`${field} is required and must be a string`);
  return value;
}

const STATUS_FIELDS = {
  errorCode: 'string',
  errorMessage: 'string',
  output: 'string',
  usage: 'number',
  at: 'string',
} as const;

/** Serves `/_sim/*`: the test-facing control API over the simulator's methods. */
export function handleControl(
  sim: Simulator,
  method: string,
  path: string,
  query: URLSearchParams,
  raw: unknown,
): ControlResponse {
  try {
    return { status: 200, body: dispatch(sim, method, path.split('/').slice(2), query, raw) };
  } catch (error) {
    if (error instanceof SimulatorError) return { status: error.httpStatus, body: { error: error.message } };
    throw error;
  }
}

function dispatch(
  sim: Simulator,
  method: string,
  parts: string[],
  query: URLSearchParams,
  raw: unknown,
): unknown {
  const [head, rawId, tail, extra] = parts;
  const id = rawId === undefined ? undefined : decode(rawId);
  const route = `${method} ${head ?? ''}${id === undefined ? '' : '/:id'}${tail === undefined ? '' : `/${tail}`}`;
  if (extra !== undefined)
    throw new SimulatorError(404, 'NotFound', `no control route ${method} /${parts.join('/')}`);
  switch (route) {
    case 'POST jobs': {
      const body = asObject(raw);
      requireString(body, 'kind');
      expectTypes(body, {
        count: 'number',
        seed: 'number',
        status: 'string',
        model: 'string',
        baseModel: 'string',
        name: 'string',
        createdAt: 'string',
        spacingMs: 'number',
        workspaceId: 'string',
        weightType: 'string',
        storage: 'object',
      });
      return { jobs: sim.createJobs(body as unknown as CreateJobsSpec) };
    }
    case 'GET jobs':
      return { jobs: sim.jobs((query.get('kind') || undefined) as SimJobKind | undefined) };
    case 'POST jobs/:id/status': {
      const body = asObject(raw);
      const status = requireString(body, 'status');
      expectTypes(body, STATUS_FIELDS);
      sim.setStatus(id ?? '', status, body as StatusExtras);
      return OK;
    }
    case 'DELETE jobs/:id':
      sim.deleteJob(id ?? '');
      return OK;
    case 'POST jobs/:id/checkpoints': {
      const body = asObject(raw);
      expectTypes(body, { count: 'number', status: 'string', createdAt: 'string', expireAt: 'string' });
      return { checkpoints: sim.addCheckpoints(id ?? '', body as CheckpointSpec) };
    }
    case 'POST jobs/:id/logs':
      sim.appendLogs(id ?? '', asObject(raw).lines as string[]);
      return OK;
    case 'POST checkpoints/:id/status':
      sim.setCheckpointStatus(id ?? '', requireString(asObject(raw), 'status'));
      return OK;
    case 'POST faults': {
      const body = asObject(raw);
      requireString(body, 'type');
      expectTypes(body, {
        httpStatus: 'number',
        code: 'string',
        message: 'string',
        retryAfter: 'string',
        delayMs: 'number',
        count: 'number',
        probability: 'number',
        match: 'object',
      });
      return { id: sim.injectFault(body as unknown as FaultSpec) };
    }
    case 'DELETE faults':
      sim.clearFaults();
      return OK;
    case 'PUT keys':
      sim.setApiKeys(asObject(raw).keys as string[]);
      return OK;
    case 'GET stats':
      return sim.stats();
    case 'DELETE stats':
      sim.resetStats();
      return OK;
    case 'GET requests':
      return { requests: sim.requests() };
    case 'POST reset':
      sim.reset();
      return OK;
    default:
      throw new SimulatorError(404, 'NotFound', `no control route ${method} /${parts.join('/')}`);
  }
}

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw bad(`malformed id: ${raw}`);
  }
}
