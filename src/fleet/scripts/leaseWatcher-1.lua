--[[
  This instance's watcher lease on one search, renewed while it has a watcher there: the watchers of an
  instance that dies stop counting after one lease.

  Input:
    KEYS[1] the search's watchers (zset: instance -> lease expiry)
    ARGV[1] lease ttl ms
    ARGV[2] instance

  Output: 1
]]
--- @include "now"
redis.call('ZADD', KEYS[1], redisNowMs() + tonumber(ARGV[1]), ARGV[2])
return 1
