--[[
  Writes a running search's record with its holder's lease: at start, or again from the holder's copy
  when Redis lost it (restarted without persistence). Never overwrites a record that exists.

  Input:
    KEYS[1] the search's record (hash)
    KEYS[2] its event stream (dropped: the holder appends its events again)
    ARGV[1] lease ttl ms
    ARGV[2] holder (instance)
    ARGV[3] fencing token of the holder's run
    ARGV[4..] field, value pairs (owner, input, state, startedAt)

  Output: 1 written, 0 a record exists
]]
--- @include "now"
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local now = redisNowMs()
redis.call('DEL', KEYS[2])
local fields = { 'holder', ARGV[2], 'token', ARGV[3], 'leaseUntil', now + tonumber(ARGV[1]) }
for i = 4, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], unpack(fields))
return 1
