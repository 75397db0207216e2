import { toDomainEvent } from '@bansos/application';
import type { EventStore, RecordedEvent, Subscription } from '@bansos/eventstore';
import { ReadyRuns } from './batching';
import { DocumentFold } from './document-fold';
import type { Positioned, ProjectedEvent, Projection } from './projections/projection';
import type { Document, DocumentWrite, ReadModelStore } from './read-model-store';

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
      // Each event is folded into the documents as it arrives: only the documents wait for
      // the batch to be written, not the (many more, larger) events behind them.
      const runs = new ReadyRuns(subscription);
      const max = this.options.batchSize ?? DEFAULT_BATCH;
      for (;;) {
        const batch = this.startBatch();
        if ((await runs.next(max, (recorded) => batch.add(recorded))) === 0) return;
        await this.finish(batch);
      }
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  /** Applies one batch to every projection that has not seen it yet. */
  async apply(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const batch = this.startBatch();
    for (const recorded of events) batch.add(recorded);
    await this.finish(batch);
  }

  private startBatch(): ProjectorBatch<E> {
    const folds = this.projections.map((p) => new DocumentFold(p, this.checkpoints.get(p.name) ?? -1n));
    return new ProjectorBatch(folds, this.decode);
  }

  /** Writes what a batch changed, with each projection's checkpoint at its last event. */
  private async finish(batch: ProjectorBatch<E>): Promise<void> {
    const last = batch.last;
    let atHead: boolean | undefined;
    for (const fold of batch.folds) {
      const name = fold.projection.name;
      if (last <= (this.checkpoints.get(name) ?? -1n)) continue;
      const writes = await fold.writes(this.store);
      if (writes.length > 0 || this.checkpointDue(name) || (atHead ??= await this.reachedHead(last))) {
        await this.saveCheckpoint(name, writes, last);
      }
      this.checkpoints.set(name, last);
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

/** The events of one batch, decoded and folded into every projection as they are added. */
class ProjectorBatch<E extends Positioned> {
  /** Position of the last event added, whether or not any projection uses it. */
  last = -1n;

  constructor(
    readonly folds: readonly DocumentFold<E>[],
    private readonly decode: (recorded: RecordedEvent) => E | null,
  ) {}

  add(recorded: RecordedEvent): void {
    this.last = recorded.position;
    const event = this.decode(recorded);
    if (event !== null) for (const fold of this.folds) fold.add(event);
  }
}
