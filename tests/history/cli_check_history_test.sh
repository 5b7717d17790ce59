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
# --max-memory as check has it (K/M/G); --max-memory-mb stays for scripts.
expect 3 'memory budget of 1 MiB exhausted' "$data/etcd_007.log" --model register --max-memory 1M
expect 3 'memory budget of 1 MiB exhausted' "$data/etcd_007.log" --model register --max-memory-mb 1
expect 0 'linearizable' "$data/etcd_007.log" --model register --max-memory 0
expect 2 "^replicheck: error: --max-memory: 'nan' is not a size" "$data/etcd_007.log" --model register --max-memory nan
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

# JSON histories: an explanation names operations by index and clock
# positions (the format has no response lines; it once said "lines 2-0").
json_ops() { printf '{"format": "replicheck-history", "version": 1, "operations": [\n%s\n]}\n' "$1"; }
json_ops '{"session": 1, "f": "write", "input": [1], "status": "ok", "invoke": 1, "response": 2},
{"session": 2, "f": "read", "output": [2], "status": "ok", "invoke": 3, "response": 4}' >"$tmp/stale.json"
expect 1 '^        process 2   read -> 2  *operations\[1\], t 3-4$' "$tmp/stale.json" --model register
expect 1 '"where":"operations\[0\], t 1-2"' "$tmp/stale.json" --model register --report json
# A session has at most one operation in flight: an overlap is refused.
json_ops '{"session": 1, "f": "write", "input": [1], "status": "ok", "invoke": 1, "response": 5},
{"session": 1, "f": "read", "output": [1], "status": "ok", "invoke": 3, "response": 6}' >"$tmp/overlap.json"
expect 2 '^replicheck: error: .*overlap.json:3: operations\[0\] and operations\[1\] of session 1 overlap' \
  "$tmp/overlap.json" --model register

# Session guarantees from the command line (properties/session.hpp).
json_ops '{"session": 1, "f": "write", "input": [1], "status": "ok", "invoke": 1, "response": 2},
{"session": 1, "f": "read", "output": [null], "status": "ok", "invoke": 3, "response": 4}' >"$tmp/ryw.json"
expect 1 'ryw.json: SESSION GUARANTEES VIOLATED (read-your-writes' "$tmp/ryw.json" --model register --consistency read-your-writes
expect 0 'session guarantees hold (monotonic-reads, monotonic-writes' "$tmp/ryw.json" --model register --consistency monotonic-reads,monotonic-writes
expect 1 '"session":{"guarantees":\["read-your-writes"\],"verdict":"violated"' "$tmp/ryw.json" --model register --consistency linearizable,read-your-writes --report json
expect 2 '^replicheck: error: --consistency: bogus not in' "$tmp/ryw.json" --model register --consistency bogus
expect 2 'session guarantees are checked on register and kv histories, not counter' "$tmp/ryw.json" --model counter --consistency no-lost-writes

# `-` reads stdin; several files: a report each, then a total line; exit
# code the worst (bad input, violation, unknown, pass).
"$bin" check-history - --model register <"$data/etcd_002.log" >"$tmp/out" 2>&1
got=$?
if [ "$got" -ne 0 ] || ! grep -q '^<stdin>: linearizable' "$tmp/out"; then
  echo "FAIL: check-history - <etcd_002.log -> exit $got"; sed 's/^/    /' "$tmp/out"; failures=$((failures + 1))
fi
expect 1 '^total: 3 files: 2 pass, 1 violation, 0 unknown, 0 bad input$' "$data/etcd_002.log" "$tmp/ok.json" "$tmp/stale.json" --model register
expect 1 "^$tmp/stale.json: NOT LINEARIZABLE" "$data/etcd_002.log" "$tmp/stale.json" --model register
expect 2 '"total":{"files":2,"pass":1,"violation":0,"unknown":0,"bad_input":1' "$tmp/ok.json" "$tmp/missing.json" --model register --report json

# SIGTERM (what timeout and CI runners send) ends the check like SIGINT: an
# honest "unknown", exit 3, with the report. 24 concurrent writes and a read
# of a value none wrote take the search well over a second (10 s here).
ops='{"session": 0, "f": "read", "output": [999], "status": "ok", "invoke": 50, "response": 200}'
for i in $(seq 1 24); do
  ops="$ops,
{\"session\": $i, \"f\": \"write\", \"input\": [$i], \"status\": \"ok\", \"invoke\": $i, \"response\": $((100 + i))}"
done
json_ops "$ops" >"$tmp/slow.json"
expect 3 'gave up: time budget exhausted' "$tmp/slow.json" --model register --max-seconds 0.2
for sig in TERM INT; do
  timeout --preserve-status -s $sig 1 "$bin" check-history "$tmp/slow.json" --model register >"$tmp/out" 2>&1
  got=$?
  if [ "$got" -ne 3 ] || ! grep -q "gave up: interrupted by SIG$sig" "$tmp/out"; then
    echo "FAIL: SIG$sig during check-history -> exit $got (want 3)"; sed 's/^/    /' "$tmp/out"; failures=$((failures + 1))
  fi
done
# ... also while it waits on stdin: not checked, exit 3, no bad-input error.
sleep 2 | timeout --preserve-status -s TERM 1 "$bin" check-history - --model register >"$tmp/out" 2>&1
got=$?
if [ "$got" -ne 3 ] || ! grep -q '^replicheck: note: <stdin>: interrupted by SIGTERM while reading' "$tmp/out"; then
  echo "FAIL: SIGTERM while reading stdin -> exit $got (want 3)"; sed 's/^/    /' "$tmp/out"; failures=$((failures + 1))
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all check-history command-line checks passed"
