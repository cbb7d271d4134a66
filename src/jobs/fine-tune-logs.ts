import { type DashScopeClient, DashScopeError } from '../dashscope/index.js';
import { JobNotFoundError } from './job-not-found-error.js';

/** The API's most lines per request. */
export const MAX_LOG_LINES_PER_REQUEST = 1000;

/** Lines of a fine-tune's log and how many it has in all. */
export interface LogChunk {
  total: number;
  lines: string[];
}

const logsPath = (id: string) => `/fine-tunes/${encodeURIComponent(id)}/logs`;

/**
 * `GET /fine-tunes/{id}/logs?offset=&line=`: `count` lines after the first `offset`, oldest first.
 * An unknown fine-tune is a `JobNotFoundError`; an answer without `total` and `logs` a `BadResponse`.
 */
export async function readLogs(
  client: DashScopeClient,
  id: string,
  offset: number,
  count: number,
  signal?: AbortSignal,
): Promise<LogChunk> {
  let output: Record<string, unknown>;
  try {
    ({ output } = await client.object<Record<string, unknown>>(
      logsPath(id),
      { offset, line: count },
      signal,
    ));
  } catch (error) {
    if (error instanceof DashScopeError && error.httpStatus === 404 && error.code === 'NotFound')
      throw new JobNotFoundError('fine-tune', id);
    throw error;
  }
  const { total, logs } = output;
  if (typeof total !== 'number' || !Array.isArray(logs) || logs.some((line) => typeof line !== 'string')) {
    throw new DashScopeError({
      code: 'BadResponse',
      detail: 'malformed response: output.total and output.logs (strings) expected',
      endpoint: `GET ${logsPath(id)}`,
      retryable: false,
      attempts: 1,
    });
  }
  return { total, lines: logs as string[] };
}

/** Hands every line from `offset` to the end to `onLines`, a request of up to 1000 at a time; returns the offset after them. */
export async function readLogsFrom(
  client: DashScopeClient,
  id: string,
  offset: number,
  onLines: (lines: string[]) => void,
  signal?: AbortSignal,
): Promise<number> {
  let next = offset;
  for (;;) {
    const chunk = await readLogs(client, id, next, MAX_LOG_LINES_PER_REQUEST, signal);
    if (chunk.lines.length === 0) return next;
    onLines(chunk.lines);
    next += chunk.lines.length;
    if (next >= chunk.total) return next;
  }
}

/** Where the last `n` lines begin: one one-line request to learn the total. */
export async function tailOffset(
  client: DashScopeClient,
  id: string,
  n: number,
  signal?: AbortSignal,
): Promise<number> {
  const { total } = await readLogs(client, id, 0, 1, signal);
  return Math.max(0, total - n);
}
