import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type {
  CollectionSpec,
  DocumentWrite,
  FindQuery,
  FindResult,
  ReadModelStore,
  StoredDocument,
} from '../read-model-store';
import { CollectionReader, GET_MANY_CHUNK } from './collection-reader';
import { CollectionWriter } from './collection-writer';
import { buildFind } from './find-sql';
import { CHECKPOINTS_TABLE, checkCollection, OWN_TABLES_LIKE, tableName } from './names';
import { toStored, type DocumentRow } from './rows';
import { applySchema, createCollection } from './schema';

export { InvalidNameError } from './names';

// Distinct find() shapes are few (one per query in the code); the bound only guards
// against a caller that builds where clauses from user input.
const MAX_CACHED_FINDS = 256;

interface FindStatements {
  readonly page: Database.Statement<unknown[], DocumentRow>;
  readonly count: Database.Statement<unknown[], number>;
}

/**
 * Embedded read-model store: one table per collection holding JSON bodies, plus a
 * checkpoints table. One connection per instance; every call is synchronous underneath.
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly writers = new Map<string, CollectionWriter>();
  private readonly readers = new Map<string, CollectionReader>();
  private readonly finds = new Map<string, FindStatements>();
  private readonly readCheckpoint: Database.Statement<[string], bigint>;
  private readonly saveCheckpoint: Database.Statement<[string, bigint]>;
  private readonly tableExists: Database.Statement<[string], number>;
  private readonly writeBatch: Database.Transaction<
    (projection: string, writes: readonly DocumentWrite[], checkpoint: bigint) => void
  >;

  private constructor(private readonly db: Database.Database) {
    applySchema(db);
    this.readCheckpoint = db
      .prepare<[string], bigint>(`SELECT position FROM ${CHECKPOINTS_TABLE} WHERE projection = ?`)
      .pluck()
      .safeIntegers(true);
    this.saveCheckpoint = db.prepare<[string, bigint]>(
      `INSERT INTO ${CHECKPOINTS_TABLE} (projection, position) VALUES (?, ?)
       ON CONFLICT (projection) DO UPDATE SET position = excluded.position`,
    );
    this.tableExists = db
      .prepare<[string], number>(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?`)
      .pluck();
    this.writeBatch = db.transaction((projection, writes, checkpoint) =>
      this.applyWrites(projection, writes, checkpoint),
    );
  }

  /** Opens (or creates) the store in `filePath`, creating missing parent folders. */
  static open(filePath: string): SqliteReadModelStore {
    mkdirSync(dirname(filePath), { recursive: true });
    return new SqliteReadModelStore(new Database(filePath));
  }

  async ensureCollections(specs: readonly CollectionSpec[]): Promise<void> {
    this.db.transaction(() => {
      for (const spec of specs) createCollection(this.db, spec);
    })();
  }

  async get(collection: string, id: string): Promise<StoredDocument | null> {
    return this.reader(collection)?.get(id) ?? null;
  }

  async getMany(collection: string, ids: readonly string[]): Promise<Map<string, StoredDocument>> {
    const found = new Map<string, StoredDocument>();
    const reader = this.reader(collection);
    if (!reader || ids.length === 0) return found;
    const unique = [...new Set(ids)];
    // One read transaction: every chunk sees the same snapshot.
    this.db.transaction(() => {
      for (let start = 0; start < unique.length; start += GET_MANY_CHUNK) {
        reader.getChunk(unique.slice(start, start + GET_MANY_CHUNK), found);
      }
    })();
    return found;
  }

  async commit(projection: string, writes: readonly DocumentWrite[], checkpoint: bigint): Promise<void> {
    // Writers (and their tables) are made before the transaction: a rollback would
    // otherwise undo a CREATE TABLE behind a cached prepared statement.
    let last: string | undefined;
    for (const write of writes) {
      if (write.collection !== last) this.writer((last = write.collection));
    }
    // IMMEDIATE takes the write lock up front rather than failing to upgrade mid-batch.
    this.writeBatch.immediate(projection, writes, checkpoint);
  }

  async checkpoint(projection: string): Promise<bigint | null> {
    return this.readCheckpoint.get(projection) ?? null;
  }

  async find(collection: string, query: FindQuery): Promise<FindResult> {
    const sql = buildFind(collection, query);
    if (!this.reader(collection)) return { items: [], total: 0 };
    const statements = this.findStatements(sql.page, sql.count);
    // One read transaction, so the total and the page come from the same snapshot.
    return this.db.transaction(() => ({
      items: statements.page.all(...sql.pageParams).map(toStored),
      total: statements.count.get(...sql.whereParams) ?? 0,
    }))();
  }

  async scan(collection: string, options: { readonly afterId?: string; readonly limit?: number } = {}): Promise<StoredDocument[]> {
    const { afterId, limit } = options;
    if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 0)) {
      throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
    }
    return this.reader(collection)?.scan(afterId, limit ?? -1) ?? [];
  }

  async reset(): Promise<void> {
    this.db.transaction(() => {
      // Tables are listed from the file, not from this instance's caches, so collections
      // created by another process are emptied too. Tables and indexes stay.
      const tables = this.db
        .prepare<[string], string>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ? ESCAPE '\\'`)
        .pluck()
        .all(OWN_TABLES_LIKE);
      for (const table of tables) this.db.exec(`DELETE FROM "${table}"`);
    }).immediate();
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    // Refreshes planner statistics (cheap, bounded work) so that find() picks the right
    // expression index after a bulk import changed the data's shape.
    this.db.pragma('optimize');
    this.db.close();
  }

  private applyWrites(projection: string, writes: readonly DocumentWrite[], checkpoint: bigint): void {
    let lastCollection: string | undefined;
    let writer: CollectionWriter | undefined;
    for (const write of writes) {
      if (writer === undefined || write.collection !== lastCollection) {
        lastCollection = write.collection;
        writer = this.writer(lastCollection);
      }
      writer.write(write);
    }
    this.saveCheckpoint.run(projection, checkpoint);
  }

  private writer(collection: string): CollectionWriter {
    let writer = this.writers.get(collection);
    if (!writer) {
      writer = new CollectionWriter(this.db, checkCollection(collection));
      this.writers.set(collection, writer);
    }
    return writer;
  }

  /** The collection's reader, or null while its table does not exist (nothing stored yet). */
  private reader(collection: string): CollectionReader | null {
    let reader = this.readers.get(collection);
    if (!reader) {
      // Not cached as missing: another process (the CLI import) may create it later.
      if (this.tableExists.get(tableName(collection)) === 0) return null;
      reader = new CollectionReader(this.db, collection);
      this.readers.set(collection, reader);
    }
    return reader;
  }

  private findStatements(page: string, count: string): FindStatements {
    let statements = this.finds.get(page);
    if (!statements) {
      if (this.finds.size >= MAX_CACHED_FINDS) this.finds.clear();
      statements = {
        page: this.db.prepare<unknown[], DocumentRow>(page).safeIntegers(true),
        count: this.db.prepare<unknown[], number>(count).pluck(),
      };
      this.finds.set(page, statements);
    }
    return statements;
  }
}
