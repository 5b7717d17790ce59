#!/usr/bin/env bash
# The command line's contract: exit codes, JSON fields, clear one-line errors.
# Usage: cli_test.sh PATH/TO/replicheck
set -u
bin=${1:?usage: cli_test.sh replicheck}
pass=0 fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
expect() {  # expect CODE PATTERN -- args...
  local code=$1 pattern=$2; shift 3
  local out rc
  out=$("$bin" "$@" 2>&1); rc=$?
  if [[ $rc -eq $code ]] && grep -qE -- "$pattern" <<<"$out"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL: replicheck $* -> exit $rc (want $code), output lacks /$pattern/:"
    head -5 <<<"$out"
  fi
}
expect 0 '"distinct_states": 296448' -- check two-phase --param rm=7 --symmetry off --report json
# Symmetry (on by default where a model declares one): one state per orbit,
# said in both reports, and `list` names what is interchangeable.
expect 0 '"distinct_states": 80,' -- check two-phase --report json
expect 0 '"symmetry": "resource managers"' -- check two-phase --report json
expect 0 '"symmetry": null' -- check two-phase --symmetry off --report json
expect 0 'symmetry: resource managers \(states counted are orbits\)' -- check two-phase
expect 0 'symmetry \(--symmetry on\): resource managers are interchangeable' -- list two-phase
expect 0 'symmetry \(--symmetry on\): none in this configuration' -- list two-phase --param rm=1
expect 2 "--symmetry: sometimes not in" -- check two-phase --symmetry sometimes
expect 0 '"distinct_states": 169979' -- check mrsc --param clients=3 --param ops=1 --report json
expect 0 '"distinct_states": 509935' -- check mrsc --param clients=3 --param ops=1 --symmetry off --report json
expect 0 'symmetry \(--symmetry on\): regions \(by rotation, with their clients\)' -- list mrsc --param clients=3
expect 0 'symmetry \(--symmetry on\): none in this configuration' -- list mrsc --param clients=3 --param journal=replicated
expect 0 'symmetry \(--symmetry on\): regions \(the secondaries, any permutation, with their clients\)' -- list logship --param regions=3 --param clients=3 --param keys=1
expect 0 'symmetry \(--symmetry on\): none in this configuration' -- list logship --param regions=3 --param clients=3 --param ops=3
# Sleep sets: same states, fewer successors generated; never silently ignored.
expect 0 '"distinct_states": 296448' -- check two-phase --param rm=7 --symmetry off --partial-order on --report json
expect 0 '"partial_order": "sleep sets"' -- check two-phase --symmetry off --partial-order on --report json
expect 0 '"partial_order": null' -- check two-phase --symmetry off --report json
expect 0 'partial order: sleep sets' -- check two-phase --symmetry off --partial-order on
expect 0 'partial-order on is ignored: a symmetry is in use' -- check two-phase --partial-order on
expect 1 'partial-order on is ignored: logship declares no footprints' -- check logship --partial-order on
expect 0 'partial order \(--partial-order sleep-sets\): sleep sets' -- list two-phase
# Persistent sets: fewer states where the model takes an action alone (lww's
# ships when no fault can stop them), the same verdicts; never silently ignored.
expect 1 '"partial_order": "persistent sets"' -- check lww --param crashes=0 --partial-order persistent-sets --report json
expect 1 '"shortest_traces": false' -- check lww --param crashes=0 --partial-order persistent-sets --report json
expect 1 'a \(not necessarily shortest\) trace' -- check lww --param crashes=0 --partial-order persistent-sets
expect 0 'partial order \(--partial-order persistent-sets\): a replicator.s ship of the next write from its source taken alone' -- list lww --param crashes=0
expect 0 'partial order \(--partial-order persistent-sets\): none in this configuration' -- list lww --param crashes=1
expect 0 '"persistent_sets": null' -- list two-phase --report json
expect 1 'partial-order persistent-sets is ignored: lww names no action that may be taken alone' -- check lww --param crashes=1 --partial-order persistent-sets
expect 0 'partial-order persistent-sets is ignored: two-phase names no action' -- check two-phase --partial-order persistent-sets
expect 0 'partial-order sleep-sets is ignored: a symmetry is in use' -- check two-phase --partial-order sleep-sets
# A run stopped by a bound where persistent sets were offered and unused says so.
expect 1 'hint: --partial-order persistent-sets would prune states here' -- check lww --param crashes=0 --max-states 1000
expect 2 "--partial-order: maybe not in" -- check two-phase --partial-order maybe
expect 0 '"verdict": "pass"' -- check two-phase --param rm=7 --report json
expect 0 '"peak_rss_bytes"' -- check two-phase --report json
expect 1 'shortest trace, 5 steps' -- check two-phase --param bug=commit-early
expect 1 '"verdict": "violation"' -- check two-phase --param bug=commit-early --report json
expect 2 "unknown model 'nope'" -- check nope
expect 2 "unknown parameter 'rms'" -- check two-phase --param rms=3
expect 2 "'x' is not an integer" -- check two-phase --param rm=x
expect 2 "out of range" -- check two-phase --param rm=99
expect 2 "not one of: none, commit-early" -- check two-phase --param bug=typo
expect 2 "key=value" -- check two-phase --param rm
expect 2 "max-memory" -- check two-phase --max-memory lots
expect 3 'incomplete \(bound reached: max-states\)' -- check two-phase --param rm=7 --symmetry off --max-states 1000
expect 3 '"incomplete_reason": "max-depth"' -- check two-phase --max-depth 3 --report json
expect 3 'simulation is not exhaustive' -- check two-phase --simulate 20 --seed 1
# A bound that stops a run is reported even when a violation was found (exit 1:
# a violation is a definite answer), and the violations keep their traces.
expect 0 '"complete": true' -- check two-phase --report json
expect 1 'stopped by  max-states \(100,000 states\): incomplete' -- check lww --max-states 100000
expect 1 'shortest trace' -- check lww --max-states 100000
expect 1 '"stopped_by": "max-depth"' -- check lww --max-depth 5 --report json
expect 1 '"complete": false' -- check lww --max-depth 5 --report json
# A memory bound far below what two-phase rm=10 needs (about 1 GiB); a
# sanitizer build may start above it, so the run can end at once: either way
# no violation, exit 3.
expect 3 'stopped by  max-memory \(30.0 MiB\): incomplete' -- check two-phase --param rm=10 --symmetry off --max-memory 30M
expect 3 '"stopped_by": "max-seconds"' -- check two-phase --param rm=10 --symmetry off --max-seconds 0.3 --report json
expect 3 'stopped by  max-seconds \(0.3 s\): incomplete' -- check two-phase --param rm=10 --symmetry off --max-seconds 0.3 --strategy dfs
expect 3 'stopped by  max-seconds' -- check two-phase --param rm=10 --symmetry off --max-seconds 0.3 --simulate 100000000
# SIGTERM (what timeout and CI runners send) stops the run like Ctrl-C: the
# report and statistics are printed. lww has found violations by then (exit
# 1); two-phase has none (exit 3).
term() {  # term CODE PATTERN -- args...
  local code=$1 pattern=$2; shift 3
  local out rc
  out=$(timeout --preserve-status -s TERM 2 "$bin" "$@" 2>&1); rc=$?
  if [[ $rc -eq $code ]] && grep -qE -- "$pattern" <<<"$out" && grep -q '^states ' <<<"$out"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL: timeout -s TERM 2 replicheck $* -> exit $rc (want $code), output lacks /$pattern/ or statistics"
    tail -3 <<<"$out"
  fi
}
term 1 'stopped by  interrupted \(SIGTERM\): incomplete' -- check lww --param cuts=1 --param isolations=1
term 3 'stopped by  interrupted \(SIGTERM\): incomplete' -- check two-phase --param rm=10 --symmetry off
# The progress line reaches stderr when it is not a terminal too (a CI log):
# states, rate, depth and memory after 2 s; --no-progress turns it off.
for detail in 'queue [0-9,]+, ' 'stack ' 'walk [0-9,]+ of 100,000,000, max '; do
  case $detail in stack*) how=(--strategy dfs) ;; walk*) how=(--simulate 100000000) ;; *) how=() ;; esac
  err=$("$bin" check two-phase --param rm=10 --symmetry off --max-seconds 2.5 "${how[@]}" 2>&1 >/dev/null)
  if grep -qE "^replicheck: progress: [0-9,]+ states, [0-9,]+/s, ${detail}depth [0-9]+, [0-9]+ MiB, [0-9]+ s$" <<<"$err"
  then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: no progress line (${how[*]}) on a redirected stderr: $err"; fi
