/**
 * Pops outbox heads while they are among the acknowledged ids, so two forwarders acknowledging the
 * same events never trim one that neither has forwarded. KEYS: outbox. ARGV: ids (JSON array).
 * Every outbox item starts with its id (`{"id":"…"`). Returns how many were popped.
 */
export const ACK_OUTBOX_LUA = `
local ids = cjson.decode(ARGV[1])
local acked = {}
for _, id in ipairs(ids) do acked[id] = true end
local popped = 0
for _ = 1, #ids do
  local head = redis.call('LINDEX', KEYS[1], 0)
  if not head then break end
  local id = string.match(head, '^{"id":"([^"]*)"')
  if not id or not acked[id] then break end
  redis.call('LPOP', KEYS[1])
  popped = popped + 1
end
return popped
`;
