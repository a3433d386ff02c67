#!/usr/bin/env bash
# The Python client's tests (clients/python) against the jar ./mvnw verify packaged: Debian's pytest
# and pandas, no network at test time. Fails loudly, also when no test ran (pytest exit code 5).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! /usr/bin/python3 -c 'import pandas, pytest' 2>/dev/null; then
    apt-get update -qq
    apt-get install -y --no-install-recommends python3-pytest python3-pandas
fi
status=0
/usr/bin/python3 -m pytest -q -p no:cacheprovider clients/python/tests || status=$?
if [ "$status" -eq 5 ]; then
    echo "clients/python: no tests ran" >&2
    exit 1
fi
exit "$status"
