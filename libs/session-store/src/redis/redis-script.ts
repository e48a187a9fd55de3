import { createHash } from 'node:crypto';
import Redis from 'ioredis';

/**
 * A Lua script run with EVALSHA, falling back to EVAL (which also loads it) when the server does not
 * know it yet, e.g. after a restart or SCRIPT FLUSH.
 */
export class RedisScript {
  private readonly sha: string;

  constructor(private readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  async run(redis: Redis, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.lua, keys.length, ...keys, ...args);
    }
  }
}
