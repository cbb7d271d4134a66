import type { ThreadRoot, ThreadStore } from '../core/threads.js';
import type { RedisClient } from '../redis/client.js';

/** How long a job's thread is remembered after its last post: long after any job ends. */
export const THREAD_KEEP_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Each job's thread in each channel as one Redis hash (`root` → the root message, `e:<event id>` →
 * posted), kept for `THREAD_KEEP_MS` after its last post: every replica and every restart finds the
 * thread a job's earlier messages began.
 */
export class RedisThreadStore implements ThreadStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  private key(channel: string, thread: string): string {
    return `${this.prefix}:th:{${channel}}:${thread}`;
  }

  async get(channel: string, thread: string, eventId: string) {
    const [root, posted] = await this.redis.hmget(this.key(channel, thread), 'root', `e:${eventId}`);
    return {
      ...(root ? { root: JSON.parse(root) as ThreadRoot } : {}),
      posted: posted !== null,
    };
  }

  async posted(channel: string, thread: string, eventId: string, root?: ThreadRoot): Promise<void> {
    const key = this.key(channel, thread);
    const fields: Record<string, string> = { [`e:${eventId}`]: '1' };
    if (root) fields.root = JSON.stringify(root);
    await this.redis.multi().hset(key, fields).pexpire(key, THREAD_KEEP_MS).exec();
  }
}
