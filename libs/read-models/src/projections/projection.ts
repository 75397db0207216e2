import type { DomainEvent, StoredEvent } from '@bansos/domain';
import type { CollectionSpec, Document } from '../read-model-store';

export type ProjectedEvent = StoredEvent & DomainEvent;

/**
 * A projection is pure: which documents an event touches, and how each one changes.
 * `evolve` returns the new document, or null to delete it; the projector writes.
 */
export interface Projection<D extends Document = Document, E extends Positioned = ProjectedEvent> {
  readonly name: string;
  readonly collection: CollectionSpec;
  keysOf(event: E): readonly string[];
  evolve(doc: D | null, event: E, id: string): D | null;
  /**
   * True when evolve(doc, event, id) is the same whatever `doc` is (the event sets the whole
   * document): the projector then need not read the stored one. Absent: always false.
   */
  replaces?(event: E, id: string): boolean;
}

/** What the projector needs of any event it feeds: where it stands in the store. */
export interface Positioned {
  readonly position: bigint;
}
