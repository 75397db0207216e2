export interface LingerOptions {
  /** Most items per batch. */
  readonly max: number;
  /** How long a batch may wait, after its first item, for more to arrive. */
  readonly lingerMs: number;
}

const TIMED_OUT = Symbol('timed out');

/**
 * Groups a pull-based source into batches: a batch closes when it holds `max` items, or
 * `lingerMs` after its first item arrived. A backlog (catch-up) therefore goes out in full
 * batches, while a trickle of live events waits a moment to share one round trip instead of
 * paying one each. The source is pulled only as batches are consumed (back-pressure), and
 * when it ends, the batch in hand is still yielded.
 */
export async function* lingeringBatches<T>(source: AsyncIterable<T>, options: LingerOptions): AsyncGenerator<T[]> {
  const it = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<T>> | null = null;
  for (;;) {
    const first = await (pending ?? it.next());
    pending = null;
    if (first.done) return;
    const batch = [first.value];
    // One timer per batch, shared by every wait within it.
    let timer: NodeJS.Timeout | undefined;
    const lingered = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), options.lingerMs)));
    let ended = false;
    try {
      while (batch.length < options.max) {
        const next = it.next();
        const result = await Promise.race([next, lingered]);
        if (result === TIMED_OUT) {
          pending = next;
          break;
        }
        if (result.done) {
          ended = true;
          break;
        }
        batch.push(result.value);
      }
    } finally {
      clearTimeout(timer);
    }
    yield batch;
    if (ended) return;
  }
}

/** Splits items into consecutive runs of at most `maxBytes` (one oversized item runs alone). */
export function chunkBySize<T>(items: readonly T[], size: (item: T) => number, maxBytes: number): T[][] {
  const chunks: T[][] = [];
  let chunk: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const itemBytes = size(item);
    if (chunk.length > 0 && bytes + itemBytes > maxBytes) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(item);
    bytes += itemBytes;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
