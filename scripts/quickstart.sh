#!/usr/bin/env bash
# README command 1: install what is missing, build, run a default check.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
echo
"$root/build/replicheck" check two-phase --param rm=5
