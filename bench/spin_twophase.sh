#!/usr/bin/env bash
# SPIN's exhaustive search of two-phase commit (the TLA+ TwoPhase spec, as
# written by bench/twophase_promela.py) with N resource managers. Prints one line:
#   spin N=<n> states=<stored> transitions=<t> seconds=<s>
# Safety only, full state storage, no partial-order reduction, one core; the
# stored states are the spec's distinct states. For N = 3, 5, 7, 8, 9 the
# count must be the classic one (288; 8,832; 296,448; 1,745,408; 10,340,352),
# otherwise the script exits 1, as it does if the consistency assertion fails.
#   bench/spin_twophase.sh N        (needs spin and gcc: apt-get install -y spin)
set -euo pipefail
n=${1:?usage: spin_twophase.sh N}
here=$(cd "$(dirname "$0")" && pwd)
for tool in spin gcc python3; do
  command -v "$tool" >/dev/null || { echo "spin_twophase: $tool not found" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 "$here/twophase_promela.py" "$n" >"$tmp/twophase.pml"
(cd "$tmp" && spin -a twophase.pml >spin.out) || { cat "$tmp/spin.out" >&2; exit 2; }
gcc -O2 -DSAFETY -DNOREDUCE -o "$tmp/pan" "$tmp/pan.c" 2>"$tmp/gcc.out" || { cat "$tmp/gcc.out" >&2; exit 2; }
(cd "$tmp" && ./pan >pan.out 2>&1) || true

out="$tmp/pan.out"
# pan prints counts with 8 significant digits (%9.8g), in e-notation above
# 99,999,999: exact below that, rounded above.
states=$(awk '$2 == "states," && $3 == "stored" { printf "%.0f", $1 }' "$out")
trans=$(awk '$2 == "transitions" { printf "%.0f", $1 }' "$out")
secs=$(awk '/^pan: elapsed time/ { print $4 }' "$out")
errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' "$out")
if [[ -z $states || -z $trans || -z $secs || ${errors:-1} != 0 ]]; then
  echo "spin_twophase: pan did not finish cleanly (errors: ${errors:-?}):" >&2
  cat "$out" >&2
  exit 1
fi
echo "spin N=$n states=$states transitions=$trans seconds=$secs"

case $n in
  3) want=288 ;; 5) want=8832 ;; 7) want=296448 ;; 8) want=1745408 ;; 9) want=10340352 ;;
  *) want= ;;
esac
if [[ -n $want && $states != "$want" ]]; then
  echo "spin_twophase: $states states for N=$n, the TwoPhase spec has $want" >&2
  exit 1
fi
