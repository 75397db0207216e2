import type { EventRegistry } from '@bansos/domain';
import type { RecordedEvent } from '@bansos/eventstore';
import type { CollectionSpec, Document, ProjectedEvent, Projection } from '@bansos/read-models';
import { decodeEvent } from './decode';

/**
 * A read model as a replay sees it: how it reads stored events, which documents an event
 * touches, and how each one changes. The system's projections read decisions only; other
 * contexts (the SLA alerts) read their own events with their own decoder; the replay
 * rebuilds them all the same way.
 */
export interface ReplayableReadModel<E extends { readonly position: bigint } = { readonly position: bigint }> {
  readonly name: string;
  readonly collection: CollectionSpec;
  /** Null for events this read model does not read. */
  decode(recorded: RecordedEvent, registry: EventRegistry): E | null;
  keysOf(event: E): readonly string[];
  evolve(doc: Document | null, event: E, id: string): Document | null;
}

/** A projection of the system's projector, reading events as that projector does. */
export function fromProjection(projection: Projection): ReplayableReadModel<ProjectedEvent> {
  return {
    name: projection.name,
    collection: projection.collection,
    decode: decodeEvent,
    keysOf: (event) => projection.keysOf(event),
    evolve: (doc, event, id) => projection.evolve(doc, event, id),
  };
}
