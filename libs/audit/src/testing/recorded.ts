import type { StoredEvent } from '@bansos/domain';
import type { RecordedEvent } from '@bansos/eventstore';

/** A stored (decoded) event back in the form the store hands out: JSON-shaped data and metadata. */
export function recorded(event: StoredEvent, recordedAt = new Date('2026-01-01T00:00:00.000Z')): RecordedEvent {
  return {
    id: event.metadata.eventId,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    type: event.type,
    data: JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>,
    metadata: JSON.parse(JSON.stringify(event.metadata)) as Record<string, unknown>,
    recordedAt,
  };
}

/** The same event at another instant (as-of questions need events at different times). */
export function at<E extends StoredEvent>(event: E, occurredAt: string): E {
  return { ...event, metadata: { ...event.metadata, occurredAt } };
}
