import { RedisScript } from './redis-script';

/**
 * The store's atomic operations. Routes are JSON; cjson reads their serverId and sessionId.
 * A script answering `false` sends a nil reply (null in JavaScript).
 */

/** KEYS: user-name key, next-id key. ARGV: user key prefix, name, password hash, createdAt, id before the first. */
export const createUserScript = new RedisScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
redis.call('SET', KEYS[2], ARGV[5], 'NX')
local id = tostring(redis.call('INCR', KEYS[2]))
redis.call('HSET', ARGV[1] .. id, 'id', id, 'name', ARGV[2], 'passwordHash', ARGV[3], 'createdAt', ARGV[4])
redis.call('SET', KEYS[1], id)
return id
`);

/**
 * A route is either online (a field of the routes hash, its user in the server's user set) or pending
 * (the user's pending key, which expires by itself), never both. ARGV pending ms of 0: online at once.
 */

/**
 * KEYS: routes, the new server's user set, the user's pending key. ARGV: user id, route JSON, pending ms.
 * Answers nil when claimed, else {the current route, 1 if it is pending else 0}.
 */
export const claimOnlineScript = new RedisScript(`
local online = redis.call('HGET', KEYS[1], ARGV[1])
if online then return {online, 0} end
local pending = redis.call('GET', KEYS[3])
if pending then return {pending, 1} end
if tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[3], ARGV[2], 'PX', ARGV[3])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  redis.call('SADD', KEYS[2], ARGV[1])
end
return false
`);

/**
 * KEYS: routes, the new server's user set, the user's pending key. ARGV: user id, route JSON,
 * server-users key prefix, pending ms. Answers the old route, pending or online.
 */
export const replaceOnlineScript = new RedisScript(`
local old = redis.call('HGET', KEYS[1], ARGV[1])
local pending = redis.call('GET', KEYS[3])
if old then redis.call('SREM', ARGV[3] .. cjson.decode(old).serverId, ARGV[1]) end
if pending then redis.call('DEL', KEYS[3]) end
if tonumber(ARGV[4]) > 0 then
  if old then redis.call('HDEL', KEYS[1], ARGV[1]) end
  redis.call('SET', KEYS[3], ARGV[2], 'PX', ARGV[4])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  redis.call('SADD', KEYS[2], ARGV[1])
end
return old or pending
`);

/**
 * KEYS: routes, the server's user set, the user's pending key. ARGV: user id, server id, session id.
 * Moves a matching pending route into the routes hash. Answers 1 when the session is current there.
 */
export const confirmOnlineScript = new RedisScript(`
local pending = redis.call('GET', KEYS[3])
local current = pending or redis.call('HGET', KEYS[1], ARGV[1])
if not current then return 0 end
local route = cjson.decode(current)
if route.sessionId ~= ARGV[3] or route.serverId ~= ARGV[2] then return 0 end
if pending then
  redis.call('DEL', KEYS[3])
  redis.call('HSET', KEYS[1], ARGV[1], pending)
  redis.call('SADD', KEYS[2], ARGV[1])
end
return 1
`);

/** KEYS: routes, the user's pending key. ARGV: user id, session id, server-users key prefix. Answers 1 when released. */
export const releaseOnlineScript = new RedisScript(`
local pending = redis.call('GET', KEYS[2])
if pending then
  if cjson.decode(pending).sessionId ~= ARGV[2] then return 0 end
  redis.call('DEL', KEYS[2])
  return 1
end
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return 0 end
local route = cjson.decode(current)
if route.sessionId ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('SREM', ARGV[3] .. route.serverId, ARGV[1])
return 1
`);

/** KEYS: the user's pending key, routes. ARGV: user id. Answers the route, pending or online. */
export const getRouteScript = new RedisScript(`
return redis.call('GET', KEYS[1]) or redis.call('HGET', KEYS[2], ARGV[1])
`);

/**
 * KEYS: routes, the server's user set. ARGV: server id. Answers the released user ids.
 * Runs in one step for the whole server, during which Redis serves nobody else: about 3.5 ms per
 * 1,000 users (0.35 s for 100,000 on a laptop-class machine).
 */
export const releaseServerScript = new RedisScript(`
local released = {}
for _, userId in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local current = redis.call('HGET', KEYS[1], userId)
  if current and cjson.decode(current).serverId == ARGV[1] then
    redis.call('HDEL', KEYS[1], userId)
    table.insert(released, userId)
  end
end
redis.call('DEL', KEYS[2])
return released
`);

/**
 * KEYS: dedup key (unused when ARGV[2] is 0), the conversation's sequence, routes, the receiver's
 * pending key and unacked hash (unused without a receiver). ARGV: message id, dedup window (0: no
 * dedup), receiver id ('' for none), the message's JSON without its seq ('' to keep nothing), ledger
 * TTL, ledger cap, the sequence's TTL (0: none). Answers {0, earlier message id, its unacked JSON or nil, the receiver's route or nil}
 * for a duplicate, else {1, seq, the receiver's route (pending or online) or nil}; a kept message is in
 * the receiver's unacked hash with its seq before the answer leaves.
 */
export const acceptMessageScript = new RedisScript(`
local route = false
if ARGV[3] ~= '' then route = redis.call('GET', KEYS[4]) or redis.call('HGET', KEYS[3], ARGV[3]) end
if tonumber(ARGV[2]) > 0 then
  if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
    local earlier = redis.call('GET', KEYS[1])
    local stored = false
    if ARGV[4] ~= '' then stored = redis.call('HGET', KEYS[5], earlier) end
    return {0, earlier, stored, route}
  end
end
local seq = redis.call('INCR', KEYS[2])
if tonumber(ARGV[7]) > 0 then redis.call('PEXPIRE', KEYS[2], ARGV[7]) end
if ARGV[4] ~= '' then
  redis.call('HSET', KEYS[5], ARGV[1], string.sub(ARGV[4], 1, -2) .. ',"seq":' .. seq .. '}')
  redis.call('PEXPIRE', KEYS[5], ARGV[5])
  local excess = redis.call('HLEN', KEYS[5]) - tonumber(ARGV[6])
  if excess > 0 then
    local ids = redis.call('HKEYS', KEYS[5])
    table.sort(ids)
    for i = 1, excess do redis.call('HDEL', KEYS[5], ids[i]) end
  end
end
return {1, seq, route}
`);
