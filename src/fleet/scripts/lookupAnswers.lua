--[[
  Looks numbers up in the shared answer cache, claiming the ones nobody answered or asks yet.

  Input:
    KEYS    (answer, claim) key pairs, one pair per number
    ARGV[1] this instance (written in its claims)
    ARGV[2] claim ttl ms (a dead instance's claim lapses)

  Output: per number, its answer ('1' has orders, '0' none), 'c' (claimed by us now) or 'e' (someone
  else asks it now)
]]
local out = {}
for i = 1, #KEYS, 2 do
  local v = redis.call('GET', KEYS[i])
  if v then out[#out + 1] = v
  elseif redis.call('SET', KEYS[i + 1], ARGV[1], 'NX', 'PX', ARGV[2]) then out[#out + 1] = 'c'
  elseif redis.call('GET', KEYS[i + 1]) == ARGV[1] then out[#out + 1] = 'c'
  else out[#out + 1] = 'e' end
end
return out
