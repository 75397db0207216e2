import type Database from 'better-sqlite3';
import type { StoredDocument } from '../read-model-store';
import { quotedTable } from './names';
import { toStored, type DocumentRow } from './rows';

// IN lists are padded up to the next of these sizes, so a collection needs at most a
// handful of prepared statements however many ids getMany() receives.
const IN_LIST_SIZES = [1, 4, 16, 64, 128, 256, 500] as const;
export const GET_MANY_CHUNK = IN_LIST_SIZES[IN_LIST_SIZES.length - 1];

/** Prepared read statements of one (existing) collection table. */
export class CollectionReader {
  private readonly getOne: Database.Statement<[string], DocumentRow>;
  private readonly scanFirst: Database.Statement<[number], DocumentRow>;
  private readonly scanAfter: Database.Statement<[string, number], DocumentRow>;
  private readonly inLists = new Map<number, Database.Statement<string[], DocumentRow>>();
  private readonly table: string;

  constructor(
    private readonly db: Database.Database,
    collection: string,
  ) {
    const table = (this.table = quotedTable(collection));
    // safeIntegers: positions are 64-bit and must not be rounded through a double.
    this.getOne = db.prepare<[string], DocumentRow>(`SELECT id, position, body FROM ${table} WHERE id = ?`).safeIntegers(true);
    this.scanFirst = db
      .prepare<[number], DocumentRow>(`SELECT id, position, body FROM ${table} ORDER BY id LIMIT ?`)
      .safeIntegers(true);
    this.scanAfter = db
      .prepare<[string, number], DocumentRow>(`SELECT id, position, body FROM ${table} WHERE id > ? ORDER BY id LIMIT ?`)
      .safeIntegers(true);
  }

  get(id: string): StoredDocument | null {
    const row = this.getOne.get(id);
    return row ? toStored(row) : null;
  }

  /** Looks up one chunk of at most GET_MANY_CHUNK ids into `into`. */
  getChunk(ids: readonly string[], into: Map<string, StoredDocument>): void {
    const size = IN_LIST_SIZES.find((s) => s >= ids.length) ?? GET_MANY_CHUNK;
    const params = ids.slice(0, size);
    // Padding repeats the last id: duplicates in an IN list match nothing extra.
    while (params.length < size) params.push(ids[ids.length - 1]);
    for (const row of this.inList(size).all(...params)) into.set(row.id, toStored(row));
  }

  /** `limit` -1 means no limit (SQLite's own convention). */
  scan(afterId: string | undefined, limit: number): StoredDocument[] {
    const rows = afterId === undefined ? this.scanFirst.all(limit) : this.scanAfter.all(afterId, limit);
    return rows.map(toStored);
  }

  private inList(size: number): Database.Statement<string[], DocumentRow> {
    let statement = this.inLists.get(size);
    if (!statement) {
      const marks = new Array<string>(size).fill('?').join(', ');
      statement = this.db
        .prepare<string[], DocumentRow>(`SELECT id, position, body FROM ${this.table} WHERE id IN (${marks})`)
        .safeIntegers(true);
      this.inLists.set(size, statement);
    }
    return statement;
  }
}
