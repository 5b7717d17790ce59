#!/usr/bin/env bash
# README command 2: install what is missing, build, run every test; then
# build again with AddressSanitizer + UndefinedBehaviorSanitizer and run
# every test once more. Exits non-zero if anything fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
WITH_TEST_TOOLS=1 "$root/scripts/setup.sh"
ctest --test-dir "$root/build" --output-on-failure -j 2
if [[ ${REPLICHECK_SKIP_SANITIZERS:-0} != 1 ]]; then
  echo
  echo "== again under AddressSanitizer + UndefinedBehaviorSanitizer =="
  BUILD_DIR="$root/build-asan" \
    CMAKE_ARGS="-DREPLICHECK_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo" "$root/scripts/setup.sh"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir "$root/build-asan" --output-on-failure -j 2
fi
