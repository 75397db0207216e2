import type {
  CollectionSpec,
  DocumentWrite,
  FindQuery,
  FindResult,
  ReadModelStore,
  SqliteReadModelStore,
  StoredDocument,
} from '@bansos/read-models';
import type { ProjectorThread } from './projector-thread';

/**
 * The read-model store as the main thread of the embedded default sees it: reads on its
 * own connection (WAL readers never wait for the writer), writes made by the projector
 * thread's connection. Two connections of one process writing the same file would queue
 * for its lock, and SQLite's busy wait lets the one that just committed take it again: a
 * bulk projection starved the SLA monitor's small commits until they failed.
 */
export class ThreadWrittenStore implements ReadModelStore {
  constructor(
    private readonly reads: SqliteReadModelStore,
    private readonly writer: ProjectorThread,
  ) {}

  ensureCollections(specs: readonly CollectionSpec[]): Promise<void> {
    return this.writer.write({ op: 'ensureCollections', specs });
  }

  commit(projection: string, writes: readonly DocumentWrite[], checkpoint: bigint): Promise<void> {
    return this.writer.write({ op: 'commit', projection, writes, checkpoint });
  }

  reset(): Promise<void> {
    return this.writer.write({ op: 'reset' });
  }

  get(collection: string, id: string): Promise<StoredDocument | null> {
    return this.reads.get(collection, id);
  }

  getMany(collection: string, ids: readonly string[]): Promise<Map<string, StoredDocument>> {
    return this.reads.getMany(collection, ids);
  }

  checkpoint(projection: string): Promise<bigint | null> {
    return this.reads.checkpoint(projection);
  }

  find(collection: string, query: FindQuery): Promise<FindResult> {
    return this.reads.find(collection, query);
  }

  scan(collection: string, options?: { readonly afterId?: string; readonly limit?: number }): Promise<StoredDocument[]> {
    return this.reads.scan(collection, options);
  }

  close(): Promise<void> {
    return this.reads.close();
  }
}
