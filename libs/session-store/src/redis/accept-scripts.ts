import { NOTE_LUA } from './conversation-index';
import { RedisScript } from './redis-script';

/**
 * The three steps of accepting a message, each a script on one slot (README, "Accepting a message").
 */

/**
 * Step 1, the sender's slot. KEYS: the dedup record, the sender's routes hash, the sender's
 * conversations. ARGV: message id, window ms, then the note's (conversation-index.ts). Records the client
 * message id (SET NX PX) and, when it is new, notes the conversation for the sender; answers {nil when
 * new, else the record: the earlier message id, followed by ' done' once every step of that acceptance
 * has completed; then the entries of the sender's routes hash}, read here so that the sender's other
 * devices cost no command of their own.
 */
export const dedupScript = new RedisScript(
  `${NOTE_LUA}
local answer = {false}
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  note(KEYS[3], 3)
else
  answer[1] = redis.call('GET', KEYS[1])
end
for _, value in ipairs(redis.call('HVALS', KEYS[2])) do answer[#answer + 1] = value end
return answer
`,
  3,
);

/**
 * The sender's slot, once the other steps are done. KEYS: the dedup record. ARGV: message id. Marks the
 * record done, keeping its expiry.
 */
export const dedupDoneScript = new RedisScript(
  `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1] .. ' done', 'KEEPTTL')
end
return 0
`,
  1,
);

/**
 * Step 2, the conversation's slot. KEYS: sequence, history hash, history order zset. ARGV: message id,
 * the message's JSON without its seq, sequence TTL (0: none), history max messages, history TTL, now.
 * Store-if-absent by message id: a message already kept answers {0, seq, its JSON}; else it takes the
 * next seq, keeps the message with it and answers {1, seq, JSON}. The history is trimmed to its count (at most 1,000
 * per call), and its oldest messages go once sent more than its TTL ago (at most 100 per call); both keys expire a
 * TTL after the last message, and a sequence with a TTL lives at least as long as the history.
 */
export const historyScript = new RedisScript(
  `
local kept = redis.call('HGET', KEYS[2], ARGV[1])
if kept then return {0, tonumber(string.match(kept, '"seq":(%d+)}$')), kept} end
local seq = redis.call('INCR', KEYS[1])
local ttl = tonumber(ARGV[5])
if tonumber(ARGV[3]) > 0 then redis.call('PEXPIRE', KEYS[1], math.max(tonumber(ARGV[3]), ttl)) end
local json = string.sub(ARGV[2], 1, -2) .. ',"seq":' .. seq .. '}'
redis.call('HSET', KEYS[2], ARGV[1], json)
redis.call('ZADD', KEYS[3], seq, ARGV[1])
local excess = math.min(redis.call('ZCARD', KEYS[3]) - tonumber(ARGV[4]), 1000)
if excess > 0 then
  local old = redis.call('ZRANGE', KEYS[3], 0, excess - 1)
  redis.call('ZREMRANGEBYRANK', KEYS[3], 0, excess - 1)
  redis.call('HDEL', KEYS[2], unpack(old))
end
local horizon = tonumber(ARGV[6]) - ttl
for _ = 1, 100 do
  local oldest = redis.call('ZRANGE', KEYS[3], 0, 0)
  if #oldest == 0 then break end
  local message = redis.call('HGET', KEYS[2], oldest[1])
  local sentAt = message and tonumber(string.match(message, '"sentAt":(%d+)'))
  if sentAt and sentAt > horizon then break end
  redis.call('ZREM', KEYS[3], oldest[1])
  redis.call('HDEL', KEYS[2], oldest[1])
end
redis.call('PEXPIRE', KEYS[2], ttl)
redis.call('PEXPIRE', KEYS[3], ttl)
return {1, seq, json}
`,
  3,
);

/**
 * Step 3, the receiver's slot. KEYS: unacked hash, routes hash, the receiver's conversations. ARGV:
 * message id, the message's JSON ('' to only read), ledger TTL, ledger cap, then the note's
 * (conversation-index.ts; written only with the message). Writes the message to the ledger (dropping
 * the lowest message ids beyond the cap) and notes the conversation for the receiver unless only
 * reading; answers {the message as the ledger holds it or nil, then the entries of the receiver's
 * routes hash} (pending entries as they are: the store filters them).
 */
export const receiverScript = new RedisScript(
  `${NOTE_LUA}
if ARGV[2] ~= '' then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  local excess = redis.call('HLEN', KEYS[1]) - tonumber(ARGV[4])
  if excess > 0 then
    local ids = redis.call('HKEYS', KEYS[1])
    table.sort(ids)
    for i = 1, excess do redis.call('HDEL', KEYS[1], ids[i]) end
  end
  note(KEYS[3], 5)
end
local answer = {redis.call('HGET', KEYS[1], ARGV[1]) or false}
for _, value in ipairs(redis.call('HVALS', KEYS[2])) do answer[#answer + 1] = value end
return answer
`,
  3,
);

/**
 * KEYS: history hash, history order zset. ARGV: lowest score, highest score (ZRANGEBYSCORE syntax),
 * limit, 1 to take the highest seqs first. Answers the messages' JSON in the order read.
 */
export const readHistoryScript = new RedisScript(
  `
local ids
if ARGV[4] == '1' then
  ids = redis.call('ZREVRANGEBYSCORE', KEYS[2], ARGV[2], ARGV[1], 'LIMIT', 0, ARGV[3])
else
  ids = redis.call('ZRANGEBYSCORE', KEYS[2], ARGV[1], ARGV[2], 'LIMIT', 0, ARGV[3])
end
if #ids == 0 then return {} end
return redis.call('HMGET', KEYS[1], unpack(ids))
`,
  2,
);
