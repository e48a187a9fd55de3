import { NOTE_LUA } from '../redis/conversation-index';
import { RedisScript } from '../redis/redis-script';

/**
 * A sending session's window, in one hash under the sender's tag (RedisKeys.sendWindow): field '<seq>'
 * → the message id it was accepted under (then '<id> done' once every step of its acceptance has
 * completed), and field 'floor' → the highest seq dropped from the window (absent: 0).
 */

/**
 * Step 1 of accepting a numbered SEND, the sender's slot. KEYS: the window, the sender's routes hash.
 * ARGV: seq, message id, window size W, TTL ms. Answers {the record of a seq kept already (a duplicate),
 * the floor (a number) for a seq at or below it and not kept (outside the window), nil for a new seq,
 * which it records; then the entries of the sender's routes hash, read here so that the sender's other
 * devices cost no command of their own}. Once 2W seqs are
 * kept, the W highest stay and the floor rises to the highest dropped: the hash holds at most 2W + 1
 * fields (a listpack at the default hash-max-listpack-entries of 128 for W = 32). Every call gives the
 * window its TTL anew: it expires after that long without a SEND.
 */
export const sendWindowScript = new RedisScript(
  `
local function record()
  local kept, floor = unpack(redis.call('HMGET', KEYS[1], ARGV[1], 'floor'))
  if kept then
    redis.call('PEXPIRE', KEYS[1], ARGV[4])
    return kept
  end
  floor = tonumber(floor or '0')
  if tonumber(ARGV[1]) <= floor then return floor end
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  local window = tonumber(ARGV[3])
  if redis.call('HLEN', KEYS[1]) > 2 * window then
    local seqs = {}
    for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
      if field ~= 'floor' then seqs[#seqs + 1] = field end
    end
    table.sort(seqs, function(a, b) return tonumber(a) < tonumber(b) end)
    local drop = #seqs - window
    if drop > 0 then
      for i = 1, drop do redis.call('HDEL', KEYS[1], seqs[i]) end
      redis.call('HSET', KEYS[1], 'floor', seqs[drop])
    end
  end
  return false
end
local answer = {record()}
for _, value in ipairs(redis.call('HVALS', KEYS[2])) do answer[#answer + 1] = value end
return answer
`,
  2,
);

/**
 * The sender's slot, once the other steps are done. KEYS: the window, the sender's conversations. ARGV:
 * seq, message id, then the note's (redis/conversation-index.ts). Marks the seq's record done if it
 * still names the id, and notes the conversation for the sender.
 */
export const sendWindowDoneScript = new RedisScript(
  `${NOTE_LUA}
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ' done')
end
note(KEYS[2], 3)
return 0
`,
  2,
);
