#!/usr/bin/env bash
# The matrix the README embeds must be what `replicheck matrix` prints now:
# a change to a model that moves a verdict shows here.
# Usage: readme_matrix_test.sh PATH/TO/replicheck PATH/TO/README.md
set -u
bin=${1:?usage: readme_matrix_test.sh replicheck README.md}
readme=${2:?usage: readme_matrix_test.sh replicheck README.md}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if ! "$bin" matrix --format markdown >"$tmp/now.md" 2>"$tmp/err"; then
  echo "FAIL: replicheck matrix exited $?"; cat "$tmp/err"; echo "0 passed, 1 failed"; exit 1
fi
sed -n '/^<!-- matrix:begin -->$/,/^<!-- matrix:end -->$/p' "$readme" | sed '1d;$d' >"$tmp/readme.md"
if diff -u "$tmp/readme.md" "$tmp/now.md" >"$tmp/diff"; then
  echo "1 passed, 0 failed"
else
  echo "FAIL: README.md's matrix is stale (run scripts/update_readme_matrix.sh):"; head -40 "$tmp/diff"
  echo "0 passed, 1 failed"; exit 1
fi
