#!/usr/bin/env bash
# labctl benchmarks (issue 3, item 7):
#   1. `labctl --version` wall time (process start-up);
#   2. `labctl session get USER` against `curl` of the same request on a running Worker,
#      as a ratio of mean wall times.
#
# Usage:
#   LABCTL_URL=http://127.0.0.1:8787 LABCTL_TOKEN=... cli/bench/labctl-bench.sh
# Optional: LABCTL_BIN (default: target/release/labctl, built when missing),
#           RUNS (default 50), WARMUP (default 5), OUT (markdown report, default stdout only).
# Uses hyperfine when installed (`apt-get install -y hyperfine`), else a `date +%s%N` loop.
set -euo pipefail

: "${LABCTL_URL:?set LABCTL_URL to the base URL of the Worker}"
: "${LABCTL_TOKEN:?set LABCTL_TOKEN to a token the Worker accepts}"
RUNS="${RUNS:-50}"
WARMUP="${WARMUP:-5}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
LABCTL_BIN="${LABCTL_BIN:-$TARGET_DIR/release/labctl}"
if [[ ! -x "$LABCTL_BIN" ]]; then
  (cd "$ROOT" && cargo build --release -p labctl >&2)
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# Isolated config: never the operator's own keyring or profiles.
export LABCTL_CONFIG_DIR="$WORK/config" LABCTL_KEYRING=off
export LABCTL_URL LABCTL_TOKEN
# The token goes to curl through a 0600 header file, not its command line.
umask 077
printf 'Authorization: Bearer %s\n' "$LABCTL_TOKEN" > "$WORK/auth-header"

USER_ID="bench-$(date +%s)-$$"
"$LABCTL_BIN" session create --user-id "$USER_ID" --lab-id lab-bench --lab-title "Bench" \
  --lab-group-id g --module-id m --duration 60 --counter-id c --config-id cfg \
  --worker-config-id wcfg --lab-request-id "req-$USER_ID" \
  --terminal-url "https://$USER_ID.example.com" --vm-name vm --vm-network-id net \
  --vm-netbird-ip 100.64.0.1 --json > /dev/null
cleanup_session() { "$LABCTL_BIN" session delete "$USER_ID" --yes > /dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup_session EXIT

LABCTL_GET="$LABCTL_BIN session get $USER_ID --json"
CURL_GET="curl -sS -f -o /dev/null -H @$WORK/auth-header $LABCTL_URL/api/v1/labs/sessions/user/$USER_ID"
VERSION="$LABCTL_BIN --version"

mean_ms() { # mean wall time of a command over RUNS runs, in ms (fallback without hyperfine)
  local cmd="$1" total=0 start end
  for ((i = 0; i < WARMUP; i++)); do $cmd > /dev/null; done
  for ((i = 0; i < RUNS; i++)); do
    start=$(date +%s%N); $cmd > /dev/null; end=$(date +%s%N)
    total=$((total + end - start))
  done
  awk -v t="$total" -v n="$RUNS" 'BEGIN { printf "%.2f", t / n / 1e6 }'
}

if command -v hyperfine > /dev/null; then
  hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --export-json "$WORK/version.json" \
    -n 'labctl --version' "$VERSION" >&2
  hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --export-json "$WORK/get.json" \
    -n 'labctl session get' "$LABCTL_GET" -n 'curl (same request)' "$CURL_GET" >&2
  read -r V_MEAN V_SD < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.2f %.2f" % (r["mean"]*1e3, r["stddev"]*1e3))' "$WORK/version.json")
  read -r L_MEAN L_SD C_MEAN C_SD < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(" ".join("%.2f" % (x[k]*1e3) for x in r for k in ("mean","stddev")))' "$WORK/get.json")
  TOOL="hyperfine $(hyperfine --version | awk '{print $2}'), -N, $WARMUP warm-up runs, $RUNS runs"
else
  V_MEAN=$(mean_ms "$VERSION"); V_SD="n/a"
  L_MEAN=$(mean_ms "$LABCTL_GET"); L_SD="n/a"
  C_MEAN=$(mean_ms "$CURL_GET"); C_SD="n/a"
  TOOL="date +%s%N loop, $WARMUP warm-up runs, $RUNS runs"
fi
RATIO=$(awk -v a="$L_MEAN" -v b="$C_MEAN" 'BEGIN { printf "%.2f", a / b }')

cat > "$WORK/report.md" <<MD
| benchmark | mean (ms) | σ (ms) |
| --- | ---: | ---: |
| \`labctl --version\` | $V_MEAN | $V_SD |
| \`labctl session get USER --json\` | $L_MEAN | $L_SD |
| \`curl\` of the same GET | $C_MEAN | $C_SD |
| **ratio labctl / curl** | **${RATIO}×** | |

Measured with $TOOL against $LABCTL_URL on $(uname -srm), $(nproc) cores, $(date -u +%Y-%m-%d).
MD
cat "$WORK/report.md"
if [[ -n "${OUT:-}" ]]; then cp "$WORK/report.md" "$OUT"; fi
