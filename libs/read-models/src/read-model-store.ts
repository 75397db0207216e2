/**
 * The read-model store port: just what the projections and the queries need.
 * Adapters: embedded SQLite, MongoDB. Both pass testing/read-model-store.contract.ts.
 */

export type Document = Readonly<Record<string, unknown>>;

/** A document with the global position of the last event applied to it. */
export interface StoredDocument<D extends Document = Document> {
  readonly id: string;
  readonly position: bigint;
  readonly doc: D;
}

/** Upsert (doc) or delete (null) a document as of `position`. */
export interface DocumentWrite {
  readonly collection: string;
  readonly id: string;
  readonly doc: Document | null;
  readonly position: bigint;
}

export type FieldValue = string | number | boolean | null;

export interface FindQuery {
  /** Equality on top-level fields. */
  readonly where?: Readonly<Record<string, FieldValue>>;
  readonly orderBy?: { readonly field: string; readonly direction: 'asc' | 'desc' };
  readonly limit: number;
  readonly offset?: number;
}

export interface FindResult<D extends Document = Document> {
  readonly items: StoredDocument<D>[];
  readonly total: number;
}

export interface CollectionSpec {
  readonly name: string;
  /** Top-level fields that queries filter or sort on. */
  readonly indexes: readonly string[];
}

export interface ReadModelStore {
  /** Creates collections and their indexes if missing; safe to call at every start. */
  ensureCollections(specs: readonly CollectionSpec[]): Promise<void>;
  get(collection: string, id: string): Promise<StoredDocument | null>;
  getMany(collection: string, ids: readonly string[]): Promise<Map<string, StoredDocument>>;
  /**
   * Applies writes and moves the projection's checkpoint, atomically where the engine
   * allows. A write whose position is not beyond the stored document's is ignored, so
   * replaying a batch changes nothing.
   */
  commit(projection: string, writes: readonly DocumentWrite[], checkpoint: bigint): Promise<void>;
  checkpoint(projection: string): Promise<bigint | null>;
  find(collection: string, query: FindQuery): Promise<FindResult>;
  /** Every document of a collection in id order (for audits and rebuild comparisons). */
  scan(collection: string, options?: { readonly afterId?: string; readonly limit?: number }): Promise<StoredDocument[]>;
  /** Drops every document and checkpoint (rebuild from the first event). */
  reset(): Promise<void>;
  close(): Promise<void>;
}
