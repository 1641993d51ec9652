--[[
  One instance's renewal of its share of the fleet's in-flight bound. Drops instances whose lease
  lapsed (their permits return to the pool), renews ours, and grants our fair share of the fleet
  limit without taking what others hold. The share is water-filled twice: first over the wants owed
  to new searches' head start (only from instances heard from lately, so a silent one cannot hold
  the others back until its lease lapses), then over the rest of the wants with what is left. Our
  holding is max(grant, what we may have out): requests in use cannot be recalled, and counting them
  keeps the sum honest.

  Fencing: each instance's lease carries a token (from the epoch's counter, so it only grows). A
  renewal with a token that is no longer ours (our lease lapsed while we were frozen or cut off, or
  Redis lost the budget) is refused: it grants nothing, counts what we have out, and gives us a new
  token to renew with at once. Warm-up: for one lease after the budget began (a new fleet, or Redis
  came back empty) instances that still have requests out may not have reported yet, so no grant goes
  above the cap the instance sends (what it already has out; a small share for a new instance).

  Input:
    KEYS[1] leases     (zset: instance -> lease expiry)
    KEYS[2] held       (hash: instance -> permits held)
    KEYS[3] want       (hash: instance -> permits wanted)
    KEYS[4] limit      (hash: instance -> the limit it proposes; the fleet's is the lowest)
    KEYS[5] head start (hash: instance -> "<the part of its want owed to new searches>:<written at>")
    KEYS[6] tokens     (hash: instance -> fencing token of its lease)
    KEYS[7] epoch      (hash: since = when this budget began, fence = the last token given)
    ARGV[1] instance
    ARGV[2] want
    ARGV[3] may have out (in use, or the grant in force until this reply)
    ARGV[4] proposed limit
    ARGV[5] lease ttl ms
    ARGV[6] head start (<= want)
    ARGV[7] how recent a renewal must be for its head start to count (ms)
    ARGV[8] our token ('0' before the first renewal)
    ARGV[9] the most we may be granted during the warm-up

  Output: { granted, fleet limit, instances, held by all, permits we gave back, our fair share,
            our token, 1 if the token we sent was stale else 0 }
]]
--- @include "now"
local now = redisNowMs()
for _, dead in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
  redis.call('ZREM', KEYS[1], dead)
  for i = 2, 6 do redis.call('HDEL', KEYS[i], dead) end
end
local id, want, inUse, ttl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[5])
local since = tonumber(redis.call('HGET', KEYS[7], 'since') or '')
if since == nil then
  since = now
  redis.call('HSET', KEYS[7], 'since', now)
end
local token, stale = redis.call('HGET', KEYS[6], id), 0
if token ~= ARGV[8] then
  if ARGV[8] ~= '0' then stale = 1 end
  token = redis.call('HINCRBY', KEYS[7], 'fence', 1)
  redis.call('HSET', KEYS[6], id, token)
end
redis.call('ZADD', KEYS[1], now + ttl, id)
redis.call('HSET', KEYS[3], id, want)
redis.call('HSET', KEYS[4], id, ARGV[4])
redis.call('HSET', KEYS[5], id, ARGV[6] .. ':' .. now)
local limit = nil
for _, v in ipairs(redis.call('HVALS', KEYS[4])) do
  local n = tonumber(v)
  if limit == nil or n < limit then limit = n end
end
-- Water-fills amount over { id, need } entries (smallest need first); returns id -> share, total given.
local function fill(entries, amount)
  table.sort(entries, function(a, b) return a[2] < b[2] end)
  local remaining, out = amount, {}
  for i, e in ipairs(entries) do
    local alloc = math.min(e[2], math.ceil(remaining / (#entries - i + 1)))
    remaining = remaining - alloc
    out[e[1]] = alloc
  end
  return out, amount - remaining
end
local wants, headStart = redis.call('HGETALL', KEYS[3]), {}
local flat = redis.call('HGETALL', KEYS[5])
-- Each entry is "<head start>:<when it was written>" (Redis' clock), whatever the writer's lease ttl.
for i = 1, #flat, 2 do
  local value, at = string.match(flat[i + 1], '^(%d+):(%d+)$')
  if value and tonumber(at) >= now - tonumber(ARGV[7]) then headStart[flat[i]] = tonumber(value) end
end
local first, rest = {}, {}
for i = 1, #wants, 2 do
  first[#first + 1] = { wants[i], math.min(tonumber(wants[i + 1]), headStart[wants[i]] or 0) }
end
local early, given = fill(first, limit)
for i = 1, #wants, 2 do rest[#rest + 1] = { wants[i], tonumber(wants[i + 1]) - early[wants[i]] } end
local later = fill(rest, limit - given)
local target = early[id] + later[id]
local held, others = redis.call('HGETALL', KEYS[2]), 0
for i = 1, #held, 2 do
  if held[i] ~= id then others = others + tonumber(held[i + 1]) end
end
local grant = math.max(0, math.min(target, limit - others))
if stale == 1 then grant = 0
elseif now < since + ttl then grant = math.min(grant, tonumber(ARGV[9])) end
local holding = math.max(grant, inUse)
local before = tonumber(redis.call('HGET', KEYS[2], id) or '0')
redis.call('HSET', KEYS[2], id, holding)
for i = 1, 7 do redis.call('PEXPIRE', KEYS[i], ttl * 10) end
return { grant, limit, #first, others + holding, before - holding, target, tonumber(token), stale }
