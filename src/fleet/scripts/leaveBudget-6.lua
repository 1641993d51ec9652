--[[
  An instance leaves the fleet's budget: its permits go back at once instead of when its lease lapses.

  Input:
    KEYS[1..6] the budget's leases, held, want, limit, head start and tokens (see renewBudget-7.lua)
    ARGV[1]    instance

  Output: 1
]]
redis.call('ZREM', KEYS[1], ARGV[1])
for i = 2, 6 do redis.call('HDEL', KEYS[i], ARGV[1]) end
return 1
