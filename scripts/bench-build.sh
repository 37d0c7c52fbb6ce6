#!/usr/bin/env bash
# Build cost of the generated crate `oapi-client`, for the real spec and for
# synthetic specs of N endpoints (the real endpoints cycled under new names,
# see benches/src/synth.rs). Dependencies are prebuilt once; then, per spec:
#
#   cold      `cargo clean -p oapi-client` + `cargo build -p oapi-client`
#             (build script compiled and run, crate compiled): wall time,
#             rustc time and rustc peak RSS (GNU time, via RUSTC_WRAPPER)
#   no-op     `cargo build` again: must not run the generator (checked in
#             `cargo build -v`: no `Running ...build-script-build`)
#   edit top  one-line edit of the first endpoint's `doc:` in the first
#             spec file, then `cargo build`; counts generated files changed
#   edit end  the same for the last endpoint of the last spec file
#   lines     generated lines (prettyplease output in OUT_DIR) per endpoint,
#             all of them and code only (not blank, not a `//` or `///`
#             comment: what tokei counts as code)
#   generator the build script alone (fresh OUT_DIR), i.e. generation time
#             as a debug build runs it
#   macros    rustc -Ztime-passes (RUSTC_BOOTSTRAP=1): macro expansion and
#             total compile time; -Zunpretty=expanded: lines after expansion
#   user      a user crate (outside the workspace, same target dir) whose
#             binary instantiates every endpoint method's call path:
#             rustc time and peak of that crate alone, the cost of using the
#             endpoints (the endpoint methods are `#[inline]`, so a call path
#             is compiled where it is called, not in oapi-client)
#
# Each timed figure is the median of RUNS runs (default 3).
#
# Usage:  scripts/bench-build.sh [real|N ...]     (default: real 240 1200 2300)
#         BENCH_SOURCE_SPEC=dir scripts/bench-build.sh 240   (cycle dir's endpoints)
#         RUNS=1 scripts/bench-build.sh 240        (a quick look)
# Needs GNU time: apt-get install -y time
# Works in its own target dir (target/bench-build; BENCH_TARGET_DIR overrides),
# so it neither disturbs nor is disturbed by other builds' artifacts. Never
# point two checkouts at one BENCH_TARGET_DIR: cargo names a workspace
# member's artifacts and fingerprints without the checkout's path, so one
# checkout's build of oapi-macros or synth-spec can pass as fresh for the other.
# Results: a table on stdout and target/bench-build/bench-build-<sizes>.tsv.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RUNS=${RUNS:-3}
if [ "$#" -gt 0 ]; then SIZES=("$@"); else SIZES=(real 240 1200 2300); fi
TD=${BENCH_TARGET_DIR:-$ROOT/target/bench-build}
# Absolute: the spec path handed to the build script must not depend on its cwd.
mkdir -p "$TD" && TD=$(cd "$TD" && pwd)
WORK=$TD/bench-build-work
TSV=$TD/bench-build-$(IFS=-; echo "${SIZES[*]}").tsv
export CARGO_TARGET_DIR=$TD
export CARGO_TERM_COLOR=never

# shellcheck source=scripts/bench-common.sh
. "$ROOT/scripts/bench-common.sh"
mkdir -p "$WORK"

# RUSTC_WRAPPER: wall time and peak RSS of every rustc run compiling oapi_client.
cat > "$WORK/rustc-wrapper.sh" <<'EOF'
#!/usr/bin/env bash
if [ -n "${BENCH_RUSTC_LOG:-}" ] && [[ " $* " == *" --crate-name oapi_client "* ]]; then
    exec /usr/bin/time -f "%e %M" -a -o "$BENCH_RUSTC_LOG" "$@"
fi
if [ -n "${BENCH_USER_LOG:-}" ] && [[ " $* " == *" --crate-name bench_user "* ]]; then
    exec /usr/bin/time -f "%e %M" -a -o "$BENCH_USER_LOG" "$@"
