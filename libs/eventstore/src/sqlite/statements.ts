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

export interface EventLocation {
  readonly stream_id: string;
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
    streamRevision: db
      .prepare<[string], number>('SELECT revision FROM streams WHERE stream_id = ?')
      .pluck(),
    upsertStream: db.prepare<[string, number]>(
      `INSERT INTO streams (stream_id, revision) VALUES (?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision`,
    ),
    locateEvent: db.prepare<[string], EventLocation>(
      'SELECT stream_id, revision, position FROM events WHERE event_id = ?',
    ),
    eventIdsInRange: db.prepare<[string, number, number], { event_id: string; revision: number; position: number }>(
      `SELECT event_id, revision, position FROM events
       WHERE stream_id = ? AND revision BETWEEN ? AND ? ORDER BY revision`,
    ),
    readStream: db.prepare<[string], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? ORDER BY revision`,
    ),
    // The ids travel as one JSON array parameter, so a single prepared statement serves
    // every list length; SQLite still probes the (stream_id, revision) index per id.
    readStreams: db.prepare<[string], EventRow>(
      `SELECT ${COLUMNS} FROM events
       WHERE stream_id IN (SELECT value FROM json_each(?))
       ORDER BY stream_id, revision`,
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
