# Sourced by .ci/run: makes a PostgreSQL server available to the registry's PostgreSQL tests.
# Installs PostgreSQL from apt when missing, starts the cluster, creates the role and database
# (idempotently) and exports SEQCAST_TEST_POSTGRES_URL. Tests skip with a message only where
# neither this variable nor a Docker daemon with a local postgres image exists.
# Override: SEQCAST_TEST_POSTGRES_URL already set -> nothing is done.

if [ -z "${SEQCAST_TEST_POSTGRES_URL:-}" ]; then
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        echo "postgres: installing from apt"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq postgresql >/dev/null
    fi
    pg_version="$(ls /usr/lib/postgresql | sort -n | tail -n 1)"
    if ! pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main"' | grep -q .; then
        pg_createcluster "$pg_version" main >/dev/null
    fi
    pg_ctlcluster "$pg_version" main start >/dev/null 2>&1 || true
    for _ in $(seq 1 30); do
        pg_isready -q -h localhost -p 5432 && break
        sleep 1
    done
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
