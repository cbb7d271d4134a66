import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';

/** What the hostile API answers one request with, or `hang` to never answer it. */
export type HostileAnswer = { status: number; body: string; headers?: Record<string, string> } | 'hang';

/** A DashScope stand-in that answers whatever a test makes it: endless lists, huge pages, echoed keys. */
export interface HostileApi {
  readonly url: string;
  /** Requests received so far. */
  readonly requests: number;
  /** The most requests it ever had open at once. */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

export async function startHostileApi(
  answer: (path: string, query: URLSearchParams) => HostileAnswer,
): Promise<HostileApi> {
  let requests = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const held = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    requests += 1;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.once('close', () => {
      inFlight -= 1;
      held.delete(res);
    });
    const url = new URL(req.url ?? '/', 'http://hostile');
    const reply = answer(url.pathname, url.searchParams);
    if (reply === 'hang') {
      held.add(res);
      return;
    }
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(reply.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port from the OS');
  return {
    url: `http://127.0.0.1:${address.port}`,
    get requests() {
      return requests;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** A fine-tune as the list returns it (the seed's fields that matter here). */
export function rawFineTune(
  id: string,
  status: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    job_id: id,
    job_name: `job-${id}`,
    status,
    model: 'qwen3-14b',
    base_model: 'qwen3-14b',
    training_type: 'sft',
    create_time: '2026-12-01 10:00:00',
    ...extra,
  };
}

/** A fine-tune list page, as the success envelope wraps it. */
export function listPage(
  query: URLSearchParams,
  jobs: readonly Record<string, unknown>[],
  total: number,
  requestId = 'req-hostile',
): HostileAnswer {
  const output = {
    page_no: Number(query.get('page_no') ?? 1),
    page_size: Number(query.get('page_size') ?? 10),
    total,
    jobs,
  };
  return { status: 200, body: JSON.stringify({ request_id: requestId, output }) };
}
