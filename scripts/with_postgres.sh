#!/usr/bin/env bash
# Usage: scripts/with_postgres.sh COMMAND [ARGS...]
#
# Runs COMMAND against a throwaway PostgreSQL server: a fresh cluster in a temporary folder,
# trust authentication, listening only on 127.0.0.1 on a free port, fsync off. COMMAND sees
#   PSL_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:PORT/postgres
# The server is stopped and the folder deleted however COMMAND ends; the script exits with
# COMMAND's exit code (or 125 when the server cannot be started, after printing its log).
# As root, the server runs as the `postgres` OS user (initdb refuses root).
set -uo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

# The server binaries: PG_BIN if set, else the ones on PATH, else the newest Debian install.
pg_bin="${PG_BIN:-}"
if [ -z "$pg_bin" ]; then
  if command -v initdb >/dev/null 2>&1; then
    pg_bin="$(dirname "$(readlink -f "$(command -v initdb)")")"
  elif command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_bin="$(pg_config --bindir)"
  else
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  fi
fi
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ] || [ ! -x "$pg_bin/pg_ctl" ]; then
  echo "with_postgres: no PostgreSQL server binaries found (set PG_BIN)" >&2
  exit 125
fi

pg_isready="$pg_bin/pg_isready"
[ -x "$pg_isready" ] || pg_isready="$(command -v pg_isready)" || {
  echo "with_postgres: pg_isready not found" >&2
  exit 125
}

as_server_user=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "with_postgres: running as root needs a 'postgres' OS user" >&2
    exit 125
  fi
  as_server_user=(runuser -u postgres --)
fi

workdir="$(mktemp -d "${TMPDIR:-/tmp}/psl-postgres.XXXXXX")" || exit 125
data="$workdir/data"
log="$workdir/server.log"
started=0

cleanup() {
  if [ "$started" -eq 1 ]; then
    "${as_server_user[@]}" "$pg_bin/pg_ctl" -D "$data" -m immediate stop >>"$log" 2>&1 || true
  fi
  rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

fail() {
  echo "with_postgres: $1" >&2
  if [ -f "$log" ]; then
    echo "---- $log ----" >&2
    cat "$log" >&2
  fi
  exit 125
}

if [ ${#as_server_user[@]} -gt 0 ]; then
  chown postgres: "$workdir" || fail "cannot hand $workdir to the postgres user"
fi
# Create the log as the server user so that both the script and pg_ctl can append to it.
"${as_server_user[@]}" touch "$log" || fail "the server user cannot write to $workdir"

"${as_server_user[@]}" "$pg_bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C \
  --no-sync >>"$log" 2>&1 || fail "initdb failed"

{
  echo "listen_addresses = '127.0.0.1'"
  echo "unix_socket_directories = '$workdir'"
  echo "fsync = off"
  echo "synchronous_commit = off"
  echo "full_page_writes = off"
} | "${as_server_user[@]}" tee -a "$data/postgresql.conf" >/dev/null ||
  fail "cannot write postgresql.conf"

# True when nothing accepts connections on 127.0.0.1:$1.
port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Another process may take the port between the test and the server's bind: try a few ports.
port=""
for attempt in 1 2 3 4 5; do
  candidate=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
  port_is_free "$candidate" || continue
  if "${as_server_user[@]}" "$pg_bin/pg_ctl" -D "$data" -l "$log" -o "-p $candidate" -w -t 60 \
    start >>"$log" 2>&1; then
    started=1
    port="$candidate"
    break
  fi
  # A failed start may leave a half-started postmaster behind; make sure it is gone.
  "${as_server_user[@]}" "$pg_bin/pg_ctl" -D "$data" -m immediate stop >>"$log" 2>&1 || true
  echo "with_postgres: start attempt $attempt on port $candidate failed" >>"$log"
done
[ -n "$port" ] || fail "the server did not start"

ready=0
for _ in $(seq 1 100); do
  if "$pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres; then
    ready=1
    break
  fi
  sleep 0.1
done
[ "$ready" -eq 1 ] || fail "the server on port $port is not accepting connections"

export PSL_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
"$@"
exit $?
