import type Database from 'better-sqlite3';

/**
 * Connection settings and tables of the embedded store. Safe to run on every open:
 * every statement is idempotent.
 */
export function applySchema(db: Database.Database): void {
  // WAL lets readers (subscriptions, other processes) run while a batch is being written;
  // NORMAL only fsyncs at checkpoints, which in WAL mode can lose the last commits on
  // power loss but never corrupts the file. Importers retry with the same event ids.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Another process (CLI import next to the API) may hold the write lock for a batch.
  db.pragma('busy_timeout = 10000');
  // 64 MiB page cache: the event_id index is keyed by random UUIDs, so a bulk import
  // touches pages all over it; a bigger cache keeps those descents in memory.
  db.pragma('cache_size = -65536');

  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position    INTEGER PRIMARY KEY AUTOINCREMENT,
      stream_id   TEXT    NOT NULL,
      revision    INTEGER NOT NULL,
      event_id    TEXT    NOT NULL,
      type        TEXT    NOT NULL,
      data        TEXT    NOT NULL,
      metadata    TEXT    NOT NULL,
      recorded_at INTEGER NOT NULL,
      UNIQUE (stream_id, revision),
      UNIQUE (event_id)
    );

    -- One row per stream so that an expected-revision check is a single primary-key
    -- lookup instead of a MAX(revision) over the events index.
    CREATE TABLE IF NOT EXISTS streams (
      stream_id TEXT    PRIMARY KEY,
      revision  INTEGER NOT NULL
    ) WITHOUT ROWID;

    -- The log is append-only: history is evidence for audits, so the database itself
    -- refuses to rewrite or drop it, whatever code (or person) holds a connection.
    CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
    BEGIN
      SELECT RAISE(ABORT, 'events are immutable: UPDATE is not allowed');
    END;
    CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
    BEGIN
      SELECT RAISE(ABORT, 'events are immutable: DELETE is not allowed');
    END;
  `);
}
