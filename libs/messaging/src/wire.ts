import type { RecordedEvent } from '@bansos/eventstore';

/**
 * How a stored event travels on the events topic: the message value is JSON (bigints as
 * decimal strings, the record time as ISO-8601), the key is the stream id (so one case's
 * events land on one partition, in order), and headers repeat the id, type and position so
 * a consumer can route or skip a message without parsing its body.
 */
export const WIRE_FORMAT = 'bansos.recorded-event/1';

export const HEADERS = {
  format: 'bansos-format',
  eventId: 'bansos-event-id',
  eventType: 'bansos-event-type',
  position: 'bansos-position',
} as const;

/** The JSON body of a message. */
export interface WireEvent {
  readonly id: string;
  readonly streamId: string;
  readonly revision: string;
  readonly position: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
  readonly recordedAt: string;
}

/** A message as kafkajs sends it. */
export interface EventMessage {
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

/** What a consumer receives (kafkajs hands out Buffers, possibly null). */
export interface ReceivedMessage {
  readonly key?: Buffer | string | null;
  readonly value: Buffer | string | null;
}

export class WireFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireFormatError';
  }
}

export function encodeEvent(event: RecordedEvent): EventMessage {
  const body: WireEvent = {
    id: event.id,
    streamId: event.streamId,
    revision: event.revision.toString(),
    position: event.position.toString(),
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt.toISOString(),
  };
  return {
    key: event.streamId,
    value: JSON.stringify(body),
    headers: {
      [HEADERS.format]: WIRE_FORMAT,
      [HEADERS.eventId]: event.id,
      [HEADERS.eventType]: event.type,
      [HEADERS.position]: body.position,
    },
  };
}

/**
 * The stored event a message carries. A malformed message is an error, never skipped:
 * the consumers promise at-least-once, and a silently dropped event would break it.
 * The error names the broken field only, never the content (it may hold personal data).
 */
export function decodeEvent(message: ReceivedMessage): RecordedEvent {
  if (message.value === null) throw new WireFormatError('message has no value (a tombstone is not an event)');
  let body: unknown;
  try {
    body = JSON.parse(message.value.toString());
  } catch {
    throw new WireFormatError('message value is not JSON');
  }
  if (!isObject(body)) throw new WireFormatError('message value is not a JSON object');
  const event: RecordedEvent = {
    id: text(body, 'id'),
    streamId: text(body, 'streamId'),
    revision: decimal(body, 'revision'),
    position: decimal(body, 'position'),
    type: text(body, 'type'),
    data: object(body, 'data'),
    metadata: object(body, 'metadata'),
    recordedAt: instant(body, 'recordedAt'),
  };
  if (message.key != null && message.key.toString() !== event.streamId) {
    throw new WireFormatError('message key is not the event\'s stream id');
  }
  return event;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw new WireFormatError(`field ${field}: a non-empty string expected`);
  return value;
}

function decimal(body: Record<string, unknown>, field: string): bigint {
  const value = body[field];
  if (typeof value !== 'string' || !/^(0|[1-9][0-9]*)$/.test(value)) {
    throw new WireFormatError(`field ${field}: a non-negative decimal string expected`);
  }
  return BigInt(value);
}

function object(body: Record<string, unknown>, field: string): Record<string, unknown> {
  const value = body[field];
  if (!isObject(value)) throw new WireFormatError(`field ${field}: an object expected`);
  return value;
}

function instant(body: Record<string, unknown>, field: string): Date {
  const value = body[field];
  const date = typeof value === 'string' ? new Date(value) : null;
  if (date === null || Number.isNaN(date.getTime()) || date.toISOString() !== value) {
    throw new WireFormatError(`field ${field}: an ISO-8601 UTC instant expected`);
  }
  return date;
}
