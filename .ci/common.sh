# shellcheck shell=bash
# Sourced by the other .ci scripts: what happens when a service the tests need cannot be set up.
# In CI (CI=true; .ci/run sets it unless it is already set) it is an ERROR and the step fails, since the
# tests that need the service fail there too. Elsewhere (CI unset or false) it is a WARNING and those
# tests report themselves as skipped (io.seqcast.testing.RequiredService).

# Prints the reason; returns 1 in CI (the caller then returns 1 too), 0 elsewhere.
seqcast_ci_missing() {
  if [ "${CI:-}" = "true" ]; then
    echo "ERROR: $* (CI=true: the tests that need it cannot run; run with CI=false to let them skip)" >&2
    return 1
  fi
  echo "WARNING: $*: the tests that need it will be reported as skipped" >&2
  return 0
}
