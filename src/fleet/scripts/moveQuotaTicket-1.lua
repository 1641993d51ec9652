--[[
  Moves a running search's quota ticket to a new name, or takes it over: the admission's ticket becomes
  the search's id once the search exists, and the instance that resumes a search counts it under the
  same name (whether or not the old instance's ticket has lapsed), so the key's count follows its searches.

  Input:
    KEYS[1] the key's running set (zset: ticket -> lease expiry, Redis' clock)
    ARGV[1] ticket lease ms
    ARGV[2] the ticket's name from now on (the search id)
    ARGV[3] its name until now ('' when taking a search over)

  Output: 1
]]
--- @include "now"
if ARGV[3] ~= '' then redis.call('ZREM', KEYS[1], ARGV[3]) end
redis.call('ZADD', KEYS[1], redisNowMs() + tonumber(ARGV[1]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
return 1
