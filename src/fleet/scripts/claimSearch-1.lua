--[[
  Takes over a running search whose holder let its lease lapse: the search's fencing token moves on,
  so the old holder's renewals and writes are refused from now on.

  Input:
    KEYS[1] the search's record (hash)
    ARGV[1] the claiming instance
    ARGV[2] lease ttl ms

  Output: the new token (> 0), 0 while its holder's lease runs, -1 when it is gone or over
]]
--- @include "now"
local r = redis.call('HMGET', KEYS[1], 'state', 'leaseUntil', 'token')
if r[1] ~= 'RUNNING' then return -1 end
local now = redisNowMs()
if tonumber(r[2] or '0') > now then return 0 end
local token = tonumber(r[3] or '0') + 1
redis.call('HSET', KEYS[1], 'holder', ARGV[1], 'token', token, 'leaseUntil', now + tonumber(ARGV[2]))
return token
