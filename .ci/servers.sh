#!/usr/bin/env bash
# Private, throwaway Redis and PostgreSQL instances on 127.0.0.1 for the distributed tests.
# Sourced by .ci/run; also usable by hand:  source .ci/servers.sh && servers_start  (then servers_stop).
# Nothing here touches system services: data lives in a temporary folder removed on stop.

SERVERS_DIR="${SERVERS_DIR:-}"

servers_log() { printf '[servers] %s\n' "$*" >&2; }

# A port below the kernel's ephemeral range: a port that an outgoing connection holds as its local end is
# not listening (the probe below cannot see it) yet cannot be bound, which once failed a CI run
# ("could not bind ... Address already in use" for PostgreSQL on 36658, inside 32768-60999).
servers_free_port() {
  local port low base
  low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  base=$(( low > 12000 ? low - 12000 : 1024 ))
  for _ in $(seq 1 50); do
    port=$(( base + RANDOM % (low - base) ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

servers_pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

servers_install() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  servers_pg_bin >/dev/null || missing+=(postgresql)
  if [ "${#missing[@]}" -gt 0 ]; then
    servers_log "installing ${missing[*]} from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# As root, PostgreSQL's tools must run as the postgres user; as anyone else, as themselves.
servers_as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

servers_start() {
  SERVERS_DIR=$(mktemp -d /tmp/patrolscores-servers.XXXXXX)
  chmod 755 "$SERVERS_DIR"
  local redis_port pg_port pg_bin
  redis_port=$(servers_free_port)
  pg_port=$(servers_free_port)
  pg_bin=$(servers_pg_bin)

  mkdir -p "$SERVERS_DIR/redis"
  redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --save '' --appendonly no \
    --dir "$SERVERS_DIR/redis" --pidfile "$SERVERS_DIR/redis/redis.pid" --logfile "$SERVERS_DIR/redis/redis.log"

  mkdir -p "$SERVERS_DIR/pg"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$SERVERS_DIR/pg"
  chmod 700 "$SERVERS_DIR/pg"
  servers_as_pg "$pg_bin/initdb" -D "$SERVERS_DIR/pg/data" -U postgres -A trust --no-sync >"$SERVERS_DIR/initdb.log" 2>&1 \
    || { cat "$SERVERS_DIR/initdb.log" >&2; return 1; }
  servers_as_pg "$pg_bin/pg_ctl" -D "$SERVERS_DIR/pg/data" -l "$SERVERS_DIR/pg/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $SERVERS_DIR/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null || { cat "$SERVERS_DIR/pg/server.log" >&2; return 1; }

  for _ in $(seq 1 100); do
    if redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG && "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; then
      export PATROLSCORES_TEST_REDIS="127.0.0.1:$redis_port"
      export PATROLSCORES_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
      export SERVERS_DIR SERVERS_REDIS_PORT=$redis_port SERVERS_PG_PORT=$pg_port
      servers_log "Redis on 127.0.0.1:$redis_port, PostgreSQL on 127.0.0.1:$pg_port"
      return 0
    fi
    sleep 0.1
  done
  servers_log "servers did not answer in time"
  return 1
}

servers_stop() {
  [ -n "${SERVERS_DIR:-}" ] && [ -d "$SERVERS_DIR" ] || return 0
  local pid pg_bin
  if [ -f "$SERVERS_DIR/redis/redis.pid" ]; then
    pid=$(cat "$SERVERS_DIR/redis/redis.pid")
    redis-cli -p "${SERVERS_REDIS_PORT:-0}" shutdown nosave >/dev/null 2>&1 || kill "$pid" 2>/dev/null
    # Wait for Redis to write its last log line before its folder goes.
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  pg_bin=$(servers_pg_bin)
  if [ -f "$SERVERS_DIR/pg/data/postmaster.pid" ]; then
    servers_as_pg "$pg_bin/pg_ctl" -D "$SERVERS_DIR/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$SERVERS_DIR"
  SERVERS_DIR=""
}
