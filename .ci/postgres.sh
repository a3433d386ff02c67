# Sourced by .ci/run: makes a PostgreSQL server available to the registry's PostgreSQL tests.
# Installs PostgreSQL from apt when missing, starts the cluster, creates the role and database
# (idempotently) and exports SEQCAST_TEST_POSTGRES_URL. A server that does not start is an ERROR in
# CI (this script returns 1, and .ci/run stops) and a WARNING elsewhere. Without this variable (and
# without a Docker daemon with a local postgres image) the PostgreSQL tests fail in CI and report
# themselves as skipped elsewhere.
# Override: SEQCAST_TEST_POSTGRES_URL already set -> nothing is done.
# shellcheck source=.ci/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if [ -z "${SEQCAST_TEST_POSTGRES_URL:-}" ]; then
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        echo "postgres: installing from apt"
        export DEBIAN_FRONTEND=noninteractive
        if ! { apt-get update -qq && apt-get install -y -qq postgresql >/tmp/seqcast-ci-postgres.log 2>&1; }; then
            tail -n 20 /tmp/seqcast-ci-postgres.log >&2 || true
            seqcast_ci_missing "could not install postgresql (log: /tmp/seqcast-ci-postgres.log)" || return 1
            return 0
        fi
    fi
    pg_version="$(ls /usr/lib/postgresql | sort -n | tail -n 1)"
    if ! pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main"' | grep -q .; then
        pg_createcluster "$pg_version" main >/dev/null
    fi
    pg_ctlcluster "$pg_version" main start >/dev/null 2>&1 || true
    pg_ready=false
    for _ in $(seq 1 30); do
        if pg_isready -q -h localhost -p 5432; then
            pg_ready=true
            break
        fi
        sleep 1
    done
    if [ "$pg_ready" != true ]; then
        seqcast_ci_missing "PostgreSQL $pg_version did not answer on localhost:5432 within 30 s" || return 1
        return 0
    fi
    run_psql() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtA -c \"$1\""; }
    if [ "$(run_psql "SELECT 1 FROM pg_roles WHERE rolname = 'seqcast'")" != "1" ]; then
        run_psql "CREATE ROLE seqcast LOGIN PASSWORD 'seqcast'"
    fi
    if [ "$(run_psql "SELECT 1 FROM pg_database WHERE datname = 'seqcast_test'")" != "1" ]; then
        su postgres -c "createdb -O seqcast seqcast_test"
    fi
    export SEQCAST_TEST_POSTGRES_URL="jdbc:postgresql://localhost:5432/seqcast_test?user=seqcast&password=seqcast"
    echo "postgres: $pg_version main up, SEQCAST_TEST_POSTGRES_URL set"
fi
