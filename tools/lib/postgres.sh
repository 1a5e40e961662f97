# Sourced by scripts that need a real PostgreSQL server: starts Debian's
# postgres as an unprivileged user in a fresh temp folder on a free loopback
# port, and exports SF_PG_URL. PostgreSQL refuses to run as root.
SF_PG_DIR=""
SF_PG_URL=""

sf_postgres_start() {
  local bindir
  bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  local user="postgres"
  id "$user" >/dev/null 2>&1 || useradd --system --no-create-home "$user"
  SF_PG_DIR="$(mktemp -d /tmp/sf-pg-XXXXXX)"
  chown "$user" "$SF_PG_DIR"
  local port
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  local as_user=(runuser -u "$user" --)
  [ "$(id -u)" -ne 0 ] && as_user=()
  "${as_user[@]}" "$bindir/initdb" -D "$SF_PG_DIR/data" -U sf --auth=trust >/dev/null
  # fsync stays on: the ledger tests and benchmarks are about durability.
  # Each verifier instance pools up to 16 connections; tests run in parallel.
  if ! "${as_user[@]}" "$bindir/pg_ctl" -D "$SF_PG_DIR/data" -l "$SF_PG_DIR/log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $SF_PG_DIR -c fsync=on -c max_connections=200" start >/dev/null; then
    echo "PostgreSQL did not start; its log:" >&2
    cat "$SF_PG_DIR/log" >&2 || true
    return 1
  fi
  "${as_user[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U sf sf
  SF_PG_URL="postgresql://sf@127.0.0.1:$port/sf"
  export SF_PG_URL
  echo "PostgreSQL is up at $SF_PG_URL (data in $SF_PG_DIR)" >&2
}

sf_postgres_stop() {
  [ -z "$SF_PG_DIR" ] && return 0
  local bindir
  bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  local as_user=(runuser -u postgres --)
  [ "$(id -u)" -ne 0 ] && as_user=()
  "${as_user[@]}" "$bindir/pg_ctl" -D "$SF_PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$SF_PG_DIR"
  SF_PG_DIR=""
}
