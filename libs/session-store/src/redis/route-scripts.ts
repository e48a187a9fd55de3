import { RedisScript } from './redis-script';

/**
 * The route scripts, each on one user's slot: KEYS[1] is that user's routes hash, device id → route.
 * An online route is its compact JSON; a pending one is `<until>|<JSON>`, `until` the time (ms since
 * the epoch, on the store's clock, passed in as `now`) after which it is gone: scripts skip such an
 * entry and delete it when they write. The hash expires by itself when it holds only pending routes
 * (at the latest `until`), and never while a route is online. cjson reads the routes' serverId and
 * sessionId; they are never re-encoded. The server's user set lives on another slot: the store
 * updates it around these scripts (README, "Routes and the online set").
 */

/** Lua shared by the scripts: `parse` splits an entry; `settle` sets the hash's expiry after a write. */
const PRELUDE = `
local function parse(value, now)
  local untilMs = string.match(value, '^(%d+)|')
  if not untilMs then return value, false, false end
  return string.sub(value, #untilMs + 2), true, tonumber(untilMs) <= now
end
local function settle(key, now)
  local latest = 0
  local values = redis.call('HVALS', key)
  if #values == 0 then return end
  for _, value in ipairs(values) do
    local untilMs = string.match(value, '^(%d+)|')
    if not untilMs then
      redis.call('PERSIST', key)
      return
    end
    latest = math.max(latest, tonumber(untilMs))
  end
  redis.call('PEXPIRE', key, math.max(1, latest - now))
end
local function place(key, device, json, pendingMs, now)
  if pendingMs > 0 then
    redis.call('HSET', key, device, (now + pendingMs) .. '|' .. json)
  else
    redis.call('HSET', key, device, json)
  end
end
`;

function script(body: string): RedisScript {
  return new RedisScript(PRELUDE + body, 1);
}

/**
 * ARGV: device id, route JSON, pending ms (0: online at once), now, most other devices (0: no limit).
 * Answers nil when claimed; {'device', the device's route, 1 if it is pending else 0} when the device
 * has a route; {'full', every other device's route...} when the user has as many devices as allowed.
 */
export const claimOnlineScript = script(`
local now = tonumber(ARGV[4])
local others = {}
local flat = redis.call('HGETALL', KEYS[1])
for i = 1, #flat, 2 do
  local json, pending, expired = parse(flat[i + 1], now)
  if expired then
    redis.call('HDEL', KEYS[1], flat[i])
  elseif flat[i] == ARGV[1] then
    return {'device', json, pending and 1 or 0}
  else
    others[#others + 1] = json
  end
end
local most = tonumber(ARGV[5])
if most > 0 and #others >= most then
  table.insert(others, 1, 'full')
  return others
end
place(KEYS[1], ARGV[1], ARGV[2], tonumber(ARGV[3]), now)
settle(KEYS[1], now)
return false
`);

/**
 * ARGV: device id, route JSON, pending ms (0: online at once), now. Answers {the device's route it
 * replaced or nil, 1 if that one was pending else 0}.
 */
export const replaceOnlineScript = script(`
local now = tonumber(ARGV[4])
local old = redis.call('HGET', KEYS[1], ARGV[1])
local json, pending, expired = false, false, false
if old then json, pending, expired = parse(old, now) end
if expired then json = false end
place(KEYS[1], ARGV[1], ARGV[2], tonumber(ARGV[3]), now)
settle(KEYS[1], now)
return {json, pending and 1 or 0}
`);

/**
 * ARGV: server id, session id, now. Makes the matching pending route online. Answers 1 when the
 * session is current there (pending until now, or online already), else 0.
 */
export const confirmOnlineScript = script(`
local now = tonumber(ARGV[3])
local flat = redis.call('HGETALL', KEYS[1])
for i = 1, #flat, 2 do
  local json, pending, expired = parse(flat[i + 1], now)
  local route = cjson.decode(json)
  if not expired and route.sessionId == ARGV[2] then
    if route.serverId ~= ARGV[1] then return 0 end
    if pending then
      redis.call('HSET', KEYS[1], flat[i], json)
      settle(KEYS[1], now)
    end
    return 1
  end
end
return 0
`);

/**
 * ARGV: session id, now. Deletes the route of that session. Answers nil when no current route has it;
 * {'', 0} when it was pending; else {its server id, 1 if another online route of the user is on that
 * server else 0}.
 */
export const releaseOnlineScript = script(`
local now = tonumber(ARGV[2])
local flat = redis.call('HGETALL', KEYS[1])
local found = nil
for i = 1, #flat, 2 do
  local json, pending, expired = parse(flat[i + 1], now)
  if not expired and cjson.decode(json).sessionId == ARGV[1] then
    found = {field = flat[i], route = cjson.decode(json), pending = pending}
  end
end
if not found then return false end
redis.call('HDEL', KEYS[1], found.field)
settle(KEYS[1], now)
if found.pending then return {'', 0} end
for i = 1, #flat, 2 do
  local json, pending = parse(flat[i + 1], now)
  if flat[i] ~= found.field and not pending and cjson.decode(json).serverId == found.route.serverId then
    return {found.route.serverId, 1}
  end
end
return {found.route.serverId, 0}
`);

/**
 * ARGV: server id, now, and either nothing (every online route to the server) or an incarnation,
 * 'run' or 'others', and a time: only the online routes to the server made before that time and of that
 * run ('run') or of any other run or none ('others'). Deletes them; answers {how many, 1 if an online
 * route of the user to the server is left else 0, the JSON of each route deleted...}. The time keeps a route made after a lapsed run took
 * its lease again.
 */
export const releaseOnServerScript = script(`
local now = tonumber(ARGV[2])
local flat = redis.call('HGETALL', KEYS[1])
local answer = {0, 0}
for i = 1, #flat, 2 do
  local json, pending = parse(flat[i + 1], now)
  if not pending then
    local route = cjson.decode(json)
    if route.serverId == ARGV[1] then
      local matches = true
      if ARGV[3] then
        local same = route.incarnation == ARGV[3]
        matches = route.since < tonumber(ARGV[5]) and ((ARGV[4] == 'run') == same)
      end
      if matches then
        redis.call('HDEL', KEYS[1], flat[i])
        answer[#answer + 1] = json
      else
        answer[2] = 1
      end
    end
  end
end
answer[1] = #answer - 2
if answer[1] > 0 then settle(KEYS[1], now) end
return answer
`);
