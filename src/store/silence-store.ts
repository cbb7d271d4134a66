import { randomBytes } from 'node:crypto';
import type { RedisClient } from '../redis/client.js';

/** What a silence can match on: the job's account, kind, name, model, id, its new status, the event type. */
export const SILENCE_KEYS = ['account', 'kind', 'name', 'model', 'id', 'status', 'type'] as const;
export type SilenceKey = (typeof SILENCE_KEYS)[number];

/** One silence: events matching every matcher are kept from chat and mail until `endsAt`. */
export interface Silence {
  id: string;
  /** Key → glob (`*` any run, `?` one character); every one must match. */
  matchers: Partial<Record<SilenceKey, string>>;
  /** ISO 8601 UTC. */
  createdAt: string;
  endsAt: string;
  comment?: string;
}

/**
 * Silences in Redis, one hash per deployment: every replica reads them before each batch, so one
 * added or expired anywhere applies everywhere from the next batch on. Expired silences are dropped
 * when listed.
 */
export class SilenceStore {
  private readonly key: string;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.key = `${prefix}:silences`;
  }

  async add(input: { matchers: Silence['matchers']; forMs: number; comment?: string }, now = Date.now()) {
    const silence: Silence = {
      id: randomBytes(4).toString('hex'),
      matchers: input.matchers,
      createdAt: new Date(now).toISOString(),
      endsAt: new Date(now + input.forMs).toISOString(),
      ...(input.comment === undefined ? {} : { comment: input.comment }),
    };
    await this.redis.hset(this.key, silence.id, JSON.stringify(silence));
    return silence;
  }

  /** The silences in force at `now`, oldest first. */
  async active(now = Date.now()): Promise<Silence[]> {
    const all = Object.values(await this.redis.hgetall(this.key)).map((json) => JSON.parse(json) as Silence);
    const ended = all.filter((silence) => Date.parse(silence.endsAt) <= now).map((silence) => silence.id);
    if (ended.length > 0) await this.redis.hdel(this.key, ...ended);
    return all
      .filter((silence) => Date.parse(silence.endsAt) > now)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Ends silence `id` now; false when there is none by that id. */
  async expire(id: string): Promise<boolean> {
    return (await this.redis.hdel(this.key, id)) === 1;
  }
}
