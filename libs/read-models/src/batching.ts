/**
 * Pulls from an async source in runs: one item awaited, then every item that is ready at
 * once (up to `max` in all). Catch-up and bulk imports thus go thousands to a run, while a
 * live event is handled at once. Pulls one item at a time, so back-pressure is kept.
 */
export class ReadyRuns<T> {
  private readonly it: AsyncIterator<T>;
  private pending: Promise<IteratorResult<T>> | null = null;
  private ended = false;

  constructor(source: AsyncIterable<T>) {
    this.it = source[Symbol.asyncIterator]();
  }

  /**
   * Hands the next run to `take`, item by item, as each arrives (so a consumer that folds
   * them need not keep them). Resolves with how many it took: 0 once the source has ended.
   */
  async next(max: number, take: (item: T) => void): Promise<number> {
    if (this.ended) return 0;
    const first = await (this.pending ?? this.it.next());
    this.pending = null;
    if (first.done) return this.end(0);
    take(first.value);
    let taken = 1;
    while (taken < max) {
      const next = this.it.next();
      if (!(await settlesSoon(next))) {
        this.pending = next;
        break;
      }
      const result = await next;
      if (result.done) return this.end(taken);
      take(result.value);
      taken++;
    }
    return taken;
  }

  private end(taken: number): number {
    this.ended = true;
    return taken;
  }
}

/** The runs of ReadyRuns as arrays. */
export async function* inBatches<T>(source: AsyncIterable<T>, max: number): AsyncGenerator<T[]> {
  const runs = new ReadyRuns(source);
  for (;;) {
    const batch: T[] = [];
    if ((await runs.next(max, (item) => batch.push(item))) === 0) return;
    yield batch;
  }
}

/** True when the promise settles within a few microtasks or, failing that, by the next macrotask. */
async function settlesSoon(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 16 && !settled; i++) await null;
  if (!settled) await new Promise((resolve) => setImmediate(resolve));
  return settled;
}
