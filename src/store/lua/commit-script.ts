import { LUA_HELPERS } from './helpers.js';

/**
 * The fenced commit. KEYS: snap, hot, meta, outbox. ARGV: baseVersion, token, upserts ([id, json, …]),
 * hot ids, cool ids, deletes, poller notes ([field, value, …]), events (JSON strings), the
 * `watch_recovered` template, the episode that template is for, the commit's time (ISO). Lists are JSON arrays.
 * Returns {'stale'}, {'episode', current} (template is for another episode; nothing written) or
 * {'committed'[, recovered event JSON]}.
 */
export const COMMIT_LUA = `${LUA_HELPERS}
local snap, hot, meta, outbox = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local cur = redis.call('HMGET', meta, 'version', 'token', 'failing', 'episode', 'failures')
local version = tonumber(cur[1]) or 0
if version ~= tonumber(ARGV[1]) or tonumber(ARGV[2]) <= (tonumber(cur[2]) or 0) then
  return {'stale'}
end
local failing = cur[3] == '1'
local episode = cur[4] or '0'
if failing and ARGV[10] ~= episode then return {'episode', episode} end

chunked('HSET', snap, cjson.decode(ARGV[3]), 1000)
chunked('HDEL', snap, cjson.decode(ARGV[6]), 1000)
chunked('SADD', hot, cjson.decode(ARGV[4]), 1000)
chunked('SREM', hot, cjson.decode(ARGV[5]), 1000)
chunked('HSET', meta, cjson.decode(ARGV[7]), 1000)
redis.call('HSET', meta, 'version', version + 1, 'token', ARGV[2], 'baseline', '1', 'failures', '0', 'lastOkAt', ARGV[11])
chunked('RPUSH', outbox, cjson.decode(ARGV[8]), 1000)
if failing then
  redis.call('HSET', meta, 'failing', '0')
  return {'committed', pushWatchEvent(outbox, ARGV[9], tonumber(cur[5]) or 0)}
end
return {'committed'}
`;