done
err=$("$bin" check two-phase --param rm=10 --symmetry off --max-seconds 2.5 --no-progress 2>&1 >/dev/null)
if [[ -z $err ]]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: --no-progress still prints: $err"; fi
# Bad options fail before the search: exit 2, one line naming the option.
error() {  # error PATTERN -- args...: exit 2 and exactly one line on stderr, nothing on stdout
  local pattern=$1; shift 2
  local out err rc
  out=$(timeout 20 "$bin" "$@" 2>"$tmp/err"); rc=$?; err=$(<"$tmp/err")
  if [[ $rc -eq 2 && -z $out && $(wc -l <"$tmp/err") -eq 1 ]] && grep -qE -- "$pattern" <<<"$err"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL: replicheck $* -> exit $rc (want 2 and one line /$pattern/):"; head -3 <<<"$out$err"
  fi
}
error "^replicheck: error: --max-states: '-1' is not a non-negative integer$" -- check two-phase --max-states -1
error "^replicheck: error: --max-depth: '-1' is not a non-negative integer$" -- check two-phase --max-depth -1
error "^replicheck: error: --seed: '-1' is not a non-negative integer$" -- check two-phase --simulate 5 --seed -1
error "^replicheck: error: --simulate: '99999999999999999999' is too large" -- check two-phase --simulate 99999999999999999999
error "^replicheck: error: --simulate: must be at least 1$" -- check two-phase --simulate 0
error "^replicheck: error: --max-seconds: must be a positive number$" -- check two-phase --max-seconds -1
error "^replicheck: error: --max-memory: 'inf' is not a size" -- check two-phase --max-memory inf
error "^replicheck: error: --strategy excludes --simulate$" -- check two-phase --simulate 10 --strategy dfs
error "^replicheck: error: --seed requires --simulate$" -- check two-phase --seed 5
error "^replicheck: error: --trace-out: directory '/nonexistent/dir' does not exist$" -- check two-phase --trace-out /nonexistent/dir/t.json
error "^replicheck: error: unknown subcommand 'chek' \(did you mean check\?\)$" -- chek lww
error "^replicheck: error: unknown subcommand 'frobnicate' \(see .replicheck help.\)$" -- frobnicate
expect 0 'Subcommands:' -- help
expect 0 'check-history' -- help
expect 0 '--max-seconds' -- help check
error "^replicheck: error: unknown subcommand 'replya' \(did you mean replay\?\)$" -- help replya
# One error style: 'replicheck: error: ...', one line, for every kind of bad input.
error "^replicheck: error: unknown model 'nope'" -- check nope
error "^replicheck: error: unknown parameter 'rms'" -- check two-phase --param rms=3
error "^replicheck: error: model is required$" -- check
error "^replicheck: error: unknown model 'nope'" -- list nope
error "^replicheck: error: /nonexistent.log: no such file$" -- check-history /nonexistent.log --model register
error "^replicheck: error: /nonexistent.json: cannot open the trace file$" -- replay /nonexistent.json
error "^replicheck: error: /nonexistent.json: cannot open the trace file$" -- minimize /nonexistent.json
# --workers with dfs or simulation is harmless (one thread): a warning, and the run goes on.
expect 0 "^replicheck: warning: --workers 2 is ignored: dfs runs on one thread$" -- check two-phase --strategy dfs --workers 2
expect 0 'rm .*number of resource managers' -- list
"$bin" check two-phase --param bug=commit-early --trace-out "$tmp/t.json" >/dev/null
if python3 -c "import json,sys; t=json.load(open('$tmp/t.json')); sys.exit(0 if t['length']==5 and t['schema_version']==1 else 1)"; then
  pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: --trace-out JSON"; fi
