#!/bin/sh
# Exit codes and messages of `replicheck check-history` (0 linearizable,
# 1 not, 2 bad input, 3 unknown). Usage: cli_check_history_test.sh REPLICHECK PORCUPINE_DIR
set -u
bin=$1
data=$2
. "$(dirname "$0")/cli_expect.sh"

expect 0 'linearizable' "$data/etcd_002.log" --model register
expect 1 'NOT LINEARIZABLE' "$data/etcd_000.log" --model register
expect 1 'cannot' "$data/etcd_000.log" --model register --format jepsen-log
expect 0 '"verdict":"linearizable"' "$data/c01-ok.txt" --model kv --report json
expect 1 '"verdict":"not-linearizable"' "$data/c01-bad.txt" --model kv --report json --format kv-log
expect 1 '"blocked"' "$data/c10-bad.txt" --model kv --report json
expect 0 'no operations' "$data/etcd_095.log" --model register
expect 3 'UNKNOWN' "$data/etcd_007.log" --model register --max-steps 100
expect 3 '"verdict":"unknown"' "$data/etcd_007.log" --model register --max-steps 100 --report json

# Bad input: exit 2 with one message naming the file (and line).
expect 2 'no such file' "$tmp/missing.log" --model register
expect 2 'is a directory' "$tmp" --model register
expect 2 'model' "$data/etcd_000.log" --model queue
expect 2 'model' "$data/etcd_000.log"
expect 2 'format' "$data/etcd_000.log" --model register --format xml
expect 2 '^replicheck: error: --max-steps: .-5. is not a non-negative integer$' "$data/etcd_000.log" --model register --max-steps -5
expect 2 '^replicheck: error: --budget-seconds: must be a non-negative number$' "$data/etcd_000.log" --model register --budget-seconds abc
expect 2 'etcd_000.log:1: operation 1 (read -> nil): the counter model holds integers, not nil' "$data/etcd_000.log" --model counter
expect 2 'c01-ok.txt:1: operation 1 (append "x 0 0 y" \[key "0"\]): the counter model has no append' "$data/c01-ok.txt" --model counter
printf 'INFO  jepsen.util - 1\t:invoke\t:write\t1\nbroken line\n' >"$tmp/bad.log"
expect 2 'bad.log:2: not a Jepsen history line' "$tmp/bad.log" --model register
: >"$tmp/empty.txt"
expect 2 'empty.txt: the file is empty' "$tmp/empty.txt" --model register
: >"$tmp/empty.json"
expect 2 'empty.json: the file is empty' "$tmp/empty.json" --model register
printf '{"format": "replicheck-history", "version": 1, "operations": [\n{"session": 1, "f": "read", "status": "ok", "invoke": 1, "response": 2, "output": [null]}\n]}\n' >"$tmp/ok.json"
expect 0 'linearizable' "$tmp/ok.json" --model register
printf '{"session": 1}\n' >"$tmp/h.json"
expect 2 'h.json:1: missing "format"' "$tmp/h.json" --model register

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all check-history command-line checks passed"
