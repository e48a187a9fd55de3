import { StoreUnavailableError } from '../errors';
import { RedisClient } from '../redis/redis-client';
import { RedisScript } from '../redis/redis-script';
import { byUserId, Reader, ReadMark, ReadPointer, ReadStateStore } from './read-state-store';
import { ReadStateKeys } from './read-state-keys';

/**
 * KEYS: the user's pointers. ARGV: conversation, seq, the conversation's last seq (a pointer beyond it
 * counts as 0). Answers {seq now, 1 if it moved}.
 */
const markReadScript = new RedisScript(
  `
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if current > tonumber(ARGV[3]) then current = 0 end
local seq = tonumber(ARGV[2])
if seq > current then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  return {ARGV[2], 1}
end
return {tostring(current), 0}
`,
  1,
);

/**
 * The read-state store on Redis (key layout in read-state-keys.ts). A mark moves the user's pointer in
 * one script on the user's slot, then, for a listed conversation, the reader entry with ZADD GT on the
 * conversation's slot: both only move forward, so a mark repeated after a failure between the two
 * completes it.
 */
export class RedisReadStateStore implements ReadStateStore {
  private readonly keys: ReadStateKeys;
  private lastConnectionError?: Error;

  constructor(
    private readonly redis: RedisClient,
    prefix = 'cim:',
  ) {
    RedisScript.defineAll(redis);
    this.keys = new ReadStateKeys(prefix);
    this.redis.on('error', (error: Error) => (this.lastConnectionError = error));
    this.redis.on('ready', () => (this.lastConnectionError = undefined));
  }

  async markRead({ userId, conversation, seq, lastSeq, listReader }: ReadMark): Promise<ReadPointer> {
    return this.guard(async () => {
      const [now, moved] = (await markReadScript.run(
        this.redis,
        [this.keys.pointers(userId)],
        [conversation, seq, lastSeq],
      )) as [string, number];
      if (listReader) await this.redis.zadd(this.keys.readers(conversation), 'GT', seq, userId);
      return { seq: Number(now), advanced: moved === 1 };
    });
  }

  async readSeqs(userId: string, conversations: string[]): Promise<number[]> {
    if (!conversations.length) return [];
    const values = await this.guard(() => this.redis.hmget(this.keys.pointers(userId), ...conversations));
    return values.map((value) => Number(value ?? 0));
  }

  async readersOf(conversation: string, seq: number): Promise<Reader[]> {
    const flat = await this.guard(() =>
      this.redis.zrangebyscore(this.keys.readers(conversation), seq, '+inf', 'WITHSCORES'),
    );
    const readers: Reader[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) readers.push({ userId: flat[i], seq: Number(flat[i + 1]) });
    return readers.sort(byUserId);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async guard<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      const last = this.lastConnectionError;
      throw new StoreUnavailableError(error, last && `last connection error: ${last.message}`);
    }
  }
}
