import type Database from 'better-sqlite3';
import type { DocumentWrite } from '../read-model-store';
import { quotedTable } from './names';
import { createCollectionTable } from './schema';

/**
 * Prepared write statements of one collection. The position guard lives in SQL: an
 * upsert only replaces a row whose position is lower and a delete only removes such a
 * row, so replaying a batch is a no-op without reading anything back into JS.
 *
 * One row per statement call on purpose: measured against multi-row VALUES lists
 * (16-256 rows per call), single rows were faster once ids are hashes, because the
 * cost is in the random B-tree descent, not in the JS-to-native crossing.
 */
export class CollectionWriter {
  private readonly upsert: Database.Statement<[string, bigint, string]>;
  private readonly remove: Database.Statement<[string, bigint]>;

  constructor(db: Database.Database, collection: string) {
    // Mongo creates a collection on first write; doing the same keeps the adapters
    // interchangeable for callers that commit before (or without) ensureCollections.
    createCollectionTable(db, collection);
    const table = quotedTable(collection);
    this.upsert = db.prepare(
      `INSERT INTO ${table} (id, position, body) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET position = excluded.position, body = excluded.body
       WHERE excluded.position > ${table}.position`,
    );
    this.remove = db.prepare(`DELETE FROM ${table} WHERE id = ? AND position < ?`);
  }

  write(write: DocumentWrite): void {
    if (write.doc === null) this.remove.run(write.id, write.position);
    else this.upsert.run(write.id, write.position, JSON.stringify(write.doc));
  }
}
