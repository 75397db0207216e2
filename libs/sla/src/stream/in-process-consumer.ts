import type { EventStore, Subscription } from '@bansos/eventstore';
import { inBatches, type ReadModelStore } from '@bansos/read-models';
import type { CheckpointStore, StreamConsumer, StreamHandler } from './stream-consumer';

const DEFAULT_BATCH = 5000;
// The checkpoint is written at most this often, and when the stream stops: each write
// waits for the read-model file's writer, which may be busy with a whole batch. After a
// crash the monitor replays a few seconds; it folds idempotently.
const CHECKPOINT_EVERY_MS = 5_000;

export interface InProcessConsumerOptions {
  /** Most events per batch (as many as are ready, up to this). */
  readonly batchSize?: number;
}

/**
 * The embedded default's "in-process stream instead of Kafka": the event store's
 * subscribeToAll, pulled in batches with back-pressure, resumed after a stored
 * checkpoint saved every few seconds and when it stops.
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
    let unsaved: bigint | null = null;
    let savedAt = Date.now();
    for await (const batch of inBatches(subscription, this.options.batchSize ?? DEFAULT_BATCH)) {
      await handler.handle(batch);
      unsaved = batch[batch.length - 1].position;
      if (Date.now() - savedAt >= CHECKPOINT_EVERY_MS) {
        await this.checkpoints.save(unsaved);
        unsaved = null;
        savedAt = Date.now();
      }
      await reached(batch[batch.length - 1].position);
    }
    if (unsaved !== null) await this.checkpoints.save(unsaved);
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
