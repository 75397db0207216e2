import { createHash } from 'node:crypto';
import {
  CURRENT_SCHEMA_VERSION,
  isDomainEventType,
  upcast,
  type CommandContext,
  type DomainEvent,
  type EventBody,
  type EventMetadata,
  type StoredEvent,
} from '@bansos/domain';
import type { EventToAppend, RecordedEvent } from '@bansos/eventstore';

/** A UUID (version 5 layout) derived from a name, so a retried command writes the same event ids. */
export function deterministicUuid(name: string): string {
  const hash = createHash('sha1').update(name).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Wraps a decided event with its metadata. The id follows from the command, stream and index. */
export function toAppend(body: DomainEvent, ctx: CommandContext, streamId: string, index: number): EventToAppend {
  const metadata: EventMetadata = {
    eventId: deterministicUuid(`${ctx.commandId}/${streamId}/${index}`),
    schemaVersion: CURRENT_SCHEMA_VERSION[body.type],
    occurredAt: ctx.at,
    actor: ctx.actor,
    correlationId: ctx.correlationId,
    causationId: ctx.causationId,
  };
  return {
    id: metadata.eventId,
    type: body.type,
    data: body.data as unknown as Record<string, unknown>,
    metadata: metadata as unknown as Record<string, unknown>,
  };
}

/** Reads a stored event through the upcasters. Unknown types (foreign events) give null. */
export function toDomainEvent(recorded: RecordedEvent): (StoredEvent & DomainEvent) | null {
  if (!isDomainEventType(recorded.type)) return null;
  const metadata = recorded.metadata as unknown as EventMetadata;
  const version = typeof metadata.schemaVersion === 'number' ? metadata.schemaVersion : 1;
  const data = upcast(recorded.type, version, recorded.data);
  const event: StoredEvent = {
    type: recorded.type,
    data,
    metadata: { ...metadata, eventId: metadata.eventId ?? recorded.id },
    streamId: recorded.streamId,
    position: recorded.position,
    revision: recorded.revision,
  };
  return event as StoredEvent & DomainEvent;
}

export type { EventBody };
