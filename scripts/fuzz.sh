#!/bin/sh
# Run one cargo-fuzz target for a while: scripts/fuzz.sh TARGET SECONDS
#   TARGET: parse, check, manifest, diff, docx, pdf
# Seeds the corpus from clauses/ and tests/fixtures/ (copied into fuzz/corpus/TARGET,
# which git ignores), then fuzzes under `nice -n 19`. cargo-fuzz needs nightly features:
# RUSTC_BOOTSTRAP=1 lets the stable toolchain build it. Install the runner once with
#   cargo install cargo-fuzz --version 0.13.2 --locked
# A crash is written to fuzz/artifacts/TARGET/; make it a regression test.
set -eu
target=${1:?usage: scripts/fuzz.sh TARGET SECONDS}
seconds=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/fuzz/corpus/$target"
mkdir -p "$corpus"
seed() { # copy files with these extensions from the seed folders, by content hash
    for dir in "$root/clauses" "$root/tests/fixtures"; do
        find "$dir" -type f \( "$@" \) -size -200k 2>/dev/null
    done | while read -r f; do
        cp "$f" "$corpus/$(sha1sum "$f" | cut -c1-16)"
    done
}
case "$target" in
    manifest) seed -name '*.yaml' -o -name '*.yml' ;;
    docx) seed -name '*.docx' ;;
    pdf) seed -name '*.pdf' ;;
    *) seed -name '*.txt' -o -name '*.md' ;;
esac
cd "$root/fuzz"
RUSTC_BOOTSTRAP=1 exec nice -n 19 cargo fuzz run "$target" "$corpus" -- \
    -max_total_time="$seconds" -max_len=262144 -timeout=30 -rss_limit_mb=2048
