-- A mixed workload for wrk against the Lab Sessions API (bench/load.sh runs it).
--
-- Every wrk thread has exactly one connection (-t = -c), so its requests and responses
-- alternate and each response is matched to the request it answers. The users are split
-- between the connections: each user is driven by one connection only, so the thread knows
-- what every answer must be (the model below), and what the final state must be.
--
-- Per user the model holds: has a session or not, and the `terminal_url` value of the last
-- update acknowledged with a 200 (`.../<n>`, n increasing per user). Each answer is checked
-- against it: a create answers 201 or 409, an update 200 with the value sent, a read the last
-- acknowledged value, a delete 200, or 404 when there is no session. At the end the thread's
-- model is written out for load.sh's final check against the stored state.
--
-- The mix: a user with a session gets a read (45%), an update (35%), a delete (10%) or a
-- create that must be refused with 409 (10%); a user without one a create (80%), or a read,
-- update or delete that must answer 404. Latency is measured per route here (monotonic clock
-- around each request), so one mixed run gives per-route p50/p99.
--
-- Environment: LABS_LOAD_TOKEN, LABS_LOAD_USERS (1000), LABS_LOAD_THREADS (= wrk's -t),
-- LABS_LOAD_SEED, LABS_LOAD_RUN (a prefix for the user ids), LABS_LOAD_MODEL (file for the
-- final model), LABS_LOAD_REPORT (file for the per-route figures); LOAD_DEBUG=1 prints each
-- answer that contradicts the model, LOAD_TRACE=<user index> every answer for one user.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } labs_timespec;
  int clock_gettime(int clk_id, labs_timespec *tp);
]]
local ts = ffi.new("labs_timespec")
local function now_us()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
end

local ROUTES = { "create", "get", "update", "delete" }

-- Main thread: number the threads and keep them for done().
local threads = {}
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

-- Worker threads.
local token, run, users, nthreads
local mine = {}           -- the user indexes this thread drives
local exists, value, seq = {}, {}, {}
local unknown = {}        -- users whose last request got no answer (state unknown)
local pending = nil       -- { route, user, expect, sent, started }
-- Latencies in µs per route, one flat global each: wrk's thread:get() crashes on nested tables.
lat_create, lat_get, lat_update, lat_delete = {}, {}, {}, {}
-- What done() reads from each thread, numbers only: wrk's thread:get() garbles string keys
-- and crashes on nested tables.
statuses = {}             -- route number * 1000 + status -> count
unexpected = {}           -- MISMATCH index -> count
lost = 0
model = {}                -- user index + 1 -> n >= 0 (a session, last acknowledged value n),
                          -- -1 (no session) or -2 (in flight or unknown)

local MISMATCH = {
  "a status other than the model's",
  "update answered another terminal_url than it set",
  "get answered another terminal_url than the last acknowledged update",
}
local ROUTE_NUMBER = { create = 1, get = 2, update = 3, delete = 4 }

local function count(tbl, key)
  tbl[key] = (tbl[key] or 0) + 1
end

local function user_id(i)
  return string.format("%s-%04d", run, i)
end

-- What the final check must find for user `i`.
local function note(i)
  if unknown[i] then
    model[i + 1] = -2
  elseif exists[i] then
    model[i + 1] = value[i]
  else
    model[i + 1] = -1
  end
end

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  token = os.getenv("LABS_LOAD_TOKEN")
  run = os.getenv("LABS_LOAD_RUN") or "load"
  users = tonumber(os.getenv("LABS_LOAD_USERS") or "1000")
  nthreads = tonumber(os.getenv("LABS_LOAD_THREADS") or "16")
  math.randomseed(tonumber(os.getenv("LABS_LOAD_SEED") or "1") * 1000 + id)
  for i = id, users - 1, nthreads do
    table.insert(mine, i)
    exists[i], value[i], seq[i] = false, 0, 0
    note(i)
  end
end

