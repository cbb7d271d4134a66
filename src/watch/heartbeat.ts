import { request } from 'undici';
import { deadline } from '../core/deadline.js';
import { DashwatchError } from '../core/errors.js';

/**
 * A dead-man's switch (Healthchecks and the like): a GET after each good cycle, within `timeoutMs`.
 * The URL is a secret of sorts (whoever has it can fake liveness), so it is never logged.
 */
export function createHeartbeat(url: string, timeoutMs = 5000): () => Promise<void> {
  return async () => {
    const limit = deadline(timeoutMs);
    try {
      const response = await request(url, { signal: limit.signal });
      await response.body.dump();
      if (response.statusCode >= 300) {
        throw new DashwatchError(`heartbeat answered HTTP ${response.statusCode}`, {
          code: 'HeartbeatRefused',
          retryable: true,
        });
      }
    } catch (error) {
      if (!limit.timedOut) throw error;
      throw new DashwatchError(`heartbeat: no answer within ${timeoutMs} ms`, {
        code: 'HeartbeatTimeout',
        retryable: true,
      });
    } finally {
      limit.dispose();
    }
  };
}
