import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../event-store';

/** An events row as better-sqlite3 returns it (INTEGER columns as JS numbers). */
export interface EventRow {
  readonly position: number;
  readonly stream_id: string;
  readonly revision: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: number;
}

/** One stored event of a stream, as the idempotency check needs it. */
export interface StoredId {
  readonly event_id: string;
  readonly revision: number;
  readonly position: number;
}

const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at';

/** Every statement the store runs, prepared once per connection. */
export function prepareStatements(db: Database.Database) {
  return {
    insertEvent: db.prepare<[string, number, string, string, string, string, number]>(
      `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    streamIds: db.prepare<[string], StoredId>(
      'SELECT event_id, revision, position FROM events WHERE stream_id = ? ORDER BY revision',
    ),
    readStream: db.prepare<[string], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? ORDER BY revision`,
    ),
    // max() of the rowid alias is answered from the end of the table b-tree, not a scan.
    headPosition: db.prepare<[], number | null>('SELECT max(position) FROM events').pluck(),
    readAll: db.prepare<[bigint | number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
    ),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    type: row.type,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    recordedAt: new Date(row.recorded_at),
  };
}
