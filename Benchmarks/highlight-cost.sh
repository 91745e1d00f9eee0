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

# One timed build: prints "seconds kilobytes".
timed_build() {
    rm -rf "$cache/highlight-out"
    /usr/bin/time -f "%e %M" -o "$cache/time.txt" "$sitegen" build --quiet --source "$site" --output "$cache/highlight-out" >/dev/null
    cat "$cache/time.txt"
}

on=(); off=(); on_mem=(); off_mem=()
set_highlighting true; timed_build >/dev/null   # warm the page cache
for _ in $(seq "$runs"); do
    set_highlighting false; read -r t m < <(timed_build); off+=("$t"); off_mem+=("$m")
    set_highlighting true;  read -r t m < <(timed_build); on+=("$t"); on_mem+=("$m")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
t_off=$(median "${off[@]}"); t_on=$(median "${on[@]}")
m_off=$(median "${off_mem[@]}"); m_on=$(median "${on_mem[@]}")
printf '%-28s %10s %12s\n' "" "wall (s)" "peak (MB)"
printf '%-28s %10s %12d\n' "highlight_code: false" "$t_off" "$((m_off / 1024))"
printf '%-28s %10s %12d\n' "highlight_code: true" "$t_on" "$((m_on / 1024))"
awk -v a="$t_on" -v b="$t_off" -v n="$blocks" 'BEGIN { printf "highlighting costs %+.1f%% wall time (%.0f us per block over %d blocks, %d runs each)\n", (a / b - 1) * 100, (a - b) / n * 1e6, n, '"$runs"' }'
