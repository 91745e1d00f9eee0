#!/usr/bin/env bash
# Checks that sitegen's speed-up of Source-highlight (RememberingRule in
# Sources/CHighlight/highlight.cpp) changes no output: compiles the highlighter with and
# without it, highlights the same blocks with both and compares the HTML byte for byte.
# The blocks: every fenced block of content/articles, a snippet of tricky constructs in
# every language Source-highlight ships, and (given a corpus folder) every block of its
# articles.
#
#   Benchmarks/highlight-equivalence.sh [CORPUS_DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
src="$repo/Sources/CHighlight"
# The Swift toolchain's clang (it builds the C++ target too), else the system compilers.
command -v clang++ >/dev/null || export PATH="/opt/swift/usr/bin:$PATH"
cxx="$(command -v clang++ || command -v g++)"; cc="$(command -v clang || command -v gcc)"

python3 - "$repo" "$work/blocks.txt" "${1:-}" <<'PY'
import glob, re, sys
repo, out_path, corpus = sys.argv[1], sys.argv[2], sys.argv[3]
files = sorted(glob.glob(repo + "/content/articles/*.md"))
if corpus:
    files += sorted(glob.glob(corpus + "/content/articles/*.md"))
blocks = []
for path in files:
    for m in re.finditer(r"^```([A-Za-z0-9_+-]+)\n(.*?)^```", open(path, encoding="utf-8").read(), re.M | re.S):
        blocks.append((m.group(1), m.group(2)))
snippet = ('/* c */ // d\n# hash "str \\" q" \'c\' 123 0x1F 1.5e3\nif (a < b && c) { return f(x); } <tag a="b">t</tag>\n'
           '"""\nmulti\n"""\n$var @dec %p `tick` <<EOF\nEOF\n')
languages = sorted({line.split("=")[0].strip() for line in open("/usr/share/source-highlight/lang.map")
                    if "=" in line and not line.startswith("#")})
blocks += [(language, snippet) for language in languages]
open(out_path, "w", encoding="utf-8").write("".join("\x1e%s\n%s" % block for block in blocks))
print(f"{len(blocks)} blocks", file=sys.stderr)
PY

for variant in remembering plain; do
    flag=""; [ "$variant" = plain ] && flag="-DSITEGEN_PLAIN_RULES"
    "$cxx" -std=c++17 -O2 $flag -I"$src/include" -c "$src/highlight.cpp" -o "$work/$variant.o"
done
"$cc" -O2 -I"$src/include" -c "$here/highlight-compare.c" -o "$work/compare.o"
for variant in remembering plain; do
    "$cxx" "$work/compare.o" "$work/$variant.o" -lsource-highlight -lboost_regex -o "$work/$variant"
    "$work/$variant" "$work/blocks.txt" 1 "$repo/templates/languages" > "$work/$variant.html"
done
if cmp -s "$work/plain.html" "$work/remembering.html"; then
    echo "highlight-equivalence: identical output with and without RememberingRule"
else
    echo "highlight-equivalence: outputs differ:" >&2
    diff "$work/plain.html" "$work/remembering.html" | head -20 >&2
    exit 1
fi
