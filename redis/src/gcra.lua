-- GCRA without burst on several limits at once, atomically: the arithmetic
-- of oapi-runtime's rate::gcra::reserve, on Redis's clock (so every process
-- of the fleet agrees on "now"), in microseconds.
--
-- KEYS: one counter per limit (its value: the TAT, the earliest time of its
-- next turn). ARGV[1]: the longest wait allowed; ARGV[2]: no turn sooner
-- than this from now (0, or the turn this process's own limiter gives while
-- the fleet comes back from a Redis outage); ARGV[2 + i]: the interval of
-- KEYS[i]. Returns {1, wait, 0} when the turn is taken (wait that long),
-- {0, wait, i - 1} when it would need `wait` because of KEYS[i] (nothing is
-- taken).
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local latest, index = 0, 1
for i, key in ipairs(KEYS) do
  local tat = tonumber(redis.call('GET', key) or '0') or 0
  if tat > latest then
    latest, index = tat, i
  end
end
local at = math.max(now + tonumber(ARGV[2]), latest)
local wait = at - now
if wait > tonumber(ARGV[1]) then
  return {0, wait, index - 1}
end
for i, key in ipairs(KEYS) do
  local tat = at + tonumber(ARGV[i + 2])
  -- The counter disappears once its TAT is past: no turn is owed then.
  redis.call('SET', key, string.format('%d', tat), 'PX', math.floor((tat - now) / 1000) + 1)
end
return {1, wait, 0}
