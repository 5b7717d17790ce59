#!/usr/bin/env bash
# The README's examples run as written, in order, and exit as it says.
# Every `build/replicheck ...` command in a ```sh block of README.md states
# its exit code in a trailing comment (`# exit 1: ...`); a command may go on
# over lines ending in '\'. Each runs in one scratch folder (so a trace one
# example writes is there for the next), where `build` and `tests` point at
# the build and the repository's tests, so the paths read as in the README.
# A command without a stated exit code is a failure: the README must say.
#
# Kept fast: the examples listed in `slow` below are skipped, each with its
# reason, and printed as skipped; everything else runs (a few seconds in all).
# Usage: readme_examples_test.sh PATH/TO/replicheck PATH/TO/README.md
set -u
bin=${1:?usage: readme_examples_test.sh replicheck README.md}
readme=${2:?usage: readme_examples_test.sh replicheck README.md}
root=$(cd "$(dirname "$readme")" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
ln -s "$(cd "$(dirname "$bin")" && pwd)" "$work/build"
ln -s "$root/tests" "$work/tests"

# Substring of the command -> why it does not run here.
declare -A slow=(
  ["--param rm=12 --max-memory 2G"]="minutes and 2 GiB of memory on two cores"
  ["--param workload=counter --param regions=3 --param clients=3"]="about 14 s"
  ["--param pattern=version-tokens --param cuts=1"]="about 5 s"
  ["--param clients=3 --param crashes=0 --partial-order persistent-sets"]="20 minutes and 25 GB of disk on two cores"
  ["matrix --max-seconds 120"]="the whole matrix, about 10 s: the readme_matrix test runs it"
  ["matrix --format html --traces"]="the whole matrix again"
)

pass=0 fail=0 skipped=0
# Prints one example a line: the command, a tab, its stated exit code ("" if none).
examples() {
  python3 - "$readme" <<'PY'
import re, sys
in_sh, command = False, None  # command: the lines so far of one that goes on
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("```"):
        in_sh = line.strip() == "```sh"
        continue
    if not in_sh or (command is None and not line.startswith("build/replicheck ")):
        continue
    code, _, comment = line.partition(" #")
    code = code.rstrip()
    goes_on = code.endswith("\\")
    command = (command or []) + [(code[:-1] if goes_on else code).strip()]
    if goes_on:
        continue
    stated = re.match(r"\s*exit\s+([0-9]+)", comment)
    print(" ".join(command) + "\t" + (stated.group(1) if stated else ""))
    command = None
PY
}

count=0
while IFS=$'\t' read -r command stated; do
  count=$((count + 1))
  reason=""
  for key in "${!slow[@]}"; do [[ $command == *"$key"* ]] && reason=${slow[$key]}; done
  if [[ -n $reason ]]; then
    skipped=$((skipped + 1)); echo "skipped ($reason): $command"; continue
  fi
  if [[ -z $stated ]]; then
    fail=$((fail + 1)); echo "FAIL: the README states no exit code for: $command"; continue
  fi
  (cd "$work" && timeout 120 bash -c "$command" >"$work/out" 2>&1 </dev/null)
  rc=$?
  if [[ $rc -eq $stated ]]; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL: exit $rc, the README says $stated: $command"; tail -3 "$work/out"
  fi
done < <(examples)
[[ $count -ge 20 ]] || { fail=$((fail + 1)); echo "FAIL: only $count examples found in $readme"; }
echo "$pass passed, $fail failed, $skipped skipped (slow)"
[[ $fail -eq 0 ]]
