#!/usr/bin/env bash
# Regenerates the matrix README.md embeds (between its matrix markers) from
# `replicheck matrix --format markdown`. tests/cli/readme_matrix_test.sh fails
# when the README's copy is stale.
#   scripts/update_readme_matrix.sh [PATH/TO/replicheck]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/replicheck}
tables=$(mktemp)
trap 'rm -f "$tables"' EXIT
"$bin" matrix --format markdown >"$tables"
python3 - "$root/README.md" "$tables" <<'PY'
import sys
readme, tables = sys.argv[1], open(sys.argv[2]).read()
text = open(readme).read()
begin, end = "<!-- matrix:begin -->\n", "<!-- matrix:end -->"
a, b = text.index(begin) + len(begin), text.index(end)
open(readme, "w").write(text[:a] + tables + text[b:])
PY
echo "README.md: matrix regenerated"
