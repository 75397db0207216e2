import { toDomainEvent } from '@bansos/application';
import type { EventStore, RecordedEvent, Subscription } from '@bansos/eventstore';
import { inBatches } from './batching';
import type { Positioned, ProjectedEvent, Projection } from './projections/projection';
import type { Document, DocumentWrite, ReadModelStore, StoredDocument } from './read-model-store';

// Events per commit when many are ready at once (catch-up, a bulk import). Lookup ids are
// hashes, so each commit rewrites index pages all over the file: the more documents per
// commit, the fewer times each page is written. Live events still go one commit each.
const DEFAULT_BATCH = 100_000;
// While more events wait behind a batch that changes no document of a projection, its
// checkpoint moves only in memory: it is written with the next document change, once the
// projector reaches the head, at stop, or after this long. Each write takes the store's
// write lock, which another writer (the projector thread next to the SLA monitor, a CLI
// import next to the API) may hold for a whole batch. Restarting from an older checkpoint
// only replays events that change nothing.
const IDLE_CHECKPOINT_MS = 5_000;

/** How far a running projector has got; what callers wait on. */
export interface ProjectorProgress {
  /** The position every projection has reached (-1 before the first event). */
  appliedPosition(): bigint;
  /** Resolves once every projection has applied the event at `position`. */
  waitFor(position: bigint): Promise<void>;
}

export interface ProjectorOptions<E extends Positioned = ProjectedEvent> {
  readonly batchSize?: number;
  readonly onError?: (error: unknown) => void;
  /** Called after each batch with the position every projection has reached. */
  readonly onApplied?: (position: bigint) => void;
  /**
   * Whether reaching the head writes a deferred checkpoint at once (the default). Without,
   * only time, a document change or stop() does: for a projector whose writes wait on a
   * busy writer (saveDeferredCheckpoints() then makes the store current on demand).
   */
  readonly checkpointAtHead?: boolean;
  /** Reads a stored event for the projections; null skips it. Domain events by default. */
  readonly decode?: (recorded: RecordedEvent) => E | null;
}

/**
 * Runs projections over the event store's $all: loads each checkpoint first, applies
 * batches, and saves the checkpoint in the same commit as the documents. It reads $all on
 * a subscription of its own (start), or is handed batches another reader already has
 * (prepare, then apply).
 */
export class Projector<E extends Positioned = ProjectedEvent> implements ProjectorProgress {
  private readonly checkpoints = new Map<string, bigint>();
  /** Checkpoints as last written to the store, and when. */
  private readonly saved = new Map<string, { position: bigint; at: number }>();
  private subscription: Subscription | null = null;
  private loop: Promise<void> | null = null;
  private waiters: { position: bigint; resolve: () => void }[] = [];
  /** Keeps the process alive while someone waits: the store's poll timer does not. */
  private keepAlive: NodeJS.Timeout | null = null;

  constructor(
    private readonly events: EventStore,
    private readonly store: ReadModelStore,
    private readonly projections: readonly Projection<Document, E>[],
    private readonly options: ProjectorOptions<E> = {},
  ) {
    this.decode = options.decode ?? (toDomainEvent as unknown as (recorded: RecordedEvent) => E | null);
  }

  private readonly decode: (recorded: RecordedEvent) => E | null;

  /** Creates the collections and loads the checkpoints; enough when batches come from elsewhere (apply). */
  async prepare(): Promise<void> {
    await this.store.ensureCollections(this.projections.map((p) => p.collection));
    for (const p of this.projections) {
      const position = (await this.store.checkpoint(p.name)) ?? -1n;
      this.checkpoints.set(p.name, position);
      this.saved.set(p.name, { position, at: Date.now() });
    }
  }

  async start(): Promise<void> {
    await this.prepare();
    const from = this.appliedPosition();
    this.subscription = this.events.subscribeToAll(from >= 0n ? { after: from } : {});
    this.loop = this.run(this.subscription);
  }

  async stop(): Promise<void> {
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.keepAlive = null;
    await this.subscription?.close();
    await this.loop;
    this.subscription = null;
    await this.saveDeferredCheckpoints();
  }

  /** Writes the checkpoints that moved without document changes since their last write. */
  async saveDeferredCheckpoints(): Promise<void> {
    for (const [name, position] of this.checkpoints) {
      if ((this.saved.get(name)?.position ?? -1n) !== position) await this.saveCheckpoint(name, [], position);
    }
  }

