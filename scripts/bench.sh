#!/usr/bin/env bash
# Whole-process figures: wall time and peak memory of `yakkan check` on the shipped
# corpus, on the seed, and on a generated corpus of N documents (default 400).
# Usage: scripts/bench.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-400}
cargo build --release --quiet
bin=target/release/yakkan
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$n" <<'PY'
import sys, os
work, n = sys.argv[1], int(sys.argv[2])
base = "サンプル基本約款\n\n" + "".join(f"第{a}条（条項{a}）\n契約者は、本約款の定めに従うものとします。\n２　前項の定めは、個別の約款にも適用されます。\n" for a in range(1, 31))
open(os.path.join(work, "base.txt"), "w").write(base)
manifest = ["documents:", "  - path: base.txt"]
for i in range(n):
    t = f"個別サービス{i}利用規約\n\n第1条（目的）\n当社は、サンプル基本約款（以下「基本約款」といいます。）に基づき、個別サービス{i}（以下「本サービス」といいます。）を提供します。\n２　本規約と基本約款の定めに齟齬がある場合、本規約の定めが優先されます。\n"
    for a in range(2, 21):
        t += f"第{a}条（事項{a}）\n本サービスの利用者は、基本約款第{a % 30 + 1}条第2項の規定にかかわらず、前条の定めに従うものとします。\n2　前項の期間は、1年間とします。\n"
    open(os.path.join(work, f"svc{i}.txt"), "w").write(t)
    manifest.append(f"  - path: svc{i}.txt")
open(os.path.join(work, "yakkan.yaml"), "w").write("\n".join(manifest) + "\n")
PY
measure() {
  local label=$1; shift
  local bytes
  bytes=$(du -cb "$@" 2>/dev/null | tail -1 | cut -f1)
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin" check "$@" --format json >/dev/null || true
  read -r secs kib < <(tail -n 1 "$work/time")
  printf '%-28s %10s bytes  %6ss  %8s KiB peak\n' "$label" "$bytes" "$secs" "$kib"
}
measure "clauses/" clauses
if [ -f ../shared/seeds/000_12339e680943ebfb.txt ]; then measure "seed" ../shared/seeds/000_12339e680943ebfb.txt; fi
measure "generated ($n documents)" "$work"
