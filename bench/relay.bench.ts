/**
 * Relay throughput: `npm run build && KAFKA_BROKERS=127.0.0.1:PORT node dist/bench/relay.bench.js`
 * (`bash scripts/engines/kafka.sh start` prints the address).
 * Writes N events (BENCH_RELAY_EVENTS, default 100,000: half as many eligible cases, each a
 * ReportFiled and an EligibilityAssessed) into a temporary embedded store, then, BENCH_RUNS
 * times (default 3), relays all of them into a fresh topic and times it from start() until the
 * broker acknowledged the last event and the checkpoint holds it. Beside it, in the same run:
 * the same events, already read and encoded, sent by a bare idempotent kafkajs producer in
 * batches of the same size (the client and broker's own ceiling here).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@bansos/eventstore';
import { DEFAULT_PARTITIONS, encodeEvent, ensureTopic, EventRelay } from '@bansos/messaging';
import { SqliteReadModelStore } from '@bansos/read-models';
import { readModelCheckpoints } from '@bansos/sla';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { busyNote, ForeignLoad, waitForQuiet } from './lib/machine';
import { writeCases } from './lib/sla-log';
import { describe, envInt, fixed, int, spread, table } from './lib/stats';

const log = (line: string) => process.stdout.write(`${line}\n`);
const BATCH = 1000;

function brokersFromEnv(): string[] {
  const value = process.env.KAFKA_BROKERS;
  if (!value) throw new Error('KAFKA_BROKERS is not set: start a broker with `bash scripts/engines/kafka.sh start`');
  return value.split(',');
}

// Every topic the bench makes, deleted at the end so the broker stays small.
const created: string[] = [];
const topicName = (what: string, run: number): string => {
  const name = `bench.${what}.${Date.now().toString(36)}.${run}`;
  created.push(name);
  return name;
};

async function deleteCreated(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  const topics = created.filter((t) => existing.has(t));
  if (topics.length > 0) await admin.deleteTopics({ topics });
  await admin.disconnect();
}

async function relayRun(dir: string, brokers: string[], run: number, last: bigint): Promise<{ ms: number; note: string }> {
  const events = SqliteEventStore.open(join(dir, 'events.sqlite'));
  const readModels = SqliteReadModelStore.open(join(dir, `read-models-${run}.sqlite`));
  const checkpoints = readModelCheckpoints(readModels, 'kafka-relay');
  let failure: unknown = null;
  const relay = new EventRelay({
    events,
    checkpoints,
    brokers,
    topic: topicName('relay', run),
    batchSize: BATCH,
    logLevel: 'error',
    onError: (error) => (failure = error),
  });
  const load = new ForeignLoad();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await relay.start();
  while (relay.publishedPosition() < last && failure === null) await new Promise((resolve) => setTimeout(resolve, 5));
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  await relay.stop();
  if (failure !== null) throw failure;
  if ((await checkpoints.load()) !== last) throw new Error('the checkpoint does not hold the last event');
  await events.close();
  await readModels.close();
  return { ms, note: busyNote(load.coresUsedByOthers((cpu.user + cpu.system) / 1000)) };
}

async function bareRun(kafka: Kafka, messages: ReturnType<typeof encodeEvent>[], run: number): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  const topic = topicName('bare', run);
  await ensureTopic(admin, { topic, partitions: DEFAULT_PARTITIONS });
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const started = performance.now();
  for (let i = 0; i < messages.length; i += BATCH) {
    await producer.send({ topic, acks: -1, messages: messages.slice(i, i + BATCH) });
  }
  const ms = performance.now() - started;
  await producer.disconnect();
  return ms;
}

async function readEverything(store: SqliteEventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: all.length === 0 ? undefined : all[all.length - 1].position, maxCount: 10_000 });
    if (page.length === 0) return all;
    all.push(...page);
  }
}

async function main(): Promise<void> {
  const brokers = brokersFromEnv();
  const total = envInt('BENCH_RELAY_EVENTS', 100_000);
  const runs = envInt('BENCH_RUNS', 3);
  log(`relay bench: node ${process.version}, ${cpus().length} cores, ${int(total)} events, ${DEFAULT_PARTITIONS} partitions, batches of ${BATCH}, broker on this machine`);
  const dir = mkdtempSync(join(tmpdir(), 'bansos-relay-bench-'));
  const kafka = new Kafka({ brokers, clientId: 'bansos-relay-bench', logLevel: logLevel.ERROR });
  try {
    const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    await writeCases(store, Math.ceil(total / 2), () => undefined);
    const all = await readEverything(store);
    await store.close();
    const last = all[all.length - 1].position;
    const messages = all.map(encodeEvent);
    const bytes = messages.reduce((sum, m) => sum + Buffer.byteLength(m.value), 0);
    log(`log: ${int(all.length)} events, ${fixed(bytes / all.length, 0)} bytes per message on average`);

    const relayRates: number[] = [];
    const bareRates: number[] = [];
    for (let run = 1; run <= runs; run++) {
      await waitForQuiet();
      const relay = await relayRun(dir, brokers, run, last);
      relayRates.push(all.length / (relay.ms / 1000));
      const bare = await bareRun(kafka, messages, run);
      bareRates.push(all.length / (bare / 1000));
      log(`run ${run}: relay ${int(relayRates[run - 1])} events/s (${fixed(relay.ms / 1000, 1)} s), bare producer ${int(bareRates[run - 1])} events/s${relay.note}`);
    }
    const relayRate = spread(relayRates);
    const bareRate = spread(bareRates);
    log('');
    log(
      table([
        ['measure', 'events/s'],
        ['relay: SQLite $all -> topic, checkpointed', describe(relayRate)],
        ['bare idempotent producer, same messages', describe(bareRate)],
        ['relay / bare (medians)', fixed(relayRate.median / bareRate.median)],
      ]),
    );
  } finally {
    await deleteCreated(kafka);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
