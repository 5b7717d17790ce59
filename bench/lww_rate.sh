#!/bin/sh
# Benchmark: states per second of `replicheck check lww` on one worker, for
# two fixed configurations, so the rate can be measured again after a change.
#
#   bench/lww_rate.sh                       # uses build/replicheck, 3 runs each
#   REPLICHECK=other/replicheck REPEAT=5 bench/lww_rate.sh
#
# Configurations: the default one (470,534 states, complete) and a larger
# one stopped at 5 M states (3 regions, 3 clients, 1 item, no crash). Prints
# each run's rate and the median. The machine is shared and noisy: compare
# two binaries by running this for each, back to back, more than once.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${REPLICHECK:-$root/build/replicheck}
repeat=${REPEAT:-3}
[ -x "$bin" ] || { echo "lww_rate: no executable at $bin (set REPLICHECK)" >&2; exit 2; }

# Every state, not one per orbit: the rate of the engine, comparable with
# builds from before symmetry existed (they lack the option).
full=()
"$bin" check --help 2>/dev/null | grep -q -- --symmetry && full=(--symmetry off)
run() {  # name, then the parameters of `check lww`
  name=$1
  shift
  rates=""
  i=0
  while [ "$i" -lt "$repeat" ]; do
    set +e  # check exits 1: LWW's default configuration violates properties
    json=$("$bin" check lww --workers 1 --report json --no-progress "${full[@]}" "$@" 2>/dev/null)
    set -e
    states=$(printf '%s' "$json" | sed -n 's/.*"distinct_states": *\([0-9]*\).*/\1/p')
    rate=$(printf '%s' "$json" | sed -n 's/.*"states_per_second": *\([-0-9.eE+]*\).*/\1/p')
    [ -n "$rate" ] || { echo "lww_rate: no report from $bin check lww $*" >&2; exit 2; }
    rates="$rates $(printf '%.0f' "$rate")"
    i=$((i + 1))
  done
  median=$(printf '%s\n' $rates | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  printf '%-8s %9s states  median %8s states/s  (runs:%s)\n' "$name" "$states" "$median" "$rates"
}

run default
run large --param regions=3 --param clients=3 --param keys=1 --param crashes=0 --max-states 5000000
