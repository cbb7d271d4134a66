import { LUA_HELPERS } from './helpers.js';

/**
 * Counts a failed cycle and raises `watch_failing` at most once per episode. KEYS: meta, outbox.
 * ARGV: immediate ('1'/'0'), threshold, event template, the episode the template is for, the error (JSON).
 * Returns {'counted'}, {'raised', event JSON} or {'episode', next} (template is for another
 * episode; nothing written).
 */
export const RECORD_FAILURE_LUA = `${LUA_HELPERS}
local cur = redis.call('HMGET', KEYS[1], 'failures', 'failing', 'episode')
local failures = (tonumber(cur[1]) or 0) + 1
if cur[2] ~= '1' and (ARGV[1] == '1' or failures >= tonumber(ARGV[2])) then
  local episode = tostring((tonumber(cur[3]) or 0) + 1)
  if ARGV[4] ~= episode then return {'episode', episode} end
  redis.call('HSET', KEYS[1], 'failures', failures, 'failing', '1', 'episode', episode, 'lastError', ARGV[5])
  return {'raised', pushWatchEvent(KEYS[2], ARGV[3], failures)}
end
redis.call('HSET', KEYS[1], 'failures', failures, 'lastError', ARGV[5])
return {'counted'}
`;

/**
 * Resets the failure count after a good cycle whose commit another process made, raising
 * `watch_recovered` once if the watch was failing. KEYS: meta, outbox. ARGV: event template, its episode.
 * Returns {'ok'}, {'raised', event JSON} or {'episode', current}.
 */
export const RECORD_SUCCESS_LUA = `${LUA_HELPERS}
local cur = redis.call('HMGET', KEYS[1], 'failing', 'episode', 'failures')
local failures = tonumber(cur[3]) or 0
if cur[1] == '1' then
  local episode = cur[2] or '0'
  if ARGV[2] ~= episode then return {'episode', episode} end
  redis.call('HSET', KEYS[1], 'failing', '0', 'failures', '0')
  return {'raised', pushWatchEvent(KEYS[2], ARGV[1], failures)}
end
-- A fresh watch has no meta yet: do not create one just to store a zero.
if failures ~= 0 then redis.call('HSET', KEYS[1], 'failures', '0') end
return {'ok'}
`;
