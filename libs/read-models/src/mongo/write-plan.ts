import type { AnyBulkWriteOperation } from 'mongodb';
import type { Document, DocumentWrite } from '../read-model-store';
import type { MongoDocument } from './stored-document';

/** The bulk operations of one collection's writes, and what a clean run must report. */
export interface WritePlan {
  readonly operations: AnyBulkWriteOperation<MongoDocument>[];
  /** Updates and deletes: each must match its document, or someone changed it meanwhile. */
  readonly updates: number;
  readonly deletes: number;
}

export interface PlanOptions {
  /**
   * Filters on `_id` and the position read (true), or on `_id` alone (false). FerretDB 1.24
   * only hands a filter of `_id` alone to SQLite and scans the whole collection in Go for
   * any other; its update is a read then a write, so the position in the filter would not
   * make it atomic there anyway. MongoDB gets the compare-and-set.
   */
  readonly casFilters: boolean;
}

type State = { readonly position: bigint; readonly doc: Document | null } | null;

/**
 * Plans one collection's writes against the positions stored before the batch (absent
 * ids are new). Each id's writes are folded in batch order with the store's guard (a
 * write applies only above the current position), so the batch needs one operation per
 * id and the result is exactly that of applying the writes one by one.
 *
 * Each operation is a compare-and-set on what was read: a new document is inserted (a
 * duplicate key means another writer created it), an existing one is updated or deleted
 * only while it still has the position read. Upserts guarded by position are avoided on
 * purpose: when the guard fails they collide with the existing `_id`, and FerretDB stops
 * an update command at its first error even when it is unordered.
 */
export function planWrites(
  writes: readonly DocumentWrite[],
  stored: ReadonlyMap<string, bigint>,
  options: PlanOptions = { casFilters: true },
): WritePlan {
  const match = (id: string, position: bigint) => (options.casFilters ? { _id: id, position } : { _id: id });
  const byId = new Map<string, DocumentWrite[]>();
  for (const write of writes) {
    const list = byId.get(write.id);
    if (list) list.push(write);
    else byId.set(write.id, [write]);
  }

  const operations: AnyBulkWriteOperation<MongoDocument>[] = [];
  let updates = 0;
  let deletes = 0;
  for (const [id, list] of byId) {
    const before = stored.get(id);
    // `doc: null` in a state means "present, body not read": only positions matter here.
    let state: State = before === undefined ? null : { position: before, doc: null };
    for (const write of list) {
      if (state !== null && state.position >= write.position) continue;
      state = write.doc === null ? null : { position: write.position, doc: write.doc };
    }

    if (state !== null && state.doc !== null) {
      const { position, doc } = state;
      if (before === undefined) {
        operations.push({ insertOne: { document: { _id: id, position, doc } } });
      } else {
        operations.push({ updateOne: { filter: match(id, before), update: { $set: { position, doc } } } });
        updates++;
      }
    } else if (state === null && before !== undefined) {
      operations.push({ deleteOne: { filter: match(id, before) } });
      deletes++;
    }
  }
  return { operations, updates, deletes };
}
