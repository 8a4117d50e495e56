#!/usr/bin/env bash
# Render every statute of ../shared/corpus/laws/xml/ in Lawtext's own text layout, for
# tests/lawtext_layout.rs (which reads target/lawtext/, or $YAKKAN_LAWTEXT_DIR):
#
#     scripts/lawtext-layouts.sh [OUTDIR]       # default target/lawtext
#
# Lawtext 0.1.52 is installed with npm into target/lawtext-npm/ where it is missing
# (`npm install --ignore-scripts`: no install scripts run). Each statute becomes
# OUTDIR/<LawID>.law.txt. The files are written into OUTDIR.tmp and moved into place at
# the end, so a failed run leaves no half-filled OUTDIR.
# Exit status: 0 when every statute was rendered, 1 when one failed, 2 when node, npm or
# the corpus is missing.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="${1:-target/lawtext}"
corpus="${CORPUS:-../shared/corpus}"
xml="$corpus/laws/xml"
version=0.1.52

[ -d "$xml" ] || { echo "$0: $xml not found" >&2; exit 2; }
for tool in node npm; do
    command -v "$tool" >/dev/null || { echo "$0: $tool not found" >&2; exit 2; }
done

npmdir="$root/target/lawtext-npm"
lawtext="$npmdir/node_modules/.bin/lawtext"
if [ ! -x "$lawtext" ] \
    || [ "$(node -p "require('$npmdir/node_modules/lawtext/package.json').version" 2>/dev/null)" != "$version" ]; then
    mkdir -p "$npmdir"
    npm install --prefix "$npmdir" --ignore-scripts --no-audit --no-fund --silent \
        "lawtext@$version" >&2
fi

tmp="$out.tmp"
rm -rf "$tmp"
mkdir -p "$tmp"
n=0
for f in "$xml"/*.xml; do
    id="$(basename "$f" .xml)"
    "$lawtext" -i "$f" --it xml --ot lawtext -o "$tmp/$id.law.txt" >/dev/null
    [ -s "$tmp/$id.law.txt" ] || { echo "$0: Lawtext wrote nothing for $f" >&2; exit 1; }
    n=$((n + 1))
done
rm -rf "$out"
mv "$tmp" "$out"
echo "rendered $n statutes into $out"
