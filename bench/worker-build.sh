#!/usr/bin/env bash
# Release wasm size (raw and gzip) and clean/incremental build times of the Worker.
# Usage: bench/worker-build.sh   (prints a Markdown table; takes about two minutes)
source "$(dirname "$0")/../scripts/lib.sh"
cd "$LABS_ROOT"
ensure_toolchain

clean_target="$(mktemp -d)"
trap 'rm -rf "$clean_target"' EXIT
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN { printf "%.1f", e - s }'; }
kib() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1024 }'; }

cd worker
clean=$(CARGO_TARGET_DIR="$clean_target" seconds worker-build --release)
touch src/lib.rs
incremental=$(CARGO_TARGET_DIR="$clean_target" seconds worker-build --release)
strip_wasm_names build/index_bg.wasm   # as build_worker does
raw=$(stat -c %s build/index_bg.wasm)
gz=$(gzip -9 -c build/index_bg.wasm | wc -c)
js=$(stat -c %s build/index.js)

printf '| measure | value |\n| --- | --- |\n'
printf '| release wasm (raw) | %d bytes (%s KiB) |\n' "$raw" "$(kib "$raw")"
printf '| release wasm (gzip -9) | %d bytes (%s KiB) |\n' "$gz" "$(kib "$gz")"
printf '| JS glue (index.js) | %d bytes |\n' "$js"
printf '| clean release build (worker-build --release, empty target dir) | %s s |\n' "$clean"
printf '| incremental release build (touch worker/src/lib.rs) | %s s |\n' "$incremental"