local function create_body(u)
  return string.format([[{"labId":"lab-load","labTitle":"Load test lab","labGroupID":"group-load",]] ..
    [["moduleID":"module-1","duration":60,"activatedAt":"2026-11-20T10:00:00.000Z","counterID":"c-1",]] ..
    [["configId":"cfg-1","workerConfigId":"wcfg-1","lab_request_id":"%s-master","user_id":"%s",]] ..
    [["terminal_url":"https://load.example.com/0","validation":1763632800000,]] ..
    [["vm":{"name":"vm-master","network_id":"net-1","netbird_ip":"100.64.0.1"},]] ..
    [["worker_nodes":[{"name":"w-0","worker_lab_request_id":"%s-w0","network_id":"net-1","netbird_ip":"100.64.0.2"}]}]],
    u, u, u)
end

local answered = 0
function request()
  if pending and answered == 0 then
    -- wrk builds one request per thread to check it, and never sends it.
    note(pending.user)
  elseif pending then
    -- The previous request got no answer (a timeout or a dropped connection): the server
    -- may or may not have applied it, so this user's state is unknown from now on.
    lost = lost + 1
    unknown[pending.user] = true
  end
  local i = mine[math.random(#mine)]
  local u = user_id(i)
  local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  local r = math.random(100)
  local route
  if exists[i] then
    if r <= 45 then route = "get" elseif r <= 80 then route = "update" elseif r <= 90 then route = "delete" else route = "create" end
  else
    if r <= 80 then route = "create" elseif r <= 90 then route = "get" elseif r <= 95 then route = "update" else route = "delete" end
  end
  local method, path, body, sent
  if route == "create" then
    method, path, body = "POST", "/api/v1/labs/sessions", create_body(u)
  elseif route == "get" then
    method, path = "GET", "/api/v1/labs/sessions/user/" .. encode(u)
  elseif route == "update" then
    sent = seq[i] + 1
    seq[i] = sent
    method, path = "PUT", "/api/v1/labs/sessions/" .. encode(u)
    body = string.format([[{"terminal_url":"https://load.example.com/%d","duration":%d}]], sent, 30 + sent % 90)
  else
    method, path = "DELETE", "/api/v1/labs/sessions/" .. encode(u)
  end
  pending = { route = route, user = i, exists = exists[i], sent = sent, started = now_us() }
  model[i + 1] = -2 -- in flight: if wrk stops now, its outcome is unknown

  return wrk.format(method, path, headers, body)
end

local check
function response(status, headers, body)
  local p = pending
  pending = nil
  if not p then return end
  answered = answered + 1
  if os.getenv("LOAD_TRACE") and tonumber(os.getenv("LOAD_TRACE")) == p.user then
    io.stderr:write(string.format("TRACE %s exists=%s value=%s sent=%s -> %d %s\n", p.route, tostring(p.exists), tostring(value[p.user]), tostring(p.sent), status, body:sub(1, 400)))
  end
  check(p, status, body)
  note(p.user)
end

check = function(p, status, body)
  table.insert(_G["lat_" .. p.route], now_us() - p.started)
  count(statuses, ROUTE_NUMBER[p.route] * 1000 + status)
  local i = p.user
  if unknown[i] then
    -- Learn the state again from this answer where it tells it.
    if status == 201 then exists[i], value[i], unknown[i] = true, 0, nil end
    if p.route == "delete" and (status == 200 or status == 404) then exists[i], unknown[i] = false, nil end
    return
  end
  local want
  if p.route == "create" then want = p.exists and 409 or 201
  elseif p.exists then want = 200
  else want = 404 end
  if status ~= want then
    count(unexpected, 1)
    if os.getenv("LOAD_DEBUG") then
      io.stderr:write(string.format("%s %s answered %d, expected %d\n", p.route, user_id(i), status, want))
    end
    unknown[i] = true
    return
  end
  if p.route == "create" then
    if not p.exists then -- a 201: a new session, its terminal_url the create body's
      exists[i], value[i], seq[i] = true, 0, 0
    end
  elseif not p.exists then
    return -- the 404 the model expected
  elseif p.route == "delete" then
    exists[i] = false
  elseif p.route == "update" then
    if not body:find("https://load.example.com/" .. p.sent .. '"', 1, true) then
      count(unexpected, 2)
    end
    value[i] = p.sent
  elseif p.route == "get" then
    if not body:find("https://load.example.com/" .. value[i] .. '"', 1, true) then
      count(unexpected, 3)
    end
  end
end

function done(summary, latency, requests)
  local all = { create = {}, get = {}, update = {}, delete = {} }
  local status_total, unexpected_total, lost_total = {}, {}, 0
  local model_file = assert(io.open(os.getenv("LABS_LOAD_MODEL"), "w"))
  for _, thread in ipairs(threads) do
    for _, route in ipairs(ROUTES) do
      for _, v in ipairs(thread:get("lat_" .. route)) do table.insert(all[route], v) end
    end
    for k, v in pairs(thread:get("statuses")) do status_total[k] = (status_total[k] or 0) + v end
    for k, v in pairs(thread:get("unexpected")) do unexpected_total[k] = (unexpected_total[k] or 0) + v end
    lost_total = lost_total + thread:get("lost")
    for index, state in pairs(thread:get("model")) do
      local text = state == -2 and "?" or state == -1 and "0" or string.format("1 %d", state)
      model_file:write(string.format("%s-%04d %s\n", os.getenv("LABS_LOAD_RUN"), index - 1, text))
    end
  end
  model_file:close()

  local seconds = summary.duration / 1e6
  local report = assert(io.open(os.getenv("LABS_LOAD_REPORT"), "w"))
  local function out(fmt, ...)
    local line = string.format(fmt, ...)
    io.write(line, "\n")
    report:write(line, "\n")
  end
  local total = 0
  for _, route in ipairs(ROUTES) do total = total + #all[route] end
  out("| route | requests | req/s | p50 ms | p99 ms | max ms |")
  out("| --- | ---: | ---: | ---: | ---: | ---: |")
  local function pct(sorted, p)
    if #sorted == 0 then return 0 end
    return sorted[math.max(1, math.ceil(#sorted * p))] / 1000
  end
  local everything = {}
  for _, route in ipairs(ROUTES) do
    local l = all[route]
    table.sort(l)
    for _, v in ipairs(l) do table.insert(everything, v) end
    out("| %s | %d | %.0f | %.1f | %.1f | %.1f |", route, #l, #l / seconds, pct(l, 0.50), pct(l, 0.99), pct(l, 1.0))
  end
  table.sort(everything)
  out("| all | %d | %.0f | %.1f | %.1f | %.1f |", total, total / seconds, pct(everything, 0.50), pct(everything, 0.99), pct(everything, 1.0))
  out("")
  local keys = {}
  for k in pairs(status_total) do table.insert(keys, k) end
  table.sort(keys)
  local fivexx = 0
  local parts = {}
  for _, k in ipairs(keys) do
    local route, status = ROUTES[math.floor(k / 1000)], k % 1000
    table.insert(parts, string.format("%s %d: %d", route, status, status_total[k]))
    if status >= 500 then fivexx = fivexx + status_total[k] end
  end
  out("statuses: %s", table.concat(parts, ", "))
  out("5xx: %d; socket errors: connect %d, read %d, write %d, timeout %d; unanswered requests: %d",
    fivexx, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, lost_total)
  local bad = 0
  for k, v in pairs(unexpected_total) do
    out("UNEXPECTED: %s (%d times)", MISMATCH[k], v)
    bad = bad + v
  end
  out("answers that contradict the model: %d", bad)
  report:write(string.format("RESULT fivexx=%d unexpected=%d\n", fivexx, bad))
  report:close()
end