a=$("$bin" check two-phase --param bug=commit-early --simulate 200 --seed 3 --max-depth 30 --workers 1)
b=$("$bin" check two-phase --param bug=commit-early --simulate 200 --seed 3 --max-depth 30 --workers 2)
if [[ "$(grep -v '^time\|^memory\|^search' <<<"$a")" == "$(grep -v '^time\|^memory\|^search' <<<"$b")" ]]; then
  pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: simulation not deterministic"; fi
# LWW: verdicts as the seeds predict, a mutant's trace in every format, replay.
expect 1 'violated +history +read-your-writes-routed' -- check lww
expect 1 'holds +at_quiescence converge' -- check lww
expect 1 'violated +history +no-torn-transaction-remote' -- check lww
expect 1 'holds +always +available' -- check lww
expect 1 'violated +always +available' -- check lww --param pattern=version-tokens
expect 1 'violated +at_quiescence +no-lost-increment' -- check lww --param workload=counter --param ops=1
expect 1 'reached +sometimes +outage-refuses-client' -- check lww --param outages=1 --param ops=1 --param crashes=0
# --expect: the seeds' predictions as declared verdicts (exit 0 when met).
seeds=(--expect no-lost-write=violated --expect read-your-writes-routed=violated
       --expect monotonic-reads-routed=violated --expect linearizable=violated
       --expect no-torn-transaction-remote=violated --expect serializable=violated)
