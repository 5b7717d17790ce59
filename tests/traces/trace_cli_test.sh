#!/usr/bin/env bash
# The trace commands' contract: --trace-out in every format, replay and
# minimize exit codes, one-line errors for bad files, byte-identical output
# for the same seed. Usage: trace_cli_test.sh PATH/TO/replicheck
set -u
bin=${1:?usage: trace_cli_test.sh replicheck}
pass=0 fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
expect() {  # expect CODE PATTERN -- args...
  local code=$1 pattern=$2; shift 3
  local out rc
  out=$("$bin" "$@" 2>&1); rc=$?
  if [[ $rc -eq $code ]] && grep -qE -- "$pattern" <<<"$out"; then ok; else
    bad "replicheck $* -> exit $rc (want $code), output lacks /$pattern/:"; head -5 <<<"$out"; fi
}
mutant=(check two-phase --param bug=commit-early --no-progress --symmetry off)  # the full search's trace, as the tests expect
walk=(check two-phase --param bug=commit-early --simulate 50 --seed 5 --max-depth 40 --no-progress)

# --trace-out: the extension picks the format.
for ext in txt json mmd html; do
  expect 1 'shortest trace, 5 steps' -- "${mutant[@]}" --trace-out "$tmp/bfs.$ext"
done
grep -q '^  step  TM  *rm0  *rm1  *rm2$' "$tmp/bfs.txt" && ok || bad "txt lacks the lane header"
grep -q "^  Step 5 violates always property 'consistent'" "$tmp/bfs.txt" && ok || bad "txt lacks the verdict"
grep -q '^sequenceDiagram$' "$tmp/bfs.mmd" && ok || bad "mmd is not a sequence diagram"
grep -q 'id="trace-data"' "$tmp/bfs.html" && ok || bad "html lacks the embedded trace"
python3 - "$tmp/bfs.json" <<'PY' && ok || bad "json fields"
import json, sys
t = json.load(open(sys.argv[1]))
assert t["schema_version"] == 1 and t["model"] == "two-phase" and t["length"] == 5
assert t["params"] == {"rm": "3", "bug": "commit-early"} and t["property"]["name"] == "consistent"
assert all({"action_index", "action", "lane", "kind", "state"} <= s.keys() for s in t["steps"])
PY
# The build id is recorded; a trace from before it was (no "build") replays.
python3 - "$tmp/bfs.json" "$tmp/old.json" "$("$bin" --version)" <<'PY' && ok || bad "json build id"
import json, sys
t = json.load(open(sys.argv[1]))
assert t["build"] == sys.argv[3], t["build"]
del t["build"]
json.dump(t, open(sys.argv[2], "w"))
PY
expect 1 "step 5 violates always property 'consistent'" -- replay "$tmp/old.json"
expect 2 'must end in .txt, .json, .mmd or .html' -- "${mutant[@]}" --trace-out "$tmp/x.pdf"

# --trace-out with --expect saves an unexpected violation, not the expected
# one; --trace-property picks one; the CLI says which it wrote.
lww=(check lww --no-progress --symmetry off)
expect 1 "^trace of read-your-writes-routed written to $tmp/unexpected.json$" -- "${lww[@]}" \
  --expect no-lost-write=violated --trace-out "$tmp/unexpected.json"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["property"]["name"] == "read-your-writes-routed"' \
  "$tmp/unexpected.json" && ok || bad "--expect: the trace written is not the first unexpected violation"
expect 0 'no unexpected violation, so no trace written' -- "${lww[@]}" --expect no-lost-write=violated \
  --expect linearizable=violated --expect read-your-writes-routed=violated --expect monotonic-reads-routed=violated \
  --expect no-torn-transaction-remote=violated --expect serializable=violated --trace-out "$tmp/none.json"
[[ ! -e "$tmp/none.json" ]] && ok || bad "a trace was written though every violation was expected"
expect 1 "^trace of no-lost-write written to $tmp/lww.txt$" -- "${lww[@]}" --trace-property no-lost-write \
  --trace-out "$tmp/lww.txt"
expect 1 "^trace of stale-write-dropped written to $tmp/witness.json$" -- "${lww[@]}" \
  --trace-property stale-write-dropped --trace-out "$tmp/witness.json"
expect 2 "^replicheck: error: --trace-property: no property 'no-such'" -- "${lww[@]}" --trace-property no-such \
  --trace-out "$tmp/x.json"
# Text: an arrow's label too long for its gap wraps below it, never vanishes.
# (Which shortest trace BFS finds depends on its frontier order: match any
# stale-dropped arrow, not one step of one trace.)
grep -A1 -E '^ +[0-9]+  [*o<>-]+k[0-9]=[0-9]+@[0-9]+\.r[0-9] \(stale,' "$tmp/lww.txt" |
  grep -qE '^ +\| +dropped\) +\|$' && ok ||
  bad "txt: the stale-dropped arrow's label is missing or not wrapped"
