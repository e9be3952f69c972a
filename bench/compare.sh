#!/usr/bin/env bash
# labs against the original design (../shared/peers/ts-original), side by side in one run:
# the same 1,000 sessions in each, the same wrk settings, the two alternating route by route
# for COMPARE_ROUNDS rounds. Prints each route's requests/s and p99 for both and the ratios
# (labs / original): compare ratios within a run, never figures across runs. It also prints
# the CPU time each system's processes took per request (workerd alone, and workerd plus
# wrangler's Node proxy), read from /proc around each wrk run: on a shared machine that
# moves far less than requests/s, since it does not count the time spent waiting for a core.
#
#   bench/compare.sh                                  # 2 rounds, 10 s each, 16 connections
#   COMPARE_ROUNDS=3 COMPARE_DURATION=20s bench/compare.sh
#   COMPARE_BUILDS="nolog=/tmp/nolog other=/tmp/other" bench/compare.sh
#   COMPARE_DEVTOOLS=off bench/compare.sh
#
# COMPARE_BUILDS adds other builds of labs to the same run, each a copy of worker/build
# (NAME=DIR, space-separated; a probe build with one part removed, say), started the same
# way and measured in the same rotation, each against the original.
#
# COMPARE_DEVTOOLS=off starts every system (labs, its probes and the original alike) without
# wrangler's DevTools session on workerd's inspector. `wrangler dev` keeps one open by
# default, and it turns each console call into a DevTools message that wrangler's Node
# process source-maps and prints (BENCHMARKS.md); in production no session is attached
# unless `wrangler tail` is. wrangler has no flag for it, only the programmatic API's
# `dev.inspector: false`: it skips the session when VSCODE_INSPECTOR_OPTIONS is set (VS
# Code's JavaScript debug terminal, where VS Code attaches instead), and nothing else reads
# that variable. Log lines still reach wrangler's output, through workerd's structured logs.
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
case "${COMPARE_DEVTOOLS:-on}" in
  on | off) ;;
  *) log "COMPARE_DEVTOOLS must be on or off"; exit 2 ;;
esac

if ! command -v wrk >/dev/null; then
  log "installing wrk (Debian package)"
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2
fi
ensure_toolchain
if [ "${COMPARE_DEVTOOLS:-on}" = off ]; then
  # Refuse to measure something else if a wrangler upgrade drops that check.
  grep -q 'inVscodeJsDebugTerminal = !!process.env.VSCODE_INSPECTOR_OPTIONS' \
    "$LABS_ROOT/node_modules/wrangler/wrangler-dist/cli.js" || {
    log "COMPARE_DEVTOOLS=off: this wrangler no longer skips its DevTools session on VSCODE_INSPECTOR_OPTIONS"; exit 1; }
  export VSCODE_INSPECTOR_OPTIONS='{}'
fi
[ "${LABS_SKIP_BUILD:-}" = 1 ] || build_worker

