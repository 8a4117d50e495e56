#!/usr/bin/env bash
# Whole-process figures of issue #11: wall time (best of 3) and peak RSS of `yakkan check`
# on generated documents and corpora and on the largest statute, beside the bare passes
# (examples/bare_passes.rs) on the same bytes and Lawtext on the same statute, with the
# ratios the issue sets targets for. Prints a Markdown table (README.md, Performance) and
# writes it, with key=value lines, to target/bench/.
#
#   scripts/bench.sh            # 10 MB document (and 1 MB), 100 MB corpus: ~7 minutes today
#   scripts/bench.sh --quick    # 2 MB document (and 200 KB), 10 MB corpus: a trial run
#
# Needs cargo, python3 and bash; /usr/bin/time (Debian's `time`) for peak RSS; node and
# npm for the Lawtext line (installed with `npm install --ignore-scripts lawtext@0.1.52`
# into target/bench/lawtext where missing). What is absent makes its line say NOTICE.
# Generated inputs are kept in target/bench/gen-<hash of the generator>/ (never
# committed) and reused. RAYON_NUM_THREADS sets the threads of the corpus runs (yakkan
# has no option of its own for it: rayon's global pool reads that variable).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

quick=0
case "${1:-}" in
  --quick) quick=1 ;;
  "") ;;
  *) echo "usage: scripts/bench.sh [--quick]" >&2; exit 2 ;;
esac
if [ "$quick" = 1 ]; then
  doc_size=2M small_size=200K corpus_size=10M
else
  doc_size=10M small_size=1M corpus_size=100M
fi
runs=3
statute_id=417AC0000000086 # 会社法, the largest statute of ../shared/corpus/laws/txt/
statute_txt=$root/../shared/corpus/laws/txt/$statute_id.txt
statute_xml=$root/../shared/corpus/laws/xml/$statute_id.xml

bench=$root/target/bench
mkdir -p "$bench"
cargo build --release --locked --quiet --bin yakkan --example bare_passes
yakkan=$root/target/release/yakkan
bare=$root/target/release/examples/bare_passes

# ---- inputs -------------------------------------------------------------------------
gen_hash=$(python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest()[:12])' scripts/gen-corpus.py)
gen=$bench/gen-$gen_hash
mkdir -p "$gen"
generate() { # MODE SIZE OUT
  if [ ! -e "$3.done" ]; then
    echo "generating $1 $2 → $3" >&2
    rm -rf "$3"
    python3 scripts/gen-corpus.py "$1" "$2" "$3"
    touch "$3.done"
  fi
}
doc=$gen/document-$doc_size.txt
small=$gen/document-$small_size.txt
corpus=$gen/corpus-$corpus_size
generate --document "$doc_size" "$doc"
generate --document "$small_size" "$small"
generate --corpus "$corpus_size" "$corpus"

load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)

# ---- measuring ----------------------------------------------------------------------
have_time=0
[ -x /usr/bin/time ] && have_time=1
[ "$have_time" = 1 ] || echo "NOTICE: /usr/bin/time is absent (Debian package time): no peak RSS" >&2

bytes_of() { du -cb "$@" | tail -1 | cut -f1; }
mb() { python3 -c 'import sys; print(f"{int(sys.argv[1])/1e6:.2f}")' "$1"; }
calc() { python3 -c "import sys; print($1)"; }

# measure CMD…: runs it $runs times; sets wall (best, seconds), rss (largest peak, KiB)
# and code (exit code of the last run). Standard output goes to $bench/last.out.
measure() {
  wall='' rss=0 code=0 nruns=0
  local i t0 t1 w r
  for ((i = 0; i < runs; i++)); do
    nruns=$((i + 1))
    t0=$EPOCHREALTIME
    if [ "$have_time" = 1 ]; then
      /usr/bin/time -f %M -o "$bench/time.txt" "$@" >"$bench/last.out" 2>"$bench/last.err" && code=0 || code=$?
    else
      "$@" >"$bench/last.out" 2>"$bench/last.err" && code=0 || code=$?
    fi
    t1=$EPOCHREALTIME
    w=$(calc "$t1 - $t0")
    if [ -z "$wall" ] || [ "$(calc "$w < $wall")" = True ]; then wall=$w; fi
    if [ "$have_time" = 1 ]; then
      r=$(tail -n 1 "$bench/time.txt")
      if [[ "$r" =~ ^[0-9]+$ ]] && [ "$r" -gt "$rss" ]; then rss=$r; fi
    fi
    # A run of more than a minute is not repeated: the figure is then of one run.
    if [ "$(calc "$w > 60")" = True ]; then
      echo "NOTICE: $* took ${w}s; measured once" >&2
      break
    fi
  done
}

