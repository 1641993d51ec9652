--[[
  Takes up to ARGV[3] tokens from the fleet's token bucket, refilling at ARGV[1] per second up to ARGV[2].

  Input:
    KEYS[1] the bucket (hash: tokens, at)
    ARGV[1] rate per second
    ARGV[2] burst (the bucket's size)
    ARGV[3] tokens wanted

  Output: { tokens taken, ms until the next token }
]]
--- @include "now"
local now = redisNowMs()
local rate, burst, want = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens, at = tonumber(b[1]), tonumber(b[2])
if tokens == nil then tokens, at = burst, now end
if now > at then tokens = math.min(burst, tokens + (now - at) * rate / 1000) end
local take = math.min(want, math.floor(tokens))
tokens = tokens - take
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
local wait = 0
if tokens < 1 then wait = math.ceil((1 - tokens) * 1000 / rate) end
return { take, wait }
