import {
  EVENT_REGISTRY,
  isDomainEventType,
  upcast,
  type DomainEvent,
  type EventMetadata,
  type EventRegistry,
  type StoredEvent,
} from '@bansos/domain';
import type { RecordedEvent } from '@bansos/eventstore';

/**
 * Reads a stored event through the upcasters of `registry`, exactly as the live
 * projector's codec (toDomainEvent) does with the default registry: a test pins the two
 * together. A registry is a parameter here so that a replay can be run under the next
 * version of the event shapes. Audit-trail and unknown events give null: they change no view.
 */
export function decodeEvent(recorded: RecordedEvent, registry: EventRegistry = EVENT_REGISTRY): (StoredEvent & DomainEvent) | null {
  if (!isDomainEventType(recorded.type)) return null;
  return decodeRegistered(recorded, registry) as (StoredEvent & DomainEvent) | null;
}

/**
 * Any event whose type the registry knows (decisions, audit reads, SLA alerts), upcast
 * the same way; null for a type it does not know. For listings that show everything a
 * stream holds, such as an audit history; folds use decodeEvent.
 */
export function decodeRegistered(recorded: RecordedEvent, registry: EventRegistry = EVENT_REGISTRY): StoredEvent | null {
  if (!Object.prototype.hasOwnProperty.call(registry.versions, recorded.type)) return null;
  const metadata = recorded.metadata as unknown as EventMetadata;
  const version = typeof metadata.schemaVersion === 'number' ? metadata.schemaVersion : 1;
  return {
    type: recorded.type,
    data: upcast(recorded.type, version, recorded.data, registry),
    metadata: { ...metadata, eventId: metadata.eventId ?? recorded.id },
    streamId: recorded.streamId,
    position: recorded.position,
    revision: recorded.revision,
  };
}

/** The decisions among decoded events: the ones deciders and projections fold. */
export function isDecision(event: StoredEvent): event is StoredEvent & DomainEvent {
  return isDomainEventType(event.type);
}
