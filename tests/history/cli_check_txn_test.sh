#!/bin/sh
# Exit codes and messages of `replicheck check-history --model list-append|rw-register`
# (0 the --consistency model holds, 1 it does not, 2 bad input, 3 undecided).
# Usage: cli_check_txn_test.sh REPLICHECK ELLE_DIR
set -u
bin=$1
data=$2
. "$(dirname "$0")/cli_expect.sh"

si=$data/si-without-g-single.edn
expect 1 'serializable: NOT SATISFIED' "$si" --model list-append --consistency serializable
expect 1 'T3 -rw-> T4: T3 read key 6 as empty' "$si" --model list-append --consistency serializable
expect 0 'snapshot-isolation: satisfied' "$si" --model list-append --consistency snapshot-isolation
expect 1 '"verdict":"violated"' "$si" --model list-append --report json
expect 0 '"strongest":"snapshot-isolation"' "$si" --model list-append --consistency read-atomic --report json

cat >"$tmp/ok.json" <<'JSON'
{"format": "replicheck-txn-history", "version": 1, "operations": [
  {"process": 0, "status": "ok", "invoke": 1, "complete": 2, "value": [["w", "x", 1]]},
  {"process": 1, "status": "ok", "invoke": 3, "complete": 4, "value": [["r", "x", 1], ["w", "x", 2]]}
]}
JSON
expect 0 'strict-serializable: satisfied' "$tmp/ok.json" --model rw-register
# Two writes nobody read: their order is not known; a one-step search cannot decide.
cat >"$tmp/open.json" <<'JSON'
{"format": "replicheck-txn-history", "version": 1, "operations": [
  {"process": 0, "status": "ok", "invoke": 1, "complete": 9, "value": [["w", "x", 1]]},
  {"process": 1, "status": "ok", "invoke": 1, "complete": 9, "value": [["w", "x", 2]]},
  {"process": 2, "status": "ok", "invoke": 1, "complete": 9, "value": [["r", "x", 1]]}
]}
JSON
expect 3 'serializable: undecided' "$tmp/open.json" --model rw-register --consistency serializable --max-steps 1
expect 0 'serializable: satisfied' "$tmp/open.json" --model rw-register --consistency serializable

# Bad input: one message naming FILE:LINE, exit 2.
printf '%s\n' '{:type :invoke, :f :txn, :process 0, :value [[:append 1 2]]}' \
  '{:type :ok, :f :txn, :process 0, :value [[:append 1 2] [:cas 1 [1]]]}' >"$tmp/bad.edn"
expect 2 "bad.edn:2: \[:cas 1 \[1\]\]: cas is not a list-append micro-operation" "$tmp/bad.edn" --model list-append
expect 2 "bad.edn:1: \[:append 1 2\]: append is not a rw-register" "$tmp/bad.edn" --model rw-register
printf '{"format": "replicheck-txn-history", "version": 1, "operations": [\n{"process": 0,\n' >"$tmp/cut.json"
expect 2 'cut.json:3: invalid JSON' "$tmp/cut.json" --model list-append
expect 2 'consistency' "$si" --model list-append --consistency linearizable

[ "$failures" -eq 0 ] && echo "all check-history transactional cases passed"
exit "$failures"
