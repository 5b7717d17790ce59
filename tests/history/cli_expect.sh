# Sourced by the check-history contract tests once `bin` is set: a scratch
# folder, a failure count, and
#   expect CODE PATTERN ARGS...
# which runs `$bin check-history ARGS...`, checks the exit code and that
# stdout+stderr match the grep pattern.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

expect() {
  code=$1; pattern=$2; shift 2
  "$bin" check-history "$@" >"$tmp/out" 2>&1
  got=$?
  if [ "$got" -ne "$code" ] || ! grep -q -- "$pattern" "$tmp/out"; then
    echo "FAIL: check-history $* -> exit $got (want $code), output:"; sed 's/^/    /' "$tmp/out"
    echo "    (expected to match: $pattern)"
    failures=$((failures + 1))
  fi
}
