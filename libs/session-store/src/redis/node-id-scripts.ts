import { RedisScript } from './redis-script';

/**
 * ARGV: node-id key prefix, holder, ttl, count, first id to try. Takes the first free node id from
 * there on (SET NX PX), wrapping at count; answers -1 when all are held.
 */
export const leaseNodeIdScript = new RedisScript(`
local count = tonumber(ARGV[4])
for i = 0, count - 1 do
  local id = (tonumber(ARGV[5]) + i) % count
  if redis.call('SET', ARGV[1] .. id, ARGV[2], 'NX', 'PX', ARGV[3]) then return id end
end
return -1
`);

/** KEYS: the node id's key. ARGV: holder, ttl. Answers 1 when the holder has the lease now, else 0. */
export const renewNodeIdScript = new RedisScript(`
local current = redis.call('GET', KEYS[1])
if current == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if current then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`);

/** KEYS: the node id's key. ARGV: holder. Deletes the key if the holder still has it. */
export const releaseNodeIdScript = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0
`);
