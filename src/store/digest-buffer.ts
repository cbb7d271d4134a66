import type { DashwatchEvent } from '../core/types.js';
import type { RedisClient } from '../redis/client.js';
import { DELIVERED_KEEP_MS } from './delivery-store.js';
import { DEFAULT_PREFIX, digestKeys } from './keys.js';
import { defineScripts } from './lua/define-scripts.js';
import { BUFFER_LUA, CLOSE_WINDOW_LUA, OPEN_WINDOW_LUA, RELEASE_WINDOW_LUA } from './lua/digest-scripts.js';

/** The window a digest covers: (start, end] in epoch ms, and the events buffered in it. */
export interface DigestWindow {
  start: number;
  end: number;
  events: DashwatchEvent[];
}

type Script = (...args: (string | number)[]) => Promise<unknown>;

const SCRIPTS = {
  dwDigestBuffer: { numberOfKeys: 5, lua: BUFFER_LUA },
  dwDigestOpen: { numberOfKeys: 5, lua: OPEN_WINDOW_LUA },
  dwDigestClose: { numberOfKeys: 5, lua: CLOSE_WINDOW_LUA },
  dwDigestRelease: { numberOfKeys: 5, lua: RELEASE_WINDOW_LUA },
} as const;

/**
 * Events waiting for a digest. A digest job opens a window (everything since the last window sent),
 * and closes it only once the mail went out: a failed send is retried with the same window, and a
 * window is never sent twice, whichever process runs the job.
 */
export class DigestBuffer {
  private readonly scripts: Record<keyof typeof SCRIPTS, Script>;

  constructor(
    redis: RedisClient,
    private readonly prefix = DEFAULT_PREFIX,
  ) {
    this.scripts = defineScripts<Record<keyof typeof SCRIPTS, Script>>(redis, SCRIPTS);
  }

  private keys(digest: string): string[] {
    return Object.values(digestKeys(this.prefix, digest));
  }

  /** Buffers `event` for `digest`; false when it was already buffered. */
  async add(digest: string, event: DashwatchEvent): Promise<boolean> {
    const reply = await this.scripts.dwDigestBuffer(
      ...this.keys(digest),
      event.id,
      JSON.stringify(event),
      DELIVERED_KEEP_MS,
    );
    return reply === 1;
  }

  /** Opens (or reopens, for the same owner) the window to send; null while another job owns one. */
  async open(digest: string, owner: string): Promise<DigestWindow | null> {
    const [status, start, end, ...events] = (await this.scripts.dwDigestOpen(
      ...this.keys(digest),
      owner,
    )) as string[];
    if (status !== 'open') return null;
    return {
      start: Number(start),
      end: Number(end),
      events: events.map((json) => JSON.parse(json) as DashwatchEvent),
    };
  }

  /** Marks `owner`'s window sent: its events are dropped and the next window starts where it ended. */
  async close(digest: string, owner: string): Promise<void> {
    await this.scripts.dwDigestClose(...this.keys(digest), owner);
  }

  /**
   * Gives `owner`'s window up unsent, for a sender that will not retry (a one-off `digest --now`):
   * its events stay buffered for the next window instead of the window staying owned.
   */
  async release(digest: string, owner: string): Promise<void> {
    await this.scripts.dwDigestRelease(...this.keys(digest), owner);
  }
}
