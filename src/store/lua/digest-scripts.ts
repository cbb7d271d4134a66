/**
 * Digest buffers. KEYS (one `{dg:name}` hash tag): buffer (zset id by arrival, scored after any open
 * window), events (hash id → JSON), seen (zset id by arrival, trimmed: an event routed twice is
 * counted once), sentUntil (ms), window (hash: owner, start, end — the window being sent, so a retry
 * sends the same one).
 */

/** ARGV: id, json, keepMs. Returns 1 when buffered, 0 when already seen. */
export const BUFFER_LUA = `
if redis.call('ZSCORE', KEYS[3], ARGV[1]) then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
-- While a window is open, a new event belongs to the next one, even within the millisecond the
-- window ended in (or after a clock step back): closing the window drops everything scored up to
-- its end, and the mail being sent did not include this event.
local score = now
local windowEnd = tonumber(redis.call('HGET', KEYS[5], 'end'))
if windowEnd and score <= windowEnd then score = windowEnd + 1 end
redis.call('ZADD', KEYS[3], now, ARGV[1])
redis.call('ZADD', KEYS[1], score, ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - tonumber(ARGV[3]))
return 1
`;

/**
 * ARGV: owner (the digest job's id). Opens the window (last sent end, now] unless one is open; a
 * window open under another owner is busy. Returns { status, start, end, json... }.
 */
export const OPEN_WINDOW_LUA = `
local owner = redis.call('HGET', KEYS[5], 'owner')
if owner and owner ~= ARGV[1] then return { 'busy' } end
if not owner then
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  -- The first window starts at the first event buffered, not at the epoch.
  local start = redis.call('GET', KEYS[4])
  if not start then
    local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
    start = first[2] and tostring(tonumber(first[2]) - 1) or tostring(now)
  end
  redis.call('HSET', KEYS[5], 'owner', ARGV[1], 'start', start, 'end', tostring(now))
end
local window = redis.call('HMGET', KEYS[5], 'start', 'end')
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', window[2])
local out = { 'open', window[1], window[2] }
if #ids > 0 then
  local events = redis.call('HMGET', KEYS[2], unpack(ids))
  for i = 1, #ids do
    if events[i] then table.insert(out, events[i]) end
  end
end
return out
`;

/** ARGV: owner. Closes the owner's window: its events are forgotten and the next one starts at its end. */
export const CLOSE_WINDOW_LUA = `
if redis.call('HGET', KEYS[5], 'owner') ~= ARGV[1] then return 0 end
local last = redis.call('HGET', KEYS[5], 'end')
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', last)
for i = 1, #ids do redis.call('HDEL', KEYS[2], ids[i]) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', last)
redis.call('SET', KEYS[4], last)
redis.call('DEL', KEYS[5])
return 1
`;

/** ARGV: owner. Lets go of the owner's window unsent: its events stay for the next window. */
export const RELEASE_WINDOW_LUA = `
if redis.call('HGET', KEYS[5], 'owner') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[5])
return 1
`;
