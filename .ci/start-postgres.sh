#!/usr/bin/env bash
# Installs (if missing) and starts a throw-away PostgreSQL 15 server on 127.0.0.1:${PGPORT:-5433}.
# Prints the admin connection URL on its last line. Used by .ci/run and the benchmark.
set -euo pipefail
PGPORT=${PGPORT:-5433}
PGDIR=${PGDIR:-/tmp/safeguard-pg}
if ! ls /usr/lib/postgresql/15/bin/initdb >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql-15 >&2
fi
BIN=/usr/lib/postgresql/15/bin
RUN_AS=()
if [ "$(id -u)" = 0 ]; then
  id safeguardpg >/dev/null 2>&1 || useradd --system --no-create-home safeguardpg
  RUN_AS=(runuser -u safeguardpg --)
fi
if ! "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$PGDIR" status >/dev/null 2>&1; then
  rm -rf "$PGDIR"; mkdir -p "$PGDIR"
  [ "$(id -u)" = 0 ] && chown safeguardpg "$PGDIR"
  "${RUN_AS[@]}" "$BIN/initdb" -D "$PGDIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
  "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$PGDIR" -l "$PGDIR/server.log" -w \
    -o "-h 127.0.0.1 -p $PGPORT -k $PGDIR -c max_connections=200 -c shared_buffers=256MB -c fsync=off" start >&2
fi
echo "postgres://postgres@127.0.0.1:$PGPORT/postgres"
