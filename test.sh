#!/usr/bin/env bash
# Runs every test project of the solution and ends with one plain line:
#   N passed, N failed, N skipped
# Each project writes its own TRX file (tests/Directory.Build.props); their counters are summed here.
# Exit code: dotnet test's, and 1 when no test ran at all.
set -uo pipefail
cd "$(dirname "$0")"
results=artifacts/test-results
rm -rf "$results"

dotnet test Beschikbaarheid.sln "$@"
status=$?

passed=0; failed=0; total=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*' "$trx")
  count() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$((total + $(count total)))
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed) + $(count error) + $(count timeout) + $(count aborted)))
done
skipped=$((total - passed - failed))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A project that did not build or whose run broke off reports no failed test; it still fails the run.
  echo "dotnet test failed (exit $status) without a failed test: a project did not build or run; counted as 1 failed" >&2
  failed=1
fi

if [ "$total" -eq 0 ]; then
  echo "no test ran"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
