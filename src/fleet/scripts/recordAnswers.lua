--[[
  Stores answers, drops our claims on them, and publishes one message "phone=v,phone=v" so instances
  waiting on those numbers learn at once.

  Input:
    KEYS    (answer, claim) key pairs, one pair per number
    ARGV[1] answer ttl ms
    ARGV[2] channel to publish on
    ARGV[3] this instance (only our own claims are dropped)
    ARGV[4..] phone, value pairs: '1' has orders, '0' none, '-' only drops the claim

  Output: how many numbers were recorded
]]
local msg = {}
for j = 1, #KEYS / 2 do
  local phone, v = ARGV[2 + 2 * j], ARGV[3 + 2 * j]
  if v ~= '-' then redis.call('SET', KEYS[2 * j - 1], v, 'PX', ARGV[1]) end
  if redis.call('GET', KEYS[2 * j]) == ARGV[3] then redis.call('DEL', KEYS[2 * j]) end
  msg[#msg + 1] = phone .. '=' .. v
end
redis.call('PUBLISH', ARGV[2], table.concat(msg, ','))
return #msg
