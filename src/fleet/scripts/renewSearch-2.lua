--[[
  Renews the lease of a search its holder runs, if the holder's token is still the search's.

  Input:
    KEYS[1] the search's record (hash: holder, token, leaseUntil, state, cancel, ...)
    KEYS[2] its watchers (zset: instance -> watcher lease expiry)
    ARGV[1] fencing token the holder runs it with
    ARGV[2] lease ttl ms

  Output: 'lost' (no record: Redis lost it), 'stale' (another run holds it, or it is over), or
  '<instances watching>:<cancel asked, 1 or 0>'
]]
--- @include "now"
if redis.call('EXISTS', KEYS[1]) == 0 then return 'lost' end
local r = redis.call('HMGET', KEYS[1], 'token', 'state', 'cancel')
if r[1] ~= ARGV[1] or r[2] ~= 'RUNNING' then return 'stale' end
local now = redisNowMs()
redis.call('HSET', KEYS[1], 'leaseUntil', now + tonumber(ARGV[2]))
local watching = redis.call('ZCOUNT', KEYS[2], '(' .. now, '+inf')
return watching .. ':' .. (r[3] or '0')
