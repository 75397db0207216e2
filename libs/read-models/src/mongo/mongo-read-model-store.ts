import { MongoBulkWriteError, MongoClient, MongoServerError, type Collection, type Db } from 'mongodb';
import type {
  CollectionSpec,
  DocumentWrite,
  FindQuery,
  FindResult,
  ReadModelStore,
  StoredDocument,
} from '../read-model-store';
import { checkCollection, checkField } from '../sqlite/names';
import { buildFind, count } from './find-query';
import {
  CHECKPOINTS_COLLECTION,
  checkPosition,
  fieldPath,
  toStored,
  type MongoCheckpoint,
  type MongoDocument,
} from './stored-document';
import { planWrites, type WritePlan } from './write-plan';

export interface MongoReadModelStoreOptions {
  /** The database holding the read models and their checkpoints; reset() empties all of it. */
  readonly database: string;
}

const DUPLICATE_KEY = 11000;
const NAMESPACE_EXISTS = 48;
// An $in of this many ids stays far below the 16 MiB command limit; a projector batch
// (a few thousand ids) is one query.
const IDS_PER_QUERY = 20_000;
/** Indexed single-id reads in flight at once on FerretDB (see byIds). */
const FERRETDB_READS_IN_FLIGHT = 16;
// FerretDB 1.24 holds a SQLite connection (of a pool of 100) for each matched update of
// an update command until the command ends: a command with about 100 updates deadlocks
// the whole server. Updates go to it in commands this small, leaving room for others.
const FERRETDB_UPDATES_PER_COMMAND = 32;
// A batch is re-planned when another writer changed its documents between the read of
// their positions and the write; more rounds than this means something is wrong.
const MAX_WRITE_ROUNDS = 5;

/**
 * Read-model store of the production profile, on MongoDB or FerretDB (its MongoDB wire
 * protocol). Only single-document atomicity is used, since FerretDB has no multi-document
 * transactions: a batch's documents are written first, each guarded by its position, and
 * the checkpoint moves after them, so a crash between the two replays a batch that
 * changes nothing.
 */
