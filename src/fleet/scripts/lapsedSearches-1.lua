--[[
  Lists running searches whose lease lapsed, by the index (claimSearch-1.lua checks each record).

  Input:
    KEYS[1] the running searches' index (zset: search id -> lease expiry)
    ARGV[1] at most this many

  Output: search ids
]]
--- @include "now"
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', redisNowMs(), 'LIMIT', 0, tonumber(ARGV[1]))
