--[[
  Hands a search over at shutdown: its lease lapses now, so another instance claims it at once.

  Input:
    KEYS[1] the search's record (hash)
    ARGV[1] fencing token the holder runs it with

  Output: 1 released, 0 not ours any more
]]
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'leaseUntil', 0)
return 1
