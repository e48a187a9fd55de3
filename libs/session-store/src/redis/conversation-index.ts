import { MessageAcceptance, PRIVATE_CONVERSATIONS_KEPT } from '../session-store';
import { RedisClient } from './redis-client';
import { RedisKeys } from './redis-keys';
import { RedisScript } from './redis-script';

/**
 * Lua for the scripts that note a private conversation in a user's slot as a step of their own
 * (the receiver's step of an acceptance, the sender's claim of a new SEND): `noteConversation(key,
 * conversation, sentAt, most kept, ttl ms)`, and `note(key, i)` with those four in ARGV[i..i+3]; an
 * empty conversation notes nothing. The conversation is scored active at sentAt (never moved back);
 * only a conversation new to the set can push the least recent past the limit, so only then is the set
 * trimmed; the set lives for the ttl.
 */
export const NOTE_LUA = `
local function noteConversation(key, conversation, sentAt, kept, ttl)
  if conversation == '' then return end
  if redis.call('ZADD', key, 'GT', sentAt, conversation) == 1 then
    redis.call('ZREMRANGEBYRANK', key, 0, -tonumber(kept) - 1)
  end
  redis.call('PEXPIRE', key, ttl)
end
local function note(key, i)
  noteConversation(key, ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3])
end
`;

/** The user's slot. KEYS: the user's conversations. ARGV: conversation, sentAt, most kept, ttl ms. */
const noteScript = new RedisScript(`${NOTE_LUA}\nnote(KEYS[1], 1)\nreturn 0`, 1);

/** The note's arguments for a private message's conversation; none (an empty conversation) else. */
export function noteArguments({
  conversation,
  message,
  receiver,
  history,
}: MessageAcceptance): (string | number)[] {
  const noted = receiver !== undefined && conversation.startsWith('p:');
  return [noted ? conversation : '', message.sentAt, PRIVATE_CONVERSATIONS_KEPT, history.ttlMs];
}

/** Each user's private conversations, most recently active first: one sorted set in the user's slot. */
export class ConversationIndex {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  /** Notes the conversation in one user's slot, as a step of its own (a message sent without a record). */
  note(userId: string, args: (string | number)[]): Promise<unknown> {
    return noteScript.run(this.redis, [this.keys.userConversations(userId)], args);
  }

  async of(userId: string): Promise<string[]> {
    return this.redis.zrevrange(this.keys.userConversations(userId), 0, -1);
  }
}
