-- Compare-and-delete. KEYS[1]: the key; ARGV[1]: the expected value;
-- ARGV[2]: '1' to compare only what follows the first ':' (a stored token
-- is "<expiry ms>:<token>"), '0' to compare the whole value (a lock holder).
local value = redis.call('GET', KEYS[1])
if not value then
  return 0
end
if ARGV[2] == '1' then
  local colon = string.find(value, ':', 1, true)
  if colon then
    value = string.sub(value, colon + 1)
  end
end
if value == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
