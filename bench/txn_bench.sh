#!/bin/sh
# Benchmark: `replicheck check-history --model list-append` on generated
# serializable histories (bench/txn_history.py: 8 keys active at a time, 4
# micro-operations a transaction). Prints, per size, the checking time the
# report states (parsing excluded), the whole process's wall-clock time and
# its peak memory.
#
#   bench/txn_bench.sh                 # sizes 10000 100000
#   SIZES="10000 100000 1000000" bench/txn_bench.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${REPLICHECK:-$root/build/replicheck}
[ -x "$bin" ] || { echo "txn_bench: no executable at $bin (set REPLICHECK)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'transactions\tcheck_s\tprocess_s\tpeak_mib\n'
for n in ${SIZES:-10000 100000}; do
  python3 "$root/bench/txn_history.py" "$n" >"$tmp/h.edn"
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$bin" check-history "$tmp/h.edn" --model list-append >"$tmp/out"
  check=$(sed -n '1s/.*checked in \([0-9.]*\) s.*/\1/p' "$tmp/out")
  read -r wall kib <"$tmp/time"
  printf '%s\t%s\t%s\t%s\n' "$n" "$check" "$wall" "$((kib / 1024))"
done