expect 0 'every property ends as declared' -- check lww "${seeds[@]}"
expect 0 '"as_expected": true' -- check lww "${seeds[@]}" --report json
expect 1 "unexpected  property 'available' violated, expected holds" -- check lww "${seeds[@]}" --param pattern=version-tokens
expect 1 "unexpected  property 'linearizable' violated, expected holds" -- check lww --expect no-lost-write=violated
expect 3 'no surprise, [0-9]+ properties undecided' -- check lww "${seeds[@]}" --max-states 1000
expect 0 'every property ends as declared' -- check two-phase --param bug=commit-early --expect consistent=violated
# logship: the README's declared verdicts (best-effort fencing, then a lease: one writer).
cp=(--expect no-lost-write=violated --expect available=violated --expect read-your-writes-in-region=violated
    --expect read-your-writes-routed=violated --expect linearizable=violated)
expect 0 'every property ends as declared' -- check logship --expect single-writer=violated "${cp[@]}"
expect 0 'every property ends as declared' -- check logship --param fencing=lease "${cp[@]}"
expect 1 "unexpected  property 'single-writer' violated, expected holds" -- check logship "${cp[@]}"
# mrsc: the README's lines (every property holds with a link cut;
# eventually consistent reads are not linearizable; a witness), and its bad input.
expect 0 'verdict +pass' -- check mrsc --param cuts=1
expect 0 'every property ends as declared' -- check mrsc --param reads=mixed --expect eventual-reads-linearizable=violated
expect 0 'verdict +pass' -- check mrsc --param witness=1 --param isolations=1
expect 1 "violation of always property 'available-with-majority'" -- check mrsc --param bug=no-relay --param cuts=1
expect 2 "parameter 'homes': client 1 cannot live in r2, the witness" -- check mrsc --param witness=1 --param homes=0,2
expect 2 "parameter 'regions': 2 is out of range" -- check mrsc --param regions=2
expect 2 "parameter 'drops': 1 is out of range" -- check mrsc --param drops=1
expect 2 "parameter 'ordering': mrsc has no messages in flight" -- check mrsc --param ordering=unordered
expect 2 "--expect: no property 'nope'" -- check lww --expect nope=holds
expect 2 "ends reached or unreached, not 'holds'" -- check lww --expect stale-write-dropped=holds
expect 2 "not of the form PROPERTY=STATUS" -- check lww --expect linearizable
expect 2 "not one of: none, no-tiebreak" -- check lww --param bug=nope
expect 2 "parameter 'skew': 3 offsets given for 2 regions" -- check lww --param skew=0,1,2
expect 2 "parameter 'skew': 'x' is not an integer" -- check lww --param skew=0,x
expect 2 "parameter 'homes': region 2 does not exist" -- check lww --param homes=0,2
expect 0 'skew .*list of -3..3' -- list
expect 0 'at_quiescence +no-lost-increment' -- list lww --param workload=counter
expect 2 "unknown model 'nope'" -- list nope
expect 2 "list --param needs a MODEL" -- list --param keys=1
expect 2 "parameter 'pattern': 'bad' is not one of" -- list lww --param pattern=bad
# --report junit: one test case per property; a failure is a property that
# did not end as expected and names the trace file saved for it.
"$bin" check lww "${seeds[@]:0:2}" --report junit --trace-out "$tmp/junit.json" >"$tmp/junit.xml" 2>/dev/null
rc=$?
if [[ $rc -eq 1 ]] && python3 - "$tmp/junit.xml" "$tmp/junit.json" <<'PY'
import sys, xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot().find("testsuite")
cases = {c.get("name"): c for c in suite.findall("testcase")}
assert len(cases) == 16 and suite.get("tests") == "16", cases.keys()
failed = [n for n, c in cases.items() if c.find("failure") is not None]
assert failed == ["read-your-writes-routed", "monotonic-reads-routed", "linearizable", "serializable",
                  "no-torn-transaction-remote"], failed
