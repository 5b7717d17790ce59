#!/bin/sh
# Benchmark: `replicheck check-history` on every porcupine Jepsen history,
# next to porcupine's reference time (EXPECTED.tsv, porcupine_seconds).
#
#   bench/history_bench.sh            # uses build/replicheck
#   REPLICHECK=build-asan/replicheck REPEAT=5 bench/history_bench.sh
#
# What is measured: "check_s" is the median, over REPEAT runs inside one
# process (hidden option --repeat), of the linearizability check alone --
# parsing not included -- the same thing porcupine_seconds measures (the
# median of repeated CheckEvents calls after parsing; porcupine runs the kv
# keys on 2 threads, replicheck on 1). "process_ms" is the wall-clock time of
# the whole process (start-up, reading, parsing and REPEAT checks), for
# reference. Also checks every verdict against EXPECTED.tsv.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${REPLICHECK:-$root/build/replicheck}
data=${REPLICHECK_PORCUPINE_DIR:-$root/tests/history/data/porcupine}
repeat=${REPEAT:-11}
[ -x "$bin" ] || { echo "history_bench: no executable at $bin (set REPLICHECK)" >&2; exit 2; }
[ -f "$data/EXPECTED.tsv" ] || { echo "history_bench: no $data/EXPECTED.tsv (set REPLICHECK_PORCUPINE_DIR)" >&2; exit 2; }

now_ns() { date +%s%N; }
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT

tail -n +2 "$data/EXPECTED.tsv" | while IFS="$(printf '\t')" read -r file model expected reference; do
  case $model in kv) m=kv ;; *) m=register ;; esac
  start=$(now_ns)
  set +e
  json=$("$bin" check-history "$data/$file" --model "$m" --report json --repeat "$repeat" 2>/dev/null)
  set -e
  end=$(now_ns)
  verdict=$(printf '%s' "$json" | sed -n 's/.*"verdict":"\([a-z-]*\)".*/\1/p')
  seconds=$(printf '%s' "$json" | sed -n 's/.*"seconds":\([-0-9.eE+]*\).*/\1/p')
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$file" "$expected" "${verdict:-error}" "${seconds:-0}" "$reference" \
    "$(( (end - start) / 1000 ))" >>"$rows"
done

awk -F '\t' -v repeat="$repeat" '
  function ratio(ref, ours) { return ours > 0 ? sprintf("%.1fx", ref / ours) : "-" }
  BEGIN {
    printf "%-14s %-13s %-17s %5s %12s %14s %9s %11s\n", "file", "expected", "verdict", "match", "check_s", "porcupine_s", "speedup", "process_ms"
  }
  {
    want = ($2 == "not") ? "not-linearizable" : "linearizable"
    ok = ($3 == want); matches += ok; n++
    printf "%-14s %-13s %-17s %5s %12.6f %14.6f %9s %11.1f\n", $1, $2, $3, ok ? "yes" : "NO", $4, $5, ratio($5, $4), $6 / 1000
    if ($1 ~ /^etcd_/) { etcd++; etcd_ours += $4; etcd_ref += $5; etcd_ms += $6 / 1000 }
    ours[$1] = $4; ref[$1] = $5
  }
  END {
    printf "\nverdicts matching EXPECTED.tsv: %d of %d\n", matches, n
    printf "all %d etcd files: check %.4f s (porcupine %.4f s, %s); whole processes %.0f ms\n", etcd, etcd_ours, etcd_ref, ratio(etcd_ref, etcd_ours), etcd_ms
    printf "\nslow files (target: at least 2x faster than porcupine):\n"
    split("etcd_002.log etcd_007.log etcd_099.log etcd_057.log etcd_075.log c50-ok.txt", slow, " ")
    for (i = 1; i <= 6; i++) {
      f = slow[i]
      printf "  %-13s %10.6f s vs %10.6f s  %7s  %s\n", f, ours[f], ref[f], ratio(ref[f], ours[f]), (ours[f] > 0 && ref[f] / ours[f] >= 2) ? "ok" : "MISSED"
    }
    printf "(check_s: median of %d in-process checks, parsing excluded)\n", repeat
    exit matches == n ? 0 : 1
  }' "$rows"
