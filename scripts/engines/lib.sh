# Shared helpers of the engine scripts (sourced, not run).
# Each engine script keeps downloads and builds in $ENGINES_CACHE (reused between runs on
# one machine) and the files of a running server in $ENGINES_RUN/<engine> (pid, env, data, log).
set -euo pipefail

ENGINES_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ENGINES_CACHE="${BANSOS_ENGINES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cek-bansos/engines}"
ENGINES_RUN="${BANSOS_ENGINES_RUN:-$ENGINES_ROOT/.engines}"

log() { echo "[engines] $*" >&2; }
die() { echo "[engines] error: $*" >&2; exit 1; }

# A TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# wait_port PORT SECONDS PIDFILE: until something accepts on 127.0.0.1:PORT, or fail
# (early, when the process behind PIDFILE has died).
wait_port() {
  local port=$1 seconds=$2 pidfile=$3 waited=0
  until node -e 'const c=require("net").connect(+process.argv[1],"127.0.0.1");c.on("connect",()=>process.exit(0));c.on("error",()=>process.exit(1))' "$port"; do
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then return 1; fi
    waited=$((waited + 1))
    if [ "$waited" -ge $((seconds * 5)) ]; then return 1; fi
    sleep 0.2
  done
}

# running ENGINE: true when the engine's recorded process is alive.
running() {
  local pidfile="$ENGINES_RUN/$1/pid"
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

# stop_engine ENGINE: TERM the recorded process, KILL it after 20 s, remove its run folder.
stop_engine() {
  local dir="$ENGINES_RUN/$1" pid
  if [ -f "$dir/pid" ]; then
    pid=$(cat "$dir/pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$dir"
  log "$1 stopped"
}
