#!/usr/bin/env bash
# What a build costs a user who calls a few API groups (issue: builds cost
# what a user calls). A user crate outside the workspace generates a
# synthetic spec of N endpoints (default 1,200; benches/src/synth.rs) in its
# own build.rs through `oapi_codegen::Builder` with group features, its
# manifest's features written by `oapi-codegen features`. Dependencies are
# prebuilt once (not timed); then:
#
#   two groups  cold build enabling two groups (`cargo clean -p` the user
#               crate first: build script compiled and run, crate compiled):
#               wall time, rustc time and peak RSS of the user crate's rustc
#   two edit    a one-line `doc:` edit of an endpoint in an enabled group,
#               rebuilt: wall time and generated files changed
#   other edit  the same edit in a group that is not enabled
#   full        the same cold build and edit with every group (`full`)
#   codegen     cold build of `oapi-codegen` as a build dependency
#               (`--no-default-features`) and with the `cli` feature (the
#               importer and OpenAPI exporter: what every build compiled
#               before they became a feature)
#
# Each timed figure is the median of RUNS runs (default 3).
# Usage:  scripts/bench-features.sh [N]      RUNS=1 for a quick look
# Needs GNU time (apt-get install -y time). Works in target/bench-features
# (BENCH_TARGET_DIR overrides). Results: a table on stdout.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RUNS=${RUNS:-3}
N=${1:-1200}
TD=${BENCH_TARGET_DIR:-$ROOT/target/bench-features}
mkdir -p "$TD" && TD=$(cd "$TD" && pwd)
WORK=$TD/work
USER_CRATE=$WORK/user
export CARGO_TARGET_DIR=$TD
export CARGO_TERM_COLOR=never

# shellcheck source=scripts/bench-common.sh
. "$ROOT/scripts/bench-common.sh"
mkdir -p "$WORK" "$USER_CRATE/src"

cat > "$WORK/rustc-wrapper.sh" <<'EOF'
#!/usr/bin/env bash
if [ -n "${BENCH_USER_LOG:-}" ] && [[ " $* " == *" --crate-name bench_features_user "* ]] && [[ " $* " != *" build_script_build "* ]]; then
    exec /usr/bin/time -f "%e %M" -a -o "$BENCH_USER_LOG" "$@"
fi
exec "$@"
EOF
chmod +x "$WORK/rustc-wrapper.sh"
export RUSTC_WRAPPER=$WORK/rustc-wrapper.sh


# The tools (not timed), and the synthetic spec.
cargo build -q -p oapi-benches --bin synth-spec
cargo build -q -p oapi-codegen --bin oapi-codegen
SPEC=$USER_CRATE/spec
rm -rf "$SPEC"
"$TD/debug/synth-spec" "$N" "$SPEC" > /dev/null

cp "$ROOT/Cargo.lock" "$USER_CRATE/Cargo.lock"
cat > "$USER_CRATE/Cargo.toml" <<TOML
[package]
name = "bench-features-user"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
oapi-runtime = { path = "$ROOT/generated/runtime" }
serde = "1"

[build-dependencies]
oapi-codegen = { path = "$ROOT/codegen", default-features = false }

[features]
default = []
TOML
"$TD/debug/oapi-codegen" features "$SPEC" --cargo "$USER_CRATE/Cargo.toml"
cat > "$USER_CRATE/build.rs" <<'RUST'
fn main() -> Result<(), oapi_codegen::BuildError> {
    oapi_codegen::Builder::new().spec("spec").group_features(true).generate()?;
    Ok(())
}
RUST
cat > "$USER_CRATE/src/lib.rs" <<'RUST'
//! The generated client of the synthetic spec, its groups behind features.
include!(concat!(env!("OUT_DIR"), "/api.rs"));
RUST

# The two groups: the first two of the first platform's groups, as features.
FEATURES=$(awk '/^# BEGIN generated features/ { on = 1; next } /^# END generated features/ { on = 0 } on' "$USER_CRATE/Cargo.toml" |
    grep -E '^[a-z0-9_]+-[a-z0-9_-]+ = \[\]' | cut -d' ' -f1 | sed -n 1,2p | paste -sd, -)
OTHER=$(awk '/^# BEGIN generated features/ { on = 1; next } /^# END generated features/ { on = 0 } on' "$USER_CRATE/Cargo.toml" |
    grep -E '^[a-z0-9_]+-[a-z0-9_-]+ = \[\]' | cut -d' ' -f1 | tail -1)
log "spec: $N endpoints; enabled groups: $FEATURES; edited group not enabled: $OTHER"

cargo_user() { cargo build -q --manifest-path "$USER_CRATE/Cargo.toml" "$@"; }
# Dependencies (runtime, derives, serde, oapi-codegen for the build script).
cargo_user --no-default-features

out_dir() { ls -td "$TD"/debug/build/bench-features-user-*/out | sed -n 1p; }
hashes() { (cd "$(out_dir)" && find . -name '*.rs' -type f -exec sha1sum {} + | sort -k2); }
changed() { diff <(printf '%s\n' "$1") <(printf '%s\n' "$2") | grep -c '^>' || true; }

