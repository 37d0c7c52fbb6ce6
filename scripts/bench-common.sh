# Shared by the build benchmarks (sourced, not run): GNU time check,
# timing and median helpers, and the machine line.

if [ ! -x /usr/bin/time ]; then
    echo "GNU time (/usr/bin/time) is needed for rustc's peak memory: apt-get install -y time" >&2
    exit 1
fi

log() { printf '%s\n' "$*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

log "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), $(rustc --version)"
log "load before: $(uptime)"
