import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../event-store';

/**
 * An events row as better-sqlite3 returns it in raw mode: the columns of COLUMNS, in order
 * (INTEGER columns as JS numbers). Arrays cost less to build than objects with named keys,
 * which counts when a subscription reads every event of a bulk import back.
 */
export type EventRow = [
  position: number,
  streamId: string,
  revision: number,
  eventId: string,
  type: string,
  data: string,
  metadata: string,
  recordedAt: number,
];

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
    readStream: db
      .prepare<[string], EventRow>(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? ORDER BY revision`)
      .raw(true),
    // max() of the rowid alias is answered from the end of the table b-tree, not a scan.
    headPosition: db.prepare<[], number | null>('SELECT max(position) FROM events').pluck(),
    readAll: db
      .prepare<[bigint | number, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`)
      .raw(true),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;

let lastRecordedAt = new Date(0);

export function toRecordedEvent(row: EventRow): RecordedEvent {
  // The events of one commit share their time: one Date for a run of them (nobody mutates it).
  if (row[7] !== lastRecordedAt.getTime()) lastRecordedAt = new Date(row[7]);
  return {
    id: row[3],
    streamId: row[1],
    revision: BigInt(row[2]),
    position: BigInt(row[0]),
    type: row[4],
    data: JSON.parse(row[5]) as Record<string, unknown>,
    metadata: JSON.parse(row[6]) as Record<string, unknown>,
    recordedAt: lastRecordedAt,
  };
}
