import { RedisScript } from '../redis/redis-script';

/**
 * The group store's scripts. Each touches only the keys of one group (one hash tag, so one slot on
 * Redis Cluster), all of them passed in KEYS.
 */

/** KEYS: info, members. ARGV: name, ownerId, createdAt, memberIds... */
export const createGroupScript = new RedisScript(
  `
redis.call('HSET', KEYS[1], 'name', ARGV[1], 'ownerId', ARGV[2], 'createdAt', ARGV[3])
redis.call('HSET', KEYS[2], ARGV[2], 'owner')
for i = 4, #ARGV do
  if ARGV[i] ~= ARGV[2] then redis.call('HSETNX', KEYS[2], ARGV[i], 'member') end
end
return 1
`,
  2,
);

/** KEYS: info, members. ARGV: maxMembers, userIds... Answers the ids added, -1 (no group) or -2 (full). */
export const addMembersScript = new RedisScript(
  `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local added = {}
for i = 2, #ARGV do
  if redis.call('HEXISTS', KEYS[2], ARGV[i]) == 0 then added[#added + 1] = ARGV[i] end
end
if redis.call('HLEN', KEYS[2]) + #added > tonumber(ARGV[1]) then return -2 end
for _, id in ipairs(added) do redis.call('HSET', KEYS[2], id, 'member') end
return added
`,
  2,
);

/** KEYS: members, online. ARGV: userId. */
export const removeMemberScript = new RedisScript(
  `
local removed = redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return removed
`,
  2,
);

/** KEYS: members. ARGV: userId, role. */
export const setRoleScript = new RedisScript(
  `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`,
  1,
);

/** KEYS: info. ARGV: name. */
export const renameScript = new RedisScript(
  `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'name', ARGV[1])
return 1
`,
  1,
);

/** KEYS: info, members, online. Answers the former members, or -1 when there was no group. */
export const dismissScript = new RedisScript(
  `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local members = redis.call('HKEYS', KEYS[2])
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
return members
`,
  3,
);

/**
 * KEYS: members, online. ARGV: userId, deviceId, serverId, sessionId. Only a member is noted online;
 * the member's entry is a JSON object of their devices online, device id → [serverId, sessionId] (an
 * entry of the form before devices, a bare [serverId, sessionId], is replaced).
 */
export const memberOnlineScript = new RedisScript(
  `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
local current = redis.call('HGET', KEYS[2], ARGV[1])
local devices = {}
if current then
  local decoded = cjson.decode(current)
  if decoded[1] == nil then devices = decoded end
end
devices[ARGV[2]] = {ARGV[3], ARGV[4]}
redis.call('HSET', KEYS[2], ARGV[1], cjson.encode(devices))
return 1
`,
  2,
);

/**
 * KEYS: online. ARGV: userId, deviceId, serverId, sessionId. Only the session's own device entry is
 * removed; the member's field goes with their last device.
 */
export const memberOfflineScript = new RedisScript(
  `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return 0 end
local devices = cjson.decode(current)
if devices[1] ~= nil then
  if devices[1] ~= ARGV[3] or devices[2] ~= ARGV[4] then return 0 end
  return redis.call('HDEL', KEYS[1], ARGV[1])
end
local mine = devices[ARGV[2]]
if not mine or mine[1] ~= ARGV[3] or mine[2] ~= ARGV[4] then return 0 end
devices[ARGV[2]] = nil
if next(devices) == nil then return redis.call('HDEL', KEYS[1], ARGV[1]) end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(devices))
return 1
`,
  1,
);

/** KEYS: members, online. ARGV: senderId. Answers -1 for a non-member, else the online hash flat. */
export const audienceScript = new RedisScript(
  `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return -1 end
return redis.call('HGETALL', KEYS[2])
`,
  2,
);
