import type Database from 'better-sqlite3';
import type { DocumentWrite } from '../read-model-store';
import { quotedTable } from './names';
import { createCollectionTable } from './schema';

/**
 * The position guard lives in SQL: an upsert only replaces a row whose position is
 * lower, a delete only removes such a row. Replaying a batch is then a no-op without
 * reading anything back into JS.
 */
function upsertSql(table: string, rows: number): string {
  const values = new Array<string>(rows).fill('(?, ?, ?)').join(', ');
  return `INSERT INTO ${table} (id, position, body) VALUES ${values}
    ON CONFLICT (id) DO UPDATE SET position = excluded.position, body = excluded.body
    WHERE excluded.position > ${table}.position`;
}

/**
 * Rows per multi-row upsert. One statement call per write costs more in the
 * JS-to-native crossing than in SQLite itself; 64 rows per call amortises it while
 * staying far below SQLite's bound-parameter limit.
 */
export const UPSERT_ROWS = 64;

/** Prepared write statements of one collection. */
export class CollectionWriter {
  private readonly upsertOne: Database.Statement;
  private readonly upsertMany: Database.Statement;
  private readonly deleteOne: Database.Statement;
  // Reused argument buffer of the multi-row upsert: filled in place, never reallocated.
  private readonly pending: unknown[] = new Array(UPSERT_ROWS * 3);
  private pendingRows = 0;

  constructor(db: Database.Database, collection: string) {
    // Mongo creates a collection on first write; doing the same keeps the adapters
    // interchangeable for callers that commit before (or without) ensureCollections.
    createCollectionTable(db, collection);
    const table = quotedTable(collection);
    this.upsertOne = db.prepare(upsertSql(table, 1));
    this.upsertMany = db.prepare(upsertSql(table, UPSERT_ROWS));
    this.deleteOne = db.prepare(`DELETE FROM ${table} WHERE id = ? AND position < ?`);
  }

  /**
   * Queues an upsert or runs a delete. Writes keep their order: a delete first flushes
   * the queued upserts, and SQLite applies the rows of one INSERT in VALUES order.
   */
  write(write: DocumentWrite): void {
    if (write.doc === null) {
      this.flush();
      this.deleteOne.run(write.id, write.position);
      return;
    }
    const at = this.pendingRows * 3;
    this.pending[at] = write.id;
    this.pending[at + 1] = write.position;
    this.pending[at + 2] = JSON.stringify(write.doc);
    if (++this.pendingRows === UPSERT_ROWS) {
      this.pendingRows = 0;
      this.upsertMany.run(this.pending);
    }
  }

  /** Runs the queued upserts. Must be called before the transaction ends. */
  flush(): void {
    const rows = this.pendingRows;
    this.pendingRows = 0;
    for (let row = 0; row < rows; row++) {
      const at = row * 3;
      this.upsertOne.run(this.pending[at], this.pending[at + 1], this.pending[at + 2]);
    }
    this.discard();
  }

  /** Forgets queued upserts (after a failed transaction) and their JSON strings. */
  discard(): void {
    this.pendingRows = 0;
    this.pending.fill(undefined);
  }
}
