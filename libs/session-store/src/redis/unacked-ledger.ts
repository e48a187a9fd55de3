import { RedisClient } from './redis-client';
import { InboxPolicy, UnackedItem } from '../session-store';
import { StoredMessage } from '@cim/protocol';
import { RedisKeys } from './redis-keys';
import { RedisScript } from './redis-script';

/**
 * KEYS: the unacked hash. ARGV: ttl, cap, then message id / JSON pairs. Adds them, refreshes the TTL and
 * drops the lowest message ids beyond the cap (rare: a client that never acks).
 */
const trackScript = new RedisScript(
  `
for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
local excess = redis.call('HLEN', KEYS[1]) - tonumber(ARGV[2])
if excess <= 0 then return 0 end
local ids = redis.call('HKEYS', KEYS[1])
table.sort(ids)
for i = 1, excess do redis.call('HDEL', KEYS[1], ids[i]) end
return excess
`,
  1,
);

/** KEYS: inbox list, unacked hash. ARGV: ttl. Moves the inbox into the hash; answers the hash's messages. */
const openScript = new RedisScript(
  `
local items = redis.call('LRANGE', KEYS[1], 0, -1)
for _, json in ipairs(items) do
  redis.call('HSET', KEYS[2], cjson.decode(json).messageId, json)
end
if #items > 0 then
  redis.call('DEL', KEYS[1])
  redis.call('PEXPIRE', KEYS[2], ARGV[1])
end
return redis.call('HVALS', KEYS[2])
`,
  2,
);

/**
 * The unacked ledger on Redis: `{p}{u:<id>}:unacked`, a hash of message id → StoredMessage JSON.
 */
export class RedisUnackedLedger {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  /** One script per user; the calls of one tick leave in one write (auto-pipelining). */
  async track(items: UnackedItem[], policy: InboxPolicy): Promise<void> {
    const byUser = new Map<string, string[]>();
    for (const { userId, message } of items) {
      const fields = byUser.get(userId) ?? [];
      fields.push(message.messageId, JSON.stringify(message));
      byUser.set(userId, fields);
    }
    await Promise.all(
      [...byUser].map(([userId, fields]) =>
        trackScript.run(this.redis, [this.keys.unacked(userId)], [policy.ttlMs, policy.cap, ...fields]),
      ),
    );
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