rows=()
results=()
row() { rows+=("| $1 | $2 | $3 | $4 | $5 | $6 | $7 | $8 |"); }
result() { results+=("$1"); }
# The best wall time in seconds, saying so when it is of fewer runs.
secs() {
  local s
  s=$(calc "f'{$1:.3f}'")
  if [ "$nruns" -lt "$runs" ]; then s="$s ($nruns run)"; fi
  echo "$s"
}
# /usr/bin/time's %M is in KiB; the table's MB are 10^6 bytes, as its heading says.
rss_mb() { if [ "$have_time" = 1 ]; then calc "f'{$1 * 1024 / 1e6:.0f}'"; else echo n/a; fi; }
met() { if [ "$(calc "$1")" = True ]; then echo yes; else echo "**no**"; fi; }

# 1. check on the large document, on one thread: the target is a rate per core, and since
# a single document's work runs in parallel too, rayon's default pool would use them all.
doc_bytes=$(bytes_of "$doc")
measure env RAYON_NUM_THREADS=1 "$yakkan" check "$doc" --isolated --format json
check_wall=$wall check_rss=$rss check_code=$code
check_rate=$(calc "$doc_bytes / 1e6 / $check_wall")
rss_limit_kib=$(calc "int((4 * $doc_bytes + 30e6) / 1024)")
row "check, generated document (1 thread)" "$(mb "$doc_bytes") MB" "$(secs "$check_wall")" "$(rss_mb "$check_rss")" \
  "$(calc "f'{$check_rate:.1f}'")" "exit $check_code" "≥ 100 MB/s" "$(met "$check_rate >= 100")"
if [ "$have_time" = 1 ]; then
  row "peak RSS of that check" "$(mb "$doc_bytes") MB" "" "$(rss_mb "$check_rss")" "" \
    "$(calc "f'{$check_rss * 1024 / $doc_bytes:.1f}'")× input (limit $(rss_mb "$rss_limit_kib") MB)" "≤ 4× input + 30 MB" "$(met "$check_rss <= $rss_limit_kib")"
else
  row "peak RSS of that check" "$(mb "$doc_bytes") MB" "" "NOTICE: no /usr/bin/time" "" "" "≤ 4× input + 30 MB" "n/a"
fi
result "check_doc bytes=$doc_bytes wall_s=$check_wall rss_kib=$check_rss mb_per_s=$check_rate exit=$check_code"

# 2. the bare passes on the same bytes (the passes' own time, best of 3 processes).
best_bare=''
for ((i = 0; i < runs; i++)); do
  line=$("$bare" "$doc" | grep '^bare_passes ')
  ms=$(sed -E 's/.* total_ms=([0-9.]+).*/\1/' <<<"$line")
  if [ -z "$best_bare" ] || [ "$(calc "$ms < $best_bare")" = True ]; then best_bare=$ms bare_line=$line; fi
done
bare_rate=$(calc "$doc_bytes / 1e6 / ($best_bare / 1e3)")
ratio=$(calc "$check_rate / $bare_rate")
row "bare passes, same bytes (examples/bare_passes)" "$(mb "$doc_bytes") MB" "$(calc "f'{$best_bare / 1e3:.3f}'")" "" \
  "$(calc "f'{$bare_rate:.1f}'")" "check / bare = $(calc "f'{$ratio:.3f}'")" "≥ 0.6" "$(met "$ratio >= 0.6")"
result "$bare_line"
result "check_over_bare ratio=$ratio"

# 3. ten times the input.
small_bytes=$(bytes_of "$small")
measure env RAYON_NUM_THREADS=1 "$yakkan" check "$small" --isolated --format json
small_wall=$wall
tratio=$(calc "$check_wall / $small_wall")
sratio=$(calc "$doc_bytes / $small_bytes")
row "check, 1/10 of the document (1 thread)" "$(mb "$small_bytes") MB" "$(secs "$small_wall")" "$(rss_mb "$rss")" \
  "$(calc "f'{$small_bytes / 1e6 / $small_wall:.1f}'")" "time ×$(calc "f'{$tratio:.2f}'") for input ×$(calc "f'{$sratio:.2f}'")" "≤ 11 for ×10" "$(met "$tratio <= 1.1 * $sratio")"
