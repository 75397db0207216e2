#!/usr/bin/env bash
# A real Apache Kafka 4.x broker for the production profile's tests: one node in KRaft mode
# (broker and controller), on 127.0.0.1, run from Maven Central's jars with the machine's Java.
#
#   bash scripts/engines/kafka.sh start   prints KAFKA_BROKERS=127.0.0.1:PORT (only that, on stdout)
#   bash scripts/engines/kafka.sh stop    stops the broker started here and removes its data
#
# The jars are resolved once into the engines cache (keyed by the pom's hash); every start
# formats a fresh log directory, so no test run sees another's topics.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HERE="$ENGINES_ROOT/scripts/engines/kafka"
RUN="$ENGINES_RUN/kafka"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
HEAP="${KAFKA_ENGINE_HEAP:--Xmx512m -Xms128m}"

# The broker's jars, resolved from Maven Central on the first start, then reused.
resolve_jars() {
  local key dir tmp
  key=$(sha256sum "$HERE/pom.xml" | cut -c1-16)
  dir="$ENGINES_CACHE/kafka/$key"
  if [ ! -f "$dir/complete" ]; then
    command -v mvn >/dev/null || die "Maven (mvn) is needed once, to fetch Kafka's jars"
    log "kafka: resolving the broker's jars from Maven Central (first start only)"
    tmp="$dir.partial.$$"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    mvn -q -B -Dstyle.color=never -f "$HERE/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$tmp/libs" >&2 || { rm -rf "$tmp"; die "kafka: Maven could not resolve the jars"; }
    touch "$tmp/complete"
    rm -rf "$dir"
    mv "$tmp" "$dir"
  fi
  echo "$dir/libs"
}

check_java() {
  local major
  major=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [ -n "$major" ] || die "kafka: no Java found (set JAVA_HOME or put java on PATH)"
  [ "${major%%.*}" -ge 17 ] || die "kafka: Kafka 4 needs Java 17 or newer, found $major"
}

# Until the broker answers a metadata request with itself and a controller, and its group
# coordinator answers too (that creates the offsets topic, which would otherwise make the
# first consumer group of a test run wait several seconds): not just a TCP accept.
wait_ready() {
  local brokers=$1 seconds=$2 waited=0
  until (cd "$ENGINES_ROOT" && node -e '
      const { Kafka, logLevel } = require("kafkajs");
      const admin = new Kafka({ brokers: [process.argv[1]], logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
      admin.connect()
        .then(() => admin.describeCluster())
        .then((c) => { if (c.brokers.length === 0 || c.controller === null) throw new Error("no controller yet"); })
        .then(() => admin.describeGroups(["engines-readiness"]))
        .then(() => process.exit(0), () => process.exit(1));
    ' "$brokers" 2>/dev/null); do
    running kafka || return 1
    waited=$((waited + 1))
    [ "$waited" -lt $((seconds * 4)) ] || return 1
    sleep 0.25
  done
}

start() {
  if running kafka; then
    cat "$RUN/env"
    return
  fi
  rm -rf "$RUN"
  mkdir -p "$RUN/data" "$RUN/log"
  check_java
  local libs broker_port controller_port cluster_id started=$SECONDS
  libs=$(resolve_jars)
  broker_port=$(free_port)
  controller_port=$(free_port)
  while [ "$controller_port" = "$broker_port" ]; do controller_port=$(free_port); done
  sed -e "s#@BROKER_PORT@#$broker_port#g" -e "s#@CONTROLLER_PORT@#$controller_port#g" \
    -e "s#@DATA_DIR@#$RUN/data#g" "$HERE/server.properties" >"$RUN/server.properties"

  local java_opts=($HEAP -XX:+UseG1GC -Djava.awt.headless=true
    "-Dlog4j2.configurationFile=$HERE/log4j2.xml" "-Dkafka.logs.dir=$RUN/log")
  # A random cluster id (Kafka's own format: 16 random bytes, base64url without padding).
  cluster_id=$(node -e 'console.log(require("crypto").randomBytes(16).toString("base64url"))')
  # The tool runs for a second: the quick JIT tier starts it faster.
  "$JAVA" "${java_opts[@]}" -XX:TieredStopAtLevel=1 -cp "$libs/*" kafka.tools.StorageTool format --standalone \
    -t "$cluster_id" -c "$RUN/server.properties" >"$RUN/log/format.log" 2>&1 ||
    { cat "$RUN/log/format.log" >&2; die "kafka: formatting the log directory failed"; }

  # stdout and stderr to a file: the caller reads our stdout until every writer closes it.
  nohup "$JAVA" "${java_opts[@]}" -cp "$libs/*" kafka.Kafka "$RUN/server.properties" \
    </dev/null >"$RUN/log/stdout.log" 2>&1 &
  echo $! >"$RUN/pid"

  local brokers="127.0.0.1:$broker_port"
  if ! wait_port "$broker_port" 60 "$RUN/pid" || ! wait_ready "$brokers" 60; then
    tail -n 30 "$RUN/log/server.log" "$RUN/log/stdout.log" >&2 2>/dev/null || true
    stop_engine kafka
    die "kafka: the broker did not become ready"
  fi
  echo "KAFKA_BROKERS=$brokers" >"$RUN/env"
  log "kafka ready on $brokers (pid $(cat "$RUN/pid"), $((SECONDS - started)) s)"
  cat "$RUN/env"
}

case "${1:-}" in
  start) start ;;
  stop) stop_engine kafka ;;
  *) die "usage: kafka.sh start|stop" ;;
esac
