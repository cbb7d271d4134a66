/**
 * One round trip for what an incremental cycle needs. KEYS: meta, hot, snap.
 * Returns {meta as [field, value, …], hot entries as [id, json, …]}.
 */
export const LOAD_VIEW_LUA = `
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
return {meta, entries}
`;
