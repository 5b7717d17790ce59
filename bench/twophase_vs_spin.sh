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
# The small configuration runs RUNS times (default 3), the three searches in
# turn, and each is reported by its median (and range): this machine's speed
# drifts by 10-20% from minute to minute, and alike for both tools.
#   bench/twophase_vs_spin.sh [RM=9] [BIG_RM=10]
#   REPLICHECK=path/to/replicheck (default build/replicheck), RUNS=3
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rm_n=${1:-9}
big=${2:-10}
runs=${RUNS:-3}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "twophase_vs_spin: RUNS must be a positive number, not '$runs'" >&2; exit 2; }
bin=${REPLICHECK:-$root/build/replicheck}
spin_script="$root/bench/spin_twophase.sh"   # SPIN on bench/twophase_promela.py's model
command -v spin >/dev/null || { echo "installing spin"; apt-get install -y -qq spin >/dev/null; }
[[ -x $bin ]] || { echo "no $bin: run scripts/setup.sh first" >&2; exit 2; }

echo "two-phase commit, rm=$rm_n, one core each, median of $runs runs (each tool in turn)"
ours=() sleeps=() spins=()
for ((i = 0; i < runs; i++)); do
  ours+=("$("$bin" check two-phase --param rm="$rm_n" --workers 1 --symmetry off --report json --no-progress)")
  sleeps+=("$("$bin" check two-phase --param rm="$rm_n" --workers 1 --symmetry off --partial-order sleep-sets \
    --report json --no-progress)")
  spins+=("$(bash "$spin_script" "$rm_n")")
done
python3 - "$runs" "${ours[@]}" "${sleeps[@]}" "${spins[@]}" <<'PY'
import json, re, statistics, sys
n = int(sys.argv[1])
ours, sleeps = [json.loads(a) for a in sys.argv[2:2 + n]], [json.loads(a) for a in sys.argv[2 + n:2 + 2 * n]]
spins = [{k: float(v) for k, v in re.findall(r"(states|seconds)=([0-9.]+)", a)} for a in sys.argv[2 + 2 * n:]]
def summary(runs, states_key, secs_key):
    secs = sorted(r[secs_key] for r in runs)
    states = {int(r[states_key]) for r in runs}
    return states, statistics.median(secs), secs
o_states, o_med, o_all = summary(ours, "distinct_states", "seconds")
p_states, p_med, p_all = summary(sleeps, "distinct_states", "seconds")
s_states, s_med, s_all = summary(spins, "states", "seconds")
span = lambda xs: "-".join(f"{x:.2f}" for x in (xs[0], xs[-1])) if len(xs) > 1 else f"{xs[0]:.2f}"
o, p, s = (next(iter(x)) for x in (o_states, p_states, s_states))
peak = lambda runs: max(r["peak_rss_bytes"] for r in runs) / 2**20
print(f"  replicheck  {o:>12,} states  {o_med:8.2f} s ({span(o_all)})  {o/o_med:>12,.0f} states/s  peak {peak(ours):.0f} MiB")
print(f"  spin        {s:>12,} states  {s_med:8.2f} s ({span(s_all)})  {s/s_med:>12,.0f} states/s")
print(f"  ratio (replicheck / spin, states per second, medians): {(o/o_med)/(s/s_med):.2f}x")
print(f"  replicheck, sleep sets  {p:>12,} states  {p_med:8.2f} s ({span(p_all)})  {p/p_med:>12,.0f} states/s  peak {peak(sleeps):.0f} MiB")
print(f"  ratio with sleep sets (same states, fewer transitions): {(p/p_med)/(s/s_med):.2f}x")
if len(o_states | p_states | s_states) != 1: print("  WARNING: state counts differ"); sys.exit(1)
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
