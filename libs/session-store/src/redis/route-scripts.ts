import { RedisScript } from './redis-script';

/**
 * The route scripts, each on one user's slot: KEYS are that user's online route key and pending route
 * key. A route is either online (the route key) or pending (the pending key, which expires by itself),
 * never both. Routes are JSON; cjson reads their serverId and sessionId. A script answering `false`
 * sends a nil reply (null in JavaScript). The server's user set lives on another slot: the store
 * updates it around these scripts (README, "Routes and the online set").
 */

/**
 * KEYS: route, pending route. ARGV: route JSON, pending ms (0: online at once).
 * Answers nil when claimed, else {the current route, 1 if it is pending else 0}.
 */
export const claimOnlineScript = new RedisScript(
  `
local online = redis.call('GET', KEYS[1])
if online then return {online, 0} end
local pending = redis.call('GET', KEYS[2])
if pending then return {pending, 1} end
if tonumber(ARGV[2]) > 0 then
  redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
else
  redis.call('SET', KEYS[1], ARGV[1])
end
return false
`,
  2,
);

/**
 * KEYS: route, pending route. ARGV: route JSON, pending ms (0: online at once).
 * Answers {the online route it replaced or nil, the pending route it replaced or nil}.
 */
export const replaceOnlineScript = new RedisScript(
  `
local old = redis.call('GET', KEYS[1])
local pending = redis.call('GET', KEYS[2])
if pending then redis.call('DEL', KEYS[2]) end
if tonumber(ARGV[2]) > 0 then
  if old then redis.call('DEL', KEYS[1]) end
  redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
else
  redis.call('SET', KEYS[1], ARGV[1])
end
return {old or false, pending or false}
`,
  2,
);

/**
 * KEYS: route, pending route. ARGV: server id, session id. Makes a matching pending route online.
 * Answers 1 when the session is current there (pending until now, or online already), else 0.
 */
export const confirmOnlineScript = new RedisScript(
  `
local pending = redis.call('GET', KEYS[2])
local current = pending or redis.call('GET', KEYS[1])
if not current then return 0 end
local route = cjson.decode(current)
if route.sessionId ~= ARGV[2] or route.serverId ~= ARGV[1] then return 0 end
if pending then
  redis.call('DEL', KEYS[2])
  redis.call('SET', KEYS[1], pending)
end
return 1
`,
  2,
);

/**
 * KEYS: route, pending route. ARGV: session id. Answers nil when that session is not current, '' when
 * it was pending and is released, else the server id of the online route it released.
 */
export const releaseOnlineScript = new RedisScript(
  `
local pending = redis.call('GET', KEYS[2])
if pending then
  if cjson.decode(pending).sessionId ~= ARGV[1] then return false end
  redis.call('DEL', KEYS[2])
  return ''
end
local current = redis.call('GET', KEYS[1])
if not current then return false end
local route = cjson.decode(current)
if route.sessionId ~= ARGV[1] then return false end
redis.call('DEL', KEYS[1])
return route.serverId
`,
  2,
);

/** KEYS: pending route, route. Answers the route, pending or online. */
export const getRouteScript = new RedisScript(
  `
return redis.call('GET', KEYS[1]) or redis.call('GET', KEYS[2])
`,
  2,
);

/** KEYS: route. ARGV: server id. Deletes the online route if it points at the server; answers 1 if so. */
export const releaseIfOnServerScript = new RedisScript(
  `
local current = redis.call('GET', KEYS[1])
if current and cjson.decode(current).serverId == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
`,
  1,
);

/**
 * KEYS: route. ARGV: server id, incarnation, 'run' or 'others', a time. Deletes the online route if it
 * points at the server, was made before that time, and is of that run ('run') or of any other run or
 * none ('others'); answers 1 if so. The time keeps a route made after a lapsed run took its lease again.
 */
export const releaseIfOnRunScript = new RedisScript(
  `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local route = cjson.decode(current)
if route.serverId ~= ARGV[1] or route.since >= tonumber(ARGV[4]) then return 0 end
local same = route.incarnation == ARGV[2]
if (ARGV[3] == 'run') ~= same then return 0 end
redis.call('DEL', KEYS[1])
return 1
`,
  1,
);
