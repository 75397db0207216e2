import type { Document, StoredDocument } from '../read-model-store';
import { checkField } from '../sqlite/names';

/**
 * How a read-model document sits in MongoDB: the id as `_id` (so the primary index is
 * the lookup key, unique by construction), the position as an int64 and the projection's
 * document nested under `doc`, so its fields never collide with ours.
 */
export interface MongoDocument {
  _id: string;
  position: bigint;
  doc: Document;
}

/** One checkpoint per projection, in a collection no read model can be named after. */
export interface MongoCheckpoint {
  _id: string;
  position: bigint;
}

/** Collection names are identifiers that start with a letter: this one can never clash. */
export const CHECKPOINTS_COLLECTION = '_checkpoints';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Positions are stored as BSON int64 (they compare exactly, past 2^53). The driver
 * would wrap a bigint beyond 64 bits silently, so those are refused here.
 */
export function checkPosition(position: bigint): bigint {
  if (typeof position !== 'bigint' || position < INT64_MIN || position > INT64_MAX) {
    throw new RangeError(`position ${String(position)} does not fit a 64-bit integer`);
  }
  return position;
}

/** The path of a projection's top-level field inside a stored document. */
export function fieldPath(field: string): string {
  return `doc.${checkField(field)}`;
}

export function toStored(stored: MongoDocument): StoredDocument {
  return { id: stored._id, position: stored.position, doc: stored.doc };
}
