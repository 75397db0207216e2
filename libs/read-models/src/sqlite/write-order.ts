import type { DocumentWrite } from '../read-model-store';

/**
 * The writes of a batch sorted by collection, then id. Ids are hashes, so in arrival
 * order every write descends into an unrelated part of the B-tree; in key order
 * consecutive writes share the pages of their path, which measured noticeably faster
 * on large batches. The sort is stable, so writes to one id keep their order (the
 * only order that matters: different ids never affect each other).
 */
export function inKeyOrder(writes: readonly DocumentWrite[]): readonly DocumentWrite[] {
  if (writes.length < 2) return writes;
  return [...writes].sort(byCollectionThenId);
}

function byCollectionThenId(a: DocumentWrite, b: DocumentWrite): number {
  if (a.collection !== b.collection) return a.collection < b.collection ? -1 : 1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}
