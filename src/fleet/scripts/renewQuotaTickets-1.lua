--[[
  Renews the tickets of searches an instance runs for one API key, so that a dead instance's tickets
  lapse after one ticket lease instead of after the longest a search could run. Written again if
  Redis lost them (restarted empty): the searches still run.

  Input:
    KEYS[1] the key's running set (zset: ticket -> lease expiry, Redis' clock)
    ARGV[1] ticket lease ms
    ARGV[2..] tickets

  Output: how many were renewed
]]
--- @include "now"
local at = redisNowMs() + tonumber(ARGV[1])
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], at, ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
return #ARGV - 1
