#!/bin/sh
# Streaming read replica for compose.yaml: on first start, copy the primary with pg_basebackup -R
# (writes standby.signal and primary_conninfo), then run PostgreSQL as a hot standby.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h postgres-primary -U "$POSTGRES_USER" -q; do sleep 1; done
  rm -rf "$PGDATA"/*
  PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup -h postgres-primary -U replicator -D "$PGDATA" -R -X stream -C -S minyi_replica_1 -P
  chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on
