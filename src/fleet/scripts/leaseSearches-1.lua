--[[
  Writes searches' lease expiries into the index other instances scan for lapsed ones (the lease
  itself is in each search's record; the index only says where to look).

  Input:
    KEYS[1] the running searches' index (zset: search id -> lease expiry)
    ARGV[1] lease ttl ms (0: lapsed now, for a hand-over)
    ARGV[2..] search ids

  Output: how many were written
]]
--- @include "now"
local at = redisNowMs() + tonumber(ARGV[1])
if tonumber(ARGV[1]) <= 0 then at = 0 end
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], at, ARGV[i]) end
return #ARGV - 1
