/**
 * Per-channel delivery. KEYS (all under one `{ch:name}` hash tag): pending (zset id by arrival), events
 * (hash id → event JSON), done (zset id by delivery time, trimmed), seq (counter), batch (list of the
 * ids one flush job claimed), sent (parts of that batch already delivered).
 */

/** ARGV: id, json. Returns 1 when queued, 0 when already pending, in a batch or delivered. */
export const ENQUEUE_LUA = `
if redis.call('ZSCORE', KEYS[3], ARGV[1]) then return 0 end
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 0 end
local seq = redis.call('INCR', KEYS[4])
redis.call('ZADD', KEYS[1], seq, ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 1
`;

/**
 * ARGV: max. The batch this flush job already claimed (a retry sends the same one), else up to
 * max pending events moved into it. Returns { parts already sent, json... }.
 */
export const CLAIM_LUA = `
local ids = redis.call('LRANGE', KEYS[5], 0, -1)
if #ids == 0 then
  ids = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
  if #ids == 0 then return { '0' } end
  redis.call('ZREM', KEYS[1], unpack(ids))
  redis.call('RPUSH', KEYS[5], unpack(ids))
end
local out = { redis.call('GET', KEYS[6]) or '0' }
local events = redis.call('HMGET', KEYS[2], unpack(ids))
for i = 1, #ids do
  if events[i] then table.insert(out, events[i]) end
end
return out
`;

/** ARGV: parts sent so far. */
export const PART_SENT_LUA = `
if redis.call('EXISTS', KEYS[5]) == 1 then redis.call('SET', KEYS[6], ARGV[1]) end
return 1
`;

/**
 * ARGV: delivered (1) or given up (0), keepMs. Marks the batch's events delivered (so a replayed
 * event is not sent again), forgets them, and trims old delivery marks.
 */
export const FINISH_LUA = `
local ids = redis.call('LRANGE', KEYS[5], 0, -1)
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for i = 1, #ids do
  redis.call('ZADD', KEYS[3], now, ids[i])
  redis.call('HDEL', KEYS[2], ids[i])
end
redis.call('DEL', KEYS[5], KEYS[6])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - tonumber(ARGV[2]))
return redis.call('ZCARD', KEYS[1])
`;

/**
 * A gate shared by every process: KEYS[1] exists while the channel must wait. ARGV: minIntervalMs.
 * Returns 0 and closes the gate for minIntervalMs, or the milliseconds left to wait.
 */
export const GATE_LUA = `
local left = redis.call('PTTL', KEYS[1])
if left > 0 then return left end
if tonumber(ARGV[1]) > 0 then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 0
`;

/** ARGV: waitMs. Holds the gate closed at least this long (a 429's Retry-After). */
export const HOLD_GATE_LUA = `
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 1
`;

/**
 * Quiet hours. KEYS: held (hash id → event JSON), releasing (the hash one release job took).
 * HOLD ARGV: id, json, id, json… (idempotent: a retried flush holds the same events again).
 */
export const HOLD_LUA = `
for i = 1, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
return redis.call('HLEN', KEYS[1])
`;

/** The events the release job took before (a retry sends the same), else every held one, taken now. */
export const CLAIM_HELD_LUA = `
if redis.call('EXISTS', KEYS[2]) == 0 then
  if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
  redis.call('RENAME', KEYS[1], KEYS[2])
end
return redis.call('HVALS', KEYS[2])
`;
