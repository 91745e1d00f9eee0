#!/usr/bin/env bash
# Instructions (callgrind) of a full build and of one serve-style rebuild after an edit,
# for one or more builds of sitegen-bench: steady figures on a noisy machine, to compare
# commits (issue 12: "full-build and one-edit figures within 5% of before").
#
#   Benchmarks/edit-instructions.sh LABEL=BENCH_BINARY:SITE [LABEL=BENCH_BINARY:SITE ...]
#
# BENCH_BINARY is a release `sitegen-bench` (of any commit); SITE a site folder (content/
# and templates/; give each commit its own theme). Each is run twice under callgrind on a
# copy of SITE: `--runs 1` (a full build, then a few timed rebuilds) and the same plus
# `--soak 10` (ten more rebuilds, each after appending a line to one article, found by a
# scan of every file's stamp). Their difference over ten is one edit's instructions.
# Both runs go in parallel: about three minutes per label for 1,000 articles on 2 cores.
set -euo pipefail

if [ $# -eq 0 ]; then
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 64
fi
command -v valgrind > /dev/null || { echo "valgrind is needed (apt-get install -y valgrind)" >&2; exit 1; }
work=$(mktemp -d /tmp/edit-instructions.XXXXXX)
trap 'rm -rf "$work"' EXIT

printf '%-12s %18s %16s\n' label "full run (instr)" "one edit (instr)"
for spec in "$@"; do
    label=${spec%%=*}
    rest=${spec#*=}
    binary=${rest%%:*}
    site=${rest#*:}
    [ -x "$binary" ] && [ -d "$site/content" ] || { echo "$spec: needs an executable and a site folder" >&2; exit 1; }
    # Valgrind 3.19 cannot read the DWARF 5 Swift writes; the symbol table is enough.
    cp "$binary" "$work/bench" && strip --strip-debug "$work/bench"
    for soak in 0 10; do
        rm -rf "$work/site-$soak" && cp -r "$site" "$work/site-$soak"
        rm -rf "$work/site-$soak/public"
    done
    count() {  # soak -> instructions
        local extra=()
        [ "$1" -gt 0 ] && extra=(--soak "$1")
        valgrind --tool=callgrind --callgrind-out-file="$work/cg-$1.out" \
            "$work/bench" "$work/site-$1" --runs 1 "${extra[@]}" > "$work/log-$1" 2>&1
        grep -o 'refs: *[0-9,]*' "$work/log-$1" | tr -dc '0-9'
    }
    count 0 > "$work/n0" &
    count 10 > "$work/n10"
    wait
    full=$(cat "$work/n0") soaked=$(cat "$work/n10")
    printf '%-12s %18d %16d\n' "$label" "$full" $(( (soaked - full) / 10 ))
done
