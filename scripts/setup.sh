#!/usr/bin/env bash
# Installs the Debian packages replicheck needs (only those missing), then
# configures and builds it. Safe to run again: a second run installs nothing
# and rebuilds only what changed.
#   BUILD_DIR   build folder (default: build/)
#   CMAKE_ARGS  extra arguments for cmake's configure step
#   WITH_TEST_TOOLS=1  also install what the tests use (Chromium for the
#                      trace viewer's browser test)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
packages=(g++ cmake ninja-build pkg-config python3 libboost1.81-dev librapidcheck-dev catch2
          libfmt-dev libcli11-dev nlohmann-json3-dev libxxhash-dev)
[[ ${WITH_TEST_TOOLS:-0} == 1 ]] && packages+=(chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo=sudo
  $sudo apt-get update -qq
  # libboost1.81-dev replaces Debian's default libboost-dev (1.74), whose MSM
  # does not compile as C++20 with GCC 12.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
build=${BUILD_DIR:-$root/build}
# shellcheck disable=SC2086
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DREPLICHECK_WERROR=ON \
  ${CMAKE_ARGS:-} >/dev/null
cmake --build "$build"
