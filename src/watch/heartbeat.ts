import { request } from 'undici';
import { deadline } from '../core/deadline.js';
import { DashwatchError } from '../core/errors.js';
import { LogThrottle } from '../core/log-throttle.js';
import type { Logger } from '../core/logger.js';

/**
 * A dead-man's switch (Healthchecks and the like): a GET after each good cycle. It runs beside the
 * cycles, never in them: a hung heartbeat peer delays no poll, holds at most one request (a ping
 * while one is out is skipped) and logs one line per cause per 30 s. The URL is a secret of sorts
 * (whoever has it can fake liveness), so it is never logged.
 */
export class Heartbeat {
  private inFlight = false;
  private readonly stopping = new AbortController();
  private readonly throttle = new LogThrottle();

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
    private readonly timeoutMs = 5000,
  ) {}

  /** Pings in the background, unless a ping is still out or the heartbeat is stopped. */
  ping(): void {
    if (this.inFlight || this.stopping.signal.aborted) return;
    this.inFlight = true;
    this.send()
      .catch((error: unknown) => {
        if (this.stopping.signal.aborted) return;
        const code = error instanceof DashwatchError ? error.code : 'HeartbeatFailed';
        this.throttle.log(this.logger, 'warn', code, { err: error }, 'heartbeat failed');
      })
      .finally(() => {
        this.inFlight = false;
      });
  }

  /** Aborts a ping in flight: a stopping process waits for no heartbeat. */
  stop(): void {
    this.stopping.abort();
  }

  private async send(): Promise<void> {
    const limit = deadline(this.timeoutMs, this.stopping.signal);
    try {
      const response = await request(this.url, { signal: limit.signal });
      await response.body.dump();
      if (response.statusCode >= 300) {
        throw new DashwatchError(`heartbeat answered HTTP ${response.statusCode}`, {
          code: 'HeartbeatRefused',
          retryable: true,
        });
      }
    } catch (error) {
      if (!limit.timedOut) throw error;
      throw new DashwatchError(`heartbeat: no answer within ${this.timeoutMs} ms`, {
        code: 'HeartbeatTimeout',
        retryable: true,
      });
    } finally {
      limit.dispose();
    }
  }
}
