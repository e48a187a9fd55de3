import { MessageAcceptance, PRIVATE_CONVERSATIONS_KEPT } from '../session-store';
import { RedisClient } from './redis-client';
import { RedisKeys } from './redis-keys';
import { RedisScript } from './redis-script';

/**
 * The user's slot. KEYS: the user's conversations. ARGV: conversation, sentAt, most kept, ttl ms.
 * Notes the conversation as active at sentAt (never moving it back), drops the least recent past the
 * limit, and keeps the list alive for the ttl.
 */
const noteScript = new RedisScript(
  `
redis.call('ZADD', KEYS[1], 'GT', ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -tonumber(ARGV[3]) - 1)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 0
`,
  1,
);

/** Each user's private conversations, most recently active first: one sorted set in the user's slot. */
export class ConversationIndex {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  /** After a private message was accepted: its conversation is noted for both users, each in their slot. */
  async note({ conversation, message, receiver, history }: MessageAcceptance): Promise<void> {
    if (!receiver || !conversation.startsWith('p:')) return;
    const args = [conversation, message.sentAt, PRIVATE_CONVERSATIONS_KEPT, history.ttlMs];
    const users = new Set([message.senderId, receiver.userId]);
    await Promise.all(
      [...users].map((id) => noteScript.run(this.redis, [this.keys.userConversations(id)], args)),
    );
  }

  async of(userId: string): Promise<string[]> {
    return this.redis.zrevrange(this.keys.userConversations(userId), 0, -1);
  }
}
