-- wrk script for bench/compare.sh: one route, with the token in a header.
--   LABS_BENCH_ROUTE  session | health | missing
--   LABS_BENCH_USERS  how many seeded users (session: one of them at random)
--   LABS_BENCH_TOKEN  the bearer token
local route = os.getenv("LABS_BENCH_ROUTE") or "health"
local users = tonumber(os.getenv("LABS_BENCH_USERS") or "1000")
local token = os.getenv("LABS_BENCH_TOKEN") or ""
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  math.randomseed(seed or 1)
end

request = function()
  local path
  if route == "session" then
    path = "/api/v1/labs/sessions/user/bench-" .. math.random(0, users - 1)
  elseif route == "missing" then
    path = "/api/v1/labs/sessions/user/nobody-" .. math.random(0, 1000000)
  else
    path = "/health"
  end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d statuses=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.requests))
end
