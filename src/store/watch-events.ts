import { DashwatchError } from '../core/errors.js';
import type { DashwatchEvent, WatchEvent, WatchRef } from '../core/types.js';
import { eventId } from './event-id.js';

/** The error a failed cycle reports; it holds no secret. */
export interface CycleError {
  code: string;
  message: string;
  httpStatus?: number;
  requestId?: string;
}

/**
 * The JSON of a watch event without `failures`, which the script appends because only it knows the
 * count. The id covers the episode, so each failing stretch is raised and recovered exactly once.
 */
export function watchEventTemplate(
  type: WatchEvent['type'],
  watchId: string,
  watch: WatchRef,
  episode: string,
  now: Date,
  error?: CycleError,
): string {
  const event: Omit<WatchEvent, 'failures'> = {
    id: eventId([watchId, type, episode]),
    type,
    watch,
    ...(error !== undefined && { error }),
    detectedAt: now.toISOString(),
  };
  return JSON.stringify(event);
}

/** An event as the outbox stores it: the id first, so acknowledging needs no JSON decoding in Lua. */
export function outboxJson(event: DashwatchEvent): string {
  const { id, ...rest } = event;
  return JSON.stringify({ id, ...rest });
}

const EPISODE_ATTEMPTS = 5;

/**
 * Runs a script that may raise a watch event. Its id depends on the episode, which only the script
 * sees atomically, so a script handed a template for the wrong episode writes nothing and answers
 * `{'episode', e}`; this renders for `e` and tries again.
 */
export async function withEpisode(run: (episode: string) => Promise<string[]>): Promise<string[]> {
  let episode = '';
  for (let attempt = 0; attempt < EPISODE_ATTEMPTS; attempt++) {
    const reply = await run(episode);
    if (reply[0] !== 'episode') return reply;
    episode = reply[1] ?? '';
  }
  throw new DashwatchError(`the watch episode changed ${EPISODE_ATTEMPTS} times in a row`, {
    code: 'EpisodeContention',
    retryable: true,
  });
}

/** The event a script raised, if any. */
export function raisedEvent(reply: string[], at: number): WatchEvent | null {
  const json = reply[at];
  return json === undefined ? null : (JSON.parse(json) as WatchEvent);
}
