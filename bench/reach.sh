#!/usr/bin/env bash
# How far exhaustive search reaches, with and without a reduction: one
# Markdown table row per configuration (states, time, peak memory, each way).
#   bench/reach.sh MODEL 'PARAM=V PARAM=V' ['PARAM=V' ...]   ('' = defaults)
#   REPLICHECK=path/to/replicheck  WORKERS=2  LIMIT=600 (seconds per run)
#   REDUCTION=symmetry (default), partial-order (sleep sets, both runs
#   --symmetry off; adds the successors generated, which is what they cut)
#   or persistent-sets (both runs --symmetry ${SYMMETRY:-off}: SYMMETRY=on
#   measures persistent sets on top of symmetry)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${REPLICHECK:-$root/build/replicheck}
model=${1:?usage: reach.sh MODEL 'PARAMS' ...}
shift
reduction=${REDUCTION:-symmetry}
case $reduction in
  symmetry) with=(--symmetry on); without=(--symmetry off); field=symmetry; extra="" ;;
  partial-order) with=(--symmetry off --partial-order on); without=(--symmetry off --partial-order off)
                 field=partial_order; extra=" generated |" ;;
  persistent-sets) with=(--symmetry "${SYMMETRY:-off}" --partial-order persistent-sets)
                   without=(--symmetry "${SYMMETRY:-off}" --partial-order off); field=partial_order; extra="" ;;
  *) echo "reach: REDUCTION must be symmetry, partial-order or persistent-sets, not '$reduction'" >&2; exit 2 ;;
esac
[[ -x $bin ]] || { echo "reach: no $bin: run scripts/setup.sh first" >&2; exit 2; }
cell() {  # the JSON report of one run, as "states | [generated |] time | memory"
  python3 - "$1" "$extra" <<'PY'
import json, sys
j = json.loads(sys.argv[1])
states = f"{j['distinct_states']:,}" + ("" if j["complete"] else f" (stopped by {j['stopped_by']})")
generated = f" {j['generated_states']:,} |" if sys.argv[2] else ""
print(f"{states} |{generated} {j['seconds']:.2f} s | {j['peak_rss_bytes'] / 2**20:,.0f} MiB")
PY
}
echo "| $model parameters | $reduction | states |$extra time | peak memory | states without |$extra time | peak memory |"
echo "|---|---|---|---|---|---|---|---|${extra:+---|---|}"
for config in "$@"; do
  args=()
  for p in $config; do args+=(--param "$p"); done
  run() { "$bin" check "$model" "${args[@]}" --workers "${WORKERS:-2}" --max-seconds "${LIMIT:-600}" \
            --report json --no-progress "$@" || [[ $? == 1 || $? == 3 ]]; }
  on=$(run "${with[@]}"); off=$(run "${without[@]}")
  name=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]] or "none")' "$on" "$field")
  echo "| ${config:-(defaults)} | $name | $(cell "$on") | $(cell "$off") |"
done
