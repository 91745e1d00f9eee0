#!/usr/bin/env bash
# The cost of build-time highlighting: builds one corpus where every article has at least
# one fenced code block, with highlight_code on and off, alternating, and prints the
# median wall time and peak memory of each and the ratio. See Benchmarks/README.md.
#
#   Benchmarks/highlight-cost.sh [N]        default: 10000
#
# Environment: RUNS=3 (timed runs of each), SEED=1, BENCH_CACHE=/tmp/sitegen-bench,
# SITEGEN=path (use this binary instead of a release build in .build-bench).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
n="${1:-10000}"
runs="${RUNS:-3}"
cache="${BENCH_CACHE:-/tmp/sitegen-bench}"
site="$cache/highlight-$n-seed${SEED:-1}"
say() { echo "[highlight-cost] $*" >&2; }
[ -x /usr/bin/time ] || { say "error: /usr/bin/time is missing (apt-get install time)"; exit 1; }

if [ -n "${SITEGEN:-}" ]; then
    sitegen="$SITEGEN"
else
    command -v swift >/dev/null || export PATH="/opt/swift/usr/bin:$PATH"
    say "building sitegen (release, --scratch-path .build-bench)"
    (cd "$repo" && swift build -c release --scratch-path .build-bench >&2)
    sitegen="$repo/.build-bench/release/sitegen"
fi

if [ ! -d "$site/content" ]; then
    say "writing a $n-article corpus with a code block in every article"
    python3 "$here/make-corpus.py" "$n" "$site" --seed "${SEED:-1}" --code-in-every-article
fi
blocks=$(grep -c '^```[a-z]' -r "$site/content/articles" | awk -F: '{s += $2} END {print s}')
say "$blocks highlighted code blocks in $n articles"

config="$site/content/site.yaml"
set_highlighting() { grep -v '^highlight_code:' "$config" > "$config.tmp"; echo "highlight_code: $1" >> "$config.tmp"; mv "$config.tmp" "$config"; }

# One timed build: prints "wall-seconds cpu-seconds kilobytes". CPU time (user + system,
# both cores) is less disturbed than wall time when something else runs on the machine.
timed_build() {
    rm -rf "$cache/highlight-out"
    /usr/bin/time -f "%e %U %S %M" -o "$cache/time.txt" "$sitegen" build --quiet --source "$site" --output "$cache/highlight-out" >/dev/null
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$cache/time.txt"
}

on=(); off=(); on_cpu=(); off_cpu=(); on_mem=(); off_mem=()
set_highlighting true; timed_build >/dev/null   # warm the page cache
for _ in $(seq "$runs"); do
    set_highlighting false; read -r t c m < <(timed_build); off+=("$t"); off_cpu+=("$c"); off_mem+=("$m")
    set_highlighting true;  read -r t c m < <(timed_build); on+=("$t"); on_cpu+=("$c"); on_mem+=("$m")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
t_off=$(median "${off[@]}"); t_on=$(median "${on[@]}")
c_off=$(median "${off_cpu[@]}"); c_on=$(median "${on_cpu[@]}")
m_off=$(median "${off_mem[@]}"); m_on=$(median "${on_mem[@]}")
printf '%-24s %10s %10s %11s\n' "" "wall (s)" "CPU (s)" "peak (MB)"
printf '%-24s %10s %10s %11d\n' "highlight_code: false" "$t_off" "$c_off" "$((m_off / 1024))"
printf '%-24s %10s %10s %11d\n' "highlight_code: true" "$t_on" "$c_on" "$((m_on / 1024))"
awk -v a="$t_on" -v b="$t_off" -v ca="$c_on" -v cb="$c_off" -v n="$blocks" -v runs="$runs" 'BEGIN {
    printf "highlighting costs %+.1f%% wall time and %+.1f%% CPU time (%.0f us of CPU per block over %d blocks; median of %d runs each)\n",
        (a / b - 1) * 100, (ca / cb - 1) * 100, (ca - cb) / n * 1e6, n, runs }'
