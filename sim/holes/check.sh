#!/usr/bin/env bash
# Shows that the simulation has teeth: applies each hole in this directory (a patch that
# reintroduces a bug the engine once had or could have), runs the simulation until it
# fails, and reverts the patch. Prints, per hole, the first seed that found it.
#
#   sim/holes/check.sh            # every hole, up to 10,000 seeds each
#   LABS_SIM_SEEDS=2000 sim/holes/check.sh 3-retry-clears-a-live-lease.patch
set -euo pipefail
cd "$(dirname "$0")/../.."
seeds="${LABS_SIM_SEEDS:-10000}"
patches=("$@")
[ ${#patches[@]} -gt 0 ] || patches=(sim/holes/*.patch)
if [ -n "$(git status --porcelain -- engine sim/src)" ]; then
  echo "check.sh: engine/ or sim/src has uncommitted changes; commit or stash them first" >&2
  exit 2
fi
status=0
for patch in "${patches[@]}"; do
  [ -f "$patch" ] || patch="sim/holes/$patch"
  name="$(basename "$patch" .patch)"
  git apply "$patch"
  trap 'git apply -R "$patch"' EXIT
  out="$(LABS_SIM_SEEDS="$seeds" cargo test -q -p labs-sim --test simulation 2>&1 || true)"
  git apply -R "$patch"
  trap - EXIT
  first="$(printf '%s\n' "$out" | sed -n 's/^first failing seed: \([0-9]*\) (\([0-9]*\) seeds failed)$/\1 \2/p')"
  if [ -n "$first" ]; then
    set -- $first
    echo "$name: found; first failing seed $1 (seed $(( $1 + 1 )) of the run), $2 of $seeds seeds failed"
    printf '%s\n' "$out" | grep -m1 '^  - ' | sed 's/^  - /    e.g. /'
  else
    echo "$name: NOT FOUND in $seeds seeds"
    status=1
  fi
done
exit $status