  appliedPosition(): bigint {
    let min: bigint | null = null;
    for (const c of this.checkpoints.values()) if (min === null || c < min) min = c;
    return min ?? -1n;
  }

  waitFor(position: bigint): Promise<void> {
    if (this.appliedPosition() >= position) return Promise.resolve();
    this.keepAlive ??= setInterval(() => undefined, 1000);
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  private async run(subscription: Subscription): Promise<void> {
    try {
      for await (const batch of inBatches(subscription, this.options.batchSize ?? DEFAULT_BATCH)) {
        await this.apply(batch);
      }
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  /** Applies one batch to every projection that has not seen it yet. */
  async apply(batch: readonly RecordedEvent[]): Promise<void> {
    if (batch.length === 0) return;
    const events = batch.map(this.decode);
    const last = batch[batch.length - 1].position;
    let atHead: boolean | undefined;
    for (const projection of this.projections) {
      const checkpoint = this.checkpoints.get(projection.name) ?? -1n;
      if (last <= checkpoint) continue;
      const fresh = events.filter((e): e is E => e !== null && e.position > checkpoint);
      const writes = await this.project(projection, fresh);
      if (writes.length > 0 || this.checkpointDue(projection.name) || (atHead ??= await this.reachedHead(last))) {
        await this.saveCheckpoint(projection.name, writes, last);
      }
      this.checkpoints.set(projection.name, last);
    }
    this.wake();
  }

  private async reachedHead(position: bigint): Promise<boolean> {
    return (this.options.checkpointAtHead ?? true) && (await this.events.headPosition()) <= position;
  }

  private checkpointDue(name: string): boolean {
    return Date.now() - (this.saved.get(name)?.at ?? 0) >= IDLE_CHECKPOINT_MS;
  }

  private async saveCheckpoint(name: string, writes: readonly DocumentWrite[], position: bigint): Promise<void> {
    await this.store.commit(name, writes, position);
    this.saved.set(name, { position, at: Date.now() });
  }

  private async project(projection: Projection<Document, E>, events: readonly E[]): Promise<DocumentWrite[]> {
    // A document that an event of the batch replaces whole is built from that event on,
    // as the events come, and written without being read: the stored document cannot
    // matter. Each event between it and the stored position is in this batch (batches are
    // contiguous), so the result is the one a read would give, and the store's position
    // guard turns the write away when the stored document is as new. A bulk import reads
    // nothing. The events of any other document wait for one read of all of them.
    const built = new Map<string, { doc: Document | null; position: bigint }>();
    const waiting = new Map<string, E[]>();
    for (const event of events) {
      for (const id of projection.keysOf(event)) {
        const current = built.get(id);
        if (projection.replaces?.(event, id)) {
          waiting.delete(id);
          built.set(id, { doc: projection.evolve(null, event, id), position: event.position });
        } else if (current) {
          current.doc = projection.evolve(current.doc, event, id);
          current.position = event.position;
        } else {
          const list = waiting.get(id);
          if (list) list.push(event);
          else waiting.set(id, [event]);
        }
      }
    }
    const collection = projection.collection.name;
    const writes: DocumentWrite[] = [];
    for (const [id, { doc, position }] of built) writes.push({ collection, id, doc, position });
    if (waiting.size === 0) return writes;
    const stored = await this.store.getMany(collection, [...waiting.keys()]);
    for (const [id, list] of waiting) {
      const before: StoredDocument | undefined = stored.get(id);
      let doc = before?.doc ?? null;
      let position = before?.position ?? -1n;
      for (const event of list) {
        if (event.position <= position) continue; // already applied: replays change nothing
        doc = projection.evolve(doc, event, id);
        position = event.position;
      }
      if (position !== (before?.position ?? -1n)) {
        writes.push({ collection, id, doc, position });
      }
    }
    return writes;
  }

  private wake(): void {
    const reached = this.appliedPosition();
    this.options.onApplied?.(reached);
    const ready = this.waiters.filter((w) => w.position <= reached);
    this.waiters = this.waiters.filter((w) => w.position > reached);
    for (const w of ready) w.resolve();
    if (this.waiters.length === 0 && this.keepAlive) {
      clearInterval(this.keepAlive);
      this.keepAlive = null;
    }
  }
}
