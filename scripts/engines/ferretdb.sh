#!/usr/bin/env bash
# FerretDB (MongoDB wire protocol on SQLite) for the production profile's read models.
#   ferretdb.sh start   builds our small Go launcher once, starts it on 127.0.0.1 and prints
#                       FERRETDB_URL=mongodb://127.0.0.1:PORT/ (the only line on stdout)
#   ferretdb.sh stop    stops it by its recorded pid and removes its data
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SRC="$ENGINES_ROOT/scripts/engines/ferretdb"
RUN="$ENGINES_RUN/ferretdb"

# The launcher binary, rebuilt whenever its sources or pinned dependencies change.
build() {
  command -v go >/dev/null || die "ferretdb: Go is needed to build FerretDB (https://go.dev/dl/)"
  local key bin
  key=$(cat "$SRC/go.mod" "$SRC/go.sum" "$SRC"/*.go | sha256sum | cut -c1-16)
  bin="$ENGINES_CACHE/ferretdb/ferretdb-$key"
  if [ ! -x "$bin" ]; then
    log "building FerretDB from Go modules (first time only, a few minutes)"
    mkdir -p "$ENGINES_CACHE/ferretdb"
    # Built aside and renamed, so a concurrent start never runs a half-written file.
    # The PostgreSQL backend is left out: only SQLite is used.
    (cd "$SRC" && GOFLAGS=-buildvcs=false go build -trimpath -tags ferretdb_no_postgresql \
      -ldflags '-s -w' -o "$bin.tmp.$$" .) >&2 || die "ferretdb: go build failed"
    mv -f "$bin.tmp.$$" "$bin"
  fi
  echo "$bin"
}

start() {
  if running ferretdb; then
    cat "$RUN/env"
    return
  fi
  local bin port
  bin=$(build)
  rm -rf "$RUN"
  mkdir -p "$RUN/data"
  port=$(free_port)
  "$bin" -port "$port" -data "$RUN/data" >"$RUN/log" 2>&1 </dev/null &
  echo $! >"$RUN/pid"
  if ! wait_port "$port" 60 "$RUN/pid"; then
    tail -n 30 "$RUN/log" >&2 || true
    stop_engine ferretdb
    die "ferretdb did not answer on 127.0.0.1:$port"
  fi
  echo "FERRETDB_URL=mongodb://127.0.0.1:$port/" >"$RUN/env"
  log "ferretdb listening on 127.0.0.1:$port (pid $(cat "$RUN/pid"))"
  cat "$RUN/env"
}

case "${1:-}" in
  start) start ;;
  stop) stop_engine ferretdb ;;
  *) die "usage: $0 start|stop" ;;
esac
