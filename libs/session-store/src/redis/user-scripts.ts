import { RedisScript } from './redis-script';

/** KEYS: the next-id counter. ARGV: the id before the first. Answers the next user id. */
export const nextUserIdScript = new RedisScript(
  `
redis.call('SET', KEYS[1], ARGV[1], 'NX')
return tostring(redis.call('INCR', KEYS[1]))
`,
  1,
);
