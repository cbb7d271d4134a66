import type { RedisClient } from '../redis/client.js';
import { COMMIT_LUA } from './lua/commit-script.js';
import { defineScripts, type ScriptDefinition } from './lua/define-scripts.js';
import { RECORD_FAILURE_LUA, RECORD_SUCCESS_LUA } from './lua/health-scripts.js';
import { LOAD_VIEW_LUA } from './lua/load-view-script.js';
import { ACK_OUTBOX_LUA } from './lua/outbox-scripts.js';

/** The store's Lua scripts as typed commands (ioredis runs them by EVALSHA, loading them when missing). */
export interface StoreCommands {
  dashwatchLoadView(
    meta: string,
    hot: string,
    snap: string,
    fetch: string,
    outbox: string,
    takeToken: string,
  ): Promise<[string[], string[], number, number]>;
  dashwatchCommit(
    snap: string,
    hot: string,
    meta: string,
    outbox: string,
    ...args: string[]
  ): Promise<string[]>;
  dashwatchRecordFailure(meta: string, outbox: string, ...args: string[]): Promise<string[]>;
  dashwatchRecordSuccess(meta: string, outbox: string, ...args: string[]): Promise<string[]>;
  dashwatchAckOutbox(outbox: string, ids: string): Promise<number>;
}

const SCRIPTS: Record<keyof StoreCommands, ScriptDefinition> = {
  dashwatchLoadView: { numberOfKeys: 5, lua: LOAD_VIEW_LUA },
  dashwatchCommit: { numberOfKeys: 4, lua: COMMIT_LUA },
  dashwatchRecordFailure: { numberOfKeys: 2, lua: RECORD_FAILURE_LUA },
  dashwatchRecordSuccess: { numberOfKeys: 2, lua: RECORD_SUCCESS_LUA },
  dashwatchAckOutbox: { numberOfKeys: 1, lua: ACK_OUTBOX_LUA },
};

/** Defines the store's scripts on `redis` (once per connection) and returns it typed with them. */
export function storeCommands(redis: RedisClient): StoreCommands {
  return defineScripts<StoreCommands>(redis, SCRIPTS);
}
