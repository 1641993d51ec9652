--[[
  Redis' clock in milliseconds. Every lease is written and read on this one clock: the instances'
  own clocks may disagree by more than a lease.
]]
local function redisNowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
