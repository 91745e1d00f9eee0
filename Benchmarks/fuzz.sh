#!/usr/bin/env bash
# Fuzzes sitegen's input pipeline with libFuzzer (coverage-guided): every content file
# stage, from UTF-8 decoding to Markdown rendering and link resolution, and the
# YAML-to-model step of the data files and front matter (FuzzTargets).
#
#   Benchmarks/fuzz.sh [SECONDS]      default 600
#
# Starts from the saved corpus (Tests/SitegenBuildTests/Fixtures/fuzz-corpus) and the
# hand-written YAML seeds (fuzz-corpus-yaml: big numbers, wrong types), and merges
# the inputs that reached new code back into it, so each run's findings become
# regression fixtures that `swift test` replays. Crashes are written to /tmp/sitegen-fuzz/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
seconds="${1:-600}"
corpus="$repo/Tests/SitegenBuildTests/Fixtures/fuzz-corpus"
seeds="$repo/Tests/SitegenBuildTests/Fixtures/fuzz-corpus-yaml"
work=/tmp/sitegen-fuzz
export PATH="/opt/swift/usr/bin:$PATH"
mkdir -p "$work/new"

cd "$repo"
swift build -c release --scratch-path .build-fuzz --product sitegen-fuzz \
    -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING -Xswiftc -parse-as-library -Xswiftc -use-ld=lld >&2
fuzzer="$repo/.build-fuzz/release/sitegen-fuzz"
# Let libFuzzer, not Swift's backtracer, handle a crash, so the input gets saved.
export SWIFT_BACKTRACE=enable=no
cd "$work"  # parallel jobs write fuzz-N.log into the current folder

echo "fuzzing for $seconds s on $(nproc) cores, corpus $(ls "$corpus" | wc -l) inputs" >&2
status=0
"$fuzzer" "$work/new" "$corpus" "$seeds" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=4096 -jobs="$(nproc)" -workers="$(nproc)" -artifact_prefix="$work/" \
    -print_final_stats=1 >"$work/log.txt" 2>&1 || status=$?
grep -h -E "^#[0-9]+.*(DONE|pulse)|stat::number_of_executed_units|stat::peak_rss_mb" "$work"/fuzz-*.log 2>/dev/null | tail -4 || true
if ls "$work"/crash-* "$work"/timeout-* "$work"/oom-* >/dev/null 2>&1; then
    echo "FINDINGS (reproduce with: swift run sitegen-fuzz FILE):" >&2
    ls "$work"/crash-* "$work"/timeout-* "$work"/oom-* 2>/dev/null >&2
    exit 1
fi
# Keep what reached new code: a minimal set, merged into the saved corpus.
before=$(ls "$corpus" | wc -l)
"$fuzzer" -merge=1 -max_len=65536 "$corpus" "$work/new" >"$work/merge.txt" 2>&1 || true
echo "no crash, hang or broken invariant; corpus $before -> $(ls "$corpus" | wc -l) inputs" >&2
exit "$status"
