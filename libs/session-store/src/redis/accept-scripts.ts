import { NOTE_LUA } from './conversation-index';
import { RedisScript } from './redis-script';

/**
 * The three steps of accepting a message, each a script on one slot (README, "Accepting a message"); steps
 * 2 and 3 take the messages of one tick that go to the same slot (accept-batches.ts).
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
 * Step 2 for the messages of one tick in one conversation, its slot. KEYS: sequence, history hash, history
 * order zset. ARGV: sequence TTL (0: none), history max messages, history TTL, now, then (message id, the
 * message's JSON without its seq) pairs. Store-if-absent by message id, in order: a message already kept
 * answers its JSON as kept (with its seq); else it takes the next seq, is kept with it and answers the
 * seq (its JSON is the one given with `,"seq":<seq>` before the closing brace). When a message was kept,
 * the history is trimmed to its count (at most 1,000 per call), and its oldest messages go once sent more
 * than its TTL ago (at most 100 per call); both keys expire a TTL after the last message, and a sequence
 * with a TTL lives at least as long as the history.
 */
export const historyScript = new RedisScript(
  `
local ttl = tonumber(ARGV[3])
local answer = {}
local added = false
for i = 5, #ARGV, 2 do
  local kept = redis.call('HGET', KEYS[2], ARGV[i])
  if kept then
    answer[#answer + 1] = kept
  else
    local seq = redis.call('INCR', KEYS[1])
    redis.call('HSET', KEYS[2], ARGV[i], string.sub(ARGV[i + 1], 1, -2) .. ',"seq":' .. seq .. '}')
    redis.call('ZADD', KEYS[3], seq, ARGV[i])
    answer[#answer + 1] = seq
    added = true
  end
end
if not added then return answer end
if tonumber(ARGV[1]) > 0 then redis.call('PEXPIRE', KEYS[1], math.max(tonumber(ARGV[1]), ttl)) end
local excess = math.min(redis.call('ZCARD', KEYS[3]) - tonumber(ARGV[2]), 1000)
if excess > 0 then
  local old = redis.call('ZRANGE', KEYS[3], 0, excess - 1)
  redis.call('ZREMRANGEBYRANK', KEYS[3], 0, excess - 1)
  redis.call('HDEL', KEYS[2], unpack(old))
end
local horizon = tonumber(ARGV[4]) - ttl
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
return answer
`,
  3,
);

/**
 * Step 3 for the messages of one tick to one receiver, their slot. KEYS: unacked hash, routes hash, the
 * receiver's conversations. ARGV: ledger TTL, ledger cap, the number of messages n, n (message id, the
 * message's JSON or '' to only read) pairs, then the notes' arguments (conversation-index.ts), four each.
 * Writes the messages to the ledger (dropping the lowest message ids beyond the cap) and, if it wrote
 * any, the notes; answers {for each message, in order: if written, 1 while the ledger holds it (0 once the cap dropped it), else the
 * ledger's entry for it (nil: none); then the entries of the receiver's routes hash} (pending entries as
 * they are: the store filters them).
 */
export const receiverScript = new RedisScript(
  `${NOTE_LUA}
local n = tonumber(ARGV[3])
local wrote = false
for i = 4, 3 + 2 * n, 2 do
  if ARGV[i + 1] ~= '' then
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
    wrote = true
  end
end
if wrote then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  local excess = redis.call('HLEN', KEYS[1]) - tonumber(ARGV[2])
  if excess > 0 then
    local ids = redis.call('HKEYS', KEYS[1])
    table.sort(ids)
    for i = 1, excess do redis.call('HDEL', KEYS[1], ids[i]) end
  end
  for i = 4 + 2 * n, #ARGV, 4 do note(KEYS[3], i) end
end
local answer = {}
for i = 4, 3 + 2 * n, 2 do
  if ARGV[i + 1] == '' then
    answer[#answer + 1] = redis.call('HGET', KEYS[1], ARGV[i]) or false
  else
    answer[#answer + 1] = redis.call('HEXISTS', KEYS[1], ARGV[i])
  end
end
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
