import type { ChannelConfig, DigestConfig, RouteConfig } from './schema.js';

const TERMINAL = ['SUCCEEDED', 'FAILED', 'CANCELED'] as const;

/**
 * The routes used when the configuration names none: terminal transitions, stuck, expiring and watch
 * health to Slack; failures, stuck jobs and blind watches to email; everything to each digest.
 */
export function defaultRoutes(
  channels: Readonly<Record<string, ChannelConfig>>,
  digests: Readonly<Record<string, DigestConfig>>,
): RouteConfig[] {
  const routes: RouteConfig[] = [];
  const named = (type: ChannelConfig['type']) =>
    Object.entries(channels)
      .filter(([, channel]) => channel.type === type)
      .map(([name]) => name);
  const slack = named('slack');
  const email = named('email');
  if (slack.length > 0) {
    routes.push(
      { match: { types: ['created', 'transition'], to: [...TERMINAL] }, channels: slack, digests: [] },
      {
        match: { types: ['stuck', 'expiring', 'watch_failing', 'watch_recovered'] },
        channels: slack,
        digests: [],
      },
    );
  }
  if (email.length > 0) {
    routes.push(
      { match: { types: ['created', 'transition'], to: ['FAILED'] }, channels: email, digests: [] },
      { match: { types: ['stuck', 'watch_failing'] }, channels: email, digests: [] },
    );
  }
  const digestNames = Object.keys(digests);
  if (digestNames.length > 0) routes.push({ match: {}, channels: [], digests: digestNames });
  return routes;
}
