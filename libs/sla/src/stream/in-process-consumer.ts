import type { EventStore, Subscription } from '@bansos/eventstore';
import { inBatches, type ReadModelStore } from '@bansos/read-models';
import type { CheckpointStore, StreamConsumer, StreamHandler } from './stream-consumer';

const DEFAULT_BATCH = 5000;

export interface InProcessConsumerOptions {
  /** Most events per batch (as many as are ready, up to this). */
  readonly batchSize?: number;
}

/**
 * The embedded default's "in-process stream instead of Kafka": the event store's
 * subscribeToAll, pulled in batches with back-pressure, resumed after a stored
 * checkpoint that is saved after each batch.
 */
export class InProcessStreamConsumer implements StreamConsumer {
  private subscription: Subscription | null = null;
  private stopped = false;

  constructor(
    private readonly events: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly options: InProcessConsumerOptions = {},
  ) {}

  async consume(handler: StreamHandler): Promise<void> {
    const after = await this.checkpoints.load();
    // "Caught up" is measured against the head when we start; later events are live ones.
    const head = await this.events.headPosition();
    let live = false;
    const reached = async (position: bigint): Promise<void> => {
      if (live || position < head) return;
      live = true;
      await handler.caughtUp();
    };
    await reached(after ?? -1n);
    if (this.stopped) return;
    const subscription = this.events.subscribeToAll(after === null ? {} : { after });
    this.subscription = subscription;
    for await (const batch of inBatches(subscription, this.options.batchSize ?? DEFAULT_BATCH)) {
      await handler.handle(batch);
      const last = batch[batch.length - 1].position;
      await this.checkpoints.save(last);
      await reached(last);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
  }
}

/** A consumer checkpoint kept in the read-model store, under its own name. */
export function readModelCheckpoints(store: ReadModelStore, name: string): CheckpointStore {
  return {
    load: () => store.checkpoint(name),
    save: (position) => store.commit(name, [], position),
  };
}
