import type { Positioned, Projection } from './projections/projection';
import type { Document, DocumentWrite, ReadModelStore, StoredDocument } from './read-model-store';

/**
 * The documents one batch of events changes in one projection, folded as the events come,
 * so that the events themselves need not be kept until the batch is written.
 *
 * A document that an event replaces whole is built from that event on and written without
 * being read: the stored document cannot matter. Each event between it and the stored
 * position is in this batch (batches are contiguous), so the result is the one a read
 * would give, and the store's position guard turns the write away when the stored
 * document is as new. A bulk import reads nothing. The events of any other document wait
 * for one read of all of them when the batch is written.
 */
export class DocumentFold<E extends Positioned> {
  private readonly built = new Map<string, { doc: Document | null; position: bigint }>();
  private readonly waiting = new Map<string, E[]>();

  /** `after`: the projection's checkpoint; events up to it are not applied again. */
  constructor(
    readonly projection: Projection<Document, E>,
    private readonly after: bigint,
  ) {}

  add(event: E): void {
    if (event.position <= this.after) return;
    const projection = this.projection;
    for (const id of projection.keysOf(event)) {
      const current = this.built.get(id);
      if (projection.replaces?.(event, id)) {
        this.waiting.delete(id);
        this.built.set(id, { doc: projection.evolve(null, event, id), position: event.position });
      } else if (current) {
        current.doc = projection.evolve(current.doc, event, id);
        current.position = event.position;
      } else {
        const list = this.waiting.get(id);
        if (list) list.push(event);
        else this.waiting.set(id, [event]);
      }
    }
  }

  /** The writes of the batch: the documents built, and the waiting ones read and evolved. */
  async writes(store: ReadModelStore): Promise<DocumentWrite[]> {
    const collection = this.projection.collection.name;
    const writes: DocumentWrite[] = [];
    for (const [id, { doc, position }] of this.built) writes.push({ collection, id, doc, position });
    if (this.waiting.size === 0) return writes;
    const stored = await store.getMany(collection, [...this.waiting.keys()]);
    for (const [id, list] of this.waiting) {
      const before: StoredDocument | undefined = stored.get(id);
      let doc = before?.doc ?? null;
      let position = before?.position ?? -1n;
      for (const event of list) {
        if (event.position <= position) continue; // already applied: replays change nothing
        doc = this.projection.evolve(doc, event, id);
        position = event.position;
      }
      if (position !== (before?.position ?? -1n)) writes.push({ collection, id, doc, position });
    }
    return writes;
  }
}
