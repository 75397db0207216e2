import type { RecordedEvent } from '@bansos/eventstore';

/**
 * The stream the SLA monitor reads. Two adapters: the in-process one over the embedded
 * event store's subscribeToAll (here), and a kafkajs consumer group in the production
 * profile. The port promises only what Kafka gives, so the monitor is written for it:
 *
 * - at-least-once: after a crash or a rebalance, batches since the last checkpoint come
 *   again, and a producer retry may deliver one event twice at different offsets;
 * - order within a case only: messages are keyed by ticket, so one case's events keep
 *   their order, while events of different cases may arrive in any order;
 * - back-pressure: the next batch is fetched only when handle() has resolved, and the
 *   checkpoint (the Kafka offsets) is committed only after that, never before.
 */
export interface StreamHandler {
  /** Handles one batch (in stream order). A rejection stops the consumer without checkpointing the batch. */
  handle(batch: readonly RecordedEvent[]): Promise<void>;
  /**
   * Called once, when everything the stream held at the start has been handled (Kafka:
   * every assigned partition reached the high watermark read at start). Until then the
   * consumer is replaying history, and time-based decisions would be made on old facts.
   */
  caughtUp(): Promise<void>;
}

export interface StreamConsumer {
  /** Runs until stop() (resolves) or a failure (rejects). */
  consume(handler: StreamHandler): Promise<void>;
  /** Ends consume() after the batch in hand; safe to call more than once. */
  stop(): Promise<void>;
}

/** Where a consumer keeps its position (the embedded adapter; Kafka keeps offsets itself). */
export interface CheckpointStore {
  /** The position of the last event handled, or null before the first batch. */
  load(): Promise<bigint | null>;
  save(position: bigint): Promise<void>;
}
