#!/bin/sh
# Runs once when the primary's data directory is created (docker-entrypoint-initdb.d): a role for
# streaming replication, allowed from the compose network.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '$REPLICATION_PASSWORD';
-- Session deadlines for connections that cannot carry startup options (PgBouncer, transaction mode).
ALTER ROLE "$POSTGRES_USER" SET jit = off;
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
