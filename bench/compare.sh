#!/usr/bin/env bash
# labs against the original design (../shared/peers/ts-original), side by side in one run:
# the same 1,000 sessions in each, the same wrk settings, the two alternating route by route
# for COMPARE_ROUNDS rounds. Prints each route's requests/s and p99 for both and the ratios
# (labs / original): compare ratios within a run, never figures across runs.
#
#   bench/compare.sh                                  # 2 rounds, 10 s each, 16 connections
#   COMPARE_ROUNDS=3 COMPARE_DURATION=20s bench/compare.sh
#
# labs runs as scripts/dev starts it (release wasm, local D1, LOG_LEVEL=info: its one
# completion line per request stays on); the original as its start.sh does. wrk comes from
# Debian's package. Every process started is stopped at the end.
source "$(dirname "$0")/../scripts/lib.sh"
cd "$LABS_ROOT"

rounds="${COMPARE_ROUNDS:-2}"
duration="${COMPARE_DURATION:-10s}"
connections="${COMPARE_CONNECTIONS:-16}"
users="${COMPARE_USERS:-1000}"
peer_dir="$LABS_ROOT/../shared/peers/ts-original"

if ! command -v wrk >/dev/null; then
  log "installing wrk (Debian package)"
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2
fi
ensure_toolchain
[ "${LABS_SKIP_BUILD:-}" = 1 ] || build_worker

work="$(mktemp -d "${TMPDIR:-/tmp}/labs-compare.XXXXXX")"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
labs_port="$(free_port)"; peer_port="$(free_port)"
labs_token="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
peer_token="test-token"
dev_pid=""
stop() {
  if [ -n "$dev_pid" ]; then
    kill -TERM -- "-$dev_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$dev_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$dev_pid" 2>/dev/null || true
  fi
  "$peer_dir/stop.sh" "$work/peer" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM

log "starting labs on $labs_port and the original on $peer_port"
LABS_PORT="$labs_port" LABS_STATE_DIR="$work/labs" LABS_SKIP_BUILD=1 CF_WORKER_TOKEN="$labs_token" \
  BACKEND_API_URL="http://127.0.0.1:9" BACKEND_API_TOKEN=unused \
  setsid bash scripts/dev >"$work/dev.out" 2>"$work/dev.log" </dev/null &
dev_pid=$!
"$peer_dir/start.sh" "$peer_port" "$work/peer" "http://127.0.0.1:9" >&2
for _ in $(seq 1 360); do
  grep -q '^LABS_READY' "$work/dev.out" 2>/dev/null && break
  kill -0 "$dev_pid" 2>/dev/null || { cat "$work/dev.log" >&2; log "scripts/dev exited"; exit 1; }
  sleep 0.5
done
grep -q '^LABS_READY' "$work/dev.out" || { log "labs did not start"; exit 1; }

log "creating $users sessions in each"
python3 - "$users" "http://127.0.0.1:$labs_port" "$labs_token" "http://127.0.0.1:$peer_port" "$peer_token" <<'PY' || exit 1
import json, sys, concurrent.futures, urllib.request
users = int(sys.argv[1])
targets = [(sys.argv[2], sys.argv[3]), (sys.argv[4], sys.argv[5])]
template = json.load(open("../shared/contract/examples/create-minimal.json"))
def create(args):
    (url, token), i = args
    body = dict(template, user_id=f"bench-{i}", lab_request_id=f"bench-req-{i}", duration=600)
    req = urllib.request.Request(url + "/api/v1/labs/sessions", data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    statuses = list(pool.map(create, [(t, i) for t in targets for i in range(users)]))
bad = [s for s in statuses if s != 201]
if bad:
    sys.exit(f"creates answered {sorted(set(bad))}")
PY

run() { # system route -> "rps p99"
  local system="$1" route="$2" url token
  if [ "$system" = labs ]; then url="http://127.0.0.1:$labs_port" token="$labs_token"
  else url="http://127.0.0.1:$peer_port" token="$peer_token"; fi
  LABS_BENCH_ROUTE="$route" LABS_BENCH_USERS="$users" LABS_BENCH_TOKEN="$token" \
    wrk -t2 -c"$connections" -d"$duration" --timeout 10s -s bench/compare.lua "$url" \
    | sed -n 's/^RESULT rps=\([0-9.]*\) p50_ms=[0-9.]* p99_ms=\([0-9.]*\) errors=\([0-9]*\) statuses=\([0-9]*\)$/\1 \2 \3 \4/p'
}

printf '%-8s %-6s %5s %10s %9s %7s %8s\n' route system round "req/s" "p99 ms" errors "non-2xx"
results="$work/results"
for round in $(seq 1 "$rounds"); do
  for route in ${COMPARE_ROUTES:-session health missing}; do
    # Alternate which goes first, so neither always gets the warmer machine.
    if [ $((round % 2)) = 1 ]; then order="labs original"; else order="original labs"; fi
    for system in $order; do
      read -r rps p99 errors statuses < <(run "$system" "$route")
      printf '%-8s %-6s %5s %10s %9s %7s %8s\n' "$route" "${system:0:6}" "$round" "$rps" "$p99" "$errors" "$statuses"
      echo "$route $system $rps $p99 $errors $statuses" >>"$results"
    done
  done
done
echo
python3 - "$results" <<'PY'
import sys, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    route, system, rps, p99, errors, statuses = line.split()
    # "missing" answers 404 by design; any other non-2xx is an error.
    bad = int(errors) + (0 if route == "missing" else int(statuses))
    rows[(route, system)].append((float(rps), float(p99), bad))
print(f"{'route':8} {'labs req/s':>11} {'orig req/s':>11} {'ratio':>6} {'labs p99':>9} {'orig p99':>9} {'ratio':>6}")
for route in [r for r in ["session", "health", "missing"] if rows[(r, "labs")]]:
    l, o = rows[(route, "labs")], rows[(route, "original")]
    lr, orr = sum(r for r, _, _ in l) / len(l), sum(r for r, _, _ in o) / len(o)
    lp, op = sum(p for _, p, _ in l) / len(l), sum(p for _, p, _ in o) / len(o)
    print(f"{route:8} {lr:11.0f} {orr:11.0f} {lr / orr:6.2f} {lp:9.1f} {op:9.1f} {lp / op:6.2f}")
errors = sum(e for v in rows.values() for _, _, e in v)
print(f"errors (socket errors, and non-2xx answers outside the 404 route): {errors}")
PY
