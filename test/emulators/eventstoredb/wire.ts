import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { LoggedEvent } from './log';

/**
 * Conversions between the gRPC messages of EventStoreDB's Streams API and the emulator's
 * log, plus the errors the server sends (the `exception` trailer is how clients tell
 * them apart).
 */

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// .NET ticks (100 ns) per millisecond: the `created` metadata counts ticks since the Unix epoch.
const TICKS_PER_MS = 10_000n;

export function streamName(identifier: StreamIdentifier | undefined): string {
  if (!identifier) throw invalidArgument('a stream identifier is required');
  return Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

export function toStreamIdentifier(name: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'));
}

/** A UUID in either wire form, as the lower-case canonical string the server's Guid prints. */
export function parseUuid(uuid: UUID | undefined): string {
  if (uuid?.hasString()) {
    const text = uuid.getString().toLowerCase();
    if (!UUID_PATTERN.test(text)) throw invalidArgument(`not a UUID: ${uuid.getString()}`);
    return text;
  }
  const structured = uuid?.getStructured();
  if (!structured) throw invalidArgument('an event id is required');
  const bytes = Buffer.alloc(16);
  bytes.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0);
  bytes.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** In the form the reader asked for with its UUID option. */
export function toUuid(id: string, structured: boolean): UUID {
  if (!structured) return new UUID().setString(id);
  const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
  return new UUID().setStructured(
    new UUID.Structured()
      .setMostSignificantBits(bytes.readBigInt64BE(0).toString())
      .setLeastSignificantBits(bytes.readBigInt64BE(8).toString()),
  );
}

export function toReadEvent(event: LoggedEvent, structuredIds: boolean): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(toUuid(event.id, structuredIds))
    .setStreamIdentifier(toStreamIdentifier(event.streamId))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.position.toString())
    .setPreparePosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.metadata);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', (BigInt(event.created) * TICKS_PER_MS).toString());
  const read = new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(event.position.toString());
  return new ReadResp().setEvent(read);
}

/** The status and trailers EventStoreDB sends for a request it refuses. */
export function serverError(code: status, details: string, trailers: Record<string, string> = {}): ServiceError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}

export function invalidArgument(details: string): ServiceError {
  return serverError(status.INVALID_ARGUMENT, details);
}