fi
exec "$@"
EOF
chmod +x "$WORK/rustc-wrapper.sh"
export RUSTC_WRAPPER=$WORK/rustc-wrapper.sh


# Tools and dependencies, built once (not timed).
# Through cargo, so the tool is always this checkout's current build.
# BENCH_SOURCE_SPEC: the spec directory whose endpoints are cycled (default spec/).
synth() { cargo run -q -p oapi-benches --bin synth-spec -- "$@" ${BENCH_SOURCE_SPEC:+"$BENCH_SOURCE_SPEC"}; }
OAPI_SPEC_DIR=$ROOT/spec cargo build -q -p oapi-client

# One `cargo build -v -p oapi-client`; sets WALL, RUSTC_S, RUSTC_KB, GEN_RAN.
build() {
    : > "$WORK/rustc.log"
    local t0 t1
    t0=$(now)
    if ! BENCH_RUSTC_LOG=$WORK/rustc.log OAPI_SPEC_DIR=$SPEC cargo build -v -p oapi-client > "$WORK/build.out" 2>&1; then
        cat "$WORK/build.out" >&2
        exit 1
    fi
    t1=$(now)
    WALL=$(elapsed "$t0" "$t1")
    GEN_RAN=$(grep -c 'Running `.*oapi-client-[0-9a-f]*/build-script-build`' "$WORK/build.out" || true)
    read -r RUSTC_S RUSTC_KB < <(awk '{ s += $1; if ($2 > m) m = $2 } END { printf "%.2f %d\n", s, m }' "$WORK/rustc.log")
}

out_dir() { ls -td "$TD"/debug/build/oapi-client-*/out | sed -n 1p; }
hashes() { (cd "$(out_dir)" && find . -name '*.rs' -type f -exec sha1sum {} + | sort -k2); }
changed() { diff <(printf '%s\n' "$1") <(printf '%s\n' "$2") | grep -c '^>' || true; }

# Toggles an "edited " prefix on the first or last endpoint `doc:` of a file.
toggle_doc() {
    local file=$1 which=$2 line
    if [ "$which" = first ]; then
        line=$(grep -n '^        doc: ' "$file" | sed -n 1p | cut -d: -f1)
    else
        line=$(grep -n '^        doc: ' "$file" | tail -1 | cut -d: -f1)
    fi
    if sed -n "${line}p" "$file" | grep -q '^        doc: "\?edited '; then
        sed -i "${line}s/^        doc: \(\"\?\)edited /        doc: \1/" "$file"
    else
        sed -i "${line}s/^        doc: \(\"\?\)/        doc: \1edited /" "$file"
    fi
}

# The user crate: a binary that instantiates the call path of every endpoint.
USER=$WORK/user-crate
mkdir -p "$USER/src"
cp "$ROOT/Cargo.lock" "$USER/Cargo.lock"
cat > "$USER/Cargo.toml" <<TOML
[package]
name = "bench-user"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
oapi-client = { path = "$ROOT/generated" }

[workspace]
TOML
cat > "$USER/src/main.rs" <<'RUST'
//! Calls every endpoint's generated method, `client.<group>().<endpoint>(&request)`
//! (taken as a boxed future, so each call path is compiled without running it).
use std::future::Future;
use std::pin::Pin;

type Call<'a, T> = Pin<Box<dyn Future<Output = oapi_client::ApiResult<T>> + Send + 'a>>;

macro_rules! instantiate {
    ($(($platform:ident, $group:ident, $endpoint:ident, $name:literal))*) => {
        fn all() -> usize {
            let mut n = 0;
            $({
                use oapi_client::$platform::$group::$endpoint::{Request, Response};
                fn call<'a>(client: &'a oapi_client::$platform::Client, request: &'a Request) -> Call<'a, Response> {
                    Box::pin(async move { client.$group().$endpoint(request).await })
                }
                let f: for<'a> fn(&'a oapi_client::$platform::Client, &'a Request) -> Call<'a, Response> = call;
                std::hint::black_box(f);
                n += 1;
            })*
            n
        }
    };
}
oapi_client::for_each_endpoint!(instantiate);

