import type { JobKind, WatchRef } from './types.js';

/** How to reach one DashScope account. Holds the API key: never log it, never put it in an error. */
export interface AccountConnection {
  apiKey: string;
  region?: string;
  baseUrl?: string;
  workspace?: string;
}

/** One account × one job kind, as the scheduler and the poll worker see it. */
export interface Watch extends WatchRef {
  intervalMs: number;
  /** Zone of the account's zoneless timestamps. */
  timeZone: string;
  connection: AccountConnection;
}

/** Watch ids name BullMQ schedulers and Redis keys, so they keep to a safe alphabet and are stable. */
export function watchId(account: string, kind: JobKind): string {
  return `${account.replace(/[^A-Za-z0-9_-]/g, '_')}.${kind}`;
}

export function watchRef(watch: WatchRef): WatchRef {
  return { id: watch.id, account: watch.account, kind: watch.kind };
}
