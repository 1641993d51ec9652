--[[
  Appends an event to a running search's stream and publishes it to live followers, if the writer's
  token is still the search's. The last event (SearchFinished) also writes the final record in the
  same step, so whoever sees it, anywhere, reads the search as FINISHED.

  Input:
    KEYS[1] the search's record (hash)
    KEYS[2] its event stream (field e)
    KEYS[3] its watchers (zset)
    ARGV[1] fencing token the writer runs it with
    ARGV[2] the event (JSON)
    ARGV[3] channel for live followers (gets "<stream id> <event>")
    ARGV[4] the final result (JSON), or '' for any other event
    ARGV[5] finished at (ISO time)
    ARGV[6] retention ms of a finished search

  Output: the event's stream id, 'lost' (no record: Redis lost it, and the holder's next renewal
  writes it again with every event so far), or 'stale' (another run holds the search, or it is over)
]]
if redis.call('EXISTS', KEYS[1]) == 0 then return 'lost' end
local r = redis.call('HMGET', KEYS[1], 'token', 'state')
if r[1] ~= ARGV[1] or r[2] ~= 'RUNNING' then return 'stale' end
local id = redis.call('XADD', KEYS[2], '*', 'e', ARGV[2])
if ARGV[4] ~= '' then
  redis.call('HSET', KEYS[1], 'state', 'FINISHED', 'result', ARGV[4], 'finishedAt', ARGV[5])
  for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[6]) end
end
redis.call('PUBLISH', ARGV[3], id .. ' ' .. ARGV[2])
return id
