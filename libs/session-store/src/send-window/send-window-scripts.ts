import { RedisScript } from '../redis/redis-script';

/**
 * A sending session's window, in one hash under the sender's tag (RedisKeys.sendWindow): field '<seq>'
 * → the message id it was accepted under (then '<id> done' once every step of its acceptance has
 * completed), and field 'floor' → the highest seq dropped from the window (absent: 0).
 */

/**
 * Step 1 of accepting a numbered SEND, the sender's slot. KEYS: the window. ARGV: seq, message id,
 * window size W, TTL ms. Answers the record of a seq kept already (a duplicate), the floor (a number)
 * for a seq at or below it and not kept (outside the window), nil for a new seq, which it records. Once 2W seqs are
 * kept, the W highest stay and the floor rises to the highest dropped: the hash holds at most 2W + 1
 * fields (a listpack at the default hash-max-listpack-entries of 128 for W = 32). Every call gives the
 * window its TTL anew: it expires after that long without a SEND.
 */
export const sendWindowScript = new RedisScript(
  `
local kept = redis.call('HGET', KEYS[1], ARGV[1])
if kept then
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  return kept
end
local floor = tonumber(redis.call('HGET', KEYS[1], 'floor') or '0')
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
`,
  1,
);

/** KEYS: the window. ARGV: seq, message id. Marks the seq's record done if it still names the id. */
export const sendWindowDoneScript = new RedisScript(
  `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ' done')
end
return 0
`,
  1,
);
