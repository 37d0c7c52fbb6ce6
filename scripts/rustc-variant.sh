#!/usr/bin/env bash
# What a change to the generated code would cost rustc, without changing the
# generator: compile edited copies of the generated files with the exact
# rustc command cargo uses for `oapi-client` (BENCHMARKS.md §2.8).
#
#   scripts/rustc-variant.sh prepare N   build the N-endpoint synthetic crate
#                                        (target/bench-build), keep its rustc
#                                        command and a copy of its OUT_DIR in
#                                        target/bench-build/variants/base
#   cp -r target/bench-build/variants/base /tmp/v && <edit /tmp/v/...>
#   scripts/rustc-variant.sh measure DIR compile DIR's files as a cold
#                                        `cargo build` would (incremental, into
#                                        an empty cache); prints wall time and
#                                        rustc's peak RSS
#
# A variant that changes the derive macros' output instead: edit macros/,
# rerun `prepare` (it rebuilds the macros), then `measure` the base copy.
# Needs GNU time (apt-get install -y time). INCREMENTAL=0 measures without
# the incremental cache.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TD=${BENCH_TARGET_DIR:-$ROOT/target/bench-build}
mkdir -p "$TD" && TD=$(cd "$TD" && pwd)
VARIANTS=$TD/variants
export CARGO_TARGET_DIR=$TD CARGO_TERM_COLOR=never

case "${1:-}" in
prepare)
    n=${2:?usage: rustc-variant.sh prepare N}
    mkdir -p "$VARIANTS"
    cargo run -q -p oapi-benches --bin synth-spec -- "$n" "$VARIANTS/spec" >&2
    OAPI_SPEC_DIR=$VARIANTS/spec cargo build -q -p oapi-client
    touch generated/src/lib.rs
    # The command cargo runs, without the JSON diagnostics and dep-info
    # only cargo reads; the OUT_DIR it compiles is the build script's newest.
    OAPI_SPEC_DIR=$VARIANTS/spec cargo build -v -p oapi-client 2>&1 |
        grep -o 'Running `[^`]*--crate-name oapi_client [^`]*`' | tail -1 |
        sed -e 's/^Running `//' -e 's/`$//' \
            -e 's/--error-format=json --json=[^ ]*//' \
            -e 's/--emit=dep-info,metadata,link/--emit=metadata,link/' \
            -e 's/-C extra-filename=[^ ]*//' \
            -e "s#--out-dir [^ ]*#--out-dir $VARIANTS/rlib#" > "$VARIANTS/rustc-command"
    # The build script's last run: its `output` file is rewritten every run
    # (the `out` directory's own time is not: unchanged files are kept).
    out=$(dirname "$(ls -t "$TD"/debug/build/oapi-client-*/output | sed -n 1p)")/out
    rm -rf "$VARIANTS/base" && cp -r "$out" "$VARIANTS/base"
    echo "base: $VARIANTS/base ($(find "$VARIANTS/base" -name '*.rs' | wc -l) files)"
    ;;
measure)
    dir=$(cd "${2:?usage: rustc-variant.sh measure DIR}" && pwd)
    [ -s "$VARIANTS/rustc-command" ] || { echo "run prepare first" >&2; exit 1; }
    # cargo printed it shell-quoted (`--cfg 'feature="default"'`).
    eval "cmd=($(cat "$VARIANTS/rustc-command"))"
    mkdir -p "$VARIANTS/rlib"
    rm -rf "$VARIANTS/incremental"
    if [ "${INCREMENTAL:-1}" != 0 ]; then cmd+=(-C "incremental=$VARIANTS/incremental"); fi
    if ! OUT_DIR=$dir CARGO_MANIFEST_DIR=$ROOT/generated CARGO_PKG_NAME=oapi-client \
        /usr/bin/time -f '%e %M' -o "$VARIANTS/time" "${cmd[@]}" > "$VARIANTS/rustc.out" 2>&1; then
        tail -30 "$VARIANTS/rustc.out" >&2
        exit 1
    fi
    awk '{ printf "rustc %s s, peak %.0f MiB\n", $1, $2 / 1024 }' "$VARIANTS/time"
    ;;
*)
    sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
