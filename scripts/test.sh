#!/usr/bin/env bash
# make test: every test project, then one summary line over all of them ("tests: N passed, N failed").
set -uo pipefail
cd "$(dirname "$0")/.."
# The manifest tests render manifests/ with `kubectl kustomize`, which must read directories in `resources:`
# (kubectl 1.21 or later; Debian's kubernetes-client package is 1.20, too old). Say so up front rather than
# as a dozen failing tests.
if ! command -v kubectl >/dev/null 2>&1; then
  echo "test: kubectl 1.21 or later is needed for the manifest tests (kubectl kustomize); see https://kubernetes.io/docs/tasks/tools/" >&2
  exit 1
fi
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
