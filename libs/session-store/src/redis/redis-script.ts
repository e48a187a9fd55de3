import { createHash } from 'node:crypto';
import { RedisClient } from './redis-client';

type ScriptCommand = (...keysAndArgs: (string | number)[]) => Promise<unknown>;

/**
 * A Lua script, run as a custom ioredis command (`defineCommand`): ioredis sends EVALSHA, falls back
 * to EVAL when the server does not know the script (after a restart or SCRIPT FLUSH), and the command
 * also works inside pipelines and MULTI. Every script is defined on a client when the store makes it
 * (`defineAll`), under a name made from the script's SHA-1. Defining one later is not safe with
 * auto-pipelining: the pipeline of the current tick, made before the definition, would lack the
 * command (ioredis then fails every command of that tick).
 *
 * Each script declares how many keys it takes (`numberOfKeys`), so that its first argument is its first
 * key: on a cluster, ioredis's auto-pipelining groups a custom command by its first argument's slot,
 * and a key count there would put scripts for different nodes into one pipeline, which fails.
 */
export class RedisScript {
  private static readonly all = new Set<RedisScript>();
  private readonly name: string;

  constructor(
    private readonly lua: string,
    private readonly keyCount: number,
  ) {
    this.name = `cim_${createHash('sha1').update(lua).digest('hex')}`;
    RedisScript.all.add(this);
  }

  /** Defines every script made so far on the client; call it before the client's first command. */
  static defineAll(redis: RedisClient): void {
    for (const script of RedisScript.all) script.define(redis);
  }

  private define(redis: RedisClient): void {
    const commands = redis as unknown as Record<string, ScriptCommand | undefined>;
    if (typeof commands[this.name] !== 'function') {
      redis.defineCommand(this.name, { lua: this.lua, numberOfKeys: this.keyCount });
    }
  }

  run(redis: RedisClient, keys: string[], args: (string | number)[]): Promise<unknown> {
    if (keys.length !== this.keyCount) {
      throw new RangeError(`the script takes ${this.keyCount} keys, got ${keys.length}`);
    }
    this.define(redis);
    const commands = redis as unknown as Record<string, ScriptCommand>;
    return commands[this.name](...keys, ...args);
  }
}
