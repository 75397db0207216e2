import type { Document, StoredDocument } from '../read-model-store';

/** A collection row as read by statements with safeIntegers on (position is a bigint). */
export interface DocumentRow {
  readonly id: string;
  readonly position: bigint;
  readonly body: string;
}

export function toStored(row: DocumentRow): StoredDocument {
  return { id: row.id, position: row.position, doc: JSON.parse(row.body) as Document };
}
