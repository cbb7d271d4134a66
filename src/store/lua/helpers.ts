/**
 * Lua shared by the store's scripts. `chunked` calls a variadic command a slice at a time because
 * `unpack` of a huge table overflows Lua's C stack; `pushWatchEvent` appends the failure count to a
 * template the JS side rendered (so the id stays the first key, and no user text is re-encoded).
 */
export const LUA_HELPERS = `
local function chunked(cmd, key, list, step)
  for i = 1, #list, step do
    redis.call(cmd, key, unpack(list, i, math.min(i + step - 1, #list)))
  end
end

local function pushWatchEvent(outbox, template, failures)
  local json = string.sub(template, 1, -2) .. ',"failures":' .. tostring(failures) .. '}'
  redis.call('RPUSH', outbox, json)
  return json
end
`;
