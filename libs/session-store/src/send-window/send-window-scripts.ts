import { NOTE_LUA } from '../redis/conversation-index';
import { RedisScript } from '../redis/redis-script';

/**
 * A sending session's window, in one hash under the sender's tag (RedisKeys.sendWindow): field '<seq>'
 * → the message id it was accepted under (then '<id> done' once every step of its acceptance has
 * completed), and field 'floor' → the highest seq dropped from the window (absent: 0).
 */

/** Lua: marks done each seq of ARGV[from..] (seq, message id pairs) whose record still names the id. */
const MARK_DONE_LUA = `
local function markDone(key, from)
  for i = from, #ARGV, 2 do
    if redis.call('HGET', key, ARGV[i]) == ARGV[i + 1] then
      redis.call('HSET', key, ARGV[i], ARGV[i + 1] .. ' done')
    end
  end
end
`;

/**
 * Step 1 of accepting numbered SENDs of one session, the sender's slot. KEYS: the window, the sender's
 * routes hash, the sender's conversations. ARGV: window size W, TTL ms, the notes' most kept and ttl
 * ms, the number of claims n, n claims (seq, message id, conversation, sentAt: the note of a private
 * message, '' for none), then the (seq, message id) pairs of earlier acceptances to mark done first.
 *
 * Answers {for each claim, in order: the record of a seq kept already (a duplicate), the floor (a
 * number) for a seq at or below it and not kept (outside the window), or nil for a new seq, which it
 * records and whose conversation it notes for the sender (once per conversation and call, at the
 * latest sentAt); then the entries of the sender's routes
 * hash, read here so that the sender's other devices cost no command of their own}. Once 2W seqs are
 * kept, the W highest stay and the floor rises to the highest dropped: the hash holds at most 2W + 1
 * fields (a listpack at the default hash-max-listpack-entries of 128 for W = 32) once the call ends.
 * Every call gives the window its TTL anew: it expires after that long without a SEND.
 */
export const sendWindowScript = new RedisScript(
  `${NOTE_LUA}${MARK_DONE_LUA}
local window, ttl = tonumber(ARGV[1]), ARGV[2]
local claims = tonumber(ARGV[5])
markDone(KEYS[1], 6 + 4 * claims)
local answer = {}
local touched, recorded = false, false
local latest, order = {}, {}
for c = 1, claims do
  local i = 2 + 4 * c
  local kept, floor = unpack(redis.call('HMGET', KEYS[1], ARGV[i], 'floor'))
  if kept then
    answer[c] = kept
    touched = true
  elseif tonumber(ARGV[i]) <= tonumber(floor or '0') then
    answer[c] = tonumber(floor)
  else
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
    touched, recorded = true, true
    answer[c] = false
    local conversation, sentAt = ARGV[i + 2], ARGV[i + 3]
    if conversation ~= '' then
      local earlier = latest[conversation]
      if not earlier then order[#order + 1] = conversation end
      if not earlier or tonumber(earlier) < tonumber(sentAt) then latest[conversation] = sentAt end
    end
  end
end
for _, conversation in ipairs(order) do
  noteConversation(KEYS[3], conversation, latest[conversation], ARGV[3], ARGV[4])
end
if touched then redis.call('PEXPIRE', KEYS[1], ttl) end
if recorded and redis.call('HLEN', KEYS[1]) > 2 * window then
  local seqs = {}
  for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
    if field ~= 'floor' then seqs[#seqs + 1] = field end
  end
  table.sort(seqs, function(a, b) return tonumber(a) < tonumber(b) end)
  local drop = #seqs - window
  if drop > 0 then
    for d = 1, drop do redis.call('HDEL', KEYS[1], seqs[d]) end
    redis.call('HSET', KEYS[1], 'floor', seqs[drop])
  end
end
for _, value in ipairs(redis.call('HVALS', KEYS[2])) do answer[#answer + 1] = value end
return answer
`,
  3,
);

/**
 * The sender's slot, once acceptances are done and no claim of the session came to carry their marks.
 * KEYS: the window. ARGV: (seq, message id) pairs. Marks each seq's record done if it still names the id.
 */
export const sendWindowDoneScript = new RedisScript(`${MARK_DONE_LUA}\nmarkDone(KEYS[1], 1)\nreturn 0`, 1);
