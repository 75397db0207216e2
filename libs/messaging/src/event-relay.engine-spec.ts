import { readModelCheckpoints, type CheckpointStore } from '@bansos/sla';
import { requiredEnv } from '../../../test/support/engines/engines';
import { EventRelay, type EventRelayOptions } from './event-relay';
import {
  appendSpread,
  deleteTopic,
  eventually,
  freshName,
  readTopic,
  tempStores,
  testKafka,
  type ReadMessage,
  type TempStores,
} from './testing/kafka-test-kit';
import { HEADERS, WIRE_FORMAT } from './wire';
import { ConfigResourceTypes } from 'kafkajs';

const brokers = requiredEnv('KAFKA_BROKERS');

describe('EventRelay against a real Kafka broker', () => {
  let stores: TempStores;
  let checkpoints: CheckpointStore;
  let topic: string;
  const errors: unknown[] = [];
  const relays: EventRelay[] = [];

  const relay = (options: Partial<EventRelayOptions> = {}): EventRelay => {
    const made = new EventRelay({
      events: stores.events,
      checkpoints,
      brokers: [brokers],
      topic,
      partitions: 3,
      logLevel: 'nothing',
      onError: (error) => errors.push(error),
      ...options,
    });
    relays.push(made);
    return made;
  };
  const publishedUpTo = (r: EventRelay, position: bigint) =>
    eventually(() => r.publishedPosition() >= position, 20_000, `the relay to publish up to ${position}`);

  beforeEach(() => {
    stores = tempStores();
    checkpoints = readModelCheckpoints(stores.readModels, 'kafka-relay');
    topic = freshName('relay-test');
    errors.length = 0;
  });
  afterEach(async () => {
    for (const r of relays.splice(0)) await r.stop();
    await deleteTopic(brokers, topic);
    await stores.dispose();
  });

  it('publishes every event once, keyed by stream, in order within each stream, history then live', async () => {
    const history = await appendSpread(stores.events, 240, 8);
    const r = relay({ batchSize: 50 });
    await r.start();
    await publishedUpTo(r, history[history.length - 1].position);
    const live = await appendSpread(stores.events, 12, 4);
    await publishedUpTo(r, live[live.length - 1].position);
    const all = [...history, ...live];

    const messages = await readTopic(brokers, topic);
    expect(messages.map((m) => m.event.id).sort()).toEqual(all.map((e) => e.id).sort());
    expect(messages.map((m) => m.event)).toEqual(expect.arrayContaining(all));
    for (const [stream, received] of byStream(messages)) {
      // One stream, one partition, revisions 0, 1, 2, … in offset order.
      expect(new Set(received.map((m) => m.partition)).size).toBe(1);
      expect(received.map((m) => m.event.revision)).toEqual(received.map((_, i) => BigInt(i)));
      expect(received.every((m) => m.key === stream)).toBe(true);
    }
    expect(new Set(messages.map((m) => m.partition)).size).toBeGreaterThan(1);
    const sample = messages[0];
    expect(sample.headers).toEqual({
      [HEADERS.format]: WIRE_FORMAT,
      [HEADERS.eventId]: sample.event.id,
      [HEADERS.eventType]: 'Marker',
      [HEADERS.position]: sample.event.position.toString(),
    });
    expect(await checkpoints.load()).toBe(all[all.length - 1].position);
    expect(r.publishedCount()).toBe(all.length);
    expect(errors).toEqual([]);
  });

  it('creates its topic with the partitions asked for, and leaves an existing one as it is', async () => {
    await relay({ partitions: 4 }).start();
    const admin = testKafka(brokers).admin();
    await admin.connect();
    const partitions = async () => (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions.length;
    expect(await partitions()).toBe(4);
    await relay({ partitions: 2 }).start();
    expect(await partitions()).toBe(4);
    await admin.disconnect();
  });

  it('resumes after its checkpoint when restarted: nothing lost, nothing twice', async () => {
    const first = await appendSpread(stores.events, 100, 5);
    const one = relay({ batchSize: 30 });
    await one.start();
    await publishedUpTo(one, first[first.length - 1].position);
    await one.stop();
    const second = await appendSpread(stores.events, 60, 5);

    const two = relay({ batchSize: 30 });
    await two.start();
    expect(two.publishedPosition()).toBe(first[first.length - 1].position);
    await publishedUpTo(two, second[second.length - 1].position);
    expect(two.publishedCount()).toBe(60);

    const ids = (await readTopic(brokers, topic)).map((m) => m.event.id);
    expect(ids).toHaveLength(160);
    expect(new Set(ids)).toEqual(new Set([...first, ...second].map((e) => e.id)));
  });

  it('publishes again only the batch whose checkpoint was not saved (a crash between ack and checkpoint)', async () => {
    const events = await appendSpread(stores.events, 100, 5);
    // The process "dies" as it saves the second batch's checkpoint: the broker has that batch.
    let saves = 0;
    const dying: CheckpointStore = {
      load: () => checkpoints.load(),
      save: async (position) => {
        if (++saves === 2) throw new Error('crashed before the checkpoint was written');
        await checkpoints.save(position);
      },
    };
    const crashed = relay({ checkpoints: dying, batchSize: 40 });
    await crashed.start();
    await eventually(() => errors.length === 1);
    expect(String(errors[0])).toContain('crashed before the checkpoint');
    expect(await checkpoints.load()).toBe(events[39].position);
    await crashed.stop();

    const restarted = relay({ batchSize: 40 });
    await restarted.start();
    await publishedUpTo(restarted, events[99].position);

    const ids = (await readTopic(brokers, topic)).map((m) => m.event.id);
    expect(new Set(ids)).toEqual(new Set(events.map((e) => e.id)));
    const seen = new Map<string, number>();
    for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
    const twice = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    // Exactly the second batch (events 40..79): acknowledged, not checkpointed.
    expect(new Set(twice)).toEqual(new Set(events.slice(40, 80).map((e) => e.id)));
    expect(Math.max(...seen.values())).toBe(2);
  });

  it('keeps its checkpoint where it was when the broker refuses a batch, and publishes it after a restart', async () => {
    // The broker itself refuses: this topic takes no message over 4 KB.
    const admin = testKafka(brokers).admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '4096' }] }],
    });
    const small = await appendSpread(stores.events, 20, 4);
    // Small batches, so that each record batch of the small events stays under the limit.
    const r = relay({ batchSize: 5 });
    await r.start();
    await publishedUpTo(r, small[19].position);

    const big = await appendSpread(stores.events, 1, 1, { blob: 'x'.repeat(20_000) });
    const after = await appendSpread(stores.events, 5, 1);
    await eventually(() => errors.length === 1, 20_000, 'the broker to refuse the batch');
    expect(String(errors[0])).toMatch(/larger than|too large/i);
    expect(await checkpoints.load()).toBe(small[19].position);
    expect(r.publishedPosition()).toBe(small[19].position);
    expect((await readTopic(brokers, topic)).map((m) => m.event.id)).toEqual(small.map((e) => e.id));
    await r.stop();

    // Once the topic takes it, a restart publishes from the checkpoint: nothing was lost.
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: [{ name: 'max.message.bytes', value: '1048588' }] }],
    });
    await admin.disconnect();
    const again = relay({ batchSize: 5 });
    await again.start();
    await publishedUpTo(again, after[4].position);
    const ids = (await readTopic(brokers, topic)).map((m) => m.event.id);
    expect(ids).toEqual([...small, ...big, ...after].map((e) => e.id));
  });

  it('fails to start against an unreachable broker, its checkpoint untouched', async () => {
    const events = await appendSpread(stores.events, 10, 2);
    await checkpoints.save(events[4].position);
    const closedPort = await unusedPort();
    const r = relay({ brokers: [`127.0.0.1:${closedPort}`], connectionTimeoutMs: 300, retries: 1 });
    await expect(r.start()).rejects.toThrow();
    await expect(r.ping()).rejects.toThrow();
    expect(await checkpoints.load()).toBe(events[4].position);
    expect(r.publishedPosition()).toBe(events[4].position);
  });

  it('answers its readiness probe when the broker is there', async () => {
    const r = relay();
    await r.start();
    await expect(r.ping()).resolves.toBeUndefined();
  });
});

function byStream(messages: readonly ReadMessage[]): Map<string, ReadMessage[]> {
  const streams = new Map<string, ReadMessage[]>();
  for (const m of messages) streams.set(m.event.streamId, [...(streams.get(m.event.streamId) ?? []), m]);
  return streams;
}

/** A port nothing listens on: bound, then closed at once. */
async function unusedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
