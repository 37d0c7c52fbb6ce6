#!/usr/bin/env bash
# The project's whole test suite: formatting, lints, every crate's tests
# (unit, UI, golden, end to end against the embedded fake platform server).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
# The fleet tests (tests/fleet.rs, tests/redis_shared.rs) start their own
# redis-server on a loopback port and stop it when done: make sure the binary
# is here (Debian's package; OAPI_REDIS_SERVER names another binary, and
# OAPI_SKIP_REDIS=1 lets those tests skip with a message instead of failing).
bash scripts/ensure-redis.sh
if [ -z "${OAPI_REDIS_SERVER:-}" ] && [ -x target/redis/redis-server ] && ! command -v redis-server >/dev/null; then
  export OAPI_REDIS_SERVER="$PWD/target/redis/redis-server"
fi
cargo fmt --all --check
cargo clippy --workspace --all-targets --features oapi-client/fake-server,oapi-redis/test-server -- -D warnings
# Missing or broken docs are errors (the generated API is documented from the spec).
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p oapi-client -p oapi-runtime -p oapi-fake -p oapi-redis --features oapi-client/fake-server,oapi-redis/test-server
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cargo test --workspace --features oapi-client/fake-server,oapi-redis/test-server 2>&1 | tee "$log"
# One closing line for the whole run (cargo prints one summary per test binary).
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
