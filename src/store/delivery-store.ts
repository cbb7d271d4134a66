import { createHash } from 'node:crypto';
import type { DashwatchEvent } from '../core/types.js';
import type { RedisClient } from '../redis/client.js';
import type { ReplicaWait } from '../redis/replica-wait.js';
import { channelKeys, DEFAULT_PREFIX, gateKey, heldKeys } from './keys.js';
import { defineScripts, pipelinedScripts } from './lua/define-scripts.js';
import {
  CLAIM_HELD_LUA,
  CLAIM_LUA,
  ENQUEUE_LUA,
  FINISH_LUA,
  GATE_LUA,
  HOLD_GATE_LUA,
  HOLD_LUA,
  PART_SENT_LUA,
} from './lua/delivery-scripts.js';

/** How long a delivered event is remembered per channel, so a replay of it is not sent again. */
export const DELIVERED_KEEP_MS = 7 * 24 * 60 * 60 * 1000;

/** The events one flush job sends, and how many of its messages already went out. */
export interface ClaimedBatch {
  events: DashwatchEvent[];
  partsSent: number;
}

type Script = (...args: (string | number)[]) => Promise<unknown>;

const SCRIPTS = {
  dwDeliveryEnqueue: { numberOfKeys: 4, lua: ENQUEUE_LUA },
  dwDeliveryClaim: { numberOfKeys: 6, lua: CLAIM_LUA },
  dwDeliveryPartSent: { numberOfKeys: 6, lua: PART_SENT_LUA },
  dwDeliveryFinish: { numberOfKeys: 6, lua: FINISH_LUA },
  dwGate: { numberOfKeys: 1, lua: GATE_LUA },
  dwHoldGate: { numberOfKeys: 1, lua: HOLD_GATE_LUA },
  dwHold: { numberOfKeys: 1, lua: HOLD_LUA },
  dwClaimHeld: { numberOfKeys: 2, lua: CLAIM_HELD_LUA },
} as const;

/**
 * Per-channel delivery state in Redis: events wait in a pending buffer until a flush job claims a
 * batch of them; a retry of that job sends the same batch, skipping the messages already sent; a
 * delivered event is remembered so that the same event routed again is dropped.
 */
export class DeliveryStore {
  private readonly scripts: Record<keyof typeof SCRIPTS, Script>;

  /** `replicaWait`: delivery marks wait for a replica (see ReplicaWait), so a failover cannot resend. */
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix = DEFAULT_PREFIX,
    private readonly replicaWait?: ReplicaWait,
  ) {
    this.scripts = defineScripts<Record<keyof typeof SCRIPTS, Script>>(redis, SCRIPTS);
  }

  private keys(channel: string, owner = ''): string[] {
    return Object.values(channelKeys(this.prefix, channel, owner));
  }

  /** Queues `event` for `channel`; false when it is already queued or was delivered. */
  async enqueue(channel: string, event: DashwatchEvent): Promise<boolean> {
    const keys = this.keys(channel).slice(0, 4);
    return (await this.scripts.dwDeliveryEnqueue(...keys, event.id, JSON.stringify(event))) === 1;
  }

  /** The batch of flush job `owner`: the one it claimed before, else up to `max` pending events. */
  async claim(channel: string, owner: string, max: number): Promise<ClaimedBatch> {
    const reply = (await this.scripts.dwDeliveryClaim(...this.keys(channel, owner), max)) as string[];
    const [partsSent, ...events] = reply;
    return { partsSent: Number(partsSent), events: events.map((json) => JSON.parse(json) as DashwatchEvent) };
  }

  async partSent(channel: string, owner: string, partsSent: number): Promise<void> {
    await this.marked('dwDeliveryPartSent', [...this.keys(channel, owner), partsSent]);
  }

  /** Ends `owner`'s batch (delivered, or given up for good); returns how many events still wait. */
  async finish(channel: string, owner: string): Promise<number> {
    return Number(
      await this.marked('dwDeliveryFinish', [...this.keys(channel, owner), 1, DELIVERED_KEEP_MS]),
    );
  }

  /** Runs a script that records what was sent, on a replica too when there is one. */
  private marked(
    script: 'dwDeliveryPartSent' | 'dwDeliveryFinish',
    args: (string | number)[],
  ): Promise<unknown> {
    if (this.replicaWait === undefined) return this.scripts[script](...args);
    return this.replicaWait.write(String(args[0]), (pipeline) => {
      pipelinedScripts<Record<keyof typeof SCRIPTS, Script>>(pipeline)[script](...args);
    });
  }

  /** Keeps `events` for `channel` until its quiet hours end; returns how many are held. */
  async hold(channel: string, events: readonly DashwatchEvent[]): Promise<number> {
    const args = events.flatMap((event) => [event.id, JSON.stringify(event)]);
    return Number(await this.scripts.dwHold(heldKeys(this.prefix, channel).held, ...args));
  }

  /** Which of `ids` are held for `channel` now. */
  async held(channel: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = await this.redis.hmget(heldKeys(this.prefix, channel).held, ...ids);
    return new Set(ids.filter((_, i) => found[i] !== null));
  }

  /** The held events release job `owner` sends: the ones it took before, else all held now. */
  async claimHeld(channel: string, owner: string): Promise<DashwatchEvent[]> {
    const { held, releasing } = heldKeys(this.prefix, channel, owner);
    const reply = (await this.scripts.dwClaimHeld(held, releasing)) as string[];
    return reply.map((json) => JSON.parse(json) as DashwatchEvent);
  }

  /** Forgets what release job `owner` took (sent, or given up): a delivery mark, so on a replica too. */
  async finishHeld(channel: string, owner: string): Promise<void> {
    const { releasing } = heldKeys(this.prefix, channel, owner);
    if (this.replicaWait === undefined) await this.redis.del(releasing);
    else await this.replicaWait.write(releasing, (pipeline) => pipeline.del(releasing));
  }

  /** Waits until the destination's shared gate opens, then closes it for `minIntervalMs`. */
  async passGate(destination: string, minIntervalMs: number, signal?: AbortSignal): Promise<void> {
    const key = gateKey(this.prefix, digestOf(destination));
    for (;;) {
      const wait = Number(await this.scripts.dwGate(key, minIntervalMs));
      if (wait <= 0) return;
      signal?.throwIfAborted();
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Keeps the destination's gate closed for at least `waitMs` (the destination asked us to wait). */
  async holdGate(destination: string, waitMs: number): Promise<void> {
    await this.scripts.dwHoldGate(
      gateKey(this.prefix, digestOf(destination)),
      Math.max(1, Math.round(waitMs)),
    );
  }
}

function digestOf(destination: string): string {
  return createHash('sha256').update(destination).digest('hex').slice(0, 16);
}
