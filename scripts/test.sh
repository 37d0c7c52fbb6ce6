#!/usr/bin/env bash
# The project's whole test suite: formatting, lints, every crate's tests
# (unit, UI, golden, end to end against the embedded fake platform server).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
cargo fmt --all --check
cargo clippy --workspace --all-targets --features oapi-client/fake-server -- -D warnings
# Missing or broken docs are errors (the generated API is documented from the spec).
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p oapi-client -p oapi-runtime -p oapi-fake --features oapi-client/fake-server
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cargo test --workspace --features oapi-client/fake-server 2>&1 | tee "$log"
# One closing line for the whole run (cargo prints one summary per test binary).
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
