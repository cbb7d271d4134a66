/** The key prefix when none is configured. */
export const DEFAULT_PREFIX = 'dashwatch';

/** The meta fields the store owns; the poller's notes must use other names. */
export const STORE_META_FIELDS: ReadonlySet<string> = new Set([
  'version',
  'token',
  'baseline',
  'failures',
  'failing',
  'episode',
  'lastOkAt',
  'lastError',
]);

/** Every Redis key of one watch. */
export interface WatchKeys {
  /** Hash: job id → SnapEntry JSON. */
  snap: string;
  /** Set of the ids whose entries are hot. */
  hot: string;
  /** Hash: version, token, baseline, failures, failing, episode, lastOkAt, lastError, plus the poller's notes. */
  meta: string;
  /** Counter handing out fence tokens. */
  fetch: string;
  /** List of DashwatchEvent JSON committed but not yet handed to the notify queue. */
  outbox: string;
}

/**
 * The keys of one watch. The watch id is a hash tag (`{…}`) so that all of them share one Cluster slot,
 * which the atomic scripts over several keys need.
 */
export function watchKeys(prefix: string, watchId: string): WatchKeys {
  const base = `${prefix}:w:{${watchId}}`;
  return {
    snap: `${base}:snap`,
    hot: `${base}:hot`,
    meta: `${base}:meta`,
    fetch: `${base}:fetch`,
    outbox: `${base}:outbox`,
  };
}

/** A SCAN pattern matching the meta key of every watch under `prefix`. */
export function metaKeyPattern(prefix: string): string {
  return `${prefix.replace(/[*?[\]\\]/g, '\\$&')}:w:{*}:meta`;
}

/** The watch id of a key matched by `metaKeyPattern`, or undefined for any other key. */
export function watchIdOfMetaKey(prefix: string, key: string): string | undefined {
  const head = `${prefix}:w:{`;
  const tail = '}:meta';
  if (!key.startsWith(head) || !key.endsWith(tail)) return undefined;
  return key.slice(head.length, key.length - tail.length);
}

/** The keys of one notification channel's delivery state (one Cluster slot per channel). */
export function channelKeys(prefix: string, channel: string, batchOwner = '') {
  const base = `${prefix}:ch:{${channel}}`;
  return {
    pending: `${base}:pending`,
    events: `${base}:events`,
    done: `${base}:done`,
    seq: `${base}:seq`,
    batch: `${base}:batch:${batchOwner}`,
    sent: `${base}:sent:${batchOwner}`,
  };
}

/** The keys of one channel's events held for its quiet hours (same Cluster slot as its delivery). */
export function heldKeys(prefix: string, channel: string, releaseOwner = '') {
  const base = `${prefix}:ch:{${channel}}`;
  return { held: `${base}:held`, releasing: `${base}:releasing:${releaseOwner}` };
}

/** The change log: one sorted set for the deployment (its reader wants every watch at once). */
export function changeLogKey(prefix: string): string {
  return `${prefix}:changes`;
}

/** Which changes a silence kept from a chat or mail channel: (event id, silence id) by sending time. */
export function silencedChangesKey(prefix: string): string {
  return `${prefix}:changes:silenced`;
}

/** The rate gate of one destination, named by a digest of it (a webhook URL is a secret). */
export function gateKey(prefix: string, destinationDigest: string): string {
  return `${prefix}:gate:{${destinationDigest}}`;
}

/** The keys of one digest's buffer. */
export function digestKeys(prefix: string, digest: string) {
  const base = `${prefix}:dg:{${digest}}`;
  return {
    buffer: `${base}:buffer`,
    events: `${base}:events`,
    seen: `${base}:seen`,
    sentUntil: `${base}:sentUntil`,
    window: `${base}:window`,
  };
}
