--[[
  Admits one search into its API key's running set when fewer than ARGV[2] are live. An instance
  that died leaves tickets that lapse.

  Input:
    KEYS[1] the key's running set (zset: ticket -> lease expiry, Redis' clock)
    ARGV[1] ticket
    ARGV[2] searches the key may run at once
    ARGV[3] ticket lease ms

  Output: 1 admitted, 0 refused
]]
--- @include "now"
local now = redisNowMs()
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1