# Mermaid: '#' (write #0) is an entity code, not a blank.
expect 1 'written to' -- "${lww[@]}" --trace-property no-lost-write --trace-out "$tmp/lww.mmd"
grep -q 'applies replicated write #35;0 from r0' "$tmp/lww.mmd" && ! grep -q 'write  0' "$tmp/lww.mmd" && ok ||
  bad "mmd: '#' is not escaped"

# replay: 1 reproduced, 0 nothing violated, 2 cannot replay.
expect 1 "step 5 violates always property 'consistent'" -- replay "$tmp/bfs.json"
python3 - "$tmp/bfs.json" "$tmp/prefix.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1])); t["steps"] = t["steps"][:3]; t["length"] = 3
json.dump(t, open(sys.argv[2], "w"))
PY
expect 0 'no property is violated' -- replay "$tmp/prefix.json"
python3 - "$tmp/bfs.json" "$tmp/stale.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1])); t["steps"][2]["state"]["tm"] = "aborted"
json.dump(t, open(sys.argv[2], "w"))
PY
expect 2 "stale.json: step 3 does not replay: after 'TM decides Commit and sends it', tm is 'committed', the trace says 'aborted'" -- replay "$tmp/stale.json"
expect 2 'missing.json: cannot open' -- replay "$tmp/missing.json"
printf '{"schema_version": 1,\n  "model": }\n' >"$tmp/broken.json"
expect 2 '^replicheck: error: .*broken.json: malformed JSON at line 2, column 12: syntax error' -- replay "$tmp/broken.json"
sed 's/"schema_version": 1/"schema_version": 9/' "$tmp/bfs.json" >"$tmp/future.json"
expect 2 'future.json: schema_version 9 is not supported' -- replay "$tmp/future.json"
sed 's/"model": "two-phase"/"model": "three-phase"/' "$tmp/bfs.json" >"$tmp/model.json"
expect 2 "model.json: unknown model 'three-phase'" -- replay "$tmp/model.json"
sed 's/"rm": "3"/"rm": "99"/' "$tmp/bfs.json" >"$tmp/params.json"
expect 2 "params.json: parameter 'rm': 99 is out of range" -- replay "$tmp/params.json"
# Files that are not a trace say what they are, in one line of our words.
expect 2 "^replicheck: error: $tmp is a directory$" -- replay "$tmp"
expect 2 "^replicheck: error: .*bfs.html is an HTML trace; replay reads the .json form$" -- replay "$tmp/bfs.html"
head -c 700 "$tmp/bfs.json" >"$tmp/cut.json"
expect 2 '^replicheck: error: .*cut.json: truncated JSON at line [0-9]+, column [0-9]+$' -- replay "$tmp/cut.json"
sed 's/"name": "consistent"/"name": "agreement"/' "$tmp/bfs.json" >"$tmp/renamed.json"
expect 2 "^replicheck: error: .*renamed.json: unknown property 'agreement'" -- replay "$tmp/renamed.json"
expect 2 "unknown property 'agreement'" -- minimize "$tmp/renamed.json"
# Fields compare by name: a trace for rm=3 replayed as rm=5 lacks two fields.
sed 's/"rm": "3"/"rm": "5"/' "$tmp/bfs.json" >"$tmp/rm5.json"
expect 2 "rm5.json: step 0 does not replay: the initial state differs: the model has fields 'rm3', 'rm4' the trace lacks" -- replay "$tmp/rm5.json"
out=$("$bin" replay "$tmp/stale.json" 2>&1)
[[ $(wc -l <<<"$out") -eq 1 ]] && ok || bad "a bad trace gives more than one line: $out"

# minimize: a random walk shrinks to the shortest length and still replays.
expect 1 'a \(not necessarily shortest\) trace, ([6-9]|[1-9][0-9]) steps' -- "${walk[@]}" --trace-out "$tmp/walk.json"
expect 1 'minimised .*walk.json: [0-9]+ -> 5 steps' -- minimize "$tmp/walk.json" --out "$tmp/min.json"
expect 1 "step 5 violates always property 'consistent'" -- replay "$tmp/min.json"
expect 0 'nothing to minimise' -- minimize "$tmp/prefix.json"
expect 2 'stale.json: step 3 does not replay' -- minimize "$tmp/stale.json"

# Determinism: the same seed and configuration, byte-identical files.
for ext in txt json mmd html; do
  "$bin" "${walk[@]}" --workers 1 --trace-out "$tmp/a.$ext" >/dev/null
  "$bin" "${walk[@]}" --workers 2 --trace-out "$tmp/b.$ext" >/dev/null
  cmp -s "$tmp/a.$ext" "$tmp/b.$ext" && ok || bad "$ext trace differs between two runs with the same seed"
done
echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
