import { createHash } from 'node:crypto';
import Redis from 'ioredis';

type ScriptCommand = (...keysAndArgs: (string | number)[]) => Promise<unknown>;

/**
 * A Lua script, run as a custom ioredis command (`defineCommand`): ioredis sends EVALSHA, falls back
 * to EVAL when the server does not know the script (after a restart or SCRIPT FLUSH), and the command
 * also works inside pipelines and MULTI. Every script is defined on a client when the store makes it
 * (`defineAll`), under a name made from the script's SHA-1; the number of keys travels with each call.
 * Defining one later is not safe with auto-pipelining: the pipeline of the current tick, made before
 * the definition, would lack the command (ioredis then fails every command of that tick).
 */
export class RedisScript {
  private static readonly all = new Set<RedisScript>();
  private readonly name: string;

  constructor(private readonly lua: string) {
    this.name = `cim_${createHash('sha1').update(lua).digest('hex')}`;
    RedisScript.all.add(this);
  }

  /** Defines every script made so far on the client; call it before the client's first command. */
  static defineAll(redis: Redis): void {
    for (const script of RedisScript.all) script.define(redis);
  }

  private define(redis: Redis): void {
    const commands = redis as unknown as Record<string, ScriptCommand | undefined>;
    if (typeof commands[this.name] !== 'function') redis.defineCommand(this.name, { lua: this.lua });
  }

  run(redis: Redis, keys: string[], args: (string | number)[]): Promise<unknown> {
    this.define(redis);
    const commands = redis as unknown as Record<string, ScriptCommand>;
    return commands[this.name](keys.length, ...keys, ...args);
  }
}
