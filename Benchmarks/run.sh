#!/usr/bin/env bash
# sitegen benchmark: builds N-article corpora with sitegen, libcmark alone (the floor) and
# Hugo, and prints the figures side by side. See Benchmarks/README.md.
#
#   Benchmarks/run.sh [N...]          default: 1000 10000 100000 (100,000: the 10,000 copied ten times)
#
# Environment:
#   SEED=1                corpus seed
#   RUNS=3                timed runs per figure (the median is reported)
#   BENCH_CACHE=/tmp/sitegen-bench   corpora, outputs and results
#   SITEGEN=path          use this sitegen binary instead of building one
#   NO_HUGO=1             skip Hugo
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
cache="${BENCH_CACHE:-/tmp/sitegen-bench}"
mkdir -p "$cache"
say() { echo "[run.sh] $*" >&2; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi
}
apt_install() {
    command -v apt-get >/dev/null || return 1
    as_root apt-get install -y "$@" >/dev/null 2>&1 && return 0
    as_root apt-get update >/dev/null 2>&1 && as_root apt-get install -y "$@" >/dev/null 2>&1
}

# /usr/bin/time -v (Debian package "time"; the shell keyword cannot report memory).
if [ ! -x /usr/bin/time ]; then
    say "installing GNU time (/usr/bin/time)"
    apt_install time || { say "error: /usr/bin/time is missing and could not be installed (apt-get install time)"; exit 1; }
fi

# sitegen, release build, in its own scratch folder (.build is for development).
if [ -n "${SITEGEN:-}" ]; then
    sitegen="$SITEGEN"
else
    command -v swift >/dev/null || export PATH="/opt/swift/usr/bin:$PATH"
    say "building sitegen (release, --scratch-path .build-bench)"
    # Sources edited while the compiler runs make swift build fail: try again.
    for attempt in 1 2 3; do
        (cd "$repo" && swift build -c release --scratch-path .build-bench >&2) && break
        [ "$attempt" = 3 ] && { say "error: swift build failed"; exit 1; }
        sleep 5
    done
    sitegen="$repo/.build-bench/release/sitegen"
fi

# The cmark floor.
pkg-config --exists libcmark || { say "error: libcmark not found by pkg-config (apt-get install libcmark-dev pkg-config)"; exit 1; }
floor="$cache/cmark-floor"
# shellcheck disable=SC2046
cc -O2 "$here/cmark-floor.c" $(pkg-config --cflags --libs libcmark) -o "$floor"

# Hugo, when it is there or can be installed.
hugo_args=()
if [ -z "${NO_HUGO:-}" ]; then
    if ! command -v hugo >/dev/null; then
        say "hugo is not installed; trying apt-get install -y hugo"
        apt_install hugo || true
    fi
    if command -v hugo >/dev/null; then
        say "$(hugo version)"
        hugo_args=(--hugo "$(command -v hugo)")
    else
        say "hugo is not installed and could not be installed: skipping the Hugo comparison"
    fi
fi

[ $# -gt 0 ] || set -- 1000 10000 100000
exec python3 "$here/bench.py" --sitegen "$sitegen" --floor "$floor" --cache "$cache" \
    --seed "${SEED:-1}" --runs "${RUNS:-3}" "${hugo_args[@]}" "$@"
