#!/usr/bin/env bash
# The HTML viewer in a real browser: headless Chromium loads the mutant's
# trace without network access, its script renders the lanes and the step
# count, and a screenshot is produced. Exit 77 (ctest: SKIPPED) without
# Chromium. Usage: viewer_browser_test.sh PATH/TO/replicheck OUTDIR
set -u
bin=${1:?usage: viewer_browser_test.sh replicheck outdir}
out=${2:?usage: viewer_browser_test.sh replicheck outdir}
chromium=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x $chromium ]]; then echo "SKIP: $chromium not installed (Debian package: chromium)"; exit 77; fi
rm -rf "$out"; mkdir -p "$out"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
"$bin" check two-phase --param bug=commit-early --no-progress --trace-out "$out/trace.html" >/dev/null
browse() {
  timeout 90 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d "$out/profile.XXXX")" --virtual-time-budget=3000 "$@" \
    2>>"$out/chromium.log"
}
browse --dump-dom "file://$out/trace.html" >"$out/dom.html"
grep -q '<span id="step-count">5 steps</span>' "$out/dom.html" && ok || bad "no rendered '5 steps' step count"
lanes=$(grep -o 'class="lane-name lane">[^<]*<' "$out/dom.html" | sed 's/.*>//; s/<//' | tr '\n' ' ')
[[ $lanes == "TM rm0 rm1 rm2 " ]] && ok || bad "lanes rendered: '$lanes'"
[[ $(grep -o 'class="row-hit' "$out/dom.html" | wc -l) -eq 6 ]] && ok || bad "not 6 step rows"
grep -q 'id="position">step 5 of 5<' "$out/dom.html" && ok || bad "not opened on the last step"
grep -q '<tr class="changed"><td>rm1</td><td>aborted</td><td class="was">was working</td>' "$out/dom.html" \
  && ok || bad "the changed field of step 5 is not highlighted"
grep -q 'This model reports no client operations.' "$out/dom.html" && ok || bad "no empty client-operations note"
# An LWW trace, with client operations: a completed write's label is its
# final text, not "(pending)"; bars start right of the labels; a time axis,
# a legend, and long actions shortened with an ellipsis (whole in a tooltip).
"$bin" check lww --no-progress --trace-property no-lost-write --trace-out "$out/lww.html" >/dev/null 2>&1
browse --dump-dom "file://$out/lww.html" >"$out/lww-dom.html"
labels=$(grep -o 'class="op-label"[^>]*>[^<]*<' "$out/lww-dom.html" | sed 's/.*>//; s/<//')
grep -qx 'r0: c0@r0 write k0=1 k1=1' <<<"$labels" && ok || bad "completed write's label: $(head -2 <<<"$labels")"
! grep -q 'pending' <<<"$labels" && ok || bad "a completed operation still says pending"
python3 - "$out/lww-dom.html" <<'PY' && ok || bad "client-operation bars overlap their labels, or no step axis"
import re, sys
dom = open(sys.argv[1]).read()
chart = dom[dom.index('id="ops-chart"'):]
first_bar = min(float(x) for x in re.findall(r'<rect x="([0-9.]+)"[^>]*class="op-', chart))
assert first_bar >= 150, first_bar  # right of "r0: c0@r0 write k0=1 k1=1"
assert '>step</text>' in chart and '>17</text>' in chart
PY
grep -q 'class="action">replicator r0-&gt;r1 reads [^<]*…<title>replicator r0-&gt;r1 reads r0' "$out/lww-dom.html" \
  && ok || bad "a long action is not shortened with an ellipsis and a tooltip"
grep -q 'id="legend".*message delivered.*violating step' "$out/lww-dom.html" && ok || bad "no legend"
browse --screenshot="$out/trace-viewer.png" --window-size=1280,900 --hide-scrollbars "file://$out/trace.html" >/dev/null
size=$(stat -c %s "$out/trace-viewer.png" 2>/dev/null || echo 0)
magic=$(head -c 8 "$out/trace-viewer.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')
[[ $magic == 89504e470d0a1a0a && $size -gt 15000 ]] && ok || bad "screenshot missing or blank ($size bytes)"
echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
