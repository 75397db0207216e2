import type Database from 'better-sqlite3';
import type { CollectionSpec } from '../read-model-store';
import { CHECKPOINTS_TABLE, fieldExpression, quotedIndex, quotedTable } from './names';

/** Connection settings and the checkpoints table. Idempotent: runs at every open. */
export function applySchema(db: Database.Database): void {
  // Only takes effect while the file is still empty. 16 KiB pages (default 4 KiB) halve
  // the B-tree depth and the number of pages a batch of random ids dirties: measured
  // about 20% faster bulk projection. Must precede journal_mode, which writes page 1.
  db.pragma('page_size = 16384');
  // WAL lets the API read while the projector writes a batch (even from another
  // process). NORMAL only fsyncs at WAL checkpoints: the last commits can be lost on
  // power loss, but the file never corrupts, and the projector replays from the
  // checkpoint stored in the same transaction, so a lost commit is simply redone.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // The CLI import may hold the write lock next to the API process.
  db.pragma('busy_timeout = 10000');
  // 64 MiB page cache: document ids are hashes, so a bulk import touches primary-key
  // pages all over the tree; keeping them cached avoids re-reading them per batch.
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  // A batch of random ids dirties thousands of pages; checkpointing (and fsyncing)
  // after every commit, as the default 1000-page threshold does, doubled the cost of a
  // bulk projection. Let the WAL grow to 128 MiB between checkpoints, and shrink it
  // back to 64 MiB afterwards so an idle store does not keep the peak on disk.
  db.pragma('wal_autocheckpoint = 8192');
  db.pragma('journal_size_limit = 67108864');
  db.exec(`CREATE TABLE IF NOT EXISTS ${CHECKPOINTS_TABLE} (
    projection TEXT PRIMARY KEY,
    position   INTEGER NOT NULL
  ) WITHOUT ROWID`);
}

/**
 * One table per collection. `body` holds the document as JSON text; there is no
 * json_valid() CHECK because every body is written by JSON.stringify, and the check
 * would parse each document once more on the hot write path.
 */
export function createCollectionTable(db: Database.Database, collection: string): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${quotedTable(collection)} (
    id       TEXT    PRIMARY KEY,
    position INTEGER NOT NULL,
    body     TEXT    NOT NULL
  )`);
}

/**
 * An expression index per declared field. `id` is the second key so that the
 * id tie-break of find() is served by the same index instead of a sort.
 */
export function createCollection(db: Database.Database, spec: CollectionSpec): void {
  createCollectionTable(db, spec.name);
  for (const field of spec.indexes) {
    db.exec(
      `CREATE INDEX IF NOT EXISTS ${quotedIndex(spec.name, field)}
       ON ${quotedTable(spec.name)} (${fieldExpression(field)}, id)`,
    );
  }
}
