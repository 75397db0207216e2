import {
  ANY as ESDB_ANY,
  ErrorType,
  NO_STREAM as ESDB_NO_STREAM,
  jsonEvent,
  type AppendExpectedRevision,
  type EventData,
  type JSONType,
  type ResolvedEvent,
  type WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  WrongExpectedRevisionError,
  type EventToAppend,
  type ExpectedRevision,
  type RecordedEvent,
} from '../event-store';

/** Translations between the port's shapes and @eventstore/db-client's. */

// A position EventStoreDB does not know is sent as 2^64-1 (-1 as an unsigned long).
const UNKNOWN_POSITION = 2n ** 63n;

export function toExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected.kind) {
    case 'no_stream':
      return ESDB_NO_STREAM;
    case 'any':
      return ESDB_ANY;
    case 'exact':
      return expected.revision;
    default: {
      const never: never = expected;
      throw new Error(`unknown expected revision ${JSON.stringify(never)}`);
    }
  }
}

/** Our id goes in as EventStoreDB's event id: the server's idempotency check then covers retries. */
export function toEventData(event: EventToAppend): EventData {
  return jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata: event.metadata as JSONType });
}

/** Events whose type starts with `$` are EventStoreDB's own (metadata, settings, users, links). */
export function isSystemEvent(resolved: ResolvedEvent | { readonly event?: { readonly type: string } }): boolean {
  const type = resolved.event?.type;
  return type === undefined || type.startsWith('$');
}

export function toRecordedEvent(resolved: ResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (!event) throw new Error('EventStoreDB sent a link to a deleted event, which this store never writes');
  const position = event.position?.commit;
  if (position === undefined || position >= UNKNOWN_POSITION) {
    throw new Error(`EventStoreDB sent no position for event ${event.id} of ${event.streamId} (server older than 22.6?)`);
  }
  return {
    id: event.id,
    streamId: event.streamId,
    revision: event.revision,
    position,
    type: event.type,
    data: asObject(event.data, 'data', event),
    metadata: event.metadata === undefined ? {} : asObject(event.metadata, 'metadata', event),
    recordedAt: event.created,
  };
}

function asObject(value: unknown, what: string, event: { id: string; streamId: string }): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)) {
    return value as Record<string, unknown>;
  }
  throw new Error(`event ${event.id} of ${event.streamId}: its ${what} is not a JSON object`);
}

export function isStreamNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === ErrorType.STREAM_NOT_FOUND;
}

/** The client's wrong expected version, as the port's conflict; anything else unchanged. */
export function translateAppendError(error: unknown, streamId: string, expected: ExpectedRevision): unknown {
  if (typeof error !== 'object' || error === null) return error;
  if ((error as { type?: unknown }).type !== ErrorType.WRONG_EXPECTED_VERSION) return error;
  const actual = (error as WrongExpectedVersionError).actualVersion;
  return new WrongExpectedRevisionError(streamId, expected, typeof actual === 'bigint' ? actual : 'no_stream');
}