result "check_small bytes=$small_bytes wall_s=$small_wall rss_kib=$rss time_ratio=$tratio size_ratio=$sratio"

# 4. the corpus on 1 and 2 threads.
corpus_bytes=$(bytes_of "$corpus"/*.txt)
declare -A cwall
for threads in 1 2; do
  measure env RAYON_NUM_THREADS=$threads "$yakkan" check "$corpus" --format json
  cwall[$threads]=$wall
  ok=yes
  [ "$code" -le 1 ] || ok="**no** (exit $code: $(head -c 200 "$bench/last.err"))"
  row "check, generated corpus, $threads thread(s)" "$(mb "$corpus_bytes") MB, $(ls "$corpus"/*.txt | wc -l) docs" "$(secs "$wall")" "$(rss_mb "$rss")" \
    "$(calc "f'{$corpus_bytes / 1e6 / $wall:.1f}'")" "exit $code" "checks (exit 0 or 1)" "$ok"
  result "check_corpus threads=$threads bytes=$corpus_bytes wall_s=$wall rss_kib=$rss exit=$code"
done
speedup=$(calc "${cwall[1]} / ${cwall[2]}")
row "speed-up on 2 threads" "" "" "" "" "×$(calc "f'{$speedup:.2f}'")" "≥ ×1.8" "$(met "$speedup >= 1.8")"
result "corpus_speedup ratio=$speedup"

# 5. the largest statute, and Lawtext on the same statute. The ratio is taken against
# yakkan on all cores (as a user runs it); the 1-thread figure is printed beside it.
if [ -f "$statute_txt" ]; then
  st_bytes=$(bytes_of "$statute_txt")
  measure env RAYON_NUM_THREADS=1 "$yakkan" check "$statute_txt" --isolated --format json
  st1_wall=$wall
  row "check, 会社法 ($statute_id, e-Gov text), 1 thread" "$(mb "$st_bytes") MB" "$(secs "$st1_wall")" "$(rss_mb "$rss")" \
    "$(calc "f'{$st_bytes / 1e6 / $st1_wall:.1f}'")" "exit $code" "" ""
  result "check_statute threads=1 id=$statute_id bytes=$st_bytes wall_s=$st1_wall rss_kib=$rss exit=$code"
  measure "$yakkan" check "$statute_txt" --isolated --format json
  st_wall=$wall
  row "check, 会社法 ($statute_id, e-Gov text), $(nproc) threads" "$(mb "$st_bytes") MB" "$(secs "$st_wall")" "$(rss_mb "$rss")" \
    "$(calc "f'{$st_bytes / 1e6 / $st_wall:.1f}'")" "exit $code" "" ""
  result "check_statute threads=$(nproc) id=$statute_id bytes=$st_bytes wall_s=$st_wall rss_kib=$rss exit=$code"
else
  st_wall=''
  row "check, 会社法 ($statute_id)" "NOTICE: $statute_txt is absent" "" "" "" "" "" ""
fi

lawtext_notice=''
lt=$bench/lawtext
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  lawtext_notice="NOTICE: node or npm is absent"
elif [ ! -f "$statute_xml" ] || [ -z "$st_wall" ]; then
  lawtext_notice="NOTICE: $statute_xml or the statute's text is absent"
else
  if [ ! -f "$lt/node_modules/lawtext/package.json" ]; then
    echo "installing lawtext@0.1.52 into $lt" >&2
    mkdir -p "$lt"
    # A package of its own, so that npm installs here and not into a folder above.
    [ -f "$lt/package.json" ] || echo '{ "name": "yakkan-bench-lawtext", "private": true }' >"$lt/package.json"
    (cd "$lt" && npm install --ignore-scripts --no-audit --no-fund --silent lawtext@0.1.52 >&2) ||
      lawtext_notice="NOTICE: npm install lawtext@0.1.52 failed"
  fi
fi
if [ -z "$lawtext_notice" ]; then
  lawfile=$lt/$statute_id.law.txt
  if [ ! -s "$lawfile" ]; then # Lawtext's own layout of the statute, once, untimed
    (cd "$lt" && npx --no-install lawtext -i "$statute_xml" --it xml --ot lawtext -o "$lawfile.part" >&2) &&
      mv "$lawfile.part" "$lawfile" ||
      lawtext_notice="NOTICE: Lawtext could not render $statute_xml in its layout"
  fi
fi
if [ -z "$lawtext_notice" ]; then
  law_bytes=$(bytes_of "$lawfile")
  # Whole process, as a user runs it (node start-up, module loading, npx resolution).
  measure env -C "$lt" npx --no-install lawtext -i "$lawfile" --it lawtext --ot json --analyze -o /dev/null
  npx_wall=$wall npx_rss=$rss npx_code=$code
  # In process through its API: parse + analyze + the JSON, best of 3 in one node
  # process (so the later runs are JIT-warm), without start-up and module loading.
  api_line=$(node - "$lt/node_modules/lawtext" "$lawfile" 2>"$bench/lawtext-api.err" <<'JS'
const [dir, file] = process.argv.slice(2);
const fs = require("fs");
const { run } = require(dir);
(async () => {
  const text = fs.readFileSync(file, "utf-8");
  let best = Infinity, bytes = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    const r = await run({ input: { lawtext: text }, outtypes: ["json"], analyze: true });
    bytes = JSON.stringify(r.json).length;
    const t = Number(process.hrtime.bigint() - t0) / 1e9;
    if (t < best) best = t;
  }
  console.log(`lawtext_api best_s=${best} json_chars=${bytes}`);
})().catch((e) => { console.error(e); process.exit(1); });
JS
  ) || api_line=''
  api_wall=$(sed -nE 's/.*best_s=([0-9.e-]+).*/\1/p' <<<"$api_line")
  # Lawtext prints the errors of its parse to standard error (3 runs: a third are one run's).
  lt_errors=$(($(grep -c 'ErrorMessage' "$bench/lawtext-api.err" || true) / 3))
  row "Lawtext, npx, parse + analyze + JSON (whole process)" "$(mb "$law_bytes") MB (its layout)" "$(secs "$npx_wall")" "$(rss_mb "$npx_rss")" \
    "$(calc "f'{$law_bytes / 1e6 / $npx_wall:.2f}'")" "exit $npx_code; yakkan ×$(calc "f'{$npx_wall / $st_wall:.1f}'")" "" ""
  result "lawtext_npx bytes=$law_bytes wall_s=$npx_wall rss_kib=$npx_rss exit=$npx_code"
  if [ -n "$api_wall" ]; then
    lratio=$(calc "$api_wall / $st_wall")
    row "Lawtext, API in one node process (best of 3, warm)" "$(mb "$law_bytes") MB (its layout)" "$(calc "f'{$api_wall:.3f}'")" "" \
      "$(calc "f'{$law_bytes / 1e6 / $api_wall:.2f}'")" "yakkan ×$(calc "f'{$lratio:.1f}'") (1 thread ×$(calc "f'{$api_wall / $st1_wall:.1f}'")); $lt_errors parse errors" "≥ ×100" "$(met "$lratio >= 100")"
    result "lawtext_api bytes=$law_bytes wall_s=$api_wall yakkan_ratio=$lratio parse_errors=$lt_errors"
  else
    row "Lawtext, API in one node process" "NOTICE: the node script failed" "" "" "" "" "≥ ×100" "n/a"
  fi
else
  echo "$lawtext_notice" >&2
  row "Lawtext, parse + analyze" "$lawtext_notice" "" "" "" "" "≥ ×100" "n/a"
fi

# ---- the table ----------------------------------------------------------------------
{
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(uname -m)), yakkan $(git rev-parse --short HEAD)$([ "$quick" = 1 ] && echo ', --quick'); wall time best of $runs, peak RSS the largest of $runs; MB = 10^6 bytes; load average $load_start before, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a) after."
  echo
  echo "| measurement | input | wall s | peak RSS MB | MB/s | figure | target | met |"
  echo "|---|---|---:|---:|---:|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$bench/table.md"
printf '%s\n' "${results[@]}" >"$bench/results.txt"
echo
echo "(table: $bench/table.md; key=value lines: $bench/results.txt)"