export class MongoReadModelStore implements ReadModelStore {
  private readonly checkpoints: Collection<MongoCheckpoint>;

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    /** FerretDB 1.x: its limits shape how writes are sent (see FERRETDB_* above). */
    private readonly ferretdb: boolean,
  ) {
    this.checkpoints = db.collection<MongoCheckpoint>(CHECKPOINTS_COLLECTION);
  }

  /** Connects (and owns the client until close()). */
  static async connect(url: string, options: MongoReadModelStoreOptions): Promise<MongoReadModelStore> {
    // useBigInt64: positions come back as bigint, exactly. ignoreUndefined: an undefined
    // field is dropped, as JSON (the SQLite adapter's format) drops it.
    const client = new MongoClient(url, { useBigInt64: true, ignoreUndefined: true });
    try {
      await client.connect();
      const server = await client.db('admin').command({ buildInfo: 1 });
      return new MongoReadModelStore(client, client.db(options.database), typeof server.ferretdbVersion === 'string');
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  /** Readiness: the server answers. */
  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  async ensureCollections(specs: readonly CollectionSpec[]): Promise<void> {
    // Every name is checked before anything is created.
    const checked = specs.map((spec) => ({ name: checkCollection(spec.name), fields: spec.indexes.map(checkField) }));
    // Only what is missing is created: FerretDB 1.24 panics when asked for two or more
    // indexes that all exist already, and logs every "already exists" answer in full.
    const existing = new Set((await this.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
    for (const { name, fields } of checked) {
      if (!existing.has(name)) await this.db.createCollection(name).catch(ignoreCode(NAMESPACE_EXISTS));
      if (fields.length === 0) continue;
      const indexes = new Set((await this.collection(name).listIndexes().toArray()).map((index) => String(index.name)));
      // `_id` after the field: find() breaks ties by `_id`, and MongoDB only serves a
      // sort from an index whose keys match it in full (scanned backwards for desc).
      const missing = fields
        .map((field) => ({ name: `${fieldPath(field)}_1__id_1`, key: { [fieldPath(field)]: 1, _id: 1 } }))
        .filter((index) => !indexes.has(index.name));
      if (missing.length > 0) await this.collection(name).createIndexes(missing);
    }
  }

  async get(collection: string, id: string): Promise<StoredDocument | null> {
    const found = await this.collection(collection).findOne({ _id: id });
    return found ? toStored(found) : null;
  }

  async getMany(collection: string, ids: readonly string[]): Promise<Map<string, StoredDocument>> {
    const found = new Map<string, StoredDocument>();
    for (const stored of await this.byIds(collection, ids)) found.set(stored._id, toStored(stored));
    return found;
  }

  async commit(projection: string, writes: readonly DocumentWrite[], checkpoint: bigint): Promise<void> {
    checkPosition(checkpoint);
    const byCollection = new Map<string, DocumentWrite[]>();
    for (const write of writes) {
      checkPosition(write.position);
      const list = byCollection.get(checkCollection(write.collection));
      if (list) list.push(write);
      else byCollection.set(write.collection, [write]);
    }
    // Collections are independent; all are waited for, so nothing is still writing when
    // commit() fails, and the checkpoint moves only when every write went through.
    const results = await Promise.allSettled([...byCollection].map(([name, list]) => this.writeCollection(name, list)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    await this.moveCheckpoint(projection, checkpoint);
  }

  async checkpoint(projection: string): Promise<bigint | null> {
    return (await this.checkpoints.findOne({ _id: projection }))?.position ?? null;
  }

  async find(collection: string, query: FindQuery): Promise<FindResult> {
    const { filter, sort, skip, limit } = buildFind(query);
    const documents = this.collection(collection);
    // Two reads, not one snapshot (no transactions on FerretDB): a commit landing in
    // between can make the total and the page disagree by that commit.
    const [items, total] = await Promise.all([
      // limit(0) would mean "no limit" to MongoDB.
      limit === 0 ? [] : documents.find(filter).sort(sort).skip(skip).limit(limit).toArray(),
      documents.countDocuments(filter),
    ]);
    return { items: items.map(toStored), total };
  }

  async scan(collection: string, options: { readonly afterId?: string; readonly limit?: number } = {}): Promise<StoredDocument[]> {
    const { afterId, limit } = options;
    if (limit !== undefined && count('limit', limit) === 0) return [];
    const cursor = this.collection(collection)
      .find(afterId === undefined ? {} : { _id: { $gt: afterId } })
      .sort({ _id: 1 });
    if (limit !== undefined) cursor.limit(limit);
    return (await cursor.toArray()).map(toStored);
  }

  async reset(): Promise<void> {
    // Listed from the server, not from what this instance wrote, so collections another
    // process created are emptied too. Collections and indexes stay.
    const collections = await this.db.listCollections({}, { nameOnly: true }).toArray();
    await Promise.all(
      collections
        .filter((c) => !c.name.startsWith('system.') && (c.type === undefined || c.type === 'collection'))
        .map((c) => this.db.collection(c.name).deleteMany({})),
    );
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private collection(name: string): Collection<MongoDocument> {
    return this.db.collection<MongoDocument>(checkCollection(name));
  }

  /** Reads the stored positions, plans, writes; plans again if another writer interfered. */
  private async writeCollection(name: string, writes: readonly DocumentWrite[]): Promise<void> {
    const ids = [...new Set(writes.map((w) => w.id))];
    for (let round = 1; round <= MAX_WRITE_ROUNDS; round++) {
      const plan = planWrites(writes, await this.positions(name, ids), { casFilters: !this.ferretdb });
      if (plan.operations.length === 0 || (await this.applied(name, plan))) return;
    }
    throw new Error(`read models: the documents of ${name} kept changing under another writer; batch not applied`);
  }

  /** True when the plan went through as read; false when another writer got there first. */
  private async applied(name: string, plan: WritePlan): Promise<boolean> {
    let matched = 0;
    let deleted = 0;
    try {
      for (const operations of this.commands(plan)) {
        // Unordered: one operation per id, so their order does not matter.
        const result = await this.collection(name).bulkWrite(operations, { ordered: false });
        matched += result.matchedCount;
        deleted += result.deletedCount;
      }
    } catch (error) {
      // An insert of an id that did not exist when read: someone inserted it meanwhile.
      if (error instanceof MongoBulkWriteError && [error.writeErrors].flat().every((e) => e.code === DUPLICATE_KEY)) {
        return false;
      }
      throw error;
    }
    return matched === plan.updates && deleted === plan.deletes;
  }

  /** The plan as one bulk write, or on FerretDB with its updates spread over several. */
  private commands(plan: WritePlan): WritePlan['operations'][] {
    if (!this.ferretdb) return [plan.operations];
    const size = FERRETDB_UPDATES_PER_COMMAND;
    const updates = plan.operations.filter((op) => 'updateOne' in op);
    const others = plan.operations.filter((op) => !('updateOne' in op));
    const commands = [[...others, ...updates.slice(0, size)]];
    for (let start = size; start < updates.length; start += size) commands.push(updates.slice(start, start + size));
    return commands;
  }

  private async positions(name: string, ids: readonly string[]): Promise<Map<string, bigint>> {
    const positions = new Map<string, bigint>();
    for (const { _id, position } of await this.byIds(name, ids, { position: 1 })) positions.set(_id, position);
    return positions;
  }

  /**
   * The documents with these ids. MongoDB answers an $in from the _id index; FerretDB 1.24
   * tests an $in against every document of the collection, so there each id is its own
   * indexed lookup, several in flight.
   */
  private async byIds(name: string, ids: readonly string[], projection?: Record<string, 1>): Promise<MongoDocument[]> {
    const collection = this.collection(name);
    const rows: MongoDocument[] = [];
    if (!this.ferretdb) {
      for (const chunk of chunks(ids)) rows.push(...(await collection.find({ _id: { $in: chunk } }, { projection }).toArray()));
      return rows;
    }
    const queue = [...new Set(ids)];
    const worker = async (): Promise<void> => {
      for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
        const row = await collection.findOne({ _id: id }, { projection });
        if (row) rows.push(row);
      }
    };
    await Promise.all(Array.from({ length: Math.min(FERRETDB_READS_IN_FLIGHT, queue.length) }, worker));
    return rows;
  }

  /** $max: the checkpoint never moves backwards, even under a late, older commit. */
  private async moveCheckpoint(projection: string, position: bigint): Promise<void> {
    const move = () => this.checkpoints.updateOne({ _id: projection }, { $max: { position } }, { upsert: true });
    // Two first commits of one projection may race to insert it; the loser's retry updates.
    await move().catch((error: unknown) => (isCode(error, DUPLICATE_KEY) ? move() : Promise.reject(error)));
  }
}

/** Unique ids in query-sized chunks. */
function chunks(ids: readonly string[]): string[][] {
  const unique = [...new Set(ids)];
  const out: string[][] = [];
  for (let start = 0; start < unique.length; start += IDS_PER_QUERY) out.push(unique.slice(start, start + IDS_PER_QUERY));
  return out;
}

function isCode(error: unknown, code: number): boolean {
  return error instanceof MongoServerError && error.code === code;
}

function ignoreCode(code: number): (error: unknown) => void {
  return (error) => {
    if (!isCode(error, code)) throw error;
  };
}
