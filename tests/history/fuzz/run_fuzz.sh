#!/bin/sh
# Builds the history-parser fuzz target with clang++-14 (libFuzzer + ASan +
# UBSan) and runs it. Not part of the normal build.
#
#   tests/history/fuzz/run_fuzz.sh [SECONDS] [WORKDIR]
#
# SECONDS (default 120) is the run time; WORKDIR (default build-fuzz/ in the
# repository) holds the binary, the growing corpus and any crash-* files.
# The run starts from tests/history/corpus/ plus a few porcupine histories.
# To keep new interesting inputs as regression tests, minimise them
# (the binary's -merge=1 into an empty folder) and copy a few small ones to
# tests/history/corpus/; test_history_io.cpp feeds every file there to all
# parsers.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
seconds=${1:-120}
work=${2:-$root/build-fuzz}
mkdir -p "$work/corpus"

clang++-14 -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$root" "$here/fuzz_history.cpp" "$root"/properties/*.cpp -lfmt -o "$work/fuzz_history"

cp "$root"/tests/history/corpus/* "$work/corpus/" 2>/dev/null || true
porcupine=${REPLICHECK_PORCUPINE_DIR:-$root/tests/history/data/porcupine}
for f in etcd_000.log etcd_100.log c01-bad.txt; do
  [ -f "$porcupine/$f" ] && cp "$porcupine/$f" "$work/corpus/seed-$f"
done

cd "$work"
./fuzz_history -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 corpus