assert suite.get("failures") == "5"
assert cases["read-your-writes-routed"].find("failure").text == "trace: " + sys.argv[2]
assert "--trace-property linearizable" in cases["linearizable"].find("failure").text
assert cases["no-lost-write"].find("failure") is None  # expected violated
PY
then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: --report junit (exit $rc)"; head -20 "$tmp/junit.xml"; fi
"$bin" check two-phase --param rm=10 --symmetry off --max-states 1000 --report junit >"$tmp/skip.xml"; rc=$?
if [[ $rc -eq 3 ]] && python3 -c "
import sys, xml.etree.ElementTree as ET
s = ET.parse('$tmp/skip.xml').getroot().find('testsuite')
assert s.get('skipped') == '3' and 'max-states (1,000 states)' in s.find('testcase/skipped').get('message')"
then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: junit of an incomplete run (exit $rc)"; fi
expect 0 'failures="0"' -- check two-phase --report junit
# list --report json, --version with the commit, the build id in trace files.
"$bin" list --report json >"$tmp/list.json"
if python3 -c "
import json; m = {x['name']: x for x in json.load(open('$tmp/list.json'))['models']}
assert {'two-phase', 'lww', 'logship'} <= m.keys()
assert {'name': 'rm', 'default': '3', 'meaning': 'number of resource managers', 'min': 1, 'max': 12, 'list': False} in m['two-phase']['parameters']
assert {'name': 'consistent', 'kind': 'always', 'meaning': 'no resource manager has committed while another has aborted'} in m['two-phase']['properties']"
then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: list --report json"; fi
expect 0 '"name": "no-lost-increment"' -- list lww --param workload=counter --report json
expect 0 "^replicheck [0-9.]+ \(([0-9a-f]{12}|unknown)\)$" -- --version
python3 -c "import json,sys; b=json.load(open('$tmp/t.json'))['build']; sys.exit(0 if b == sys.argv[1] else 1)" \
  "$("$bin" --version)" && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: the trace's build is not --version's"; }
# matrix: cells from the same search as check; --only narrows; bad filters are exit 2.
expect 0 '"status": "violated"' -- matrix --only table=aurora-vs-dynamodb,protocol=lww --format json
expect 0 '"contradicted": true' -- matrix --only table=aurora-vs-dynamodb,protocol=lww --format json
expect 0 '\| holds \([0-9,]+ states\) \|' -- matrix --only protocol=mrsc,property=linearizable
expect 2 "--only nope=1: expected table=" -- matrix --only nope=1
expect 2 "selects no cell" -- matrix --only protocol=two-phase
"$bin" matrix --only table=aurora-vs-dynamodb,protocol=lww --format html --traces "$tmp/mx" >"$tmp/mx.html" 2>/dev/null
trace="$tmp/mx/aurora-vs-dynamodb-dynamodb-global-tables-async-lww-4.html"
if grep -q "href=\"$trace\"" "$tmp/mx.html" && grep -q '<html' "$trace"
then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: matrix --traces: no linked trace file"; fi
lww=(check lww --param bug=no-tiebreak --param skew=-1)
for ext in txt json mmd html; do
  "$bin" "${lww[@]}" --trace-out "$tmp/lww.$ext" >/dev/null
  if [[ -s $tmp/lww.$ext ]]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: lww .$ext trace"; fi
done
expect 1 'converge' -- replay "$tmp/lww.json"
echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
