/**
 * One round trip for what a cycle needs before it fetches. KEYS: meta, hot, snap, fetch, outbox.
 * ARGV: '1' to also take a fence token. Returns {meta as [field, value, …], hot entries as
 * [id, json, …], the token (0 when none was taken), the outbox length}.
 */
export const LOAD_VIEW_LUA = `
local token = 0
if ARGV[1] == '1' then token = redis.call('INCR', KEYS[4]) end
local meta = redis.call('HGETALL', KEYS[1])
local ids = redis.call('SMEMBERS', KEYS[2])
local entries = {}
for i = 1, #ids, 1000 do
  local last = math.min(i + 999, #ids)
  local values = redis.call('HMGET', KEYS[3], unpack(ids, i, last))
  for k = i, last do
    local value = values[k - i + 1]
    if value then
      entries[#entries + 1] = ids[k]
      entries[#entries + 1] = value
    end
  end
end
return {meta, entries, token, redis.call('LLEN', KEYS[5])}
`;