# One build of the user crate with "$@"; sets WALL, RUSTC_S, RUSTC_KB.
build() {
    : > "$WORK/rustc.log"
    local t0
    t0=$(now)
    if ! BENCH_USER_LOG=$WORK/rustc.log cargo_user "$@" > "$WORK/build.out" 2>&1; then
        cat "$WORK/build.out" >&2
        exit 1
    fi
    WALL=$(elapsed "$t0" "$(now)")
    read -r RUSTC_S RUSTC_KB < <(awk '{ s += $1; if ($2 > m) m = $2 } END { printf "%.2f %d\n", s, m }' "$WORK/rustc.log")
}

# The `doc:` line of the first endpoint of the group a feature names.
doc_line() {
    local feature=$1 platform group file
    platform=${feature%%-*}
    group=${feature#*-}
    file=$(grep -l "^platform: $platform\$" "$SPEC"/*.yaml)
    awk -v g="  $group:" '/^groups:/ { groups = 1 } groups && $0 == g { on = 1; next } on && /^        doc: / { print FILENAME ":" NR; exit }' "$file"
}
toggle() {
    local at=$1 file line
    file=${at%:*}
    line=${at##*:}
    if sed -n "${line}p" "$file" | grep -q '^        doc: "\?edited '; then
        sed -i "${line}s/^        doc: \(\"\?\)edited /        doc: \1/" "$file"
    else
        sed -i "${line}s/^        doc: \(\"\?\)/        doc: \1edited /" "$file"
    fi
}

ROWS=()
# cold + edits for one feature set; appends table rows.
measure() {
    local label=$1 features=$2
    local cold=() rustc_s=() peak=() edit=() other=() files=0 other_files=0 generated
    for _ in $(seq "$RUNS"); do
        cargo clean -q -p bench-features-user --manifest-path "$USER_CRATE/Cargo.toml"
        build --no-default-features --features "$features"
        cold+=("$WALL") rustc_s+=("$RUSTC_S") peak+=("$RUSTC_KB")
        log "   $label cold: ${WALL}s (rustc ${RUSTC_S}s, peak $((RUSTC_KB / 1024)) MiB)"
    done
    generated=$(find "$(out_dir)" -mindepth 3 -name '*.rs' | wc -l)
    local enabled_at other_at
    enabled_at=$(doc_line "${FEATURES%%,*}")
    other_at=$(doc_line "$OTHER")
    for _ in $(seq "$RUNS"); do
        local before after
        before=$(hashes)
        toggle "$enabled_at"
        build --no-default-features --features "$features"
        after=$(hashes)
        files=$(changed "$before" "$after")
        edit+=("$WALL")
        log "   $label edit (enabled group): ${WALL}s, generated files changed: $files"
        before=$after
        toggle "$other_at"
        build --no-default-features --features "$features"
        after=$(hashes)
        other_files=$(changed "$before" "$after")
        other+=("$WALL")
        log "   $label edit (group not enabled): ${WALL}s, generated files changed: $other_files"
    done
    if [ $((RUNS % 2)) -eq 1 ]; then toggle "$enabled_at"; toggle "$other_at"; fi
    ROWS+=("| $label | $generated | $(printf '%s\n' "${cold[@]}" | median) | $(printf '%s\n' "${rustc_s[@]}" | median) | $(printf '%s\n' "${peak[@]}" | median | awk '{ printf "%d", $1 / 1024 }') | $(printf '%s\n' "${edit[@]}" | median) ($files) | $(printf '%s\n' "${other[@]}" | median) ($other_files) |")
}

measure "two groups" "$FEATURES"
measure "full" "full"

# oapi-codegen as a build script compiles it on a fresh machine: with all
# its dependencies, in a fresh target dir, without and with `cli`.
codegen=() codegen_cli=()
for _ in $(seq "$RUNS"); do
    for variant in lean cli; do
        rm -rf "$TD/codegen-cold"
        t0=$(now)
        if [ "$variant" = lean ]; then
            CARGO_TARGET_DIR=$TD/codegen-cold RUSTC_WRAPPER= cargo build -q -p oapi-codegen --lib --no-default-features
            codegen+=("$(elapsed "$t0" "$(now)")")
        else
            CARGO_TARGET_DIR=$TD/codegen-cold RUSTC_WRAPPER= cargo build -q -p oapi-codegen --lib --features cli
            codegen_cli+=("$(elapsed "$t0" "$(now)")")
        fi
    done
done
rm -rf "$TD/codegen-cold"
log "   oapi-codegen cold: lean ${codegen[*]} s, with cli ${codegen_cli[*]} s"
# The crates compiled in each case.
deps_lean=$(cargo tree -q -p oapi-codegen --no-default-features -e normal --prefix none | sed 's/ (\*)$//' | sort -u | wc -l)
deps_cli=$(cargo tree -q -p oapi-codegen --features cli -e normal --prefix none | sed 's/ (\*)$//' | sort -u | wc -l)

log "load after: $(uptime)"
echo "| build | generated endpoint files | cold wall s | user crate rustc s | rustc peak MiB | edit in an enabled group s (files changed) | edit in a disabled group s (files changed) |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
echo
echo "| oapi-codegen as a build dependency | cold wall s | crates in its tree |"
echo "|---|---|---|"
echo "| \`default-features = false\` | $(printf '%s\n' "${codegen[@]}" | median) | $deps_lean |"
echo "| with \`cli\` (importer, OpenAPI export) | $(printf '%s\n' "${codegen_cli[@]}" | median) | $deps_cli |"
