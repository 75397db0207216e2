import type { EventStore, RecordedEvent, Subscription } from '@bansos/eventstore';
import {
  inBatches,
  type CollectionSpec,
  type Document,
  type DocumentWrite,
  type ReadModelStore,
  type StoredDocument,
} from '@bansos/read-models';
import { decodeFeedEvent, isFeedType, type SlaFeedEvent } from '../codec';

/** A pure SLA read model: which documents an event touches, and how each one changes (null deletes). */
export interface SlaProjection<D extends Document = Document> {
  readonly name: string;
  readonly collection: CollectionSpec;
  keysOf(event: SlaFeedEvent): readonly string[];
  evolve(doc: D | null, event: SlaFeedEvent, id: string): D | null;
}

export interface SlaProjectorOptions {
  readonly batchSize?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * Runs the SLA read models as the system's Projector runs its own: each checkpoint loaded
 * first and saved in the same commit as the documents, a replayed event skipped by the
 * stored position. It exists because that Projector feeds DomainEvents only, and the
 * alerts sit outside that union (see events.ts). It reads $all on a subscription of its
 * own (start), or is handed the batches another reader already has (prepare + apply):
 * the embedded system feeds it the SLA monitor's batches.
 */
export class SlaProjector {
  private readonly checkpoints = new Map<string, bigint>();
  private subscription: Subscription | null = null;
  private loop: Promise<void> | null = null;
  private waiters: { position: bigint; resolve: () => void }[] = [];

  constructor(
    private readonly events: EventStore,
    private readonly store: ReadModelStore,
    private readonly projections: readonly SlaProjection[],
    private readonly options: SlaProjectorOptions = {},
  ) {}

  /** Creates the collections and loads the checkpoints; enough when batches come from elsewhere (apply). */
  async prepare(): Promise<void> {
    await this.store.ensureCollections(this.projections.map((p) => p.collection));
    for (const p of this.projections) this.checkpoints.set(p.name, (await this.store.checkpoint(p.name)) ?? -1n);
  }

  /** Runs on a subscription of its own. */
  async start(): Promise<void> {
    await this.prepare();
    const from = this.appliedPosition();
    this.subscription = this.events.subscribeToAll(from >= 0n ? { after: from } : {});
    this.loop = this.run(this.subscription);
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.loop;
    this.subscription = null;
  }

  /** The position every SLA read model has reached (-1 before the first event). */
  appliedPosition(): bigint {
    let min: bigint | null = null;
    for (const c of this.checkpoints.values()) if (min === null || c < min) min = c;
    return min ?? -1n;
  }

  waitFor(position: bigint): Promise<void> {
    if (this.appliedPosition() >= position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  private async run(subscription: Subscription): Promise<void> {
    try {
      for await (const batch of inBatches(subscription, this.options.batchSize ?? 5000)) await this.apply(batch);
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  /** Applies one batch to every read model that has not seen it yet. */
  async apply(batch: readonly RecordedEvent[]): Promise<void> {
    if (batch.length === 0) return;
    const decoded: SlaFeedEvent[] = [];
    for (const recorded of batch) {
      const event = isFeedType(recorded.type) ? decodeFeedEvent(recorded) : null;
      if (event) decoded.push(event);
    }
    const last = batch[batch.length - 1].position;
    for (const projection of this.projections) {
      const checkpoint = this.checkpoints.get(projection.name) ?? -1n;
      if (last <= checkpoint) continue;
      const writes = await this.project(projection, decoded.filter((e) => e.position > checkpoint));
      await this.store.commit(projection.name, writes, last);
      this.checkpoints.set(projection.name, last);
    }
    const reached = this.appliedPosition();
    for (const w of this.waiters.filter((x) => x.position <= reached)) w.resolve();
    this.waiters = this.waiters.filter((x) => x.position > reached);
  }

  private async project(projection: SlaProjection, events: readonly SlaFeedEvent[]): Promise<DocumentWrite[]> {
    const touched = new Map<string, SlaFeedEvent[]>();
    for (const event of events) {
      for (const id of projection.keysOf(event)) {
        const list = touched.get(id);
        if (list) list.push(event);
        else touched.set(id, [event]);
      }
    }
    if (touched.size === 0) return [];
    const stored = await this.store.getMany(projection.collection.name, [...touched.keys()]);
    const writes: DocumentWrite[] = [];
    for (const [id, list] of touched) {
      const before: StoredDocument | undefined = stored.get(id);
      let doc = before?.doc ?? null;
      let position = before?.position ?? -1n;
      for (const event of list) {
        if (event.position <= position) continue; // already applied: replays change nothing
        doc = projection.evolve(doc, event, id);
        position = event.position;
      }
      if (position !== (before?.position ?? -1n)) writes.push({ collection: projection.collection.name, id, doc, position });
    }
    return writes;
  }
}
