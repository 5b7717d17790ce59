#!/usr/bin/env bash
# What each client pattern repairs and what it costs, measured: runs
# `replicheck check lww` once per pattern (default parameters plus the ones
# given here) and prints each property's verdict as a Markdown table.
# Usage: scripts/lww_patterns.sh [--param key=value ...]   (REPLICHECK=path)
set -euo pipefail
bin=${REPLICHECK:-build/replicheck}
[[ -x $bin ]] || { echo "lww_patterns.sh: $bin not found; build first (scripts/quickstart.sh)" >&2; exit 2; }
patterns=(none sticky version-tokens conditional home-region)
declare -A verdict
names=()
for p in "${patterns[@]}"; do
  out=$("$bin" check lww --param "pattern=$p" "$@" 2>&1) || [[ $? == 1 ]] || { echo "$out" >&2; exit 2; }
  while read -r status kind name _; do
    if [[ -z ${verdict[$name,listed]+x} ]]; then names+=("$name"); verdict[$name,listed]=1; fi
    verdict[$name,$p]=$status
  done < <(sed -n '/^properties$/,/^states/p' <<<"$out" | grep -E '^  (holds|violated|reached|unreached) ')
done
printf '| property |'; printf ' %s |' "${patterns[@]}"; printf '\n|---|'; printf -- '---|%.0s' "${patterns[@]}"; printf '\n'
for n in "${names[@]}"; do
  printf '| %s |' "$n"
  for p in "${patterns[@]}"; do printf ' %s |' "${verdict[$n,$p]:--}"; done
  printf '\n'
done
