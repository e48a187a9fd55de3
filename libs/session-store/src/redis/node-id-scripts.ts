import { RedisScript } from './redis-script';

/** KEYS: the node id's key. ARGV: holder, ttl. Answers 1 when the holder has the lease now, else 0. */
export const renewNodeIdScript = new RedisScript(
  `
local current = redis.call('GET', KEYS[1])
if current == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if current then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`,
  1,
);

/** KEYS: the node id's key. ARGV: holder. Deletes the key if the holder still has it. */
export const releaseNodeIdScript = new RedisScript(
  `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0
`,
  1,
);
