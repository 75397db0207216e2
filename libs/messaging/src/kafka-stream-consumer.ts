import type { RecordedEvent } from '@bansos/eventstore';
import type { StreamConsumer, StreamHandler } from '@bansos/sla';
import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { CatchUp } from './catch-up';
import { BrokerProbe, createKafka, type KafkaConnection } from './kafka-client';
import { decodeEvent, WireFormatError } from './wire';

export interface KafkaStreamConsumerOptions extends KafkaConnection {
  readonly topic: string;
  /** Consumers of one group share the topic's partitions and its committed offsets. */
  readonly groupId: string;
  /** How long a fetch waits at the broker for new messages (default 1000 ms); stop() waits for it at most this long. */
  readonly maxWaitMs?: number;
  /** How long the group waits for a silent member before giving its partitions away (kafkajs default 30 s). */
  readonly sessionTimeoutMs?: number;
}

/** Runs tasks one after the other: a batch and a "caught up" check never overlap. */
class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * The SLA monitor's stream as a Kafka consumer group (the production adapter of the
 * StreamConsumer port). A batch is one partition's fetch; the group's offset for it is
 * committed only after handle() resolved, so a crash or a rebalance delivers it again
 * (at least once). A failed handle() ends consume() with that error, nothing committed.
 */
export class KafkaStreamConsumer implements StreamConsumer {
  private readonly kafka: Kafka;
  private readonly probe: BrokerProbe;
  private running: Promise<void> | null = null;
  private stopping = false;
  private release: (() => void) | null = null;

  constructor(private readonly options: KafkaStreamConsumerOptions) {
    this.kafka = createKafka(options, 'bansos-consumer');
    this.probe = new BrokerProbe(this.kafka);
  }

  consume(handler: StreamHandler): Promise<void> {
    if (this.running) return Promise.reject(new Error('this consumer is already running'));
    const running = this.consumeOnce(handler);
    // stop() waits for the end, whatever it was; the caller of consume() sees the failure.
    this.running = running.catch(() => undefined);
    return running;
  }

  /** Ends consume() once the batch in hand is handled and committed; leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.release?.();
    await this.running;
    await this.probe.close();
  }

  /** Readiness: the broker answers a metadata request. */
  ping(): Promise<void> {
    return this.probe.ping();
  }

  private async consumeOnce(handler: StreamHandler): Promise<void> {
    const { topic, groupId } = this.options;
    const admin = this.kafka.admin();
    const consumer = this.kafka.consumer({
      groupId,
      maxWaitTimeInMs: this.options.maxWaitMs ?? 1000,
      sessionTimeout: this.options.sessionTimeoutMs,
      allowAutoTopicCreation: false,
      // A failure ends consume(); the process decides what comes next, not a silent restart.
      retry: { ...(this.options.retries === undefined ? {} : { retries: this.options.retries }), restartOnFailure: async () => false },
    });
    try {
      await admin.connect();
      // "Caught up" is measured against the ends of the partitions now; later messages are live.
      const offsets = await admin.fetchTopicOffsets(topic);
      const catchUp = new CatchUp(new Map(offsets.map((o) => [o.partition, BigInt(o.high)])));
      const logStart = new Map(offsets.map((o) => [o.partition, BigInt(o.low)]));
      if (this.stopping) return;
      await this.run(consumer, handler, async (partitions) => {
        catchUp.assign(partitions);
        for (const { partition, offset } of await committedOffsets(admin, groupId, topic)) {
          catchUp.at(partition, offset >= 0n ? offset : (logStart.get(partition) ?? 0n));
        }
        return catchUp;
      });
    } finally {
      this.release = null;
      await consumer.disconnect().catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** Resolves on stop(), rejects on the first failure. */
  private run(
    consumer: Consumer,
    handler: StreamHandler,
    joined: (partitions: readonly number[]) => Promise<CatchUp>,
  ): Promise<void> {
    const { topic } = this.options;
    const serial = new Serial();
    let catchUp: CatchUp | null = null;
    let failed = false;
    return new Promise<void>((resolve, reject) => {
      const fail = (error: unknown): void => {
        failed = true;
        reject(error);
      };
      this.release = resolve;
      if (this.stopping) return resolve();
      const reachedEnd = async (): Promise<void> => {
        if (catchUp?.reached()) await handler.caughtUp();
      };

      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        const partitions = payload.memberAssignment[topic] ?? [];
        // Partitions with nothing left to read are caught up without a batch ever coming.
        serial
          .run(async () => {
            catchUp = await joined(partitions);
            await reachedEnd();
          })
          .catch(fail);
      });
      consumer.on(consumer.events.CRASH, ({ payload }) => fail(payload.error));

      const eachBatch = async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) => {
        // After a failure or stop(), later fetches are left unhandled and uncommitted: the group hands them out again.
        if (failed || this.stopping || !isRunning() || isStale() || batch.isEmpty()) return;
        let events: RecordedEvent[];
        try {
          events = batch.messages.map((message) => decodeAt(message, topic, batch.partition));
          await handler.handle(events);
        } catch (error) {
          return fail(error);
        }
        const next = BigInt(batch.lastOffset()) + 1n;
        resolveOffset(batch.lastOffset());
        // A commit refused by a rebalance throws to kafkajs, which rejoins; the batch comes again.
        await consumer.commitOffsets([{ topic, partition: batch.partition, offset: next.toString() }]);
        catchUp?.at(batch.partition, next);
        await reachedEnd();
        await heartbeat();
      };

      (async () => {
        await consumer.connect();
        await consumer.subscribe({ topics: [topic], fromBeginning: true });
        await consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: 1,
          eachBatch: (payload) => serial.run(() => eachBatch(payload)),
        });
      })().catch(fail);
    });
  }
}

/** The group's committed offset per partition; -1 where it has none. */
async function committedOffsets(admin: Admin, groupId: string, topic: string): Promise<Array<{ partition: number; offset: bigint }>> {
  const [found] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return (found?.partitions ?? []).map((p) => ({ partition: p.partition, offset: BigInt(p.offset) }));
}

function decodeAt(message: Parameters<typeof decodeEvent>[0] & { offset: string }, topic: string, partition: number): RecordedEvent {
  try {
    return decodeEvent(message);
  } catch (error) {
    if (!(error instanceof WireFormatError)) throw error;
    throw new WireFormatError(`${topic}/${partition}@${message.offset}: ${error.message}`);
  }
}
