#!/usr/bin/env bash
# make test: every test project, then one summary line over all of them ("tests: N passed, N failed").
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test NginxIngress.sln -c "${CONFIGURATION:-Release}" --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# dotnet test prints one "Passed!/Failed!  - Failed: F, Passed: P, Skipped: S, Total: T" line per project.
grep -E '^(Passed|Failed)! +- ' "$log" | awk -F'[:,]' '
  { failed += $2; passed += $4; skipped += $6; projects++ }
  END {
    if (projects == 0) { print "tests: 0 passed, 0 failed (no test project ran)"; exit }
    printf "tests: %d passed, %d failed", passed, failed
    if (skipped > 0) printf ", %d skipped", skipped
    printf "\n"
  }'
exit "$status"
