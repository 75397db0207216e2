import Database from 'better-sqlite3';
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type EventToAppend,
  type ExpectedRevision,
  type StreamAppend,
} from '../event-store';
import { EmptyAppendError, IdempotencyMismatchError } from './errors';
import type { Statements } from './statements';

/**
 * Writes the appends of one call. Runs inside the caller's transaction, so throwing
 * anywhere rolls the whole batch back. Revisions are JS numbers internally (2^53 events
 * per stream is out of reach) and become bigints only in the results.
 */
export class AppendWriter {
  constructor(private readonly statements: Statements) {}

  writeBatch(appends: readonly StreamAppend[], recordedAt: number): AppendResult[] {
    // Revision of every stream written in this batch. Later appends to the same stream
    // read it from here, and the streams table is written once per stream at the end.
    const touched = new Map<string, number>();
    const results: AppendResult[] = new Array(appends.length);
    for (let i = 0; i < appends.length; i++) {
      results[i] = this.writeAppend(appends[i], touched, recordedAt);
    }
    for (const [streamId, revision] of touched) {
      this.statements.upsertStream.run(streamId, revision);
    }
    return results;
  }

  private writeAppend(append: StreamAppend, touched: Map<string, number>, recordedAt: number): AppendResult {
    const { streamId, events, expected } = append;
    if (events.length === 0) throw new EmptyAppendError(streamId);

    const earlier = this.findEarlierAppend(streamId, events);
    if (earlier) return earlier;

    let current = touched.get(streamId);
    if (current === undefined) current = this.statements.streamRevision.get(streamId);
    checkExpected(streamId, expected, current);

    const insert = this.statements.insertEvent;
    let revision = current ?? -1;
    let position: number | bigint = 0;
    for (const event of events) {
      revision++;
      try {
        position = insert.run(
          streamId,
          revision,
          event.id,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          recordedAt,
        ).lastInsertRowid;
      } catch (error) {
        throw translateDuplicateId(error, streamId, event.id);
      }
    }
    touched.set(streamId, revision);
    return { nextExpectedRevision: BigInt(revision), position: BigInt(position) };
  }

  /**
   * Idempotency: one indexed lookup on the first event id keeps the common (new) case
   * cheap. Only when it is found do we load the neighbouring rows to confirm the retry
   * is the very same append, and then answer with what that append returned.
   */
  private findEarlierAppend(streamId: string, events: readonly EventToAppend[]): AppendResult | undefined {
    const first = this.statements.locateEvent.get(events[0].id);
    if (!first) return undefined;
    if (first.stream_id !== streamId) {
      throw new IdempotencyMismatchError(streamId, `event ${events[0].id} is already stored in stream ${first.stream_id}`);
    }
    if (events.length === 1) {
      return { nextExpectedRevision: BigInt(first.revision), position: BigInt(first.position) };
    }
    const rows = this.statements.eventIdsInRange.all(streamId, first.revision, first.revision + events.length - 1);
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
}

/**
 * An id that is not the first of its append but is already stored (in any stream)
 * trips UNIQUE(event_id); report it like the other partial-retry cases.
 */
function translateDuplicateId(error: unknown, streamId: string, eventId: string): unknown {
  const duplicate =
    error instanceof Database.SqliteError &&
    error.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error.message.includes('events.event_id');
  return duplicate ? new IdempotencyMismatchError(streamId, `event ${eventId} is already stored`) : error;
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