work="$(mktemp -d "${TMPDIR:-/tmp}/labs-compare.XXXXXX")"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
peer_port="$(free_port)"
labs_token="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
peer_token="test-token"
dev_pids=()
stop() {
  for pid in "${dev_pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${dev_pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  "$peer_dir/stop.sh" "$work/peer" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM

# Each labs build runs from a root of its own: this checkout for "labs", and for each of
# COMPARE_BUILDS a directory of links to this checkout's scripts and migrations with that
# build as worker/build.
systems=(labs)
declare -A root port
root[labs]="$LABS_ROOT"
for spec in ${COMPARE_BUILDS:-}; do
  name="${spec%%=*}" dir="$(cd "${spec#*=}" && pwd)"
  r="$work/roots/$name"
  mkdir -p "$r/worker"
  for f in scripts migrations node_modules package-lock.json Cargo.lock; do ln -s "$LABS_ROOT/$f" "$r/$f"; done
  cp "$LABS_ROOT/worker/wrangler.toml" "$r/worker/"
  ln -s "$dir" "$r/worker/build"
  systems+=("$name"); root[$name]="$r"
done
# One at a time: wrangler dev instances starting together can race for a socket.
for system in "${systems[@]}"; do
  port[$system]="$(free_port)"
  log "starting $system on ${port[$system]}"
  LABS_PORT="${port[$system]}" LABS_STATE_DIR="$work/state-$system" LABS_SKIP_BUILD=1 CF_WORKER_TOKEN="$labs_token" \
    BACKEND_API_URL="http://127.0.0.1:9" BACKEND_API_TOKEN=unused \
    setsid bash "${root[$system]}/scripts/dev" >"$work/dev-$system.out" 2>"$work/dev-$system.log" </dev/null &
  dev_pids+=("$!")
  for _ in $(seq 1 360); do
    grep -q '^LABS_READY' "$work/dev-$system.out" 2>/dev/null && break
    kill -0 "${dev_pids[-1]}" 2>/dev/null || { cat "$work/dev-$system.log" >&2; log "scripts/dev of $system exited"; exit 1; }
    sleep 0.5
  done
  grep -q '^LABS_READY' "$work/dev-$system.out" || { log "$system did not start"; exit 1; }
done
log "starting the original on $peer_port"
"$peer_dir/start.sh" "$peer_port" "$work/peer" "http://127.0.0.1:9" >&2

log "creating $users sessions in each"
targets=("http://127.0.0.1:$peer_port" "$peer_token")
for system in "${systems[@]}"; do targets+=("http://127.0.0.1:${port[$system]}" "$labs_token"); done
python3 - "$users" "${targets[@]}" <<'PY' || exit 1
import json, sys, concurrent.futures, urllib.request
users = int(sys.argv[1])
targets = list(zip(sys.argv[2::2], sys.argv[3::2]))
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

# CPU clock ticks used so far by the processes of one system's `wrangler dev` (found by its
# --persist-to directory) and their descendants: "workerd_ticks all_ticks".
cpu_ticks() {
  python3 - "$1" <<'PY'
import os, sys
procs = {}
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        stat = open(f"/proc/{pid}/stat").read()
        cmd = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
    except OSError:
        continue
    fields = stat[stat.rindex(")") + 2:].split()
    procs[int(pid)] = (int(fields[1]), int(fields[11]) + int(fields[12]), cmd)
key = sys.argv[1].encode()
roots = [p for p, (_, _, cmd) in procs.items() if b"dev" in cmd and key in cmd]
seen, todo = set(), list(roots)
while todo:
    p = todo.pop()
    if p in seen:
        continue
    seen.add(p)
    todo += [c for c, (pp, _, _) in procs.items() if pp == p]
workerd = sum(procs[p][1] for p in seen if procs[p][2][0].endswith(b"workerd"))
print(workerd, sum(procs[p][1] for p in seen))
PY
}

run() { # system route -> "rps p99 errors statuses requests workerd_ticks all_ticks"
  local system="$1" route="$2" url token
  local state="$work/state-$system" before after
  if [ "$system" = original ]; then url="http://127.0.0.1:$peer_port" token="$peer_token" state="$work/peer"
  else url="http://127.0.0.1:${port[$system]}" token="$labs_token"; fi
  before="$(cpu_ticks "$state")"
  LABS_BENCH_ROUTE="$route" LABS_BENCH_USERS="$users" LABS_BENCH_TOKEN="$token" \
    wrk -t2 -c"$connections" -d"$duration" --timeout 10s -s bench/compare.lua "$url" >"$work/wrk.out"
  after="$(cpu_ticks "$state")"
  sed -n 's/^RESULT rps=\([0-9.]*\) p50_ms=[0-9.]* p99_ms=\([0-9.]*\) errors=\([0-9]*\) statuses=\([0-9]*\) requests=\([0-9]*\)$/\1 \2 \3 \4 \5/p' "$work/wrk.out" \
    | tr '\n' ' '
  # shellcheck disable=SC2086
  set -- $before $after
  echo "$(($3 - $1)) $(($4 - $2))"
}
tick_ms="$(awk -v hz="$(getconf CLK_TCK)" 'BEGIN { print 1000 / hz }')"

printf '%-8s %-10s %5s %10s %9s %7s %8s %12s %12s\n' route system round "req/s" "p99 ms" errors "non-2xx" "workerd ms/r" "all ms/r"
results="$work/results"
for round in $(seq 1 "$rounds"); do
  for route in ${COMPARE_ROUTES:-session health missing}; do
    # Rotate which goes first, so none always gets the warmer machine.
    all=("${systems[@]}" original)
    n=${#all[@]}
    for k in $(seq 0 $((n - 1))); do
      if [ $((round % 2)) = 1 ]; then system="${all[$k]}"; else system="${all[$((n - 1 - k))]}"; fi
      read -r rps p99 errors statuses requests wticks aticks < <(run "$system" "$route")
      wms="$(awk -v t="$wticks" -v n="$requests" -v m="$tick_ms" 'BEGIN { printf "%.3f", t * m / (n > 0 ? n : 1) }')"
      ams="$(awk -v t="$aticks" -v n="$requests" -v m="$tick_ms" 'BEGIN { printf "%.3f", t * m / (n > 0 ? n : 1) }')"
      printf '%-8s %-10s %5s %10s %9s %7s %8s %12s %12s\n' "$route" "${system:0:10}" "$round" "$rps" "$p99" "$errors" "$statuses" "$wms" "$ams"
      echo "$route $system $rps $p99 $errors $statuses $wms $ams" >>"$results"
    done
  done
done
echo
python3 - "$results" "${systems[@]}" <<'PY'
import sys, collections
systems = sys.argv[2:]
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    route, system, rps, p99, errors, statuses, wms, ams = line.split()
    # "missing" answers 404 by design; any other non-2xx is an error.
    bad = int(errors) + (0 if route == "missing" else int(statuses))
    rows[(route, system)].append((float(rps), float(p99), bad, float(wms), float(ams)))
def mean(rs, i):
    return sum(r[i] for r in rs) / len(rs)
print(f"{'route':8} {'build':10} {'labs req/s':>11} {'orig req/s':>11} {'ratio':>6} {'labs p99':>9} {'orig p99':>9} {'ratio':>6}"
      f" {'workerd ms/req':>15} {'orig':>6} {'all ms/req':>11} {'orig':>6}")
for route in [r for r in ["session", "health", "missing"] if rows[(r, "original")]]:
    o = rows[(route, "original")]
    for system in systems:
        l = rows[(route, system)]
        print(f"{route:8} {system:10} {mean(l, 0):11.0f} {mean(o, 0):11.0f} {mean(l, 0) / mean(o, 0):6.2f}"
              f" {mean(l, 1):9.1f} {mean(o, 1):9.1f} {mean(l, 1) / mean(o, 1):6.2f}"
              f" {mean(l, 3):15.3f} {mean(o, 3):6.3f} {mean(l, 4):11.3f} {mean(o, 4):6.3f}")
errors = sum(v[2] for vs in rows.values() for v in vs)
print(f"errors (socket errors, and non-2xx answers outside the 404 route): {errors}")
PY