fn main() {
    println!("{} endpoints", all());
}
RUST

printf 'spec\tendpoints\tgenerated_lines\tlines_per_endpoint\tcode_lines_per_endpoint\tgenerator_s\tcold_s\tcold_rustc_s\trustc_peak_mib\tnoop_s\tnoop_generator_runs\tedit_top_s\tedit_top_files_changed\tedit_end_s\tedit_end_files_changed\tmacro_expand_s\trustc_total_s\texpanded_lines\tuser_rustc_s\tuser_peak_mib\n' > "$TSV"

for size in "${SIZES[@]}"; do
    SPEC=$WORK/spec-$size
    rm -rf "$SPEC"
    if [ "$size" = real ]; then
        mkdir -p "$SPEC" && cp "$ROOT"/spec/*.yaml "$SPEC"/
    else
        synth "$size" "$SPEC" > /dev/null
    fi
    FIRST=$(ls "$SPEC"/*.yaml | sed -n 1p)
    LAST=$(ls "$SPEC"/*.yaml | tail -1)
    log "== $size ($(uptime | sed 's/.*load/load/'))"

    cold=() cold_rustc=() peak=()
    for _ in $(seq "$RUNS"); do
        cargo clean -q -p oapi-client
        build
        cold+=("$WALL") cold_rustc+=("$RUSTC_S") peak+=("$RUSTC_KB")
        log "   cold: ${WALL}s (rustc ${RUSTC_S}s, peak $((RUSTC_KB / 1024)) MiB)"
    done

    OUT=$(out_dir)
    endpoints=$(find "$OUT" -mindepth 3 -name '*.rs' | wc -l)
    lines=$(find "$OUT" -name '*.rs' -exec cat {} + | wc -l)
    per_endpoint=$(awk -v l="$lines" -v n="$endpoints" 'BEGIN { printf "%.1f", l / n }')
    code_lines=$(find "$OUT" -name '*.rs' -exec cat {} + | grep -cvE '^[[:space:]]*(//|$)')
    code_per_endpoint=$(awk -v l="$code_lines" -v n="$endpoints" 'BEGIN { printf "%.1f", l / n }')
    log "   $endpoints endpoints, $lines generated lines ($per_endpoint per endpoint; code $code_per_endpoint)"

    # The generator as the debug build runs it: the build script, fresh OUT_DIR.
    script=$(ls -t "$TD"/debug/build/oapi-client-*/build-script-build | sed -n 1p)
    gen=()
    for _ in $(seq "$RUNS"); do
        rm -rf "$WORK/gen-out" && mkdir -p "$WORK/gen-out"
        t0=$(now)
        OUT_DIR=$WORK/gen-out OAPI_SPEC_DIR=$SPEC CARGO_MANIFEST_DIR=$ROOT/generated "$script" > /dev/null
        gen+=("$(elapsed "$t0" "$(now)")")
    done
    log "   generator (build script): ${gen[*]} s"

    noop=() noop_runs=0
    for _ in $(seq "$RUNS"); do
        build
        noop+=("$WALL")
        noop_runs=$((noop_runs + GEN_RAN))
        if [ -s "$WORK/rustc.log" ]; then
            log "   WARNING: the no-op build recompiled oapi-client"
        fi
    done
    log "   no-op: ${noop[*]} s, generator runs: $noop_runs"

    edit_top=() edit_end=() top_changed=0 end_changed=0
    for which in top end; do
        for _ in $(seq "$RUNS"); do
            before=$(hashes)
            if [ "$which" = top ]; then toggle_doc "$FIRST" first; else toggle_doc "$LAST" last; fi
            build
            after=$(hashes)
            n=$(changed "$before" "$after")
            if [ "$which" = top ]; then edit_top+=("$WALL") top_changed=$n; else edit_end+=("$WALL") end_changed=$n; fi
            log "   edit $which: ${WALL}s (rustc ${RUSTC_S}s), generated files changed: $n"
        done
    done
    # Leave the spec as generated (an even number of toggles restores it; an odd one is undone).
    if [ $((RUNS % 2)) -eq 1 ]; then toggle_doc "$FIRST" first; toggle_doc "$LAST" last; fi

    # Macro expansion inside the real compile, and the expanded size.
    RUSTC_BOOTSTRAP=1 OAPI_SPEC_DIR=$SPEC cargo rustc -q -p oapi-client -- -Ztime-passes > "$WORK/time-passes.txt" 2>&1 || true
    macro_s=$(awk '$NF == "macro_expand_crate" { print $2 + 0; exit }' "$WORK/time-passes.txt" | tr -d ';')
    total_s=$(awk '$NF == "total" { v = $2 } END { print v + 0 }' "$WORK/time-passes.txt" | tr -d ';')
    RUSTC_BOOTSTRAP=1 OAPI_SPEC_DIR=$SPEC cargo rustc -q -p oapi-client -- -Zunpretty=expanded -o "$WORK/expanded-$size.rs" 2> /dev/null || true
    expanded=$(wc -l < "$WORK/expanded-$size.rs")
    rm -f "$WORK"/expanded-*.d
    log "   rustc: macro expansion ${macro_s}s of ${total_s}s; $expanded lines after expansion"

    # The user crate: its own compile only (oapi-client is already built).
    user=() user_peak=()
    for _ in $(seq "$RUNS"); do
        # Cold: no incremental state left from an earlier run.
        cargo clean -q -p bench-user --manifest-path "$USER/Cargo.toml"
        : > "$WORK/user-rustc.log"
        if ! BENCH_USER_LOG=$WORK/user-rustc.log OAPI_SPEC_DIR=$SPEC cargo build -q --manifest-path "$USER/Cargo.toml" > "$WORK/user.out" 2>&1; then
            cat "$WORK/user.out" >&2
            exit 1
        fi
        read -r u_s u_kb < <(awk '{ s += $1; if ($2 > m) m = $2 } END { printf "%.2f %d\n", s, m }' "$WORK/user-rustc.log")
        user+=("$u_s") user_peak+=("$u_kb")
        log "   user crate calling every endpoint: rustc ${u_s}s, peak $((u_kb / 1024)) MiB"
    done

    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
        "$size" "$endpoints" "$lines" "$per_endpoint" "$code_per_endpoint" \
        "$(printf '%s\n' "${gen[@]}" | median)" \
        "$(printf '%s\n' "${cold[@]}" | median)" \
        "$(printf '%s\n' "${cold_rustc[@]}" | median)" \
        "$(printf '%s\n' "${peak[@]}" | median | awk '{ printf "%d", $1 / 1024 }')" \
        "$(printf '%s\n' "${noop[@]}" | median)" "$noop_runs" \
        "$(printf '%s\n' "${edit_top[@]}" | median)" "$top_changed" \
        "$(printf '%s\n' "${edit_end[@]}" | median)" "$end_changed" \
        "$macro_s" "$total_s" "$expanded" \
        "$(printf '%s\n' "${user[@]}" | median)" \
        "$(printf '%s\n' "${user_peak[@]}" | median | awk '{ printf "%d", $1 / 1024 }')" >> "$TSV"
done

log "load after: $(uptime)"
# The table, as markdown.
awk -F'\t' 'NR == 1 { h = "|"; s = "|"; for (i = 1; i <= NF; i++) { h = h " " $i " |"; s = s "---|" } print h; print s; next }
            { r = "|"; for (i = 1; i <= NF; i++) r = r " " $i " |"; print r }' "$TSV"
