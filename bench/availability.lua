-- availability.lua — wrk script for bench/bookings.sh: GET the availability
-- of a random place of the bench (ids FIRST..LAST, from the environment)
-- for a month starting 1 to 120 days ahead; a fixed seed per thread, so
-- every run asks the same sequence.
local first = tonumber(os.getenv("BENCH_FIRST_PLACE"))
local last = tonumber(os.getenv("BENCH_LAST_PLACE"))
local today = os.time()
local n = 0

function setup(thread)
  n = n + 1
  thread:set("seed", 42 + n)
end

function init(args)
  math.randomseed(seed or 42)
end

function request()
  local place = math.random(first, last)
  local from = today + math.random(1, 120) * 86400
  return wrk.format("GET", "/api/v1/places/" .. place .. "/availability?from="
    .. os.date("!%Y-%m-%d", from) .. "&to=" .. os.date("!%Y-%m-%d", from + 30 * 86400))
end

