#!/usr/bin/env bash
# Load: a mixed workload (create, get, update, delete across LOAD_USERS users) from
# LOAD_CONNECTIONS connections for LOAD_DURATION against a local Worker, with wrk and
# bench/load.lua; then checks the final state. Prints requests/s and p50/p99 per route.
#
#   bench/load.sh                      # 1,000 users, 16 connections, 30 s
#   LOAD_DURATION=10s bench/load.sh    # shorter
#
# It starts its own Worker (scripts/dev, release wasm, fresh local D1 in a temporary
# directory, a free port, the fake VM backend, LOG_LEVEL=warn) and stops every process it
# started when it ends. wrk comes from Debian's package (installed with apt-get if missing).
#
# Fails (exit 1) on any 5xx, any answer that contradicts what the client knows (see
# load.lua), or a final state that differs from it: a user with a session it should not
# have, without one it should have, with more than one, or with another `terminal_url`
# than the last update acknowledged with a 200 (a lost update).
source "$(dirname "$0")/../scripts/lib.sh"
cd "$LABS_ROOT"

duration="${LOAD_DURATION:-30s}"
connections="${LOAD_CONNECTIONS:-16}"
users="${LOAD_USERS:-1000}"
seed="${LOAD_SEED:-1}"

if ! command -v wrk >/dev/null; then
  log "installing wrk (Debian package)"
  if [ "$(id -u)" = 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq wrk >&2
fi

ensure_toolchain
[ "${LABS_SKIP_BUILD:-}" = 1 ] || build_worker

work="$(mktemp -d "${TMPDIR:-/tmp}/labs-load.XXXXXX")"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
token="load-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
dev_pid=""

stop() {
  if [ -n "$dev_pid" ]; then
    kill -TERM -- "-$dev_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$dev_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$dev_pid" 2>/dev/null || true
  fi
  [ -n "${LOAD_KEEP:-}" ] && log "kept $work" || rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM

log "starting a Worker on port $port (state in $work)"
LABS_PORT="$port" LABS_STATE_DIR="$work/state" LABS_SKIP_BUILD=1 CF_WORKER_TOKEN="$token" \
  LOG_LEVEL=warn setsid bash scripts/dev >"$work/dev.out" 2>"$work/dev.log" </dev/null &
dev_pid=$!
for _ in $(seq 1 360); do
  grep -q '^LABS_READY' "$work/dev.out" 2>/dev/null && break
  kill -0 "$dev_pid" 2>/dev/null || { cat "$work/dev.log" >&2; log "scripts/dev exited"; exit 1; }
  sleep 0.5
done
url="$(sed -n 's/^LABS_READY url=//p' "$work/dev.out")"
[ -n "$url" ] || { cat "$work/dev.log" >&2; log "the Worker did not start"; exit 1; }

log "wrk: $connections connections, $duration, $users users"
printf '$ wrk -t%s -c%s -d%s --timeout 10s -s bench/load.lua %s\n' "$connections" "$connections" "$duration" "$url"
LABS_LOAD_TOKEN="$token" LABS_LOAD_USERS="$users" LABS_LOAD_THREADS="$connections" \
  LABS_LOAD_SEED="$seed" LABS_LOAD_RUN="load-$seed" LABS_LOAD_MODEL="$work/model.txt" \
  LABS_LOAD_REPORT="$work/report.txt" \
  wrk -t"$connections" -c"$connections" -d"$duration" --timeout 10s -s bench/load.lua "$url"

log "checking the final state against what the clients were told"
status=0
LABS_LOAD_TOKEN="$token" python3 - "$url" "$work/model.txt" "$work/report.txt" <<'PY' || status=1
import json, sys, urllib.error, urllib.parse, urllib.request

url, model_path, report_path = sys.argv[1:4]
token = __import__("os").environ["LABS_LOAD_TOKEN"]

def get(path):
    req = urllib.request.Request(url + path, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as e:
        return e.code, json.load(e)

model = {}
for line in open(model_path):
    user, state = line.rstrip("\n").split(" ", 1)
    model[user] = state

problems = []
# Every stored session, through the list endpoint: at most one per user.
listed, cursor = {}, None
while True:
    status, body = get("/api/v1/labs/sessions?limit=100" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else ""))
    if status != 200:
        problems.append(f"list answered {status}")
        break
    for s in body["data"]["sessions"]:
        listed[s["user_id"]] = listed.get(s["user_id"], 0) + 1
    cursor = body["data"]["next_cursor"]
    if not cursor:
        break
problems += [f"{u} has {n} sessions" for u, n in listed.items() if n > 1]
problems += [f"{u} has a session no client created" for u in listed if u not in model]

checked = unknown = lost_updates = 0
for user, state in sorted(model.items()):
    if state == "?":
        unknown += 1
        continue
    status, body = get("/api/v1/labs/sessions/user/" + urllib.parse.quote(user, safe=""))
    checked += 1
    if status >= 500:
        problems.append(f"GET {user} answered {status}")
    elif state == "0":
        if status != 404 or user in listed:
            problems.append(f"{user} should have no session; GET answered {status}")
    else:
        want = "https://load.example.com/" + state.split(" ")[1]
        if status != 200:
            problems.append(f"{user} should have a session; GET answered {status}")
        elif body["data"]["terminal_url"] != want:
            lost_updates += 1
            problems.append(f"{user}: terminal_url {body['data']['terminal_url']}, last acknowledged {want}")

result = dict(kv.split("=") for kv in open(report_path).read().split("RESULT ")[1].split())
print(f"final state: {checked} users checked, {unknown} unknown (request in flight at the end), "
      f"{len(listed)} sessions listed, {lost_updates} lost updates, {len(problems)} problems")
for p in problems[:20]:
    print("PROBLEM:", p)
bad = problems or int(result["fivexx"]) or int(result["unexpected"])
sys.exit(1 if bad else 0)
PY
if grep -q '"level":"error"\|"level":"critical"' "$work/dev.log"; then
  log "the Worker logged errors:"
  grep '"level":"error"\|"level":"critical"' "$work/dev.log" | head -5 >&2
  status=1
fi
[ "$status" = 0 ] && log "load: passed" || log "load: FAILED"
exit "$status"
