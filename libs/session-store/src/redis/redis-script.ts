import { createHash } from 'node:crypto';
import Redis from 'ioredis';

type ScriptCommand = (...keysAndArgs: (string | number)[]) => Promise<unknown>;

/**
 * A Lua script, run as a custom ioredis command (`defineCommand`): ioredis sends EVALSHA, falls back
 * to EVAL when the server does not know the script (after a restart or SCRIPT FLUSH), and the command
 * also works inside pipelines and MULTI. The command is defined on a client at its first use, under a
 * name made from the script's SHA-1; the number of keys travels with each call.
 */
export class RedisScript {
  private readonly name: string;

  constructor(private readonly lua: string) {
    this.name = `cim_${createHash('sha1').update(lua).digest('hex')}`;
  }

  run(redis: Redis, keys: string[], args: (string | number)[]): Promise<unknown> {
    const commands = redis as unknown as Record<string, ScriptCommand | undefined>;
    if (typeof commands[this.name] !== 'function') redis.defineCommand(this.name, { lua: this.lua });
    return commands[this.name]!(keys.length, ...keys, ...args);
  }
}
