import Redis from 'ioredis';
import { InboxPolicy, UnackedItem } from '../session-store';
import { StoredMessage } from '../stored-message';
import { RedisKeys } from './redis-keys';
import { RedisScript } from './redis-script';

/** KEYS: the unacked hash. ARGV: cap. Drops the lowest message ids beyond the cap. */
const trimScript = new RedisScript(`
local ids = redis.call('HKEYS', KEYS[1])
local excess = #ids - tonumber(ARGV[1])
if excess <= 0 then return 0 end
table.sort(ids)
for i = 1, excess do redis.call('HDEL', KEYS[1], ids[i]) end
return excess
`);

/** KEYS: inbox list, unacked hash. ARGV: ttl. Moves the inbox into the hash; answers the hash's messages. */
const openScript = new RedisScript(`
local items = redis.call('LRANGE', KEYS[1], 0, -1)
for _, json in ipairs(items) do
  redis.call('HSET', KEYS[2], cjson.decode(json).messageId, json)
end
if #items > 0 then
  redis.call('DEL', KEYS[1])
  redis.call('PEXPIRE', KEYS[2], ARGV[1])
end
return redis.call('HVALS', KEYS[2])
`);

/**
 * The unacked ledger on Redis: `{p}unacked:{userId}`, a hash of message id → StoredMessage JSON.
 * Tracking is one pipeline for a whole batch (HSET, PEXPIRE, HLEN per user); the rare trim runs a script.
 */
export class RedisUnackedLedger {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async track(items: UnackedItem[], policy: InboxPolicy): Promise<void> {
    const byUser = new Map<string, string[]>();
    for (const { userId, message } of items) {
      const fields = byUser.get(userId) ?? [];
      fields.push(message.messageId, JSON.stringify(message));
      byUser.set(userId, fields);
    }
    const pipeline = this.redis.pipeline();
    for (const [userId, fields] of byUser) {
      const key = this.keys.unacked(userId);
      pipeline
        .hset(key, ...fields)
        .pexpire(key, policy.ttlMs)
        .hlen(key);
    }
    const replies = (await pipeline.exec()) ?? [];
    const failed = replies.find(([error]) => error);
    if (failed) throw failed[0];
    const users = [...byUser.keys()];
    const over = users.filter((_, i) => (replies[i * 3 + 2][1] as number) > policy.cap);
    for (const userId of over) await trimScript.run(this.redis, [this.keys.unacked(userId)], [policy.cap]);
  }

  async acknowledge(userId: string, messageIds: string[]): Promise<void> {
    if (messageIds.length) await this.redis.hdel(this.keys.unacked(userId), ...messageIds);
  }

  async open(userId: string, policy: InboxPolicy): Promise<StoredMessage[]> {
    const keys = [this.keys.inbox(userId), this.keys.unacked(userId)];
    const values = (await openScript.run(this.redis, keys, [policy.ttlMs])) as string[];
    return values.map((v) => JSON.parse(v) as StoredMessage).sort(byMessageId);
  }

  size(userId: string): Promise<number> {
    return this.redis.hlen(this.keys.unacked(userId));
  }
}

function byMessageId(a: StoredMessage, b: StoredMessage): number {
  return a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0;
}
