#!/usr/bin/env bash
# Save every output of yakkan on the shipped and real documents, or compare them with a
# saved set: a refactoring must leave them byte-identical.
#
#     scripts/compare-outputs.sh --save DIR      # write the outputs into DIR
#     scripts/compare-outputs.sh DIR             # write them afresh and diff against DIR
#
# What is run (from the repository root, with target/release/yakkan, or $YAKKAN):
#   * `check --format json`, `check --color never` and `parse` on clauses/ and on each of
#     its documents, on every file of ../shared/corpus/tos/{txt,raw}/ and on every statute
#     of ../shared/corpus/{laws,laws-wide}/txt/ (each file alone);
#   * `check --format sarif`, `--format github` and `--statistics` on clauses/;
#   * `rules` (text and JSON), and `explain CODE` for every code `rules` lists;
#   * `index` of clauses/ (Markdown, HTML, JSON).
# Each output file holds standard output, then standard error and the exit code.
# Exit status: 0 when every output is identical, 1 when one differs, 2 on bad usage.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bin="${YAKKAN:-$root/target/release/yakkan}"
corpus="${CORPUS:-../shared/corpus}"

usage() {
    echo "usage: $0 --save DIR | $0 DIR" >&2
    exit 2
}

[ $# -ge 1 ] || usage
if [ "$1" = "--save" ]; then
    [ $# -eq 2 ] || usage
    out="$2"
    against=""
else
    [ $# -eq 1 ] || usage
    against="$1"
    [ -d "$against" ] || { echo "$0: $against is not a folder" >&2; exit 2; }
    out="$(mktemp -d)"
    trap 'rm -rf "$out"' EXIT
fi
[ -x "$bin" ] || { echo "$0: $bin not found; run cargo build --release" >&2; exit 2; }
mkdir -p "$out"

# run NAME ARGS...: the outputs of one call in $out/NAME.
run() {
    local name="$1"
    shift
    local file="$out/$name"
    mkdir -p "$(dirname "$file")"
    local rc=0
    "$bin" "$@" >"$file" 2>"$file.stderr" || rc=$?
    {
        echo "--- stderr"
        cat "$file.stderr"
        echo "--- exit $rc"
    } >>"$file"
    rm -f "$file.stderr"
}

# document KEY PATH: the three outputs of one document checked alone.
document() {
    run "$1.check.json" check "$2" --isolated --format json
    run "$1.check.txt" check "$2" --isolated --color never
    run "$1.parse.yaml" parse "$2"
}

run clauses/corpus.check.json check clauses --format json
run clauses/corpus.check.txt check clauses --color never
run clauses/corpus.check.sarif check clauses --format sarif
run clauses/corpus.check.github check clauses --format github
run clauses/corpus.statistics.txt check clauses --statistics
for f in clauses/*.txt; do
    document "clauses/$(basename "$f")" "$f"
done
run clauses/index.md index clauses --format md
run clauses/index.html index clauses --format html
run clauses/index.json index clauses --format json

for part in tos/txt tos/raw laws/txt laws-wide/txt; do
    dir="$corpus/$part"
    if [ ! -d "$dir" ]; then
        echo "NOTICE: $dir is absent; skipped" >&2
        continue
    fi
    for f in "$dir"/*; do
        [ -f "$f" ] || continue
        document "$part/$(basename "$f")" "$f"
    done
done

run rules.txt rules
run rules.json rules --format json
for code in $("$bin" rules | awk '/^Y[0-9][0-9][0-9] / {print $1}'); do
    run "explain/$code.txt" explain "$code"
done

if [ -z "$against" ]; then
    echo "saved $(find "$out" -type f | wc -l) outputs in $out"
    exit 0
fi
count="$(find "$out" -type f | wc -l)"
if diff -r "$against" "$out" >"$out.diff" 2>&1; then
    echo "compared $count outputs with $against: differences: 0"
    rm -f "$out.diff"
    exit 0
fi
echo "compared $count outputs with $against: differences: $(grep -c '^diff \|^Only in' "$out.diff" || true)"
sed -n 1,200p "$out.diff"
rm -f "$out.diff"
exit 1
