#!/usr/bin/env bash
# replicheck against SPIN on the same two-phase-commit state space, in one run.
# Prints both tools' distinct states per second and their ratio, then the
# large configuration's time and peak memory with two workers: both on the
# full state space (--symmetry off, so the count equals SPIN's), the large one
# also with sleep sets, then with symmetry (one state per orbit of the
# resource managers).
# The small configuration is also run with sleep sets (--partial-order
# sleep-sets): they prune transitions, never states, so the count still
# equals SPIN's (checked) while fewer successors are generated; SPIN stays
# at -DNOREDUCE, whose partial-order reduction would change its count.
#   bench/twophase_vs_spin.sh [RM=9] [BIG_RM=10]
#   REPLICHECK=path/to/replicheck (default build/replicheck)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rm_n=${1:-9}
big=${2:-10}
bin=${REPLICHECK:-$root/build/replicheck}
spin_script="$root/bench/spin_twophase.sh"   # SPIN on bench/twophase_promela.py's model
command -v spin >/dev/null || { echo "installing spin"; apt-get install -y -qq spin >/dev/null; }
[[ -x $bin ]] || { echo "no $bin: run scripts/setup.sh first" >&2; exit 2; }

field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

echo "two-phase commit, rm=$rm_n, one core each"
ours=$("$bin" check two-phase --param rm="$rm_n" --workers 1 --symmetry off --report json --no-progress)
o_states=$(field distinct_states <<<"$ours"); o_secs=$(field seconds <<<"$ours")
o_rss=$(field peak_rss_bytes <<<"$ours")
sleep_run=$("$bin" check two-phase --param rm="$rm_n" --workers 1 --symmetry off --partial-order sleep-sets \
  --report json --no-progress)
p_states=$(field distinct_states <<<"$sleep_run"); p_secs=$(field seconds <<<"$sleep_run")
p_rss=$(field peak_rss_bytes <<<"$sleep_run")
spin=$(bash "$spin_script" "$rm_n")
s_states=$(sed -E 's/.*states=([0-9]+).*/\1/' <<<"$spin"); s_secs=$(sed -E 's/.*seconds=([0-9.]+).*/\1/' <<<"$spin")
python3 - "$o_states" "$o_secs" "$o_rss" "$s_states" "$s_secs" "$p_states" "$p_secs" "$p_rss" <<'PY'
import sys
os_, osec, orss, ss, ssec, ps, psec, prss = (t(a) for t, a in zip((int, float, int, int, float, int, float, int), sys.argv[1:]))
print(f"  replicheck  {os_:>12,} states  {osec:8.2f} s  {os_/osec:>12,.0f} states/s  peak {orss/2**20:.0f} MiB")
print(f"  spin        {ss:>12,} states  {ssec:8.2f} s  {ss/ssec:>12,.0f} states/s")
print(f"  ratio (replicheck / spin, states per second): {(os_/osec)/(ss/ssec):.2f}x")
print(f"  replicheck, sleep sets  {ps:>12,} states  {psec:8.2f} s  {ps/psec:>12,.0f} states/s  peak {prss/2**20:.0f} MiB")
print(f"  ratio with sleep sets (same states, fewer transitions): {(ps/psec)/(ss/ssec):.2f}x")
if os_ != ss or ps != ss: print("  WARNING: state counts differ"); sys.exit(1)
PY
if [[ $big -gt 0 ]]; then
  line() {
    python3 -c "
import json,sys; j=json.loads(sys.argv[1])
print(f\"  replicheck  {j['distinct_states']:>12,} states  {j['seconds']:8.2f} s  {j['states_per_second']:>12,.0f} states/s  peak {j['peak_rss_bytes']/2**20:.0f} MiB  {j['bytes_per_state']:.1f} bytes/state  verdict {j['verdict']}\")" "$1"
  }
  echo "two-phase commit, rm=$big, two workers (target: <= 15 s, <= 1 GiB peak)"
  line "$("$bin" check two-phase --param rm="$big" --workers 2 --symmetry off --report json --no-progress)"
  echo "two-phase commit, rm=$big, two workers, sleep sets (same states, fewer transitions)"
  line "$("$bin" check two-phase --param rm="$big" --workers 2 --symmetry off --partial-order sleep-sets --report json --no-progress)"
  echo "two-phase commit, rm=$big, two workers, symmetry (states are orbits)"
  line "$("$bin" check two-phase --param rm="$big" --workers 2 --report json --no-progress)"
fi
