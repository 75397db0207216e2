import type { DomainEvent, StoredEvent } from '@bansos/domain';
import type { CollectionSpec, Document } from '../read-model-store';

export type ProjectedEvent = StoredEvent & DomainEvent;

/**
 * A projection is pure: which documents an event touches, and how each one changes.
 * `evolve` returns the new document, or null to delete it; the projector writes.
 */
export interface Projection<D extends Document = Document> {
  readonly name: string;
  readonly collection: CollectionSpec;
  keysOf(event: ProjectedEvent): readonly string[];
  evolve(doc: D | null, event: ProjectedEvent, id: string): D | null;
}
