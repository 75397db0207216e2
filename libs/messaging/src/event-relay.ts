import type { EventStore, RecordedEvent, Subscription } from '@bansos/eventstore';
import type { CheckpointStore } from '@bansos/sla';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { chunkBySize, lingeringBatches } from './batching';
import { BrokerProbe, createKafka, type KafkaConnection } from './kafka-client';
import { ensureTopic, type TopicSettings } from './topics';
import { encodeEvent, type EventMessage } from './wire';

export interface EventRelayOptions extends KafkaConnection, TopicSettings {
  readonly events: EventStore;
  /** Position of the last event the broker acknowledged. */
  readonly checkpoints: CheckpointStore;
  /** Most events per produce request (default 1000). */
  readonly batchSize?: number;
  /** How long a batch waits for more live events after its first (default 20 ms). */
  readonly lingerMs?: number;
  /**
   * The loop broke (the broker refused or stayed away past the retries, the checkpoint store
   * failed). The relay has stopped; what was not acknowledged is published again on restart.
   */
  readonly onError: (error: unknown) => void;
}

const DEFAULT_BATCH = 1000;
// kafkajs retries an idempotent producer forever by default; with back-off capped at 30 s, ten
// retries give a broker about two minutes to come back before the loop fails (onError) and the
// process is restarted, rather than hanging, unready, with a stop() that never returns.
const DEFAULT_SEND_RETRIES = 10;
const DEFAULT_LINGER_MS = 20;
// Under the broker's default 1 MB per record batch, even when a whole request lands on one partition.
const MAX_REQUEST_BYTES = 512 * 1024;

/** EventStoreDB's own bookkeeping ($metadata, $settings, …): not domain events. */
export function isSystemEvent(event: RecordedEvent): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

/**
 * Publishes the event store's $all to the events topic, at least once:
 *
 * - it resumes after its checkpoint, the position of the last event the broker acknowledged;
 * - a batch is sent with acks=all by an idempotent producer (a retried request is not
 *   written twice), and only then is the checkpoint moved to the batch's last position;
 * - a crash between the acknowledgement and the checkpoint publishes that batch again
 *   after the restart (duplicates, never a gap); consumers are idempotent per event id.
 *
 * Every event is keyed by its stream id, so one case's events keep their order on one partition.
 */
export class EventRelay {
  private readonly kafka: Kafka;
  private readonly probe: BrokerProbe;
  private producer: Producer | null = null;
  private subscription: Subscription | null = null;
  private loop: Promise<void> | null = null;
  private published = -1n;
  private count = 0;

  constructor(private readonly options: EventRelayOptions) {
    this.kafka = createKafka(options, 'bansos-relay');
    this.probe = new BrokerProbe(this.kafka);
  }

  /** Connects, creates the topic if it is missing, and starts publishing from the checkpoint. */
  async start(): Promise<void> {
    if (this.loop) throw new Error('the relay is already running');
    const after = await this.options.checkpoints.load();
    this.published = after ?? -1n;
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      // Java's partitioner (murmur2 of the key): other clients find a case on the same partition.
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      retry: { retries: this.options.retries ?? DEFAULT_SEND_RETRIES },
    });
    try {
      await this.createTopic();
      await producer.connect();
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    this.producer = producer;
    const subscription = this.options.events.subscribeToAll(after === null ? {} : { after });
    this.subscription = subscription;
    this.loop = this.run(subscription, producer).catch(async (error: unknown) => {
      await subscription.close().catch(() => undefined);
      this.options.onError(error);
    });
  }

  /** Stops reading, publishes and checkpoints the batch in hand, then disconnects. */
  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.loop;
    this.loop = null;
    this.subscription = null;
    await this.producer?.disconnect();
    await this.probe.close();
    this.producer = null;
  }

  /** Position of the last event the broker acknowledged (and the checkpoint holds); -1 before any. */
  publishedPosition(): bigint {
    return this.published;
  }

  /** Events sent since start (system events skipped are not counted). */
  publishedCount(): number {
    return this.count;
  }

  /** Readiness: the broker answers a metadata request. */
  ping(): Promise<void> {
    return this.probe.ping();
  }

  private async createTopic(): Promise<void> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await ensureTopic(admin, this.options);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  private async run(subscription: Subscription, producer: Producer): Promise<void> {
    const batches = lingeringBatches(subscription, {
      max: this.options.batchSize ?? DEFAULT_BATCH,
      lingerMs: this.options.lingerMs ?? DEFAULT_LINGER_MS,
    });
    for await (const batch of batches) {
      const messages = batch.filter((event) => !isSystemEvent(event)).map(encodeEvent);
      for (const chunk of chunkBySize(messages, messageBytes, MAX_REQUEST_BYTES)) {
        await producer.send({ topic: this.options.topic, acks: -1, messages: chunk });
      }
      // Only now, with every message of the batch acknowledged, may the checkpoint pass it.
      const last = batch[batch.length - 1].position;
      await this.options.checkpoints.save(last);
      this.published = last;
      this.count += messages.length;
    }
  }
}

function messageBytes(message: EventMessage): number {
  // The headers are a few short ASCII strings; the value dominates.
  return Buffer.byteLength(message.key) + Buffer.byteLength(message.value) + 160;
}
