import type { RecordedEvent } from '@bansos/eventstore';
import { readModelCheckpoints, type StreamHandler } from '@bansos/sla';
import { describeStreamConsumerContract } from '../../sla/src/testing/stream-consumer.contract';
import { requiredEnv } from '../../../test/support/engines/engines';
import { EventRelay } from './event-relay';
import { KafkaStreamConsumer } from './kafka-stream-consumer';
import { appendSpread, deleteTopic, eventually, freshName, tempStores, type TempStores } from './testing/kafka-test-kit';

const brokers = requiredEnv('KAFKA_BROKERS');

/**
 * The events go the production way: appended to an event store (the embedded SQLite one),
 * published by the relay, consumed by the group from a fresh topic.
 */
class RelayedTopic {
  readonly topic = freshName('consumer-test');
  readonly groupId = freshName('consumer-group');
  private readonly stores: TempStores = tempStores();
  private readonly relay: EventRelay;
  private readonly consumers: KafkaStreamConsumer[] = [];
  readonly errors: unknown[] = [];

  constructor(partitions: number) {
    this.relay = new EventRelay({
      events: this.stores.events,
      checkpoints: readModelCheckpoints(this.stores.readModels, 'kafka-relay'),
      brokers: [brokers],
      topic: this.topic,
      partitions,
      lingerMs: 5,
      logLevel: 'nothing',
      onError: (error) => this.errors.push(error),
    });
  }

  start(): Promise<void> {
    return this.relay.start();
  }

  /** Appends `count` events over `streams` streams and waits until the broker has them. */
  async append(count: number, streams: number): Promise<RecordedEvent[]> {
    const appended = await appendSpread(this.stores.events, count, streams);
    const last = appended[appended.length - 1].position;
    await eventually(() => this.relay.publishedPosition() >= last, 20_000, 'the relay to publish');
    return appended;
  }

  consumer(): KafkaStreamConsumer {
    const consumer = new KafkaStreamConsumer({ brokers: [brokers], topic: this.topic, groupId: this.groupId, maxWaitMs: 200, logLevel: 'nothing' });
    this.consumers.push(consumer);
    return consumer;
  }

  async dispose(): Promise<void> {
    for (const consumer of this.consumers) await consumer.stop();
    await this.relay.stop();
    await deleteTopic(brokers, this.topic);
    await this.stores.dispose();
    expect(this.errors).toEqual([]);
  }
}

// One partition: the contract checks the store's global order, which Kafka keeps only within a partition.
describeStreamConsumerContract('Kafka consumer group (events relayed from SQLite)', async () => {
  const topic = new RelayedTopic(1);
  await topic.start();
  return {
    append: async (count) => (await topic.append(count, 3)).map((e) => e.id),
    consumer: () => topic.consumer(),
    dispose: () => topic.dispose(),
  };
});

/** Records what one consumer handled. */
class Handled implements StreamHandler {
  readonly events: RecordedEvent[] = [];
  caughtUpAt: number[] = [];

  async handle(batch: readonly RecordedEvent[]): Promise<void> {
    this.events.push(...batch);
  }

  async caughtUp(): Promise<void> {
    this.caughtUpAt.push(this.events.length);
  }
}

describe('KafkaStreamConsumer over several partitions', () => {
  let topic: RelayedTopic;
  afterEach(() => topic.dispose());

  it('catches up once every partition reached its end, empty partitions included, each stream in order', async () => {
    topic = new RelayedTopic(4);
    await topic.start();
    // Two streams on four partitions: at least two partitions stay empty.
    const history = await topic.append(60, 2);
    const consumer = topic.consumer();
    const handled = new Handled();
    const running = consumer.consume(handled);
    await eventually(() => handled.caughtUpAt.length === 1, 20_000, 'caught up');
    expect(handled.caughtUpAt).toEqual([60]);
    const live = await topic.append(10, 2);
    await eventually(() => handled.events.length === 70);
    expect(handled.caughtUpAt).toEqual([60]);
    expectStreamOrder(handled.events, [...history, ...live]);
    await consumer.stop();
    await running;
  });

  it('shares the partitions within a group; a member that joins later is caught up from the offsets committed before it', async () => {
    topic = new RelayedTopic(4);
    await topic.start();
    const history = await topic.append(80, 16);
    const first = new Handled();
    const one = topic.consumer();
    const runningOne = one.consume(first);
    await eventually(() => first.caughtUpAt.length === 1, 20_000, 'the first member to catch up');
    expect(first.events).toHaveLength(80);

    const second = new Handled();
    const two = topic.consumer();
    const runningTwo = two.consume(second);
    // Its partitions' offsets were committed by the first member up to their ends: nothing to replay.
    await eventually(() => second.caughtUpAt.length === 1, 30_000, 'the second member to catch up');
    expect(second.caughtUpAt).toEqual([0]);

    const live = await topic.append(80, 16);
    const all = [...history, ...live];
    const seen = () => new Set([...first.events, ...second.events].map((e) => e.id));
    await eventually(() => seen().size === all.length, 30_000, 'every live event');
    expect(seen()).toEqual(new Set(all.map((e) => e.id)));
    expect(second.events.length).toBeGreaterThan(0);
    expect(first.caughtUpAt).toHaveLength(1);
    expectStreamOrder(second.events, live);
    await Promise.all([one.stop(), two.stop()]);
    await Promise.all([runningOne, runningTwo]);
  });
});

/** Within each stream, the handled events are that stream's events in revision order. */
function expectStreamOrder(handled: readonly RecordedEvent[], appended: readonly RecordedEvent[]): void {
  const streams = new Set(handled.map((e) => e.streamId));
  for (const stream of streams) {
    const got = handled.filter((e) => e.streamId === stream).map((e) => e.id);
    const want = appended.filter((e) => e.streamId === stream).map((e) => e.id);
    expect(got).toEqual(want);
  }
}
