import type { RouteConfig } from '../config/index.js';
import { globToRegExp } from '../core/glob.js';
import { type DashwatchEvent, isJobEvent, isSystemEvent, isWatchEvent } from '../core/types.js';

/** Where one event goes. */
export interface Destinations {
  channels: string[];
  digests: string[];
}

type Predicate = (event: DashwatchEvent) => boolean;

/** A route's match block as one predicate; an absent list matches anything. */
function compileMatch(match: RouteConfig['match']): Predicate {
  const checks: Predicate[] = [];
  const { kinds, types, from, to, models, accounts } = match;
  // News about dashwatch's own Redis goes wherever watch failures go, and where routes name it.
  if (types)
    checks.push(
      (event) => types.includes(event.type) || (isSystemEvent(event) && types.includes('watch_failing')),
    );
  // Watch and system events have no job: a route that asks for a job's kind, account, status or model
  // takes watch events by their watch, and system events not at all.
  if (kinds)
    checks.push((event) =>
      isJobEvent(event)
        ? kinds.includes(event.job.kind)
        : isWatchEvent(event) && kinds.includes(event.watch.kind),
    );
  if (accounts) {
    checks.push((event) =>
      isJobEvent(event)
        ? accounts.includes(event.job.account)
        : isWatchEvent(event) && accounts.includes(event.watch.account),
    );
  }
  if (from)
    checks.push((event) => isJobEvent(event) && event.from !== undefined && from.includes(event.from));
  if (to) checks.push((event) => isJobEvent(event) && event.to !== undefined && to.includes(event.to));
  if (models) {
    const patterns = models.map(globToRegExp);
    checks.push((event) => {
      if (!isJobEvent(event)) return false;
      const names = [event.job.model, event.job.baseModel, event.job.output].filter((n) => n !== undefined);
      return names.some((name) => patterns.some((pattern) => pattern.test(name)));
    });
  }
  return (event) => checks.every((check) => check(event));
}

/** Routes compiled once; `route(event)` is the union of every matching route's destinations. */
export function createRouter(routes: readonly RouteConfig[]): (event: DashwatchEvent) => Destinations {
  const compiled = routes.map((route) => ({ matches: compileMatch(route.match), route }));
  return (event) => {
    const channels = new Set<string>();
    const digests = new Set<string>();
    for (const { matches, route } of compiled) {
      if (!matches(event)) continue;
      for (const channel of route.channels) channels.add(channel);
      for (const digest of route.digests) digests.add(digest);
    }
    return { channels: [...channels], digests: [...digests] };
  };
}
