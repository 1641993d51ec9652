--[[
  Asks a running search to stop, wherever it runs: its record says so (for a holder that reads it at
  its next renewal, or one that takes it over) and the control channel tells its holder now.

  Input:
    KEYS[1] the search's record (hash)
    ARGV[1] control channel
    ARGV[2] search id

  Output: 1 asked, 0 it is not running
]]
if redis.call('HGET', KEYS[1], 'state') ~= 'RUNNING' then return 0 end
redis.call('HSET', KEYS[1], 'cancel', '1')
redis.call('PUBLISH', ARGV[1], ARGV[2])
return 1
