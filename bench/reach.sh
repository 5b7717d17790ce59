#!/usr/bin/env bash
# How far exhaustive search reaches, with and without symmetry: one Markdown
# table row per configuration (states, time, peak memory, each way).
#   bench/reach.sh MODEL 'PARAM=V PARAM=V' ['PARAM=V' ...]   ('' = defaults)
#   REPLICHECK=path/to/replicheck  WORKERS=2  LIMIT=600 (seconds per run)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${REPLICHECK:-$root/build/replicheck}
model=${1:?usage: reach.sh MODEL 'PARAMS' ...}
shift
[[ -x $bin ]] || { echo "reach: no $bin: run scripts/setup.sh first" >&2; exit 2; }
cell() {  # the JSON report of one run, as "states | time | memory"
  python3 - "$1" <<'PY'
import json, sys
j = json.loads(sys.argv[1])
states = f"{j['distinct_states']:,}" + ("" if j["complete"] else f" (stopped by {j['stopped_by']})")
print(f"{states} | {j['seconds']:.2f} s | {j['peak_rss_bytes'] / 2**20:,.0f} MiB")
PY
}
echo "| $model parameters | symmetry | states (orbits) | time | peak memory | states without | time | peak memory |"
echo "|---|---|---|---|---|---|---|---|"
for config in "$@"; do
  args=()
  for p in $config; do args+=(--param "$p"); done
  run() { "$bin" check "$model" "${args[@]}" --workers "${WORKERS:-2}" --max-seconds "${LIMIT:-600}" \
            --report json --no-progress "$@" || [[ $? == 1 || $? == 3 ]]; }
  on=$(run --symmetry on); off=$(run --symmetry off)
  name=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["symmetry"] or "none")' "$on")
  echo "| ${config:-(defaults)} | $name | $(cell "$on") | $(cell "$off") |"
done
