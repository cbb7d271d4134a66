import { TERMINAL_STATUSES } from '../core/types.js';
import { channelType, type DefaultRouting } from '../notifiers/index.js';
import type { RouteConfig } from './routes.js';

const TERMINAL = [...TERMINAL_STATUSES];

/** What each kind of channel gets by default, by its type's `defaultRouting`. */
const ROUTES_FOR: Record<DefaultRouting, RouteConfig['match'][]> = {
  // Chat: every outcome, stuck and expiring jobs, and the watches' own health.
  chat: [
    { types: ['created', 'transition'], to: TERMINAL },
    { types: ['stuck', 'expiring', 'watch_failing', 'watch_recovered'] },
  ],
  // Threads: every step of every job, each in its job's thread, so the channel shows one line per job.
  threads: [
    { types: ['created', 'transition'] },
    { types: ['stuck', 'expiring', 'watch_failing', 'watch_recovered'] },
  ],
  // Mail: what needs someone to act.
  mail: [{ types: ['created', 'transition'], to: ['FAILED'] }, { types: ['stuck', 'watch_failing'] }],
  // Machines: every event.
  everything: [{}],
};

function routingOf(channel: { type: string }): DefaultRouting | undefined {
  const type = channelType(channel.type);
  return type?.routingOf?.(channel as never) ?? type?.defaultRouting;
}

/**
 * The routes used when the configuration names none: each channel gets what its type's default
 * routing says (see ROUTES_FOR), and every digest gets everything.
 */
export function defaultRoutes(
  channels: Readonly<Record<string, { type: string }>>,
  digests: Readonly<Record<string, unknown>>,
): RouteConfig[] {
  const routes: RouteConfig[] = [];
  for (const routing of Object.keys(ROUTES_FOR) as DefaultRouting[]) {
    const names = Object.entries(channels)
      .filter(([, channel]) => routingOf(channel) === routing)
      .map(([name]) => name);
    if (names.length === 0) continue;
    for (const match of ROUTES_FOR[routing]) routes.push({ match, channels: names, digests: [] });
  }
  const digestNames = Object.keys(digests);
  if (digestNames.length > 0) routes.push({ match: {}, channels: [], digests: digestNames });
  return routes;
}
