import {
  WrongExpectedRevisionError,
  type AppendResult,
  type EventToAppend,
  type ExpectedRevision,
  type RecordedEvent,
  type StreamAppend,
} from '../event-store';
import { EmptyAppendError, IdempotencyMismatchError } from './errors';
import type { Statements, StoredId } from './statements';

/**
 * Writes the appends of one call. Runs inside the caller's transaction, so throwing
 * anywhere rolls the whole batch back. Revisions are JS numbers internally (2^53 events
 * per stream is out of reach) and become bigints only in the results.
 *
 * Idempotency works like EventStoreDB's: event ids are unique within their stream, not
 * across the store, and a retry is recognised by reading the stream's own events (by the
 * (stream_id, revision) index; streams are short). A stream that does not exist yet has
 * nothing to compare with, which keeps the bulk case (NO_STREAM on new streams) cheap.
 */
export class AppendWriter {
  /** Where the events inserted by the current batch go, when someone wants them (see RecentCommits). */
  private written: RecordedEvent[] | null = null;
  /** The batch's time, one Date shared by the events of `written` (nobody mutates them). */
  private recordedDate = new Date(0);

  constructor(private readonly statements: Statements) {}

  /** `written`, when given, receives every event inserted, in position order. */
  writeBatch(appends: readonly StreamAppend[], recordedAt: number, written: RecordedEvent[] | null = null): AppendResult[] {
    this.written = written;
    if (written) this.recordedDate = new Date(recordedAt);
    try {
      const results: AppendResult[] = new Array(appends.length);
      for (let i = 0; i < appends.length; i++) results[i] = this.writeAppend(appends[i], recordedAt);
      return results;
    } finally {
      this.written = null;
    }
  }

  private writeAppend(append: StreamAppend, recordedAt: number): AppendResult {
    const { streamId, events, expected } = append;
    if (events.length === 0) throw new EmptyAppendError(streamId);
    if (events.length > 1) refuseRepeatedIds(streamId, events);
    // NO_STREAM: insert revision 0 straight away. If the stream exists after all (a retry,
    // a race, or an earlier append of this batch) the (stream_id, revision) index refuses
    // the row, and only then does the append take the checked path below. A new stream
    // thus costs no lookup besides the insert's own.
    if (expected.kind === 'no_stream') {
      const position = this.insertFirst(streamId, events[0], recordedAt);
      if (position !== undefined) return this.insertFrom(1, streamId, events, 0, position, recordedAt);
    }
    // Rows written earlier in this transaction are visible here.
    const stored = this.statements.streamIds.all(streamId);
    const earlier = findEarlierAppend(streamId, events, stored);
    if (earlier) return earlier;
    const current = stored.length > 0 ? stored[stored.length - 1].revision : undefined;
    checkExpected(streamId, expected, current);
    return this.insertFrom(0, streamId, events, (current ?? -1) + 1, 0, recordedAt);
  }

  /** Inserts revision 0 of a stream; undefined when the stream already has one. */
  private insertFirst(streamId: string, event: EventToAppend, recordedAt: number): number | bigint | undefined {
    try {
      return this.insert(streamId, 0, event, recordedAt);
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  /**
   * Inserts events[from..] at consecutive revisions (events[0] goes to `firstRevision`);
   * `position` is that of the last event already inserted, if any.
   */
  private insertFrom(
    from: number,
    streamId: string,
    events: readonly EventToAppend[],
    firstRevision: number,
    position: number | bigint,
    recordedAt: number,
  ): AppendResult {
    for (let i = from; i < events.length; i++) {
      try {
        position = this.insert(streamId, firstRevision + i, events[i], recordedAt);
      } catch (error) {
        throw translateDuplicateId(error, streamId, events[i].id);
      }
    }
    return { nextExpectedRevision: BigInt(firstRevision + events.length - 1), position: BigInt(position) };
  }

  private insert(streamId: string, revision: number, event: EventToAppend, recordedAt: number): number | bigint {
    const position = this.statements.insertEvent.run(
      streamId,
      revision,
      event.id,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      recordedAt,
    ).lastInsertRowid;
    this.written?.push({
      id: event.id,
      streamId,
      revision: BigInt(revision),
      position: BigInt(position),
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      recordedAt: this.recordedDate,
    });
    return position;
  }
}

/**
 * The append is a retry when its first id is stored in this stream and the others follow
 * it at consecutive revisions; then the answer is what that append returned. Any other
 * overlap with the stored ids is refused: ids never repeat within a stream.
 */
function findEarlierAppend(
  streamId: string,
  events: readonly EventToAppend[],
  stored: readonly StoredId[],
): AppendResult | undefined {
  if (stored.length === 0) return undefined;
  const indexOf = new Map(stored.map((row, i) => [row.event_id, i]));
  const first = indexOf.get(events[0].id);
  if (first === undefined) {
    const reused = events.find((event) => indexOf.has(event.id));
    if (!reused) return undefined;
    throw new IdempotencyMismatchError(streamId, `event ${reused.id} is already stored in this stream`);
  }
  const rows = stored.slice(first, first + events.length);
  const same = rows.length === events.length && rows.every((row, i) => row.event_id === events[i].id);
  if (!same) {
    throw new IdempotencyMismatchError(
      streamId,
      `event ${events[0].id} is already stored, but the other ids of this append do not follow it`,
    );
  }
  const last = rows[rows.length - 1];
  return { nextExpectedRevision: BigInt(last.revision), position: BigInt(last.position) };
}

function refuseRepeatedIds(streamId: string, events: readonly EventToAppend[]): void {
  const seen = new Set<string>();
  for (const { id } of events) {
    if (seen.has(id)) throw new IdempotencyMismatchError(streamId, `event ${id} occurs twice in one append`);
    seen.add(id);
  }
}

/**
 * Files created before ids became unique per stream carry UNIQUE(event_id) across the
 * store; reusing an id of another stream trips it there. Report it like a partial retry.
 */
function translateDuplicateId(error: unknown, streamId: string, eventId: string): unknown {
  const duplicate = isUniqueViolation(error) && String(error.message).includes('events.event_id');
  return duplicate ? new IdempotencyMismatchError(streamId, `event ${eventId} is already stored`) : error;
}

/**
 * By its code, not by `instanceof`: the native addon throws the SqliteError class of the
 * first copy of better-sqlite3 loaded in the process, and jest loads a fresh copy (in a
 * fresh realm, with its own Error) for every test file.
 */
function isUniqueViolation(error: unknown): error is { readonly code: string; readonly message: unknown } {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function checkExpected(streamId: string, expected: ExpectedRevision, current: number | undefined): void {
  switch (expected.kind) {
    case 'any':
      return;
    case 'no_stream':
      if (current !== undefined) throw new WrongExpectedRevisionError(streamId, expected, BigInt(current));
      return;
    case 'exact':
      if (current === undefined) throw new WrongExpectedRevisionError(streamId, expected, 'no_stream');
      if (BigInt(current) !== expected.revision) {
        throw new WrongExpectedRevisionError(streamId, expected, BigInt(current));
      }
      return;
    default: {
      const never: never = expected;
      throw new Error(`unknown expected revision ${JSON.stringify(never)}`);
    }
  }
}
